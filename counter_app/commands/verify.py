"""`counter-app verify`: is the presented card genuine, valid and in use? Every check, and why.

The chip opens with the unlock number 照合番号B (typed, or from the card face's QR code as a
scanner types it) or with the resident's PIN (from a file). The operator logs in as for the
counter tasks; the verification is recorded under --purpose. Exit status: 0 only when the card
is genuine, valid and in use; 1 when a check failed or is unknown, or the card is not in this
municipality's register (a real 個人番号カード never is: its result says whether its J-LIS
signatures succeeded or were not checked); 2 when the card could not be read (what happened and
what to do are printed). With --face-image (an image file) or --scanner
(a SANE device), the printed card face is compared with the chip field by field, and the exit
status is 0 only when it matches too.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any, TextIO

from counter_app.commands.card_read import checks_json, face_json, text_json
from counter_app.commands.counter_tasks import DB_HELP, card_source, read_one
from counter_app.commands.operator_login import PASSWORD_ENV, log_in
from counter_app.config import Configuration
from counter_app.register_key import token_record_code_cipher

if TYPE_CHECKING:
    from PIL import Image

    from counter_app.face_scan.report import FaceComparison
    from counter_app.workflows.verification import VerificationResult

COMMAND = "verify"
DESCRIPTION = (
    "Verify the card in the reader: the issuer's signatures by the chain model, the chip "
    "(a fresh challenge), the expiry, the register status read now, and the QR seal when its "
    "text is given. Exit status 0 only when the card is genuine, valid and in use, 1 when a "
    "check failed or is unknown, 2 when the card could not be read. The operator logs in with "
    f"--operator (login name or number) and the password from ${PASSWORD_ENV}, or else a "
    "prompt; the verification is recorded in the audit trail under --purpose. With "
    "--face-image or --scanner the printed card face is compared with the chip, field by field."
)


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `verify` to main.py's parser."""
    verify = sub.add_parser("verify", help="verify a presented card", description=DESCRIPTION)
    verify.add_argument("--reader", required=True, help="reader name")
    secret = verify.add_mutually_exclusive_group(required=True)
    secret.add_argument("--unlock", metavar="NUMBER", help="unlock number 照合番号B (14 digits)")
    secret.add_argument(
        "--qr-text", metavar="TEXT", help="the card face's QR code, as a 2D scanner types it"
    )
    secret.add_argument("--pin-file", metavar="FILE", help="file with the resident's PIN")
    verify.add_argument("--operator", required=True, help="operator login name or number")
    verify.add_argument("--purpose", required=True, help="purpose code, e.g. identity-check")
    verify.add_argument(
        "--confirm-last-try",
        action="store_true",
        help="send the number even when only one try is left (else refused before sending)",
    )
    face = verify.add_mutually_exclusive_group()
    face.add_argument(
        "--face-image",
        metavar="FILE",
        help="a scan or photo of the card's front (PNG, JPEG or TIFF, 300-600 dpi) to compare",
    )
    face.add_argument(
        "--scanner",
        metavar="DEVICE",
        help="scan the card's front with this SANE device (see `scanimage -L`) and compare it",
    )
    verify.add_argument(
        "--scan-dpi", type=int, default=300, help="resolution for --scanner (default 300)"
    )
    verify.add_argument("--db", default=None, help=DB_HELP)
    verify.add_argument("--json", action="store_true", help="print JSON")


def face_comparison_json(comparison: FaceComparison) -> dict[str, Any]:
    """The printed face's comparison: each field's verdict, reason, region and evidence."""
    fields = []
    for f in comparison.fields:
        entry: dict[str, Any] = {"field": f.field.value, "verdict": f.verdict.value}
        entry["reason"] = f.reason
        if f.region is not None:
            r = f.region
            entry["region"] = {"left": r.left, "top": r.top, "width": r.width, "height": r.height}
        if f.expected is not None:
            entry["expected"] = f.expected
        if f.found is not None:
            entry["found"] = f.found
        if f.score is not None:
            entry["score"] = round(f.score, 3)
        fields.append(entry)
    return {
        "compared_by": comparison.compared_by.value,
        "matches": comparison.matches,
        "fields": fields,
    }


def result_json(result: VerificationResult, reader: str) -> dict[str, Any]:
    """The verdict as JSON data: every check; data only where its checks succeeded."""
    card = result.register
    data: dict[str, Any] = {}
    if result.text is not None:
        data["text"] = text_json(result.text)
    if result.face is not None:
        data["face"] = face_json(result.face)
    return {
        "reader": reader,
        "serial": result.serial,
        "valid": result.valid,
        "in_use": result.in_use,
        "opened_with": [o.value for o in result.opened_with],
        "checks": checks_json(result.checks),
        "register": None
        if card is None
        else {
            "status": card.status.value,
            "issued_on": card.issued_on.isoformat(),
            "expires_on": card.expires_on.isoformat(),
        },
        "recorded": result.recorded,
        "data": data or None,
        "printed_face": None
        if result.face_comparison is None
        else face_comparison_json(result.face_comparison),
    }


def headline(result: dict[str, Any]) -> str:
    """VALID (genuine, valid, in use); NOT VALID (a check failed or is unknown); GENUINE, NOT
    IN THIS REGISTER (another issuer's or a 個人番号カード, every check that applies succeeded);
    NOT CHECKED (nothing failed, but what decides was not checked, e.g. no J-LIS key)."""
    if result["valid"]:
        return "VALID" if result["in_use"] else "GENUINE, NOT IN THIS REGISTER"
    if any(check["verdict"] in ("failed", "unknown") for check in result["checks"]):
        return "NOT VALID"
    return "NOT CHECKED"


def _print_text(result: dict[str, Any], out: TextIO) -> None:
    print(f"{headline(result)}: card {result['serial']} in {result['reader']}", file=out)
    for check in result["checks"]:
        line = f"  {check['verdict']:<11} {check['title']}: {check['reason']}"
        if "expected" in check:
            line += f" (expected {check['expected']}, found {check['found']})"
        print(line, file=out)
    if not result["recorded"]:
        print("The verification could not be recorded: the register did not answer.", file=out)
    face = result["printed_face"]
    if face is not None:
        print(f"Printed face ({face['compared_by']}):", file=out)
        for f in face["fields"]:
            line = f"  {f['verdict']:<11} {f['field']}: {f['reason']}"
            if f["verdict"] == "failed" and "expected" in f:
                line += f" (expected {f['expected']}, found {f.get('found')})"
            print(line, file=out)
    for part in (result["data"] or {}).values():
        for key, value in part.items():
            print(f"  {key}: {value}", file=out)


def _face_scan(args: argparse.Namespace) -> bytes | Image.Image | None:
    """The printed face to compare: the image file's bytes, a scan from the SANE device, or
    None. Read before the card is opened, so a missing file costs no try."""
    from pathlib import Path

    from counter_app.face_scan.scan_image import load_scan
    from counter_app.face_scan.scanner import scan_card_face

    if args.face_image:
        return load_scan(Path(args.face_image))
    if args.scanner:
        return scan_card_face(args.scanner, resolution=args.scan_dpi)
    return None


def run(args: argparse.Namespace, config: Configuration, out: TextIO | None = None) -> int:
    """Log in, verify the card in `--reader`, print the verdict, log out."""
    from counter_app.records import Register
    from counter_app.workflows import context_from_config
    from counter_app.workflows.verification import VerificationRequest, VerificationWorkflow

    out = out or sys.stdout
    config = config.with_register(args.db)
    face_scan = _face_scan(args)
    request = VerificationRequest(
        purpose=args.purpose,
        unlock_number=args.unlock,
        pin=read_one(args.pin_file) if args.pin_file else None,
        qr_text=args.qr_text,
        confirm_last_try=args.confirm_last_try,
        face_scan=face_scan,
    )
    register = Register.open(
        config.register,
        key_path=config.record_code_key,
        cipher=token_record_code_cipher(config),
    )
    try:
        session = log_in(register, args.operator, configured_password=config.operator_password)
        try:
            ctx = context_from_config(config, register, session)
            result = VerificationWorkflow(ctx, request, card_source(config)).run()
        finally:
            register.operators.logout(session)
    finally:
        register.close()
    payload = result_json(result, args.reader)
    payload["verdict"] = headline(payload)
    if args.json:
        print(json.dumps(payload, ensure_ascii=False, indent=2), file=out)
    else:
        _print_text(payload, out)
    return 0 if result.valid and result.in_use else 1
