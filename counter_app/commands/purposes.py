"""`counter-app purposes list|add|retire`: the ordinance tasks identity data may be used for.

A supervisor adds a purpose with its legal basis (the law or ordinance and the article), its
date in force, the council's answer (答申) date, the categories of person it may look up and the
roles that work under it, or retires one from a date; both are recorded in the audit trail under
the supervision purpose. `list` shows every purpose, retired ones with their date. Login as for
the other counter tasks (docs/guide/supervisor.md).
"""

from __future__ import annotations

import argparse
import datetime as dt
import enum
import json
from typing import TYPE_CHECKING, TextIO, TypeVar

from counter_app.commands.counter_tasks import AUTH_HELP, common_options, run_as_operator
from counter_app.config import Configuration
from counter_app.errors import CounterError

if TYPE_CHECKING:
    from counter_app.records import NewPurpose, OperatorSession, PurposeInfo, Register

E = TypeVar("E", bound=enum.StrEnum)
COMMAND = "purposes"
PURPOSES_HELP = AUTH_HELP.replace(
    "the issuing clerk or supervisor role", "the supervisor role to add or retire a purpose"
)
CATEGORY_WORDS = "applicant, tenant, guarantor, household_member"
ROLE_WORDS = "issuing_clerk, verifying_clerk, applet_admin, library_staff, supervisor"


class PurposeFlagsError(CounterError):
    """A category or role on the command line that the register does not know."""

    what = "A category or role given for the purpose is not one the register knows."
    todo = (
        "Use the words `counter-app purposes add --help` lists, separated by commas, such as "
        "--categories tenant,guarantor."
    )


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `purposes list|add|retire` to main.py's parser (the register is not imported yet)."""
    purposes = sub.add_parser(
        COMMAND, help="the purposes (ordinance tasks) identity data is used for",
        description=PURPOSES_HELP,
    )  # fmt: skip
    actions = purposes.add_subparsers(dest="purposes_command", required=True)
    listing = actions.add_parser(
        "list", help="every purpose: basis, dates, categories, roles (retired ones too)"
    )
    common_options(listing, card=False)
    listing.add_argument("--json", action="store_true", help="print JSON")
    add = actions.add_parser("add", help="add an ordinance task (supervisor)")
    common_options(add, card=False)
    add.add_argument("--code", required=True, help="e.g. pref-housing-arrears")
    add.add_argument("--name", required=True, help="the task, e.g. 県営住宅使用料の滞納整理")
    add.add_argument("--law", required=True, help="the law or ordinance, e.g. 県営住宅条例")
    add.add_argument("--article", required=True, help="the article, e.g. 第37条")
    add.add_argument("--in-force-from", required=True, metavar="YYYY-MM-DD", help="date in force")
    add.add_argument(
        "--council-answer", required=True, metavar="YYYY-MM-DD",
        help="date of the privacy council's answer (答申)",
    )  # fmt: skip
    add.add_argument(
        "--categories", required=True, metavar="LIST",
        help=f"whom it may look up, comma-separated: {CATEGORY_WORDS}",
    )  # fmt: skip
    add.add_argument(
        "--roles", required=True, metavar="LIST",
        help=f"who works under it, comma-separated: {ROLE_WORDS}",
    )  # fmt: skip
    retire = actions.add_parser("retire", help="retire a purpose from a date (supervisor)")
    common_options(retire, card=False)
    retire.add_argument("--code", required=True, help="the purpose's code")
    retire.add_argument(
        "--from", dest="retired_from", required=True, metavar="YYYY-MM-DD",
        help="the first day lookups under it are refused",
    )  # fmt: skip


def run(args: argparse.Namespace, config: Configuration, out: TextIO | None = None) -> int:
    """Check the input, log in, list, add or retire, log out."""
    if args.purposes_command == "add":
        args.purpose = new_purpose(args)
    if args.purposes_command == "retire":
        args.retired_from = _date("--from", args.retired_from)

    def task(register: Register, session: OperatorSession, out: TextIO) -> int:
        return _dispatch(args, register, session, out)

    return run_as_operator(args, config, task, out)


def _dispatch(
    args: argparse.Namespace, register: Register, session: OperatorSession, out: TextIO
) -> int:
    book = register.purpose_book
    if args.purposes_command == "add":
        added = book.add(session, args.purpose)
        print(f"added: {describe(added)}", file=out)
        return 0
    if args.purposes_command == "retire":
        retired = book.retire(session, args.code, args.retired_from)
        print(f"retired: {describe(retired)}", file=out)
        return 0
    listed = book.all()
    if args.json:
        print(json.dumps([as_json(p) for p in listed], ensure_ascii=False, indent=2), file=out)
        return 0
    for purpose in listed:
        print(describe(purpose), file=out)
    return 0


def new_purpose(args: argparse.Namespace) -> NewPurpose:
    """The purpose the flags describe (the register checks it further, in words)."""
    from counter_app.records import Category, NewPurpose, Role

    return NewPurpose(
        code=args.code,
        name=args.name,
        law=args.law,
        article=args.article,
        in_force_from=_date("--in-force-from", args.in_force_from),
        council_answer_on=_date("--council-answer", args.council_answer),
        categories=frozenset(_words("--categories", args.categories, Category)),
        roles=frozenset(_words("--roles", args.roles, Role)),
    )


def _date(flag: str, text: str) -> dt.date:
    from counter_app.records import parse_purpose_date
    from counter_app.records.errors import PurposeDateError

    try:
        return parse_purpose_date(text)
    except PurposeDateError as exc:
        raise PurposeDateError(f"{flag}: {exc.detail}") from None


def _words(flag: str, text: str, kind: type[E]) -> list[E]:
    words = [w.strip() for w in text.split(",") if w.strip()]
    try:
        return [kind(w) for w in words]
    except ValueError:
        raise PurposeFlagsError(f"{flag}: {text}") from None


def describe(p: PurposeInfo) -> str:
    """A purpose in a few lines: code and name, basis, dates, whom and who."""
    dates = [f"in force from {p.in_force_from.isoformat()}"]
    if p.council_answer_on is not None:
        dates.append(f"council's answer {p.council_answer_on.isoformat()}")
    if p.retired_from is not None:
        dates.append(f"retired from {p.retired_from.isoformat()}")
    return (
        f"{p.code}  {p.name}\n"
        f"  legal basis: {p.legal_basis}\n"
        f"  {'; '.join(dates)}\n"
        f"  categories: {', '.join(sorted(p.categories))}; roles: {', '.join(sorted(p.roles))}"
    )


def as_json(p: PurposeInfo) -> dict[str, object]:
    """A purpose as JSON-ready data."""
    return {
        "code": p.code,
        "name": p.name,
        "legal_basis": p.legal_basis,
        "in_force_from": p.in_force_from.isoformat(),
        "council_answer_on": p.council_answer_on.isoformat() if p.council_answer_on else None,
        "retired_from": p.retired_from.isoformat() if p.retired_from else None,
        "categories": sorted(p.categories),
        "roles": sorted(p.roles),
    }
