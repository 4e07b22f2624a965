"""The project's own logo mark, read from resources/logo/counter-mark.svg and drawn as vectors.

Only the SVG elements the mark uses are understood: circle, rect, polygon, and path with
absolute M, L, C and Z commands; anything else is an error, so the file cannot silently drift.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Final

from reportlab.lib.colors import Color, HexColor

LOGO_PATH: Final = Path(__file__).resolve().parents[2] / "resources" / "logo" / "counter-mark.svg"
_SVG: Final = "{http://www.w3.org/2000/svg}"
_NUMBER: Final = re.compile(r"-?\d+(?:\.\d+)?")
Canvas = Any


class LogoError(ValueError):
    """The logo file uses SVG this drawer does not understand."""


@dataclass(frozen=True)
class Shape:
    """One element of the mark, in SVG units (y down)."""

    kind: str  # circle, rect, polygon, path
    numbers: tuple[float, ...]
    commands: str  # for a path: the command letters in order
    fill: str | None
    stroke: str | None
    stroke_width: float


@dataclass(frozen=True)
class Logo:
    """The mark: its view box size and its shapes."""

    width: float
    height: float
    shapes: tuple[Shape, ...]


def _paint(value: str | None) -> str | None:
    return None if value in (None, "none") else value


@cache
def load_logo(path: Path = LOGO_PATH) -> Logo:
    """The mark parsed from its SVG file."""
    root = ET.parse(path).getroot()
    box = [float(v) for v in root.attrib["viewBox"].split()]
    shapes = []
    for element in root:
        tag = element.tag.removeprefix(_SVG)
        a = element.attrib
        fill, stroke = _paint(a.get("fill", "#000000")), _paint(a.get("stroke"))
        width = float(a.get("stroke-width", "1"))
        if tag == "circle":
            numbers = tuple(float(a[k]) for k in ("cx", "cy", "r"))
            shapes.append(Shape(tag, numbers, "", fill, stroke, width))
        elif tag == "rect":
            numbers = tuple(float(a[k]) for k in ("x", "y", "width", "height"))
            shapes.append(Shape(tag, numbers, "", fill, stroke, width))
        elif tag == "polygon":
            numbers = tuple(float(n) for n in _NUMBER.findall(a["points"]))
            shapes.append(Shape(tag, numbers, "", fill, stroke, width))
        elif tag == "path":
            d = a["d"]
            commands = "".join(re.findall(r"[A-Za-z]", d))
            if set(commands) - set("MLCZ"):
                raise LogoError(f"path commands {commands!r}: only absolute M, L, C, Z")
            numbers = tuple(float(n) for n in _NUMBER.findall(d))
            shapes.append(Shape(tag, numbers, commands, fill, stroke, width))
        else:
            raise LogoError(f"<{tag}> is not drawn; use circle, rect, polygon or path")
    return Logo(box[2], box[3], tuple(shapes))


def _color(value: str) -> Color:
    return HexColor(value)


def draw_logo(canvas: Canvas, x: float, y: float, size: float) -> None:
    """Draw the mark with its lower-left corner at (x, y), `size` points square."""
    logo = load_logo()
    scale = size / max(logo.width, logo.height)
    canvas.saveState()
    canvas.translate(x, y + size)
    canvas.scale(scale, -scale)  # SVG's y axis points down
    for shape in logo.shapes:
        n = shape.numbers
        path = canvas.beginPath()
        if shape.kind == "circle":
            path.circle(n[0], n[1], n[2])
        elif shape.kind == "rect":
            path.rect(n[0], n[1], n[2], n[3])
        elif shape.kind == "polygon":
            path.moveTo(n[0], n[1])
            for i in range(2, len(n), 2):
                path.lineTo(n[i], n[i + 1])
            path.close()
        else:
            i = 0
            for command in shape.commands:
                if command in "ML":
                    (path.moveTo if command == "M" else path.lineTo)(n[i], n[i + 1])
                    i += 2
                elif command == "C":
                    path.curveTo(*n[i : i + 6])
                    i += 6
                else:
                    path.close()
        if shape.fill:
            canvas.setFillColor(_color(shape.fill))
        if shape.stroke:
            canvas.setStrokeColor(_color(shape.stroke))
            canvas.setLineWidth(shape.stroke_width)
        canvas.drawPath(path, stroke=1 if shape.stroke else 0, fill=1 if shape.fill else 0)
    canvas.restoreState()
