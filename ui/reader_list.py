"""The list of card readers, each with whether it holds a card."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from counter_app.card.connection import ReaderInfo
from ui import texts
from ui.retranslating import Retranslating

NAME_ROLE = Qt.ItemDataRole.UserRole


class ReaderList(Retranslating, QListWidget):
    """Readers by name; emits current_reader_changed with the selected name (or None)."""

    current_reader_changed = Signal(object)  # str | None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("readerList")
        self.readers: tuple[ReaderInfo, ...] = ()
        self.currentItemChanged.connect(self._on_current_changed)
        self.retranslate()

    def set_readers(self, readers: tuple[ReaderInfo, ...], select: str | None = None) -> None:
        """Show `readers`; select `select`, else keep the selection, else take the first."""
        keep = select or self.current_reader()
        self.readers = readers
        self.blockSignals(True)
        try:
            self.clear()
            for info in readers:
                item = QListWidgetItem()
                item.setData(NAME_ROLE, info.name)
                self.addItem(item)
            self._set_item_texts()
            names = [info.name for info in readers]
            row = names.index(keep) if keep in names else (0 if names else -1)
            self.setCurrentRow(row)
        finally:
            self.blockSignals(False)
        self.current_reader_changed.emit(self.current_reader())

    def current_reader(self) -> str | None:
        item = self.currentItem()
        return None if item is None else str(item.data(NAME_ROLE))

    def retranslate(self) -> None:
        """Set every text in the current language."""
        self.setAccessibleName(self.tr("Card readers"))
        self.setAccessibleDescription(self.tr("Choose the reader whose card is shown"))
        self._set_item_texts()

    def _set_item_texts(self) -> None:
        for row, info in enumerate(self.readers):
            item = self.item(row)
            if item is None:
                continue
            presence = texts.card_presence_text(info.card_present)
            item.setText(f"{info.name}\n    {presence}")
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{info.name}, {presence}")

    def _on_current_changed(self, *_: object) -> None:
        self.current_reader_changed.emit(self.current_reader())
