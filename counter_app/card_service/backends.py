"""Open the reader back end the configuration asks for: PC/SC, the in-process reader, or either."""

from __future__ import annotations

import logging

from counter_app.card.connection import ReaderUnavailableError
from counter_app.card.readers import ReaderBackend
from counter_app.card_service.training_cards import demo_card_path, ensure_demo_card
from counter_app.config import Configuration, ReaderPolicy
from counter_app.virtual_card.inprocess import InProcessBackend, InProcessReader

log = logging.getLogger(__name__)


def open_backend(config: Configuration) -> ReaderBackend:
    """The back end of `config.reader_policy`.

    AUTO: PC/SC if pyscard imports and pcscd answers, otherwise, on the training register only
    (none configured), the in-process demo reader; a counter on a configured register is told
    in words that the card service is missing, never handed a demo card (DESIGN.md §3).
    PCSC: PC/SC only; no service is a ReaderUnavailableError, never a demo card.
    IN_PROCESS: the in-process demo reader only.
    `config.reader` restricts PC/SC to one reader name. Called on the card thread: it may take
    a moment (creating the demo card generates keys).
    """
    if config.reader_policy is ReaderPolicy.IN_PROCESS:
        return open_in_process_backend(config)
    from counter_app.card.pcsc import PcscBackend, pcsc_available, pyscard_installed

    if pcsc_available():
        return PcscBackend(only=config.reader)
    if config.reader_policy is ReaderPolicy.PCSC or not config.uses_default_register:
        why = "no PC/SC service answers" if pyscard_installed() else "pyscard is not installed"
        asks = (
            "the configuration asks for PC/SC readers only"
            if config.reader_policy is ReaderPolicy.PCSC
            else "a counter on a configured register uses real readers"
        )
        raise ReaderUnavailableError(f"{why}, and {asks}")
    log.info("no PC/SC service answers; using the in-process virtual reader")
    return open_in_process_backend(config)


def open_in_process_backend(config: Configuration) -> InProcessBackend:
    """The in-process virtual reader holding the demo card (made on first use)."""
    path = demo_card_path(config)
    ensure_demo_card(path, home=config.data_dir)
    in_process = InProcessReader()
    in_process.insert(path)
    return InProcessBackend(in_process)
