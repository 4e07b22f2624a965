"""The library desk: the resident's card and PIN open their library card; loans by barcode.

Ctrl+Enter reads the card in the reader: the register refuses a card that is not in use (a card
reported lost) or a library service that is locked, before any PIN. The resident then enters
the card's PIN; the member number read from the card's library service names the patron, whose
name, blocks (in words) and loans with their due dates are shown. A barcode scanner types into
the barcode field and presses Enter: the item is lent. Alt+T returns it, Alt+E renews it.

Card steps run on the card thread, library calls on the library worker. The card leaving the
reader, a logout or the idle lock clears the page; an answer that arrives after is not shown.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from counter_app.library.client import LibraryClient
from counter_app.library.model import Item, Loan, Return
from counter_app.records import PurposeCode
from counter_app.workflows import CounterContext
from counter_app.workflows.library_desk import DeskSession, LibraryCard, LibraryDesk
from ui.library_texts import block_text
from ui.pages.card_desk import CardDeskPage, desk_button
from ui.pages.context import PageServices
from ui.pages.workflow_runner import ReaderSource
from ui.row_table import row_table
from ui.status_bar import ERROR_STYLE

CardStep = Callable[[LibraryDesk], object]


def _library_desk(ctx: CounterContext, step: CardStep, source: ReaderSource) -> object:
    """Card thread: run `step` on the library desk of the card in the reader."""
    return step(LibraryDesk(ctx, source))


def due_text(item: Item | Loan) -> str:
    """A due date as the desk shows it: the date, or the library system's own words."""
    return item.due.isoformat() if item.due is not None else item.due_text


class LibraryDeskPage(CardDeskPage):
    """Library staff: open the resident's library card, then lend, return and renew by barcode."""

    search_purpose = PurposeCode.LIBRARY_DESK

    def __init__(self, services: PageServices, parent: QWidget | None = None) -> None:
        super().__init__(services, "libraryDeskPage", "libraryDeskStatus", parent)
        self.session: DeskSession | None = None

        self.patron_label = QLabel()
        self.patron_label.setObjectName("libraryPatron")
        self.patron_label.setWordWrap(True)
        self.blocks_label = QLabel()
        self.blocks_label.setObjectName("libraryBlocks")
        self.blocks_label.setWordWrap(True)
        self.blocks_label.setStyleSheet(ERROR_STYLE)
        self.loans_label = QLabel()
        self.loans = row_table(3)
        self.loans.setObjectName("libraryLoans")
        self.loans.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.loans_label.setBuddy(self.loans)
        self.patron_box = QGroupBox()
        patron_layout = QVBoxLayout(self.patron_box)
        for widget in (self.patron_label, self.blocks_label, self.loans_label, self.loans):
            patron_layout.addWidget(widget)

        self.barcode_label = QLabel()
        self.barcode_field = QLineEdit()
        self.barcode_field.setObjectName("libraryBarcode")
        self.barcode_label.setBuddy(self.barcode_field)
        self.barcode_field.returnPressed.connect(self.lend)
        self.lend_button = desk_button("libraryLend", self.lend)
        self.return_button = desk_button("libraryReturn", self.give_back)
        self.renew_button = desk_button("libraryRenew", self.renew)
        self.item_box = QGroupBox()
        item_layout = QVBoxLayout(self.item_box)
        row = QHBoxLayout()
        row.addWidget(self.barcode_label)
        row.addWidget(self.barcode_field, 1)
        for button in (self.lend_button, self.return_button, self.renew_button):
            row.addWidget(button)
        item_layout.addLayout(row)
        item_layout.addWidget(self.desk_status)
        self.lay_out(self.patron_box, self.item_box)
        self.render_desk()

    # --- texts -----------------------------------------------------------------------------

    def retranslate_task(self) -> None:
        """Set the page's texts in the current language."""
        self.action_button.setText(self.tr("&Open the library card in the reader (Ctrl+Enter)"))
        self.patron_box.setTitle(self.tr("1. The resident's library card"))
        self.loans_label.setText(self.tr("Items on loan:"))
        self.loans.setAccessibleName(self.tr("Items on loan"))
        self.loans.setHorizontalHeaderLabels(
            [self.tr("Barcode"), self.tr("Title"), self.tr("Due date")]
        )
        self.item_box.setTitle(self.tr("2. Items by barcode"))
        self.barcode_label.setText(self.tr("&Barcode:"))
        self.barcode_field.setAccessibleName(self.tr("Barcode"))
        self.lend_button.setText(self.tr("Len&d (Enter)"))
        self.return_button.setText(self.tr("&Return"))
        self.renew_button.setText(self.tr("Ren&ew"))
        for button in (self.lend_button, self.return_button, self.renew_button):
            button.setAccessibleName(button.text().replace("&", ""))
        self.render_desk()

    # --- the page in the window ------------------------------------------------------------

    def entry_field(self) -> QWidget:
        """Where the keyboard starts: the barcode once a card is open, else the open button."""
        return self.barcode_field if self.session is not None else self.action_button

    def resident_open(self) -> bool:
        """True while a resident's library card is open."""
        return self.session is not None

    def forget_card(self) -> None:
        """Forget the resident's library card."""
        self.session = None
        self.barcode_field.clear()

    # --- opening the card ------------------------------------------------------------------

    def open_card(self) -> None:
        """Ask the register about the card in the reader, then the resident's PIN (Ctrl+Enter)."""
        if self.working:
            return
        self.clear_card()
        self._on_card(lambda desk: desk.check_card(), self._card_allowed, self.tr("Reading…"))

    def _card_allowed(self, _serial: object) -> None:
        self.say(self.tr("The resident enters the card's PIN."), error=False)
        self.ask_pin(self._pin_entered, confirm=False)

    def _pin_entered(self, pin: str, _unlock: str) -> None:
        self.window().activateWindow()  # the resident's dialog closed: the keyboard is back here
        self._on_card(lambda desk: desk.read_card(pin), self._card_read, self.tr("Reading…"))

    def _card_read(self, card: object) -> None:
        ctx = self.services.context
        assert isinstance(card, LibraryCard)
        if ctx is None:
            return
        session = DeskSession(ctx, card.serial, card.member_number)
        self._on_library(session.refresh, functools.partial(self._patron_read, session))

    def _patron_read(self, session: DeskSession, _patron: object) -> None:
        self.session = session
        self.say("", error=False)
        self.render_desk()
        self.barcode_field.setFocus()

    # --- items by barcode ------------------------------------------------------------------

    def lend(self) -> None:
        """Lend the item whose barcode is typed (Enter)."""
        self._item(lambda s, c, b: s.lend(c, b), self._lent)

    def give_back(self) -> None:
        """Take the item whose barcode is typed back (Alt+T)."""
        self._item(lambda s, c, b: s.give_back(c, b), self._returned)

    def renew(self) -> None:
        """Renew the resident's loan of the item whose barcode is typed (Alt+E)."""
        self._item(lambda s, c, b: s.renew(c, b), self._lent)

    def _item(
        self,
        call: Callable[[DeskSession, LibraryClient, str], object],
        done: Callable[[object], str],
    ) -> None:
        session, barcode = self.session, self.barcode_field.text().strip()
        if self.working:
            return
        if session is None:
            self.say(self.tr("Open the resident's library card first (Ctrl+Enter)."), True)
            return
        if not barcode:
            self.say(self.tr("Scan or type the item's barcode first."), error=True)
            self.barcode_field.setFocus()
            return
        self._on_library(
            lambda client: call(session, client, barcode),
            lambda result: self._item_done(done(result)),
        )

    def _lent(self, loan: object) -> str:
        assert isinstance(loan, Loan)
        text = (
            self.tr("Renewed: {title} ({barcode}), due {due}.")
            if loan.renewal
            else self.tr("Lent: {title} ({barcode}), due {due}.")
        )
        return text.format(title=loan.title, barcode=loan.barcode, due=due_text(loan))

    def _returned(self, returned: object) -> str:
        assert isinstance(returned, Return)
        text = self.tr("Returned: {title} ({barcode}).").format(
            title=returned.title, barcode=returned.barcode
        )
        if returned.alert:
            text += " " + self.tr("Put it aside: the library system asks for it.")
        return text

    def _item_done(self, text: str) -> None:
        self.barcode_field.clear()
        self.render_desk()
        self.say(text, error=False)
        self.barcode_field.setFocus()

    # --- running the steps -----------------------------------------------------------------

    def _on_card(self, step: CardStep, done: Callable[[object], None], busy_text: str) -> None:
        ctx = self.services.context
        if ctx is not None:
            self.on_card(functools.partial(_library_desk, ctx, step), done, busy_text)

    def _on_library(
        self, call: Callable[[LibraryClient], object], done: Callable[[object], None]
    ) -> None:
        library = self.services.library
        if library is None:
            self.say(self.tr("No library system is set up for this counter."), error=True)
            return
        self.start_work(self.tr("Asking the library system…"))
        library.submit(
            call,
            functools.partial(self.finished_work, self.generation, done),
            functools.partial(self.finished_work, self.generation, self.failed),
        )

    def after_failure(self) -> None:
        """After a refusal: the barcode again once a card is open, else the open button."""
        if self.session is not None:
            self.barcode_field.selectAll()
            self.barcode_field.setFocus()
        else:
            self.action_button.setFocus()

    # --- what the page shows ---------------------------------------------------------------

    def render_desk(self) -> None:
        """The patron, their blocks and loans; the item buttons once a card is open."""
        session = self.session
        patron = session.patron if session is not None else None
        if patron is None:
            self.patron_label.setText(self.tr("No library card open. Insert the resident's card."))
        else:
            text = self.tr("{name} — library card {member}, {count} items on loan").format(
                name=patron.name, member=patron.patron_id, count=len(patron.charged_items)
            )
            if patron.overdue_count:
                text += self.tr(", {overdue} overdue").format(overdue=patron.overdue_count)
            if patron.fee:
                text += self.tr(", {fee} outstanding").format(fee=patron.fee)
            self.patron_label.setText(text)
        self.patron_label.setAccessibleName(self.patron_label.text())
        blocks = "\n".join(block_text(b) for b in patron.blocks) if patron else ""
        self.blocks_label.setText(blocks)
        self.blocks_label.setAccessibleName(blocks)
        self.blocks_label.setVisible(bool(blocks))
        loans = session.loans if session is not None else ()
        self.loans.setRowCount(0)
        for row, item in enumerate(loans):
            self.loans.insertRow(row)
            for column, text in enumerate((item.barcode, item.title, due_text(item))):
                self.loans.setItem(row, column, QTableWidgetItem(text))
        ready = session is not None and not self.working
        for widget in (self.barcode_field, self.lend_button, self.return_button, self.renew_button):
            widget.setEnabled(ready)
        self.action_button.setEnabled(not self.working)
