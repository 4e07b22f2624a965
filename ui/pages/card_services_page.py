"""The applet administrator's page: the multipurpose services on the card in the reader.

It lists the services on the card (name from the catalogue, AID, state, size, free space) and
puts a catalogue service on the card after the resident's consent, writes the member number,
locks, unlocks and removes a service. Every action runs on the card thread (the register is
written there too, as workflows do) and the list is read again afterwards.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from counter_app.card.readers import ReaderBackend
from counter_app.card.summary import CardSummary
from counter_app.records import CardServiceInfo, PurposeCode, Register, ServiceTypeInfo
from counter_app.workflows import CounterContext
from counter_app.workflows.card_services import (
    CONSENT_TEXT_VERSION,
    MULTIPURPOSE_AREA_BYTES,
    CardServices,
    ServiceDesk,
    ServiceOnCard,
)
from ui.errors import error_texts, show_error
from ui.pages.context import PageServices
from ui.pages.parts import TaskPage, confirm
from ui.pages.workflow_runner import on_reader
from ui.row_table import row_table
from ui.status_bar import ERROR_STYLE

DeskAction = Callable[[ServiceDesk], object]


def _at_the_desk(
    ctx: CounterContext, reader: str, action: DeskAction, backend: ReaderBackend
) -> object:
    """Card thread: run `action` on the service desk of the card in `reader`."""
    return on_reader(reader, backend, lambda source: action(ServiceDesk(ctx, source)))


def _enabled_catalogue(_ctx: CounterContext, register: Register) -> list[ServiceTypeInfo]:
    """Database worker: the catalogue entries that may go on cards now."""
    return [entry for entry in register.services.catalogue() if entry.enabled]


class CardServicesPage(TaskPage):
    """List, install, personalise, lock, unlock and remove services on the card in the reader."""

    search_purpose = PurposeCode.MULTIPURPOSE_SERVICES

    def __init__(self, services: PageServices, parent: QWidget | None = None) -> None:
        super().__init__(services, "cardServicesPage", parent)
        self.sections.remove(self.resident_box)  # the card in the reader names the resident
        self.resident_box.setParent(self)
        self.resident_box.hide()
        self.working = False  # the card thread runs one of this page's jobs
        self.writing = False  # ... one that changes the card or the register
        self.generation = 0  # a job's answer counts only if no clear_card came since it started
        self.read_again = False  # a read asked while a job ran
        self.listing: CardServices | None = None
        self.catalogue: list[ServiceTypeInfo] = []
        self.confirm_box: QWidget | None = None
        self.action_button.clicked.disconnect()
        self.action_button.clicked.connect(self.read_services)
        self.shortcut.activated.disconnect()
        self.shortcut.activated.connect(self.read_services)

        # The services on the card.
        self.table_label = QLabel()
        self.table = row_table(4)
        self.table.setObjectName("servicesTable")
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table_label.setBuddy(self.table)
        self.free = QLabel()
        self.free.setObjectName("servicesFree")
        self.list_status = QLabel()
        self.list_status.setObjectName("servicesStatus")
        self.list_status.setWordWrap(True)
        self.card_box = QGroupBox()
        card_layout = QVBoxLayout(self.card_box)
        card_layout.addWidget(self.table_label)
        card_layout.addWidget(self.table)
        card_layout.addWidget(self.free)
        card_layout.addWidget(self.list_status)

        # Actions on the service chosen in the table.
        self.member_field = QLineEdit()
        self.member_field.setObjectName("personaliseMemberNumber")
        self.member_label = QLabel()
        self.member_label.setBuddy(self.member_field)
        self.personalise_button = self._button("personaliseService", self.personalise)
        self.lock_button = self._button("lockService", functools.partial(self.set_locked, True))
        self.unlock_button = self._button(
            "unlockService", functools.partial(self.set_locked, False)
        )
        self.remove_button = self._button("removeService", self.ask_remove)
        self.chosen_box = QGroupBox()
        chosen_layout = QVBoxLayout(self.chosen_box)
        member_row = QHBoxLayout()
        member_row.addWidget(self.member_label)
        member_row.addWidget(self.member_field, 1)
        member_row.addWidget(self.personalise_button)
        chosen_layout.addLayout(member_row)
        buttons = QHBoxLayout()
        for button in (self.lock_button, self.unlock_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        chosen_layout.addLayout(buttons)

        # Install a catalogue service, after the resident's consent.
        self.service_choice = QComboBox()
        self.service_choice.setObjectName("installService")
        self.service_label = QLabel()
        self.service_label.setBuddy(self.service_choice)
        self.new_member_field = QLineEdit()
        self.new_member_field.setObjectName("installMemberNumber")
        self.new_member_label = QLabel()
        self.new_member_label.setBuddy(self.new_member_field)
        self.consent_text = QLabel()
        self.consent_text.setObjectName("consentVersion")
        self.consent_text.setWordWrap(True)
        self.consent_given = QCheckBox()
        self.consent_given.setObjectName("consentGiven")
        self.install_button = self._button("installServiceButton", self.install)
        self.install_box = QGroupBox()
        form = QFormLayout(self.install_box)
        form.addRow(self.service_label, self.service_choice)
        form.addRow(self.new_member_label, self.new_member_field)
        form.addRow(self.consent_text)
        form.addRow(self.consent_given)
        form.addRow(self.install_button)

        self.table.itemSelectionChanged.connect(self._render_actions)
        services.card_thread.summary_read.connect(self._card_read)
        self.lay_out(self.card_box, self.chosen_box, self.install_box)
        self._render_actions()

    def _button(self, name: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton()
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    # --- texts -----------------------------------------------------------------------------

    def retranslate_task(self) -> None:
        """Set the page's texts in the current language."""
        self.action_button.setText(self.tr("Read t&he services on the card (Ctrl+Enter)"))
        self.card_box.setTitle(self.tr("1. The card in the reader"))
        self.table_label.setText(self.tr("Services on the car&d:"))
        self.table.setAccessibleName(self.tr("Services on the card"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Service"), self.tr("AID"), self.tr("State"), self.tr("Size (bytes)")]
        )
        self.chosen_box.setTitle(self.tr("2. The service chosen in the table"))
        self.member_label.setText(self.tr("New member num&ber:"))
        self.member_field.setAccessibleName(self.tr("New member number"))
        self.personalise_button.setText(self.tr("&Personalise"))
        self.lock_button.setText(self.tr("Loc&k"))
        self.unlock_button.setText(self.tr("Unl&ock"))
        self.remove_button.setText(self.tr("R&emove from the card…"))
        self.install_box.setTitle(self.tr("3. Put a service on the card"))
        self.service_label.setText(self.tr("Ser&vice to put on the card:"))
        self.service_choice.setAccessibleName(self.tr("Service to put on the card"))
        self.new_member_label.setText(self.tr("&Member number (if known):"))
        self.new_member_field.setAccessibleName(self.tr("Member number"))
        self.consent_text.setText(
            self.tr(
                "The resident reads and signs the consent form, version {version}, before the "
                "service is put on the card. The consent is recorded with your name."
            ).format(version=CONSENT_TEXT_VERSION)
        )
        self.consent_given.setText(
            self.tr("The resident read the consent form (version {version}) and &agreed").format(
                version=CONSENT_TEXT_VERSION
            )
        )
        self.install_button.setText(self.tr("&Install on the card"))
        for button in (
            self.personalise_button,
            self.lock_button,
            self.unlock_button,
            self.remove_button,
            self.install_button,
        ):
            button.setAccessibleName(button.text().replace("&", "").rstrip("…"))
        self._render_listing()

    def state_text(self, state: str) -> str:
        """A service's state as the clerk reads it."""
        return {
            "installed": self.tr("In use"),
            "locked": self.tr("Locked"),
            "unrecorded": self.tr("Not in the register"),
        }.get(state, state)

    # --- the page in the window ------------------------------------------------------------

    def entry_field(self) -> QWidget:
        """Where the keyboard starts: the list of services on the card."""
        return self.table

    def busy(self) -> bool:
        """True while an action writes to the card or the register (reading the list is not)."""
        return self.writing or super().busy()

    def set_session_ready(self) -> None:
        """The operator's context arrived: the catalogue, and the card already in the reader."""
        super().set_session_ready()
        if self.isVisible():
            self.load_catalogue()
            self.read_services()

    def showEvent(self, event: QShowEvent) -> None:
        """Coming to the page: the catalogue and the card again (either may have changed)."""
        super().showEvent(event)
        if self.services.context is not None:
            self.load_catalogue()
            self.read_services()

    def load_catalogue(self) -> None:
        """Ask the register for the services that may go on cards now."""
        ctx = self.services.context
        if ctx is not None:
            self.services.db_thread.submit(
                functools.partial(_enabled_catalogue, ctx),
                self._catalogue_read,
                self._catalogue_failed,
            )

    def _catalogue_read(self, entries: list[ServiceTypeInfo]) -> None:
        if self.services.context is None:
            return  # logged out meanwhile
        chosen = self.service_choice.currentData()
        self.catalogue = entries
        self.service_choice.clear()
        for entry in entries:
            self.service_choice.addItem(f"{entry.name} ({entry.code})", entry.code)
        self.service_choice.setCurrentIndex(max(self.service_choice.findData(chosen), 0))

    def _catalogue_failed(self, exc: BaseException) -> None:
        what, todo = error_texts(exc)
        self._show_status(f"{what}\n{todo}", error=True)

    def _card_read(self, summary: CardSummary) -> None:
        """A card was read in the reader in use: list its services (this page shown only)."""
        if (
            summary.reader == self.services.current_reader()
            and self.services.context is not None
            and self.isVisible()
        ):
            self.read_services()

    def card_removed(self) -> None:
        """The card left the reader: its services go from the page (a write ends first)."""
        if not self.writing:
            self.clear_card()

    def clear_resident(self) -> None:
        """Logout or idle time-out: nothing of the card stays on the page (a write ends first)."""
        if self.writing:
            return
        if self.confirm_box is not None:
            with contextlib.suppress(RuntimeError):  # already closed (deleted on close)
                self.confirm_box.close()
            self.confirm_box = None
        self.clear_card()
        self.catalogue = []
        self.service_choice.clear()
        super().clear_resident()

    def clear_card(self) -> None:
        """Forget the card's services and every field typed for it; a read under way is dropped."""
        self.generation += 1
        self.read_again = False
        self.listing = None
        self.member_field.clear()
        self.new_member_field.clear()
        self.consent_given.setChecked(False)
        self.form_error.hide()
        self._show_status("", error=False)
        self._render_listing()

    # --- reading the card ------------------------------------------------------------------

    def read_services(self) -> None:
        """List the services on the card in the reader (Ctrl+Enter); once the job running ends."""
        if self.working:
            self.read_again = True
            return
        self._run(lambda desk: desk.on_card(), self._listed, self._list_failed, self.tr("Reading…"))

    def _listed(self, result: object) -> None:
        assert isinstance(result, CardServices)
        self.listing = result
        self._show_status("", error=False)
        self._render_listing()

    def _list_failed(self, exc: BaseException) -> None:
        self.listing = None
        self._render_listing()
        what, todo = error_texts(exc)
        self._show_status(f"{what}\n{todo}", error=True)

    def _render_listing(self) -> None:
        listing = self.listing
        chosen = self.chosen_service()
        self.table.setRowCount(0)
        for row, service in enumerate(listing.services if listing else ()):
            self.table.insertRow(row)
            cells = (service.name, service.aid, self.state_text(service.state), str(service.size))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, row)
                self.table.setItem(row, column, item)
            if chosen is not None and service.aid == chosen.aid:
                self.table.selectRow(row)
        if self.table.rowCount() and not self.table.selectedItems():
            self.table.selectRow(0)  # the actions work on a service right away
        if listing is None:
            text = ""
        elif not listing.services:
            text = self.tr("No service on this card. {free} bytes free of {total}.").format(
                free=listing.free, total=MULTIPURPOSE_AREA_BYTES
            )
        else:
            text = self.tr("{free} bytes free of {total} (services use {used}).").format(
                free=listing.free, total=MULTIPURPOSE_AREA_BYTES, used=listing.used
            )
        self.free.setText(text)
        self.free.setAccessibleName(text)
        self._render_actions()

    def chosen_service(self) -> ServiceOnCard | None:
        """The service chosen in the table."""
        listing = self.listing
        row = self.table.currentRow()
        if listing is None or not self.table.selectedItems():
            return None
        if not 0 <= row < len(listing.services):
            return None
        return listing.services[row]

    def _render_actions(self) -> None:
        chosen = self.chosen_service()
        known = chosen is not None and chosen.code is not None and not self.working
        state = chosen.state if chosen is not None else ""
        self.personalise_button.setEnabled(known and state == "installed")
        self.member_field.setEnabled(known and state == "installed")
        self.lock_button.setEnabled(known and state == "installed")
        self.unlock_button.setEnabled(known and state == "locked")
        self.remove_button.setEnabled(known)
        self.install_button.setEnabled(self.listing is not None and not self.working)
        self.action_button.setEnabled(not self.working)

    # --- actions on the card ---------------------------------------------------------------

    def install(self) -> None:
        """Record the resident's consent and put the chosen catalogue service on the card."""
        code = self.service_choice.currentData()
        if not isinstance(code, str):
            self.show_form_error(self.tr("Choose the service to put on the card."))
            self.service_choice.setFocus()
            return
        if not self.consent_given.isChecked():
            self.show_form_error(
                self.tr("The resident's consent is needed first: tick that the resident agreed.")
            )
            self.consent_given.setFocus()
            return
        member = self.new_member_field.text().strip() or None
        name = next((e.name for e in self.catalogue if e.code == code), code)
        self._act(
            lambda desk: desk.install(
                code, consent_version=CONSENT_TEXT_VERSION, member_number=member
            ),
            self.tr("{service} is on the card.").format(service=name),
        )

    def personalise(self) -> None:
        """Write the new member number to the chosen service."""
        chosen = self.chosen_service()
        member = self.member_field.text().strip()
        if chosen is None or chosen.code is None:
            return
        if not member:
            self.show_form_error(self.tr("Type the new member number first."))
            self.member_field.setFocus()
            return
        code = chosen.code
        self._act(
            lambda desk: desk.personalise(code, member),
            self.tr("The member number of {service} is written.").format(service=chosen.name),
        )

    def set_locked(self, locked: bool) -> None:
        """Lock (or unlock) the chosen service in the register."""
        chosen = self.chosen_service()
        if chosen is None or chosen.code is None:
            return
        code = chosen.code
        if locked:
            self._act(
                lambda desk: desk.lock(code),
                self.tr("{service} is locked: every desk refuses it.").format(service=chosen.name),
            )
        else:
            self._act(
                lambda desk: desk.unlock(code),
                self.tr("{service} is unlocked.").format(service=chosen.name),
            )

    def ask_remove(self) -> None:
        """Ask the clerk to confirm, then remove the chosen service from the card."""
        chosen = self.chosen_service()
        if chosen is None or chosen.code is None:
            return
        code = chosen.code
        self.confirm_box = confirm(
            self,
            self.tr("Remove the service"),
            self.tr(
                "Remove {service} from the card? Its data on the card is deleted and the "
                "resident can no longer use it."
            ).format(service=chosen.name),
            lambda: self._act(
                lambda desk: desk.remove(code),
                self.tr("{service} is removed from the card.").format(service=chosen.name),
            ),
        )

    def _act(self, action: DeskAction, done_text: str) -> None:
        self.form_error.hide()
        self.writing = True
        self._run(
            action,
            functools.partial(self._acted, done_text),
            self._act_failed,
            self.tr("Working on the card… Leave the card in the reader."),
        )

    def _acted(self, done_text: str, result: object) -> None:
        if isinstance(result, CardServiceInfo) and result.state == "installed":
            self.new_member_field.clear()
            self.consent_given.setChecked(False)
        self.member_field.clear()
        self.read_services()
        self.table.setFocus()  # the keyboard goes on from the list
        self.outcome.setText(done_text)
        self.outcome.setAccessibleName(done_text)
        self.outcome.show()

    def _act_failed(self, exc: BaseException) -> None:
        self.outcome.hide()
        self.read_services()
        show_error(self, exc)

    def _run(
        self,
        action: DeskAction,
        done: Callable[[object], None],
        failed: Callable[[BaseException], None],
        busy_text: str,
    ) -> None:
        ctx, reader = self.services.context, self.services.current_reader()
        if ctx is None or reader is None:
            self.writing = False
        if ctx is None:
            return
        if reader is None:
            self._show_status(self.tr("No card reader: connect one first."), error=True)
            return
        self.working = True
        self._show_status(busy_text, error=False)
        self._render_actions()
        self.services.card_thread.submit(
            functools.partial(_at_the_desk, ctx, reader, action),
            functools.partial(self._finished, self.generation, done),
            functools.partial(self._finished, self.generation, failed),
        )

    def _finished(self, generation: int, then: Callable[[Any], None], outcome: object) -> None:
        self.working = self.writing = False
        # The card left or the operator logged out meanwhile: nothing of the answer is shown.
        if generation == self.generation:
            self._show_status("", error=False)
            then(outcome)
        if self.working:  # `then` read the list again: that covers a read asked meanwhile
            self.read_again = False
        elif self.read_again and self.services.context is not None:
            self.read_again = False
            self.read_services()
        self._render_actions()

    def _show_status(self, text: str, *, error: bool) -> None:
        self.list_status.setText(text)
        self.list_status.setAccessibleName(text)
        self.list_status.setStyleSheet(ERROR_STYLE if error else "")
        self.list_status.setVisible(bool(text))

    def reset_task(self) -> None:
        """The next card: nothing of the last one."""
        self.clear_card()
