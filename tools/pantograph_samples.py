"""Render the certificate's copy-evident background for docs/printing.md.

    .venv/bin/python tools/pantograph_samples.py

writes docs/images/pantograph-600dpi.png (the original at 600 dpi), pantograph-blurred.png
(after the copier's 0.10 mm blur) and pantograph-copy.png (blurred, then thresholded as a copier
does), all of the same 40 x 30 mm detail, and prints the measured darkness inside and outside
the hidden word for the table in the doc.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PIL import ImageFilter

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from counter_app.printing.certificate import render_certificate  # noqa: E402
from counter_app.printing.copy_evidence import (  # noqa: E402
    COPIER_BLUR_MM,
    measure,
    raster_pair,
    simulate_copy,
)
from counter_app.printing.demo import demo_certificate  # noqa: E402
from counter_app.printing.patterns import MM, PantographParameters  # noqa: E402
from counter_app.printing.seal_keys import load_or_create_seal_signer  # noqa: E402

DPI = 600
OUT = ROOT / "docs" / "images"


def main() -> int:
    params = PantographParameters()
    with tempfile.TemporaryDirectory() as home:
        signer = load_or_create_seal_signer(Path(home))
        rendered = render_certificate(demo_certificate(members=1), signer, background_only=True)
    x, y, _size = rendered.pantograph_words[0]
    # A detail across the word's left edge: plain background on the left, the word on the right.
    detail = (x / MM - 6, y / MM + 2, 40.0, 30.0)
    image, _mask = raster_pair(rendered.pdf, rendered.pantograph_words, params, DPI, detail)
    blurred = image.filter(ImageFilter.GaussianBlur(COPIER_BLUR_MM / 25.4 * DPI))
    copy = simulate_copy(image, DPI, params)
    OUT.mkdir(parents=True, exist_ok=True)
    image.save(OUT / "pantograph-600dpi.png", optimize=True)
    blurred.save(OUT / "pantograph-blurred.png", optimize=True)
    copy.convert("1").save(OUT / "pantograph-copy.png", optimize=True)
    page = (12.0, 10.0, 186.0, 277.0)
    full, full_mask = raster_pair(rendered.pdf, rendered.pantograph_words, params, DPI, page)
    for name, picture in (
        ("original", full),
        ("copy", simulate_copy(full, DPI, params)),
    ):
        contrast = measure(picture, full_mask, DPI)
        print(f"{name}: darkness inside {contrast.inside:.4f}, outside {contrast.outside:.4f}")
    print(f"wrote {', '.join(p.name for p in sorted(OUT.glob('pantograph-*.png')))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
