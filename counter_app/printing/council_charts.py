"""The council charts, drawn with matplotlib into any Axes: the window's Qt canvas and the PDF
report draw the very same charts.

No pyplot: every chart is a `matplotlib.figure.Figure` of its own (or an Axes of a report page),
so nothing is shared between threads or windows. Readable in black and white: series differ by
hatching, marker and line style, never by colour alone. Counts below the threshold are not drawn
(a bar of nothing, a gap in a line) and are marked with the suppression marker, as the tables are.

The Japanese labels need a Japanese font: IPAex Gothic (Debian's fonts-ipaexfont), found through
matplotlib's font list or fontconfig, never by a fixed path; without one the chart is an error in
words, never a row of empty boxes.
"""

from __future__ import annotations

import math
import shutil
import subprocess
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import cache
from typing import Final

import matplotlib
from matplotlib import font_manager
from matplotlib.axes import Axes
from matplotlib.figure import Figure as ChartFigure

from counter_app.errors import CounterError
from counter_app.printing.council_tables import in_order, label_order
from counter_app.printing.council_texts import CouncilTexts
from counter_app.records.statistics import SUPPRESSED, Figure, Figures

FONT_PACKAGE: Final = "fonts-ipaexfont"
# Font families tried in turn: IPAex Gothic first (it has every glyph of the report), then the
# older IPA Gothic of the same foundry.
FONT_FAMILIES: Final = ("IPAexGothic", "IPAGothic")
# The charts, by the figure they draw, in the order of the page.
CHART_KEYS: Final = ("holding_rate.age_sex", "cards.monthly", "identity_lookups")
# Series styles for black and white: a fill, a hatch, a marker, a line style each.
GREYS: Final = ("white", "0.55", "0.85", "0.3", "0.7")
HATCHES: Final = ("///", "...", "xxx", "\\\\\\", "---")
MARKERS: Final = ("o", "s", "^", "D", "v")
LINE_STYLES: Final = ("-", "--", ":", "-.", (0, (5, 1, 1, 1, 1, 1)))


class ChartFontMissingError(CounterError):
    """No Japanese font for the council charts."""

    what = "The Japanese font for the charts and the council report is missing."
    todo = f"Install the package {FONT_PACKAGE} (sudo apt install {FONT_PACKAGE}) and try again."


def _fontconfig_japanese() -> str | None:
    """The file fontconfig gives for Japanese text, if fontconfig is there."""
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        return None
    for family in FONT_FAMILIES:
        try:
            found = subprocess.run(
                [fc_match, "-f", "%{file}\n%{family}", f"{family}:lang=ja"],
                capture_output=True,
                text=True,
                timeout=10,
                check=True,
            ).stdout.splitlines()
        except (OSError, subprocess.SubprocessError):
            return None
        if len(found) == 2 and family in found[1].split(","):
            return found[0]
    return None


@cache
def chart_font() -> str:
    """The family name of the Japanese font the charts use (IPAex Gothic when installed)."""
    for family in FONT_FAMILIES:
        try:
            font_manager.findfont(
                font_manager.FontProperties(family=family), fallback_to_default=False
            )
            return family
        except ValueError:
            continue
    # matplotlib's font list may predate the font's installation: ask fontconfig.
    path = _fontconfig_japanese()
    if path is not None:
        font_manager.fontManager.addfont(path)
        return str(font_manager.FontProperties(fname=path).get_name())
    raise ChartFontMissingError(f"none of {', '.join(FONT_FAMILIES)} is installed")


@contextmanager
def chart_context() -> Iterator[None]:
    """Draw or save within this: the Japanese font, and TrueType (Type 42) fonts embedded in PDF
    and PostScript, never Type 3; for the figures made inside only, not globally."""
    with matplotlib.rc_context(
        {
            "font.family": [chart_font()],
            "pdf.fonttype": 42,
            "ps.fonttype": 42,
            "axes.unicode_minus": False,
            "hatch.linewidth": 0.8,
        }
    ):
        yield


def _shown(count: int, threshold: int) -> float | None:
    """A count as a chart draws it: None (suppressed) when 0 < count < threshold."""
    return None if 0 < count < threshold else float(count)


def _mark_suppressed(ax: Axes, x: float, y: float = 0.0) -> None:
    ax.annotate(
        SUPPRESSED,
        (x, y),
        xytext=(0, 2),
        textcoords="offset points",
        ha="center",
        va="bottom",
        fontsize=9,
    )


def _grouped_bars(
    ax: Axes,
    categories: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None]]],
) -> None:
    """Bars side by side per category, one hatch and grey per series; None is suppressed."""
    width = 0.8 / max(len(series), 1)
    for i, (name, values) in enumerate(series):
        offset = (i - (len(series) - 1) / 2) * width
        xs = [c + offset for c in range(len(categories))]
        heights = [0.0 if v is None else v for v in values]
        ax.bar(
            xs,
            heights,
            width,
            label=name,
            color=GREYS[i % len(GREYS)],
            edgecolor="black",
            linewidth=0.8,
            hatch=HATCHES[i % len(HATCHES)],
        )
        for x, v in zip(xs, values, strict=True):
            if v is None:
                _mark_suppressed(ax, x)
    ax.set_xticks(range(len(categories)), categories)


def _pivot(
    figure: Figure, label: Callable[[str], str], value: Callable[[Sequence[int]], float | None]
) -> tuple[list[str], list[tuple[str, list[float | None]]]]:
    """Rows of a two-group figure as categories (first group) by series (second group)."""
    categories = sorted({row.labels[0] for row in figure.rows}, key=label_order)
    names = sorted({row.labels[1] for row in figure.rows}, key=label_order)
    series = []
    for name in names:
        values: list[float | None] = []
        for category in categories:
            row = figure.row(category, name)
            values.append(0.0 if row is None else value(row.counts))
        series.append((label(name), values))
    return [label(c) for c in categories], series


def draw_holding_by_age_sex(ax: Axes, figure: Figure, texts: CouncilTexts, threshold: int) -> None:
    """Holding rate (%) per age band, a bar per sex."""
    cards, residents = figure.measures.index("cards"), figure.measures.index("residents")

    def rate(counts: Sequence[int]) -> float | None:
        if _shown(counts[cards], threshold) is None or _shown(counts[residents], threshold) is None:
            return None
        return 100.0 * counts[cards] / counts[residents] if counts[residents] else 0.0

    categories, series = _pivot(figure, texts.word, rate)
    _grouped_bars(ax, categories, series)
    ax.set_ylim(0, 100)
    ax.set_xlabel(texts.word("age_band"))
    ax.set_ylabel(texts.rate_axis)
    ax.tick_params(axis="x", labelrotation=60, labelsize=7)


def draw_cards_monthly(ax: Axes, figure: Figure, texts: CouncilTexts, threshold: int) -> None:
    """Card events per month, a line per kind of event (marker and line style each)."""
    rows = in_order(figure)
    months = [row.labels[0] for row in rows]
    xs = list(range(len(months)))
    for i, measure in enumerate(figure.measures):
        values = [_shown(row.counts[i], threshold) for row in rows]
        ax.plot(
            xs,
            [math.nan if v is None else v for v in values],
            label=texts.word(measure),
            color="black" if i % 2 == 0 else "0.4",
            linestyle=LINE_STYLES[i % len(LINE_STYLES)],
            marker=MARKERS[i % len(MARKERS)],
            markerfacecolor="white" if i % 2 else "black",
            markersize=5,
            linewidth=1.2,
        )
        for x, v in zip(xs, values, strict=True):
            if v is None:
                _mark_suppressed(ax, x)
    ax.set_xticks(xs, months)
    ax.set_xlabel(texts.word("month"))
    ax.set_ylabel(texts.count_axis)
    ax.set_ylim(bottom=0)
    ax.tick_params(axis="x", labelrotation=45, labelsize=7)


def draw_lookups(ax: Axes, figure: Figure, texts: CouncilTexts, threshold: int) -> None:
    """Look-ups of identity data per purpose, a bar per outcome."""
    categories, series = _pivot(figure, texts.word, lambda counts: _shown(counts[0], threshold))
    _grouped_bars(ax, categories, series)
    ax.set_xlabel(texts.word("purpose"))
    ax.set_ylabel(texts.count_axis)
    ax.tick_params(axis="x", labelrotation=20, labelsize=7)


DRAW: Final[dict[str, Callable[[Axes, Figure, CouncilTexts, int], None]]] = {
    "holding_rate.age_sex": draw_holding_by_age_sex,
    "cards.monthly": draw_cards_monthly,
    "identity_lookups": draw_lookups,
}


def draw_chart(ax: Axes, figure: Figure, texts: CouncilTexts, threshold: int) -> None:
    """Draw the chart of `figure` into `ax` (call within `chart_context()`)."""
    DRAW[figure.key](ax, figure, texts, threshold)
    ax.set_title(texts.title(figure.key), fontsize=10)
    ax.grid(axis="y", color="0.8", linewidth=0.5)
    ax.set_axisbelow(True)
    if ax.get_legend_handles_labels()[0]:
        ax.legend(fontsize=7, frameon=True, edgecolor="black")
    if not figure.rows:
        ax.text(0.5, 0.5, "-", transform=ax.transAxes, ha="center", va="center")


def chart(
    figure: Figure, texts: CouncilTexts, threshold: int, size: tuple[float, float] = (7.0, 3.6)
) -> ChartFigure:
    """A figure (matplotlib's) with the chart of `figure` (the register's); for the window."""
    with chart_context():
        drawn = ChartFigure(figsize=size, layout="constrained")
        draw_chart(drawn.add_subplot(), figure, texts, threshold)
    return drawn


def charted(figures: Figures) -> list[Figure]:
    """The figures that have a chart, in the order of CHART_KEYS."""
    found = {f.key: f for f in figures.figures}
    return [found[key] for key in CHART_KEYS if key in found]
