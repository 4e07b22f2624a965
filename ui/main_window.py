"""The counter window: readers, the card in the selected reader, and its state."""

from __future__ import annotations

import dataclasses
import functools
import logging

from PySide6.QtCore import QEvent, QSettings, Qt
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from counter_app.card.connection import ReaderInfo
from counter_app.card.errors import InvalidPinError
from counter_app.card.profile import LifeCycle
from counter_app.card.summary import CardSummary
from ui import i18n, texts
from ui.card_panel import CardPanel, PanelState
from ui.card_thread import BackendInfo, CardThread, read_card
from ui.errors import show_error
from ui.pin_dialog import PinDialog
from ui.reader_list import ReaderList
from ui.status_bar import WARNING_STYLE, CounterStatusBar

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    """The counter window. It never talks to the card itself: the card thread does."""

    def __init__(
        self,
        card_thread: CardThread,
        translations: i18n.Translations,
        settings: QSettings,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.card_thread = card_thread
        self._translations = translations
        self._settings = settings
        self.readers: tuple[ReaderInfo, ...] = ()
        self.summaries: dict[str, CardSummary] = {}
        self.failures: dict[str, BaseException] = {}
        self.pin_dialog: PinDialog | None = None

        self._build_actions()
        self._build_menus()
        self._build_central()
        self.status = CounterStatusBar(self)
        self.setStatusBar(self.status)
        self.retranslate()
        self._connect_card_thread()
        self._refresh()
        self.resize(880, 520)
        card_thread.start()

    # --- construction -----------------------------------------------------------------------

    def _build_actions(self) -> None:
        self.unlock_action = QAction(self)
        self.unlock_action.setObjectName("unlockAction")
        self.unlock_action.setShortcut(QKeySequence("Ctrl+U"))
        self.unlock_action.triggered.connect(self.ask_pin)
        self.reread_action = QAction(self)
        self.reread_action.setObjectName("rereadAction")
        self.reread_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Refresh))
        self.reread_action.triggered.connect(self.card_thread.reread)
        self.quit_action = QAction(self)
        self.quit_action.setObjectName("quitAction")
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.triggered.connect(self.close)
        self.language_actions: dict[str, QAction] = {}
        group = QActionGroup(self)
        for lang, shortcut in (("ja", "Ctrl+Shift+J"), ("en", "Ctrl+Shift+E")):
            # Language names stay in their own language, so anyone finds theirs.
            action = QAction(i18n.LANGUAGES[lang], self, checkable=True)
            action.setObjectName(f"language_{lang}")
            action.setShortcut(QKeySequence(shortcut))
            action.setChecked(lang == self._translations.language)
            action.triggered.connect(functools.partial(self.set_language, lang))
            group.addAction(action)
            self.language_actions[lang] = action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.card_menu = bar.addMenu("")
        self.card_menu.addAction(self.unlock_action)
        self.card_menu.addAction(self.reread_action)
        self.card_menu.addSeparator()
        self.card_menu.addAction(self.quit_action)
        self.language_menu = bar.addMenu("")
        for action in self.language_actions.values():
            self.language_menu.addAction(action)

    def _build_central(self) -> None:
        central = QWidget(self)
        self.virtual_banner = QLabel()
        self.virtual_banner.setObjectName("virtualBanner")
        self.virtual_banner.setWordWrap(True)
        self.virtual_banner.setStyleSheet(WARNING_STYLE.replace("1px 6px", "8px"))
        self.virtual_banner.hide()

        self.readers_label = QLabel()
        self.reader_list = ReaderList()
        self.readers_label.setBuddy(self.reader_list)
        self.reader_list.current_reader_changed.connect(lambda _name: self._refresh())
        left = QVBoxLayout()
        left.addWidget(self.readers_label)
        left.addWidget(self.reader_list)
        self.card_panel = CardPanel(self.unlock_action)

        row = QHBoxLayout()
        row.addLayout(left, 2)
        row.addWidget(self.card_panel, 3)
        layout = QVBoxLayout(central)
        layout.addWidget(self.virtual_banner)
        layout.addLayout(row, 1)
        self.setCentralWidget(central)
        QWidget.setTabOrder(self.reader_list, self.card_panel.unlock_button)

    def _connect_card_thread(self) -> None:
        ct = self.card_thread
        ct.backend_opened.connect(self._on_backend_opened)
        ct.backend_failed.connect(self._on_backend_failed)
        ct.readers_changed.connect(self._on_readers_changed)
        ct.poll_failed.connect(self._on_poll_failed)
        ct.summary_read.connect(self._on_summary_read)
        ct.summary_failed.connect(self._on_summary_failed)
        ct.busy_changed.connect(self._on_busy_changed)

    # --- language ---------------------------------------------------------------------------

    def set_language(self, lang: str) -> None:
        """Switch the interface language now and remember it."""
        self._translations.set_language(lang)
        i18n.save_language(self._settings, lang)
        self.language_actions[lang].setChecked(True)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Set every text of the window itself in the current language."""
        self.setWindowTitle(self.tr("Resident Card Counter"))
        self.card_menu.setTitle(self.tr("&Card"))
        # The language menu's title names itself in English too, for a clerk lost in a language.
        self.language_menu.setTitle(self.tr("&Language"))
        self.unlock_action.setText(self.tr("&Unlock with PIN…"))
        self.unlock_action.setToolTip(self.tr("Show the holder's name after the resident's PIN"))
        self.reread_action.setText(self.tr("&Read the card again"))
        self.quit_action.setText(self.tr("&Quit"))
        self.readers_label.setText(self.tr("Card &readers:"))
        self.virtual_banner.setText(
            self.tr(
                "No PC/SC card service answered, so the counter runs on a virtual reader with a "
                "demo card. Real cards cannot be read until the card service runs."
            )
        )
        self.virtual_banner.setAccessibleName(self.virtual_banner.text())
        self._refresh()

    # --- card thread events (GUI thread) ----------------------------------------------------

    def _on_backend_opened(self, info: BackendInfo) -> None:
        self.status.set_backend(info)
        self.virtual_banner.setVisible(info.is_virtual)

    def _on_backend_failed(self, exc: BaseException) -> None:
        self.status.set_backend(None, failed=True)
        show_error(self, exc)

    def _on_poll_failed(self, exc: BaseException | None) -> None:
        self.status.set_backend(self.status.backend, failed=exc is not None)
        if exc is not None:
            show_error(self, exc)

    def _on_readers_changed(self, readers: tuple[ReaderInfo, ...]) -> None:
        before = {info.name: info for info in self.readers}
        self.readers = readers
        present = {info.name for info in readers if info.card_present}
        for name in list(self.summaries):
            if name not in present:
                del self.summaries[name]  # the card left: forget it, holder name included
        for name in list(self.failures):
            if name not in present:
                del self.failures[name]
        inserted = [
            info.name
            for info in readers
            if info.card_present and not (info.name in before and before[info.name].card_present)
        ]
        for name in inserted:
            self.summaries.pop(name, None)
            self.failures.pop(name, None)
        self.reader_list.set_readers(readers, select=inserted[-1] if inserted else None)
        self._refresh()

    def _on_summary_read(self, summary: CardSummary) -> None:
        if self._card_present(summary.reader):
            self.summaries[summary.reader] = summary
            self.failures.pop(summary.reader, None)
            self._refresh()

    def _on_summary_failed(self, reader: str, exc: BaseException) -> None:
        if self._card_present(reader):
            self.summaries.pop(reader, None)
            self.failures[reader] = exc
            self._refresh()

    def _on_busy_changed(self, busy: bool) -> None:
        self.status.set_busy(busy)
        self._refresh()

    # --- PIN --------------------------------------------------------------------------------

    def ask_pin(self) -> None:
        """Open the PIN dialog for the card in the selected reader."""
        reader = self.reader_list.current_reader()
        summary = self.summaries.get(reader) if reader else None
        if reader is None or summary is None or not self._can_unlock(summary):
            return
        dialog = PinDialog(self, summary.pin_tries_left)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        dialog.accepted.connect(functools.partial(self._pin_entered, dialog, reader))
        dialog.finished.connect(self._pin_dialog_closed)
        self.pin_dialog = dialog
        dialog.open()

    def _pin_dialog_closed(self) -> None:
        self.pin_dialog = None

    def _pin_entered(self, dialog: PinDialog, reader: str) -> None:
        job = functools.partial(
            read_card,
            reader=reader,
            pin=dialog.take_pin(),
            read_summary=self.card_thread.read_summary,
        )
        self.card_thread.submit(
            job, self._on_summary_read, functools.partial(self._on_unlock_failed, reader)
        )

    def _on_unlock_failed(self, reader: str, exc: BaseException) -> None:
        if isinstance(exc, InvalidPinError):
            summary = self.summaries.get(reader)
            if summary is not None:
                self.summaries[reader] = dataclasses.replace(summary, pin_tries_left=exc.tries_left)
                self._refresh()
            self._show_wrong_pin(exc.tries_left)
        else:
            show_error(self, exc)

    def _show_wrong_pin(self, tries_left: int) -> None:
        box = QMessageBox(self)
        box.setObjectName("wrongPinBox")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Wrong PIN"))
        box.setText(texts.wrong_pin_text(tries_left))
        box.setAccessibleName(box.text())
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        box.open()

    # --- rendering --------------------------------------------------------------------------

    def _card_present(self, reader: str) -> bool:
        return any(info.name == reader and info.card_present for info in self.readers)

    @staticmethod
    def _can_unlock(summary: CardSummary) -> bool:
        return (
            summary.recognised
            and summary.life_cycle is LifeCycle.OPERATIONAL
            and bool(summary.pin_tries_left)
            and summary.holder_name is None
        )

    def current_state(self) -> PanelState:
        """What the card panel should show for the selected reader."""
        reader = self.reader_list.current_reader()
        if reader is None:
            return PanelState("no_reader")
        if not self._card_present(reader):
            return PanelState("no_card")
        if reader in self.summaries:
            return PanelState("card", summary=self.summaries[reader])
        if reader in self.failures:
            return PanelState("failed", error=self.failures[reader])
        return PanelState("reading")

    def _refresh(self) -> None:
        if not hasattr(self, "status"):
            return
        state = self.current_state()
        summary = state.summary
        self.unlock_action.setEnabled(summary is not None and self._can_unlock(summary))
        self.card_panel.show_state(state)
        if state.kind == "card" and summary is not None:
            card_text = self.tr("Card: {state}").format(state=texts.card_state_text(summary))
        elif state.kind == "reading":
            card_text = self.tr("Card: reading…")
        elif state.kind == "failed":
            card_text = self.tr("Card: could not be read")
        else:
            card_text = self.tr("No card")
        self.status.set_card_text(card_text)

    # --- shutdown ---------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        """Stop the card thread (it closes the back end) before the window goes."""
        self.card_thread.stop()
        super().closeEvent(event)
