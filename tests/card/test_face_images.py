"""Face images: 1-bit PNGs of text that always fit, the demo photo, and the font lookup."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from counter_app.card.face_images import (
    FONT_CANDIDATES,
    FontMissingError,
    MissingGlyphError,
    TextTooLongError,
    demo_photo_jpeg,
    find_japanese_font,
    render_text_image,
)
from counter_app.errors import CounterError

LONG_ADDRESS = (
    "北海道札幌市中央区北一条西２丁目１番地３号　札幌市役所前グランドタワーレジデンス"
    "北棟２０１５号室（管理事務所気付）"
)


def _open(png: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(png))
    image.load()
    return image


def _black(image: Image.Image) -> list[tuple[int, int]]:
    pixels = image.load()
    assert pixels is not None
    return [(x, y) for y in range(image.height) for x in range(image.width) if pixels[x, y] == 0]


def test_image_is_a_one_bit_png_of_the_requested_size() -> None:
    png = render_text_image("山田\u3000太郎", width_px=640, height_px=96)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert png[12:16] == b"IHDR"
    assert int.from_bytes(png[16:20], "big") == 640
    assert int.from_bytes(png[20:24], "big") == 96
    assert (png[24], png[25]) == (1, 0)  # bit depth 1, greyscale
    image = _open(png)
    assert (image.format, image.mode, image.size) == ("PNG", "1", (640, 96))
    assert _black(image), "the text was drawn"


@pytest.mark.parametrize(
    ("text", "width", "height"),
    [
        ("山田\u3000太郎", 640, 96),
        ("長谷川\u3000左衛門之助兵衛太郎右衛門次郎三郎", 640, 96),
        ("WILLIAMSON ELIZABETH ALEXANDRA\u3000（山田花子）", 640, 96),
        (LONG_ADDRESS, 640, 192),
        (LONG_ADDRESS * 3, 640, 192),
        ("東京都千代田区霞が関１丁目２番３号", 200, 60),
        ("4821", 192, 64),
        ("ＭＭＭＭＭＭＭＭＭＭＭＭＭＭＭＭＭＭＭＭＭＭＭＭＭＭＭＭＭＭ", 320, 32),
    ],
)
def test_text_always_fits_inside_the_image(text: str, width: int, height: int) -> None:
    image = _open(render_text_image(text, width_px=width, height_px=height))
    black = _black(image)
    assert black
    xs = [x for x, _ in black]
    ys = [y for _, y in black]
    assert min(xs) > 0 and max(xs) < width - 1, "ink touches the left or right edge"
    assert min(ys) > 0 and max(ys) < height - 1, "ink touches the top or bottom edge"


def test_long_text_shrinks_and_wraps_rather_than_being_cut() -> None:
    short = _open(render_text_image("東京都千代田区", width_px=640, height_px=192))
    long = _open(render_text_image(LONG_ADDRESS, width_px=640, height_px=192))
    short_rows = {y for _, y in _black(short)}
    long_rows = {y for _, y in _black(long)}
    # The long address uses more of the height (several lines) yet stays inside the image.
    assert max(long_rows) - min(long_rows) > max(short_rows) - min(short_rows)


def test_different_texts_give_different_images_and_equal_texts_equal_ones() -> None:
    a = render_text_image("山田\u3000太郎", width_px=640, height_px=96)
    b = render_text_image("山田\u3000次郎", width_px=640, height_px=96)
    assert a != b
    assert _open(a).tobytes() != _open(b).tobytes()
    assert render_text_image("山田\u3000太郎", width_px=640, height_px=96) == a


def test_centred_text_is_centred() -> None:
    image = _open(render_text_image("4821", width_px=192, height_px=64, align="center"))
    xs = [x for x, _ in _black(image)]
    assert abs((min(xs) + max(xs)) / 2 - 96) <= 3


def test_character_missing_from_the_font_is_refused_not_drawn_as_a_box() -> None:
    with pytest.raises(MissingGlyphError, match=r"U\+20BB7") as caught:
        render_text_image("\U00020bb7野\u3000太郎", width_px=640, height_px=96)
    assert isinstance(caught.value, CounterError)


def test_text_that_cannot_fit_is_an_error() -> None:
    with pytest.raises(TextTooLongError):
        render_text_image("住" * 2000, width_px=64, height_px=32)


@pytest.mark.parametrize("text", ["", " \u3000 ", "山田\x00太郎"])
def test_bad_text_is_refused(text: str) -> None:
    with pytest.raises(ValueError):
        render_text_image(text, width_px=640, height_px=96)


def test_missing_font_names_the_package(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-font.ttf"
    with pytest.raises(FontMissingError) as caught:
        render_text_image("山田\u3000太郎", width_px=640, height_px=96, font_file=missing)
    error = caught.value
    assert isinstance(error, CounterError)
    assert "Japanese font" in error.what
    assert "fonts-ipaexfont" in error.todo
    assert "no-such-font.ttf" in error.detail


def test_the_configured_font_is_used_for_the_face_images() -> None:
    default = find_japanese_font()
    others = (Path(f) for f in FONT_CANDIDATES if Path(f).is_file())
    other = next((f for f in others if f.resolve() != default.resolve()), None)
    if other is None:
        pytest.skip("only one Japanese font is installed")
    assert find_japanese_font(other) == other
    text = "山田\u3000太郎"
    drawn = render_text_image(text, width_px=640, height_px=96, font_file=other)
    assert drawn != render_text_image(text, width_px=640, height_px=96)


def test_ipaex_font_is_found() -> None:
    assert "ipaex" in find_japanese_font().name.lower() or "japanese" in find_japanese_font().name


def test_demo_photo_is_a_small_deterministic_jpeg() -> None:
    photo = demo_photo_jpeg(7)
    assert photo.startswith(b"\xff\xd8")
    assert len(photo) < 20_000
    image = _open(photo)
    assert (image.format, image.mode, image.size) == ("JPEG", "RGB", (300, 400))
    assert demo_photo_jpeg(7) == photo
    assert demo_photo_jpeg(8) != photo


def test_demo_photo_looks_like_a_portrait() -> None:
    """A figure stands out from a plain background: corners alike, the centre different."""
    image = _open(demo_photo_jpeg(1)).convert("L")
    corner = image.getpixel((5, 5))
    centre = image.getpixel((150, 200))
    assert isinstance(corner, int) and isinstance(centre, int)
    assert abs(corner - image.getpixel((294, 5))) <= 4  # type: ignore[operator]
    assert abs(corner - centre) > 10
