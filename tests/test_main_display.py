"""The counter window started where there is no display says what is missing, not Qt's abort."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_window_without_a_display_says_how_to_start_it(tmp_path: Path) -> None:
    hidden = {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"}
    env = {k: v for k, v in os.environ.items() if k not in hidden}
    env["COUNTER_APP_HOME"] = str(tmp_path)
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "gui"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 2
    assert "no display" in result.stderr and "xvfb-run" in result.stderr
    assert "Fatal Python error" not in result.stderr
    assert list(tmp_path.iterdir()) == []  # nothing created before saying so
