"""`counter-app keys import-secrets`: the two secrets that were files go into the token.

The issuer secure channel's master key (`issuer/channel-master.key`, or --channel-master FILE)
becomes an AES key in the token, used there for AES-CMAC; the record-code key (the configured
key file) becomes the token's HMAC key for its HKDF expand step. Both are imported sensitive and
not extractable, once (a second import is refused); each card's channel keys and the register's
sub-keys derived from them are the same bytes as before, so issued cards and the register keep
working. The record-code key is the one the register opened with, so a wrong key is refused
before it is imported. The import is audited (keys.secrets_imported, never the key). Afterwards
the files may be moved to the backup: the counter reads the keys from the token.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Final, TextIO

from counter_app.commands.counter_tasks import common_options, run_as_operator
from counter_app.config import Configuration

if TYPE_CHECKING:
    from counter_app.records import OperatorSession, Register

COMMAND: Final = "import-secrets"
HELP: Final = "import the channel master key and the record-code key files into the token"


def add_parser(actions: argparse._SubParsersAction[argparse.ArgumentParser], text: str) -> None:
    """Add `import-secrets` to the `keys` command's actions."""
    action = actions.add_parser(COMMAND, help=HELP, description=text + " " + (__doc__ or ""))
    common_options(action, card=False)
    action.add_argument(
        "--channel-master",
        metavar="FILE",
        help="the channel master key file (default: issuer/channel-master.key of the data "
        "directory)",
    )


def run(args: argparse.Namespace, config: Configuration, out: TextIO) -> int:
    """Open the token, log the supervisor in (the register checks the record-code key), import."""
    from counter_app.card.issuer_keys import ISSUER_DIR, MASTER_KEY_FILE, IssuerKeysError
    from counter_app.keystore import TokenOperationError
    from counter_app.keystore.secret_keys import (
        CHANNEL_MASTER_LABEL,
        RECORD_CODE_LABEL,
        has_secret,
        import_aes_key,
        import_hmac_key,
    )
    from counter_app.records.crypto import load_or_create_key, record_code_prk
    from counter_app.workflows.key_source import configured_token

    token = configured_token(config)
    default = config.data_dir / ISSUER_DIR / MASTER_KEY_FILE
    master_path = Path(args.channel_master) if args.channel_master else default
    labels = (CHANNEL_MASTER_LABEL, RECORD_CODE_LABEL)

    def task(register: Register, session: OperatorSession, out: TextIO) -> int:
        register.key_ceremonies.require_supervisor(session)
        there = [label for label in labels if has_secret(token, label)]
        if there:
            raise TokenOperationError(f"token {token.label!r} already holds {', '.join(there)}")
        try:
            master = master_path.read_bytes()
        except OSError as exc:
            raise IssuerKeysError(f"cannot read {master_path}: {exc.strerror}") from exc
        if len(master) != 16:
            raise IssuerKeysError(f"the channel master key in {master_path} is not 16 bytes")
        record_key = load_or_create_key(config.record_code_key, create=False)
        import_aes_key(token, CHANNEL_MASTER_LABEL, master)
        import_hmac_key(token, RECORD_CODE_LABEL, record_code_prk(record_key))
        register.key_ceremonies.record(
            session,
            "secrets_imported",
            {
                "token": token.label,
                "keys": ", ".join(labels),
                "from": f"{master_path.name}, {config.record_code_key.name}",
            },
        )
        print(f"imported the channel master key into token {token.label!r}", file=out)
        print(f"imported the record-code key into token {token.label!r}", file=out)
        print("keep the files in the backup; the counter now reads both from the token", file=out)
        return 0

    return run_as_operator(args, config, task, out)
