"""Benchmarks: `python -m benchmarks [module ...]` runs them and prints one table.

To add rows, add a module here with `run() -> list[Row]`; raise `Skipped("why")` when what it
measures is not available on this machine.  A row may name a `baseline` row (by its name, from
any module run before it); the table then shows the ratio value / baseline value.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Row:
    """One measured figure; `ratio` is filled from `baseline` by the table when left None."""

    name: str
    value: float
    unit: str
    baseline: str = ""
    ratio: float | None = None


class Skipped(Exception):
    """A benchmark that cannot run here; the message says why."""


def median_and_p99(samples: Sequence[float]) -> tuple[float, float]:
    """Median and 99th percentile of `samples` (at least two)."""
    return statistics.median(samples), statistics.quantiles(samples, n=100)[98]
