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


def test_every_module_the_benchmark_command_runs_has_a_run_function() -> None:
    """`./dev bench` runs every module not named with a leading underscore: each must be one."""
    import importlib

    from benchmarks.__main__ import _modules

    names = _modules()
    assert "card_operations" in names
    missing = [
        name
        for name in names
        if not callable(getattr(importlib.import_module(f"benchmarks.{name}"), "run", None))
    ]
    assert missing == []
