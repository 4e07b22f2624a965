"""APDU traces at their own log level (TRACE, below DEBUG), with secrets masked.

PIN commands never show their data, and a caller marks an exchange `secret` when its response
holds something that must not be logged (the resident record code, say). Masking keeps the
length, so a trace still shows that data went by.
"""

from __future__ import annotations

import logging

TRACE = 5
_SECRET_INS = frozenset({0x20, 0x24, 0x2C})  # VERIFY, CHANGE REFERENCE DATA, RESET RETRY COUNTER

log = logging.getLogger("counter_app.apdu")


def install_trace_level() -> None:
    """Register the TRACE level name so `--log-level TRACE` works."""
    logging.addLevelName(TRACE, "TRACE")


def _mask(data: bytes) -> str:
    return f"<{len(data)} bytes masked>"


def format_command(command: bytes, *, secret: bool = False) -> str:
    """Hex of a command APDU with its data masked when it carries a secret."""
    if len(command) <= 5:
        return command.hex(" ").upper()
    header = command[:4].hex(" ").upper()
    ins = command[1]
    if secret or ins in _SECRET_INS:
        return f"{header} {_mask(command[4:])}"
    return command.hex(" ").upper()


def format_response(response: bytes, *, secret: bool = False) -> str:
    """Hex of a response APDU with its data masked when `secret`."""
    data, sw = response[:-2], response[-2:]
    shown = _mask(data) if secret and data else data.hex(" ").upper()
    return f"{shown} {sw.hex().upper()}".strip()


def trace_exchange(command: bytes, response: bytes, *, secret: bool = False) -> None:
    """Log one exchange at TRACE level."""
    if log.isEnabledFor(TRACE):
        log.log(
            TRACE,
            ">> %s << %s",
            format_command(command, secret=secret),
            format_response(response, secret=secret),
        )
