"""The benchmark command keeps working: it prints a table with figures and ratios."""

from __future__ import annotations

import re
import subprocess
import sys


def test_the_benchmark_command_prints_a_table_of_figures() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks", "card_operations"],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    lines = result.stdout.splitlines()
    assert lines[0].split()[:3] == ["benchmark", "value", "unit"]
    face = next(line for line in lines if line.startswith("face_read: APDUs (extended"))
    count = re.search(r"\)\s+(\d+)\s+APDUs", face)
    assert count is not None and int(count.group(1)) <= 6  # the limit for a face read
    assert face.endswith("x")
