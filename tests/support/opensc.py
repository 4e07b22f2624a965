"""Reading a card with opensc-tool's raw APDUs: a PC/SC client this project did not write."""

from __future__ import annotations

import re
import subprocess

from counter_app.card import profile as p


def opensc_read(reader: str, pin: str) -> bytes:
    """SELECT the text AP, VERIFY the PIN, READ BINARY EF 0002 with opensc-tool's raw APDUs."""
    aid = p.Aid.TEXT.value
    apdus = [
        f"00:A4:04:0C:{len(aid):02X}:" + ":".join(f"{b:02X}" for b in aid),
        "00:20:00:91:04:" + ":".join(f"{b:02X}" for b in pin.encode()),
        "00:B0:82:00:00",
    ]
    args = ["opensc-tool", "-r", reader]
    for apdu in apdus:
        args += ["-s", apdu]
    output = subprocess.run(args, capture_output=True, text=True, timeout=60, check=True).stdout
    answers = re.split(r"Received \(SW1=0x([0-9A-Fa-f]{2}), SW2=0x([0-9A-Fa-f]{2})\)", output)
    # answers: [before, sw1, sw2, body, sw1, sw2, body, ...]
    statuses = [(answers[i], answers[i + 1]) for i in range(1, len(answers), 3)]
    assert [s.upper() for s, _ in statuses] == ["90", "90", "90"], output
    body = answers[-1]
    data = bytearray()
    for line in body.splitlines():
        data += bytes.fromhex("".join(re.findall(r"\b[0-9A-Fa-f]{2}\b", line[:48])))
    return bytes(data)
