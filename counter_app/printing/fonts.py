"""The Japanese fonts of every PDF: found at run time, registered once, embedded as subsets."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Final

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from counter_app.card.face_images import FONT_PACKAGE, FontMissingError, find_japanese_font

GOTHIC: Final = "CounterGothic"
MINCHO: Final = "CounterMincho"
# IPAex Mincho beside IPAex Gothic (Debian's fonts-ipaexfont); Gothic stands in when it is absent.
_MINCHO_FILES: Final = (
    "/usr/share/fonts/opentype/ipaexfont-mincho/ipaexm.ttf",
    "/usr/share/fonts/truetype/fonts-japanese-mincho.ttf",
)


@dataclass(frozen=True)
class Fonts:
    """The registered font names and the files they come from."""

    gothic: str
    mincho: str
    gothic_file: Path
    mincho_file: Path


def _register(name: str, path: Path) -> None:
    try:
        # reportlab embeds a TrueType font as subsets of the glyphs a document uses.
        pdfmetrics.registerFont(TTFont(name, str(path)))
    except (TTFError, OSError) as exc:
        raise FontMissingError(
            f"{path} cannot be embedded in a PDF ({exc}); install {FONT_PACKAGE} "
            "or point COUNTER_APP_FONT at a TrueType (.ttf) font"
        ) from exc


_configured_gothic: Path | None = None


def use_font_file(path: Path | None) -> None:
    """Print every PDF of this process with `path` as its Gothic (Configuration.font_file).

    reportlab's font registry is process-wide, so this setting is too: the composition root
    calls it once, before anything is printed; None goes back to the font found on the system.
    """
    global _configured_gothic
    if path != _configured_gothic:
        _configured_gothic = path
        japanese_fonts.cache_clear()


@cache
def japanese_fonts() -> Fonts:
    """Register the Gothic and Mincho fonts with reportlab (once) and name them."""
    gothic = find_japanese_font(_configured_gothic)
    mincho = next((Path(p) for p in _MINCHO_FILES if Path(p).is_file()), gothic)
    # reportlab never replaces a TrueType font registered under a name, so a configured font
    # gets a name of its own.
    suffix = "" if _configured_gothic is None else f"-{abs(hash(str(gothic))):x}"
    _register(GOTHIC + suffix, gothic)
    _register(MINCHO + suffix, mincho)
    return Fonts(GOTHIC + suffix, MINCHO + suffix, gothic, mincho)


@cache
def _unit_width(font: str, char: str) -> float:
    return float(pdfmetrics.stringWidth(char, font, 1.0))


def text_width(text: str, font: str, size: float) -> float:
    """The advance width of `text` in points (per-character widths, cached)."""
    return sum(_unit_width(font, char) for char in text) * size
