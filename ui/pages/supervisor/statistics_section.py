"""The supervisor's desk, Statistics: the figures for the council of a period, as tables and
charts, each with its definition, and the council report saved as PDF.

The register computes the figures (GROUP BY in the database, audited as `report.statistics`) on
the database worker, so the window never waits; a busy bar runs meanwhile. The tables show what
the exports and the PDF show: counts below the threshold as *. The charts are the core's
(counter_app/printing/council_charts.py) on matplotlib's Qt canvas, the same drawings as the PDF.
matplotlib takes seconds to load: the database worker loads it once the first figures are shown,
so neither the window's start nor the first tables wait for it; the chart follows.

The period starts, by default, on 1 April of the current fiscal year (年度) and ends today: the
council asks by fiscal year, and the holding rate is taken on the period's last day, so "today"
gives the current rate and a fresh register shows its figures at once. The previous fiscal year
is one change of the two dates away.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from typing import TYPE_CHECKING, Final

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from counter_app.errors import CounterError
from counter_app.printing.council_tables import table_rows
from counter_app.records import DEFAULT_THRESHOLD, Figures, Register
from counter_app.records.statistics import Figure
from counter_app.workflows import report_municipality, statistics_pdf, statistics_report
from ui.errors import error_texts
from ui.pages.context import PageServices
from ui.pages.supervisor.section import SupervisorSection
from ui.pages.supervisor.statistics_texts import current_texts

if TYPE_CHECKING:
    from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

FISCAL_YEAR_STARTS: Final = 4  # April
# The figures with a chart (council_charts.CHART_KEYS, which a test compares).
CHART_KEYS: Final = ("holding_rate.age_sex", "cards.monthly", "identity_lookups")
MAX_THRESHOLD: Final = 99


def fiscal_year_start(today: dt.date) -> dt.date:
    """1 April of the fiscal year (年度) `today` falls in."""
    year = today.year if today.month >= FISCAL_YEAR_STARTS else today.year - 1
    return dt.date(year, FISCAL_YEAR_STARTS, 1)


def load_charts() -> None:
    """Import matplotlib's Qt canvas and the charts, and find their font: seconds on a first
    use, so the database worker does it. A missing font is told when a chart is drawn."""
    import matplotlib.backends.backend_qtagg  # noqa: F401

    from counter_app.printing.council_charts import chart_font

    with contextlib.suppress(CounterError):
        chart_font()


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


class StatisticsSection(SupervisorSection):
    """Compute the council figures of a period; show, chart and save them."""

    def __init__(self, services: PageServices, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.setObjectName("statisticsSection")
        today = dt.date.today()
        self.first_day = QDateEdit(_qdate(fiscal_year_start(today)))
        self.first_day.setObjectName("statisticsFrom")
        self.last_day = QDateEdit(_qdate(today))
        self.last_day.setObjectName("statisticsTo")
        for day in (self.first_day, self.last_day):
            day.setCalendarPopup(True)
            day.setDisplayFormat("yyyy-MM-dd")
        self.threshold = QSpinBox()
        self.threshold.setObjectName("statisticsThreshold")
        self.threshold.setRange(1, MAX_THRESHOLD)
        self.threshold.setValue(DEFAULT_THRESHOLD)
        self.threshold.valueChanged.connect(self._show_chosen)
        self.labels = [QLabel() for _ in range(3)]
        form = QFormLayout()
        for label, field in zip(
            self.labels, (self.first_day, self.last_day, self.threshold), strict=True
        ):
            label.setBuddy(field)
            form.addRow(label, field)
        self.compute_button = QPushButton()
        self.compute_button.setObjectName("statisticsCompute")
        self.compute_button.clicked.connect(self.compute)
        self.pdf_button = QPushButton()
        self.pdf_button.setObjectName("statisticsPdf")
        self.pdf_button.clicked.connect(self.save_pdf)
        self.pdf_button.setEnabled(False)
        self.busy_bar = QProgressBar()
        self.busy_bar.setObjectName("statisticsBusy")
        self.busy_bar.setRange(0, 0)  # runs without an end: the register says nothing of progress
        self.busy_bar.setMaximumWidth(160)
        self.busy_bar.hide()
        buttons = QHBoxLayout()
        buttons.addWidget(self.compute_button)
        buttons.addWidget(self.pdf_button)
        buttons.addWidget(self.busy_bar)
        buttons.addStretch(1)
        self.status = QLabel()
        self.status.setObjectName("statisticsStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.figure_label = QLabel()
        self.figure_box = QComboBox()
        self.figure_box.setObjectName("statisticsFigure")
        self.figure_box.currentIndexChanged.connect(self._show_chosen)
        self.figure_label.setBuddy(self.figure_box)
        chooser = QHBoxLayout()
        chooser.addWidget(self.figure_label)
        chooser.addWidget(self.figure_box, 1)
        self.definition = QLabel()
        self.definition.setObjectName("statisticsDefinition")
        self.definition.setWordWrap(True)
        self.definition.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table = QTableWidget(0, 0)
        self.table.setObjectName("statisticsTable")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.setMinimumHeight(160)
        self.canvas: FigureCanvasQTAgg | None = None  # made on the first chart
        self.shown = QHBoxLayout()
        self.shown.addWidget(self.table, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addLayout(chooser)
        layout.addWidget(self.definition)
        layout.addLayout(self.shown, 1)
        self._pending = 0
        self._generation = 0
        self._figures: Figures | None = None
        self._charts_loaded = False
        self.retranslate()

    # -- texts ----------------------------------------------------------------------------------

    def title(self) -> str:
        return self.tr("Statistics o&verview")

    def retranslate(self) -> None:
        texts = (self.tr("Period &from"), self.tr("Period t&o"), self.tr("Suppress &below"))
        for label, text in zip(self.labels, texts, strict=True):
            label.setText(text)
        self.threshold.setToolTip(
            self.tr("Counts from 1 to one less than this are shown as *, in the tables too.")
        )
        self.compute_button.setText(self.tr("Co&mpute the figures"))
        self.pdf_button.setText(self.tr("Save the council report as P&DF"))
        self.figure_label.setText(self.tr("F&igure"))
        self._fill_choices()

    # -- the section's contract -----------------------------------------------------------------

    def entry_field(self) -> QWidget:
        return self.first_day

    def busy(self) -> bool:
        return self._pending > 0

    def clear(self) -> None:
        """Logout: the figures go; answers still on their way are dropped."""
        self._generation += 1
        self._pending = 0
        self._figures = None
        self.busy_bar.hide()
        self.compute_button.setEnabled(True)
        self.pdf_button.setEnabled(False)
        self.status.clear()
        self._fill_choices()

    # -- the work -------------------------------------------------------------------------------

    def _period(self) -> tuple[dt.date, dt.date] | None:
        first, last = self.first_day.date().toPython(), self.last_day.date().toPython()
        assert isinstance(first, dt.date) and isinstance(last, dt.date)
        if last < first:
            self.status.setText(self.tr("The last day is before the first day."))
            self.last_day.setFocus()
            return None
        return first, last

    def _started(self, text: str) -> int:
        self._pending += 1
        self.busy_bar.show()
        self.compute_button.setEnabled(False)
        self.pdf_button.setEnabled(False)
        self.status.setText(text)
        return self._generation

    def _ended(self) -> None:
        self._pending -= 1
        if self._pending == 0:
            self.busy_bar.hide()
            self.compute_button.setEnabled(True)
            self.pdf_button.setEnabled(self._figures is not None)

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        self._ended()
        what, todo = error_texts(exc)
        self.status.setText(f"{what} {todo}")

    def compute(self) -> None:
        """Compute the figures of the period on the database worker (audited)."""
        period, context = self._period(), self.services.context
        if period is None or context is None or self.busy():
            return
        first, last = period
        operator = context.operator
        generation = self._started(self.tr("Computing the figures…"))

        def job(register: Register) -> Figures:
            return statistics_report(register, operator, first, last)

        def done(figures: object) -> None:
            if generation != self._generation:
                return
            assert isinstance(figures, Figures)
            self._figures = figures
            self._ended()
            self.status.setText(
                self.tr("The figures from %1 to %2.")
                .replace("%1", figures.start.isoformat())
                .replace("%2", figures.end.isoformat())
            )
            self._fill_choices()
            self.figure_box.setFocus()
            if not self._charts_loaded:
                self._load_charts()

        self.services.db_thread.submit(job, done, lambda exc: self._failed(generation, exc))

    def save_pdf(self) -> None:
        """Write the council report of the figures shown into the printouts folder."""
        figures = self._figures
        if figures is None or self.busy():
            return
        threshold = self.threshold.value()
        municipality = report_municipality(self.services.config)
        stamp = dt.datetime.now().strftime("%H%M%S")
        name = f"statistics-{figures.start:%Y%m%d}-{figures.end:%Y%m%d}-{stamp}.pdf"
        path = self.services.printout_dir / name
        generation = self._started(self.tr("Writing the council report…"))

        def job(_register: Register) -> None:
            pdf = statistics_pdf(figures, municipality, threshold=threshold)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(pdf)

        def done(_nothing: object) -> None:
            if generation != self._generation:
                return
            self._ended()
            self.status.setText(self.tr("Council report written to %1").replace("%1", str(path)))

        self.services.db_thread.submit(job, done, lambda exc: self._failed(generation, exc))

    def _load_charts(self) -> None:
        """matplotlib loaded on the database worker; then the chosen figure's chart is drawn."""

        def loaded(_nothing: object) -> None:
            self._charts_loaded = True
            self._show_chosen()

        self.services.db_thread.submit(lambda _register: load_charts(), loaded, self._no_charts)

    def _no_charts(self, exc: BaseException) -> None:
        what, todo = error_texts(exc)
        self.status.setText(f"{what} {todo}")

    def charts_ready(self) -> bool:
        """True once matplotlib is loaded and charts are drawn."""
        return self._charts_loaded

    # -- showing --------------------------------------------------------------------------------

    def _fill_choices(self) -> None:
        """The figure chooser: one entry per figure computed (titles in the current language)."""
        texts = current_texts()
        key = self.figure_box.currentData()
        self.figure_box.blockSignals(True)
        self.figure_box.clear()
        for figure in self._figures.figures if self._figures else ():
            self.figure_box.addItem(texts.title(figure.key), figure.key)
        found = self.figure_box.findData(key)
        self.figure_box.setCurrentIndex(max(found, 0))
        self.figure_box.blockSignals(False)
        self._show_chosen()

    def chosen(self) -> Figure | None:
        """The figure the chooser names."""
        key = self.figure_box.currentData()
        if self._figures is None or not isinstance(key, str):
            return None
        return self._figures.figure(key)

    def _chart_canvas(self) -> FigureCanvasQTAgg:
        """matplotlib's Qt canvas beside the table (made on first use)."""
        if self.canvas is None:
            from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
            from matplotlib.figure import Figure as ChartFigure

            chart = ChartFigure(figsize=(7.0, 3.6), layout="constrained")
            self.canvas = FigureCanvasQTAgg(chart)  # type: ignore[no-untyped-call]
            self.canvas.setObjectName("statisticsChart")
            self.canvas.setMinimumHeight(260)
            self.canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
            self.shown.addWidget(self.canvas, 3)
        return self.canvas

    def _show_chosen(self, _index: int = 0) -> None:
        figure, texts, threshold = self.chosen(), current_texts(), self.threshold.value()
        if self.canvas is not None:
            self.canvas.figure.clear()
            self.canvas.setVisible(figure is not None and figure.key in CHART_KEYS)
        if figure is None:
            self.definition.clear()
            self.table.setRowCount(0)
            self.table.setColumnCount(0)
            return
        self.definition.setText(texts.defined(figure.key))
        rows = table_rows(figure, texts, threshold)
        self.table.setColumnCount(len(rows[0]))
        self.table.setRowCount(len(rows) - 1)
        self.table.setHorizontalHeaderLabels(rows[0])
        numbers_from = max(len(figure.groups), 1)
        for r, cells in enumerate(rows[1:]):
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c >= numbers_from:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        if figure.key in CHART_KEYS and self._charts_loaded:
            self._draw(figure)

    def _draw(self, figure: Figure) -> None:
        from counter_app.printing.council_charts import chart_context, draw_chart

        canvas = self._chart_canvas()
        canvas.show()
        try:
            with chart_context():
                draw_chart(
                    canvas.figure.add_subplot(), figure, current_texts(), self.threshold.value()
                )
        except CounterError as exc:
            what, todo = error_texts(exc)
            self.status.setText(f"{what} {todo}")
            canvas.hide()
        canvas.draw_idle()  # type: ignore[no-untyped-call]

    def table_cells(self) -> list[list[str]]:
        """The table's heading and rows as text (what the supervisor reads)."""
        columns = range(self.table.columnCount())
        heads = [self.table.horizontalHeaderItem(c) for c in columns]
        rows = [[self.table.item(r, c) for c in columns] for r in range(self.table.rowCount())]
        return [[item.text() if item else "" for item in line] for line in [heads, *rows]]
