"""The counter window's card summary reader, verifying against the configured trust store."""

from __future__ import annotations

import functools
from collections.abc import Callable

from counter_app.card.connection import CardConnection
from counter_app.card.issuer_keys import TrustStore
from counter_app.card.summary import CardSummary, read_summary
from counter_app.config import Configuration
from counter_app.training_keys import training_keys
from counter_app.trust_store import load_trust_store

SummaryReader = Callable[..., CardSummary]  # (connection, *, pin=None) -> CardSummary


def issuer_trust(config: Configuration) -> Callable[[], TrustStore]:
    """Reads the trust store's card CAs once, when first needed.

    With the default register, the training register of a fresh install, the training keys and
    their trust store are made if missing: a training counter makes its own cards. Otherwise the
    configured trust store is only read; without one no card's signatures are called valid.
    """

    @functools.cache
    def trust() -> TrustStore:
        if config.uses_default_register:
            training_keys(config)
        return load_trust_store(config.trust_store).cards

    return trust


def summary_reader(config: Configuration) -> SummaryReader:
    """read_summary, given the configured trust store when a PIN is read (never without one)."""
    trust = issuer_trust(config)

    def read(connection: CardConnection, *, pin: str | None = None) -> CardSummary:
        if pin is None:
            return read_summary(connection)
        return read_summary(connection, pin=pin, trust=trust())

    return read
