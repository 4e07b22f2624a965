"""`counter-app services list|catalogue|add-type|enable|disable|install|personalise|lock|unlock|
remove`.

The applet administrator's counter without the window: the multipurpose services on the card in
the reader (docs/services.md). Login as for the other counter tasks (`--operator`, the password from
COUNTER_APP_OPERATOR_PASSWORD or a prompt). Nothing printed carries a member number except
`list --json`'s own output, which the administrator asked for.
"""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, TextIO

from counter_app.commands.counter_tasks import (
    AUTH_HELP,
    card_source,
    common_options,
    run_as_operator,
    run_logged_in,
)
from counter_app.config import Configuration

if TYPE_CHECKING:
    from counter_app.records import CardServiceInfo, OperatorSession, Register
    from counter_app.workflows import CounterContext
    from counter_app.workflows.card_services import ServiceDesk

COMMAND = "services"
SERVICES_HELP = AUTH_HELP.replace(
    "the issuing clerk or supervisor role", "a role the service's catalogue entry names"
)


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `services` and its subcommands to main.py's parser."""
    services = sub.add_parser(
        COMMAND, help="multipurpose services on the card in the reader", description=SERVICES_HELP
    )
    actions = services.add_subparsers(dest="services_command", required=True)
    listing = actions.add_parser(
        "list", help="the services on the card: name, AID, state, size, free space"
    )
    common_options(listing)
    listing.add_argument("--json", action="store_true", help="print JSON")
    catalogue = actions.add_parser("catalogue", help="the service types and their ordinances")
    common_options(catalogue, card=False)
    catalogue.add_argument("--json", action="store_true", help="print JSON")
    add_type = actions.add_parser(
        "add-type",
        help="register a service type and its ordinance (supervisor); added not enabled",
        description="Register a service type described in a TOML or JSON file (docs/services.md)"
        ": its code, name, AID, card files and their access rules, administering roles, and the "
        "ordinance article that allows it. "
        + AUTH_HELP.replace("the issuing clerk or supervisor role", "the supervisor role"),
    )
    common_options(add_type, card=False)
    add_type.add_argument(
        "--from", dest="from_file", required=True, metavar="FILE",
        help="the service type's description (.toml, or .json)",
    )  # fmt: skip
    enable = actions.add_parser("enable", help="let a service type be put on cards (supervisor)")
    disable = actions.add_parser("disable", help="stop new installs of a service type")
    for parser in (enable, disable):
        common_options(parser, card=False)
        parser.add_argument("--service", required=True, metavar="CODE", help="service code")
    install = actions.add_parser("install", help="put a service on the card (consent first)")
    personalise = actions.add_parser("personalise", help="write the member number to the card")
    lock = actions.add_parser("lock", help="lock a service: its use is refused")
    unlock = actions.add_parser("unlock", help="lift a lock")
    remove = actions.add_parser("remove", help="delete a service from the card")
    for parser in (install, personalise, lock, unlock, remove):
        common_options(parser)
        parser.add_argument("--service", required=True, metavar="CODE", help="service code")
    install.add_argument(
        "--consent-version",
        required=True,
        help="version of the consent text the resident signed (recorded with the consent)",
    )
    for parser in (install, personalise):
        parser.add_argument(
            "--member-number", required=parser is personalise, help="the service's member number"
        )


CATALOGUE_ACTIONS = frozenset({"catalogue", "add-type", "enable", "disable"})
"""The register's own actions: no card, so no keys needed."""


def run(args: argparse.Namespace, config: Configuration, out: TextIO | None = None) -> int:
    """Log in, do the service action, log out (a service type's file is checked before)."""
    if args.services_command == "add-type":
        from pathlib import Path

        from counter_app.commands.service_type_file import read_service_type

        args.service_type = read_service_type(Path(args.from_file))
    if args.services_command in CATALOGUE_ACTIONS:

        def task(register: Register, session: OperatorSession, out: TextIO) -> int:
            return _catalogue_action(args, register, session, out)

        return run_as_operator(args, config, task, out)
    return run_logged_in(args, config, _dispatch, out)


def _catalogue_action(
    args: argparse.Namespace, register: Register, session: OperatorSession, out: TextIO
) -> int:
    action: str = args.services_command
    if action == "catalogue":
        return _catalogue(args, register, out)
    if action == "add-type":
        return _add_type(args, register, session, out)
    entry = register.services.set_enabled(session, args.service, action == "enable")
    state = "enabled" if entry.enabled else "not enabled"
    print(f"{entry.name} ({entry.code}): {state}", file=out)
    return 0


def _dispatch(
    config: Configuration, args: argparse.Namespace, ctx: CounterContext, out: TextIO
) -> int:
    from counter_app.workflows.card_services import ServiceDesk

    action: str = args.services_command
    desk = ServiceDesk(ctx, card_source(config))
    if action == "list":
        return _list(args, desk, out)
    link: CardServiceInfo | None
    if action == "install":
        link = desk.install(
            args.service, consent_version=args.consent_version, member_number=args.member_number
        )
    elif action == "personalise":
        link = desk.personalise(args.service, args.member_number)
    elif action == "lock":
        link = desk.lock(args.service)
    elif action == "unlock":
        link = desk.unlock(args.service)
    else:
        link = desk.remove(args.service)
    if link is None:
        print(f"{args.service}: removed from the card (the register had no record of it)", file=out)
    else:
        print(
            f"card {link.serial}: {link.service.name} ({link.service.code}) {link.state.value}",
            file=out,
        )
    return 0


def _add_type(
    args: argparse.Namespace, register: Register, session: OperatorSession, out: TextIO
) -> int:
    entry = register.services.add_service_type(session, args.service_type)
    ordinance = entry.ordinance
    basis = f"{ordinance.name} {ordinance.article}" if ordinance else "no ordinance"
    print(f"{entry.name} ({entry.code}) {entry.aid}: added under {basis}, not enabled", file=out)
    print(f"enable it with: counter-app services enable --service {entry.code}", file=out)
    return 0


def _list(args: argparse.Namespace, desk: ServiceDesk, out: TextIO) -> int:
    found = desk.on_card()
    if args.json:
        payload = {
            "serial": found.serial,
            "services": [
                {"name": s.name, "code": s.code, "aid": s.aid, "state": s.state, "size": s.size}
                for s in found.services
            ],
            "used": found.used,
            "free": found.free,
        }
        print(json.dumps(payload, ensure_ascii=False, indent=2), file=out)
        return 0
    print(f"card {found.serial}", file=out)
    for s in found.services:
        print(f"  {s.name}  {s.aid}  {s.state}  {s.size} bytes", file=out)
    print(f"{len(found.services)} service(s), {found.used} bytes used, {found.free} free", file=out)
    return 0


def _catalogue(args: argparse.Namespace, register: Register, out: TextIO) -> int:
    entries = register.services.catalogue()
    if args.json:
        payload = [
            {
                "code": e.code,
                "name": e.name,
                "aid": e.aid,
                "enabled": e.enabled,
                "size": e.size,
                "ordinance": None
                if e.ordinance is None
                else {
                    "name": e.ordinance.name,
                    "article": e.ordinance.article,
                    "in_force_from": e.ordinance.in_force_from.isoformat(),
                },
            }
            for e in entries
        ]
        print(json.dumps(payload, ensure_ascii=False, indent=2), file=out)
        return 0
    for e in entries:
        basis = f"{e.ordinance.name} {e.ordinance.article}" if e.ordinance else "no ordinance"
        enabled = "enabled" if e.enabled else "not enabled"
        print(f"{e.code:<12} {e.name}  {e.aid}  {enabled}  ({basis})", file=out)
    return 0
