"""The status bar: card back end and card state, the register, the library system, the printer,
and a busy indicator."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QProgressBar, QStatusBar, QWidget

from counter_app.library.model import LibraryStatus
from ui.card_thread import BackendInfo
from ui.db_thread import DbState
from ui.errors import error_texts
from ui.print_thread import PrinterState
from ui.retranslating import Retranslating

WARNING_STYLE = "QLabel { background: #fff3b0; color: #5c4400; padding: 1px 6px; }"
ERROR_STYLE = "QLabel { background: #ffd6d6; color: #7a0000; padding: 1px 6px; }"


class CounterStatusBar(Retranslating, QStatusBar):
    """Always shows which back end is in use and the card's state; shows when the card is busy."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusBar")
        self.backend: BackendInfo | None = None
        self.backend_failed = False
        self._card_text = ""
        self.db_state = DbState("connecting")
        self.printer_state: PrinterState | None = None
        self.busy_text = ""
        self.training = False
        self.library: LibraryStatus | None = None
        self.library_failed: BaseException | None = None
        self.key_files = False  # the training mode: keys are files in the data directory
        self.key_token: str | None = None  # else the security module's token, if configured
        self.keys_known = False

        self.busy_label = QLabel()
        self.busy_label.setObjectName("busyLabel")
        self.busy_bar = QProgressBar()
        self.busy_bar.setObjectName("busyBar")
        self.busy_bar.setRange(0, 0)  # indeterminate
        self.busy_bar.setMaximumWidth(90)
        self.busy_bar.setTextVisible(False)
        self.card_label = QLabel()
        self.card_label.setObjectName("cardStateLabel")
        self.backend_label = QLabel()
        self.backend_label.setObjectName("backendLabel")
        self.addWidget(self.busy_bar)
        self.addWidget(self.busy_label)
        self.db_label = QLabel()
        self.db_label.setObjectName("databaseLabel")
        self.printer_label = QLabel()
        self.printer_label.setObjectName("printerLabel")
        self.addPermanentWidget(self.card_label)
        self.addPermanentWidget(self.backend_label)
        self.addPermanentWidget(self.db_label)
        self.library_label = QLabel()
        self.library_label.setObjectName("libraryLabel")
        self.addPermanentWidget(self.library_label)
        self.addPermanentWidget(self.printer_label)
        self.keys_label = QLabel()
        self.keys_label.setObjectName("keysLabel")
        self.addPermanentWidget(self.keys_label)
        self.set_busy(False)
        self.retranslate()

    def set_backend(self, info: BackendInfo | None, *, failed: bool = False) -> None:
        """Show the back end in use (None: still starting)."""
        self.backend, self.backend_failed = info, failed
        self._render_backend()

    def set_card_text(self, text: str) -> None:
        """Show the card's state, already in words."""
        self._card_text = text
        self.card_label.setText(text)
        self.card_label.setAccessibleName(text)

    def set_database(self, state: DbState) -> None:
        """Show whether the resident register answers."""
        self.db_state = state
        self._render_database()

    def set_training(self, training: bool) -> None:
        """Say that the register is the training register (invented demo data)."""
        self.training = training
        self._render_database()

    def set_key_storage(self, *, files: bool, token: str | None) -> None:
        """Say where the signing keys are: files (the training mode), or the named token."""
        self.key_files, self.key_token, self.keys_known = files, token, True
        self._render_keys()

    def set_printer(self, state: PrinterState | None) -> None:
        """Show the printer in use, or that printouts become PDF files (None: still looking)."""
        self.printer_state = state
        self._render_printer()

    def set_library(self, status: object) -> None:
        """Show that the library system answered (its LibraryStatus): at start, or again."""
        if isinstance(status, LibraryStatus):
            self.library, self.library_failed = status, None
            self._render_library()

    def set_library_failed(self, exc: object) -> None:
        """Show that the library system did not answer the check, or a request lost it."""
        self.library_failed = exc if isinstance(exc, BaseException) else None
        self.library = None
        self._render_library()

    def set_busy(self, busy: bool, text: str = "") -> None:
        """Show or hide the busy indicator; `text` says what runs (default: the card)."""
        self.busy_text = text
        self.busy_bar.setVisible(busy)
        self.busy_label.setVisible(busy)
        self._render_busy()

    def _render_busy(self) -> None:
        text = self.busy_text or self.tr("Working with the card…")
        self.busy_label.setText(text)
        self.busy_bar.setAccessibleName(text.rstrip("…"))

    def _render_database(self) -> None:
        state = self.db_state
        if state.kind == "ready" and self.training:
            text = self.tr("⚠ Training register (demo data): connected")
            style = WARNING_STYLE
        elif state.kind == "ready":
            text, style = self.tr("Register: connected"), ""
        elif state.kind == "unavailable":
            text, style = self.tr("⚠ Register unavailable"), ERROR_STYLE
        else:
            text, style = self.tr("Register: connecting…"), ""
        self._show(self.db_label, text, style, state.description)

    def _render_printer(self) -> None:
        state = self.printer_state
        if state is None:
            text, style = self.tr("Printer: looking…"), ""
        elif state.default is None:
            text, style = self.tr("⚠ No printer: printouts are saved as PDF"), WARNING_STYLE
        else:
            text = self.tr("Printer: {name}").format(name=state.default)
            style = ""
        self._show(self.printer_label, text, style, text)

    def _render_library(self) -> None:
        status = self.library
        if self.library_failed is not None:
            text, style = self.tr("⚠ Library system: not connected"), ERROR_STYLE
            tip = " ".join(error_texts(self.library_failed))
        elif status is None:
            text, style, tip = self.tr("Library system: connecting…"), "", ""
        else:
            name = status.library_name or status.institution
            text, style = self.tr("Library system: connected ({name})").format(name=name), ""
            tip = text
        self._show(self.library_label, text, style, tip)

    @staticmethod
    def _show(label: QLabel, text: str, style: str, tip: str) -> None:
        label.setText(text)
        label.setStyleSheet(style)
        label.setAccessibleName(text)
        label.setToolTip(tip)

    def retranslate(self) -> None:
        """Set every text in the current language."""
        self._render_busy()
        self._render_backend()
        self._render_database()
        self._render_printer()
        self._render_library()
        self._render_keys()

    def _render_keys(self) -> None:
        self.keys_label.setVisible(self.keys_known)
        if self.key_files:
            text = self.tr("⚠ Training: the keys are kept in files")
            tip = self.tr(
                "Cards and printouts are signed with development keys saved in the data "
                "directory. A municipality's counter keeps its keys in a security module."
            )
            style = WARNING_STYLE
        elif self.key_token is None:
            text = self.tr("⚠ No security module: cards and printouts cannot be signed")
            tip = self.tr(
                "Set COUNTER_APP_PKCS11_MODULE, COUNTER_APP_TOKEN_LABEL and "
                "COUNTER_APP_TOKEN_PIN_FILE (docs/keys.md)."
            )
            style = ERROR_STYLE
        else:
            text = self.tr("Keys: security module ({token})").format(token=self.key_token)
            tip, style = text, ""
        self._show(self.keys_label, text, style, tip)

    def _render_backend(self) -> None:
        info = self.backend
        if self.backend_failed:
            text = self.tr("⚠ Card service unavailable")
            style = ERROR_STYLE
        elif info is None:
            text, style = self.tr("Starting the card service…"), ""
        elif info.is_virtual:
            text = self.tr("⚠ Virtual reader (no PC/SC service): training cards only")
            style = WARNING_STYLE
        else:
            text = self.tr("Card service: {description}").format(description=info.description)
            style = ""
        self.backend_label.setText(text)
        self.backend_label.setStyleSheet(style)
        self.backend_label.setAccessibleName(text)
        self.backend_label.setToolTip(text)
