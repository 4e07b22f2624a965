"""`counter-app db ...` and `residents ...`: the register from the command line (the audit
trail's commands are in commands/audit.py).

`add_parsers` adds the subcommands to main.py's parser and `run` carries them out, so main.py
needs two lines. Nothing here prints a resident record code, a password or a PIN.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TextIO

from counter_app.config import Configuration
from counter_app.register_key import token_record_code_cipher

COMMANDS = frozenset({"db", "residents"})
DB_HELP = "register URL (default: $COUNTER_APP_DB, else SQLite in the data directory)"


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `db` and `residents` to the top-level subcommands."""
    db = sub.add_parser("db", help="create, migrate and fill the resident register")
    db_sub = db.add_subparsers(dest="db_command", required=True)
    init = db_sub.add_parser("init", help="create the register or migrate it to this version")
    init.add_argument("--db", default=None, help=DB_HELP)
    imp = db_sub.add_parser(
        "import", help="add residents from a CSV file, all or none (docs/records-csv.md)"
    )
    imp.add_argument("file", help="UTF-8 CSV file with a header row")
    imp.add_argument("--db", default=None, help=DB_HELP)
    seed = db_sub.add_parser(
        "seed-demo", help="fill the register with demo residents and demo operators of each role"
    )
    seed.add_argument("--residents", type=int, required=True, help="how many demo residents")
    seed.add_argument("--seed", type=int, default=None, help="random seed (same seed, same data)")
    seed.add_argument(
        "--json", action="store_true", help="print JSON, with the demo operators' credentials"
    )
    seed.add_argument("--db", default=None, help=DB_HELP)

    residents = sub.add_parser("residents", help="look up residents under a purpose")
    res_sub = residents.add_subparsers(dest="residents_command", required=True)
    search = res_sub.add_parser(
        "search", help="search by kana, kanji or Latin name, birth date, address (addr:...)"
    )
    search.add_argument("query", help="e.g. ヤマダ, 山田 太郎, SMITH, 1950-04-01, addr:千代田")
    search.add_argument("--operator", required=True, help="operator login name or number")
    search.add_argument("--purpose", required=True, help="purpose code, e.g. card-issuance")
    search.add_argument(
        "--password-stdin", action="store_true", help="read the operator password from stdin"
    )
    search.add_argument("--limit", type=int, default=50, help="at most this many hits")
    search.add_argument("--json", action="store_true", help="print JSON")
    search.add_argument("--db", default=None, help=DB_HELP)


def run(args: argparse.Namespace, config: Configuration) -> int:
    """Carry out a records subcommand; `--db` overrides the configured register."""
    config = config.with_register(args.db)
    if args.command == "db":
        if args.db_command == "seed-demo":
            return db_seed_demo(config, args.residents, seed=args.seed, as_json=args.json)
        if args.db_command == "import":
            return db_import(config, args.file)
        return db_init(config)
    return residents_search(
        config,
        args.query,
        operator=args.operator,
        purpose=args.purpose,
        password_stdin=args.password_stdin,
        limit=args.limit,
        as_json=args.json,
    )


def db_init(config: Configuration, out: TextIO | None = None) -> int:
    """Create or migrate the register and add the standard purposes."""
    from counter_app.records import Register

    out = out or sys.stdout
    register = Register.initialise(config.register, key_path=config.record_code_key)
    try:
        print(
            f"register ready: {register.description} (schema {register.schema_revision}, "
            f"{len(register.purposes())} purposes, {register.residents.count()} residents)",
            file=out,
        )
    finally:
        register.close()
    return 0


def db_import(config: Configuration, file: str, out: TextIO | None = None) -> int:
    """Import residents from a CSV file in one transaction (a bad row: nothing imported)."""
    from counter_app.records import Register

    out = out or sys.stdout
    register = Register.open(
        config.register,
        key_path=config.record_code_key,
        cipher=token_record_code_cipher(config),
    )
    try:
        report = register.import_csv(Path(file))
        where = register.description
    finally:
        register.close()
    print(
        f"imported {report.residents} residents ({report.households} new households) "
        f"from {file} into {where}",
        file=out,
    )
    return 0


def db_seed_demo(
    config: Configuration,
    residents: int,
    *,
    seed: int | None = None,
    as_json: bool = False,
    out: TextIO | None = None,
) -> int:
    """Create the register if needed, add demo operators and `residents` demo residents."""
    from counter_app.records import Register

    out = out or sys.stdout
    if residents < 0:
        raise SystemExit("--residents must be 0 or more")
    register = Register.initialise(config.register, key_path=config.record_code_key)
    try:
        report = register.seed_demo(residents, seed=seed)
        where = register.description
    finally:
        register.close()
    if as_json:
        payload = {
            "register": where,
            "residents": report.residents,
            "households": report.households,
            "foreign_residents": report.foreign,
            "licence_returned": report.licence_returned,
            "seconds": round(report.seconds, 3),
            "rows_per_second": round(report.rows_per_second),
            "operators": [op.as_json() for op in report.operators],
            "licence_returned_examples": [lr.as_json() for lr in report.licence_returns],
        }
        print(json.dumps(payload, ensure_ascii=False, indent=2), file=out)
        return 0
    print(
        f"seeded {report.residents} residents in {report.households} households "
        f"({report.foreign} foreign, {report.licence_returned} returned their licence) "
        f"in {report.seconds:.1f} s ({report.rows_per_second:.0f} rows/s) into {where}",
        file=out,
    )
    logins = ", ".join(f"{op.login} ({op.role.value})" for op in report.operators)
    print(f"demo operators: {logins}; --json prints their demo credentials", file=out)
    return 0


def residents_search(
    config: Configuration,
    query: str,
    *,
    operator: str,
    purpose: str,
    password_stdin: bool = False,
    limit: int = 50,
    as_json: bool = False,
    out: TextIO | None = None,
) -> int:
    """Log the operator in, search under the purpose (audited), print the hits."""
    from counter_app.commands.operator_login import log_in
    from counter_app.records import Register

    out = out or sys.stdout
    register = Register.open(
        config.register,
        key_path=config.record_code_key,
        cipher=token_record_code_cipher(config),
    )
    try:
        session = log_in(
            register,
            operator,
            configured_password=config.operator_password,
            password_stdin=password_stdin,
        )
        try:
            result = register.access(session, purpose).search(query, limit=limit)
        finally:
            register.operators.logout(session)
    finally:
        register.close()
    if as_json:
        payload = {
            "purpose": purpose,
            "hits": [hit.as_json() for hit in result.hits],
            "truncated": result.truncated,
        }
        print(json.dumps(payload, ensure_ascii=False, indent=2), file=out)
        return 0
    for hit in result.hits:
        kana = f"{hit.family_name_kana} {hit.given_name_kana}"
        latin = f" / {hit.latin_name}" if hit.latin_name else ""
        print(
            f"{hit.id:>8}  {hit.family_name} {hit.given_name} ({kana}){latin}  "
            f"{hit.birth_date.isoformat()}  {hit.address}  [{hit.status.value}]",
            file=out,
        )
    more = " (more match: narrow the search)" if result.truncated else ""
    print(f"{len(result.hits)} hit(s){more}", file=out)
    return 0
