"""Re-issue: a new card as in a new issuance, then the old card is revoked."""

from __future__ import annotations

from PySide6.QtWidgets import QButtonGroup, QGroupBox, QHBoxLayout, QRadioButton, QWidget

from counter_app.workflows import (
    CounterContext,
    IssuanceRequest,
    IssuanceWorkflow,
    ReissueRequest,
    ReissueWorkflow,
)
from ui.pages.context import PageServices
from ui.pages.issuance_page import IssuancePage
from ui.pages.workflow_runner import ReaderSource

REASONS = ("lost", "damaged", "reissued")


class ReissuePage(IssuancePage):
    """The issuance form with the reason for replacing the old card."""

    def __init__(self, services: PageServices, parent: QWidget | None = None) -> None:
        self.reasons: dict[str, QRadioButton] = {}
        super().__init__(services, parent)
        self.setObjectName("reissuePage")
        self.issue_button.setObjectName("reissueButton")

    def lay_out(self, *sections: QWidget) -> None:
        """The issuance's sections, then why the old card is replaced."""
        self.reason_box = QGroupBox()
        row = QHBoxLayout(self.reason_box)
        group = QButtonGroup(self)
        for reason in REASONS:
            button = QRadioButton()
            button.setObjectName(f"reissue_{reason}")
            group.addButton(button)
            row.addWidget(button)
            self.reasons[reason] = button
        row.addStretch(1)
        self.reasons["lost"].setChecked(True)
        super().lay_out(*sections, self.reason_box)

    def retranslate_task(self) -> None:
        """The issuance's texts, and the re-issue's own."""
        super().retranslate_task()
        if not self.reasons:
            return
        self.reason_box.setTitle(self.tr("5. Why the old card is replaced"))
        self.reasons["lost"].setText(self.tr("Lost (suspended or not)"))
        self.reasons["damaged"].setText(self.tr("Damaged"))
        self.reasons["reissued"].setText(self.tr("Other reason"))
        self.issue_button.setText(self.tr("&Issue the new card (Ctrl+Enter)"))

    def reason(self) -> str:
        """The reason chosen."""
        return next(r for r, button in self.reasons.items() if button.isChecked())

    def workflow_for(
        self, ctx: CounterContext, request: IssuanceRequest, source: ReaderSource
    ) -> IssuanceWorkflow:
        """A re-issue: the new card is issued, then the old one is revoked."""
        return ReissueWorkflow(ctx, ReissueRequest(request, self.reason()), source)

    def outcome_text(self) -> str:
        """The new card and the old card revoked."""
        if self.result is None:
            return ""
        return " ".join(
            (self.tr("The new card is issued and the old card is revoked."), self.printouts_text())
        )

    def reset_task(self) -> None:
        """The issuance fields, and the default reason."""
        super().reset_task()
        self.reasons["lost"].setChecked(True)
