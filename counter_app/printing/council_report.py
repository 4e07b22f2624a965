"""The council report as PDF: the municipality, the period, each figure's title, its definition
and its table (small counts suppressed), and the charts, on A4 pages.

Everything, text and tables too, is drawn by matplotlib on report pages, so the whole document
has one font, IPAex Gothic, embedded as TrueType (`pdf.fonttype` 42, a subset of the glyphs
used), and the charts stay vector drawings. Only group counts are printed: no name, no id.
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Sequence
from typing import Final

from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.figure import Figure as ChartFigure
from matplotlib.lines import Line2D

from counter_app.printing.council_charts import CHART_KEYS, chart_context, draw_chart
from counter_app.printing.council_tables import table_rows
from counter_app.printing.council_texts import CouncilTexts, Municipality
from counter_app.records.statistics import SUPPRESSED, Figure, Figures

PAGE: Final = (8.27, 11.69)  # A4 portrait, inches
MARGIN: Final = 0.75
BODY_PT: Final = 9.0
TABLE_PT: Final = 8.0
CHART_HEIGHT: Final = 3.4
LINE: Final = 1.45  # line height per point of font size


def _width_em(text: str) -> float:
    """The width of `text` in ems (a full-width character is one, a half-width about half)."""
    return sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.55 for c in text)


def wrap(text: str, width_em: float) -> list[str]:
    """Lines of at most `width_em`: Japanese breaks between any two characters, Latin text at
    spaces where it can."""
    lines: list[str] = []
    line, used, space_at = "", 0.0, -1
    for char in text:
        line += char
        used += _width_em(char)
        if char == " " or unicodedata.east_asian_width(char) in "WF":
            space_at = len(line)
        if used > width_em:
            cut = space_at if 0 < space_at < len(line) else len(line) - 1
            lines.append(line[:cut].rstrip())
            line = line[cut:].lstrip()
            used, space_at = _width_em(line), -1
    if line.strip():
        lines.append(line.rstrip())
    return lines


class _Pages:
    """A cursor down A4 pages: text, table rows and chart boxes placed top to bottom."""

    def __init__(self, pdf: PdfPages, footer: str) -> None:
        self.pdf = pdf
        self.footer = footer
        self.number = 0
        self.page: ChartFigure | None = None
        self.y = 0.0  # inches from the page's bottom

    def _new_page(self) -> ChartFigure:
        self.finish()
        self.number += 1
        self.page = ChartFigure(figsize=PAGE)
        self.y = PAGE[1] - MARGIN
        self.page.text(
            0.5, MARGIN / 2 / PAGE[1], f"{self.footer}  - {self.number} -", ha="center", fontsize=7
        )
        return self.page

    def finish(self) -> None:
        if self.page is not None:
            self.pdf.savefig(self.page)  # type: ignore[no-untyped-call]
            self.page = None

    def room(self, height: float) -> ChartFigure:
        """The page to draw the next `height` inches on (a new one when this one is full)."""
        if self.page is None or self.y - height < MARGIN:
            return self._new_page()
        return self.page

    def text(self, line: str, size: float = BODY_PT, x: float = MARGIN, gap: float = 0) -> None:
        height = size * LINE / 72
        page = self.room(height + gap)
        self.y -= height + gap
        page.text(x / PAGE[0], self.y / PAGE[1], line, fontsize=size, va="bottom")

    def paragraph(self, text: str, size: float = BODY_PT, gap: float = 0) -> None:
        width_em = (PAGE[0] - 2 * MARGIN) * 72 / size
        for i, line in enumerate(wrap(text, width_em)):
            self.text(line, size, gap=gap if i == 0 else 0)

    def rule(self) -> None:
        page = self.room(0.02)
        y = (self.y - 0.03) / PAGE[1]
        page.add_artist(
            Line2D([MARGIN / PAGE[0], 1 - MARGIN / PAGE[0]], [y, y], color="black", lw=0.6)
        )

    def table(self, rows: Sequence[Sequence[str]], numbers_from: int) -> None:
        """Rows of cells: the first the heading; labels left, the columns from `numbers_from`
        on (counts, rates) right, rules around."""
        columns = len(rows[0])
        widths = [max(_width_em(r[c]) for r in rows) + 1.5 for c in range(columns)]
        available = (PAGE[0] - 2 * MARGIN) * 72
        size = min(TABLE_PT, available / sum(widths))
        height = size * LINE / 72
        lefts, x = [], MARGIN
        for w in widths:
            lefts.append(x)
            x += w * size / 72
        for index, row in enumerate(rows):
            if index > 0 and (self.page is None or self.y - height < MARGIN):
                self.rule()
                self._new_page()
                self._row(rows[0], lefts, widths, size, numbers_from)  # the heading again
                self.rule()
            self._row(row, lefts, widths, size, numbers_from)
            if index == 0:
                self.rule()
        self.rule()
        self.y -= 0.08

    def _row(
        self,
        row: Sequence[str],
        lefts: Sequence[float],
        widths: Sequence[float],
        size: float,
        numbers_from: int,
    ) -> None:
        height = size * LINE / 72
        page = self.room(height)
        self.y -= height
        for column, (cell, left, width) in enumerate(zip(row, lefts, widths, strict=True)):
            number = column >= numbers_from
            x = left + (width - 0.75) * size / 72 if number else left
            page.text(
                x / PAGE[0],
                (self.y + 0.02) / PAGE[1],
                cell,
                fontsize=size,
                ha="right" if number else "left",
                va="bottom",
            )

    def chart(self, figure: Figure, texts: CouncilTexts, threshold: int) -> None:
        page = self.room(CHART_HEIGHT + 0.2)
        self.y -= CHART_HEIGHT + 0.2
        box = (
            (MARGIN + 0.55) / PAGE[0],
            (self.y + 0.75) / PAGE[1],
            (PAGE[0] - 2 * MARGIN - 0.6) / PAGE[0],
            (CHART_HEIGHT - 1.0) / PAGE[1],
        )
        draw_chart(page.add_axes(box), figure, texts, threshold)


def council_report_pdf(
    figures: Figures, municipality: Municipality, texts: CouncilTexts, threshold: int
) -> bytes:
    """The council report of `figures` as PDF bytes."""
    out = io.BytesIO()
    period = {"start": figures.start.isoformat(), "end": figures.end.isoformat()}
    with chart_context():
        metadata = {"Title": texts.report_title, "Creator": "Resident Card Counter"}
        with PdfPages(out, metadata=metadata) as pdf:
            pages = _Pages(pdf, f"{municipality.name} {texts.report_title}")
            pages.text(texts.report_title, size=15)
            pages.text(
                texts.municipality.format(name=municipality.name, code=municipality.code),
                gap=0.15,
            )
            pages.text(texts.period.format(**period))
            moment = figures.generated_at.astimezone().strftime("%Y-%m-%d %H:%M")
            pages.text(texts.generated.format(moment=moment))
            pages.paragraph(
                texts.suppression.format(below=threshold - 1, marker=SUPPRESSED), gap=0.05
            )
            for figure in figures.figures:
                pages.room(1.2)  # a title never sits alone at the foot of a page
                pages.text(texts.title(figure.key), size=11.5, gap=0.25)
                pages.paragraph(f"{texts.definition}：{texts.defined(figure.key)}", size=8.5)
                pages.y -= 0.06
                pages.table(table_rows(figure, texts, threshold), max(len(figure.groups), 1))
                if figure.key in CHART_KEYS:
                    pages.chart(figure, texts, threshold)
            pages.finish()
    return out.getvalue()
