"""The job engine shared by the card, database and print threads."""

from __future__ import annotations

import threading

from pytestqt.qtbot import QtBot

from ui.card_thread import on_card_thread
from ui.worker_thread import SerialThread, SerialWorker

GUI_THREAD = threading.get_ident()


def test_a_resource_is_opened_used_and_closed_on_the_worker_thread(qtbot: QtBot) -> None:
    threads: dict[str, int] = {}

    def opener() -> str:
        threads["open"] = threading.get_ident()
        return "resource"

    def closer(_resource: str) -> None:
        threads["close"] = threading.get_ident()

    def job(resource: str) -> str:
        threads["job"] = threading.get_ident()
        assert not on_card_thread()  # a worker other than the card thread is not the card thread
        return resource.upper()

    worker = SerialThread(SerialWorker("test worker", opener, closer))
    results: list[tuple[str, int]] = []
    worker.start()
    worker.submit(job, lambda value: results.append((value, threading.get_ident())))
    qtbot.waitUntil(lambda: bool(results), timeout=5000)
    assert results == [("RESOURCE", GUI_THREAD)]
    assert worker.stop()
    assert threads["open"] == threads["job"] == threads["close"] != GUI_THREAD


def test_a_job_opens_the_resource_again_after_a_failed_start(qtbot: QtBot) -> None:
    attempts: list[int] = []

    def flaky() -> str:
        attempts.append(1)
        if len(attempts) == 1:
            raise OSError("the database is not up yet")
        return "register"

    db = SerialThread(SerialWorker("database worker", flaky))  # as the database worker does
    with qtbot.waitSignal(db.open_failed, timeout=5000):
        db.start()
    results: list[str] = []
    db.submit(lambda _register: "answered", results.append)
    qtbot.waitUntil(lambda: bool(results), timeout=5000)
    assert results == ["answered"] and len(attempts) == 2
    assert db.stop()
