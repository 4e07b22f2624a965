"""`counter-app audit search|verify|export|verify-summary`: the audit trail from the command line.

`search` and `export` log a supervisor in (--operator, the password as for every command) and
are audited under the supervision purpose; `verify` walks the chain and needs no login;
`verify-summary` checks a summary PDF against the trust store and needs no register at all.
Nothing here prints a resident record code, a password, a PIN or a key.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Final, TextIO

from counter_app.config import Configuration
from counter_app.errors import CounterError
from counter_app.register_key import token_record_code_cipher

if TYPE_CHECKING:  # the register is imported only when a subcommand runs
    from counter_app.records import AuditFilter, OperatorSession, Register

COMMAND: Final = "audit"
DB_HELP: Final = "register URL (default: $COUNTER_APP_DB, else SQLite in the data directory)"
OUTCOMES: Final = ("ok", "allowed", "refused", "failed")


class AuditFileError(CounterError):
    """A file named on the command line cannot be read or written."""

    what = "The file named for the audit export or check could not be read or written."
    todo = "Check the file name, the folder and its permissions, and run the command again."


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _add_conditions(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--from", dest="first", type=_date, help="first day, YYYY-MM-DD")
    parser.add_argument("--to", dest="last", type=_date, help="last day (included), YYYY-MM-DD")
    parser.add_argument("--by", dest="by", help="events of this operator (login or number)")
    parser.add_argument("--purpose", help="events under this purpose code")
    parser.add_argument("--resident", type=int, help="events about this resident number")
    parser.add_argument("--action", help="this action, e.g. operator.login")
    parser.add_argument("--outcome", choices=OUTCOMES, help="this outcome")


def _add_login(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--operator", required=True, help="supervisor's login name or number")
    parser.add_argument(
        "--password-stdin", action="store_true", help="read the operator password from stdin"
    )
    parser.add_argument("--db", default=None, help=DB_HELP)


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `audit` and its subcommands to the top-level subcommands."""
    audit = sub.add_parser(COMMAND, help="the audit trail: search, verify, export")
    audit_sub = audit.add_subparsers(dest="audit_command", required=True)
    verify = audit_sub.add_parser("verify", help="check the audit chain; exit 1 if broken")
    verify.add_argument("--db", default=None, help=DB_HELP)
    search = audit_sub.add_parser("search", help="find events, newest first (a supervisor's)")
    _add_conditions(search)
    search.add_argument("--limit", type=int, default=50, help="at most this many (1-500)")
    search.add_argument("--json", action="store_true", help="print JSON")
    _add_login(search)
    export = audit_sub.add_parser(
        "export", help="write a period as CSV and/or a signed PDF summary for an auditor"
    )
    _add_conditions(export)
    export.add_argument("--csv", help="the CSV file to write (every matching event)")
    export.add_argument("--pdf", help="the signed summary PDF to write")
    _add_login(export)
    check = audit_sub.add_parser(
        "verify-summary", help="check a summary PDF's signature and content; exit 1 if not valid"
    )
    check.add_argument("file", help="the summary PDF")
    check.add_argument("--cert", help="the signer's certificate (default: the trust store)")
    check.add_argument("--json", action="store_true", help="print JSON")


def run(args: argparse.Namespace, config: Configuration) -> int:
    """Carry out an audit subcommand."""
    config = config.with_register(getattr(args, "db", None))
    if args.audit_command == "verify":
        return verify_chain(config.register)
    if args.audit_command == "verify-summary":
        return verify_summary(config, args.file, cert=args.cert, as_json=args.json)
    if args.audit_command == "search":
        return search(config, args, limit=args.limit, as_json=args.json)
    return export(config, args, csv_path=args.csv, pdf_path=args.pdf)


def verify_chain(url: str, out: TextIO | None = None) -> int:
    """Walk the audit chain of the register at `url`: 0 when intact, 1 naming the first break."""
    from counter_app.records import check_audit_chain

    out = out or sys.stdout
    where, report = check_audit_chain(url)
    if report.intact:
        print(f"audit chain intact: {report.events} events ({where})", file=out)
        if report.counts_differ:
            hours = ", ".join(report.counts_differ[:5])
            print(
                f"the statistics' hourly counts differ from the events for "
                f"{len(report.counts_differ)} hours (UTC), from: {hours}",
                file=out,
            )
            return 1
        return 0
    where = f"event {report.broken_seq}" if report.broken_seq is not None else "chain head"
    print(f"audit chain BROKEN at {where}: {report.reason}", file=out)
    print(f"({report.events} events before it verified)", file=out)
    return 1


@contextmanager
def _supervisor(
    config: Configuration, args: argparse.Namespace
) -> Iterator[tuple[Register, OperatorSession]]:
    from counter_app.commands.operator_login import log_in
    from counter_app.records import Register

    register = Register.open(
        config.register,
        key_path=config.record_code_key,
        cipher=token_record_code_cipher(config),
    )
    try:
        session = log_in(
            register,
            args.operator,
            configured_password=config.operator_password,
            password_stdin=args.password_stdin,
        )
        try:
            yield register, session
        finally:
            register.operators.logout(session)
    finally:
        register.close()


def _filter(register: Register, args: argparse.Namespace) -> AuditFilter:
    from counter_app.commands.operator_login import login_name
    from counter_app.records import AuditFilter, Outcome

    operator_id = None
    if args.by:
        operator_id = register.operators.id_of(login_name(register, args.by))
    return AuditFilter.for_days(
        args.first,
        args.last,
        operator_id=operator_id,
        purpose_code=args.purpose,
        resident_id=args.resident,
        action=args.action,
        outcome=Outcome(args.outcome) if args.outcome else None,
    )


def search(
    config: Configuration,
    args: argparse.Namespace,
    *,
    limit: int = 50,
    as_json: bool = False,
    out: TextIO | None = None,
) -> int:
    """Print the newest matching events (audited under supervision)."""
    from counter_app.workflows.audit_review import search_audit

    out = out or sys.stdout
    with _supervisor(config, args) as (register, session):
        page = search_audit(register, session, _filter(register, args), limit=limit)
    if as_json:
        events = [
            {
                "seq": e.seq,
                "at": e.occurred_at,
                "operator": page.logins.get(e.operator_id) if e.operator_id else None,
                "operator_id": e.operator_id,
                "action": e.action,
                "outcome": e.outcome.value,
                "purpose": e.purpose_code,
                "resident_id": e.resident_id,
                "detail": e.detail,
                "hash": e.hash,
            }
            for e in page.events
        ]
        print(
            json.dumps({"events": events, "more": page.next is not None}, ensure_ascii=False),
            file=out,
        )
        return 0
    for e in page.events:
        who = page.logins.get(e.operator_id, str(e.operator_id)) if e.operator_id else "-"
        resident = f" resident {e.resident_id}" if e.resident_id is not None else ""
        detail = json.dumps(e.detail, ensure_ascii=False, sort_keys=True)
        print(
            f"{e.seq:>8}  {e.occurred_at}  {who:<16} {e.action:<28} {e.outcome.value:<8} "
            f"{e.purpose_code or '-'}{resident}  {detail}",
            file=out,
        )
    more = " (more match: narrow the search or the period)" if page.next is not None else ""
    print(f"{len(page.events)} event(s){more}", file=out)
    return 0


def _write(path: str, data: bytes) -> None:
    try:
        Path(path).write_bytes(data)
    except OSError as exc:
        raise AuditFileError(f"cannot write {path}: {exc.strerror}") from exc


def export(
    config: Configuration,
    args: argparse.Namespace,
    *,
    csv_path: str | None,
    pdf_path: str | None,
    out: TextIO | None = None,
) -> int:
    """Write the CSV and/or the signed summary PDF of the matching events."""
    from counter_app.workflows.audit_review import audit_summary_pdf, write_audit_csv
    from counter_app.workflows.key_source import seal_signer_for

    out = out or sys.stdout
    if not csv_path and not pdf_path:
        raise SystemExit("give --csv FILE, --pdf FILE or both")
    signer = None
    if pdf_path:
        signer = seal_signer_for(config)
    with _supervisor(config, args) as (register, session):
        f = _filter(register, args)
        if csv_path:
            try:
                with open(csv_path, "w", encoding="utf-8", newline="") as handle:
                    count = write_audit_csv(register, session, f, handle)
            except OSError as exc:
                raise AuditFileError(f"cannot write {csv_path}: {exc.strerror}") from exc
            print(f"wrote {count} event(s) to {csv_path}", file=out)
        if pdf_path and signer is not None:
            summary, pdf = audit_summary_pdf(register, session, f, signer, dt.date.today())
            _write(pdf_path, pdf)
            verdict = "intact" if summary.chain_intact else "BROKEN"
            print(
                f"wrote the signed summary of {summary.events} event(s) to {pdf_path} "
                f"(chain {verdict}; signer {signer.certificate.signer} "
                f"{signer.certificate.serial:X})",
                file=out,
            )
    return 0


def verify_summary(
    config: Configuration,
    file: str,
    *,
    cert: str | None = None,
    as_json: bool = False,
    out: TextIO | None = None,
) -> int:
    """Check a summary PDF: 0 when valid, 1 when not (each check printed with its reason)."""
    from counter_app.printing.seal_crypto import SignerCertificateError, load_signer_certificate
    from counter_app.trust_store import load_trust_store
    from counter_app.workflows.audit_review import verify_summary as check

    out = out or sys.stdout
    missing = None
    try:
        data = Path(file).read_bytes()
        if cert:
            certificates = [load_signer_certificate(Path(cert).read_bytes())]
        else:
            trust = load_trust_store(config.trust_store)
            certificates, missing = list(trust.seals), trust.seals_missing
    except OSError as exc:
        raise AuditFileError(f"cannot read {exc.filename}: {exc.strerror}") from exc
    except SignerCertificateError as exc:
        raise AuditFileError(f"{cert}: {exc}") from exc
    verdict = check(data, certificates, named=cert is not None, missing=missing)
    if as_json:
        print(json.dumps(verdict.as_json(), ensure_ascii=False, indent=2), file=out)
    else:
        print("VALID" if verdict.valid else "NOT VALID", file=out)
        for c in verdict.checks:
            print(f"  {c.status:<11} {c.name}: {c.reason}", file=out)
        if verdict.summary is not None:
            for key in ("since", "until", "events", "chain_verdict", "first_hash", "last_hash"):
                print(f"  {key}: {verdict.summary.get(key)}", file=out)
    return 0 if verdict.valid else 1
