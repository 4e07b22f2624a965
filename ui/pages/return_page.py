"""Return and invalidation of a card: the chip is terminated when the card is at hand."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QGroupBox, QVBoxLayout, QWidget

from counter_app.workflows import ReturnRequest, ReturnResult, ReturnWorkflow
from ui.pages.context import PageServices
from ui.pages.parts import TaskPage, confirm


class ReturnPage(TaskPage):
    """Take the resident's card back; with the card in the reader its chip is invalidated."""

    def __init__(self, services: PageServices, parent: QWidget | None = None) -> None:
        super().__init__(services, "returnPage", parent)
        self.confirm_box: QWidget | None = None
        self.at_hand = QCheckBox()
        self.at_hand.setObjectName("cardAtHand")
        self.at_hand.setChecked(True)
        self.card_box = QGroupBox()
        QVBoxLayout(self.card_box).addWidget(self.at_hand)
        self.lay_out(self.card_box)

    def retranslate_task(self) -> None:
        """Set the return's texts in the current language."""
        self.card_box.setTitle(self.tr("2. The card"))
        self.at_hand.setText(
            self.tr("The card is &here: it is in the reader and its chip is invalidated")
        )
        self.action_button.setText(self.tr("Ta&ke the card back (Ctrl+Enter)"))

    def first_field(self) -> QWidget:
        """After the resident: whether the card is at hand."""
        return self.at_hand

    def task_problem(self) -> str | None:
        """A card at hand needs a reader."""
        if self.at_hand.isChecked() and self.services.current_reader() is None:
            return self.tr("No card reader: connect one first.")
        return None

    def start_task(self) -> None:
        """Ask the clerk to confirm, then return (and invalidate) the card."""
        self.confirm_box = confirm(
            self,
            self.tr("Take the card back"),
            self.tr("The card can never be used again. Take it back and invalidate it?"),
            self.run_return,
        )

    def run_return(self) -> None:
        """Run the return on the card thread."""
        assert self.resident is not None
        at_hand = self.at_hand.isChecked()
        request = ReturnRequest(self.resident.id, card_at_hand=at_hand)
        self.run_workflow(
            lambda ctx, source: ReturnWorkflow(ctx, request, source if at_hand else None),
            card=at_hand,
        )

    def outcome_text(self) -> str:
        """The card returned, and whether its chip was invalidated."""
        result = self.result
        if not isinstance(result, ReturnResult):
            return ""
        if result.chip_terminated:
            return self.tr("The card is returned and its chip is invalidated. Keep the card.")
        return self.tr("The card is recorded as returned. Its chip was not at hand.")

    def reset_task(self) -> None:
        """The card is at hand by default."""
        self.at_hand.setChecked(True)
