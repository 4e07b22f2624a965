"""`counter-app operators ...`: the supervisor's work on operator accounts.

See docs/guide/supervisor.md.

list, register, unlock, reset-password, end-duty and bind-card log a supervisor in with
--operator (as the other counter tasks do). A one-time password is printed once, to standard
output, and works for one login only, at which the operator chooses their own.

`recover` is the way back when no supervisor can log in (all locked out, or the password
forgotten): it is run on the register host by someone who can reach the register's database
directly (its URL or SQLite file and the record-code key), needs no operator login, unlocks
the named operator, prints a one-time password, and is audited as a recovery.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from typing import TYPE_CHECKING, TextIO

from counter_app.commands.counter_tasks import (
    AUTH_HELP,
    DB_HELP,
    common_options,
    run_as_operator,
)
from counter_app.config import Configuration
from counter_app.errors import CounterError
from counter_app.register_key import token_record_code_cipher

if TYPE_CHECKING:
    from counter_app.records import NewOperator, OperatorRow, OperatorSession, Register

COMMAND = "operators"
OPERATORS_HELP = AUTH_HELP.replace("the issuing clerk or supervisor role", "the supervisor role")
RECOVER_HELP = (
    "Run on the register host when no supervisor can log in: unlocks the operator and prints a "
    "one-time password (the operator sets their own at the next login). Needs direct access to "
    "the register (--db or COUNTER_APP_DB, and the record-code key) and no operator login; "
    "the audit trail records it as a recovery on the register host."
)


class OperatorFlagsError(CounterError):
    """An operator described wrongly on the command line; the detail names the flag."""

    what = "The operator command was given a value it cannot use."
    todo = (
        "Correct the flag the detail names (counter-app operators --help), then run the "
        "command again."
    )


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `operators ...` to main.py's parser."""
    operators = sub.add_parser(COMMAND, help="operator accounts", description=OPERATORS_HELP)
    actions = operators.add_subparsers(dest="operators_command", required=True)
    listing = actions.add_parser("list", help="operators, roles, duty, lock-out, last login")
    common_options(listing, card=False)
    listing.add_argument("--json", action="store_true", help="print JSON")
    add = actions.add_parser("register", help="register an operator for a duty period")
    common_options(add, card=False)
    add.add_argument("--login", required=True, help="the new operator's login name")
    add.add_argument("--name", required=True, help="display name, e.g. 窓口 花子")
    add.add_argument(
        "--roles", required=True,
        help="comma-separated: issuing_clerk, verifying_clerk, applet_admin, library_staff, "
        "supervisor",
    )  # fmt: skip
    add.add_argument("--from", dest="duty_from", default=None, help="first day (default today)")
    add.add_argument("--to", dest="duty_to", default=None, help="last day (default open-ended)")
    for name, text in (
        ("unlock", "lift a lock-out after too many failed logins"),
        ("reset-password", "a one-time password; the operator sets a new one at the next login"),
        ("end-duty", "the account stops working from a day; its history stays"),
        ("bind-card", "the operator card in the reader logs this operator in with its PIN"),
    ):
        action = actions.add_parser(name, help=text)
        common_options(action, card=name == "bind-card")
        action.add_argument("--login", required=True, help="the operator's login name")
    actions.choices["end-duty"].add_argument(
        "--from", dest="from_day", default=None, help="the first day off duty (default today)"
    )
    actions.choices["bind-card"].add_argument(
        "--pin-file", required=True, help="file with the card's PIN (the card checks it)"
    )
    recover = actions.add_parser(
        "recover", help="unlock on the register host", description=RECOVER_HELP
    )
    recover.add_argument("--login", required=True, help="the operator's login name")
    recover.add_argument("--db", default=None, help=DB_HELP)


def run(args: argparse.Namespace, config: Configuration, out: TextIO | None = None) -> int:
    """Check the flags, log the supervisor in (not for recover), act, log out."""
    out = out or sys.stdout
    if args.operators_command == "recover":
        return _recover(args, config, out)
    if args.operators_command == "register":
        args.new = _new_operator(args)
    if args.operators_command == "end-duty":
        args.from_day = _day(args.from_day, "--from")

    def task(register: Register, session: OperatorSession, out: TextIO) -> int:
        return _dispatch(args, config, register, session, out)

    return run_as_operator(args, config, task, out)


def _dispatch(
    args: argparse.Namespace,
    config: Configuration,
    register: Register,
    session: OperatorSession,
    out: TextIO,
) -> int:
    desk = register.operator_desk
    command: str = args.operators_command
    if command == "list":
        rows = desk.operators(session)
        if args.json:
            print(json.dumps([_json(r) for r in rows], ensure_ascii=False, indent=2), file=out)
        else:
            for row in rows:
                print(describe(row), file=out)
        return 0
    if command == "register":
        registered = desk.register(session, args.new)
        print(f"operator {registered.operator_id}: {args.new.login} registered", file=out)
        _print_one_time(registered.one_time_password, out)
        return 0
    operator_id = desk.operator_id(args.login)
    if command == "unlock":
        desk.unlock(session, operator_id)
        print(f"operator {args.login}: unlocked", file=out)
    elif command == "reset-password":
        _print_one_time(desk.reset_password(session, operator_id), out)
    elif command == "end-duty":
        desk.end_duty(session, operator_id, args.from_day or desk.today())
        print(f"operator {args.login}: off duty from {args.from_day or desk.today()}", file=out)
    elif command == "bind-card":
        serial = _card_serial(args, config)
        desk.bind_card(session, operator_id, serial)
        print(f"operator {args.login}: operator card {serial} bound", file=out)
    return 0


def _recover(args: argparse.Namespace, config: Configuration, out: TextIO) -> int:
    from counter_app.records import Register

    config = config.with_register(args.db)
    register = Register.open(
        config.register,
        key_path=config.record_code_key,
        cipher=token_record_code_cipher(config),
    )
    try:
        password = register.operator_desk.recover(args.login)
    finally:
        register.close()
    print(f"operator {args.login}: unlocked on the register host (audited)", file=out)
    _print_one_time(password, out)
    return 0


def _card_serial(args: argparse.Namespace, config: Configuration) -> str:
    from counter_app.commands.counter_tasks import card_source, read_one
    from counter_app.trust_store import load_trust_store
    from counter_app.workflows.operator_card_login import operator_card_serial

    pin = read_one(args.pin_file)
    trust = load_trust_store(config.trust_store).cards
    return operator_card_serial(card_source(config)(), pin, trust=trust)


def _print_one_time(password: str, out: TextIO) -> None:
    print(f"one-time password (shown once): {password}", file=out)
    print("the operator sets their own password at the next login", file=out)


def _new_operator(args: argparse.Namespace) -> NewOperator:
    from counter_app.records import NewOperator, Role
    from counter_app.records.operator_desk import local_date

    try:
        roles = frozenset(Role(r.strip()) for r in args.roles.split(",") if r.strip())
    except ValueError:
        raise OperatorFlagsError(f"--roles: among {', '.join(r.value for r in Role)}") from None
    today = local_date(dt.datetime.now(dt.UTC))
    new = NewOperator(
        login=args.login,
        display_name=args.name,
        roles=roles,
        duty_from=_day(args.duty_from, "--from") or today,
        duty_to=_day(args.duty_to, "--to"),
    )
    new.check()
    return new


def _day(text: str | None, flag: str) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise OperatorFlagsError(f"{flag}: {text!r} is not a date YYYY-MM-DD") from None


def describe(row: OperatorRow) -> str:
    """One line of `operators list`."""
    duty = f"{row.duty_from or '-'}..{row.duty_to or ''}"
    state = [
        "on duty today" if row.on_duty_today else "off duty",
        *(["LOCKED"] if row.locked else []),
        *(["must set a password"] if row.must_change_password else []),
        *(["operator card"] if row.has_card else []),
    ]
    last = row.last_login.isoformat(timespec="minutes") if row.last_login else "never"
    roles = ",".join(sorted(row.roles))
    return f"{row.id:>4}  {row.login:<16} {row.display_name}  [{roles}]  {duty}  " + (
        f"{'; '.join(state)}; last login {last}"
    )


def _json(row: OperatorRow) -> dict[str, object]:
    return {
        "id": row.id,
        "login": row.login,
        "display_name": row.display_name,
        "roles": sorted(row.roles),
        "duty_from": row.duty_from.isoformat() if row.duty_from else None,
        "duty_to": row.duty_to.isoformat() if row.duty_to else None,
        "on_duty_today": row.on_duty_today,
        "locked": row.locked,
        "must_change_password": row.must_change_password,
        "operator_card": row.has_card,
        "last_login": row.last_login.isoformat() if row.last_login else None,
    }
