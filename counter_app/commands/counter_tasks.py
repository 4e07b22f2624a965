"""`counter-app issue | address-change | pin-reset | suspend | reissue | return-card | reprint |
report`.

The counter's tasks without the window, sharing the workflows the window runs. The operator
logs in with `--operator` (login name or number) and the password from the environment
variable COUNTER_APP_OPERATOR_PASSWORD, else from a prompt. PINs and unlock numbers are read
from files (never from the command line, where other users could see them in the process list),
and nothing printed carries a PIN, a key or a resident record code.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from counter_app.commands.operator_login import PASSWORD_ENV, log_in
from counter_app.config import Configuration
from counter_app.errors import CounterError
from counter_app.register_key import token_record_code_cipher

if TYPE_CHECKING:
    from counter_app.card.connection import CardConnection
    from counter_app.config import Configuration
    from counter_app.records import OperatorSession, Register
    from counter_app.workflows import CounterContext

COMMANDS = frozenset(
    {
        "issue",
        "address-change",
        "pin-reset",
        "suspend",
        "reissue",
        "return-card",
        "reprint",
        "report",
    }
)
DB_HELP = "register URL (default: $COUNTER_APP_DB, else SQLite in the data directory)"
AUTH_HELP = (
    f"The operator logs in with --operator (login name or number) and the password from "
    f"${PASSWORD_ENV}, or else a prompt; the operator needs the issuing clerk or supervisor role. "
    "Every action is recorded in the audit trail with its purpose. Exit status 0 on success, "
    "2 on an error (what happened and what to do are printed)."
)


class InputFileError(CounterError):
    """A PIN, unlock-number or photo file could not be read."""

    what = "A file given on the command line could not be read."
    todo = "Check the file name and that you may read the file, then try again."


class ReaderNotFoundError(CounterError):
    what = "No reader with a card was found."
    todo = "Put the card in the reader, or name the reader with --reader."


def common_options(parser: argparse.ArgumentParser, *, card: bool = True) -> None:
    """--operator, --db and (for a card task) --reader."""
    parser.add_argument("--operator", required=True, help="operator login name or number")
    parser.add_argument("--db", default=None, help=DB_HELP)
    if card:
        parser.add_argument(
            "--reader", default=None, help="reader name (default: first with a card)"
        )


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the counter task subcommands to main.py's parser."""
    docs = "kinds of identity documents checked, comma-separated (e.g. passport,driving_licence)"
    issue = sub.add_parser("issue", help="issue a new card", description=AUTH_HELP)
    reissue = sub.add_parser(
        "reissue", help="issue a new card and revoke the old one", description=AUTH_HELP
    )
    for parser in (issue, reissue):
        common_options(parser)
        parser.add_argument("--resident", type=int, required=True, help="resident number")
        parser.add_argument(
            "--pin-file", required=True, help="file with the resident's new PIN (twice: 2 lines)"
        )
        parser.add_argument("--photo", default=None, help="JPEG photo: issue a photo card")
        parser.add_argument("--documents", default="other", help=docs)
        parser.add_argument(
            "--free-elderly",
            default=None,
            metavar="PROOF",
            help="free issuance for a returned licence: 運転経歴証明書 number, or the "
            "cancellation notice date YYYY-MM-DD",
        )
        parser.add_argument(
            "--print-to", default=None, help="card face PDF (the receipt goes to NAME-receipt.pdf)"
        )
    reissue.add_argument("--reason", default="reissued", help="why the old card is replaced")

    move = sub.add_parser(
        "address-change",
        help="write the new address to the card (転入・転居)",
        description=AUTH_HELP,
    )
    common_options(move)
    move.add_argument("--resident", type=int, required=True, help="resident number")
    move.add_argument("--pin-file", required=True, help="file with the resident's PIN")
    move.add_argument("--unlock-file", required=True, help="file with the unlock number 照合番号B")
    move.add_argument("--moved-on", required=True, help="date of the move, YYYY-MM-DD")
    move.add_argument("--kind", choices=["転居", "転入"], default="転居")
    move.add_argument("--print-to", default=None, help="PDF of the new line on the card's back")

    reset = sub.add_parser(
        "pin-reset", help="set a new PIN after a lock-out", description=AUTH_HELP
    )
    common_options(reset)
    reset.add_argument("--resident", type=int, required=True, help="resident number")
    reset.add_argument("--pin-file", required=True, help="file with the new PIN (twice: 2 lines)")
    reset.add_argument("--documents", required=True, help=docs)

    suspend = sub.add_parser(
        "suspend", help="suspend a lost card at once (register only)", description=AUTH_HELP
    )
    common_options(suspend, card=False)
    suspend.add_argument("--resident", type=int, required=True, help="resident number")
    suspend.add_argument("--serial", default=None, help="card serial (default: the card in use)")
    suspend.add_argument("--reason", default="lost", help="reason recorded")

    back = sub.add_parser(
        "return-card", help="take a card back and invalidate it", description=AUTH_HELP
    )
    common_options(back)
    back.add_argument("--resident", type=int, required=True, help="resident number")
    back.add_argument("--serial", default=None, help="card serial (default: the card in use)")
    back.add_argument(
        "--not-at-hand", action="store_true", help="the card is not here: record only"
    )

    again = sub.add_parser(
        "reprint",
        help="print a card's face, receipt or last address line again, with a reason",
        description=AUTH_HELP
        + " The PDF is written to the printouts directory (or --out); the reason is recorded.",
    )
    common_options(again, card=False)
    whose = again.add_mutually_exclusive_group(required=True)
    whose.add_argument("--resident", type=int, help="resident number: the card in use")
    whose.add_argument("--serial", default=None, help="card serial (a card in use)")
    again.add_argument(
        "--what",
        choices=["face", "receipt", "address-lines"],
        required=True,
        help="the card face (front and back), the handover receipt, or the last address line",
    )
    again.add_argument(
        "--reason", required=True, help="why it is printed again (e.g. 用紙詰まり, 印刷失敗)"
    )
    again.add_argument("--out", default=None, help="PDF file (default: the printouts directory)")

    report = sub.add_parser("report", help="reports", description=AUTH_HELP)
    report_sub = report.add_subparsers(dest="report_command", required=True)
    free = report_sub.add_parser(
        "free-issuance",
        help="free issuances for returned driving licences, with their proof",
        description=AUTH_HELP,
    )
    common_options(free, card=False)
    free.add_argument("--from", dest="start", required=True, help="first day, YYYY-MM-DD")
    free.add_argument("--to", dest="end", required=True, help="last day, YYYY-MM-DD")
    free.add_argument("--json", action="store_true", help="print JSON")
    stats = report_sub.add_parser(
        "statistics",
        help="figures for the council: holding rate, card events, look-ups, service use",
        description=AUTH_HELP.replace("issuing clerk or supervisor", "supervisor")
        + " Counts below the threshold are shown as * in JSON, CSV and the PDF report.",
    )
    common_options(stats, card=False)
    stats.add_argument("--from", dest="start", required=True, help="first day, YYYY-MM-DD")
    stats.add_argument("--to", dest="end", required=True, help="last day, YYYY-MM-DD")
    shape = stats.add_mutually_exclusive_group()
    shape.add_argument("--json", action="store_true", help="print JSON")
    shape.add_argument(
        "--csv", action="store_true", help="print CSV keyed by the local government code"
    )
    shape.add_argument(
        "--pdf",
        metavar="FILE",
        default=None,
        help="write the council report (tables, charts, definitions in Japanese) as PDF",
    )
    stats.add_argument(
        "--threshold",
        type=int,
        default=None,
        help="suppress counts below this (default 5)",
    )


# -- helpers --------------------------------------------------------------------------------------


def _read_secret_lines(path: str) -> list[str]:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputFileError(f"cannot read {path}") from exc
    return [line.strip() for line in text.splitlines() if line.strip()]


def read_new_pin(path: str) -> str:
    """The new PIN from a file of one line, or two lines that must be equal."""
    from counter_app.workflows import new_pin

    lines = _read_secret_lines(path) or [""]
    return new_pin(lines[0], lines[1] if len(lines) > 1 else lines[0])


def read_one(path: str) -> str:
    """The first line of a secret's file (a PIN, an unlock number)."""
    lines = _read_secret_lines(path)
    return lines[0] if lines else ""


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise SystemExit(f"error: {text!r} is not a date YYYY-MM-DD") from None


def card_source(config: Configuration) -> Callable[[], CardConnection]:
    """Connects to the configured reader (or the first with a card) each time it is called."""
    from counter_app.card_service.backends import open_backend

    reader = config.reader
    backend = open_backend(config)

    def connect() -> CardConnection:
        names = [r.name for r in backend.readers() if r.card_present and reader in (None, r.name)]
        if not names:
            raise ReaderNotFoundError(f"reader {reader!r}" if reader else "no card present")
        return backend.connect(names[0])

    return connect


def _write(path: Path, pdf: bytes) -> None:
    from counter_app.commands.print_documents import _write as write_pdf

    write_pdf(str(path), pdf)


def _documents(text: str) -> tuple[object, ...]:
    from counter_app.workflows import IdentityDocument

    try:
        return tuple(IdentityDocument(part.strip()) for part in text.split(",") if part.strip())
    except ValueError:
        kinds = ", ".join(d.value for d in IdentityDocument)
        raise SystemExit(f"error: identity documents are among: {kinds}") from None


# -- commands -------------------------------------------------------------------------------------


Task = Callable[[Configuration, argparse.Namespace, "CounterContext", TextIO], int]
RegisterTask = Callable[["Register", "OperatorSession", TextIO], int]


def run(args: argparse.Namespace, config: Configuration, out: TextIO | None = None) -> int:
    """Log in, run the task, log out; `--db` overrides the configured register."""
    if args.command == "report" and args.report_command == "statistics":
        # the figures need no card and no key: the register's own task
        return run_as_operator(
            args, config, lambda reg, by, to: _statistics(config, args, reg, by, to), out
        )
    return run_logged_in(args, config, _dispatch, out)


def run_logged_in(
    args: argparse.Namespace, config: Configuration, task: Task, out: TextIO | None = None
) -> int:
    """Open the register, log `--operator` in, run `task` with the operator's context, log out."""
    from counter_app.workflows import context_from_config

    config = config.with_register(args.db)

    def with_context(register: Register, session: OperatorSession, out: TextIO) -> int:
        return task(config, args, context_from_config(config, register, session), out)

    return run_as_operator(args, config, with_context, out)


def run_as_operator(
    args: argparse.Namespace, config: Configuration, task: RegisterTask, out: TextIO | None = None
) -> int:
    """Open the register, log `--operator` in, run `task` with the register, log out.

    For the register's own tasks (the catalogue, facilities): no card, so no keys are loaded.
    """
    from counter_app.records import Register

    config = config.with_register(args.db)
    register = Register.open(
        config.register,
        key_path=config.record_code_key,
        cipher=token_record_code_cipher(config),
    )
    try:
        session = log_in(register, args.operator, configured_password=config.operator_password)
        try:
            return task(register, session, out or sys.stdout)
        finally:
            register.operators.logout(session)
    finally:
        register.close()


def _dispatch(
    config: Configuration, args: argparse.Namespace, ctx: CounterContext, out: TextIO
) -> int:
    command: str = args.command
    if command in ("issue", "reissue"):
        return _issue(config, args, ctx, out)
    if command == "address-change":
        return _address_change(config, args, ctx, out)
    if command == "pin-reset":
        return _pin_reset(config, args, ctx, out)
    if command == "suspend":
        from counter_app.workflows import suspend_card

        card = suspend_card(ctx, args.resident, args.serial, args.reason)
        print(f"card {card.serial}: {card.status.value}", file=out)
        return 0
    if command == "reprint":
        return _reprint(config, args, ctx, out)
    if command == "return-card":
        from counter_app.workflows import ReturnRequest, ReturnWorkflow

        at_hand = not args.not_at_hand
        request = ReturnRequest(args.resident, args.serial, card_at_hand=at_hand)
        source = card_source(config) if at_hand else None
        result = ReturnWorkflow(ctx, request, source).run()
        chip = "chip terminated" if result.chip_terminated else "chip not at hand"
        print(f"card {result.card.serial}: {result.card.status.value}, {chip}", file=out)
        return 0
    return _report(args, ctx, out)


def _issue(
    config: Configuration, args: argparse.Namespace, ctx: CounterContext, out: TextIO
) -> int:
    from counter_app.workflows import (
        ElderlyProof,
        IssuanceRequest,
        IssuanceWorkflow,
        ReissueRequest,
        ReissueWorkflow,
        validate_photo,
    )

    photo = b""
    if args.photo:
        try:
            photo = validate_photo(Path(args.photo).read_bytes())
        except OSError as exc:
            raise InputFileError(f"cannot read {args.photo}") from exc
    proof = ElderlyProof.parse(args.free_elderly) if args.free_elderly else None
    request = IssuanceRequest(
        resident_id=args.resident,
        identity_documents=_documents(args.documents),  # type: ignore[arg-type]
        pin=read_new_pin(args.pin_file),
        photo_jpeg=photo,
        photo_card=bool(photo),
        elderly_proof=proof,
    )
    source = card_source(config)
    workflow: IssuanceWorkflow = (
        ReissueWorkflow(ctx, ReissueRequest(request, reason=args.reason), source)
        if args.command == "reissue"
        else IssuanceWorkflow(ctx, request, source)
    )
    result = workflow.run()
    fee = result.fee
    fee_text = (
        f"free ({fee.exemption.value}, proof {fee.proof_kind.value if fee.proof_kind else ''})"
        if fee.exemption
        else f"{fee.amount_yen} yen"
    )
    print(
        f"card {result.serial} issued to resident {result.resident_id}: "
        f"{result.card.kind.value}, expires {result.card.expires_on.isoformat()}, fee {fee_text}",
        file=out,
    )
    if isinstance(workflow, ReissueWorkflow) and workflow.old_card is not None:
        print(f"old card {workflow.old_card.serial}: {workflow.old_card.status.value}", file=out)
    if args.print_to and result.printed is not None:
        target = Path(args.print_to)
        _write(target, result.printed.card_face_pdf)
        receipt = target.with_name(f"{target.stem}-receipt.pdf")
        _write(receipt, result.printed.receipt_pdf)
        print(f"card face: {target}; receipt: {receipt}", file=out)
    return 0


def _address_change(
    config: Configuration, args: argparse.Namespace, ctx: CounterContext, out: TextIO
) -> int:
    from counter_app.workflows import AddressChangeRequest, AddressChangeWorkflow

    request = AddressChangeRequest(
        resident_id=args.resident,
        moved_on=_date(args.moved_on),
        pin=read_one(args.pin_file),
        unlock_number=read_one(args.unlock_file),
        kind=args.kind,
    )
    result = AddressChangeWorkflow(ctx, request, card_source(config)).run()
    print(f"card {result.serial}: address changed, back line {result.line_index + 1}", file=out)
    if args.print_to and result.back_line_pdf is not None:
        _write(Path(args.print_to), result.back_line_pdf)
        print(f"back line: {args.print_to}", file=out)
    return 0


def _reprint(
    config: Configuration, args: argparse.Namespace, ctx: CounterContext, out: TextIO
) -> int:
    from counter_app.workflows import Printout, record_printout, reprint

    again = reprint(ctx, args.resident, Printout(args.what), args.reason, serial=args.serial)
    target = Path(args.out) if args.out else config.printouts_dir / again.file_name
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        _write(target, again.pdf)
    except (OSError, CounterError):
        record_printout(ctx, again.serial, again.what, printed=False, how="failed")
        raise
    record_printout(ctx, again.serial, again.what, printed=True, how="pdf")
    print(f"card {again.serial}: {again.what.value} printed again: {target}", file=out)
    return 0


def _pin_reset(
    config: Configuration, args: argparse.Namespace, ctx: CounterContext, out: TextIO
) -> int:
    from counter_app.workflows import PinResetRequest, PinResetWorkflow

    request = PinResetRequest(
        resident_id=args.resident,
        identity_documents=_documents(args.documents),  # type: ignore[arg-type]
        new_pin=read_new_pin(args.pin_file),
    )
    result = PinResetWorkflow(ctx, request, card_source(config)).run()
    print(f"card {result.serial}: PIN reset", file=out)
    return 0


def _report(args: argparse.Namespace, ctx: CounterContext, out: TextIO) -> int:
    from counter_app.workflows import free_issuance_report

    entries = free_issuance_report(ctx, _date(args.start), _date(args.end))
    if args.json:
        payload = {
            "from": args.start,
            "to": args.end,
            "free_issuances": [e.as_json() for e in entries],
        }
        print(json.dumps(payload, ensure_ascii=False, indent=2), file=out)
        return 0
    for e in entries:
        print(
            f"{e.issued_on.isoformat()}  {e.serial}  {e.resident_id:>8}  "
            f"{e.family_name} {e.given_name}  {e.birth_date.isoformat()}  "
            f"{e.ground.value}  {e.proof_kind.value} {e.proof_number}  ({e.checked_by})",
            file=out,
        )
    print(f"{len(entries)} free issuance(s)", file=out)
    return 0


def _statistics(
    config: Configuration,
    args: argparse.Namespace,
    register: Register,
    by: OperatorSession,
    out: TextIO,
) -> int:
    from counter_app.records import DEFAULT_THRESHOLD
    from counter_app.records.statistics import shown, shown_rate
    from counter_app.workflows import (
        municipality_code,
        report_municipality,
        statistics_pdf,
        statistics_report,
        write_statistics_csv,
    )

    figures = statistics_report(register, by, _date(args.start), _date(args.end))
    threshold = DEFAULT_THRESHOLD if args.threshold is None else args.threshold
    code = municipality_code(config)
    if args.pdf:
        pdf = statistics_pdf(figures, report_municipality(config), threshold=threshold)
        _write(Path(args.pdf), pdf)
        print(f"council report written to {args.pdf}", file=out)
        return 0
    if args.csv:
        write_statistics_csv(figures, code, out, threshold=threshold)
        return 0
    payload = {"municipality_code": code, **figures.as_json(threshold)}
    if args.json:
        print(json.dumps(payload, ensure_ascii=False, indent=2), file=out)
        return 0
    for figure in figures.figures:
        print(f"{figure.key}: {figure.definition}", file=out)
        for row in figure.rows:
            labels = " ".join(row.labels) or "all"
            counts = "  ".join(
                f"{m}={shown(c, threshold)}"
                for m, c in zip(figure.measures, row.counts, strict=True)
            )
            rate = shown_rate(figure, row, threshold) if figure.rate else None
            if isinstance(rate, float):
                counts += f"  rate={rate:.2%}"
            elif rate is not None:
                counts += f"  rate={rate}"
            print(f"  {labels}: {counts}", file=out)
    return 0
