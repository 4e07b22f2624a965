"""A desk page whose resident is named by the card in the reader and the resident's PIN.

The library desk and the facility reservation counter share it: no resident search (the card
names the resident), Ctrl+Enter opens the card, one status line says what happens or what went
wrong in words, and every answer from a worker counts only if the card did not leave, the
operator did not log out and the next resident did not start since it was asked.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from counter_app.card.errors import InvalidPinError
from counter_app.card.readers import ReaderBackend
from counter_app.records import Register
from ui import texts
from ui.errors import error_texts
from ui.pages.context import PageServices
from ui.pages.parts import TaskPage
from ui.pages.workflow_runner import ReaderSource, on_reader
from ui.status_bar import ERROR_STYLE

CardUse = Callable[[ReaderSource], object]


def _at_reader(reader: str, use: CardUse, backend: ReaderBackend) -> object:
    """Card thread: `use` the card in `reader`."""
    return on_reader(reader, backend, use)


def desk_button(name: str, slot: Callable[[], None]) -> QPushButton:
    """A desk's button named `name` (its text is set with the page's texts)."""
    button = QPushButton()
    button.setObjectName(name)
    button.clicked.connect(slot)
    return button


class CardDeskPage(TaskPage):
    """A TaskPage for the resident whose card is in the reader; subclasses render their parts.

    Subclasses implement `open_card` (Ctrl+Enter), `forget_card` (drop the resident's data),
    `render_desk` and `resident_open`.
    """

    def __init__(
        self, services: PageServices, name: str, status_name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(services, name, parent)
        self.sections.remove(self.resident_box)  # the card in the reader names the resident
        self.resident_box.setParent(self)
        self.resident_box.hide()
        self.working = False
        self.generation = 0  # an answer counts only if no clear_card came since it was asked
        self.action_button.clicked.disconnect()
        self.action_button.clicked.connect(self.open_card)
        self.shortcut.activated.disconnect()
        self.shortcut.activated.connect(self.open_card)
        self.desk_status = QLabel()
        self.desk_status.setObjectName(status_name)
        self.desk_status.setWordWrap(True)
        self.desk_status.hide()

    # --- what a subclass provides ----------------------------------------------------------

    def open_card(self) -> None:
        """Ctrl+Enter: read the card in the reader, then the resident's PIN."""
        raise NotImplementedError

    def forget_card(self) -> None:
        """Drop everything of the resident the page holds."""
        raise NotImplementedError

    def render_desk(self) -> None:
        """Show the page's state."""
        raise NotImplementedError

    def resident_open(self) -> bool:
        """True while a resident's card is open on the page."""
        raise NotImplementedError

    def after_failure(self) -> None:
        """Where the keyboard goes after a refusal (the open button by default)."""
        self.action_button.setFocus()

    # --- the page in the window ------------------------------------------------------------

    def busy(self) -> bool:
        """True while the card or a worker works for this page."""
        return self.working or super().busy()

    def card_removed(self) -> None:
        """The card left the reader: the resident leaves the page with it (and their PIN dialog)."""
        if self.pin_dialog is not None:
            self.pin_dialog.reject()
            self.window().activateWindow()  # the resident's dialog closed: the keyboard is back
        self.clear_card()
        if self.isVisible():
            self.action_button.setFocus()  # Ctrl+Enter opens the next card

    def clear_resident(self) -> None:
        """Logout or idle lock: nothing of the resident stays on the page."""
        if self.pin_dialog is not None:
            self.pin_dialog.reject()
        self.clear_card()
        super().clear_resident()

    def reset_task(self) -> None:
        """The next resident."""
        self.clear_card()

    def clear_card(self) -> None:
        """Forget the resident; an answer under way is not shown."""
        self.generation += 1
        self.working = False
        self.forget_card()
        self.say("", error=False)
        self.render_desk()

    # --- running the steps -----------------------------------------------------------------

    def on_card(self, use: CardUse, done: Callable[[Any], None], busy_text: str) -> None:
        """Card thread: `use` the card in the counter's reader, then `done(result)`."""
        reader = self.services.current_reader()
        if self.services.context is None:
            return
        if reader is None:
            self.say(self.tr("No card reader: connect one first."), error=True)
            return
        self.start_work(busy_text)
        self.services.card_thread.submit(
            functools.partial(_at_reader, reader, use),
            functools.partial(self.finished_work, self.generation, done),
            functools.partial(self.finished_work, self.generation, self.failed),
        )

    def on_register(
        self,
        job: Callable[[Register], object],
        done: Callable[[Any], None],
        busy_text: str,
        failed: Callable[[BaseException], None] | None = None,
    ) -> None:
        """Database worker: `job(register)`, then `done(result)` (or `failed(exc)`)."""
        self.start_work(busy_text)
        self.services.db_thread.submit(
            job,
            functools.partial(self.finished_work, self.generation, done),
            functools.partial(self.finished_work, self.generation, failed or self.failed),
        )

    def start_work(self, busy_text: str) -> None:
        """A step goes to a worker: say so, keep the buttons still."""
        self.working = True
        self.say(busy_text, error=False)
        self.render_desk()

    def finished_work(self, generation: int, then: Callable[[Any], None], outcome: object) -> None:
        """A worker answered: `then(outcome)` unless the resident left meanwhile."""
        if generation != self.generation:
            return  # the card left or the operator logged out meanwhile
        self.working = False
        self.say("", error=False)
        self.render_desk()  # the fields enabled again, so `then` may give one the keyboard
        then(outcome)
        self.render_desk()

    def failed(self, exc: BaseException) -> None:
        """A step was refused: say why and what to do, in words."""
        if isinstance(exc, InvalidPinError):
            again = self.tr("Ctrl+Enter reads the card again for another try.")
            self.say(f"{texts.wrong_pin_text(exc.tries_left)}\n{again}", error=True)
        else:
            what, todo = error_texts(exc)
            self.say(f"{what}\n{todo}", error=True)
        self.after_failure()

    def say(self, text: str, error: bool) -> None:
        """One line of what happens, or what went wrong."""
        self.desk_status.setText(text)
        self.desk_status.setAccessibleName(text)
        self.desk_status.setStyleSheet(ERROR_STYLE if error else "")
        self.desk_status.setVisible(bool(text))
