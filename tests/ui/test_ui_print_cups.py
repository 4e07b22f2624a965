"""Printing from the window hands the PDF itself to CUPS, unscaled, at its exact page size."""

from __future__ import annotations

import os
import stat
from datetime import date
from pathlib import Path

import pytest

from counter_app.printing.card_face import render_card
from counter_app.printing.demo import demo_card_face
from counter_app.printing.seal_keys import load_or_create_seal_signer
from ui.print_thread import print_pdf


@pytest.fixture
def recording_lp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An `lp` on PATH that records its arguments and the file it was given."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "lp.log"
    script = bin_dir / "lp"
    script.write_text(
        "#!/bin/sh\n"
        f'printf "%s\\n" "$@" > "{log}"\n'
        "for last; do :; done\n"
        f'cp "$last" "{tmp_path / "sent.pdf"}"\n'
        'echo "request id is CardPrinter-7 (1 file(s))"\n'
    )
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    return log


def test_a_card_face_goes_to_cups_as_the_pdf_itself_at_100_percent(
    recording_lp: Path, tmp_path: Path
) -> None:
    signer = load_or_create_seal_signer(tmp_path / "home")
    pdf = render_card(demo_card_face(), signer, issued_on=date(2026, 11, 26)).pdf
    outcome = print_pdf(pdf, printer_name="CardPrinter", pdf_path=tmp_path / "unused.pdf")
    args = recording_lp.read_text().splitlines()
    assert "print-scaling=none" in args
    assert "PageSize=Custom.242.65x153.01" in args
    assert args[args.index("-d") + 1] == "CardPrinter"
    assert (tmp_path / "sent.pdf").read_bytes() == pdf
    assert outcome.pages == 2
    assert not (tmp_path / "unused.pdf").exists()
