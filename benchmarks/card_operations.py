"""APDUs and bytes on the wire per card operation, extended-length and short-only readers."""

from __future__ import annotations

import tempfile
from pathlib import Path

from benchmarks import Row
from benchmarks._card_metrics import measure_apdu_counts


def run() -> list[Row]:
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as tmp:
        extended = measure_apdu_counts(Path(tmp) / "extended", extended_length=True)
        short = measure_apdu_counts(Path(tmp) / "short", extended_length=False)
    for operation, cost in extended.costs.items():
        base = f"{operation}: APDUs (short-only reader)"
        short_cost = short.costs[operation]
        rows.append(Row(base, short_cost.apdus, "APDUs"))
        rows.append(Row(f"{operation}: APDUs (extended-length reader)", cost.apdus, "APDUs", base))
        rows.append(
            Row(
                f"{operation}: bytes on the wire (extended-length reader)",
                cost.bytes_sent + cost.bytes_received,
                "bytes",
                f"{operation}: bytes on the wire (short-only reader)",
            )
        )
        rows.append(
            Row(
                f"{operation}: bytes on the wire (short-only reader)",
                short_cost.bytes_sent + short_cost.bytes_received,
                "bytes",
            )
        )
    return rows
