"""`counter-app card read`: read and verify the card in a reader, print the result.

With --pin: the text attributes (name, address, birth date, sex); the chip challenge runs too,
but the chip key and expiry are in the face data, so those checks are unknown and the exit
status is 1 (`counter-app verify` checks them against the register). With --unlock: the face
data; its images are given as their size in bytes and SHA-256, not their content. Every check
is printed with its verdict; data a failed check covers (an expired card's too) is withheld.
The resident record code is never read. Exit status: 0 when every check succeeded, 1
otherwise (2 for errors).

A 個人番号カード (told by its JPKI AP, asked only when the card does not answer as ours) is read
by its public layout the same way: --pin the text AP, --unlock the face AP with 照合番号B,
checked against the J-LIS keys of the trust store (not checked without them). Its chip cannot
be authenticated by the public layout, so its exit status is never 0, and the output says that
it is J-LIS's card, whose status is not in this municipality's register, and that
`counter-app verify` is the check of a presented card.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from datetime import date
from typing import Any

from counter_app.card.connection import NoCardError
from counter_app.card.errors import NotOurCardError
from counter_app.card.issuer_keys import TrustStore
from counter_app.card.layout import FaceData, TextAttributes
from counter_app.card.protocol import ApduTransport
from counter_app.card.readers import ReaderBackend
from counter_app.card.reading import (
    TEXT_COVERING,
    chip_checks_without_face,
    read_face,
    read_text_ap,
)
from counter_app.card.real_reading import (
    NO_CHIP_AUTHENTICATION,
    REAL_CARD_SERIAL,
    REAL_TEXT_COVERING,
    CardKind,
    detect_card,
    read_real_face,
    read_real_text,
)
from counter_app.card.sessions.card import card_serial
from counter_app.card.verification import Check, CheckId, Verdict, VerificationReport, report
from counter_app.card_service.backends import open_backend
from counter_app.config import Configuration
from counter_app.japanese_dates import format_era_date
from counter_app.trust_store import load_trust_store

SEX_LABELS = {0: "not known", 1: "male", 2: "female", 9: "not applicable"}


def _image(data: bytes) -> dict[str, Any]:
    return {"bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}


def text_json(attributes: TextAttributes) -> dict[str, Any]:
    return {
        "name": attributes.name,
        "address": attributes.address,
        "birth_date": attributes.birth_date.isoformat(),
        "birth_date_era": format_era_date(attributes.birth_date),
        "sex": attributes.sex,
        "sex_label": SEX_LABELS.get(attributes.sex, "unknown"),
    }


def face_json(face: FaceData) -> dict[str, Any]:
    return {
        "birth_date": face.birth_date.isoformat(),
        "birth_date_era": format_era_date(face.birth_date),
        "sex": face.sex,
        "sex_label": SEX_LABELS.get(face.sex, "unknown"),
        "expiry": face.expiry.isoformat(),
        "chip_public_key": face.chip_public_key.hex().upper(),
        "name_image": _image(face.name_image),
        "address_image": _image(face.address_image),
        "photo": _image(face.photo),
        "security_code_image": _image(face.code_image),
    }


def check_json(check: Check) -> dict[str, str]:
    """One check: id, title, verdict, reason, and the evidence (expected, found) when known."""
    out = {
        "id": check.id.value,
        "title": check.title,
        "verdict": check.verdict.value,
        "reason": check.reason,
    }
    if check.expected is not None or check.found is not None:
        out["expected"] = check.expected or ""
        out["found"] = check.found or ""
    return out


def checks_json(checks: Iterable[Check]) -> list[dict[str, str]]:
    return [check_json(c) for c in checks]


def _pick_reader(backend: ReaderBackend, reader: str | None) -> str:
    if reader is not None:
        return reader
    for info in backend.readers():
        if info.card_present:
            return info.name
    raise NoCardError("no reader holds a card")


REAL_CARD_NOTE = (
    "A 個人番号カード issued by J-LIS, read by its public layout: its status is in J-LIS's "
    "register, not this municipality's, and its chip cannot be authenticated. To check a card "
    "a resident presents at the counter, use `counter-app verify`."
)


def _print_text(result: dict[str, Any]) -> None:
    print(f"Reader: {result['reader']}")
    if result["card"] == CardKind.REAL.value:
        print(f"Card: {REAL_CARD_SERIAL} (issued by J-LIS)")
        print(REAL_CARD_NOTE)
    else:
        print(f"Card serial: {result['serial']}")
    for check in result["checks"]:
        evidence = (
            f"; expected {check['expected']}, found {check['found']}" if "expected" in check else ""
        )
        print(f"{check['title']}: {check['verdict']} ({check['reason']}{evidence})")
    data = result["data"]
    if data is None:
        print("The data is not shown: a check that covers it did not succeed.")
        return
    for key, value in data.items():
        print(f"{key}: {value}")


def _read_ours(
    transport: ApduTransport,
    pin: str | None,
    unlock: str | None,
    serial: bytes,
    trust: TrustStore,
) -> tuple[VerificationReport, dict[str, Any] | None]:
    if pin is not None:
        text = read_text_ap(transport, pin, serial, trust=trust)
        # The same chip and expiry checks as every verification; without the face data or
        # the register they are unknown, so the exit status is never 0.
        chip = chip_checks_without_face(transport, None, None, date.today())
        checked = report((*text.report.checks, *chip), TEXT_COVERING)
        return checked, text_json(text.attributes) if text.attributes else None
    face = read_face(transport, unlock or "", trust=trust)
    return face.report, face_json(face.face) if face.face else None


def _read_real(
    transport: ApduTransport, pin: str | None, unlock: str | None, jlis: TrustStore
) -> tuple[VerificationReport, dict[str, Any] | None]:
    """A 個人番号カード by its public layout, against the J-LIS keys."""
    if pin is not None:
        text = read_real_text(transport, pin=pin, trust=jlis)
        chip = Check(CheckId.CHIP_AUTHENTICATION, Verdict.NOT_CHECKED, NO_CHIP_AUTHENTICATION)
        checked = report((*text.report.checks, chip), REAL_TEXT_COVERING)
        return checked, text_json(text.attributes) if text.attributes else None
    face = read_real_face(transport, unlock or "", trust=jlis)
    return face.report, face_json(face.face) if face.face else None


def read(config: Configuration, pin: str | None, unlock: str | None, as_json: bool) -> int:
    """Read and verify the text attributes (`pin`) or the face data (`unlock`); print them.

    The card is verified against the configured trust store, which reading never creates
    (without one, the signatures cannot be checked and the read says so). `config.reader` names
    the reader; without it, the first reader holding a card.
    """
    if (pin is None) == (unlock is None):
        raise ValueError("give exactly one of pin and unlock")
    trust = load_trust_store(config.trust_store).cards
    reader = config.reader
    backend = open_backend(config)
    try:
        name = _pick_reader(backend, reader)
        connection = backend.connect(name)
        try:
            transport = ApduTransport(connection)
            try:
                serial_bytes = card_serial(transport)  # ours: the first APDUs of either read
            except NotOurCardError:
                if detect_card(transport) is not CardKind.REAL:
                    raise
                kind, serial = CardKind.REAL, REAL_CARD_SERIAL
                checked, data = _read_real(transport, pin, unlock, trust)
            else:
                kind, serial = CardKind.OURS, serial_bytes.hex().upper()
                checked, data = _read_ours(transport, pin, unlock, serial_bytes, trust)
        finally:
            connection.close()
    finally:
        backend.close()
    result = {
        "reader": name,
        "card": kind.value,
        "serial": serial,
        "read": "text" if pin is not None else "face",
        "all_checks_succeeded": checked.all_succeeded,
        "checks": checks_json(checked.checks),
        "data": data,
    }
    if as_json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        _print_text(result)
    return 0 if checked.all_succeeded else 1
