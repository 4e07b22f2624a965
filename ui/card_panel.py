"""The card panel: what the card in the selected reader is, in words."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QPushButton, QVBoxLayout, QWidget

from counter_app.card.profile import LifeCycle
from counter_app.card.real_reading import CardKind
from counter_app.card.summary import CardSummary
from ui import texts
from ui.card_register_status import RegisterStatus, register_status_text
from ui.errors import error_texts
from ui.retranslating import Retranslating
from ui.status_bar import WARNING_STYLE

# Shown only to a logged-in operator: what links the card to a person.
PERSONAL_ROWS = ("serial", "holder", "register")


@dataclass(frozen=True)
class PanelState:
    """What the panel shows: exactly one of the cases below."""

    kind: str  # "no_reader" | "no_card" | "reading" | "failed" | "card"
    summary: CardSummary | None = None
    error: BaseException | None = None
    register: RegisterStatus | None = None  # the register's word on this card, once asked
    personal: bool = True  # False on the login screen: only the card's own state is shown


class CardPanel(Retranslating, QGroupBox):
    """Shows the state of one card, and the button that unlocks its holder's name."""

    def __init__(self, unlock_action: QAction, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cardPanel")
        self._unlock_action = unlock_action
        self.state = PanelState("no_reader")

        self.headline = QLabel()
        self.headline.setObjectName("cardHeadline")
        self.headline.setWordWrap(True)
        font = self.headline.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.headline.setFont(font)
        self.advice = QLabel()
        self.advice.setObjectName("cardAdvice")
        self.advice.setWordWrap(True)

        self._form = QFormLayout()
        self._labels: dict[str, QLabel] = {}
        self.values: dict[str, QLabel] = {}
        for key in ("state", "serial", "register", "applications", "pin", "holder"):
            label, value = QLabel(), QLabel()
            value.setObjectName(f"card_{key}")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setWordWrap(True)
            self._labels[key], self.values[key] = label, value
            self._form.addRow(label, value)

        self.unlock_button = QPushButton()
        self.unlock_button.setObjectName("unlockButton")
        self.unlock_button.clicked.connect(unlock_action.trigger)
        unlock_action.changed.connect(self._sync_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addWidget(self.advice)
        layout.addLayout(self._form)
        layout.addWidget(self.unlock_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        self.retranslate()

    def show_state(self, state: PanelState) -> None:
        """Show `state` (kept, so a language switch can show it again)."""
        self.state = state
        self._render()

    def retranslate(self) -> None:
        """Set every text in the current language."""
        self.setTitle(self.tr("Card"))
        self.setAccessibleName(self.tr("Card"))
        names = {
            "state": self.tr("State:"),
            "serial": self.tr("Card number:"),
            "register": self.tr("Register:"),
            "applications": self.tr("Applications:"),
            "pin": self.tr("PIN tries:"),
            "holder": self.tr("Holder:"),
        }
        for key, text in names.items():
            self._labels[key].setText(text)
            self.values[key].setAccessibleName(text.rstrip(":："))
        self._sync_button()
        self._render()

    def _sync_button(self) -> None:
        self.unlock_button.setText(self._unlock_action.text())
        self.unlock_button.setEnabled(self._unlock_action.isEnabled())
        self.unlock_button.setAccessibleName(self._unlock_action.text().replace("&", ""))
        self.unlock_button.setToolTip(self._unlock_action.toolTip())

    def _render(self) -> None:
        state = self.state
        summary = state.summary
        self.advice.setText("")
        self._set_form_visible(summary is not None)
        self.unlock_button.setVisible(summary is not None and state.personal)
        if state.kind == "no_reader":
            self.headline.setText(self.tr("No card reader found."))
            self.advice.setText(self.tr("Connect a card reader. It appears here by itself."))
        elif state.kind == "no_card":
            self.headline.setText(self.tr("Place the card on the reader."))
        elif state.kind == "reading":
            self.headline.setText(self.tr("Reading the card…"))
            self.advice.setText(self.tr("Leave the card on the reader."))
        elif state.kind == "failed" and state.error is not None:
            what, todo = error_texts(state.error)
            self.headline.setText(what)
            self.advice.setText(todo)
        elif summary is not None:
            self._render_summary(summary)
            self._render_register(state.register if state.personal else None)
            if summary.kind is CardKind.REAL and state.personal:
                self._render_jlis_register()
            if not state.personal:
                self._hide_personal()
        self.headline.setAccessibleName(self.headline.text())

    def _render_summary(self, summary: CardSummary) -> None:
        self.headline.setText(texts.card_state_text(summary))
        if summary.kind is CardKind.REAL:
            self.advice.setText(
                self.tr(
                    "Issued by J-LIS: it is not in this municipality's register and cannot be "
                    "changed here. To check it, verify it on the verification page with "
                    "照合番号B (birth date, expiry year and security code printed on it) or the "
                    "resident's PIN."
                )
            )
        elif not summary.recognised:
            self.advice.setText(
                self.tr("This card was not issued by this system. Check the card and try again.")
            )
        v = self.values
        v["state"].setText(texts.card_state_text(summary))
        v["serial"].setText(texts.serial_text(summary.serial))
        v["applications"].setText("\n".join(summary.applications) or self.tr("None"))
        tries = summary.pin_tries_left
        unknown_real_tries = summary.kind is CardKind.REAL and tries is None
        v["pin"].setText("—" if unknown_real_tries else texts.pin_tries_text(tries))
        if summary.holder_name:
            v["holder"].setText(summary.holder_name)
        elif summary.life_cycle is LifeCycle.OPERATIONAL:
            v["holder"].setText(self.tr("Shown after the resident enters the PIN"))
        else:
            v["holder"].setText("—")

    def _render_register(self, status: RegisterStatus | None) -> None:
        """The register's status, in a warning colour for anything but a card in use."""
        value = self.values["register"]
        shown = status is not None
        self._labels["register"].setVisible(shown)
        value.setVisible(shown)
        value.setText(register_status_text(status) if status is not None else "")
        value.setStyleSheet("" if status is None or status.in_use else WARNING_STYLE)
        value.setAccessibleDescription(
            "" if status is None or status.in_use else self.tr("Warning: the card is not in use")
        )

    def _render_jlis_register(self) -> None:
        """A 個人番号カード: its register is J-LIS's, so ours is never asked about it."""
        text = self.tr("Not in this municipality's register (J-LIS's card)")
        self._labels["register"].setVisible(True)
        self.values["register"].setVisible(True)
        self.values["register"].setText(text)
        self.values["register"].setStyleSheet("")
        self.values["register"].setAccessibleDescription("")

    def _hide_personal(self) -> None:
        """No operator: nothing that leads to a person (the serial, the name) is on screen."""
        for key in PERSONAL_ROWS:
            self._labels[key].setVisible(False)
            self.values[key].setVisible(False)
            self.values[key].clear()

    def _set_form_visible(self, visible: bool) -> None:
        for key, value in self.values.items():
            self._labels[key].setVisible(visible)
            value.setVisible(visible)
            if not visible:
                value.clear()  # a card that left takes its data, the holder's name, with it
