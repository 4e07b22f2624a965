"""Address change after a move (転入・転居): card authenticated, rewritten, new line printed."""

from __future__ import annotations

import functools
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QButtonGroup,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QWidget,
)

from counter_app.card.errors import (
    InvalidPinError,
    PinBlockedError,
    UnlockBlockedError,
    UnlockNumberError,
)
from counter_app.records import ResidentSummary
from counter_app.workflows import (
    AddressChangeRequest,
    AddressChangeResult,
    AddressChangeWorkflow,
    Printout,
)
from ui import texts
from ui.errors import error_texts
from ui.pages.context import PageServices
from ui.pages.parts import TaskPage
from ui.pages.printouts import Document, Printed, print_in_turn
from ui.secret_tries import Secret, SecretTries, confirm_last_try, read_secret_tries
from ui.status_bar import ERROR_STYLE
from ui.unlock_number_field import UnlockNumberField


class AddressChangePage(TaskPage):
    """The move, the card's unlock number, then the resident's PIN; prints the new back line."""

    def __init__(self, services: PageServices, parent: QWidget | None = None) -> None:
        super().__init__(services, "addressChangePage", parent)
        self.move_within = QRadioButton()
        self.move_within.setObjectName("moveWithin")
        self.move_within.setChecked(True)
        self.move_in = QRadioButton()
        self.move_in.setObjectName("moveIn")
        kinds = QButtonGroup(self)
        kinds.addButton(self.move_within)
        kinds.addButton(self.move_in)
        kind_row = QHBoxLayout()
        kind_row.addWidget(self.move_within)
        kind_row.addWidget(self.move_in)
        kind_row.addStretch(1)
        self.moved_on = QDateEdit(QDate.currentDate())
        self.moved_on.setObjectName("movedOn")
        self.moved_on.setCalendarPopup(True)
        self.moved_on.setDisplayFormat("yyyy-MM-dd")
        self.moved_on_label = QLabel()
        self.moved_on_label.setBuddy(self.moved_on)
        self.new_address = QLineEdit()
        self.new_address.setObjectName("newAddress")
        self.new_address_label = QLabel()
        self.new_address_label.setBuddy(self.new_address)
        self.move_box = QGroupBox()
        move_form = QFormLayout(self.move_box)
        move_form.addRow(kind_row)
        move_form.addRow(self.moved_on_label, self.moved_on)
        move_form.addRow(self.new_address_label, self.new_address)

        self.unlock = UnlockNumberField()
        self.unlock_hint = QLabel()
        self.unlock_hint.setWordWrap(True)
        self.pin_tries = QLabel()
        self.pin_tries.setObjectName("addressPinTries")
        self.card_box = QGroupBox()
        card_form = QFormLayout(self.card_box)
        card_form.addRow(self.unlock_hint)
        card_form.addRow(self.unlock)
        card_form.addRow(self.pin_tries)
        self.tries = SecretTries(None, None)
        self._asking = False  # between Ctrl+Enter and the workflow: tries read, PIN asked
        self.printouts: list[Printed] | None = None  # how the new line's printout ended
        self.lay_out(self.move_box, self.card_box)
        self.runner.failed.connect(self._on_failed)
        QWidget.setTabOrder(self.move_within, self.move_in)
        QWidget.setTabOrder(self.move_in, self.moved_on)
        QWidget.setTabOrder(self.moved_on, self.new_address)
        QWidget.setTabOrder(self.new_address, self.unlock.qr)
        QWidget.setTabOrder(self.unlock.security_code, self.action_button)

    def retranslate_task(self) -> None:
        """Set the address change's texts in the current language."""
        self.move_box.setTitle(self.tr("2. The move"))
        self.move_within.setText(self.tr("Move within the municipality (転居)"))
        self.move_in.setText(self.tr("Move in from elsewhere (転入)"))
        self.moved_on_label.setText(self.tr("&Moved on:"))
        self.moved_on.setAccessibleName(self.tr("Date of the move"))
        self.new_address_label.setText(self.tr("New &address:"))
        self.new_address.setPlaceholderText(
            self.tr("From the moving notice; recorded in the register too. Empty: the register's")
        )
        self.new_address.setAccessibleName(self.tr("New address"))
        self.card_box.setTitle(self.tr("3. The resident's card"))
        self.unlock_hint.setText(
            self.tr(
                "The card's unlock number (照合番号B): scan the QR code on the front of the card, "
                "or type the birth date, the expiry year and the security code printed on it. "
                "Left empty, the resident enters the number with the PIN on the resident's screen."
            )
        )
        self._render_pin_tries()
        self.action_button.setText(self.tr("C&hange the address on the card (Ctrl+Enter)"))

    def first_field(self) -> QWidget:
        """After the resident: the kind of move."""
        return self.move_within

    def resident_chosen(self, resident: ResidentSummary) -> None:
        """Show the card's tries left now, before the clerk enters anything (none is used)."""
        reader = self.services.current_reader()
        if reader is not None:
            job = functools.partial(read_secret_tries, reader)
            self.services.card_thread.submit(job, self._show_tries, lambda _exc: None)

    def _show_tries(self, tries: SecretTries) -> None:
        if self._asking or self.runner.running or self.resident is None:
            return  # the tries read at Ctrl+Enter are the ones that count
        self.tries = tries
        self.unlock.set_tries_left(tries.unlock)
        self._render_pin_tries()

    def task_problem(self) -> str | None:
        """The unlock number is complete or empty; a reader is there."""
        problem = self.unlock.problem()
        if problem:
            return problem
        if self.services.current_reader() is None:
            return self.tr("No card reader: connect one first.")
        return None

    def start_task(self) -> None:
        """Read the tries left (none is used), then the resident enters the PIN."""
        reader = self.services.current_reader()
        if self._asking or reader is None:
            return
        self._asking = True
        self.services.card_thread.submit(
            lambda backend: read_secret_tries(reader, backend),
            self._tries_read,
            lambda _exc: self._tries_read(SecretTries(None, None)),  # the workflow says why
        )

    def _tries_read(self, tries: SecretTries) -> None:
        self._asking = False
        self._show_tries(tries)
        blocked: Exception | None = None
        if tries.pin == 0:
            blocked = PinBlockedError()
        elif tries.unlock == 0:
            blocked = UnlockBlockedError()
        if blocked is not None:
            what, todo = error_texts(blocked)
            self.show_form_error(f"{what} {todo}")
            return
        ask_unlock = self.unlock.is_empty()
        shown = (self.pin_tries.text(), self.unlock.tries.text() if ask_unlock else "")
        said = "\n".join(text for text in shown if text)
        self.ask_pin(self._pin_given, confirm=False, ask_unlock=ask_unlock, tries=said)

    def _pin_given(self, pin: str, unlock: str) -> None:
        """Before a last try the clerk confirms (Cancel is the default); then the change runs."""
        last = self.tries.last_tries(("pin", "unlock"))
        if last:
            confirm_last_try(self, last, lambda: self.run_change(pin, unlock))
        else:
            self.run_change(pin, unlock)

    def _on_failed(self, exc: BaseException) -> None:
        """A wrong PIN or unlock number: said with the tries left, and the entry is fixed first.

        The failed change is given up, so "Try again" cannot send the same wrong number again.
        """
        if isinstance(exc, UnlockNumberError):
            secret: Secret = "unlock"
            self.tries = SecretTries(self.tries.pin, exc.tries_left)
            self.unlock.set_tries_left(exc.tries_left)
            text = texts.wrong_unlock_text(exc.tries_left)
            self.unlock.show_problem(text)
        elif isinstance(exc, InvalidPinError):
            secret = "pin"
            self.tries = SecretTries(exc.tries_left, self.tries.unlock)
            self._render_pin_tries()
            text = texts.wrong_pin_text(exc.tries_left)
        else:
            return
        self.runner.give_up()
        self.show_form_error(text)
        self.window().activateWindow()  # the resident's dialog closed: the keyboard is back here
        (self.unlock.qr if secret == "unlock" else self.action_button).setFocus()

    def _render_pin_tries(self) -> None:
        tries = self.tries.pin
        text = (
            self.tr("Resident's PIN: {tries}").format(tries=texts.pin_tries_text(tries))
            if tries is not None
            else ""
        )
        self.pin_tries.setText(text)
        self.pin_tries.setAccessibleName(text)
        self.pin_tries.setVisible(bool(text))

    def card_removed(self) -> None:
        """The number and the tries belong to the card that left: forget them too."""
        super().card_removed()
        if not self.runner.running and not self._asking:
            self.unlock.clear()
            self.tries = SecretTries(None, None)
            self._render_pin_tries()

    def run_change(self, pin: str, unlock: str) -> None:
        """Change the address on the card in the reader with the resident's PIN."""
        assert self.resident is not None
        moved = self.moved_on.date()
        request = AddressChangeRequest(
            resident_id=self.resident.id,
            moved_on=date(moved.year(), moved.month(), moved.day()),
            pin=pin,
            unlock_number=unlock if self.unlock.is_empty() else self.unlock.unlock_number(),
            kind="転入" if self.move_in.isChecked() else "転居",
            new_address=self.new_address.text().strip() or None,
        )
        self.run_workflow(lambda ctx, source: AddressChangeWorkflow(ctx, request, source))

    def task_done(self, result: object) -> None:
        """Preview and print the new line on the back of the card."""
        assert isinstance(result, AddressChangeResult)
        self.unlock.clear()  # the number opened this card once; it stays on no screen
        if result.back_line_pdf is not None:
            name = f"address-{date.today().isoformat()}-{result.serial}.pdf"
            title = self.tr("New address line (back of the card)")
            print_in_turn(
                self,
                self.services,
                [Document(Printout.ADDRESS_LINES, title, result.back_line_pdf, name)],
                serial=result.serial,
                on_done=self._printouts_done,
            )

    def _printouts_done(self, printed: list[Printed]) -> None:
        """A line not printed is said in red, with how to print it later."""
        if self.result is None:
            return
        self.printouts = printed
        self._render_outcome()
        missing = any(not p.printed for p in printed)
        self.outcome.setStyleSheet(ERROR_STYLE if missing else "")

    def outcome_text(self) -> str:
        """The address now on the card."""
        result = self.result
        if not isinstance(result, AddressChangeResult):
            return ""
        text = self.tr("The register and the card now hold the new address: {address}").format(
            address=result.address
        )
        if self.printouts is not None and any(not p.printed for p in self.printouts):
            text += " " + self.tr(
                "The new line on the back of the card is not printed: print it later with "
                "Print again (Ctrl+Shift+P on the New issuance page) and the reason."
            )
        return text

    def reset_task(self) -> None:
        """Empty the move, the unlock number and the tries of the card that was there."""
        self.printouts = None
        self.outcome.setStyleSheet("")
        self.move_within.setChecked(True)
        self.moved_on.setDate(QDate.currentDate())
        self.new_address.clear()
        self.unlock.clear()
        self.tries = SecretTries(None, None)
        self._render_pin_tries()
