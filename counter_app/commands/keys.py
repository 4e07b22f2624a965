"""`counter-app keys ...`: the key ceremony in the security module (docs/keys.md).

Every action logs a supervisor in with --operator (as the other supervisor commands do), works
on the token named by COUNTER_APP_PKCS11_MODULE, COUNTER_APP_TOKEN_LABEL and
COUNTER_APP_TOKEN_PIN_FILE, and is audited under the supervision purpose. Nothing printed is
key material: labels, kinds, dates and certificate references only.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Final, TextIO

from counter_app.commands import token_secrets
from counter_app.commands.counter_tasks import AUTH_HELP, common_options, run_as_operator
from counter_app.config import Configuration

if TYPE_CHECKING:
    from counter_app.keystore.registry import KeyKind, KeyRecord
    from counter_app.records import OperatorSession, Register
    from counter_app.workflows.key_ceremony import KeyCeremony

COMMAND: Final = "keys"
KEYS_HELP = AUTH_HELP.replace("the issuing clerk or supervisor role", "the supervisor role") + (
    " The keys are in the security module's token (COUNTER_APP_PKCS11_MODULE, "
    "COUNTER_APP_TOKEN_LABEL, COUNTER_APP_TOKEN_PIN_FILE); private keys are made there and "
    "never leave it."
)
_KINDS: Final = {"data": "data-signer", "seal": "seal-signer"}


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `keys ...` to main.py's parser."""
    keys = sub.add_parser(
        COMMAND, help="the key ceremony in the security module", description=KEYS_HELP
    )
    actions = keys.add_subparsers(dest="keys_command", required=True)
    for name, text in (
        ("create-ca", "make the issuer CA key and its self-signed certificate in the token"),
        ("create-signer", "make the first data signer (CA-certified) and/or seal signer"),
        ("roll-signer", "a new signer becomes current; what the old one signed still verifies"),
        ("retire", "destroy a key's private half; its certificate stays and still verifies"),
        ("export-certificates", "write the public certificates for the trust store"),
        ("list", "the keys in the token: label, kind, created, current/previous/retired"),
    ):
        action = actions.add_parser(name, help=text, description=KEYS_HELP)
        common_options(action, card=False)
    actions.choices["create-signer"].add_argument(
        "--kind", choices=["data", "seal", "both"], default="both",
        help="which signer to make (default both)",
    )  # fmt: skip
    actions.choices["roll-signer"].add_argument(
        "--kind", choices=["data", "seal"], default="data", help="which signer (default data)"
    )
    actions.choices["retire"].add_argument("--label", required=True, help="the key's label")
    actions.choices["export-certificates"].add_argument(
        "--to", required=True, help="the trust store directory (*.cvc CAs, seal-*.pem seals)"
    )
    actions.choices["list"].add_argument("--json", action="store_true", help="print JSON")
    token_secrets.add_parser(actions, KEYS_HELP)


def run(args: argparse.Namespace, config: Configuration, out: TextIO | None = None) -> int:
    """Open the token first (a missing or wrong token stops before any login), then act."""
    from counter_app.workflows.key_source import configured_token

    if args.keys_command == token_secrets.COMMAND:
        return token_secrets.run(args, config, out or sys.stdout)
    token = configured_token(config)

    def task(register: Register, session: OperatorSession, out: TextIO) -> int:
        from counter_app.workflows.key_ceremony import SEAL_ORGANIZATION, KeyCeremony

        organization = config.municipality.name if config.municipality else SEAL_ORGANIZATION
        ceremony = KeyCeremony(register, session, token, seal_organization=organization)
        return _dispatch(args, ceremony, out)

    return run_as_operator(args, config, task, out or sys.stdout)


def _kind(name: str) -> KeyKind:
    from counter_app.keystore.registry import KeyKind

    return KeyKind(_KINDS[name])


def _show(record: KeyRecord, what: str, out: TextIO) -> None:
    print(f"{what}: {record.label} ({record.kind.value}, reference {record.reference})", file=out)


def _dispatch(args: argparse.Namespace, ceremony: KeyCeremony, out: TextIO) -> int:
    command: str = args.keys_command
    if command == "create-ca":
        _show(ceremony.create_ca(), "created the CA", out)
    elif command == "create-signer":
        names = ["data", "seal"] if args.kind == "both" else [args.kind]
        for name in names:
            _show(ceremony.create_signer(_kind(name)), "created the signer", out)
    elif command == "roll-signer":
        old, new = ceremony.roll_signer(_kind(args.kind))
        _show(new, "now signing", out)
        _show(old, "signs nothing new (retire it when its work is done)", out)
    elif command == "retire":
        _show(ceremony.retire(args.label), "retired (private key destroyed)", out)
    elif command == "export-certificates":
        for path in ceremony.export_certificates(Path(args.to)):
            print(f"wrote {path}", file=out)
    elif command == "list":
        states = ceremony.key_states()
        if args.json:
            rows = [
                {
                    "label": s.label,
                    "kind": s.kind.value,
                    "created": s.created.isoformat(timespec="seconds"),
                    "state": s.state,
                    "reference": s.reference,
                    "valid_until": s.valid_until.isoformat() if s.valid_until else None,
                    "retired": s.retired.isoformat(timespec="seconds") if s.retired else None,
                }
                for s in states
            ]
            print(json.dumps(rows, ensure_ascii=False, indent=2), file=out)
        else:
            for s in states:
                until = s.valid_until.isoformat() if s.valid_until else "-"
                print(
                    f"{s.label:<20} {s.kind.value:<12} {s.state:<9} "
                    f"created {s.created:%Y-%m-%d %H:%M} UTC, valid until {until}",
                    file=out,
                )
            if not states:
                print(
                    "the token holds no key yet: start with `counter-app keys create-ca`", file=out
                )
    else:  # pragma: no cover - argparse allows only the choices above
        raise AssertionError(command)
    return 0
