"""A scan or photo of the card face as an image: from a file's bytes, upright by its EXIF tag."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from counter_app.errors import CounterError

MAX_PIXELS = 80_000_000  # a card at 1200 dpi on an A4 bed is far less; a bomb is refused


class ScanImageError(CounterError):
    """The scan could not be read as an image."""

    what = "The scanned image of the card face could not be read."
    todo = "Scan the card again, or choose a PNG, JPEG or TIFF image file of the card face."


def load_scan(source: bytes | Path | Image.Image) -> Image.Image:
    """The scan as an RGB image, turned upright as its EXIF orientation says (phone photos)."""
    if isinstance(source, Image.Image):
        image = source
    else:
        try:
            data = source.read_bytes() if isinstance(source, Path) else source
        except OSError as exc:
            raise ScanImageError(f"cannot read the file: {exc.strerror}") from None
        try:
            image = Image.open(io.BytesIO(data))
            if image.width * image.height > MAX_PIXELS:
                raise ScanImageError(f"the image has {image.width} x {image.height} pixels")
            image.load()
        except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
            raise ScanImageError(f"not an image PIL can read: {exc}") from None
    upright = ImageOps.exif_transpose(image) or image
    return upright.convert("RGB")
