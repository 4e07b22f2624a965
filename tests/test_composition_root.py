"""main.py: the settings read once from the command line and environment; no display, no abort."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import main
from counter_app.config import HOME_ENV, KIOSK_ID_ENV, ReaderPolicy

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


@pytest.mark.parametrize(
    ("argv", "reader"),
    [
        ([], None),  # the window, as `counter-app` alone opens it
        (["gui", "--reader", "ACS ACR39U 00 00"], "ACS ACR39U 00 00"),
        (["card", "read", "--reader", "Virtual PCD 00 00", "--pin", "1234"], "Virtual PCD 00 00"),
        (["db", "init"], None),
    ],
)
def test_every_command_line_gets_one_configuration(
    argv: list[str], reader: str | None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(HOME_ENV, str(tmp_path / "home"))
    config = main._configuration(main._build_parser().parse_args(argv))
    assert config.reader == reader
    assert config.data_dir == tmp_path / "home" and config.data_dir.is_dir()
    assert config.reader_policy is ReaderPolicy.AUTO


@pytest.mark.parametrize(
    "argv",
    [
        ["gui"],
        ["db", "init"],
        ["residents", "search", "山田", "--operator", "clerk", "--purpose", "identity-check"],
        ["services", "list", "--operator", "clerk"],
    ],
)
def test_a_configured_kiosk_refuses_operator_functions(
    argv: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv(HOME_ENV, str(tmp_path / "home"))
    monkeypatch.setenv(KIOSK_ID_ENV, "kiosk-本庁-1")
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    assert main._configuration(main._build_parser().parse_args(argv)).kiosk_id == "kiosk-本庁-1"
    assert main.main(argv) == 2
    error = capsys.readouterr().err
    assert "set up as a certificate kiosk" in error
    assert list((tmp_path / "home").iterdir()) == []  # no register opened, no key made


def test_a_configured_kiosk_runs_the_kiosk_window_not_the_counter() -> None:
    refused = main._operator_commands()
    assert "kiosk" not in refused and "gui" in refused
    args = main._build_parser().parse_args(["kiosk", "--lang", "ja", "--reader", "R1"])
    assert (args.command, args.lang, main._configuration(args).reader) == ("kiosk", "ja", "R1")
