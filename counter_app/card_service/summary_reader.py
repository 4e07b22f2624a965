"""The counter window's card summary reader, verifying against the configured issuer's trust."""

from __future__ import annotations

import functools
from collections.abc import Callable

from counter_app.card.connection import CardConnection
from counter_app.card.issuer_keys import TrustStore, load_issuer, load_or_create_issuer
from counter_app.card.summary import CardSummary, read_summary
from counter_app.config import Configuration

SummaryReader = Callable[..., CardSummary]  # (connection, *, pin=None) -> CardSummary


def issuer_trust(config: Configuration) -> Callable[[], TrustStore]:
    """Loads the data directory's issuer trust store once, when first needed.

    With the default register, the training register of a fresh install, the development issuer
    is made if missing: a training counter makes its own cards. Otherwise the keys are only
    loaded, and missing keys are an IssuerKeysError.
    """
    load = load_or_create_issuer if config.uses_default_register else load_issuer

    @functools.cache
    def trust() -> TrustStore:
        return load(config.data_dir).trust

    return trust


def summary_reader(config: Configuration) -> SummaryReader:
    """read_summary, given the configured trust store when a PIN is read (never without one)."""
    trust = issuer_trust(config)

    def read(connection: CardConnection, *, pin: str | None = None) -> CardSummary:
        if pin is None:
            return read_summary(connection)
        return read_summary(connection, pin=pin, trust=trust())

    return read
