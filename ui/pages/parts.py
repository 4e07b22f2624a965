"""Parts every counter page shares: the resident box, identity documents, the resident's PIN."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from counter_app.records import PurposeCode, Register, ResidentSummary, SearchResult
from counter_app.workflows import CounterContext, IdentityDocument, Workflow, new_pin
from ui.errors import show_error
from ui.pages.context import PageServices
from ui.pages.workflow_runner import ReaderSource, WorkflowRunner
from ui.print_preview import PrintPreview
from ui.resident_pin_dialog import ResidentPinDialog
from ui.resident_search import ResidentSearch, SearchJob
from ui.retranslating import Retranslating
from ui.status_bar import ERROR_STYLE


def document_names() -> dict[IdentityDocument, str]:
    """The identity documents as a clerk calls them."""
    return {
        IdentityDocument.DRIVING_LICENCE: QCoreApplication.translate(
            "IssuancePage", "Driving licence"
        ),
        IdentityDocument.DRIVING_HISTORY_CERTIFICATE: QCoreApplication.translate(
            "IssuancePage", "Driving history certificate"
        ),
        IdentityDocument.PASSPORT: QCoreApplication.translate("IssuancePage", "Passport"),
        IdentityDocument.RESIDENCE_CARD: QCoreApplication.translate(
            "IssuancePage", "Residence card"
        ),
        IdentityDocument.RESIDENT_CARD: QCoreApplication.translate("IssuancePage", "Resident card"),
        IdentityDocument.HEALTH_INSURANCE: QCoreApplication.translate(
            "IssuancePage", "Health insurance card"
        ),
        IdentityDocument.PENSION_BOOK: QCoreApplication.translate("IssuancePage", "Pension book"),
        IdentityDocument.INQUIRY_ANSWER: QCoreApplication.translate(
            "IssuancePage", "Inquiry answer (照会書兼回答書)"
        ),
        IdentityDocument.OTHER: QCoreApplication.translate("IssuancePage", "Other document"),
    }


def resident_text(resident: ResidentSummary | None) -> str:
    """The chosen resident in one line, or that none is chosen yet."""
    if resident is None:
        return QCoreApplication.translate("TaskPage", "No resident chosen yet.")
    return QCoreApplication.translate(
        "TaskPage", "Chosen: {name} ({kana}), born {birth}, {address}"
    ).format(
        name=f"{resident.family_name}\u3000{resident.given_name}",
        kana=f"{resident.family_name_kana}\u3000{resident.given_name_kana}",
        birth=resident.birth_date.isoformat(),
        address=resident.address,
    )


class DocumentsBox(QGroupBox):
    """One tick box per identity document kind; `chosen()` lists the ticked ones."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        self.checks: dict[IdentityDocument, QCheckBox] = {}
        for index, document in enumerate(IdentityDocument):
            check = QCheckBox()
            check.setObjectName(f"document_{document.value}")
            self.checks[document] = check
            grid.addWidget(check, index // 3, index % 3)

    def retranslate(self) -> None:
        """Set the documents' names in the current language."""
        for document, name in document_names().items():
            self.checks[document].setText(name)
            self.checks[document].setAccessibleName(name)

    def chosen(self) -> tuple[IdentityDocument, ...]:
        """The documents ticked."""
        return tuple(d for d, check in self.checks.items() if check.isChecked())

    def clear(self) -> None:
        """Untick every document."""
        for check in self.checks.values():
            check.setChecked(False)


def ask_resident_pin(
    parent: QWidget,
    on_pin: Callable[[str, str], None],
    *,
    confirm: bool = True,
    ask_unlock: bool = False,
    tries: str = "",
    birth_date: dt.date | None = None,
) -> ResidentPinDialog:
    """Open the resident-facing PIN dialog; `on_pin(pin, unlock_number)` once it is accepted.

    With `confirm` the resident chooses a new PIN (entered twice, checked with new_pin);
    without, the resident enters the card's PIN once (and the unlock number if `ask_unlock`).
    `tries`: the tries left, in words, shown to the resident. A new PIN made from `birth_date`
    (the resident's) is refused in the dialog, as are other easily guessed ones.
    """
    dialog = ResidentPinDialog(
        parent, confirm=confirm, ask_unlock=ask_unlock, birth_date=birth_date
    )
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    dialog.show_tries(tries)

    def accepted() -> None:
        first, second = dialog.first.text(), dialog.second.text()
        unlock = dialog.unlock.text()
        pin = dialog.take_pin()
        if confirm:
            try:
                pin = new_pin(first, second, birth_date)
            except Exception as exc:
                show_error(parent, exc)
                return
        on_pin(pin, unlock)

    dialog.accepted.connect(accepted)
    dialog.open()
    return dialog


def confirm(parent: QWidget, title: str, text: str, on_yes: Callable[[], None]) -> QMessageBox:
    """Ask the clerk to confirm an action that cannot be undone (No is the default)."""
    box = QMessageBox(parent)
    box.setObjectName("confirmBox")
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(title)
    box.setText(text)
    box.setAccessibleName(text)
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    box.setDefaultButton(QMessageBox.StandardButton.No)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)

    def clicked(button: QAbstractButton) -> None:
        if box.standardButton(button) == QMessageBox.StandardButton.Yes:
            on_yes()

    box.buttonClicked.connect(clicked)
    box.open()
    return box


def _service_search(
    ctx: CounterContext, purpose: str, query: str, _register: Register
) -> SearchResult:
    return ctx.register.access(ctx.operator, purpose).search(query, 50)


class TaskPage(Retranslating, QWidget):
    """A counter task for one resident: resident box, the task's sections, action, progress.

    Subclasses add their sections with `lay_out`, and implement `retranslate_task`,
    `task_problem`, `start_task` and (for workflows) `task_done`.
    """

    done = Signal(object)
    # The serials (tuple[str, ...]) of the cards whose register status a finished task changed.
    card_status_changed = Signal(object)
    search_purpose: PurposeCode = PurposeCode.CARD_SERVICE

    def __init__(self, services: PageServices, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.services = services
        self.result: Any = None
        self.pin_dialog: ResidentPinDialog | None = None

        self.search = ResidentSearch(services.db_thread, self._search_job)
        self.search.resident_chosen.connect(self.choose_resident)
        self.resident: ResidentSummary | None = None
        self.chosen = QLabel()
        self.chosen.setObjectName("chosenResident")
        self.chosen.setWordWrap(True)
        self.resident_box = QGroupBox()
        box = QVBoxLayout(self.resident_box)
        box.addWidget(self.search)
        box.addWidget(self.chosen)

        self.action_button = QPushButton()
        self.action_button.setObjectName(f"{name}Action")
        self.action_button.clicked.connect(self.start)
        self.new_button = QPushButton()
        self.new_button.setObjectName(f"{name}Next")
        self.new_button.clicked.connect(self.reset)
        self.new_button.hide()
        self.form_error = QLabel()
        self.form_error.setObjectName(f"{name}FormError")
        self.form_error.setWordWrap(True)
        self.form_error.setStyleSheet(ERROR_STYLE)
        self.form_error.hide()
        self.outcome = QLabel()
        self.outcome.setObjectName(f"{name}Outcome")
        self.outcome.setWordWrap(True)
        self.outcome.hide()
        self.runner = WorkflowRunner(services.card_thread)
        self.runner.finished.connect(self._workflow_done)
        self.runner.state_changed.connect(self._render_state)
        self.sections: list[QWidget] = [self.resident_box]
        self.shortcut = QShortcut(QKeySequence("Ctrl+Return"), self)
        self.shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.shortcut.activated.connect(self.start)
        # the keypad's Enter does what the main Enter does (pages re-aim `shortcut` only)
        self.keypad_shortcut = QShortcut(QKeySequence("Ctrl+Enter"), self)
        self.keypad_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.keypad_shortcut.activated.connect(self.shortcut.activated.emit)
        self.form_error.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # an error takes the focus

    def lay_out(self, *sections: QWidget) -> None:
        """Put the resident box, `sections`, the action row and the progress panel in place."""
        self.sections.extend(sections)
        content = QWidget()
        layout = QVBoxLayout(content)
        for widget in self.sections:
            layout.addWidget(widget)
        row = QHBoxLayout()
        row.addWidget(self.action_button)
        row.addWidget(self.new_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(self.form_error)
        layout.addWidget(self.outcome)
        layout.addWidget(self.runner)
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(content)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.scroll_area = scroll
        self.retranslate()
        self._render_state()

    # --- texts -----------------------------------------------------------------------------

    def retranslate(self) -> None:
        """Set every text in the current language."""
        self.resident_box.setTitle(self.tr("1. Resident"))
        self.new_button.setText(self.tr("&Next resident"))
        self.new_button.setAccessibleName(self.tr("Next resident"))
        self.retranslate_task()
        self.action_button.setAccessibleName(self.action_button.text().replace("&", ""))
        self._render_chosen()
        self._render_outcome()

    def retranslate_task(self) -> None:
        """The task's own texts."""

    # --- resident --------------------------------------------------------------------------

    def _search_job(self, query: str) -> SearchJob | None:
        ctx = self.services.context
        if ctx is None:
            return None
        return functools.partial(_service_search, ctx, self.search_purpose, query)

    def choose_resident(self, resident: ResidentSummary) -> None:
        """Take this resident; go on to the task's first field."""
        self.resident = resident
        self._render_chosen()
        self.resident_chosen(resident)
        self.first_field().setFocus()

    def entry_field(self) -> QWidget:
        """Where the keyboard starts on this page: the resident search."""
        return self.search.box

    def first_field(self) -> QWidget:
        """The widget the clerk goes on with once the resident is chosen."""
        return self.action_button

    def resident_chosen(self, resident: ResidentSummary) -> None:
        """A hook for the task once a resident is chosen."""

    def _render_chosen(self) -> None:
        text = resident_text(self.resident)
        self.chosen.setText(text)
        self.chosen.setAccessibleName(text)

    # --- the task --------------------------------------------------------------------------

    def form_problem(self) -> str | None:
        """What the clerk must do before the task can start, or None."""
        if self.services.context is None:
            return self.tr("The register is not ready yet. Wait a moment.")
        if self.resident is None:
            return self.tr("Find and choose the resident first.")
        return self.task_problem()

    def task_problem(self) -> str | None:
        """The task's own form check."""
        return None

    def start(self) -> None:
        """Check the form, then start the task (Ctrl+Enter)."""
        if self.runner.running or self.runner.workflow is not None or self.result is not None:
            return
        problem = self.form_problem()
        if problem:
            self.show_form_error(problem)
            return
        self.form_error.hide()
        self.start_task()

    def show_form_error(self, text: str) -> None:
        """Say, under the action button, what to fix before the task can start; the message
        scrolls into view and takes the focus (Tab goes on from there)."""
        self.form_error.setText(text)
        self.form_error.setAccessibleName(text)
        self.form_error.show()
        self.bring_into_view(self.form_error, focus=True)

    def bring_into_view(self, widget: QWidget, *, focus: bool = False) -> None:
        """Scroll the page so that `widget` is seen (once the layout has placed it)."""
        if focus:
            widget.setFocus()

        def scroll() -> None:
            with contextlib.suppress(RuntimeError):  # the page closed meanwhile
                if widget.isVisible():
                    self.scroll_area.ensureWidgetVisible(widget)

        QTimer.singleShot(0, scroll)

    def focus_entry(self) -> None:
        """The keyboard starts here: the page scrolled to its top, the entry field focused."""
        self.scroll_area.verticalScrollBar().setValue(0)
        self.entry_field().setFocus()
        self.bring_into_view(self.entry_field())

    def start_task(self) -> None:
        """Start the task; the form is complete."""
        raise NotImplementedError

    def ask_pin(
        self,
        on_pin: Callable[[str, str], None],
        *,
        confirm: bool,
        ask_unlock: bool = False,
        tries: str = "",
    ) -> None:
        """Hand over to the resident for their PIN (see ask_resident_pin)."""
        birth_date = self.resident.birth_date if self.resident is not None else None
        dialog = ask_resident_pin(
            self, on_pin, confirm=confirm, ask_unlock=ask_unlock, tries=tries, birth_date=birth_date
        )
        dialog.finished.connect(self._pin_dialog_closed)
        self.pin_dialog = dialog

    def _pin_dialog_closed(self) -> None:
        self.pin_dialog = None

    def run_workflow(
        self, make: Callable[[CounterContext, ReaderSource], Workflow[Any]], *, card: bool = True
    ) -> None:
        """Run the workflow `make(ctx, source)`; `card`: on the card in the counter's reader."""
        ctx, reader = self.services.context, self.services.current_reader()
        if ctx is None:
            return
        source = ReaderSource(reader or "")
        self.runner.start(make(ctx, source), source, card=card)
        self.bring_into_view(self.runner)  # the steps and the progress are seen

    def _workflow_done(self, result: object) -> None:
        self.finish(result)
        self.task_done(result)

    def finish(self, result: object) -> None:
        """The task is done: show what happened, offer the next resident."""
        self.result = result
        self._render_outcome()
        self.done.emit(result)
        changed = self.changed_cards(result)
        if changed:
            self.card_status_changed.emit(changed)
        self._render_state()
        self.new_button.setFocus()

    def task_done(self, result: object) -> None:
        """A hook after the workflow finished (printing, for instance)."""

    def changed_cards(self, result: object) -> tuple[str, ...]:
        """The serials of the cards whose status in the register the finished task changed
        without a workflow on the card (after one, the card is read again and the register
        asked with it), so that the card panel asks the register again."""
        return ()

    def outcome_text(self) -> str:
        """What the finished task did, in words."""
        return ""

    def _render_outcome(self) -> None:
        text = self.outcome_text() if self.result is not None else ""
        self.outcome.setText(text)
        self.outcome.setAccessibleName(text)
        self.outcome.setVisible(bool(text))
        self.new_button.setAccessibleDescription(text)  # read out with the focused button
        if text:
            self.bring_into_view(self.outcome)

    def busy(self) -> bool:
        """True while the page works on the card: the session stays alive, logout waits."""
        return self.runner.running

    def _render_state(self) -> None:
        busy = self.runner.running or self.runner.workflow is not None
        finished = self.result is not None and not self.runner.running
        for widget in self.sections:
            widget.setEnabled(not busy or finished)
        self.action_button.setEnabled(not busy and self.result is None)
        self.new_button.setVisible(finished)

    def reset(self) -> None:
        """Empty the form for the next resident."""
        if self.runner.running:
            return
        self.runner.reset()
        self.result = None
        self.resident = None
        self.search.reset()
        self.form_error.hide()
        self._drop_closed_previews()
        self.reset_task()
        self._render_chosen()
        self._render_outcome()
        self._render_state()
        self.focus_entry()

    def _drop_closed_previews(self) -> None:
        """The print previews already closed go with the resident (their titles and file
        names carry the card number); one still open is the clerk's to finish."""
        for preview in self.findChildren(PrintPreview):
            if not preview.isVisible():
                preview.setParent(None)
                preview.deleteLater()

    def reset_task(self) -> None:
        """Empty the task's own fields."""

    def clear_resident(self) -> None:
        """Logout or idle time-out: close the resident's dialog, forget the resident and task.

        A failed task is given up (its clean-up runs); a running one is never interrupted (the
        window does not lock while a card is being written).
        """
        if self.runner.running:
            return
        if self.pin_dialog is not None:
            self.pin_dialog.reject()
        if self.runner.workflow is not None and self.runner.error is not None:
            self.runner.give_up()
        self.reset()

    def card_removed(self) -> None:
        """The card left the reader: a finished task's resident goes with it."""
        if self.result is not None and not self.runner.running:
            self.reset()

    def set_session_ready(self) -> None:
        """The operator's context arrived: texts with the settings, the search may run."""
        self.retranslate()
