"""The certificate kiosk window (自動交付機): card in, PIN, choice, fee, print, take the card.

No operator logs in. Pages on a stack: waiting for a card, the PIN (on-screen digits for
touch and the keyboard's digits), the choice (本人のみ / 世帯全員, copies with − and +, the fee),
and a message page (printing, printed, take the card back, errors). Card and register work runs
on the kiosk's worker thread, so the window never waits. The screen forgets the resident on
card removal, after the idle time, and after printing: every field is emptied and the session
ended on the worker.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Final

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QFont, QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from counter_app.card.errors import InvalidPinError
from counter_app.card.readers import ReaderBackend
from counter_app.config import Configuration
from counter_app.workflows.certificate_kiosk import MAX_COPIES, Issued, KioskPrinter, Scope
from ui.errors import error_texts
from ui.kiosk_desk import DeskInfo, KioskDesk, Opened, open_desk
from ui.retranslating import Retranslating
from ui.worker_thread import SerialThread, SerialWorker

POLL_MS: Final = 250
MESSAGE_MS: Final = 8000  # a message with no card in the reader goes back to waiting
BIG: Final = 72  # the smallest side of a touch target, in pixels
MAX_PIN: Final = 16

WAITING, PIN, CHOICE, MESSAGE = range(4)


def _big(button: QPushButton) -> QPushButton:
    button.setMinimumSize(BIG * 2, BIG)
    font = button.font()
    font.setPointSize(20)
    button.setFont(font)
    return button


def _label(size: int = 22) -> QLabel:
    label = QLabel()
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setWordWrap(True)
    font = QFont(label.font())
    font.setPointSize(size)
    label.setFont(font)
    return label


class KioskThread(SerialThread[KioskDesk]):
    """The window's handle on the kiosk worker (reader, register, session)."""

    def __init__(self, opener: Callable[[], KioskDesk]) -> None:
        worker: SerialWorker[KioskDesk] = SerialWorker("kiosk worker", opener, KioskDesk.close)
        super().__init__(worker)


class KioskWindow(Retranslating, QWidget):
    """Full screen on a kiosk; keyboard and touch; nothing of the resident outlives a session."""

    def __init__(self, thread: KioskThread, *, full_screen: bool = True) -> None:
        super().__init__()
        self.worker = thread
        self.full_screen = full_screen
        self.info: DeskInfo | None = None
        self.reader: str | None = None  # the reader holding the card, while one is in
        self.scope = Scope.SELF
        self.copies = 1
        self.busy = False
        self.issued: Issued | None = None
        self.stack = QStackedWidget()
        self._build_waiting()
        self._build_pin()
        self._build_choice()
        self._build_message()
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack)
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._poll_card)
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.timeout.connect(self._on_idle)
        self._back = QTimer(self)
        self._back.setSingleShot(True)
        self._back.timeout.connect(self._back_to_waiting)
        thread.opened.connect(self._on_opened)
        thread.open_failed.connect(self._on_open_failed)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self.retranslate()
        self._show(WAITING)
        thread.start()

    # -- pages ----------------------------------------------------------------------------------

    def _build_waiting(self) -> None:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.waiting_label = _label(32)
        self.status_label = _label(16)
        layout.addStretch()
        layout.addWidget(self.waiting_label)
        layout.addWidget(self.status_label)
        layout.addStretch()
        self.stack.addWidget(page)

    def _build_pin(self) -> None:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.pin_prompt = _label(26)
        self.pin_field = QLineEdit()
        self.pin_field.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_field.setMaxLength(MAX_PIN)
        self.pin_field.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pin_field.setMinimumHeight(BIG)
        font = self.pin_field.font()
        font.setPointSize(28)
        self.pin_field.setFont(font)
        self.pin_field.returnPressed.connect(self._submit_pin)
        self.pin_message = _label(18)
        pad = QGridLayout()
        self.digit_buttons: dict[str, QPushButton] = {}
        for index, digit in enumerate("1234567890"):
            button = _big(QPushButton(digit))
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # typing goes to the PIN field
            button.clicked.connect(functools.partial(self._digit, digit))
            self.digit_buttons[digit] = button
            row, column = divmod(index, 3) if index < 9 else (3, 1)
            pad.addWidget(button, row, column)
        self.pin_clear = _big(QPushButton())
        self.pin_clear.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.pin_clear.clicked.connect(self.pin_field.clear)
        pad.addWidget(self.pin_clear, 3, 0)
        self.pin_ok = _big(QPushButton())
        self.pin_ok.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.pin_ok.clicked.connect(self._submit_pin)
        pad.addWidget(self.pin_ok, 3, 2)
        layout.addWidget(self.pin_prompt)
        layout.addWidget(self.pin_field)
        layout.addWidget(self.pin_message)
        layout.addLayout(pad)
        self.stack.addWidget(page)

    def _build_choice(self) -> None:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.greeting = _label(24)
        self.choice_prompt = _label(20)
        scopes = QHBoxLayout()
        self.scope_group = QButtonGroup(self)
        self.self_button = _big(QPushButton())
        self.household_button = _big(QPushButton())
        for button, scope in (
            (self.self_button, Scope.SELF),
            (self.household_button, Scope.HOUSEHOLD),
        ):
            button.setCheckable(True)
            button.clicked.connect(functools.partial(self._set_scope, scope))
            self.scope_group.addButton(button)
            scopes.addWidget(button)
        copies = QHBoxLayout()
        self.fewer = _big(QPushButton("−"))
        self.more = _big(QPushButton("+"))
        self.fewer.clicked.connect(functools.partial(self._change_copies, -1))
        self.more.clicked.connect(functools.partial(self._change_copies, 1))
        self.copies_label = _label(24)
        copies.addWidget(self.fewer)
        copies.addWidget(self.copies_label)
        copies.addWidget(self.more)
        self.fee_label = _label(26)
        self.confirm = _big(QPushButton())
        self.confirm.clicked.connect(self._confirm)
        self.cancel = _big(QPushButton())
        self.cancel.clicked.connect(self._cancel)
        actions = QHBoxLayout()
        actions.addWidget(self.cancel)
        actions.addWidget(self.confirm)
        for part in (self.greeting, self.choice_prompt):
            layout.addWidget(part)
        layout.addLayout(scopes)
        layout.addLayout(copies)
        layout.addWidget(self.fee_label)
        layout.addLayout(actions)
        self.stack.addWidget(page)

    def _build_message(self) -> None:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.message = _label(28)
        self.message_detail = _label(18)
        layout.addStretch()
        layout.addWidget(self.message)
        layout.addWidget(self.message_detail)
        layout.addStretch()
        self.stack.addWidget(page)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Certificate kiosk"))
        self.waiting_label.setText(self.tr("Please place your card on the reader."))
        self.pin_prompt.setText(self.tr("Enter your PIN (4 digits)."))
        self.pin_clear.setText(self.tr("Clear"))
        self.pin_ok.setText(self.tr("OK"))
        self.choice_prompt.setText(self.tr("Copy of the resident record: for whom?"))
        self.self_button.setText(self.tr("Yourself only"))
        self.household_button.setText(self.tr("Whole household"))
        self.confirm.setText(self.tr("Print"))
        self.cancel.setText(self.tr("Cancel"))
        self._show_copies()
        self._show_status()

    # -- the reader -----------------------------------------------------------------------------

    def _on_opened(self, desk: object) -> None:
        assert isinstance(desk, KioskDesk)
        self.info = desk.info
        self._show_status()
        self._show_copies()
        self._poll.start()

    def _on_open_failed(self, exc: BaseException) -> None:
        what, todo = error_texts(exc)
        self.status_label.setText(f"{what}\n{todo}")

    def _show_status(self) -> None:
        if self.info is None:
            self.status_label.setText(self.tr("Starting…"))
        elif not self.info.prints:
            self.status_label.setText(
                self.tr("Training: no printer is set up; certificates are not printed or kept.")
            )
        else:
            self.status_label.setText("")

    def _poll_card(self) -> None:
        if not self.worker.busy:
            self.worker.submit(KioskDesk.card_reader, self._on_card_reader, lambda _exc: None)

    def _on_card_reader(self, reader: object) -> None:
        assert reader is None or isinstance(reader, str)
        was = self.reader
        self.reader = reader
        if reader is None and was is not None:
            self._end_session()  # the card left: the worker forgets the resident too
            self._show(WAITING)
        elif reader is not None and was is None and self.stack.currentIndex() != MESSAGE:
            self.clear()
            self._show(PIN)

    # -- PIN ------------------------------------------------------------------------------------

    def _digit(self, digit: str) -> None:
        self.pin_field.insert(digit)
        self.pin_field.setFocus()

    def _submit_pin(self) -> None:
        pin = self.pin_field.text()
        reader = self.reader
        if self.busy or not pin or reader is None:
            return
        self.pin_field.clear()
        self._set_busy(True)
        self.pin_message.setText(self.tr("Reading the card…"))
        self.worker.submit(
            lambda desk: desk.open(reader, pin), self._on_session, self._on_pin_failed
        )

    def _on_session(self, opened: object) -> None:
        assert isinstance(opened, Opened)
        self._set_busy(False)
        if self.reader is None:  # the card left while the PIN was checked
            self._end_session()
            return
        self.pin_message.clear()
        self.greeting.setText(self.tr("Hello, %1.").replace("%1", opened.name))
        self.scope = Scope.SELF
        self.copies = 1
        self.self_button.setChecked(True)
        self._show_copies()
        self._show(CHOICE)

    def _on_pin_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        if isinstance(exc, InvalidPinError):
            self.pin_message.setText(self._tries_text(exc.tries_left))
            return
        self._message_page(exc)

    def _tries_text(self, left: int) -> str:
        words = {
            1: self.tr("The PIN is not correct. One try is left: after one more wrong PIN the "
                       "card is locked."),
            2: self.tr("The PIN is not correct. Two tries are left."),
        }  # fmt: skip
        if left in words:
            return words[left]
        return self.tr("The PIN is not correct. %1 tries are left.").replace("%1", str(left))

    # -- choice ---------------------------------------------------------------------------------

    def _set_scope(self, scope: Scope) -> None:
        self.scope = scope

    def _change_copies(self, step: int) -> None:
        self.copies = max(1, min(MAX_COPIES, self.copies + step))
        self._show_copies()

    def _show_copies(self) -> None:
        self.copies_label.setText(self.tr("%1 copies").replace("%1", str(self.copies)))
        fee = (self.info.fee_per_copy_yen if self.info else 0) * self.copies
        self.fee_label.setText(self.tr("Fee: %1 yen").replace("%1", f"{fee:,}"))
        self.fewer.setEnabled(self.copies > 1)
        self.more.setEnabled(self.copies < MAX_COPIES)

    def _confirm(self) -> None:
        if self.busy or self.stack.currentIndex() != CHOICE:
            return
        scope, copies = self.scope, self.copies
        self._set_busy(True)
        self.clear()
        self._show_message(self.tr("Printing…"), "")
        self.worker.submit(
            lambda desk: desk.issue(scope, copies), self._on_printed, self._on_print_failed
        )

    def _on_printed(self, issued: object) -> None:
        assert isinstance(issued, Issued)
        self._set_busy(False)
        self.issued = issued
        done = (
            self.tr("Your certificate has been printed. Please take it.")
            if self.info is None or self.info.prints
            else self.tr("Training: the certificate was made but not printed or kept.")
        )
        self._take_card(done)

    def _on_print_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self._message_page(exc)

    def _cancel(self) -> None:
        self._end_session()
        self._take_card(self.tr("Cancelled."))

    # -- clearing -------------------------------------------------------------------------------

    def clear(self) -> None:
        """Forget the resident on the screen (the session on the worker ends separately)."""
        self.pin_field.clear()
        self.pin_message.clear()
        self.greeting.clear()
        self.copies = 1
        self.scope = Scope.SELF
        self.self_button.setChecked(True)
        self._show_copies()

    def _end_session(self) -> None:
        self.clear()
        if not self.worker.closed:
            self.worker.submit(KioskDesk.end, lambda _none: None, lambda _exc: None)

    def _on_idle(self) -> None:
        if self.stack.currentIndex() in (PIN, CHOICE) and not self.busy:
            self._end_session()
            self._take_card(self.tr("The time ran out and the screen was cleared."))

    def _take_card(self, first: str) -> None:
        self._show_message(first, self.tr("Please take your card back."))

    def _message_page(self, exc: BaseException) -> None:
        self._end_session()
        what, todo = error_texts(exc)
        self._show_message(what, f"{todo}\n{self.tr('Please take your card back.')}")

    def _show_message(self, first: str, second: str) -> None:
        self.message.setText(first)
        self.message_detail.setText(second)
        self._show(MESSAGE)

    def _back_to_waiting(self) -> None:
        if self.stack.currentIndex() == MESSAGE and self.reader is None and not self.busy:
            self._show(WAITING)

    def _show(self, page: int) -> None:
        self.stack.setCurrentIndex(page)
        if page == PIN:
            self.pin_field.setFocus()
        elif page == CHOICE:
            self.self_button.setFocus()
        if page in (PIN, CHOICE):
            self._restart_idle()
        else:
            self._idle.stop()
        if page == MESSAGE:
            self._back.start(MESSAGE_MS)

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        for button in (self.pin_ok, self.confirm, self.cancel):
            button.setEnabled(not busy)

    def _restart_idle(self) -> None:
        if self.info is not None:
            self._idle.start(int(self.info.idle_seconds * 1000))

    # -- input ----------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kinds = (QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin)
        if event.type() in kinds and self.stack.currentIndex() in (PIN, CHOICE):
            self._restart_idle()
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if self.stack.currentIndex() == CHOICE:
            if key in (Qt.Key.Key_Up, Qt.Key.Key_Plus, Qt.Key.Key_Right):
                self._change_copies(1)
                return
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Minus, Qt.Key.Key_Left):
                self._change_copies(-1)
                return
            if key == Qt.Key.Key_1:
                self.self_button.click()
                return
            if key == Qt.Key.Key_2:
                self.household_button.click()
                return
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                focused = self.focusWidget()
                if focused in (self.cancel, self.fewer, self.more):
                    assert isinstance(focused, QPushButton)
                    focused.click()  # Enter presses the button the keyboard is on
                else:
                    self._confirm()
                return
            if key == Qt.Key.Key_Escape:
                self._cancel()
                return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._poll.stop()
        self._idle.stop()
        self._back.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self.clear()
        self.worker.stop()
        super().closeEvent(event)

    def open(self) -> None:
        """Show the window: full screen on a kiosk."""
        if self.full_screen:
            self.showFullScreen()
        else:
            self.show()


def build_kiosk(
    config: Configuration,
    backend_factory: Callable[[], ReaderBackend],
    *,
    printer: KioskPrinter | None = None,
    full_screen: bool = True,
) -> KioskWindow:
    """The kiosk window over its worker (opened there: register, keys, reader)."""
    thread = KioskThread(functools.partial(open_desk, config, backend_factory, printer))
    return KioskWindow(thread, full_screen=full_screen)


def run_kiosk(config: Configuration, lang: str | None) -> int:
    """`counter-app kiosk`: the kiosk window until it is closed."""
    import sys

    from PySide6.QtCore import QSettings

    from ui import i18n
    from ui.app import APPLICATION, ORGANISATION, _default_backend_factory

    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    i18n.Translations(app).set_language(lang or i18n.saved_language(QSettings()))
    window = build_kiosk(config, _default_backend_factory(config))
    window.open()
    return app.exec()
