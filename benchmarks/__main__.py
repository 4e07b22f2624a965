"""Run every benchmark module (or those named) and print one table."""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
import time
from collections.abc import Sequence

import benchmarks
from benchmarks import Row, Skipped


def _modules() -> list[str]:
    return sorted(
        info.name
        for info in pkgutil.iter_modules(benchmarks.__path__)
        if not info.name.startswith("_")
    )


def _with_ratios(rows: Sequence[Row]) -> list[Row]:
    by_name = {row.name: row for row in rows}
    done = []
    for row in rows:
        base = by_name.get(row.baseline)
        if row.ratio is None and base is not None and base.value:
            row = Row(row.name, row.value, row.unit, row.baseline, row.value / base.value)
        done.append(row)
    return done


def _number(value: float) -> str:
    """Whole numbers in full, others to four significant digits."""
    return f"{value:.0f}" if value == int(value) else f"{value:.4g}"


def format_table(rows: Sequence[Row]) -> str:
    """The rows as an aligned text table."""
    header = ("benchmark", "value", "unit", "baseline", "ratio")
    cells = [header] + [
        (
            row.name,
            _number(row.value),
            row.unit,
            row.baseline,
            "" if row.ratio is None else f"{row.ratio:.2f}x",
        )
        for row in rows
    ]
    widths = [max(len(line[i]) for line in cells) for i in range(len(header))]
    lines = []
    for n, line in enumerate(cells):
        text = "  ".join(
            cell.rjust(width) if i in (1, 4) else cell.ljust(width)
            for i, (cell, width) in enumerate(zip(line, widths, strict=True))
        )
        lines.append(text.rstrip())
        if n == 0:
            lines.append("  ".join("-" * width for width in widths))
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("modules", nargs="*", help=f"modules to run (default: {_modules()})")
    args = parser.parse_args(argv)
    names = args.modules or _modules()
    rows: list[Row] = []
    notes: list[str] = []
    for name in names:
        module = importlib.import_module(f"benchmarks.{name}")
        started = time.monotonic()
        try:
            rows.extend(module.run())
        except Skipped as exc:
            notes.append(f"{name}: skipped: {exc}")
            continue
        notes.append(f"{name}: {time.monotonic() - started:.1f} s")
    print(format_table(_with_ratios(rows)))
    print()
    print("\n".join(notes))
    return 0


if __name__ == "__main__":
    sys.exit(main())
