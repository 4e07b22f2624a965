"""How the copy-evident background behaves under a copier, measured on rasters.

The copier model: a Gaussian blur of 0.10 mm (standard deviation; a copier's optics and scan
resolution), then a threshold at half the ink's darkness (a copier's black/white decision for
light tints). Dots much smaller than the blur fade below the threshold; the hidden word's larger
dots keep a core above it. docs/printing.md shows the result; tests measure it.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Final

from PIL import Image, ImageFilter, ImageStat

from counter_app.printing.fonts import japanese_fonts
from counter_app.printing.layouts import A4_HEIGHT_MM, A4_WIDTH_MM
from counter_app.printing.patterns import MM, PantographParameters
from counter_app.printing.raster import rasterise_pdf
from counter_app.printing.render import new_canvas

COPIER_BLUR_MM: Final = 0.10
EDGE_MM: Final = 0.6  # pixels this close to a word's outline are measured by neither side


def ink_darkness(params: PantographParameters) -> float:
    """1 minus the luminance of the pantograph ink (0 white, 1 black)."""
    r, g, b = params.ink
    return 1 - (0.299 * r + 0.587 * g + 0.114 * b)


def simulate_copy(
    image: Image.Image, dpi: float, params: PantographParameters, blur_mm: float = COPIER_BLUR_MM
) -> Image.Image:
    """What a copier makes of a grey raster: blur, then black where darker than half the ink."""
    blurred = image.convert("L").filter(ImageFilter.GaussianBlur(blur_mm / 25.4 * dpi))
    level = round(255 * (1 - ink_darkness(params) / 2))
    return blurred.point(lambda v: 0 if v < level else 255)


def words_mask_pdf(
    words: tuple[tuple[float, float, float], ...], params: PantographParameters
) -> bytes:
    """An A4 page with the hidden words in solid black at their positions (a measuring mask)."""
    out = io.BytesIO()
    fonts = japanese_fonts()
    canvas = new_canvas(out, A4_WIDTH_MM * MM, A4_HEIGHT_MM * MM, fonts)
    canvas.setFillGray(0)
    for x, y, size in words:
        canvas.setFont(fonts.gothic, size)
        canvas.drawString(x, y, params.word)
    canvas.showPage()
    canvas.save()
    return out.getvalue()


@dataclass(frozen=True)
class Contrast:
    """Mean darkness (0 white, 1 black) inside the hidden words and outside them."""

    inside: float
    outside: float

    @property
    def difference(self) -> float:
        return self.inside - self.outside


def measure(image: Image.Image, mask: Image.Image, dpi: float) -> Contrast:
    """Mean darkness of `image` inside and outside the black areas of `mask`, edges excluded."""
    radius = max(1, round(EDGE_MM / 25.4 * dpi))
    solid = mask.convert("L").point(lambda v: 255 if v < 128 else 0)
    # A box blur is 255 only where the whole neighbourhood is word, 0 where none of it is.
    spread = solid.filter(ImageFilter.BoxBlur(radius))
    inside = spread.point(lambda v: 255 if v >= 254 else 0)
    outside = spread.point(lambda v: 255 if v <= 1 else 0)
    dark = image.convert("L").point(lambda v: 255 - v)
    return Contrast(
        inside=ImageStat.Stat(dark, inside).mean[0] / 255,
        outside=ImageStat.Stat(dark, outside).mean[0] / 255,
    )


def raster_pair(
    background_pdf: bytes,
    words: tuple[tuple[float, float, float], ...],
    params: PantographParameters,
    dpi: float,
    crop_mm: tuple[float, float, float, float],
) -> tuple[Image.Image, Image.Image]:
    """The background and the words mask rasterised at `dpi`, cropped to (x, y, w, h) in mm."""
    x, y, w, h = crop_mm
    crop = (x * MM, y * MM, (A4_WIDTH_MM - x - w) * MM, (A4_HEIGHT_MM - y - h) * MM)
    page = rasterise_pdf(background_pdf, dpi, grey=True, crop_pt=crop)[0]
    mask = rasterise_pdf(words_mask_pdf(words, params), dpi, grey=True, crop_pt=crop)[0]
    return page, mask
