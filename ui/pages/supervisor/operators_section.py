"""The supervisor's desk, operators: who is registered, with roles, duty period, lock-out and
last login; who is on duty today; register an operator, unlock, reset a password, end a duty,
bind an operator card.

Keyboard: the list takes the focus (arrows choose an operator); Alt+F lifts a lock-out, Alt+E
resets the password, Alt+M then Enter ends the duty (from today, or from the day typed there),
Alt+B binds the card in the reader (its PIN is asked). The form below registers a new operator:
Alt+Y the name, Alt+G the login, Tab and Space the roles, Alt+H and Alt+J the duty period; Enter
registers. The letters are chosen not to clash with the window's tabs and menus. A one-time
password appears once, in the result line, until the next action or the logout; the operator
sets their own at the next login.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
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
from counter_app.records import NewOperator, OperatorRow, OperatorSession, Register, Role
from counter_app.workflows.operator_card_login import operator_card_serial
from ui.errors import error_texts
from ui.pages.context import PageServices
from ui.pages.supervisor.section import SupervisorSection
from ui.pages.workflow_runner import on_reader
from ui.pin_dialog import PinDialog
from ui.row_table import row_table
from ui.status_bar import ERROR_STYLE

COLUMNS = 6
Job = Callable[[Register, OperatorSession], Any]


class OperatorsSection(SupervisorSection):
    """Operators: the list, the actions on the chosen one, the registration form."""

    def __init__(self, services: PageServices, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.setObjectName("operatorsSection")
        self.rows: list[OperatorRow] = []
        self.pending = 0
        self.generation = 0  # answers asked before a clear() are dropped
        self.pin_dialog: PinDialog | None = None

        self.list_label = QLabel()
        self.table = row_table(COLUMNS)
        self.table.setObjectName("operatorsTable")
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.list_label.setBuddy(self.table)
        self.on_duty = QLabel()
        self.on_duty.setObjectName("operatorsOnDuty")
        self.on_duty.setWordWrap(True)

        self.unlock_button = QPushButton()
        self.unlock_button.setObjectName("operatorUnlock")
        self.reset_button = QPushButton()
        self.reset_button.setObjectName("operatorResetPassword")
        self.end_label = QLabel()
        self.end_day = QLineEdit()
        self.end_day.setObjectName("operatorOffDutyFrom")
        self.end_day.setMaximumWidth(140)
        self.end_label.setBuddy(self.end_day)
        self.end_button = QPushButton()
        self.end_button.setObjectName("operatorEndDuty")
        self.card_button = QPushButton()
        self.card_button.setObjectName("operatorBindCard")
        self.unlock_button.clicked.connect(self.unlock)
        self.reset_button.clicked.connect(self.reset_password)
        self.end_button.clicked.connect(self.end_duty)
        self.end_day.returnPressed.connect(self.end_duty)
        self.card_button.clicked.connect(self.bind_card)

        self.result = QLabel()
        self.result.setObjectName("operatorsResult")
        self.result.setWordWrap(True)
        selectable = Qt.TextInteractionFlag
        self.result.setTextInteractionFlags(
            selectable.TextSelectableByKeyboard | selectable.TextSelectableByMouse
        )
        self.error = QLabel()
        self.error.setObjectName("operatorsError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.hide()

        self.form = QGroupBox()
        self.name_label = QLabel()
        self.name_field = QLineEdit()
        self.name_field.setObjectName("newOperatorName")
        self.name_label.setBuddy(self.name_field)
        self.login_label = QLabel()
        self.login_field = QLineEdit()
        self.login_field.setObjectName("newOperatorLogin")
        self.login_label.setBuddy(self.login_field)
        self.role_boxes: dict[Role, QCheckBox] = {}
        for role in (Role.ISSUING_CLERK, Role.VERIFYING_CLERK, Role.APPLET_ADMIN,
                     Role.LIBRARY_STAFF, Role.SUPERVISOR):  # fmt: skip
            box = QCheckBox()
            box.setObjectName(f"newOperatorRole_{role.value}")
            self.role_boxes[role] = box
        self.from_label = QLabel()
        self.from_field = QLineEdit()
        self.from_field.setObjectName("newOperatorFrom")
        self.from_label.setBuddy(self.from_field)
        self.to_label = QLabel()
        self.to_field = QLineEdit()
        self.to_field.setObjectName("newOperatorTo")
        self.to_label.setBuddy(self.to_field)
        self.register_button = QPushButton()
        self.register_button.setObjectName("newOperatorRegister")
        self.register_button.clicked.connect(self.register_operator)
        for field in (self.name_field, self.login_field, self.from_field, self.to_field):
            field.returnPressed.connect(self.register_operator)

        actions = QHBoxLayout()
        for widget in (self.unlock_button, self.reset_button, self.end_label, self.end_day,
                       self.end_button, self.card_button):  # fmt: skip
            actions.addWidget(widget)
        actions.addStretch(1)
        roles = QHBoxLayout()
        for box in self.role_boxes.values():
            roles.addWidget(box)
        roles.addStretch(1)
        self.roles_label = QLabel()
        form = QFormLayout(self.form)
        form.addRow(self.name_label, self.name_field)
        form.addRow(self.login_label, self.login_field)
        form.addRow(self.roles_label, roles)
        form.addRow(self.from_label, self.from_field)
        form.addRow(self.to_label, self.to_field)
        form.addRow("", self.register_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.on_duty)
        layout.addLayout(actions)
        layout.addWidget(self.result)
        layout.addWidget(self.error)
        layout.addWidget(self.form)
        self.retranslate()

    # -- texts ----------------------------------------------------------------------------------

    def title(self) -> str:
        """The tab's title."""
        return self.tr("O&perators")

    def role_names(self) -> dict[Role, str]:
        """The roles as the list shows them."""
        return {
            Role.ISSUING_CLERK: self.tr("Issuing clerk"),
            Role.VERIFYING_CLERK: self.tr("Verifying clerk"),
            Role.APPLET_ADMIN: self.tr("Application administrator"),
            Role.LIBRARY_STAFF: self.tr("Library staff"),
            Role.SUPERVISOR: self.tr("Supervisor"),
        }

    def retranslate(self) -> None:
        """Set every text in the current language."""
        self.list_label.setText(self.tr("Registered operators:"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Login name"), self.tr("Name"), self.tr("Roles"), self.tr("Duty period"),
             self.tr("State"), self.tr("Last login")]
        )  # fmt: skip
        self.table.setAccessibleName(self.tr("Registered operators"))
        self.unlock_button.setText(self.tr("Li&ft the lock-out"))
        self.reset_button.setText(self.tr("R&eset password"))
        self.end_label.setText(self.tr("Off duty fro&m:"))
        self.end_day.setPlaceholderText(self.tr("YYYY-MM-DD, empty: today"))
        self.end_button.setText(self.tr("End the duty (Enter)"))
        self.card_button.setText(self.tr("&Bind the operator card in the reader…"))
        self.form.setTitle(self.tr("Register an operator"))
        self.name_label.setText(self.tr("Displa&y name:"))
        self.login_label.setText(self.tr("Log&in name:"))
        self.roles_label.setText(self.tr("Roles:"))
        names = self.role_names()
        for role, box in self.role_boxes.items():
            box.setText(names[role])
        self.from_label.setText(self.tr("Duty from (&H):"))
        self.from_field.setPlaceholderText(self.tr("YYYY-MM-DD, empty: today"))
        self.to_label.setText(self.tr("Duty until, last day (&J):"))
        self.to_field.setPlaceholderText(self.tr("YYYY-MM-DD, empty: no end yet"))
        self.register_button.setText(self.tr("Register the operator (Enter)"))
        self._render_rows()

    # -- the section's life -----------------------------------------------------------------------

    def entry_field(self) -> QWidget:
        """The list of operators."""
        return self.table

    def activated(self) -> None:
        """Load the list."""
        self._submit(lambda _register, _session: None, lambda _none: None)

    def clear(self) -> None:
        """Logout: forget the list, a one-time password shown, the form."""
        self.generation += 1
        self.pending = 0
        self.rows = []
        self.table.setRowCount(0)
        self.on_duty.clear()
        self.result.clear()
        self.error.hide()
        self.error.clear()
        self.end_day.clear()
        self._clear_form()
        if self.pin_dialog is not None:
            self.pin_dialog.reject()

    def busy(self) -> bool:
        """True while the register or the card has not answered."""
        return self.pending > 0

    # -- actions --------------------------------------------------------------------------------

    def chosen(self) -> OperatorRow | None:
        """The operator chosen in the list."""
        row = self.table.currentRow()
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def unlock(self) -> None:
        """Lift the chosen operator's lock-out."""
        row = self._chosen_or_say()
        if row is None:
            return
        done = self.tr("{login} is unlocked and can log in again.").format(login=row.login)
        self._submit(
            lambda register, session: register.operator_desk.unlock(session, row.id),
            lambda _none: self._say(done),
        )

    def reset_password(self) -> None:
        """A one-time password for the chosen operator, shown once."""
        row = self._chosen_or_say()
        if row is None:
            return
        self._submit(
            lambda register, session: register.operator_desk.reset_password(session, row.id),
            functools.partial(self._show_one_time, row.login),
        )

    def end_duty(self) -> None:
        """The chosen operator's account stops working from the day given (today if empty)."""
        row = self._chosen_or_say()
        if row is None:
            return
        try:
            day = self._day(self.end_day)
        except ValueError:
            return
        done = self.tr("{login} is off duty from {day}; the history is kept.")

        def job(register: Register, session: OperatorSession) -> dt.date:
            desk = register.operator_desk
            off = day or desk.today()
            desk.end_duty(session, row.id, off)
            return off

        self._submit(job, lambda off: self._say(done.format(login=row.login, day=off)))

    def bind_card(self) -> None:
        """Ask the PIN of the card in the reader, check it there, bind the card."""
        row = self._chosen_or_say()
        reader = self.services.current_reader()
        if row is None:
            return
        if reader is None:
            self._say(self.tr("Put the operator card in the reader first."), error=True)
            return
        dialog = PinDialog(self, None, operator=True)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        dialog.accepted.connect(functools.partial(self._card_pin_entered, dialog, row, reader))
        dialog.finished.connect(self._pin_dialog_closed)
        self.pin_dialog = dialog
        dialog.open()

    def _pin_dialog_closed(self) -> None:
        self.pin_dialog = None
        self.activateWindow()  # the keyboard comes back to the window, on the list
        self.table.setFocus()

    def _card_pin_entered(self, dialog: PinDialog, row: OperatorRow, reader: str) -> None:
        context = self.services.context
        if context is None:
            return
        pin = dialog.take_pin()
        trust = context.trust.cards

        def read(backend: ReaderBackend) -> object:
            return on_reader(
                reader, backend, lambda source: operator_card_serial(source(), pin, trust=trust)
            )

        generation = self.generation
        self.pending += 1
        self.services.card_thread.submit(
            read,
            functools.partial(self._card_read, generation, row),
            functools.partial(self._failed, generation),
        )

    def _card_read(self, generation: int, row: OperatorRow, serial: object) -> None:
        if generation != self.generation:
            return
        self.pending -= 1
        done = self.tr("{login} logs in with this operator card and its PIN from now on.")
        card = str(serial)
        self._submit(
            lambda register, session: register.operator_desk.bind_card(session, row.id, card),
            lambda _none: self._say(done.format(login=row.login)),
        )

    def register_operator(self) -> None:
        """Register the operator of the form; the one-time password is shown once."""
        try:
            day_from = self._day(self.from_field)
            day_to = self._day(self.to_field)
        except ValueError:
            return
        roles = frozenset(role for role, box in self.role_boxes.items() if box.isChecked())
        login = self.login_field.text().strip()
        name = self.name_field.text().strip()

        def job(register: Register, session: OperatorSession) -> str:
            desk = register.operator_desk
            new = NewOperator(login, name, roles, day_from or desk.today(), day_to)
            return desk.register(session, new).one_time_password

        def done(password: str) -> None:
            self._clear_form()
            self._show_one_time(login, password)

        self._submit(job, done)

    # -- helpers --------------------------------------------------------------------------------

    def _submit(self, job: Job, on_done: Callable[[Any], None]) -> None:
        """Run `job` on the database worker, then reload the list and call `on_done`."""
        context = self.services.context
        if context is None:
            return
        session = context.operator
        generation = self.generation
        self.pending += 1
        self.result.clear()
        self.error.hide()

        def work(register: Register) -> tuple[Any, list[OperatorRow]]:
            answer = job(register, session)
            return answer, register.operator_desk.operators(session)

        def finished(answer: tuple[Any, list[OperatorRow]]) -> None:
            if generation != self.generation:
                return
            self.pending -= 1
            value, rows = answer
            self._set_rows(rows)
            on_done(value)

        self.services.db_thread.submit(work, finished, functools.partial(self._failed, generation))

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation != self.generation:
            return
        self.pending -= 1
        what, todo = error_texts(exc)
        self._say(f"{what}\n{todo}", error=True)

    def _say(self, text: str, *, error: bool = False) -> None:
        label = self.error if error else self.result
        label.setText(text)
        label.setAccessibleName(text)
        if error:
            self.error.show()
            self.error.setFocus()

    def _show_one_time(self, login: str, password: str) -> None:
        text = self.tr(
            "One-time password for {login}: {password}\nHand it over now; it is not shown again. "
            "At the next login {login} chooses their own password."
        ).format(login=login, password=password)
        self._say(text)
        self.result.setFocus()

    def _chosen_or_say(self) -> OperatorRow | None:
        row = self.chosen()
        if row is None:
            self._say(self.tr("Choose an operator in the list first."), error=True)
            self.table.setFocus()
        return row

    def _day(self, field: QLineEdit) -> dt.date | None:
        """The date in `field`, None when empty; ValueError, said and focused, when wrong."""
        text = field.text().strip()
        if not text:
            return None
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            self._say(self.tr("Enter the date as YYYY-MM-DD, e.g. 2026-04-01."), error=True)
            field.setFocus()
            field.selectAll()
            raise

    def _clear_form(self) -> None:
        for field in (self.name_field, self.login_field, self.from_field, self.to_field):
            field.clear()
        for box in self.role_boxes.values():
            box.setChecked(False)

    def _set_rows(self, rows: list[OperatorRow]) -> None:
        chosen = self.chosen()
        self.rows = rows
        self._render_rows()
        ids = [r.id for r in rows]
        if chosen is not None and chosen.id in ids:
            self.table.selectRow(ids.index(chosen.id))
        elif rows:
            self.table.selectRow(0)

    def _render_rows(self) -> None:
        names = self.role_names()
        self.table.setRowCount(len(self.rows))
        for index, row in enumerate(self.rows):
            cells = (
                row.login,
                row.display_name,
                ", ".join(names[r] for r in sorted(row.roles)),
                self._duty_text(row),
                self._state_text(row),
                self._last_login_text(row),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                self.table.setItem(index, column, item)
        on_duty = [r.display_name for r in self.rows if r.on_duty_today]
        self.on_duty.setText(
            self.tr("On duty today: {names}").format(names=", ".join(on_duty) or "—")
            if self.rows
            else ""
        )

    def _duty_text(self, row: OperatorRow) -> str:
        start = row.duty_from.isoformat() if row.duty_from else "—"
        end = row.duty_to.isoformat() if row.duty_to else self.tr("no end")
        return f"{start} – {end}"

    def _state_text(self, row: OperatorRow) -> str:
        parts = [self.tr("On duty") if row.on_duty_today else self.tr("Off duty")]
        if row.locked:
            parts.append(self.tr("LOCKED"))
        if row.must_change_password:
            parts.append(self.tr("sets a password at the next login"))
        if row.has_card:
            parts.append(self.tr("operator card"))
        return ", ".join(parts)

    def _last_login_text(self, row: OperatorRow) -> str:
        if row.last_login is None:
            return self.tr("never")
        local = row.last_login.astimezone(dt.timezone(dt.timedelta(hours=9)))
        return local.strftime("%Y-%m-%d %H:%M")
