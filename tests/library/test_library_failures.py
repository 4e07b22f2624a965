"""A library system that is away, slow, silent or hangs up mid-transaction: the clerk is told in
words, and nothing is recorded twice."""

from __future__ import annotations

import socket
import time

import pytest

from counter_app.library.client import LibraryClient
from counter_app.library.errors import (
    LibraryNotAnsweringError,
    LibraryOfflineError,
    LibraryOutcomeUnknownError,
    LibraryUnreachableError,
)
from counter_app.library.model import CirculationStatus
from counter_app.library.training_server import Fault, TrainingServer, barcode_of

ICHIRO = "20000001"
NEKO = barcode_of(0)


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_a_library_system_that_is_not_there_is_said_so(library: TrainingServer) -> None:
    away = library.settings(port=_closed_port())
    with LibraryClient(away) as desk, pytest.raises(LibraryUnreachableError):
        desk.connect()


def test_a_library_system_that_never_answers_is_given_up_after_the_timeout(
    library: TrainingServer,
) -> None:
    library.fail_next("93", Fault.SILENT)
    with LibraryClient(library.settings(read_timeout=0.3)) as desk:
        started = time.monotonic()
        with pytest.raises(LibraryNotAnsweringError):
            desk.connect()
        assert 0.3 <= time.monotonic() - started < 2


def test_a_slow_answer_within_the_timeout_is_waited_for(library: TrainingServer) -> None:
    library.delay = 0.1
    with LibraryClient(library.settings(read_timeout=2.0)) as desk:
        assert desk.lend(ICHIRO, NEKO).title == "吾輩は猫である"


def test_a_loan_answered_too_late_is_found_recorded_not_lent_again(
    library: TrainingServer,
) -> None:
    library.late_by = 1.0
    library.fail_next("11", Fault.LATE)
    with LibraryClient(library.settings(read_timeout=0.3)) as desk:
        loan = desk.lend(ICHIRO, NEKO)
    assert loan.confirmed_on_reconnect and loan.title == "吾輩は猫である"
    assert library.library.recorded("checkout", NEKO) == 1


def test_a_question_answered_too_late_is_a_timeout(library: TrainingServer) -> None:
    library.fail_next("17", Fault.LATE)
    with LibraryClient(library.settings(read_timeout=0.3)) as desk:
        with pytest.raises(LibraryNotAnsweringError):
            desk.item(NEKO)
        assert desk.item(NEKO).status is CirculationStatus.AVAILABLE  # a new connection


def test_a_drop_after_the_loan_was_recorded_gives_one_loan(
    client: LibraryClient, library: TrainingServer
) -> None:
    library.fail_next("11", Fault.DROP_AFTER)
    loan = client.lend(ICHIRO, NEKO)
    assert loan.confirmed_on_reconnect and loan.due is not None
    assert library.library.log == [("checkout", ICHIRO, NEKO)]


def test_a_drop_before_the_loan_was_recorded_sends_it_once_more(
    client: LibraryClient, library: TrainingServer
) -> None:
    library.fail_next("11", Fault.DROP_BEFORE)
    loan = client.lend(ICHIRO, NEKO)
    assert not loan.confirmed_on_reconnect and loan.title == "吾輩は猫である"
    assert library.library.log == [("checkout", ICHIRO, NEKO)]


def test_a_loan_never_answered_is_not_recorded_and_the_next_try_lends_once(
    library: TrainingServer,
) -> None:
    library.fail_next("11", Fault.SILENT)
    with LibraryClient(library.settings(read_timeout=0.3)) as desk:
        with pytest.raises(LibraryNotAnsweringError):
            desk.lend(ICHIRO, NEKO)
        assert library.library.log == []
        assert desk.lend(ICHIRO, NEKO).title == "吾輩は猫である"
    assert library.library.log == [("checkout", ICHIRO, NEKO)]


def test_a_library_system_off_line_is_said_so(library: TrainingServer) -> None:
    library.library.online = False
    with LibraryClient(library.settings()) as desk, pytest.raises(LibraryOfflineError):
        desk.connect()


def test_when_the_outcome_cannot_be_asked_the_clerk_is_told_and_the_next_try_asks_first(
    client: LibraryClient, library: TrainingServer
) -> None:
    client.connect()
    library.fail_next("11", Fault.DROP_AFTER)
    library.fail_next("99", Fault.DROP_BEFORE)  # the reconnection to ask what happened
    library.fail_next("63", Fault.DROP_BEFORE)  # and the question on the one after
    with pytest.raises(LibraryOutcomeUnknownError):
        client.lend(ICHIRO, NEKO)
    loan = client.lend(ICHIRO, NEKO)
    assert loan.confirmed_on_reconnect
    assert library.library.log == [("checkout", ICHIRO, NEKO)]


def test_a_drop_after_a_return_was_recorded_gives_one_return(
    client: LibraryClient, library: TrainingServer
) -> None:
    client.lend(ICHIRO, NEKO)
    library.fail_next("09", Fault.DROP_AFTER)
    back = client.give_back(NEKO)
    assert back.confirmed_on_reconnect and back.title == "吾輩は猫である"
    assert library.library.recorded("checkin", NEKO) == 1


def test_a_drop_after_a_renewal_was_recorded_gives_one_renewal(
    client: LibraryClient, library: TrainingServer
) -> None:
    first = client.lend(ICHIRO, NEKO)
    library.fail_next("29", Fault.DROP_AFTER)
    renewed = client.renew(ICHIRO, NEKO)
    assert renewed.confirmed_on_reconnect and renewed.due != first.due
    assert library.library.recorded("renew", NEKO) == 1


def test_a_damaged_answer_is_asked_for_again(
    client: LibraryClient, library: TrainingServer
) -> None:
    client.connect()
    before = library.requests
    library.fail_next("11", Fault.CORRUPT)
    assert client.lend(ICHIRO, NEKO).title == "吾輩は猫である"
    assert library.requests - before == 2  # the checkout and one request to resend (97)
    assert library.library.recorded("checkout", NEKO) == 1


def test_a_message_the_library_system_got_damaged_is_sent_again_once(
    client: LibraryClient, library: TrainingServer
) -> None:
    client.connect()
    before = library.requests
    library.fail_next("11", Fault.ASK_RESEND)
    assert client.lend(ICHIRO, NEKO).title == "吾輩は猫である"
    assert library.requests - before == 2  # the checkout, and the same checkout again after 96
    assert library.library.log == [("checkout", ICHIRO, NEKO)]
