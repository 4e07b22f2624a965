"""`counter-app selfcheck [--json]`: run the self-check a supervisor sees on the desk.

Exit status 0 when no check failed (warnings allowed), 1 when one failed. The run is audited
under the supervision purpose, so a supervisor logs in as for every command.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from typing import Final, TextIO

from counter_app.config import Configuration
from counter_app.register_key import token_record_code_cipher

COMMAND: Final = "selfcheck"
DB_HELP: Final = "register URL (default: $COUNTER_APP_DB, else SQLite in the data directory)"
VERDICT_WORDS: Final = {"ok": "OK", "warning": "WARNING", "fail": "FAIL"}


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `selfcheck` to the top-level subcommands."""
    from counter_app.workflows.selfcheck import EXPIRY_DAYS, IDLE_DAYS

    check = sub.add_parser(
        COMMAND, help="check keys, audit chain, operators, backups, certificates; exit 1 on a fail"
    )
    check.add_argument("--operator", required=True, help="supervisor's login name or number")
    check.add_argument(
        "--password-stdin", action="store_true", help="read the operator password from stdin"
    )
    check.add_argument(
        "--idle-days", type=int, default=IDLE_DAYS, help="operators unused this long are named"
    )
    check.add_argument(
        "--expiry-days",
        type=int,
        default=EXPIRY_DAYS,
        help="certificates expiring within this many days are named",
    )
    check.add_argument("--json", action="store_true", help="print JSON")
    check.add_argument("--db", default=None, help=DB_HELP)


def run(args: argparse.Namespace, config: Configuration, out: TextIO | None = None) -> int:
    """Log the supervisor in, run every check, print the verdicts."""
    from counter_app.commands.operator_login import log_in
    from counter_app.records import Register
    from counter_app.workflows.selfcheck import SelfCheckInputs, any_failed, run_self_checks

    out = out or sys.stdout
    config = config.with_register(args.db)
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
            inputs = SelfCheckInputs(
                register,
                config,
                dt.date.today(),
                idle_days=args.idle_days,
                expiry_days=args.expiry_days,
            )
            results = run_self_checks(inputs, session)
        finally:
            register.operators.logout(session)
    finally:
        register.close()
    if args.json:
        payload = {"failed": any_failed(results), "checks": [r.as_json() for r in results]}
        print(json.dumps(payload, ensure_ascii=False, indent=2), file=out)
    else:
        for r in results:
            print(
                f"{VERDICT_WORDS[r.verdict.value]:<8} {r.title}: {r.finding.said_text()}", file=out
            )
            if r.finding.todo:
                print(f"{'':<8} what to do: {r.finding.todo_text()}", file=out)
    return 1 if any_failed(results) else 0
