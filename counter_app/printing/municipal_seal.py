"""The municipal seal image (角印) printed on certificates, drawn as vectors in seal red."""

from __future__ import annotations

import math
from typing import Any, Final

from reportlab.lib.colors import Color

from counter_app.printing.fonts import japanese_fonts, text_width

SEAL_RED: Final = Color(0.84, 0.16, 0.13)
Canvas = Any


def seal_characters(mayor: str) -> str:
    """The seal's text: the mayor's title and 之印, padded to fill a square grid."""
    text = f"{mayor}之印"
    if len(text) % 2 and len(text) > 3:
        text = f"{mayor}印"
    return text


def draw_municipal_seal(canvas: Canvas, x: float, y: float, size: float, mayor: str) -> None:
    """A square seal `size` points wide at (x, y): double border and the characters in columns
    read top to bottom, right to left, as seals are cut."""
    fonts = japanese_fonts()
    chars = seal_characters(mayor)
    columns = max(2, math.ceil(math.sqrt(len(chars))))
    rows = math.ceil(len(chars) / columns)
    canvas.saveState()
    canvas.setStrokeColor(SEAL_RED)
    canvas.setFillColor(SEAL_RED)
    canvas.setLineWidth(size * 0.045)
    canvas.rect(x, y, size, size, stroke=1, fill=0)
    inset = size * 0.085
    canvas.setLineWidth(size * 0.012)
    canvas.rect(x + inset, y + inset, size - 2 * inset, size - 2 * inset, stroke=1, fill=0)
    inner = size - 2 * inset
    cell_w, cell_h = inner / columns, inner / rows
    font_size = min(cell_w, cell_h) * 0.9
    for i, char in enumerate(chars):
        column, row = divmod(i, rows)
        cx = x + inset + inner - (column + 0.5) * cell_w
        cy = y + inset + inner - (row + 0.5) * cell_h
        width = text_width(char, fonts.mincho, font_size)
        canvas.saveState()
        canvas.translate(cx, cy)
        canvas.scale(
            cell_w / cell_h if rows > columns else 1.0, cell_h / cell_w if columns > rows else 1.0
        )
        canvas.setFont(fonts.mincho, font_size)
        canvas.drawString(-width / 2, -font_size * 0.38, char)
        canvas.restoreState()
    canvas.restoreState()
