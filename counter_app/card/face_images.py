"""The chip's face images: name, address and security code as 1-bit PNG, and a demo photo."""

from __future__ import annotations

import io
import random
import shutil
import subprocess
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Final, Literal

from PIL import Image, ImageDraw, ImageFilter, ImageFont, ImageOps

from counter_app.config import FONT_ENV
from counter_app.errors import CounterError

FONT_PACKAGE: Final = "fonts-ipaexfont"
# Debian's fonts-ipaexfont (and its alternatives links), then older IPA fonts.
FONT_CANDIDATES: Final = (
    "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf",
    "/usr/share/fonts/truetype/fonts-japanese-gothic.ttf",
    "/usr/share/fonts/opentype/ipaexfont-mincho/ipaexm.ttf",
    "/usr/share/fonts/truetype/fonts-japanese-mincho.ttf",
    "/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf",
    "/usr/share/fonts/opentype/ipafont-mincho/ipam.ttf",
)
MIN_FONT_PX: Final = 8
PHOTO_SIZE: Final = (300, 400)
PHOTO_QUALITY: Final = 70
# Lines may not start with these (kinsoku shori, simplified).
_NO_LINE_START: Final = frozenset(
    "、。，．,.）)」』】〕〉》・ー～ァィゥェォッャュョぁぃぅぇぉっゃゅょ々"
)
_SPACES: Final = (" ", "\u3000")
_MAX_BACKTRACK: Final = 6  # characters a line break may move back to find a better place
_NOTDEF_PROBE: Final = "\U0010fffd"  # a private-use code point that no font covers
_PROBE_PX: Final = 32
_REFERENCE_PX: Final = 100  # font size at which advances are measured once per text
_FIT_TOLERANCE: Final = 0.9  # hinting makes small sizes a little wider or narrower than scaled


class FontMissingError(CounterError):
    """No Japanese font was found to draw the card's face images."""

    what = "The Japanese font needed to draw the card's name and address images is missing."
    todo = (
        f"Install the package {FONT_PACKAGE} (sudo apt install {FONT_PACKAGE}), "
        f"or set {FONT_ENV} to a Japanese TrueType or OpenType font file."
    )


class MissingGlyphError(CounterError):
    """The font has no glyph for some characters of the text."""

    what = "The Japanese font cannot draw some characters of the name or address."
    todo = (
        f"Check the characters. For rare kanji (外字) set {FONT_ENV} to a font that has them, "
        "for example IPAmj明朝, or call the system administrator."
    )


class TextTooLongError(CounterError):
    """The text does not fit its image even at the smallest legible size."""

    what = "The text is too long to fit on the card."
    todo = "Shorten the text as the register allows, or call the system administrator."


def _fc_list_japanese() -> Iterator[Path]:
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return
    try:
        result = subprocess.run(
            [fc_list, "-f", "%{file}\n", ":lang=ja"],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return
    files = sorted(
        {line.strip() for line in result.stdout.splitlines() if line.strip()},
        key=lambda f: ("ipaex" not in f.lower(), "gothic" not in f.lower(), f),
    )
    for name in files:
        if name.lower().endswith((".ttf", ".otf", ".ttc")):
            yield Path(name)


def find_japanese_font(font_file: Path | None = None) -> Path:
    """The font for face images: `font_file` (the configured one), else IPAex Gothic or another."""
    if font_file is not None:
        if font_file.is_file():
            return font_file
        raise FontMissingError(
            f"the configured font ({FONT_ENV}) names a file that does not exist: {font_file}"
        )
    for candidate in FONT_CANDIDATES:
        path = Path(candidate)
        if path.is_file():
            return path
    for path in _fc_list_japanese():
        if path.is_file():
            return path
    raise FontMissingError(f"no Japanese font found; install {FONT_PACKAGE}")


@lru_cache(maxsize=256)
def _font(path: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, size, layout_engine=ImageFont.Layout.BASIC)


@lru_cache(maxsize=4096)
def _has_glyph(path: str, char: str) -> bool:
    font = _font(path, _PROBE_PX)
    mask = font.getmask(char, mode="1")
    notdef = font.getmask(_NOTDEF_PROBE, mode="1")
    return (mask.size, bytes(mask)) != (notdef.size, bytes(notdef))


def _check_glyphs(path: str, text: str) -> None:
    missing = sorted({c for c in text if not c.isspace() and not _has_glyph(path, c)})
    if missing:
        codes = ", ".join(f"U+{ord(c):04X}" for c in missing)
        raise MissingGlyphError(f"the font {Path(path).name} has no glyph for {codes}")


@lru_cache(maxsize=65536)
def _advance(font: ImageFont.FreeTypeFont, char: str) -> float:
    return font.getlength(char)


def _good_break(text: str, k: int) -> bool:
    """True when a line may end before text[k]: not before closing marks, not after a digit."""
    return text[k] not in _NO_LINE_START and not text[k - 1].isdigit()


def _wrap_paragraph(font: ImageFont.FreeTypeFont, text: str, width: int) -> list[str] | None:
    """Greedy line breaking, preferring spaces; None if one character alone is too wide."""
    lines: list[str] = []
    line = ""
    line_width = 0.0
    for char in text:
        if not line and char in _SPACES:
            continue
        if line_width + _advance(font, char) <= width:
            line += char
            line_width += _advance(font, char)
            continue
        if not line:
            return None
        joined = line + char
        space_at = max(line.rfind(s) for s in _SPACES)
        if space_at > 0 and char not in _SPACES:
            k = space_at
        else:
            k = next(
                (k for k in range(len(line), max(0, len(line) - _MAX_BACKTRACK), -1)
                 if _good_break(joined, k)),
                len(line),
            )  # fmt: skip
        lines.append(joined[:k].rstrip(" \u3000"))
        line = joined[k:].lstrip(" \u3000")
        line_width = sum(_advance(font, c) for c in line)
        if line_width > width:
            return None
    if line.strip():
        lines.append(line.rstrip(" \u3000"))
    return lines


def _wrap(font: ImageFont.FreeTypeFont, text: str, width: int) -> list[str] | None:
    lines: list[str] = []
    for paragraph in text.split("\n"):
        wrapped = _wrap_paragraph(font, paragraph, width)
        if wrapped is None:
            return None
        lines.extend(wrapped)
    return lines


def _ink_box(image: Image.Image) -> tuple[int, int, int, int] | None:
    return ImageOps.invert(image.convert("L")).getbbox()


def _line_ink(font: ImageFont.FreeTypeFont, line: str) -> tuple[int, int, int, int]:
    """The ink box of `line` drawn at (0, 0), measured by drawing it (Pillow's is the advance)."""
    pad = int(font.size) + 2
    scratch = Image.new("1", (int(font.getlength(line)) + 2 * pad, 3 * pad), 1)
    draw = ImageDraw.Draw(scratch)
    draw.fontmode = "1"
    draw.text((pad, pad), line, font=font, fill=0)
    box = _ink_box(scratch)
    if box is None:
        return (0, pad, 0, pad)
    left, top, right, bottom = box
    return (left - pad, top - pad, right - pad, bottom - pad)


def _render(
    text: str, font: ImageFont.FreeTypeFont, size: tuple[int, int], margin: int, align: str
) -> Image.Image | None:
    """The image at this font size, or None when the text does not fit inside the margins."""
    width, height = size
    inner_w, inner_h = width - 2 * margin, height - 2 * margin
    lines = _wrap(font, text, inner_w)
    if not lines:
        return None
    ascent, descent = font.getmetrics()
    pitch = ascent + descent + max(1, int(font.size) // 8)
    boxes = [_line_ink(font, line) for line in lines]
    top = min(i * pitch + box[1] for i, box in enumerate(boxes))
    bottom = max(i * pitch + box[3] for i, box in enumerate(boxes))
    if bottom - top > inner_h or any(box[2] - box[0] > inner_w for box in boxes):
        return None
    y0 = margin + (inner_h - (bottom - top)) // 2 - top
    image = Image.new("1", size, 1)
    draw = ImageDraw.Draw(image)
    draw.fontmode = "1"
    for i, (line, box) in enumerate(zip(lines, boxes, strict=True)):
        ink = box[2] - box[0]
        x = margin + ((inner_w - ink) // 2 if align == "center" else 0) - box[0]
        draw.text((x, y0 + i * pitch), line, font=font, fill=0)
    # The guarantee that nothing is clipped rests on this check of the drawn pixels.
    drawn = _ink_box(image)
    if drawn is None:
        return None
    left, upper, right, lower = drawn
    if left < margin or upper < margin or right > width - margin or lower > height - margin:
        return None
    return image


def render_text_image(
    text: str,
    *,
    width_px: int,
    height_px: int,
    align: Literal["left", "center"] = "left",
    font_file: Path | None = None,
) -> bytes:
    """A 1-bit PNG of `text` at the largest font size at which it fits, wrapped if needed.

    `font_file` is the configured Japanese font; None finds IPAex Gothic or another installed.
    """
    if width_px < 16 or height_px < 16:
        raise ValueError("a text image must be at least 16 x 16 pixels")
    if not text.strip():
        raise ValueError("nothing to draw: the text is empty")
    if any(ord(c) < 0x20 and c != "\n" for c in text):
        raise ValueError("the text contains control characters")
    path = str(find_japanese_font(font_file))
    _check_glyphs(path, text)
    margin = max(2, min(width_px, height_px) // 16)
    inner_w, inner_h = width_px - 2 * margin, height_px - 2 * margin
    reference = _font(path, _REFERENCE_PX)
    ascent, descent = reference.getmetrics()
    total = sum(_advance(reference, c) for c in text if c != "\n") / _REFERENCE_PX
    for size in range(inner_h, MIN_FONT_PX - 1, -1):
        # Skip sizes at which the text cannot fit even with perfectly filled lines.
        lines_possible = max(1, int(inner_h * _REFERENCE_PX / (size * (ascent + descent))))
        if total * size * _FIT_TOLERANCE > inner_w * lines_possible:
            continue
        image = _render(text, _font(path, size), (width_px, height_px), margin, align)
        if image is not None:
            out = io.BytesIO()
            image.save(out, format="PNG", optimize=True)
            return out.getvalue()
    raise TextTooLongError(f"{len(text)} characters do not fit {width_px} x {height_px} pixels")


def demo_photo_jpeg(seed: int) -> bytes:
    """A small synthetic head-and-shoulders JPEG (300 x 400) for demo cards, fixed by `seed`."""
    rng = random.Random(seed)
    width = PHOTO_SIZE[0]
    background = rng.choice([(214, 226, 238), (226, 232, 240), (236, 236, 232), (205, 218, 230)])
    skin = rng.choice([(240, 208, 180), (226, 188, 156), (210, 170, 135), (245, 220, 196)])
    hair = rng.choice([(30, 26, 24), (60, 45, 35), (95, 90, 88), (160, 158, 155), (20, 20, 28)])
    clothes = rng.choice([(40, 52, 80), (70, 70, 74), (120, 40, 50), (50, 90, 70), (30, 30, 34)])
    image = Image.new("RGB", PHOTO_SIZE, background)
    draw = ImageDraw.Draw(image)
    cx = width // 2 + rng.randint(-8, 8)
    head_w, head_h = rng.randint(104, 124), rng.randint(136, 156)
    head_top = rng.randint(74, 96)
    shoulder_top = head_top + head_h + rng.randint(16, 30)
    draw.rectangle((cx - 24, head_top + head_h - 30, cx + 24, shoulder_top + 24), fill=skin)
    draw.ellipse((cx - 150, shoulder_top, cx + 150, shoulder_top + 260), fill=clothes)  # shoulders
    draw.polygon(
        [(cx - 26, shoulder_top + 6), (cx + 26, shoulder_top + 6), (cx, shoulder_top + 48)],
        fill=skin,
    )  # collar opening
    hair_extra = rng.randint(8, 26)
    draw.ellipse(
        (
            cx - head_w // 2 - 8,
            head_top - hair_extra,
            cx + head_w // 2 + 8,
            head_top + head_h // 2 + 20,
        ),
        fill=hair,
    )
    draw.ellipse((cx - head_w // 2, head_top, cx + head_w // 2, head_top + head_h), fill=skin)
    fringe = rng.randint(18, 40)
    draw.chord(
        (cx - head_w // 2, head_top - 4, cx + head_w // 2, head_top + fringe * 2),
        180, 360, fill=hair,
    )  # fmt: skip
    eye_y = head_top + head_h * 9 // 20
    for side in (-1, 1):
        ex = cx + side * head_w // 5
        draw.ellipse((ex - 7, eye_y - 4, ex + 7, eye_y + 4), fill=(40, 34, 30))
        draw.line((ex - 10, eye_y - 12, ex + 10, eye_y - 13), fill=hair, width=3)
    mouth_y = head_top + head_h * 3 // 4
    draw.line((cx - 14, mouth_y, cx + 14, mouth_y), fill=(170, 90, 90), width=3)
    draw.line((cx, eye_y + 10, cx - 4, mouth_y - 16), fill=(200, 160, 130), width=2)
    image = image.filter(ImageFilter.GaussianBlur(1.2))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=PHOTO_QUALITY, optimize=True)
    return out.getvalue()
