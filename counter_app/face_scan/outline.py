"""The straightened scan with each mismatching field outlined in red, for the window and reports."""

from __future__ import annotations

import io
from typing import Final

from PIL import Image, ImageDraw

from counter_app.face_scan.report import FaceComparison

RED: Final = (220, 0, 0)
LINE_PX: Final = 4


def outlined_scan(comparison: FaceComparison) -> Image.Image:
    """The comparison's straightened scan, each failed or unknown field's region outlined in red.

    An empty image (1 x 1, white) when the face was compared by eye (no scan).
    """
    if not comparison.scan_png:
        return Image.new("RGB", (1, 1), (255, 255, 255))
    image = Image.open(io.BytesIO(comparison.scan_png)).convert("RGB")
    draw = ImageDraw.Draw(image)
    for mismatch in comparison.mismatches:
        region = mismatch.region
        if region is None:
            continue
        draw.rectangle(
            (
                region.left - LINE_PX,
                region.top - LINE_PX,
                region.left + region.width + LINE_PX - 1,
                region.top + region.height + LINE_PX - 1,
            ),
            outline=RED,
            width=LINE_PX,
        )
    return image


def outlined_scan_png(comparison: FaceComparison) -> bytes:
    """`outlined_scan` as PNG bytes."""
    out = io.BytesIO()
    outlined_scan(comparison).save(out, format="PNG")
    return out.getvalue()
