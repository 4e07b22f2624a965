"""Figures for the council: the supervisor's statistics of a period, as data, JSON or CSV.

One code path for the commands and the supervisor's statistics page. The register computes the
figures with GROUP BY in the database and audits each request (`report.statistics`, supervision
purpose); exports suppress counts below the threshold, and every CSV row carries the
municipality's local government code (地方公共団体コード): the configured one, or the training
code of the demo city on a counter without one. The council report (PDF) carries the
municipality's name and code, the tables suppressed as the exports are, the charts, and each
figure's definition in Japanese.
"""

from __future__ import annotations

import csv
from datetime import date
from typing import Final, TextIO

from counter_app.config import Configuration
from counter_app.printing.card_face import DEMO_MUNICIPALITY
from counter_app.printing.council_texts import JAPANESE, Municipality
from counter_app.records import DEFAULT_THRESHOLD, Figures, OperatorSession, Register
from counter_app.records.statistics import shown, shown_rate

CSV_COLUMNS: Final = (
    "municipality_code",
    "from",
    "to",
    "figure",
    "group",
    "measure",
    "value",
)

__all__ = [
    "CSV_COLUMNS",
    "municipality_code",
    "report_municipality",
    "statistics_pdf",
    "statistics_report",
    "write_statistics_csv",
]


def statistics_report(register: Register, by: OperatorSession, start: date, end: date) -> Figures:
    """The figures of `start`..`end` (both included) for a supervisor (audited)."""
    return register.statistics.figures(by, start, end)


def municipality_code(config: Configuration) -> str:
    """The configured local government code, or the demo city's training code."""
    return config.municipality.code if config.municipality else DEMO_MUNICIPALITY.code


def report_municipality(config: Configuration | None) -> Municipality:
    """The configured municipality's name and code, or the demo city's in training."""
    if config is not None and config.municipality is not None:
        return Municipality(config.municipality.name, config.municipality.code)
    return Municipality(DEMO_MUNICIPALITY.name, DEMO_MUNICIPALITY.code)


def statistics_pdf(
    figures: Figures, municipality: Municipality, *, threshold: int = DEFAULT_THRESHOLD
) -> bytes:
    """The council report of the figures as PDF (in Japanese, small counts suppressed)."""
    # matplotlib takes seconds to import: only the commands and pages that draw load it.
    from counter_app.printing.council_report import council_report_pdf

    return council_report_pdf(figures, municipality, JAPANESE, threshold)


def write_statistics_csv(
    figures: Figures, code: str, out: TextIO, *, threshold: int = DEFAULT_THRESHOLD
) -> int:
    """Every count (and rate) as one CSV row keyed by the municipality code, small counts
    suppressed; returns the number of data rows. A group is written `name=label;name=label`."""
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    written = 0
    head = (code, figures.start.isoformat(), figures.end.isoformat())
    for figure in figures.figures:
        for row in figure.rows:
            group = ";".join(f"{g}={v}" for g, v in zip(figure.groups, row.labels, strict=True))
            values: list[tuple[str, object]] = [
                (m, shown(c, threshold)) for m, c in zip(figure.measures, row.counts, strict=True)
            ]
            if figure.rate is not None:
                rate = shown_rate(figure, row, threshold)
                values.append(("rate", "" if rate is None else rate))
            for measure, value in values:
                writer.writerow((*head, figure.key, group, measure, value))
                written += 1
    return written
