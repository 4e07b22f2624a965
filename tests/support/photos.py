"""A photo the card can carry: a plain face-like shape on a background, as a JPEG."""

from __future__ import annotations

import io

from PIL import Image, ImageDraw


def portrait_jpeg() -> bytes:
    """300x400 px, an oval on a light background: passes the photo checks, not one colour."""
    image = Image.new("RGB", (300, 400), "#dde")
    ImageDraw.Draw(image).ellipse((80, 60, 220, 260), fill="#a86")
    out = io.BytesIO()
    image.save(out, "JPEG", quality=70)
    return out.getvalue()
