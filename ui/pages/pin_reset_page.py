"""PIN reset after a lock-out: identity documents recorded, the resident chooses the new PIN."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from counter_app.workflows import PinResetRequest, PinResetResult, PinResetWorkflow
from ui.pages.context import PageServices
from ui.pages.parts import DocumentsBox, TaskPage


class PinResetPage(TaskPage):
    """Identity documents, then the resident's new PIN on the resident's screen."""

    def __init__(self, services: PageServices, parent: QWidget | None = None) -> None:
        super().__init__(services, "pinResetPage", parent)
        self.documents_box = DocumentsBox()
        self.documents = self.documents_box.checks
        self.lay_out(self.documents_box)

    def retranslate_task(self) -> None:
        """Set the PIN reset's texts in the current language."""
        self.documents_box.setTitle(self.tr("2. Identity documents presented"))
        self.documents_box.retranslate()
        self.action_button.setText(self.tr("&Reset the PIN (Ctrl+Enter)"))

    def first_field(self) -> QWidget:
        """After the resident: the first identity document."""
        return next(iter(self.documents.values()))

    def task_problem(self) -> str | None:
        """Documents ticked and a reader there."""
        if not self.documents_box.chosen():
            return self.tr("Tick the identity documents the resident presented.")
        if self.services.current_reader() is None:
            return self.tr("No card reader: connect one first.")
        return None

    def start_task(self) -> None:
        """The resident chooses the new PIN; then it is set on the card."""
        self.ask_pin(lambda pin, _unlock: self.run_reset(pin), confirm=True)

    def run_reset(self, pin: str) -> None:
        """Reset the PIN of the card in the reader."""
        assert self.resident is not None
        request = PinResetRequest(self.resident.id, self.documents_box.chosen(), pin)
        self.run_workflow(lambda ctx, source: PinResetWorkflow(ctx, request, source))

    def outcome_text(self) -> str:
        """The PIN is reset."""
        if not isinstance(self.result, PinResetResult):
            return ""
        return self.tr("The PIN is reset. The resident can use the new PIN from now on.")

    def reset_task(self) -> None:
        """Untick the documents."""
        self.documents_box.clear()
