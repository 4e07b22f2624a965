"""Printed matter: render time of a card face and a certificate (median of many), file sizes.

Fonts are registered and the municipality's patterns generated once before timing, as in the
running app; each timed render signs its seal, builds its QR code and writes the whole PDF.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks import Row, median_and_p99
from counter_app.printing.card_face import AddressChange, render_address_change, render_card
from counter_app.printing.certificate import render_certificate
from counter_app.printing.demo import (
    DEMO_TODAY,
    demo_card_face,
    demo_certificate,
    demo_long_card_face,
)
from counter_app.printing.seal_keys import load_or_create_seal_signer

ROUNDS = 60
WARM_UP = 5


def _time(render: Callable[[], bytes]) -> tuple[list[float], int]:
    """Milliseconds of ROUNDS renders after a warm-up, and the size of the last PDF."""
    size = 0
    for _ in range(WARM_UP):
        render()
    samples = []
    for _ in range(ROUNDS):
        started = time.perf_counter_ns()
        size = len(render())
        samples.append((time.perf_counter_ns() - started) / 1e6)
    return samples, size


def run() -> list[Row]:
    with tempfile.TemporaryDirectory() as home:
        signer = load_or_create_seal_signer(Path(home))
    card, long_card, record = demo_card_face(), demo_long_card_face(), demo_certificate()
    one_page = demo_certificate(members=3)
    change = AddressChange(DEMO_TODAY, "見本県見本市港町４丁目５番６号")
    cases: list[tuple[str, Callable[[], bytes], float]] = [
        (
            "card face, front and back",
            lambda: render_card(card, signer, issued_on=DEMO_TODAY).pdf,
            50,
        ),
        (
            "card face, long name and address",
            lambda: render_card(long_card, signer, issued_on=DEMO_TODAY).pdf,
            50,
        ),
        ("address-change line only", lambda: render_address_change(card, change).pdf, 50),
        ("certificate, 1 page", lambda: render_certificate(one_page, signer).pdf, 200),
        ("certificate, 2 pages", lambda: render_certificate(record, signer).pdf, 200),
    ]
    rows: list[Row] = []
    for label, render, budget in cases:
        samples, size = _time(render)
        median, p99 = median_and_p99(samples)
        rows.append(Row(f"render {label}: median", median, "ms"))
        rows.append(Row(f"render {label}: p99", p99, "ms"))
        rows.append(Row(f"render {label}: median / budget {budget:.0f} ms", median / budget, "x"))
        rows.append(Row(f"PDF {label}", size / 1000, "kB"))
    return rows
