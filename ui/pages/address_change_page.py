"""Address change after a move (転入・転居): card authenticated, rewritten, new line printed."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QRegularExpression
from PySide6.QtGui import QRegularExpressionValidator
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

from counter_app.card.profile import UNLOCK_NUMBER_LENGTH
from counter_app.workflows import AddressChangeRequest, AddressChangeResult, AddressChangeWorkflow
from ui.pages.context import PageServices
from ui.pages.parts import TaskPage
from ui.pages.printouts import print_in_turn


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

        self.unlock = QLineEdit()
        self.unlock.setObjectName("clerkUnlockNumber")
        self.unlock.setMaxLength(UNLOCK_NUMBER_LENGTH)
        self.unlock.setValidator(
            QRegularExpressionValidator(QRegularExpression(f"[0-9]{{0,{UNLOCK_NUMBER_LENGTH}}}"))
        )
        self.unlock_label = QLabel()
        self.unlock_label.setBuddy(self.unlock)
        self.unlock_hint = QLabel()
        self.unlock_hint.setWordWrap(True)
        self.card_box = QGroupBox()
        card_form = QFormLayout(self.card_box)
        card_form.addRow(self.unlock_label, self.unlock)
        card_form.addRow(self.unlock_hint)
        self.lay_out(self.move_box, self.card_box)
        QWidget.setTabOrder(self.move_within, self.move_in)
        QWidget.setTabOrder(self.move_in, self.moved_on)
        QWidget.setTabOrder(self.moved_on, self.new_address)
        QWidget.setTabOrder(self.new_address, self.unlock)
        QWidget.setTabOrder(self.unlock, self.action_button)

    def retranslate_task(self) -> None:
        """Set the address change's texts in the current language."""
        self.move_box.setTitle(self.tr("2. The move"))
        self.move_within.setText(self.tr("Move within the municipality (転居)"))
        self.move_in.setText(self.tr("Move in from elsewhere (転入)"))
        self.moved_on_label.setText(self.tr("&Moved on:"))
        self.moved_on.setAccessibleName(self.tr("Date of the move"))
        self.new_address_label.setText(self.tr("New &address:"))
        self.new_address.setPlaceholderText(self.tr("Empty: the address in the register"))
        self.new_address.setAccessibleName(self.tr("New address"))
        self.card_box.setTitle(self.tr("3. The resident's card"))
        self.unlock_label.setText(self.tr("U&nlock number:"))
        self.unlock.setAccessibleName(self.tr("Unlock number printed on the card, 14 digits"))
        self.unlock_hint.setText(
            self.tr(
                "Type the 14-digit unlock number printed on the card, or leave it empty: the "
                "resident then enters it with the PIN on the resident's screen."
            )
        )
        self.action_button.setText(self.tr("&Change the address on the card (Ctrl+Enter)"))

    def first_field(self) -> QWidget:
        """After the resident: the kind of move."""
        return self.move_within

    def task_problem(self) -> str | None:
        """The unlock number is complete or empty; a reader is there."""
        if len(self.unlock.text()) not in (0, UNLOCK_NUMBER_LENGTH):
            return self.tr("The unlock number has 14 digits. Check it, or leave it empty.")
        if self.services.current_reader() is None:
            return self.tr("No card reader: connect one first.")
        return None

    def start_task(self) -> None:
        """The resident enters the PIN (and the unlock number, if the clerk did not)."""
        self.ask_pin(self.run_change, confirm=False, ask_unlock=not self.unlock.text())

    def run_change(self, pin: str, unlock: str) -> None:
        """Change the address on the card in the reader with the resident's PIN."""
        assert self.resident is not None
        moved = self.moved_on.date()
        request = AddressChangeRequest(
            resident_id=self.resident.id,
            moved_on=date(moved.year(), moved.month(), moved.day()),
            pin=pin,
            unlock_number=self.unlock.text() or unlock,
            kind="転入" if self.move_in.isChecked() else "転居",
            new_address=self.new_address.text().strip() or None,
        )
        self.unlock.clear()
        self.run_workflow(lambda ctx, source: AddressChangeWorkflow(ctx, request, source))

    def task_done(self, result: object) -> None:
        """Preview and print the new line on the back of the card."""
        assert isinstance(result, AddressChangeResult)
        if result.back_line_pdf is not None:
            name = f"address-{date.today().isoformat()}-{result.serial}.pdf"
            print_in_turn(
                self,
                self.services,
                [(self.tr("New address line (back of the card)"), result.back_line_pdf, name)],
            )

    def outcome_text(self) -> str:
        """The address now on the card."""
        result = self.result
        if not isinstance(result, AddressChangeResult):
            return ""
        return self.tr("The card now carries the new address: {address}").format(
            address=result.address
        )

    def reset_task(self) -> None:
        """Empty the move and the unlock number."""
        self.move_within.setChecked(True)
        self.moved_on.setDate(QDate.currentDate())
        self.new_address.clear()
        self.unlock.clear()
