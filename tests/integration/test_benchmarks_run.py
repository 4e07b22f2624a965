"""The benchmark command keeps working: it prints a table with figures and ratios."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest


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


@pytest.mark.pcscd
def test_the_services_benchmark_prints_an_install_through_pcscd_against_its_baseline() -> None:
    """Not holding the vpcd lock here: the benchmark process takes it itself."""
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks", "services"],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    if "services: skipped" in result.stdout and not os.environ.get("CI"):
        pytest.skip(result.stdout.splitlines()[-1])
    lines = result.stdout.splitlines()
    install = next(
        line for line in lines if line.startswith("library service install (") and ": APDUs" in line
    )
    count = re.search(r"\)\: APDUs\s+(\d+)\s+APDUs", install)
    assert count is not None and 0 < int(count.group(1)) <= 20
    assert install.endswith("x")  # the ratio to the listing measured in the same run
    assert any(line.startswith("library service removal (pcscd): p95") for line in lines)


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
