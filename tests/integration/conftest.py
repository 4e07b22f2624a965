"""End-to-end fixtures: a real pcscd with the vpcd reader, cards put in it, an empty data home.

Tests marked `@pytest.mark.pcscd` talk to a real pcscd through pyscard, with virtual cards in
the vpcd reader "Virtual PCD 00 00".  `pcscd` reuses a pcscd that already answers or starts one
for the session; when pcscd, the vpcd driver or pyscard is missing the tests are skipped, or fail
when the CI environment variable is set (CI must run them).  Each such test holds a machine-wide
lock on the vpcd reader, so concurrent test runs take turns.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator

import pytest

from counter_app.card_service.pcscd_service import (
    InsertedCard,
    PcscdService,
    PcscdUnavailableError,
    ensure_pcscd,
    vpcd_lock,
)
from counter_app.virtual_card.vpcd import CardLike, EchoCard
from tests.support.data_home import empty_home  # noqa: F401  (fixture)
from tests.support.softhsm import soft_token  # noqa: F401  (fixture)


@pytest.fixture(scope="session")
def pcscd_session() -> Iterator[PcscdService]:
    """The session's pcscd; tests use `pcscd`, which also holds the vpcd lock."""
    try:
        with vpcd_lock():
            service = ensure_pcscd()
    except PcscdUnavailableError as exc:
        if os.environ.get("CI"):
            pytest.fail(f"pcscd tests cannot run: {exc}", pytrace=False)
        pytest.skip(f"pcscd tests skipped: {exc}")
    try:
        yield service
    finally:
        with vpcd_lock():
            service.stop()  # only if started here


@pytest.fixture
def pcscd(pcscd_session: PcscdService) -> Iterator[PcscdService]:
    """A running pcscd with the vpcd reader, used by this test alone.

    Other test runs (or benchmarks) on the machine wait on the vpcd lock meanwhile, so they never
    share the reader's one slot; a pcscd another run stopped is started again here.
    """
    with vpcd_lock():
        try:
            pcscd_session.ensure_running()
        except PcscdUnavailableError as exc:
            pytest.fail(f"pcscd stopped working: {exc}", pytrace=False)
        yield pcscd_session


@pytest.fixture
def insert_card(pcscd: PcscdService) -> Iterator[Callable[[CardLike], InsertedCard]]:
    """Put a card object into "Virtual PCD 00 00" for this test: `insert_card(card)`.

    Returns once pcscd reports the card present with its ATR; at teardown the card is taken out
    and pcscd reports the reader empty again, so the next test starts clean.
    """
    inserted: list[InsertedCard] = []

    def insert(card: CardLike) -> InsertedCard:
        slot = InsertedCard(card, reader=pcscd.reader)
        slot.insert()
        inserted.append(slot)
        return slot

    try:
        yield insert
    finally:
        for slot in inserted:
            slot.remove()


@pytest.fixture
def echo_card(insert_card: Callable[[CardLike], InsertedCard]) -> InsertedCard:
    """An EchoCard (answers every APDU with its own bytes and 9000) in the vpcd reader."""
    return insert_card(EchoCard())
