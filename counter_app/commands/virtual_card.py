"""`counter-app virtual-card ...`: virtual cards for tests and training."""

from __future__ import annotations

from counter_app.virtual_card.vpcd import serve_card_file

# create(path, *, demo, force) -> int belongs here too (`virtual-card create`).


def serve(path: str, *, host: str, port: int) -> int:
    """Insert the card file into pcscd's vpcd reader until SIGINT/SIGTERM (`virtual-card serve`)."""
    return serve_card_file(path, host, port)
