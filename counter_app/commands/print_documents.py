"""`counter-app print card-face | certificate`: write the printed matter as PDF files."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from counter_app.config import Configuration
from counter_app.errors import CounterError
from counter_app.printing.card_face import render_card
from counter_app.printing.certificate import render_certificate
from counter_app.printing.demo import DEMO_SEED, demo_card_face, demo_certificate
from counter_app.workflows.key_source import seal_signer_for


class PrintOutputError(CounterError):
    """The PDF could not be written where asked."""

    what = "The printout could not be saved."
    todo = "Check that the folder exists and that you may write to it, then try again."


def _write(path: str, pdf: bytes) -> None:
    target = Path(path)
    try:
        tmp = target.with_name(f".{target.name}.tmp")
        tmp.write_bytes(pdf)
        tmp.replace(target)
    except OSError as exc:
        raise PrintOutputError(f"cannot write {target}: {exc.strerror}") from exc


def card_face(
    config: Configuration, *, out: str, demo: bool, seed: int | None = None, bleed_mm: float = 0.0
) -> int:
    """Write a card face (front and back) PDF; today only the demo resident is available."""
    if not demo:
        raise PrintOutputError("only --demo is available from the command line")
    signer = seal_signer_for(config)
    face = demo_card_face(seed if seed is not None else DEMO_SEED, today=date.today())
    rendered = render_card(face, signer, issued_on=date.today(), bleed_mm=bleed_mm)
    _write(out, rendered.pdf)
    print(
        f"{out}: card face, 2 pages, {len(rendered.pdf)} bytes, seal of {len(rendered.seal)} bytes"
    )
    return 0


def certificate(config: Configuration, *, out: str, demo: bool, seed: int | None = None) -> int:
    """Write a copy of the resident record PDF; today only the demo household is available."""
    if not demo:
        raise PrintOutputError("only --demo is available from the command line")
    signer = seal_signer_for(config)
    record = demo_certificate(seed if seed is not None else DEMO_SEED, today=date.today())
    rendered = render_certificate(record, signer)
    _write(out, rendered.pdf)
    print(
        f"{out}: certificate, {rendered.pages} pages, {len(rendered.pdf)} bytes, "
        f"seal of {len(rendered.seal)} bytes"
    )
    return 0
