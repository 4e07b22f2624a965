"""Fit text into a box: the largest size at which it fits, wrapped if allowed, never clipped."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from counter_app.card.face_images import TextTooLongError
from counter_app.printing.fonts import text_width

LEADING: Final = 1.18  # line pitch as a multiple of the font size
SIZE_STEP: Final = 0.25  # points
# Lines may not start with these (kinsoku shori, simplified).
_NO_LINE_START: Final = frozenset(
    "、。，．,.）)」』】〕〉》・ー～ァィゥェォッャュョぁぃぅぇぉっゃゅょ々"
)
_SPACES: Final = (" ", "\u3000")


@dataclass(frozen=True)
class FittedText:
    """Lines and the size they are set at; `width` and `height` are what they take."""

    lines: tuple[str, ...]
    size: float
    width: float
    height: float

    @property
    def leading(self) -> float:
        return self.size * LEADING


def _break_at(line: str, char: str) -> int:
    """Where to end a full line before `char`: at the last space, else before a good character."""
    space = max(line.rfind(s) for s in _SPACES)
    if space > 0 and char not in _SPACES:
        return space
    joined = line + char
    for k in range(len(line), max(0, len(line) - 6), -1):
        if joined[k] not in _NO_LINE_START and not (
            joined[k - 1].isdigit() and joined[k].isdigit()
        ):
            return k
    return len(line)


def wrap(text: str, font: str, size: float, width: float) -> list[str] | None:
    """Greedy line breaking, preferring spaces; None when one character is wider than `width`."""
    lines: list[str] = []
    line = ""
    for char in text:
        if not line and char in _SPACES:
            continue
        if text_width(line + char, font, size) <= width:
            line += char
            continue
        if not line:
            return None
        k = _break_at(line, char)
        joined = line + char
        lines.append(joined[:k].rstrip(" \u3000"))
        line = joined[k:].lstrip(" \u3000")
        if text_width(line, font, size) > width:
            return None
    if line.strip():
        lines.append(line.rstrip(" \u3000"))
    return lines


def fit_text(
    text: str,
    font: str,
    *,
    width: float,
    height: float,
    max_size: float,
    min_size: float,
    max_lines: int = 1,
) -> FittedText:
    """The largest size from `max_size` down to `min_size` at which `text` fits the box."""
    size = max_size
    while size >= min_size - 1e-9:
        lines = [text] if max_lines == 1 else wrap(text, font, size, width)
        if lines and len(lines) <= max_lines:
            widest = max(text_width(line, font, size) for line in lines)
            # The first line takes one em; each further line one leading.
            taken = size + (len(lines) - 1) * size * LEADING
            if widest <= width and taken <= height:
                return FittedText(tuple(lines), size, widest, taken)
        size -= SIZE_STEP
    raise TextTooLongError(f"{len(text)} characters do not fit {width:.0f} x {height:.0f} pt")
