"""Suspension of a lost card (register only, at once), and the check of a presented card."""

from __future__ import annotations

import functools

from PySide6.QtWidgets import (
    QButtonGroup,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from counter_app.card.protocol import ApduTransport
from counter_app.card.readers import ReaderBackend
from counter_app.card.sessions.card import card_serial
from counter_app.records import CardInfo, Register
from counter_app.workflows import CounterContext, check_card_status, suspend_card
from ui.errors import error_texts, show_error
from ui.pages.context import PageServices
from ui.pages.parts import TaskPage, confirm
from ui.status_bar import ERROR_STYLE


def _suspend(ctx: CounterContext, resident_id: int, reason: str, _r: Register) -> CardInfo:
    return suspend_card(ctx, resident_id, reason=reason)


def _check(ctx: CounterContext, serial: str, _r: Register) -> CardInfo:
    return check_card_status(ctx, serial)


def _read_serial(reader: str, backend: ReaderBackend) -> str:
    connection = backend.connect(reader)
    try:
        return card_serial(ApduTransport(connection)).hex().upper()
    finally:
        connection.close()


class SuspensionPage(TaskPage):
    """Suspend the resident's card in the register after a confirmation; check a card presented."""

    def __init__(self, services: PageServices, parent: QWidget | None = None) -> None:
        super().__init__(services, "suspensionPage", parent)
        self.confirm_box: QWidget | None = None
        self.lost = QRadioButton()
        self.lost.setObjectName("reasonLost")
        self.lost.setChecked(True)
        self.stolen = QRadioButton()
        self.stolen.setObjectName("reasonStolen")
        reasons = QButtonGroup(self)
        reasons.addButton(self.lost)
        reasons.addButton(self.stolen)
        self.reason_box = QGroupBox()
        row = QHBoxLayout(self.reason_box)
        row.addWidget(self.lost)
        row.addWidget(self.stolen)
        row.addStretch(1)

        self.check_button = QPushButton()
        self.check_button.setObjectName("checkPresentedCard")
        self.check_button.clicked.connect(self.check_presented_card)
        self.check_status = QLabel()
        self.check_status.setObjectName("presentedCardStatus")
        self.check_status.setWordWrap(True)
        self.check_box = QGroupBox()
        check_layout = QVBoxLayout(self.check_box)
        check_layout.addWidget(self.check_button)
        check_layout.addWidget(self.check_status)
        self.lay_out(self.reason_box)
        self.layout_check_box()

    def layout_check_box(self) -> None:
        """The check of a presented card sits below the suspension, apart from it."""
        content = self.scroll_area.widget()
        layout = content.layout() if content is not None else None
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(layout.count() - 1, self.check_box)

    def retranslate_task(self) -> None:
        """Set the suspension's texts in the current language."""
        self.reason_box.setTitle(self.tr("2. Why the card is suspended"))
        self.lost.setText(self.tr("L&ost"))
        self.stolen.setText(self.tr("Stol&en"))
        self.action_button.setText(self.tr("&Suspend the card now (Ctrl+Enter)"))
        self.check_box.setTitle(self.tr("Check a card presented at the counter"))
        self.check_button.setText(self.tr("Chec&k the card in the reader against the register"))
        self.check_button.setAccessibleName(self.tr("Check the card in the reader"))

    def first_field(self) -> QWidget:
        """After the resident: the reason."""
        return self.lost

    def start_task(self) -> None:
        """Ask the clerk to confirm, then suspend in the register."""
        assert self.resident is not None
        name = f"{self.resident.family_name}\u3000{self.resident.given_name}"
        self.confirm_box = confirm(
            self,
            self.tr("Suspend the card"),
            self.tr(
                "Suspend the card of {name} now? Every verification refuses it from this moment."
            ).format(name=name),
            self.suspend,
        )

    def suspend(self) -> None:
        """Suspend the resident's card in use (database worker)."""
        ctx = self.services.context
        if ctx is None or self.resident is None:
            return
        reason = "stolen" if self.stolen.isChecked() else "lost"
        self.action_button.setEnabled(False)
        self.services.db_thread.submit(
            functools.partial(_suspend, ctx, self.resident.id, reason),
            self._suspended,
            self._suspend_failed,
        )

    def _suspended(self, card: CardInfo) -> None:
        self.finish(card)
        self.task_done(card)

    def _suspend_failed(self, exc: BaseException) -> None:
        self._render_state()
        show_error(self, exc)

    def outcome_text(self) -> str:
        """The card suspended."""
        if not isinstance(self.result, CardInfo):
            return ""
        return self.tr(
            "The card is suspended from now: every verification refuses it. "
            "A new card can be issued on the Re-issue page."
        )

    def changed_cards(self, result: object) -> tuple[str, ...]:
        """The card suspended."""
        return (result.serial,) if isinstance(result, CardInfo) else ()

    def task_done(self, result: object) -> None:
        """A check shown before the suspension is out of date: ask the register again."""
        if self.check_status.text():
            self.check_presented_card()

    def check_presented_card(self) -> None:
        """Read the serial of the card in the reader, then ask the register whether it is in use."""
        reader, ctx = self.services.current_reader(), self.services.context
        if reader is None or ctx is None:
            self._show_check(self.tr("No card reader: connect one first."), error=True)
            return
        self._show_check(self.tr("Checking…"), error=False)
        self.services.card_thread.submit(
            functools.partial(_read_serial, reader),
            functools.partial(self._serial_read, ctx),
            self._check_failed,
        )

    def _serial_read(self, ctx: CounterContext, serial: str) -> None:
        self.services.db_thread.submit(
            functools.partial(_check, ctx, serial), self._checked, self._check_failed
        )

    def _checked(self, _card: CardInfo) -> None:
        self._show_check(self.tr("The register shows this card as in use."), error=False)

    def _check_failed(self, exc: BaseException) -> None:
        what, todo = error_texts(exc)
        self._show_check(f"{what}\n{todo}", error=True)

    def _show_check(self, text: str, *, error: bool) -> None:
        self.check_status.setText(text)
        self.check_status.setAccessibleName(text)
        self.check_status.setStyleSheet(ERROR_STYLE if error else "")

    def reset_task(self) -> None:
        """Back to the default reason; the last check's answer goes with the last resident."""
        self.lost.setChecked(True)
        self._show_check("", error=False)

    def card_removed(self) -> None:
        """The checked card left the reader: its answer goes with it."""
        self._show_check("", error=False)
        super().card_removed()
