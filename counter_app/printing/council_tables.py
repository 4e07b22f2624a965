"""The council figures as rows of text cells: what the page's tables and the PDF's tables show.

Counts below the threshold are the suppression marker, as in the exports; rates are percentages
with one decimal, or the marker when either of their counts is hidden. No matplotlib here, so the
window can show tables without loading it.
"""

from __future__ import annotations

import re

from counter_app.printing.council_texts import CouncilTexts
from counter_app.records.statistics import Figure, FigureRow, shown, shown_rate


def label_order(label: str) -> tuple[int, int, str]:
    """Sorts labels by their leading number, so the age band '100+' comes after '95-99' (as
    text it would come after '10-14'); labels without one (purposes, services) after, by text."""
    found = re.match(r"\d+", label)
    return (0, int(found.group()), label) if found else (1, 0, label)


def in_order(figure: Figure) -> list[FigureRow]:
    """The figure's rows ordered by `label_order` of each label in turn."""
    return sorted(figure.rows, key=lambda row: [label_order(label) for label in row.labels])


def _rate_text(value: float | str | None) -> str:
    if value is None:
        return "-"
    if isinstance(value, str):
        return value
    return f"{100 * value:.1f}%"


def table_rows(figure: Figure, texts: CouncilTexts, threshold: int) -> list[list[str]]:
    """The figure as text cells, a heading row first; counts below the threshold suppressed."""
    head = [texts.word(g) for g in figure.groups] or [""]
    head += [texts.word(m) for m in figure.measures]
    if figure.rate is not None:
        head.append(texts.word("rate"))
    rows = [head]
    for row in in_order(figure):
        cells = [texts.word(label) for label in row.labels] or [texts.all_rows]
        cells += [str(shown(c, threshold)) for c in row.counts]
        if figure.rate is not None:
            cells.append(_rate_text(shown_rate(figure, row, threshold)))
        rows.append(cells)
    return rows
