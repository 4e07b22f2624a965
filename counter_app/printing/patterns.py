"""Security patterns as vectors: guilloche rosettes, fine-line waves, microtext, rainbow band,
and the void pantograph of certificates. Every pattern is generated from parameters derived from
the municipality's code, so each municipality's pattern differs and is hard to redraw."""

from __future__ import annotations

import hashlib
import math
import random
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Final

from reportlab.lib.colors import Color
from reportlab.pdfgen.pathobject import PDFPathObject

from counter_app.printing.fonts import text_width

MM: Final = 72 / 25.4
Canvas = Any  # reportlab's Canvas is untyped


@dataclass(frozen=True)
class PatternParameters:
    """The numbers a municipality's patterns are drawn from (derived from its code)."""

    seed: int
    rosette_lobes: int  # outer lobes of the spirograph curve
    rosette_inner: int  # the rolling circle's lobes; coprime with rosette_lobes
    rosette_pen: float  # pen distance, as a fraction of the rolling circle
    rosette_curves: int  # copies of the curve, each turned a little
    rosette_swell: float  # radial modulation of the copies
    wave_period_mm: float
    wave_amplitude_mm: float
    wave_pitch_mm: float  # distance between fine lines
    wave_drift: float  # phase drift from one line to the next
    hue: float  # 0..1, the tint of the background lines


def pattern_parameters(municipality_code: str) -> PatternParameters:
    """The pattern parameters of a municipality (stable: the same code, the same pattern)."""
    seed = int.from_bytes(hashlib.sha256(f"pattern:{municipality_code}".encode()).digest()[:8])
    rng = random.Random(seed)
    lobes = rng.choice((11, 13, 17, 19, 23))
    inner = rng.choice([n for n in (3, 4, 5, 7, 8, 9) if math.gcd(n, lobes) == 1])
    return PatternParameters(
        seed=seed,
        rosette_lobes=lobes,
        rosette_inner=inner,
        rosette_pen=rng.uniform(0.55, 0.9),
        rosette_curves=rng.randint(6, 8),
        rosette_swell=rng.uniform(0.04, 0.12),
        wave_period_mm=rng.uniform(9.0, 16.0),
        wave_amplitude_mm=rng.uniform(0.8, 1.8),
        wave_pitch_mm=rng.uniform(0.9, 1.2),
        wave_drift=rng.uniform(0.15, 0.45),
        hue=rng.random(),
    )


UNIT: Final = 0.1  # pattern paths are written in tenths of a point, as integers


def _n(value: float) -> str:
    return str(round(value / UNIT))


def _closed_curve(points: Sequence[tuple[float, float]]) -> str:
    """A smooth closed curve through `points` (Catmull-Rom as cubic Bezier segments)."""
    n = len(points)
    parts = [f"{_n(points[0][0])} {_n(points[0][1])} m"]
    for i in range(n):
        (x0, y0), (x1, y1) = points[i - 1], points[i]
        (x2, y2), (x3, y3) = points[(i + 1) % n], points[(i + 2) % n]
        c1 = (x1 + (x2 - x0) / 6, y1 + (y2 - y0) / 6)
        c2 = (x2 - (x3 - x1) / 6, y2 - (y3 - y1) / 6)
        parts.append(f"{_n(c1[0])} {_n(c1[1])} {_n(c2[0])} {_n(c2[1])} {_n(x2)} {_n(y2)} c")
    parts.append("h")
    return " ".join(parts)


@lru_cache(maxsize=32)
def rosette_code(params: PatternParameters, radius: float, samples_per_loop: int = 6) -> str:
    """PDF path operators of a guilloche rosette centred on (0, 0), `radius` points across.

    Coordinates are in tenths of a point: draw with draw_code, which scales them.
    """
    lobes, inner = params.rosette_lobes, params.rosette_inner
    # A circle of `inner` units rolling around one of `lobes` units (an epitrochoid) closes
    # after `inner` turns, making lobes + inner loops; the copies are turned by a fraction of a
    # lobe and swell in and out.
    big, small = float(lobes), float(inner)
    pen = params.rosette_pen * small
    extent = big + small + pen
    steps = samples_per_loop * (lobes + inner)
    curves = []
    for k in range(params.rosette_curves):
        turn = 2 * math.pi * k / (params.rosette_curves * lobes)
        scale = radius / extent * (1 - params.rosette_swell * (k % 3) / 2)
        c, s = math.cos(turn), math.sin(turn)
        points = []
        for i in range(steps):
            t = 2 * math.pi * inner * i / steps
            x = (big + small) * math.cos(t) - pen * math.cos((big + small) / small * t)
            y = (big + small) * math.sin(t) - pen * math.sin((big + small) / small * t)
            points.append(((x * c - y * s) * scale, (x * s + y * c) * scale))
        curves.append(_closed_curve(points))
    return " ".join(curves)


@lru_cache(maxsize=32)
def waves_code(
    params: PatternParameters, width: float, height: float, pitch_scale: float = 1.0
) -> str:
    """PDF path operators of fine wavy lines filling a width x height rectangle at (0, 0).

    Each line is a sine whose amplitude swells slowly, as cubic segments a quarter period long
    (Hermite form, exact to a fraction of the line width). Units as rosette_code.
    """
    pitch = params.wave_pitch_mm * MM * pitch_scale
    period = params.wave_period_mm * MM
    amplitude = params.wave_amplitude_mm * MM
    k = 2 * math.pi / period
    slow = 2 * math.pi / (period * 5.3)
    h = period / 4
    lines = []
    for j in range(-1, int(height / pitch) + 2):
        base, phase = j * pitch, j * params.wave_drift

        def y_and_slope(x: float, base: float = base, phase: float = phase) -> tuple[float, float]:
            swell = 1 + 0.35 * math.sin(slow * x + phase / 3)
            dswell = 0.35 * slow * math.cos(slow * x + phase / 3)
            wave, dwave = math.sin(k * x + phase), k * math.cos(k * x + phase)
            return base + amplitude * swell * wave, amplitude * (dswell * wave + swell * dwave)

        y, dy = y_and_slope(0.0)
        parts = [f"0 {_n(y)} m"]
        x = 0.0
        while x < width:
            x2 = x + h
            y2, dy2 = y_and_slope(x2)
            parts.append(
                f"{_n(x + h / 3)} {_n(y + dy * h / 3)} {_n(x2 - h / 3)} {_n(y2 - dy2 * h / 3)} "
                f"{_n(x2)} {_n(y2)} c"
            )
            x, y, dy = x2, y2, dy2
        lines.append(" ".join(parts))
    return " ".join(lines)


def background_tint(params: PatternParameters, lightness: float = 0.78) -> Color:
    """A pale colour of the municipality's hue for background lines."""
    import colorsys

    r, g, b = colorsys.hls_to_rgb(params.hue, lightness, 0.55)
    return Color(r, g, b)


def draw_code(canvas: Canvas, code: str, *, x: float, y: float, color: Color, width: float) -> None:
    """Stroke cached path operators (in tenths of a point) translated to (x, y)."""
    canvas.saveState()
    canvas.translate(x, y)
    canvas.scale(UNIT, UNIT)
    canvas.setStrokeColor(color)
    canvas.setLineWidth(width / UNIT)
    canvas.setLineJoin(1)
    canvas.drawPath(PDFPathObject(code=[code]), stroke=1, fill=0)
    canvas.restoreState()


def draw_microtext_line(
    canvas: Canvas,
    text: str,
    *,
    x: float,
    y: float,
    length: float,
    font: str,
    size: float,
    angle: float = 0.0,
    color: Color | None = None,
) -> str:
    """Repeat `text` along a line `length` points long at `size` points; returns what was set."""
    unit = text_width(text, font, size)
    if unit <= 0:
        return ""
    line = text * max(1, int(length // unit))
    while text_width(line, font, size) > length and line:
        line = line[:-1]
    canvas.saveState()
    canvas.translate(x, y)
    canvas.rotate(angle)
    canvas.setFillColor(color if color is not None else Color(0.2, 0.25, 0.3))
    canvas.setFont(font, size)
    canvas.drawString(0, 0, line)
    canvas.restoreState()
    return line


RAINBOW: Final = (
    Color(0.86, 0.42, 0.55),
    Color(0.96, 0.78, 0.42),
    Color(0.62, 0.84, 0.55),
    Color(0.45, 0.72, 0.88),
    Color(0.63, 0.55, 0.86),
)


def draw_rainbow_band(
    canvas: Canvas, x: float, y: float, width: float, height: float, shift: float = 0.0
) -> None:
    """A horizontal band whose colour flows smoothly (iris print), as one axial shading."""
    colors = list(RAINBOW[int(shift * len(RAINBOW)) % len(RAINBOW) :]) + list(
        RAINBOW[: int(shift * len(RAINBOW)) % len(RAINBOW)]
    )
    canvas.saveState()
    path = canvas.beginPath()
    path.rect(x, y, width, height)
    canvas.clipPath(path, stroke=0, fill=0)
    canvas.linearGradient(x, y, x + width, y, colors, extend=False)
    canvas.restoreState()


# --- the void pantograph ------------------------------------------------------------------------


@dataclass(frozen=True)
class PantographParameters:
    """The dot screens of a copy-evident background (see docs/printing.md)."""

    fine_dot_mm: float = 0.115  # background dots: below a copier's resolving power
    fine_pitch_mm: float = 0.40
    coarse_dot_mm: float = 0.31  # the hidden word's dots: survive copying
    coarse_pitch_mm: float = 1.00
    ink: tuple[float, float, float] = (0.36, 0.42, 0.50)
    word: str = "複写"
    word_height_mm: float = 30.0

    @property
    def fine_coverage(self) -> float:
        return math.pi * (self.fine_dot_mm / 2) ** 2 / self.fine_pitch_mm**2

    @property
    def coarse_coverage(self) -> float:
        return math.pi * (self.coarse_dot_mm / 2) ** 2 / self.coarse_pitch_mm**2


def _dot_rows(
    canvas: Canvas, x: float, y: float, width: float, height: float, dot: float, pitch: float
) -> None:
    """Rows of round dots as dashed lines with round caps: one path for the whole screen."""
    canvas.saveState()
    canvas.setLineWidth(dot)
    canvas.setLineCap(1)
    canvas.setDash([0, pitch], 0)
    parts = []
    row = 0
    yy = y + pitch / 2
    while yy < y + height:
        offset = pitch / 2 if row % 2 else 0.0  # staggered rows look even to the eye
        parts.append(f"{x + offset:.2f} {yy:.2f} m {x + width:.2f} {yy:.2f} l")
        yy += pitch
        row += 1
    canvas.drawPath(PDFPathObject(code=[" ".join(parts)]), stroke=1, fill=0)
    canvas.restoreState()


def pantograph_word_positions(
    x: float, y: float, width: float, height: float, params: PantographParameters, font: str
) -> list[tuple[float, float, float]]:
    """(x, y, size) of each hidden word: a staggered grid over the area."""
    size = params.word_height_mm * MM / 0.88  # IPAex glyphs take about 0.88 em
    word_w = text_width(params.word, font, size)
    step_x, step_y = word_w * 1.45, size * 1.55
    out = []
    row = 0
    yy = y + height - size * 1.15
    while yy > y:
        xx = x + (step_x / 2 if row % 2 else 0.0) + (width - word_w) % step_x / 2
        while xx + word_w <= x + width:
            out.append((xx, yy, size))
            xx += step_x
        yy -= step_y
        row += 1
    return out


def draw_void_pantograph(
    canvas: Canvas,
    x: float,
    y: float,
    width: float,
    height: float,
    font: str,
    params: PantographParameters | None = None,
) -> list[tuple[float, float, float]]:
    """A background that looks uniform but shows the word when copied; returns the words."""
    p = params or PantographParameters()
    ink = Color(*p.ink)
    words = pantograph_word_positions(x, y, width, height, p, font)
    canvas.saveState()
    canvas.setStrokeColor(ink)
    _dot_rows(canvas, x, y, width, height, p.fine_dot_mm * MM, p.fine_pitch_mm * MM)
    canvas.restoreState()
    # Knock the words out of the fine screen, then fill them with the coarse one.
    canvas.saveState()
    canvas.setFillColor(Color(1, 1, 1))
    for wx, wy, size in words:
        canvas.setFont(font, size)
        canvas.drawString(wx, wy, p.word)
    canvas.restoreState()
    canvas.saveState()
    text = canvas.beginText()
    text.setTextRenderMode(7)  # add the glyphs to the clipping path
    for wx, wy, size in words:
        text.setFont(font, size)
        text.setTextOrigin(wx, wy)
        text.textOut(p.word)
    canvas.drawText(text)
    canvas.setStrokeColor(ink)
    _dot_rows(canvas, x, y, width, height, p.coarse_dot_mm * MM, p.coarse_pitch_mm * MM)
    canvas.restoreState()
    return words


def draw_polygon(canvas: Canvas, points: Sequence[tuple[float, float]], color: Color) -> None:
    """A filled polygon."""
    path = canvas.beginPath()
    path.moveTo(*points[0])
    for point in points[1:]:
        path.lineTo(*point)
    path.close()
    canvas.setFillColor(color)
    canvas.drawPath(path, stroke=0, fill=1)
