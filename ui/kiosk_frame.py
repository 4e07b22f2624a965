"""The kiosk frame: what every kiosk service shares, around the service flows it hosts.

No operator logs in. Pages on a stack: waiting for a card, the services menu (when the kiosk
offers more than one), the PIN (on-screen digits for touch and the keyboard's digits, with the
card's tries left shown before the first try) and a message page (take the card back, errors);
each flow (`KioskFlow`) adds its own pages after these. Card and register work runs on the
kiosk's worker thread, so the window never waits. The screen forgets the resident on card
removal, after the idle time, and when a flow finishes: every field is emptied, every flow
cleared and the session ended on the worker.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import Final

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from counter_app.card.errors import InvalidPinError, LastTryError, PinBlockedError
from counter_app.records.errors import ServiceError
from ui.errors import error_texts
from ui.kiosk_desk import DeskInfo, KioskDesk
from ui.kiosk_parts import BIG, big_button, big_label
from ui.retranslating import Retranslating
from ui.worker_thread import SerialThread, SerialWorker

POLL_MS: Final = 250
MESSAGE_MS: Final = 8000  # a message with no card in the reader goes back to waiting
MAX_PIN: Final = 16

WAITING, MENU, PIN, MESSAGE = range(4)
# The button the keyboard is on, plain to see from a step back.
FOCUS_STYLE = "QPushButton:focus { border: 4px solid #1a5fb4; border-radius: 6px; }"

DeskJob = Callable[[KioskDesk], object]


class KioskThread(SerialThread[KioskDesk]):
    """The window's handle on the kiosk worker (reader, register, session)."""

    def __init__(self, opener: Callable[[], KioskDesk]) -> None:
        worker: SerialWorker[KioskDesk] = SerialWorker("kiosk worker", opener, KioskDesk.close)
        super().__init__(worker)


class KioskFlow(QObject):
    """One service on the kiosk, from the opened PIN to its end: its own pages and keys."""

    prints = False  # True: the flow prints (the waiting page says when it cannot)

    def __init__(self, frame: KioskFrame) -> None:
        super().__init__(frame)
        self.frame = frame

    def menu_text(self) -> str:
        """The services menu's button for this flow."""
        raise NotImplementedError

    def pages(self) -> Sequence[QWidget]:
        """The flow's pages, added to the frame's stack once."""
        raise NotImplementedError

    def open_job(self, reader: str, pin: str, *, confirm_last_try: bool) -> DeskJob:
        """The worker job that opens this flow's session with the resident's PIN."""
        raise NotImplementedError

    def start(self, opened: object) -> None:
        """The session opened (`opened` is the job's answer): show the flow's first page."""
        raise NotImplementedError

    def clear(self) -> None:
        """Forget everything of the resident the flow's pages hold."""
        raise NotImplementedError

    def retranslate(self) -> None:
        raise NotImplementedError

    def key_press(self, key: int) -> bool:
        """A key on one of the flow's pages; True when the flow used it."""
        return False

    def busy_buttons(self) -> Sequence[QPushButton]:
        """Buttons that do nothing while the worker answers."""
        return ()


class KioskFrame(Retranslating, QWidget):
    """Full screen on a kiosk; keyboard and touch; nothing of the resident outlives a session."""

    def __init__(
        self,
        thread: KioskThread,
        flows: Callable[[KioskFrame], Sequence[KioskFlow]],
        *,
        full_screen: bool = True,
    ) -> None:
        super().__init__()
        self.worker = thread
        self.full_screen = full_screen
        self.info: DeskInfo | None = None
        self.reader: str | None = None  # the reader holding the card, while one is in
        self.busy = False
        self.tries: int | None = None  # the PIN's tries left, as the card told them
        self._pending_pin: str | None = None  # typed, waiting for the last try's confirmation
        self.stack = QStackedWidget()
        self._build_waiting()
        self._build_menu()
        self._build_pin()
        self._build_message()
        self.flows = tuple(flows(self))
        self.flow: KioskFlow | None = None
        self.menu_buttons: list[QPushButton] = []
        for flow in self.flows:
            button = big_button()
            button.clicked.connect(functools.partial(self._choose, flow))
            self.menu_buttons.append(button)
            self.menu_row.addWidget(button)
            for page in flow.pages():
                self.stack.addWidget(page)
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack)
        self.setStyleSheet(FOCUS_STYLE)
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
        self.waiting_label = big_label(32)
        self.status_label = big_label(16)
        layout.addStretch()
        layout.addWidget(self.waiting_label)
        layout.addWidget(self.status_label)
        layout.addStretch()
        self.stack.addWidget(page)

    def _build_menu(self) -> None:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.menu_prompt = big_label(28)
        self.menu_row = QHBoxLayout()
        self.menu_quit = big_button()
        self.menu_quit.clicked.connect(self.quit_session)
        layout.addStretch()
        layout.addWidget(self.menu_prompt)
        layout.addLayout(self.menu_row)
        layout.addWidget(self.menu_quit)
        layout.addStretch()
        self.stack.addWidget(page)

    def _build_pin(self) -> None:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.pin_prompt = big_label(26)
        self.pin_tries = big_label(20)
        self.pin_field = QLineEdit()
        self.pin_field.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_field.setMaxLength(MAX_PIN)
        self.pin_field.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pin_field.setMinimumHeight(BIG)
        font = self.pin_field.font()
        font.setPointSize(28)
        self.pin_field.setFont(font)
        self.pin_field.returnPressed.connect(self._submit_pin)
        self.pin_message = big_label(18)
        pad = QGridLayout()
        self.digit_buttons: dict[str, QPushButton] = {}
        for index, digit in enumerate("1234567890"):
            button = big_button(digit)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # typing goes to the PIN field
            button.clicked.connect(functools.partial(self._digit, digit))
            self.digit_buttons[digit] = button
            row, column = divmod(index, 3) if index < 9 else (3, 1)
            pad.addWidget(button, row, column)
        self.pin_clear = big_button()
        self.pin_clear.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.pin_clear.clicked.connect(self.pin_field.clear)
        pad.addWidget(self.pin_clear, 3, 0)
        self.pin_ok = big_button()
        self.pin_ok.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.pin_ok.clicked.connect(self._submit_pin)
        pad.addWidget(self.pin_ok, 3, 2)
        # The last try: sent only after the resident presses this; "back" has the keyboard.
        self.last_try = QWidget()
        last = QHBoxLayout(self.last_try)
        self.last_try_back = big_button()
        self.last_try_back.clicked.connect(self._last_try_declined)
        self.last_try_use = big_button()
        self.last_try_use.clicked.connect(self._last_try_confirmed)
        last.addWidget(self.last_try_back)
        last.addWidget(self.last_try_use)
        self.last_try.hide()
        for part in (self.pin_prompt, self.pin_tries, self.pin_field, self.pin_message):
            layout.addWidget(part)
        layout.addWidget(self.last_try)
        layout.addLayout(pad)
        self.stack.addWidget(page)

    def _build_message(self) -> None:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.message = big_label(28)
        self.message_detail = big_label(18)
        layout.addStretch()
        layout.addWidget(self.message)
        layout.addWidget(self.message_detail)
        layout.addStretch()
        self.stack.addWidget(page)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Kiosk"))
        self.waiting_label.setText(self.tr("Please place your card on the reader."))
        self.menu_prompt.setText(self.tr("What would you like to do?"))
        self.menu_quit.setText(self.tr("Quit"))
        self.pin_prompt.setText(self.tr("Enter your PIN (4 digits)."))
        self.pin_clear.setText(self.tr("Clear"))
        self.pin_ok.setText(self.tr("OK"))
        self.last_try_back.setText(self.tr("Enter again"))
        self.last_try_use.setText(self.tr("Use the last try"))
        for number, (flow, button) in enumerate(zip(self.flows, self.menu_buttons, strict=True)):
            button.setText(f"{number + 1}  {flow.menu_text()}")
            flow.retranslate()
        self._show_tries()
        self._show_status()

    # -- the reader -----------------------------------------------------------------------------

    def _on_opened(self, desk: object) -> None:
        assert isinstance(desk, KioskDesk)
        self.info = desk.info
        self._show_status()
        self.retranslate()
        self._poll.start()

    def _on_open_failed(self, exc: BaseException) -> None:
        what, todo = error_texts(exc)
        self.status_label.setText(f"{what}\n{todo}")

    def _show_status(self) -> None:
        if self.info is None:
            self.status_label.setText(self.tr("Starting…"))
        elif not self.info.prints and any(f.prints for f in self.flows):
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
            self.end_session()  # the card left: the worker forgets the resident too
            self._show(WAITING)
        elif reader is not None and was is None and self.stack.currentIndex() != MESSAGE:
            self.clear()
            self.worker.submit(
                lambda desk: desk.pin_tries(reader), self._on_tries, lambda _exc: None
            )
            if len(self.flows) == 1:
                self._choose(self.flows[0])
            else:
                self._show(MENU)

    def _choose(self, flow: KioskFlow) -> None:
        if self.reader is None or self.busy:
            return
        self.flow = flow
        self._show(PIN)

    # -- PIN ------------------------------------------------------------------------------------

    def _on_tries(self, tries: object) -> None:
        assert tries is None or isinstance(tries, int)
        if self.reader is None:
            return
        self.tries = tries
        self._show_tries()
        if tries == 0:
            self._pin_blocked()

    def _pin_blocked(self) -> None:
        """No try left: the resident is sent to the counter, where the PIN can be reset."""
        self.end_session()
        what, _todo = error_texts(PinBlockedError())
        to_counter = self.tr("Please ask at the counter to have your PIN reset.")
        self._show_message(what, f"{to_counter}\n{self.tr('Please take your card back.')}")

    def _show_tries(self) -> None:
        left = self.tries
        if left is None:
            self.pin_tries.setText("")
        elif left == 1:
            self.pin_tries.setText(
                self.tr("Last try: a wrong PIN now locks the card. Only the counter can unlock it.")
            )
        else:
            self.pin_tries.setText(self.tr("%1 tries left").replace("%1", str(left)))
        self.pin_tries.setStyleSheet("color: #b00020; font-weight: bold;" if left == 1 else "")

    def _digit(self, digit: str) -> None:
        if self._pending_pin is None:
            self.pin_field.insert(digit)
            self.pin_field.setFocus()

    def _submit_pin(self, *, confirm_last_try: bool = False) -> None:
        pin = self._pending_pin if confirm_last_try else self.pin_field.text()
        reader, flow = self.reader, self.flow
        if self.busy or not pin or reader is None or flow is None:
            return
        if self._pending_pin is not None and not confirm_last_try:
            return  # waiting for the resident's answer about the last try
        self.pin_field.clear()
        if self.tries == 1 and not confirm_last_try:
            self._ask_last_try(pin)
            return
        self._pending_pin = None
        self.last_try.hide()
        self._set_busy(True)
        self.pin_message.setText(self.tr("Reading the card…"))
        self.worker.submit(
            flow.open_job(reader, pin, confirm_last_try=confirm_last_try),
            self._on_session,
            self._on_pin_failed,
        )

    def _ask_last_try(self, pin: str) -> None:
        """The last try is never spent by habit: the resident presses "use the last try"."""
        self._pending_pin = pin
        self.pin_message.setText(
            self.tr("Only one try is left. Check the PIN, then press “Use the last try”.")
        )
        self.last_try.show()
        # After the Enter that got here has gone by: it must not press "enter again" too.
        QTimer.singleShot(0, self.last_try_back.setFocus)

    def _last_try_confirmed(self) -> None:
        self._submit_pin(confirm_last_try=True)

    def _last_try_declined(self) -> None:
        self._pending_pin = None
        self.last_try.hide()
        self.pin_message.clear()
        self.pin_field.setFocus()

    def _on_session(self, opened: object) -> None:
        self._set_busy(False)
        if self.reader is None or self.flow is None:  # the card left while the PIN was checked
            self.end_session()
            return
        self.pin_message.clear()
        self.flow.start(opened)

    def _on_pin_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        if isinstance(exc, PinBlockedError) or (
            isinstance(exc, InvalidPinError) and exc.tries_left == 0
        ):
            self._pin_blocked()
            return
        if isinstance(exc, InvalidPinError):
            self.tries = exc.tries_left
            self._show_tries()
            self.pin_message.setText(self._tries_text(exc.tries_left))
            return
        if isinstance(exc, LastTryError):
            self.tries = 1
            self._show_tries()
            return  # the card says one try: the resident types the PIN and confirms it
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

    # -- what flows call ------------------------------------------------------------------------

    def show_page(self, page: QWidget, focus: QWidget | None = None) -> None:
        """Show one of a flow's pages, the keyboard on `focus`."""
        self.stack.setCurrentWidget(page)
        self._after_show()
        if focus is not None:
            focus.setFocus()

    def submit(
        self,
        job: DeskJob,
        done: Callable[[object], None],
        failed: Callable[[BaseException], None] | None = None,
    ) -> None:
        """Run `job` on the worker while the flow's buttons rest; `failed` defaults to the message
        page (the session ends)."""
        self._set_busy(True)

        def answered(result: object) -> None:
            self._set_busy(False)
            done(result)

        def refused(exc: BaseException) -> None:
            self._set_busy(False)
            (failed or self._message_page)(exc)

        self.worker.submit(job, answered, refused)

    def finish(self, first: str) -> None:
        """The flow is done: forget the resident and ask for the card back."""
        self.end_session()
        self._take_card(first)

    def show_error(self, exc: BaseException) -> None:
        """An error in words on the message page; the session ends."""
        self._message_page(exc)

    def quit_session(self) -> None:
        self.finish(self.tr("Cancelled."))

    # -- clearing -------------------------------------------------------------------------------

    def clear(self) -> None:
        """Forget the resident on the screen (the session on the worker ends separately)."""
        self.pin_field.clear()
        self.pin_message.clear()
        self._pending_pin = None
        self.last_try.hide()
        self.tries = None
        self._show_tries()
        self.flow = None
        for flow in self.flows:
            flow.clear()

    def end_session(self) -> None:
        self.clear()
        if not self.worker.closed:
            self.worker.submit(KioskDesk.end, lambda _none: None, lambda _exc: None)

    def _on_idle(self) -> None:
        if self.stack.currentIndex() not in (WAITING, MESSAGE) and not self.busy:
            self.finish(self.tr("The time ran out and the screen was cleared."))

    def _take_card(self, first: str) -> None:
        self._show_message(first, self.tr("Please take your card back."))

    def _message_page(self, exc: BaseException) -> None:
        self.end_session()
        what, todo = error_texts(exc)
        if isinstance(exc, ServiceError):  # the clerk's advice does not fit a resident here
            todo = self.tr("Please ask at the counter: the service is put on the card there.")
        self._show_message(what, f"{todo}\n{self.tr('Please take your card back.')}")

    def show_message(self, first: str, second: str) -> None:
        """The message page (the flow's "printing…")."""
        self._show_message(first, second)

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
        elif page == MENU and self.menu_buttons:
            self.menu_buttons[0].setFocus()
        self._after_show()

    def _after_show(self) -> None:
        page = self.stack.currentIndex()
        if page in (WAITING, MESSAGE):
            self._idle.stop()
        else:
            self._restart_idle()
        if page == MESSAGE:
            self._back.start(MESSAGE_MS)

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        buttons: list[QPushButton] = [self.pin_ok, self.last_try_use]
        for flow in self.flows:
            buttons.extend(flow.busy_buttons())
        for button in buttons:
            button.setEnabled(not busy)

    def _restart_idle(self) -> None:
        if self.info is not None:
            self._idle.start(int(self.info.idle_seconds * 1000))

    # -- input ----------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kinds = (QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin)
        if event.type() in kinds and self.stack.currentIndex() not in (WAITING, MESSAGE):
            self._restart_idle()
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        page = self.stack.currentIndex()
        if page == MENU and Qt.Key.Key_1 <= key < Qt.Key.Key_1 + len(self.flows):
            self._choose(self.flows[key - Qt.Key.Key_1])
            return
        if page == MENU and key == Qt.Key.Key_Escape:
            self.quit_session()
            return
        if page > MESSAGE and self.flow is not None and self.flow.key_press(key):
            return
        if page not in (WAITING, MESSAGE) and self._move_or_press(key):
            return
        super().keyPressEvent(event)

    def _move_or_press(self, key: int) -> bool:
        """Enter presses the button the keyboard is on; the arrows move between buttons."""
        focused = self.focusWidget()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if isinstance(focused, QPushButton) and focused.isEnabled():
                focused.click()
                return True
            return False
        if key in (Qt.Key.Key_Down, Qt.Key.Key_Right):
            return self.focusNextChild()
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Left):
            return self.focusPreviousChild()
        return False

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
