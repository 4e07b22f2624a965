"""The supervisor's purposes: the ordinance tasks identity data may be used for.

The list shows every purpose with its legal basis, dates, the categories of person it may look
up and the roles that work under it, retired ones with the date they were retired from. Below
it the supervisor adds an ordinance task (as the council answered it) or retires the purpose
chosen in the list from a date. The register checks each entry and records it under the
supervision purpose; a refusal is shown in words and the keyboard goes to the field at fault.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import TypeVar

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

from counter_app.records import Category, NewPurpose, PurposeInfo, Register, Role
from counter_app.records import parse_purpose_date as parse_date
from counter_app.records.errors import (
    CouncilAnswerDateError,
    LegalBasisMissingError,
    PurposeCategoriesMissingError,
    PurposeCodeFormatError,
    PurposeDateError,
    PurposeExistsError,
    PurposeNameMissingError,
    PurposeRolesMissingError,
)
from ui.errors import error_texts
from ui.pages.context import PageServices
from ui.pages.supervisor.section import SupervisorSection
from ui.row_table import row_table
from ui.status_bar import ERROR_STYLE

COLUMNS = 8
WIDE_COLUMNS = (1, 2)  # the name and the legal basis
WIDE_COLUMN_PX = 200
TABLE_MIN_PX = 220
K = TypeVar("K")


class PurposesSection(SupervisorSection):
    """List, add and retire purposes."""

    def __init__(self, services: PageServices, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.setObjectName("purposesSection")
        self.purposes: list[PurposeInfo] = []
        self.pending = 0
        self.generation = 0
        self.date_field_at_fault: QLineEdit | None = None
        self.list_label = QLabel()
        self.table = row_table(COLUMNS)
        self.table.setObjectName("purposesTable")
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for column in WIDE_COLUMNS:  # long texts: a fixed width, the whole text as a tooltip
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            self.table.setColumnWidth(column, WIDE_COLUMN_PX)
        self.table.setMinimumHeight(TABLE_MIN_PX)
        self.list_label.setBuddy(self.table)

        self.add_box = QGroupBox()
        self.code_field = self._line("purposeCodeField")
        self.name_field = self._line("purposeNameField")
        self.law_field = self._line("purposeLawField")
        self.article_field = self._line("purposeArticleField")
        self.in_force_field = self._line("purposeInForceField")
        self.answer_field = self._line("purposeAnswerField")
        self.category_boxes = {c: self._check(f"category_{c.value}") for c in Category}
        self.role_boxes = {r: self._check(f"role_{r.value}") for r in Role}
        self.add_button = QPushButton()
        self.add_button.setObjectName("addPurposeButton")
        self.add_button.clicked.connect(self.add_purpose)
        self.form = QFormLayout()
        self.labels = [QLabel() for _ in range(8)]
        fields: list[QWidget] = [
            self.code_field, self.name_field, self.law_field, self.article_field,
            self.in_force_field, self.answer_field,
            _row(list(self.category_boxes.values())), _row(list(self.role_boxes.values())),
        ]  # fmt: skip
        for label, field in zip(self.labels, fields, strict=True):
            self.form.addRow(label, field)
        buddies = [*fields[:6], self.category_boxes_first(), self.role_boxes_first()]
        for label, buddy in zip(self.labels, buddies, strict=True):
            label.setBuddy(buddy)
        self.form.addRow(self.add_button)
        self.add_box.setLayout(self.form)

        self.retire_box = QGroupBox()
        self.retire_label = QLabel()
        self.retire_field = QLineEdit()
        self.retire_field.setObjectName("purposeRetireField")
        self.retire_field.returnPressed.connect(self.retire_purpose)
        self.retire_label.setBuddy(self.retire_field)
        self.retire_button = QPushButton()
        self.retire_button.setObjectName("retirePurposeButton")
        self.retire_button.clicked.connect(self.retire_purpose)
        retire_row = QHBoxLayout()
        for part in (self.retire_label, self.retire_field, self.retire_button):
            retire_row.addWidget(part)
        retire_row.addStretch(1)
        self.retire_box.setLayout(retire_row)

        self.status = QLabel()
        self.status.setObjectName("purposesStatus")
        self.status.setWordWrap(True)
        self.status.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.status.hide()
        layout = QVBoxLayout(self)
        for widget in (self.list_label, self.table, self.status, self.add_box, self.retire_box):
            layout.addWidget(widget, 1 if widget is self.table else 0)
        self.retranslate()

    def _line(self, name: str) -> QLineEdit:
        field = QLineEdit()
        field.setObjectName(name)
        field.returnPressed.connect(self.add_purpose)
        return field

    def _check(self, name: str) -> QCheckBox:
        box = QCheckBox()
        box.setObjectName(name)
        return box

    def category_boxes_first(self) -> QCheckBox:
        """The first category box: where the categories' label takes the keyboard."""
        return self.category_boxes[Category.APPLICANT]

    def role_boxes_first(self) -> QCheckBox:
        """The first role box: where the roles' label takes the keyboard."""
        return self.role_boxes[Role.ISSUING_CLERK]

    # -- texts -------------------------------------------------------------------------------

    def title(self) -> str:
        return self.tr("Purpose&s")

    def retranslate(self) -> None:
        self.list_label.setText(self.tr("Purposes in the register (retired ones in grey):"))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Code"),
                self.tr("Name"),
                self.tr("Legal basis"),
                self.tr("In force from"),
                self.tr("Council's answer"),
                self.tr("Retired from"),
                self.tr("Whom it may look up"),
                self.tr("Who works under it"),
            ]
        )
        self.add_box.setTitle(self.tr("Add an ordinance task"))
        texts = (
            self.tr("Cod&e (e.g. pref-housing-arrears):"),
            self.tr("Na&me of the task:"),
            self.tr("&Basis: law or ordinance:"),
            self.tr("Article (第…条):"),
            self.tr("In &force from (YYYY-MM-DD):"),
            self.tr("Council's answer (答申) da&y:"),
            self.tr("Whom it may look up:"),
            self.tr("Who works under it:"),
        )
        for label, text in zip(self.labels, texts, strict=True):
            label.setText(text)
        for category, box in self.category_boxes.items():
            box.setText(self.category_name(category))
        for role, box in self.role_boxes.items():
            box.setText(self.role_name(role))
        self.add_button.setText(self.tr("A&dd the purpose"))
        self.retire_box.setTitle(self.tr("Retire the purpose chosen in the list"))
        self.retire_label.setText(self.tr("Retire from t&he date (YYYY-MM-DD):"))
        self.retire_button.setText(self.tr("Retire it"))
        self._render()

    def category_name(self, category: Category) -> str:
        """A category of person in the current language."""
        return {
            Category.APPLICANT: self.tr("Applicant in person"),
            Category.TENANT: self.tr("Tenant"),
            Category.GUARANTOR: self.tr("Guarantor"),
            Category.HOUSEHOLD_MEMBER: self.tr("Household member"),
        }[category]

    def role_name(self, role: Role) -> str:
        """An operator role in the current language."""
        return {
            Role.ISSUING_CLERK: self.tr("Issuing clerk"),
            Role.VERIFYING_CLERK: self.tr("Verifying clerk"),
            Role.APPLET_ADMIN: self.tr("Application administrator"),
            Role.LIBRARY_STAFF: self.tr("Library staff"),
            Role.SUPERVISOR: self.tr("Supervisor"),
        }[role]

    # -- the section's life ------------------------------------------------------------------

    def entry_field(self) -> QWidget:
        return self.table

    def activated(self) -> None:
        """Load the list of purposes on the database worker."""
        self._submit(lambda register: None, None)

    def busy(self) -> bool:
        return self.pending > 0

    def clear(self) -> None:
        """Logout: the list, the fields and the message go; late answers are dropped."""
        self.generation += 1
        self.pending = 0
        self.purposes = []
        self.table.setRowCount(0)
        for field in self._fields():
            field.clear()
        for box in (*self.category_boxes.values(), *self.role_boxes.values()):
            box.setChecked(False)
        self.status.clear()
        self.status.hide()

    def _fields(self) -> tuple[QLineEdit, ...]:
        return (
            self.code_field, self.name_field, self.law_field, self.article_field,
            self.in_force_field, self.answer_field, self.retire_field,
        )  # fmt: skip

    # -- actions -----------------------------------------------------------------------------

    def add_purpose(self) -> None:
        """Send the form to the register: it checks the entry, adds and records it."""
        if self.pending or self.services.context is None:
            return
        try:
            new = NewPurpose(
                code=self.code_field.text(),
                name=self.name_field.text(),
                law=self.law_field.text(),
                article=self.article_field.text(),
                in_force_from=self._date(self.in_force_field),
                council_answer_on=self._date(self.answer_field),
                categories=_checked(self.category_boxes),
                roles=_checked(self.role_boxes),
            )
        except PurposeDateError as exc:
            self._refused(exc)
            return
        operator = self.services.context.operator

        def add(register: Register) -> PurposeInfo:
            return register.purpose_book.add(operator, new)

        self._submit(add, self._added)

    def retire_purpose(self) -> None:
        """Retire the purpose chosen in the list from the date typed."""
        if self.pending or self.services.context is None:
            return
        row = self.table.currentRow()
        if not 0 <= row < len(self.purposes):
            self._show(self.tr("Choose the purpose to retire in the list first."), error=True)
            self.table.setFocus()
            return
        try:
            day = self._date(self.retire_field)
        except PurposeDateError as exc:
            self._refused(exc)
            return
        code = self.purposes[row].code
        operator = self.services.context.operator

        def retire(register: Register) -> PurposeInfo:
            return register.purpose_book.retire(operator, code, day)

        self._submit(retire, self._retired)

    def _date(self, field: QLineEdit) -> dt.date:
        try:
            return parse_date(field.text())
        except PurposeDateError:
            self.date_field_at_fault = field
            raise

    # -- the register's answers --------------------------------------------------------------

    def _submit(
        self,
        change: Callable[[Register], PurposeInfo | None],
        done: Callable[[PurposeInfo], None] | None,
    ) -> None:
        generation = self.generation

        def job(register: Register) -> tuple[PurposeInfo | None, list[PurposeInfo]]:
            changed = change(register)
            return changed, register.purpose_book.all()

        def on_done(answer: tuple[PurposeInfo | None, list[PurposeInfo]]) -> None:
            if generation != self.generation:
                return
            self.pending -= 1
            changed, listed = answer
            self.purposes = listed
            self._render()
            if changed is not None and done is not None:
                done(changed)

        def on_failed(exc: BaseException) -> None:
            if generation != self.generation:
                return
            self.pending -= 1
            self._refused(exc)

        self.pending += 1
        self.services.db_thread.submit(job, on_done, on_failed)

    def _added(self, purpose: PurposeInfo) -> None:
        for field in self._fields():
            field.clear()
        for box in (*self.category_boxes.values(), *self.role_boxes.values()):
            box.setChecked(False)
        self._select(purpose.code)
        self._show(
            self.tr("Added: {code} {name}. Lookups under it are allowed from {day}.").format(
                code=purpose.code, name=purpose.name, day=purpose.in_force_from.isoformat()
            )
        )
        self.table.setFocus()

    def _retired(self, purpose: PurposeInfo) -> None:
        self.retire_field.clear()
        self._select(purpose.code)
        day = purpose.retired_from.isoformat() if purpose.retired_from else ""
        self._show(
            self.tr("Retired: {code}. Lookups under it are refused from {day}.").format(
                code=purpose.code, day=day
            )
        )
        self.table.setFocus()

    def _refused(self, exc: BaseException) -> None:
        what, todo = error_texts(exc)
        self._show(f"{what}\n{todo}", error=True)
        self._field_at_fault(exc).setFocus()

    def _field_at_fault(self, exc: BaseException) -> QWidget:
        if isinstance(exc, PurposeDateError) and not isinstance(exc, CouncilAnswerDateError):
            return self.date_field_at_fault or self.in_force_field
        faults: list[tuple[type[BaseException], QWidget]] = [
            (PurposeCodeFormatError, self.code_field),
            (PurposeExistsError, self.code_field),
            (PurposeNameMissingError, self.name_field),
            (LegalBasisMissingError, self.law_field),
            (CouncilAnswerDateError, self.answer_field),
            (PurposeCategoriesMissingError, self.category_boxes_first()),
            (PurposeRolesMissingError, self.role_boxes_first()),
        ]
        return next((field for kind, field in faults if isinstance(exc, kind)), self.status)

    def _show(self, text: str, *, error: bool = False) -> None:
        self.status.setText(text)
        self.status.setAccessibleName(text)
        self.status.setStyleSheet(ERROR_STYLE if error else "")
        self.status.show()

    def _select(self, code: str) -> None:
        rows = [i for i, p in enumerate(self.purposes) if p.code == code]
        if rows:
            self.table.selectRow(rows[0])

    def _render(self) -> None:
        chosen = self.table.currentRow()
        self.table.setRowCount(len(self.purposes))
        for row, purpose in enumerate(self.purposes):
            cells = (
                purpose.code,
                purpose.name,
                purpose.legal_basis,
                purpose.in_force_from.isoformat(),
                purpose.council_answer_on.isoformat() if purpose.council_answer_on else "",
                purpose.retired_from.isoformat() if purpose.retired_from else "",
                ", ".join(self.category_name(c) for c in Category if c in purpose.categories),
                ", ".join(self.role_name(r) for r in Role if r in purpose.roles),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if purpose.retired_from is not None:
                    item.setForeground(Qt.GlobalColor.gray)
                self.table.setItem(row, column, item)
        if 0 <= chosen < len(self.purposes):
            self.table.selectRow(chosen)


def _checked(boxes: Mapping[K, QCheckBox]) -> frozenset[K]:
    return frozenset(key for key, box in boxes.items() if box.isChecked())


def _row(boxes: list[QCheckBox]) -> QWidget:
    holder = QWidget()
    layout = QHBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    for box in boxes:
        layout.addWidget(box)
    layout.addStretch(1)
    return holder
