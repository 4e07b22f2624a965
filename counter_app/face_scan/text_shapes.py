"""The printed name and address against the chip's images of them, as shapes of ink.

The chip holds the name and address as 1-bit images drawn with the same font as the print but
at another size and with other line breaks. Both are turned into one "strip": the text lines cut
out, scaled to one line height, gaps between characters closed up to a fixed width, and set side
by side. The same text in the same font gives the same strip whatever its size and wrapping; a
different text (another name, one kanji changed, a 外字 replaced by a common character) does not.
The strips are compared with a tolerance of a few pixels for print, scan blur and JPEG, as the
share of each one's ink that lies near the other's (1.0 = the same shapes).
"""

from __future__ import annotations

import io
import itertools
from typing import Final

import numpy as np
from PIL import Image

STRIP_HEIGHT: Final = 32  # pixels a line of text is scaled to
GAP_WIDTH: Final = 3  # every blank gap between inked columns becomes this wide
TOLERANCE: Final = 1  # pixels of the strip that ink may move (dilation radius)
INK_LEVEL: Final = 110  # grey level below which a pixel of the scan is ink (black text)
LINE_GROWTH: Final = 1.2  # pieces of a glyph (号, 三) join while no taller than this x a line
WINDOW_SHIFT: Final = 8  # pixels a window of the strip may move to find its match
MAX_WIDTH_RATIO: Final = 1.25  # strips whose widths differ more are different texts

_Bits = np.ndarray


def chip_ink(png: bytes) -> _Bits:
    """The ink (True) of a chip image (1-bit PNG, black text on white)."""
    with Image.open(io.BytesIO(png)) as image:
        grey = np.asarray(image.convert("L"))
    ink: _Bits = grey < 128
    return ink


def scan_ink(region: Image.Image) -> _Bits:
    """The black text of a scan region; the card's tinted patterns are lighter and drop out."""
    grey = np.asarray(region.convert("L"))
    ink: _Bits = grey < INK_LEVEL
    return ink


def _runs(flags: np.ndarray, min_gap: int = 1) -> list[tuple[int, int]]:
    """Runs of True in `flags`, joining runs separated by fewer than `min_gap` False."""
    runs: list[tuple[int, int]] = []
    start = None
    for i, flag in enumerate(flags.tolist()):
        if flag and start is None:
            start = i
        elif not flag and start is not None:
            runs.append((start, i))
            start = None
    if start is not None:
        runs.append((start, len(flags)))
    joined: list[tuple[int, int]] = []
    for run in runs:
        if joined and run[0] - joined[-1][1] < min_gap:
            joined[-1] = (joined[-1][0], run[1])
        else:
            joined.append(run)
    return joined


def _resize(bits: _Bits, width: int, height: int) -> _Bits:
    image = Image.fromarray((bits * 255).astype(np.uint8))
    scaled = np.asarray(image.resize((max(width, 1), max(height, 1)), Image.Resampling.BOX))
    result: _Bits = scaled >= 96
    return result


def _close_gaps(bits: _Bits) -> _Bits:
    """Every blank column run becomes GAP_WIDTH wide, and the ends are trimmed."""
    inked = np.asarray(bits.any(axis=0))
    pieces = [bits[:, a:b] for a, b in _runs(inked, 1)]
    if not pieces:
        return np.zeros((bits.shape[0], 0), dtype=bool)
    gap = np.zeros((bits.shape[0], GAP_WIDTH), dtype=bool)
    parts: list[_Bits] = []
    for piece in pieces:
        if parts:
            parts.append(gap)
        parts.append(piece)
    return np.hstack(parts)


def _lines(runs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Inked row runs joined into text lines: a glyph with a blank row inside (号) is one line."""
    if not runs:
        return []
    line_height = max(b - a for a, b in runs)
    lines = [runs[0]]
    for a, b in runs[1:]:
        if b - lines[-1][0] <= LINE_GROWTH * line_height:
            lines[-1] = (lines[-1][0], b)
        else:
            lines.append((a, b))
    return lines


def text_strip(ink: _Bits) -> _Bits:
    """The text's lines at STRIP_HEIGHT, side by side, gaps closed (see the module's doc)."""
    rows = ink.sum(axis=1) >= 2  # a row with a pixel or two of noise is blank
    lines = _lines([(a, b) for a, b in _runs(rows) if b - a >= 2])
    if not lines:
        return np.zeros((STRIP_HEIGHT, 0), dtype=bool)
    heights = sorted(b - a for a, b in lines)
    scale = STRIP_HEIGHT / heights[len(heights) // 2]
    pieces = []
    for a, b in lines:
        line = ink[a:b]
        cols = np.flatnonzero(line.any(axis=0))
        line = line[:, cols[0] : cols[-1] + 1]
        width = round(line.shape[1] * scale)
        height = min(round(line.shape[0] * scale), STRIP_HEIGHT * 2)
        scaled = _resize(line, width, height)
        canvas = np.zeros((STRIP_HEIGHT, width), dtype=bool)
        top = max((STRIP_HEIGHT - height) // 2, 0)
        rows_in = min(height, STRIP_HEIGHT)
        src_top = max((height - STRIP_HEIGHT) // 2, 0)
        canvas[top : top + rows_in] = scaled[src_top : src_top + rows_in]
        pieces.append(_close_gaps(canvas))
    return _close_gaps(np.hstack(pieces))


def _dilate(bits: _Bits, radius: int) -> _Bits:
    out = bits.copy()
    for dy in range(-radius, radius + 1):
        for dx in range(-radius, radius + 1):
            out |= np.roll(np.roll(bits, dy, axis=0), dx, axis=1)
    return out


def _near(a: _Bits, b: _Bits) -> float:
    """The share of a's ink within TOLERANCE pixels of b's ink."""
    total = int(a.sum())
    if total == 0:
        return 0.0
    return float((a & _dilate(b, TOLERANCE)).sum()) / total


def _window_score(expected: _Bits, found: _Bits) -> float:
    if not expected.any() and not found.any():
        return 1.0
    return min(_near(expected, found), _near(found, expected))


def strip_similarity(expected: _Bits, found: _Bits) -> float:
    """How alike two strips are: 1.0 the same shapes, near 0 unrelated (see the module's doc).

    The found strip is scaled to the expected one's width, then compared window by window (about
    one character each), each window at its best small shift, since the two renderers place
    glyphs a little differently; the score is the worst window's, so one changed character counts.
    """
    we, wf = expected.shape[1], found.shape[1]
    if we == 0 or wf == 0:
        return 0.0
    if max(we, wf) / min(we, wf) > MAX_WIDTH_RATIO:
        return 0.0
    scaled = _resize(found, we, STRIP_HEIGHT)
    pad = np.zeros((STRIP_HEIGHT, WINDOW_SHIFT), dtype=bool)
    padded = np.hstack([pad, scaled, pad])
    worst = 1.0
    count = max(round(we / STRIP_HEIGHT), 1)
    edges = np.linspace(0, we, count + 1).round().astype(int).tolist()
    for x0, x1 in itertools.pairwise(edges):
        window = expected[:, x0:x1]
        width = x1 - x0
        best = max(
            _window_score(window, np.roll(padded[:, x0 + d : x0 + d + width], dy, axis=0))
            for d in range(0, 2 * WINDOW_SHIFT + 1, 2)
            for dy in (-1, 0, 1)
        )
        worst = min(worst, best)
    return worst


def text_similarity(chip_png: bytes, region: Image.Image) -> float:
    """The chip's text image against the printed text in `region` of the straightened scan."""
    return strip_similarity(text_strip(chip_ink(chip_png)), text_strip(scan_ink(region)))
