"""Shared rendering helpers: a canvas with embedded fonts only, fitted text, pure-black QR."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any, Final

from reportlab import rl_config
from reportlab.lib.colors import Color
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.pdfgen.pathobject import PDFPathObject

from counter_app.printing.fonts import Fonts, japanese_fonts, text_width
from counter_app.printing.layouts import Box, TextSlot
from counter_app.printing.qr import qr_matrix
from counter_app.printing.text_fit import FittedText, fit_text

MM: Final = 72 / 25.4
ASCENT: Final = 0.88  # IPAex glyphs rise 0.88 em above the baseline and sink 0.12 below
QUIET_MODULES: Final = 2
Canvas = Any

# Streams are Flate-compressed binary; reportlab's default ASCII85 wrapping makes files 25 %
# larger and, without its C accelerator, takes most of the render time.
rl_config.useA85 = 0


@dataclass(frozen=True)
class PlacedText:
    """A text as set: its slot, lines and size, and the width and height it takes (in points)."""

    slot: str
    box: Box
    lines: tuple[str, ...]
    size: float
    width: float
    height: float


def new_canvas(out: io.BytesIO, width_pt: float, height_pt: float, fonts: Fonts) -> Canvas:
    """A compressed PDF canvas whose initial font is ours, so no unembedded font is listed."""
    canvas = rl_canvas.Canvas(
        out,
        pagesize=(width_pt, height_pt),
        pageCompression=1,
        initialFontName=fonts.gothic,
        invariant=1,  # the same input gives the same bytes (no creation date or random ID)
    )
    canvas.setCreator("Resident Card Counter")
    return canvas


def place_text(canvas: Canvas, name: str, slot: TextSlot, text: str) -> PlacedText:
    """Fit `text` into its slot and draw it; raises TextTooLongError rather than clip."""
    fonts = japanese_fonts()
    font = fonts.gothic if slot.font == "gothic" else fonts.mincho
    box = slot.box
    fitted: FittedText = fit_text(
        text,
        font,
        width=box.w * MM,
        height=box.h * MM,
        max_size=slot.max_size,
        min_size=slot.min_size,
        max_lines=slot.max_lines,
    )
    canvas.setFont(font, fitted.size)
    # Centre the block vertically in its box.
    top = box.top * MM - (box.h * MM - fitted.height) / 2
    baseline = top - fitted.size * ASCENT
    for i, line in enumerate(fitted.lines):
        y = baseline - i * fitted.leading
        line_w = text_width(line, font, fitted.size)
        if slot.align == "left":
            x = box.x * MM
        elif slot.align == "right":
            x = box.right * MM - line_w
        else:
            x = box.x * MM + (box.w * MM - line_w) / 2
        canvas.drawString(x, y, line)
    return PlacedText(name, box, fitted.lines, fitted.size, fitted.width, fitted.height)


def draw_qr(canvas: Canvas, text: str, box: Box) -> float:
    """The QR code of `text` in pure black on white, filling `box` with its quiet zone.

    Returns the module size in millimetres. Dark modules are merged into horizontal runs and
    drawn as one path, so the code is a few hundred rectangles, not thousands.
    """
    matrix = qr_matrix(text)
    n = len(matrix)
    module = min(box.w, box.h) * MM / (n + 2 * QUIET_MODULES)
    x0 = box.x * MM + QUIET_MODULES * module
    y0 = box.y * MM + QUIET_MODULES * module
    canvas.saveState()
    canvas.setFillColor(Color(1, 1, 1))
    canvas.rect(box.x * MM, box.y * MM, box.w * MM, box.h * MM, stroke=0, fill=1)
    canvas.setFillGray(0)  # DeviceGray 0: black ink only, never a rich black or a tint
    runs: list[str] = []
    for row, cells in enumerate(matrix):
        y = y0 + (n - 1 - row) * module
        col = 0
        while col < n:
            if not cells[col]:
                col += 1
                continue
            start = col
            while col < n and cells[col]:
                col += 1
            runs.append(
                f"{x0 + start * module:.3f} {y:.3f} {(col - start) * module:.3f} {module:.3f} re"
            )
    path = PDFPathObject(code=[" ".join(runs)])
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.restoreState()
    return module / MM
