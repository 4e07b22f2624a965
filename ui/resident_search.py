"""The resident search: one box for kana, kanji, Latin name or birth date, under one purpose."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from counter_app.japanese_dates import format_era_date
from counter_app.records import Register, ResidentSummary, SearchResult
from counter_app.workflows.common import age_on
from ui.db_thread import DbThread
from ui.errors import error_texts
from ui.retranslating import Retranslating

SearchJob = Callable[[Register], SearchResult]
MakeJob = Callable[[str], SearchJob | None]


class _ResultList(QTreeWidget):
    """The hits; Enter chooses the current one."""

    chosen = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentItem():
            self.chosen.emit()
            return
        super().keyPressEvent(event)


class ResidentSearch(Retranslating, QWidget):
    """Search box and hits; emits `resident_chosen(ResidentSummary)`."""

    resident_chosen = Signal(object)

    def __init__(
        self, db_thread: DbThread, make_job: MakeJob, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("residentSearch")
        self._db = db_thread
        self.make_job = make_job  # the workflow's search under its purpose, for a query
        self.hits: tuple[ResidentSummary, ...] = ()
        self.searching = False
        self._message = ""

        self.label = QLabel()
        self.box = QLineEdit()
        self.box.setObjectName("searchBox")
        self.box.setClearButtonEnabled(True)
        self.label.setBuddy(self.box)
        self.button = QPushButton()
        self.button.setObjectName("searchButton")
        self.button.clicked.connect(self.search)
        self.box.returnPressed.connect(self.search)
        self.results = _ResultList()
        self.results.setObjectName("searchResults")
        self.results.setRootIsDecorated(False)
        self.results.setColumnCount(5)
        self.results.setMinimumHeight(110)
        self.results.itemActivated.connect(lambda _item, _col: self.choose_current())
        self.results.chosen.connect(self.choose_current)
        self.status = QLabel()
        self.status.setObjectName("searchStatus")
        self.status.setWordWrap(True)

        row = QHBoxLayout()
        row.addWidget(self.box, 1)
        row.addWidget(self.button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addWidget(self.results, 1)
        QWidget.setTabOrder(self.box, self.button)
        QWidget.setTabOrder(self.button, self.results)
        self.retranslate()

    def retranslate(self) -> None:
        """Set every text in the current language."""
        self.label.setText(self.tr("&Find the resident (kana, kanji, Latin name or birth date):"))
        self.box.setPlaceholderText(self.tr("e.g. ヤマダ タロウ, 山田, SMITH, 1950-04-01"))
        self.box.setAccessibleName(self.tr("Resident search"))
        self.button.setText(self.tr("Search"))
        self.button.setAccessibleName(self.tr("Search"))
        self.results.setHeaderLabels(
            [
                self.tr("Name"),
                self.tr("Kana"),
                self.tr("Birth date"),
                self.tr("Age"),
                self.tr("Address"),
            ]
        )
        current = self.results.currentItem()
        row = self.results.indexOfTopLevelItem(current) if current is not None else -1
        self._fill()  # the ages' unit follows the language
        again = self.results.topLevelItem(row) if row >= 0 else None
        if again is not None:
            self.results.setCurrentItem(again)
        self.results.setAccessibleName(self.tr("Residents found: Enter chooses"))
        self._render_status()
        self._fill()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Down and self.box.hasFocus() and self.hits:
            self.results.setFocus()
            return
        super().keyPressEvent(event)

    def reset(self) -> None:
        """Empty the box and the hits."""
        self.box.clear()
        self.hits = ()
        self._message = ""
        self._render_status()
        self._fill()

    def search(self) -> None:
        """Search on the database worker (audited under the workflow's purpose)."""
        query = self.box.text().strip()
        job = self.make_job(query) if query and not self.searching else None
        if job is None:
            return
        self.searching = True
        self._message = "searching"
        self._render_status()
        self._db.submit(job, self._found, self._failed)

    def _found(self, result: SearchResult) -> None:
        self.searching = False
        self.hits = result.hits
        self._message = "truncated" if result.truncated else ("none" if not result.hits else "")
        self._render_status()
        self._fill()
        first = self.results.topLevelItem(0)
        if first is not None:
            self.results.setCurrentItem(first)
            self.results.setFocus()

    def _failed(self, exc: BaseException) -> None:
        self.searching = False
        self.hits = ()
        what, todo = error_texts(exc)
        self._message = f"{what} {todo}"
        self._render_status()
        self._fill()
        self.box.setFocus()

    def _render_status(self) -> None:
        texts = {
            "": "",
            "searching": self.tr("Searching…"),
            "none": self.tr("No resident found. Check the spelling or try the birth date."),
            "truncated": self.tr("Many residents match; add the birth date to narrow it."),
        }
        text = texts.get(self._message, self._message)
        self.status.setText(text)
        self.status.setAccessibleName(text)
        self.status.setVisible(bool(text))

    def _fill(self) -> None:
        self.results.clear()
        today = dt.date.today()
        for hit in self.hits:
            name = f"{hit.family_name}\u3000{hit.given_name}"
            if hit.latin_name:
                name += f" ({hit.latin_name})"
            item = QTreeWidgetItem(
                [
                    name,
                    f"{hit.family_name_kana}\u3000{hit.given_name_kana}",
                    f"{format_era_date(hit.birth_date)} ({hit.birth_date.isoformat()})",
                    self.tr("%1 years").replace("%1", str(age_on(hit.birth_date, today))),
                    hit.address,
                ]
            )
            self.results.addTopLevelItem(item)
        for column in range(4):
            self.results.resizeColumnToContents(column)

    def choose_current(self) -> None:
        """Choose the highlighted hit."""
        item = self.results.currentItem()
        if item is None:
            return
        self.resident_chosen.emit(self.hits[self.results.indexOfTopLevelItem(item)])
