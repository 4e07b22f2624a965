"""The counter window with a real register: login, roles, the issuance form, resident PIN, photo."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from counter_app.config import Configuration
from counter_app.records import Register, Role
from tests.support.fakes import FakeBackend, temp_settings
from tests.support.records_fixtures import (
    CLERK_PASSWORD,
    FAST_POLICY,
    SUPERVISOR_PASSWORD,
    resident,
)
from ui import i18n
from ui.card_thread import CardThread
from ui.db_thread import DbThread
from ui.main_window import PAGE_ORDER, MainWindow
from ui.photo_widget import PhotoWidget
from ui.resident_pin_dialog import ResidentPinDialog

YOUNGER = dt.date(1990, 6, 15)


@pytest.fixture
def register_url(
    tmp_path: Path,
    records_sqlite_template: Path,
    records_key_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> str:
    monkeypatch.setenv("COUNTER_APP_HOME", str(tmp_path / "home"))
    path = tmp_path / "register.sqlite3"
    path.write_bytes(records_sqlite_template.read_bytes())
    url = f"sqlite:///{path}"
    register = Register.open(url, key_path=records_key_path, policy=FAST_POLICY)
    try:
        register.operators.register(
            None, login="supervisor", display_name="監督者 一郎", roles=[Role.SUPERVISOR],
            password=SUPERVISOR_PASSWORD,
        )  # fmt: skip
        boss = register.operators.login_with_password("supervisor", SUPERVISOR_PASSWORD)
        for login, role in (("clerk", Role.ISSUING_CLERK), ("checker", Role.VERIFYING_CLERK)):
            register.operators.register(
                boss, login=login, display_name=login, roles=[role], password=CLERK_PASSWORD
            )
        register.residents.add(boss, resident())
        register.residents.add(
            boss,
            resident("鈴木", "花子", "スズキ", "ハナコ", born=YOUNGER, household="H-0002"),
        )
    finally:
        register.close()
    return url


def open_counter(
    qtbot: QtBot, tmp_path: Path, url: str, key_path: Path, lang: str = "en"
) -> tuple[MainWindow, FakeBackend, i18n.Translations]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    translations = i18n.Translations(app)
    translations.set_language(lang)
    backend = FakeBackend()
    card_thread = CardThread(lambda: backend, read_summary=backend.read_summary)
    db_thread = DbThread(lambda: Register.open(url, key_path=key_path, policy=FAST_POLICY))
    window = MainWindow(
        card_thread,
        translations,
        temp_settings(tmp_path),
        config=Configuration(data_dir=tmp_path / "home"),
        db_thread=db_thread,
    )
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.status.db_state.kind == "ready", timeout=10000)
    return window, backend, translations


@pytest.fixture
def counter(
    qtbot: QtBot, tmp_path: Path, register_url: str, records_key_path: Path
) -> Iterator[MainWindow]:
    window, _backend, translations = open_counter(qtbot, tmp_path, register_url, records_key_path)
    yield window
    window.close()
    translations.set_language(i18n.SOURCE_LANGUAGE)


def log_in(qtbot: QtBot, window: MainWindow, login: str, password: str) -> None:
    page = window.login_page
    page.login_field.setFocus()
    qtbot.keyClicks(page.login_field, login)
    qtbot.keyClick(page.login_field, Qt.Key.Key_Return)
    qtbot.keyClicks(page.password_field, password)
    qtbot.keyClick(page.password_field, Qt.Key.Key_Return)


def test_the_window_opens_on_the_login_screen_with_the_register_shown(counter: MainWindow) -> None:
    assert counter.stack.currentWidget() is counter.login_page
    assert counter.status.db_label.text() == "Register: connected"
    assert counter.status.printer_label.text()  # a printer, or that printouts become PDF


def test_the_right_password_opens_the_pages_the_roles_allow(
    qtbot: QtBot, counter: MainWindow
) -> None:
    log_in(qtbot, counter, "clerk", CLERK_PASSWORD)
    qtbot.waitUntil(lambda: counter.stack.currentIndex() == 1, timeout=10000)
    assert list(counter.pages) == [
        key for key in PAGE_ORDER if key not in ("library", "supervisor")
    ]
    assert not counter.page_actions["library"].isEnabled()  # library staff's desk
    assert not counter.page_actions["supervisor"].isEnabled()  # the supervisor's desk
    assert "clerk" in counter.operator_label.text()
    assert counter.login_page.password_field.text() == ""


def test_a_verifying_clerk_gets_the_card_check_and_no_issuance_page(
    qtbot: QtBot, counter: MainWindow
) -> None:
    log_in(qtbot, counter, "checker", CLERK_PASSWORD)
    qtbot.waitUntil(lambda: counter.stack.currentIndex() == 1, timeout=10000)
    assert list(counter.pages) == ["verification"]
    assert counter.page_actions["verification"].isEnabled()
    assert not counter.page_actions["issuance"].isEnabled()
    assert "no counter task" not in counter.operator_label.text()


def test_a_wrong_password_is_refused_in_words_and_then_locks_out(
    qtbot: QtBot, counter: MainWindow
) -> None:
    page = counter.login_page
    log_in(qtbot, counter, "clerk", "wrong-password")
    qtbot.waitUntil(lambda: page.error.isVisible(), timeout=10000)
    assert "not correct" in page.error.text()
    assert counter.stack.currentIndex() == 0
    for _ in range(FAST_POLICY.max_failed_logins - 1):
        page.password_field.setFocus()
        qtbot.keyClicks(page.password_field, "wrong-password")
        qtbot.keyClick(page.password_field, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: not page.checking, timeout=10000)
    assert "locked" in page.error.text()
    assert "supervisor" in page.error.text()


def test_the_lock_out_message_is_japanese_in_japanese(
    qtbot: QtBot, tmp_path: Path, register_url: str, records_key_path: Path
) -> None:
    window, _b, translations = open_counter(
        qtbot, tmp_path, register_url, records_key_path, lang="ja"
    )
    try:
        page = window.login_page
        for _ in range(FAST_POLICY.max_failed_logins):
            log_in(qtbot, window, "" if page.login_field.text() else "clerk", "wrong-password")
            qtbot.waitUntil(lambda: not page.checking and page.error.isVisible(), timeout=10000)
        assert "ロック" in page.error.text()
    finally:
        window.close()
        translations.set_language(i18n.SOURCE_LANGUAGE)


def test_logging_out_returns_to_the_login_screen(qtbot: QtBot, counter: MainWindow) -> None:
    log_in(qtbot, counter, "clerk", CLERK_PASSWORD)
    qtbot.waitUntil(lambda: counter.stack.currentIndex() == 1, timeout=10000)
    counter.logout_action.trigger()
    assert counter.stack.currentIndex() == 0
    assert counter.login_page.notice.text() == "Logged out."


def test_the_resident_is_found_and_chosen_with_the_keyboard(
    qtbot: QtBot, counter: MainWindow
) -> None:
    log_in(qtbot, counter, "clerk", CLERK_PASSWORD)
    qtbot.waitUntil(lambda: counter.stack.currentIndex() == 1, timeout=10000)
    page = counter.pages["issuance"]
    qtbot.waitUntil(lambda: page.search.box.hasFocus(), timeout=5000)
    qtbot.keyClicks(page.search.box, "1950-04-01")  # QTest types ASCII only; kana comes by IME
    qtbot.keyClick(page.search.box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(page.search.hits) == 1, timeout=10000)
    hit = page.search.results.topLevelItem(0)
    headers = page.search.results.headerItem()
    age = [hit.text(c) for c in range(hit.columnCount()) if headers.text(c) == "Age"]
    born = dt.date(1950, 4, 1)
    today = dt.date.today()
    assert age == [f"{today.year - born.year - ((today.month, today.day) < (4, 1))} years"]
    qtbot.keyClick(page.search.results, Qt.Key.Key_Return)
    assert page.resident is not None and page.resident.family_name == "山田"
    assert "山田" in page.chosen.text()


def _choose(qtbot: QtBot, page: object, born: dt.date) -> None:
    search = page.search  # type: ignore[attr-defined]
    search.box.setFocus()
    qtbot.keyClicks(search.box, born.isoformat())
    qtbot.keyClick(search.box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(search.hits) == 1, timeout=10000)
    qtbot.keyClick(search.results, Qt.Key.Key_Return)


def test_free_issuance_is_explained_before_any_card_and_a_malformed_proof_refused(
    qtbot: QtBot, counter: MainWindow
) -> None:
    log_in(qtbot, counter, "clerk", CLERK_PASSWORD)
    qtbot.waitUntil(lambda: counter.stack.currentIndex() == 1, timeout=10000)
    page = counter.pages["issuance"]
    qtbot.waitUntil(lambda: page.search.box.hasFocus(), timeout=5000)
    _choose(qtbot, page, YOUNGER)
    page.free_elderly.setFocus()
    qtbot.keyClick(page.free_elderly, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: "aged 65 or over" in page.outlook_label.text(), timeout=10000)
    assert f"is {page.outlook.age}" in page.outlook_label.text()
    assert not page.check_fee_button.isEnabled()

    page.reset()
    _choose(qtbot, page, dt.date(1950, 4, 1))
    page.free_elderly.setFocus()
    qtbot.keyClick(page.free_elderly, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: "No earlier proof" in page.outlook_label.text(), timeout=10000)
    assert page.check_fee_button.isEnabled()
    qtbot.keyClicks(page.proof, "161234567890")  # 16: no public safety commission
    qtbot.keyClick(page.proof, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "12 digits" in page.fee_status.text(), timeout=10000)
    assert page.free_fee is None
    page.proof.clear()
    qtbot.keyClicks(page.proof, "741234567890")
    qtbot.keyClick(page.proof, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "no fee" in page.fee_status.text(), timeout=10000)
    assert page.free_fee is not None and page.free_fee.amount_yen == 0


def _seen(page: object, widget: QWidget) -> bool:
    """True when `widget` lies inside the visible part of the page's scroll area."""
    area = page.scroll_area  # type: ignore[attr-defined]
    top_left = widget.mapTo(area.viewport(), widget.rect().topLeft())
    return bool(area.viewport().rect().contains(top_left)) and widget.isVisible()


def test_ctrl_enter_from_the_tab_bar_and_the_keypad_starts_the_task_and_the_error_is_seen(
    qtbot: QtBot, counter: MainWindow
) -> None:
    log_in(qtbot, counter, "clerk", CLERK_PASSWORD)
    qtbot.waitUntil(lambda: counter.stack.currentIndex() == 1, timeout=10000)
    page = counter.pages["issuance"]
    counter.resize(900, 420)  # a small screen: the page scrolls
    page.scroll_area.verticalScrollBar().setValue(0)
    tab_bar = counter.tabs.tabBar()
    tab_bar.setFocus()
    qtbot.keyClick(tab_bar, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.form_error.isVisible(), timeout=5000)
    assert "choose the resident" in page.form_error.text()
    qtbot.waitUntil(lambda: _seen(page, page.form_error), timeout=5000)
    assert page.focusWidget() is page.form_error

    page.form_error.hide()
    page.search.box.setFocus()
    keypad = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.KeypadModifier
    qtbot.keyClick(page.search.box, Qt.Key.Key_Enter, keypad)
    qtbot.waitUntil(lambda: page.form_error.isVisible(), timeout=5000)

    bar = page.scroll_area.verticalScrollBar()
    bar.setValue(bar.maximum())  # scrolled down, then the next resident
    assert bar.maximum() > 0
    page.reset()
    assert bar.value() == 0 and page.search.box.hasFocus()
    qtbot.waitUntil(lambda: _seen(page, page.search.box), timeout=5000)


@pytest.mark.parametrize(
    ("typed", "said"),
    [("2099-13-45", "not a date that exists"), ("2099-01-01", "after today")],
)
def test_a_date_that_cannot_be_a_birth_date_is_explained(
    qtbot: QtBot, counter: MainWindow, typed: str, said: str
) -> None:
    log_in(qtbot, counter, "clerk", CLERK_PASSWORD)
    qtbot.waitUntil(lambda: counter.stack.currentIndex() == 1, timeout=10000)
    page = counter.pages["issuance"]
    qtbot.waitUntil(lambda: page.search.box.hasFocus(), timeout=5000)
    qtbot.keyClicks(page.search.box, typed)
    qtbot.keyClick(page.search.box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: said in page.search.status.text(), timeout=10000)
    assert "try the birth date" not in page.search.status.text()
    assert page.search.hits == ()


def _png(width: int, height: int, *, flat: bool = False) -> bytes:
    image = Image.new("RGB", (width, height), (200, 180, 160))
    if not flat:
        for x in range(width):
            for y in range(0, height, 7):
                image.putpixel((x, y), ((x * 3) % 256, (y * 5) % 256, 90))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def test_a_photo_too_small_is_refused_in_words(qtbot: QtBot, tmp_path: Path) -> None:
    widget = PhotoWidget()
    qtbot.addWidget(widget)
    path = tmp_path / "small.png"
    path.write_bytes(_png(120, 160))
    widget.load_file(path)
    assert widget.jpeg() is None
    assert "too small" in widget.error.text()


def test_an_empty_photo_is_refused_and_a_good_one_cropped_to_3_by_4(
    qtbot: QtBot, tmp_path: Path
) -> None:
    widget = PhotoWidget()
    qtbot.addWidget(widget)
    flat = tmp_path / "flat.png"
    flat.write_bytes(_png(600, 800, flat=True))
    widget.load_file(flat)
    assert widget.jpeg() is None and "empty" in widget.error.text()
    good = tmp_path / "good.png"
    good.write_bytes(_png(1000, 800))
    widget.load_file(good)
    jpeg = widget.jpeg()
    assert jpeg is not None and not widget.error.isVisible()
    with Image.open(io.BytesIO(jpeg)) as image:
        assert image.format == "JPEG"
        assert image.size == (300, 400)
    before = widget.view.crop
    qtbot.keyClick(widget.view, Qt.Key.Key_Right)
    assert widget.view.crop[0] > before[0]


def test_the_resident_pin_dialog_refuses_two_different_pins(qtbot: QtBot) -> None:
    dialog = ResidentPinDialog(None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.first, "1357")
    qtbot.keyClick(dialog.first, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.second, "1375")
    qtbot.keyClick(dialog.second, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert dialog.error.isVisible() and "not the same" in dialog.error.text()
    assert dialog.first.text() == "" and dialog.second.text() == ""
    assert dialog.first.echoMode() == dialog.first.EchoMode.Password
    qtbot.keyClicks(dialog.first, "2580")
    qtbot.keyClicks(dialog.second, "2580")
    qtbot.keyClick(dialog.second, Qt.Key.Key_Return)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert dialog.take_pin() == "2580"


@pytest.mark.parametrize(
    ("pin", "said"),
    [
        ("7777", "one digit repeated"),
        ("1234", "run of digits"),
        ("6543", "run of digits"),
        ("0314", "birth date"),
        ("1955", "birth date"),
        ("3003", "birth date"),  # 昭和30年3月
    ],
)
def test_the_resident_pin_dialog_refuses_a_pin_easy_to_guess_and_says_why(
    qtbot: QtBot, pin: str, said: str
) -> None:
    dialog = ResidentPinDialog(None, birth_date=dt.date(1955, 3, 14))
    qtbot.addWidget(dialog)
    dialog.show()
    height = dialog.first.height()
    qtbot.keyClicks(dialog.first, pin)
    qtbot.keyClicks(dialog.second, pin)
    qtbot.keyClick(dialog.second, Qt.Key.Key_Enter)  # the keypad's Enter
    assert dialog.isVisible() and dialog.result() != dialog.DialogCode.Accepted
    assert dialog.error.isVisible() and said in dialog.error.text()
    assert dialog.first.text() == dialog.second.text() == ""
    assert dialog.focusWidget() is dialog.first
    assert dialog.first.height() == height and dialog.second.height() == height
    qtbot.keyClicks(dialog.first, "2580")
    qtbot.keyClicks(dialog.second, "2580")
    qtbot.keyClick(dialog.second, Qt.Key.Key_Return)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert dialog.take_pin() == "2580"


def test_the_pin_fields_keep_their_size_after_a_mismatch(qtbot: QtBot) -> None:
    dialog = ResidentPinDialog(None)
    qtbot.addWidget(dialog)
    dialog.show()
    sizes = (dialog.first.size(), dialog.second.size())
    qtbot.keyClicks(dialog.first, "2580")
    qtbot.keyClicks(dialog.second, "2581")
    qtbot.keyClick(dialog.second, Qt.Key.Key_Return)
    assert dialog.error.isVisible()
    qtbot.waitUntil(lambda: (dialog.first.size(), dialog.second.size()) == sizes, timeout=2000)


def test_a_card_is_issued_with_the_keyboard_alone_and_its_face_saved_as_id1_pdf(
    qtbot: QtBot, tmp_path: Path, register_url: str, records_key_path: Path
) -> None:
    import pypdfium2

    from counter_app.card_service.training_cards import create_card
    from counter_app.virtual_card.inprocess import InProcessBackend

    card_file = tmp_path / "blank.json"
    create_card(card_file, demo=False, force=False, home=tmp_path / "home")  # the window's home
    backend = InProcessBackend()
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    translations = i18n.Translations(app)
    translations.set_language("en")
    window = MainWindow(
        CardThread(lambda: backend),
        translations,
        temp_settings(tmp_path),
        config=Configuration(data_dir=tmp_path / "home"),
        db_thread=DbThread(
            lambda: Register.open(register_url, key_path=records_key_path, policy=FAST_POLICY)
        ),
    )
    qtbot.addWidget(window)
    window.show()
    try:
        qtbot.waitUntil(lambda: window.status.db_state.kind == "ready", timeout=10000)
        log_in(qtbot, window, "clerk", CLERK_PASSWORD)
        qtbot.waitUntil(lambda: window.stack.currentIndex() == 1, timeout=20000)
        page = window.pages["issuance"]
        qtbot.keyClicks(page.search.box, "1950-04-01")
        qtbot.keyClick(page.search.box, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: len(page.search.hits) == 1, timeout=10000)
        qtbot.keyClick(page.search.results, Qt.Key.Key_Return)
        licence = page.documents[next(iter(page.documents))]
        licence.setFocus()
        qtbot.keyClick(licence, Qt.Key.Key_Space)
        backend.reader.insert(card_file)
        qtbot.waitUntil(lambda: window.reader_list.current_reader() is not None, timeout=5000)
        qtbot.keyClick(licence, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: page.pin_dialog is not None, timeout=5000)
        dialog = page.pin_dialog
        assert dialog is not None
        qtbot.keyClicks(dialog.first, "4826")
        qtbot.keyClick(dialog.first, Qt.Key.Key_Return)
        qtbot.keyClicks(dialog.second, "4826")
        qtbot.keyClick(dialog.second, Qt.Key.Key_Return)
        qtbot.waitUntil(
            lambda: page.result is not None or page.runner.error is not None, timeout=60000
        )
        assert page.runner.error is None, page.runner.message.text()
        preview = window.services.last_preview
        assert preview is not None
        qtbot.waitUntil(lambda: preview.page_count == 2, timeout=10000)
        qtbot.keyClick(preview.print_button, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: preview.outcome is not None, timeout=10000)
        pdf = tmp_path / "home" / "printouts" / f"card-{page.result.serial}.pdf"
        assert pdf.exists()
        doc = pypdfium2.PdfDocument(str(pdf))
        width, height = doc[0].get_size()
        assert abs(width - 85.6 / 25.4 * 72) < 0.5 and abs(height - 53.98 / 25.4 * 72) < 0.5
        doc.close()
    finally:
        window.close()
        translations.set_language(i18n.SOURCE_LANGUAGE)
