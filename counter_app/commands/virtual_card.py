"""`counter-app virtual-card ...`: virtual cards for tests and training."""

from __future__ import annotations

import json
from pathlib import Path

from counter_app.card_service.training_cards import create_card
from counter_app.config import Configuration
from counter_app.training_keys import training_keys
from counter_app.virtual_card.vpcd import serve_card_file


def create(config: Configuration, path: str, *, demo: bool, force: bool) -> int:
    """Make a blank card file, or with `demo` a personalised training card (`virtual-card create`).

    A demo card's resident, serial, PIN and unlock number are printed as JSON. The card's keys
    come from the development issuer of the data directory, created here on first use; on the
    training register (none configured) its trust store is made from those keys too.
    """
    if config.uses_default_register:
        training_keys(config)
    summary = create_card(Path(path), demo=demo, force=force, home=config.data_dir)
    if summary is None:
        print(f"blank card written to {path}")
    else:
        print(json.dumps(summary, ensure_ascii=False, indent=2))
    return 0


def serve(path: str, *, host: str, port: int) -> int:
    """Insert the card file into pcscd's vpcd reader until SIGINT/SIGTERM (`virtual-card serve`)."""
    return serve_card_file(path, host, port)
