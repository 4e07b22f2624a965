"""First start for a new clerk: from an empty data directory to a card issued, virtual card."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from counter_app import training
from counter_app.card.issuer_keys import load_or_create_issuer
from counter_app.card.profile import LifeCycle
from counter_app.card.protocol import ApduTransport
from counter_app.card.reading import read_text
from counter_app.card.summary import read_summary
from counter_app.card_service.backends import open_in_process_backend
from counter_app.card_service.training_slot import insert_training_card
from counter_app.config import Configuration
from counter_app.records import Register, Role
from counter_app.virtual_card.inprocess import (
    InProcessBackend,
    InProcessConnection,
    InProcessReader,
)
from tests.support.fakes import temp_settings
from ui import i18n
from ui.app import build_window
from ui.main_window import MainWindow

PIN = "4826"


def test_a_first_start_creates_the_training_register_with_demo_logins(empty_home: Path) -> None:
    config = Configuration(data_dir=empty_home)
    assert training.wants_training_register(config)
    register = training.open_register(config)
    try:
        assert register.residents.count() == training.DEMO_RESIDENTS + 3
    finally:
        register.close()
    assert (empty_home / "register.sqlite3").exists()
    assert not training.wants_training_register(config)
    info = training.load_training_info(config)
    assert info is not None
    assert {op.role for op in info.operators} == set(Role)
    assert (training.sidecar_path(config).stat().st_mode & 0o777) == 0o600
    clerk = info.operator(Role.ISSUING_CLERK)
    assert clerk is not None
    again = Register.open(config.register, key_path=config.record_code_key)
    try:
        session = again.operators.login_with_password(clerk.login, clerk.password)
        found = again.access(session, "card-issuance").search("1985-04-01")
        assert [h.family_name for h in found.hits] == ["研修"]
    finally:
        again.close()
    # A configured register is never taken for the training register.
    elsewhere = config.with_register("sqlite:///elsewhere.sqlite3")
    assert training.load_training_info(elsewhere) is None
    assert not training.wants_training_register(elsewhere)


def test_a_blank_training_card_replaces_the_card_in_the_in_process_reader(
    empty_home: Path,
) -> None:
    config = Configuration(data_dir=empty_home)
    backend = open_in_process_backend(config)
    demo = backend.reader.card_path
    name = insert_training_card(backend, blank=True, config=config)
    assert backend.reader.card_path == empty_home / "cards" / name
    connection = backend.connect(backend.reader.name)
    try:
        assert read_summary(connection).life_cycle is not LifeCycle.OPERATIONAL
    finally:
        connection.close()
    insert_training_card(backend, blank=False, config=config)
    assert backend.reader.card_path == demo


@pytest.fixture
def fresh_window(qtbot: QtBot, tmp_path: Path, empty_home: Path) -> Iterator[MainWindow]:
    config = Configuration(data_dir=empty_home)
    window, _card_thread, _settings = build_window(
        config,
        "en",
        backend_factory=functools.partial(open_in_process_backend, config),
        settings=temp_settings(tmp_path),
    )
    window.services.printout_dir = tmp_path / "printouts"
    qtbot.addWidget(window)
    window.show()
    yield window
    window.close()
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    i18n.Translations(app).set_language(i18n.SOURCE_LANGUAGE)


def test_a_new_clerk_issues_a_card_from_an_empty_data_directory(
    qtbot: QtBot, fresh_window: MainWindow, empty_home: Path
) -> None:
    window = fresh_window
    qtbot.waitUntil(lambda: window.training is not None, timeout=60000)
    assert "Training register" in window.status.db_label.text()
    page = window.login_page
    shown = page.training_box.text()
    assert page.training_box.isVisible() and "TRAINING" in shown
    clerk = window.training.operator(Role.ISSUING_CLERK) if window.training else None
    assert clerk is not None
    assert f"{clerk.login} / {clerk.password}" in shown
    qtbot.waitUntil(lambda: window.blank_card_action.isVisible(), timeout=20000)

    # Log in as the clerk the login screen shows.
    qtbot.keyClicks(page.login_field, clerk.login)
    qtbot.keyClick(page.login_field, Qt.Key.Key_Return)
    qtbot.keyClicks(page.password_field, clerk.password)
    qtbot.keyClick(page.password_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.stack.currentIndex() == 1, timeout=20000)
    issuance = window.pages["issuance"]
    qtbot.waitUntil(lambda: issuance.search.box.hasFocus(), timeout=5000)

    # Insert a blank training card with the keyboard.
    reader = window.reader_list.current_reader()
    assert reader is not None
    qtbot.keyClick(
        issuance.search.box,
        Qt.Key.Key_B,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: window.last_training_card is not None, timeout=20000)
    qtbot.waitUntil(
        lambda: (
            reader in window.summaries
            and window.summaries[reader].life_cycle is not LifeCycle.OPERATIONAL
        ),
        timeout=20000,
    )

    # Find the training resident, tick a document, issue, let the resident choose the PIN.
    person = training.TRAINING_RESIDENTS[0]
    qtbot.keyClicks(issuance.search.box, person.birth_date.isoformat())
    qtbot.keyClick(issuance.search.box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(issuance.search.hits) == 1, timeout=10000)
    qtbot.keyClick(issuance.search.results, Qt.Key.Key_Return)
    assert issuance.resident is not None
    licence = next(iter(issuance.documents.values()))
    licence.setFocus()
    qtbot.keyClick(licence, Qt.Key.Key_Space)
    qtbot.keyClick(licence, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: issuance.pin_dialog is not None, timeout=5000)
    dialog = issuance.pin_dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.first, PIN)
    qtbot.keyClick(dialog.first, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.second, PIN)
    qtbot.keyClick(dialog.second, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: issuance.result is not None or issuance.runner.error is not None, timeout=60000
    )
    assert issuance.runner.error is None, issuance.runner.message.text()
    preview = window.services.last_preview
    assert preview is not None
    qtbot.waitUntil(lambda: preview.page_count == 2, timeout=10000)
    qtbot.keyClick(preview.print_button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: preview.outcome is not None, timeout=10000)
    result = issuance.result
    assert result is not None

    # The card in the data directory reads back through the card layer, verified.
    card_file = empty_home / "cards" / str(window.last_training_card)
    window.close()
    reader_slot = InProcessReader()
    reader_slot.insert(card_file)
    issuer = load_or_create_issuer(empty_home)
    connection = InProcessBackend(reader_slot).connect(reader_slot.name)
    text = read_text(ApduTransport(connection), PIN, trust=issuer.trust)
    assert text.attributes is not None
    assert text.attributes.name == person.name
    assert text.attributes.address == person.address
    assert text.serial.upper() == result.serial.upper()


class _PullingConnection:
    """A connection whose card is pulled out of the reader after a number of APDUs."""

    def __init__(self, inner: InProcessConnection, backend: PullingBackend) -> None:
        self._inner, self._backend = inner, backend

    @property
    def reader_name(self) -> str:
        return self._inner.reader_name

    @property
    def atr(self) -> bytes:
        return self._inner.atr

    @property
    def extended_length(self) -> bool:
        return self._inner.extended_length

    def transmit(self, command: bytes) -> bytes:
        self._backend.count_down()
        return self._inner.transmit(command)

    def close(self) -> None:
        self._inner.close()


class PullingBackend(InProcessBackend):
    """The in-process reader, where a hand pulls the card after `pull_after` APDUs."""

    pull_after: int | None = None
    pulled = False

    def count_down(self) -> None:
        if self.pull_after is None:
            return
        self.pull_after -= 1
        if self.pull_after <= 0:
            self.pull_after = None
            self.pulled = True
            self.reader.remove()

    def connect(self, reader: str) -> _PullingConnection:  # type: ignore[override]
        return _PullingConnection(super().connect(reader), self)


def test_a_card_pulled_mid_issue_is_explained_in_japanese_and_try_again_completes_it(
    qtbot: QtBot, tmp_path: Path, empty_home: Path
) -> None:
    config = Configuration(data_dir=empty_home)
    backend = PullingBackend(open_in_process_backend(config).reader)
    window, _card_thread, _settings = build_window(
        config,
        "ja",
        backend_factory=lambda: backend,
        settings=temp_settings(tmp_path),
    )
    window.services.printout_dir = tmp_path / "printouts"
    qtbot.addWidget(window)
    window.show()
    try:
        qtbot.waitUntil(lambda: window.training is not None, timeout=60000)
        assert "研修用台帳" in window.status.db_label.text()
        assert "研修用台帳" in window.login_page.training_box.text()
        clerk = window.training.operator(Role.ISSUING_CLERK) if window.training else None
        assert clerk is not None
        page = window.login_page
        qtbot.keyClicks(page.login_field, clerk.login)
        qtbot.keyClick(page.login_field, Qt.Key.Key_Return)
        qtbot.keyClicks(page.password_field, clerk.password)
        qtbot.keyClick(page.password_field, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: window.stack.currentIndex() == 1, timeout=20000)
        issuance = window.pages["issuance"]
        window.blank_card_action.trigger()
        qtbot.waitUntil(lambda: window.last_training_card is not None, timeout=20000)
        card_file = empty_home / "cards" / str(window.last_training_card)
        reader = window.reader_list.current_reader()
        qtbot.waitUntil(
            lambda: (
                reader in window.summaries
                and window.summaries[reader].life_cycle is not LifeCycle.OPERATIONAL
            ),
            timeout=20000,
        )
        qtbot.keyClicks(issuance.search.box, "1952-07-15")
        qtbot.keyClick(issuance.search.box, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: len(issuance.search.hits) == 1, timeout=10000)
        qtbot.keyClick(issuance.search.results, Qt.Key.Key_Return)
        document = next(iter(issuance.documents.values()))
        document.setFocus()
        qtbot.keyClick(document, Qt.Key.Key_Space)
        backend.pull_after = 12  # in the middle of writing the chip
        qtbot.keyClick(document, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: issuance.pin_dialog is not None, timeout=5000)
        dialog = issuance.pin_dialog
        assert dialog is not None
        qtbot.keyClicks(dialog.first, PIN)
        qtbot.keyClick(dialog.first, Qt.Key.Key_Return)
        qtbot.keyClicks(dialog.second, PIN)
        qtbot.keyClick(dialog.second, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: issuance.runner.error is not None, timeout=60000)
        assert backend.pulled and issuance.result is None
        progress = issuance.runner.progress()
        assert progress is not None and progress.failed_step == "personalise"
        message = issuance.runner.message.text()
        assert "カードがリーダーから外されました" in message, message
        assert "リーダーに" in message.splitlines()[-1]  # what to do, on its own line
        retry = issuance.runner.retry_button
        assert retry.isVisible() and "やり直す" in retry.text()
        assert window.focusWidget() is retry  # Enter or Space retries at once

        backend.reader.insert(card_file)  # the same card, back in the reader
        qtbot.keyClick(retry, Qt.Key.Key_Space)
        qtbot.waitUntil(
            lambda: issuance.result is not None or issuance.runner.error is not None,
            timeout=60000,
        )
        assert issuance.runner.error is None, issuance.runner.message.text()
        result = issuance.result
        assert result is not None
    finally:
        window.close()
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        i18n.Translations(app).set_language(i18n.SOURCE_LANGUAGE)
    reader_slot = InProcessReader()
    reader_slot.insert(card_file)
    connection = InProcessBackend(reader_slot).connect(reader_slot.name)
    text = read_text(ApduTransport(connection), PIN, trust=load_or_create_issuer(empty_home).trust)
    assert text.attributes is not None
    assert text.attributes.name == training.TRAINING_RESIDENTS[1].name
    assert text.serial.upper() == result.serial.upper()
