"""The card thread: one thread talks to the back end; results come back on the GUI thread."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from pytestqt.qtbot import QtBot

from counter_app.card.connection import NoCardError, ReaderInfo
from counter_app.card.readers import ReaderBackend
from counter_app.card.summary import CardSummary
from counter_app.errors import ConfigurationError
from tests.support.fakes import FakeBackend, FakeCard
from ui.card_thread import (
    BackendInfo,
    CardThread,
    abort_requested,
    assert_card_thread,
    card_thread_only,
    is_value_copy,
    read_card,
)

GUI_THREAD = threading.get_ident()


@pytest.fixture
def backend() -> FakeBackend:
    return FakeBackend(reader_names=("Reader A", "Reader B"))


@pytest.fixture
def card_thread(qtbot: QtBot, backend: FakeBackend) -> Iterator[CardThread]:
    thread = CardThread(lambda: backend, read_summary=backend.read_summary)
    yield thread
    thread.stop()


def test_readers_and_the_inserted_cards_summary_arrive_as_value_copies(
    qtbot: QtBot, card_thread: CardThread, backend: FakeBackend
) -> None:
    readers: list[tuple[ReaderInfo, ...]] = []
    summaries: list[CardSummary] = []
    card_thread.readers_changed.connect(readers.append)
    card_thread.summary_read.connect(summaries.append)
    with qtbot.waitSignal(card_thread.backend_opened, timeout=5000) as opened:
        card_thread.start()
    assert opened.args == [BackendInfo("PC/SC (fake)", False)]
    qtbot.waitUntil(lambda: bool(readers))
    assert [r.name for r in readers[-1]] == ["Reader A", "Reader B"]
    assert not any(r.card_present for r in readers[-1])

    backend.insert(FakeCard(serial="00000000000000AA"), reader="Reader B")
    qtbot.waitUntil(lambda: bool(summaries), timeout=1000)
    assert summaries[-1].reader == "Reader B"
    assert summaries[-1].serial == "00000000000000AA"
    assert readers[-1][1].card_present
    assert all(is_value_copy(r) for r in readers)


def test_only_the_card_thread_ever_calls_the_back_end(
    qtbot: QtBot, card_thread: CardThread, backend: FakeBackend
) -> None:
    opened_on: list[int] = []

    def factory() -> ReaderBackend:
        opened_on.append(threading.get_ident())
        return backend

    thread = CardThread(factory, read_summary=backend.read_summary)
    summaries: list[CardSummary] = []
    thread.summary_read.connect(summaries.append)
    thread.start()
    backend.insert()
    qtbot.waitUntil(lambda: bool(summaries), timeout=5000)
    results: list[object] = []
    thread.submit(lambda b: len(b.readers()), results.append)
    qtbot.waitUntil(lambda: bool(results))
    assert thread.stop()

    callers = backend.calling_threads()
    assert len(callers) == 1
    assert GUI_THREAD not in callers
    assert opened_on == list(callers)
    assert backend.closed and backend.calls[-1][0] == "close"


def test_jobs_run_on_the_card_thread_and_report_on_the_gui_thread(
    qtbot: QtBot, card_thread: CardThread
) -> None:
    @dataclass(frozen=True)
    class Answer:
        thread: int
        readers: int

    done: list[tuple[Answer, int]] = []
    card_thread.start()
    card_thread.submit(
        lambda b: Answer(threading.get_ident(), len(b.readers())),
        lambda answer: done.append((answer, threading.get_ident())),
    )
    qtbot.waitUntil(lambda: bool(done), timeout=5000)
    answer, delivered_on = done[0]
    assert answer.thread != GUI_THREAD
    assert answer.readers == 2
    assert delivered_on == GUI_THREAD


def test_a_failing_job_delivers_its_error_without_the_card_threads_frames(
    qtbot: QtBot, card_thread: CardThread
) -> None:
    errors: list[BaseException] = []
    card_thread.start()
    card_thread.submit(lambda b: read_card(b, "Reader A"), lambda _: None, errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert isinstance(errors[0], NoCardError)
    assert errors[0].__traceback__ is None


def test_a_job_may_not_hand_a_live_object_to_the_gui(qtbot: QtBot, card_thread: CardThread) -> None:
    errors: list[BaseException] = []
    card_thread.start()
    card_thread.submit(lambda b: b, lambda _: None, errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert isinstance(errors[0], TypeError)


def test_the_back_end_handed_to_a_job_refuses_use_from_the_gui_thread(
    qtbot: QtBot, card_thread: CardThread
) -> None:
    leaked: list[object] = []
    card_thread.start()
    card_thread.submit(lambda b: leaked.append(b), lambda _: None)
    qtbot.waitUntil(lambda: bool(leaked), timeout=5000)
    with pytest.raises(AssertionError):
        leaked[0].readers()  # type: ignore[attr-defined]


def test_card_thread_guards_refuse_the_gui_thread() -> None:
    @card_thread_only
    def talk_to_card() -> None: ...

    with pytest.raises(AssertionError):
        assert_card_thread()
    with pytest.raises(AssertionError):
        talk_to_card()


def test_stop_closes_the_back_end_and_joins_within_two_seconds(
    qtbot: QtBot, card_thread: CardThread, backend: FakeBackend
) -> None:
    with qtbot.waitSignal(card_thread.backend_opened, timeout=5000):
        card_thread.start()
    started = time.monotonic()
    assert card_thread.stop()
    assert time.monotonic() - started < 2.0
    assert not card_thread.running
    assert backend.closed


def test_a_long_job_that_checks_the_abort_flag_does_not_hold_up_shutdown(
    qtbot: QtBot, card_thread: CardThread
) -> None:
    began = threading.Event()

    def long_job(_backend: ReaderBackend) -> None:
        began.set()
        deadline = time.monotonic() + 30
        while not abort_requested() and time.monotonic() < deadline:
            time.sleep(0.01)

    card_thread.start()
    card_thread.submit(long_job, lambda _: None)
    assert began.wait(5)
    started = time.monotonic()
    assert card_thread.stop()
    assert time.monotonic() - started < 2.0


def test_a_back_end_that_cannot_open_is_reported(qtbot: QtBot) -> None:
    def broken() -> ReaderBackend:
        raise ConfigurationError("no reader configured")

    thread = CardThread(broken)
    with qtbot.waitSignal(thread.backend_failed, timeout=5000) as failed:
        thread.start()
    assert isinstance(failed.args[0], ConfigurationError)
    errors: list[BaseException] = []
    thread.submit(lambda b: None, lambda _: None, errors.append)
    qtbot.waitUntil(lambda: bool(errors))
    assert thread.stop()


def test_value_copies_are_frozen_dataclasses_and_plain_values() -> None:
    @dataclass
    class Mutable:
        x: int

    assert is_value_copy((ReaderInfo("r", True, b"\x3b"),))
    assert is_value_copy(CardSummary("r", None, None, None))
    assert is_value_copy(None) and is_value_copy("text") and is_value_copy(3)
    assert not is_value_copy(Mutable(1))
    assert not is_value_copy([1, 2])
    assert not is_value_copy(object())
