"""The card face PDF: size, fonts, the QR code read back from a 300 dpi raster and verified,
texts that shrink or wrap but never leave their slots, foreign residents, no photo, the back's
address-change lines, per-municipality patterns, and a golden image of the whole layout."""

from __future__ import annotations

import dataclasses
import os
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageChops, ImageStat

import main
from counter_app.card.face_images import TextTooLongError
from counter_app.config import Configuration
from counter_app.printing.card_face import (
    AddressChange,
    AddressLinesFullError,
    Municipality,
    RenderedCard,
    render_address_change,
    render_card,
)
from counter_app.printing.demo import (
    DEMO_TODAY,
    demo_card_face,
    demo_foreign_card_face,
    demo_long_card_face,
)
from counter_app.printing.layouts import (
    CARD_BACK,
    CARD_FRONT,
    CARD_FRONT_NO_PHOTO,
    ID1_HEIGHT_MM,
    ID1_WIDTH_MM,
    Box,
)
from counter_app.printing.patterns import MM, pattern_parameters, rosette_code
from counter_app.printing.qr import read_codes
from counter_app.printing.raster import rasterise_pdf
from counter_app.printing.seal_crypto import SealSigner
from counter_app.printing.seal_documents import CardFaceSeal, digest_fields
from counter_app.printing.seal_keys import load_or_create_seal_signer
from counter_app.printing.seal_verify import verify_seal
from counter_app.training_keys import training_keys
from tests.support.printing import GOLDEN_DPI, golden_compare

ID1_PT = (242.65, 153.01)
EPS = 0.01  # points


@pytest.fixture(scope="module")
def demo(signer: SealSigner) -> RenderedCard:
    return render_card(demo_card_face(), signer, issued_on=DEMO_TODAY)


def _sizes(pdf: bytes) -> list[tuple[float, float]]:
    document = pdfium.PdfDocument(pdf)
    try:
        return [tuple(round(v, 2) for v in document[i].get_size()) for i in range(len(document))]  # type: ignore[misc]
    finally:
        document.close()


def _text(pdf: bytes, page: int = 0) -> str:
    document = pdfium.PdfDocument(pdf)
    try:
        textpage = document[page].get_textpage()
        return str(textpage.get_text_range())
    finally:
        document.close()


def _images_on_page(pdf: bytes, page: int = 0) -> int:
    document = pdfium.PdfDocument(pdf)
    try:
        return sum(
            1 for obj in document[page].get_objects() if obj.type == pdfium.raw.FPDF_PAGEOBJ_IMAGE
        )
    finally:
        document.close()


def _in_box(placed_box: Box, width: float, height: float) -> bool:
    return width <= placed_box.w * MM + EPS and height <= placed_box.h * MM + EPS


def test_both_sides_are_exactly_id1(demo: RenderedCard) -> None:
    assert _sizes(demo.pdf) == [ID1_PT, ID1_PT]
    assert round(ID1_WIDTH_MM * MM, 2) == ID1_PT[0] and round(ID1_HEIGHT_MM * MM, 2) == ID1_PT[1]


def test_bleed_grows_the_media_box_and_the_trim_box_is_the_card(signer: SealSigner) -> None:
    pdf = render_card(demo_card_face(), signer, issued_on=DEMO_TODAY, bleed_mm=2.0).pdf
    bleed = 2.0 * MM
    width, height = _sizes(pdf)[0]
    assert abs(width - (ID1_PT[0] + 2 * bleed)) < 0.02
    assert abs(height - (ID1_PT[1] + 2 * bleed)) < 0.02
    document = pdfium.PdfDocument(pdf)
    try:
        left, bottom, right, top = document[0].get_trimbox()
    finally:
        document.close()
    assert abs(right - left - ID1_PT[0]) < 0.02 and abs(top - bottom - ID1_PT[1]) < 0.02


@pytest.mark.skipif(
    shutil.which("pdffonts") is None and not os.environ.get("CI"), reason="no pdffonts"
)
def test_every_font_is_embedded_as_a_subset(demo: RenderedCard, tmp_path: Path) -> None:
    path = tmp_path / "card.pdf"
    path.write_bytes(demo.pdf)
    listing = subprocess.run(
        ["pdffonts", str(path)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert listing, "no fonts listed"
    for line in listing:
        name, *_, emb, sub, _uni, _obj, _gen = line.split()
        assert (emb, sub) == ("yes", "yes"), line
        assert "+" in name  # a subset tag, ABCDEF+IPAexGothic


def test_the_qr_code_decodes_from_a_300_dpi_raster_to_a_valid_seal(
    demo: RenderedCard, home: Path
) -> None:
    front = rasterise_pdf(demo.pdf, 300)[0]
    codes = read_codes(front)
    assert codes == [demo.seal]
    verdict = verify_seal(codes[0], [load_or_create_seal_signer(home).certificate])
    assert verdict.valid, verdict.checks
    face = demo_card_face()
    assert verdict.document == CardFaceSeal(
        face.serial, face.unlock_number, digest_fields(face.printed_fields())
    )
    assert demo.qr_module_mm >= 0.3386  # BSI TR-03137 §3.1 minimum module size


def test_print_and_verify_from_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COUNTER_APP_HOME", str(tmp_path))
    out = tmp_path / "F.pdf"
    assert main.main(["print", "card-face", "--demo", "--out", str(out)]) == 0
    assert main.main(["seal", "verify", "--image", str(out), "--json"]) == 0
    assert '"valid": true' in capsys.readouterr().out
    front = rasterise_pdf(out, 300)[0]
    damaged = front.copy()
    (seal,) = read_codes(front)
    bad = seal[:40] + bytes((seal[40] ^ 1,)) + seal[41:]
    (tmp_path / "bad.bin").write_bytes(bad)
    assert main.main(["seal", "verify", "--raw", str(tmp_path / "bad.bin")]) == 1
    assert damaged.size == front.size


def test_the_qr_code_is_pure_black_on_white(demo: RenderedCard) -> None:
    front = rasterise_pdf(demo.pdf, 300)[0]
    qr = CARD_FRONT.qr
    px = 300 / 25.4
    region = front.crop(
        (
            round(qr.x * px) + 2,
            round((ID1_HEIGHT_MM - qr.top) * px) + 2,
            round(qr.right * px) - 2,
            round((ID1_HEIGHT_MM - qr.y) * px) - 2,
        )
    )
    r, g, b = region.split()
    assert ImageChops.difference(r, g).getbbox() is None  # neutral: black ink only, no colour
    assert ImageChops.difference(g, b).getbbox() is None
    assert region.convert("L").getextrema() == (0, 255)


def _check_placed(rendered: RenderedCard) -> None:
    for placed in rendered.placed:
        assert _in_box(placed.box, placed.width, placed.height), placed


def test_long_name_and_address_shrink_and_wrap_inside_their_slots(signer: SealSigner) -> None:
    rendered = render_card(demo_long_card_face(), signer, issued_on=DEMO_TODAY)
    _check_placed(rendered)
    placed = {p.slot: p for p in rendered.placed}
    name, address = placed["name"], placed["address"]
    assert len(name.lines) == 2 and name.size < CARD_FRONT.texts["name"].max_size
    assert len(address.lines) >= 3 and address.size < CARD_FRONT.texts["address"].max_size
    assert "".join(address.lines).replace("\u3000", "") == demo_long_card_face().address.replace(
        "\u3000", ""
    )  # every character is printed
    assert all(not line.startswith(("ー", "、", "号")) for line in address.lines[1:])


def test_the_longest_name_and_address_the_register_allows_still_fit(signer: SealSigner) -> None:
    face = dataclasses.replace(
        demo_long_card_face(),
        name="長" * 49 + "\u3000" + "名" * 50,  # 100 characters
        address=("見本県見本市" + "大字上見本１２３４番地" * 18)[:198] + "号室",  # 200 characters
    )
    assert len(face.name) == 100 and len(face.address) == 200
    _check_placed(render_card(face, signer, issued_on=DEMO_TODAY))


def test_text_that_cannot_fit_is_refused_not_clipped(signer: SealSigner) -> None:
    face = dataclasses.replace(demo_card_face(), address="住所" * 400)
    with pytest.raises(TextTooLongError):
        render_card(face, signer, issued_on=DEMO_TODAY)


def test_a_foreign_residents_card_shows_the_latin_name_and_the_alias(signer: SealSigner) -> None:
    rendered = render_card(demo_foreign_card_face(), signer, issued_on=DEMO_TODAY)
    _check_placed(rendered)
    placed = {p.slot: p for p in rendered.placed}
    assert "name" not in placed
    assert " ".join(placed["latin_name"].lines) == "FERNANDES DA SILVA MARIA APARECIDA"
    assert placed["alias"].lines == ("通称\u3000山田\u3000マリア",)
    text = _text(rendered.pdf)
    assert "FERNANDES" in text and "マリア" in text


def test_a_long_latin_name_wraps_at_spaces(signer: SealSigner) -> None:
    face = dataclasses.replace(
        demo_foreign_card_face(),
        name="WOLFESCHLEGELSTEINHAUSENBERGERDORFF HUBERT BLAINE ALEXANDER CHRISTOPHER "
        "MAXIMILIAN JOHANNES",
    )
    placed = {p.slot: p for p in render_card(face, signer, issued_on=DEMO_TODAY).placed}
    latin = placed["latin_name"]
    assert len(latin.lines) >= 2
    assert " ".join(latin.lines) == face.name  # broken between words only
    assert _in_box(latin.box, latin.width, latin.height)


def test_no_photo_layout_has_no_image_and_wider_text(signer: SealSigner) -> None:
    with_photo = render_card(demo_long_card_face(), signer, issued_on=DEMO_TODAY)
    without = render_card(demo_long_card_face(photo=False), signer, issued_on=DEMO_TODAY)
    assert _images_on_page(with_photo.pdf) == 1
    assert _images_on_page(without.pdf) == 0
    _check_placed(without)
    name = {p.slot: p for p in without.placed}["name"]
    assert name.box == CARD_FRONT_NO_PHOTO.texts["name"].box
    assert name.box.w > CARD_FRONT.texts["name"].box.w
    assert name.size > {p.slot: p for p in with_photo.placed}["name"].size


ALTERNATIVES = {frozenset({"name", "latin_name"}), frozenset({"name", "alias"})}


@pytest.mark.parametrize("layout", [CARD_FRONT, CARD_FRONT_NO_PHOTO], ids=["photo", "no-photo"])
def test_front_slots_never_overlap_and_stay_in_the_safe_area(layout: object) -> None:
    boxes: dict[str, Box] = {key: slot.box for key, slot in layout.texts.items()}  # type: ignore[attr-defined]
    boxes |= {"title": layout.title.box, "municipality": layout.municipality.box}  # type: ignore[attr-defined]
    boxes |= {"qr": layout.qr, "logo": layout.logo, "rainbow": layout.rainbow}  # type: ignore[attr-defined]
    if layout.photo is not None:  # type: ignore[attr-defined]
        boxes["photo"] = layout.photo  # type: ignore[attr-defined]
    for name, box in boxes.items():
        assert box.inside(layout.safe), name  # type: ignore[attr-defined]
    names = sorted(boxes)
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            if frozenset({a, b}) not in ALTERNATIVES:
                assert not boxes[a].overlaps(boxes[b]), (a, b)


def test_back_slots_never_overlap() -> None:
    boxes = [CARD_BACK.title.box, CARD_BACK.notes.box]
    boxes += [slot.box for line in CARD_BACK.lines for slot in line]
    for i, a in enumerate(boxes):
        assert a.inside(CARD_BACK.safe)
        for b in boxes[i + 1 :]:
            assert not a.overlaps(b), (a, b)


def _ink_box_mm(image: Image.Image, dpi: float) -> tuple[float, float, float, float] | None:
    box = ImageChops.invert(image.convert("L")).point(lambda v: 255 if v > 40 else 0).getbbox()
    if box is None:
        return None
    px = dpi / 25.4
    left, upper, right, lower = box
    return (left / px, ID1_HEIGHT_MM - lower / px, right / px, ID1_HEIGHT_MM - upper / px)


def test_a_later_address_change_prints_only_the_new_line_at_the_next_free_position(
    signer: SealSigner,
) -> None:
    face = demo_long_card_face()  # two changes already on the card
    change = AddressChange(date(2030, 3, 1), "見本県見本市港町４丁目５番６号", "転居")
    rendered = render_address_change(face, change)
    assert _sizes(rendered.pdf) == [ID1_PT]
    date_slot, address_slot = CARD_BACK.lines[2]
    assert [p.slot for p in rendered.placed] == ["change_2_date", "change_2_address"]
    text = _text(rendered.pdf)
    assert "港町" in text and "令和12年3月1日" in text
    assert "追記欄" not in text and "中央町" not in text  # nothing printed twice
    ink = _ink_box_mm(rasterise_pdf(rendered.pdf, 300, grey=True)[0], 300)
    assert ink is not None
    line = Box(date_slot.box.x, address_slot.box.y, address_slot.box.right - date_slot.box.x, 5.6)
    assert Box(ink[0], ink[1], ink[2] - ink[0], ink[3] - ink[1]).inside(
        Box(line.x - 0.2, line.y - 0.2, line.w + 0.4, line.h + 0.4)
    )
    # The full back of the updated card has the same line in the same place.
    updated = dataclasses.replace(face, address_changes=(*face.address_changes, change))
    full = {p.slot: p for p in render_card(updated, signer, issued_on=DEMO_TODAY).placed}
    assert (
        full["change_2_address"].lines
        == {p.slot: p for p in rendered.placed}["change_2_address"].lines
    )


def test_a_seventh_address_change_asks_for_a_new_card() -> None:
    changes = tuple(AddressChange(date(2027, 1, i + 1), f"見本県見本市{i}") for i in range(6))
    face = dataclasses.replace(demo_card_face(), address_changes=changes)
    with pytest.raises(AddressLinesFullError):
        render_address_change(face, AddressChange(date(2031, 1, 1), "見本県見本市"))


def test_patterns_are_seeded_per_municipality(signer: SealSigner) -> None:
    a, b = pattern_parameters("131016"), pattern_parameters("271004")
    assert a != b
    assert pattern_parameters("131016") == a
    assert rosette_code(a, 60.0) != rosette_code(b, 60.0)
    other = Municipality("大阪府大阪市", "271004", "OSAKA CITY", "大阪市長")
    face = demo_card_face()
    ours = rasterise_pdf(render_card(face, signer, issued_on=DEMO_TODAY).pdf, 100)[1]
    theirs = rasterise_pdf(
        render_card(
            dataclasses.replace(face, municipality=other), signer, issued_on=DEMO_TODAY
        ).pdf,
        100,
    )[1]
    diff = ImageChops.difference(ours.convert("L"), theirs.convert("L"))
    assert ImageStat.Stat(diff).mean[0] > 1.0  # the whole background differs, not only text


def test_microtext_is_printed_at_one_point_or_less(demo: RenderedCard) -> None:
    from counter_app.printing.card_face import MICROTEXT_PT

    assert MICROTEXT_PT <= 1.0
    document = pdfium.PdfDocument(demo.pdf)
    try:
        textpage = document[0].get_textpage()
        text = textpage.get_text_range()
        index = text.find("MIHON CITY RESIDENT CARD")
        assert index >= 0
        assert textpage.get_charbox(index)[3] - textpage.get_charbox(index)[1] < 1.0
    finally:
        document.close()


def test_a_serial_the_seal_cannot_carry_is_refused() -> None:
    with pytest.raises(ValueError):
        dataclasses.replace(demo_card_face(), serial="mh-001")


# --- golden images ------------------------------------------------------------------------------


def test_card_layout_matches_the_golden_images(demo: RenderedCard) -> None:
    front, back = rasterise_pdf(demo.pdf, GOLDEN_DPI)
    # The QR code depends on the signing key, which each test run generates anew.
    golden_compare("card-front", front, [CARD_FRONT.qr], ID1_HEIGHT_MM)
    golden_compare("card-back", back, [], ID1_HEIGHT_MM)


def test_the_golden_comparison_catches_a_layout_moved_by_one_millimetre(
    demo: RenderedCard,
) -> None:
    front = rasterise_pdf(demo.pdf, GOLDEN_DPI)[0]
    moved = ImageChops.offset(front, round(GOLDEN_DPI / 25.4), 0)
    with pytest.raises(AssertionError, match="pixels changed"):
        golden_compare("card-front", moved, [CARD_FRONT.qr], ID1_HEIGHT_MM)


def test_the_printing_benchmark_reports_render_times_and_sizes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from benchmarks import printing

    monkeypatch.setattr(printing, "ROUNDS", 3)
    monkeypatch.setattr(printing, "WARM_UP", 1)
    rows = {row.name: row for row in printing.run()}
    assert rows["render card face, front and back: median"].unit == "ms"
    assert 10 < rows["PDF card face, front and back"].value < 500  # kB
    assert rows["PDF certificate, 2 pages"].value > 0


def test_a_missing_font_is_a_clear_error_naming_the_package(
    signer: SealSigner, tmp_path: Path
) -> None:
    from counter_app.card.face_images import FontMissingError
    from counter_app.printing import fonts

    fonts.use_font_file(tmp_path / "no-such-font.ttf")
    try:
        with pytest.raises(FontMissingError) as caught:
            render_card(demo_card_face(), signer, issued_on=DEMO_TODAY)
        assert "fonts-ipaexfont" in caught.value.todo
    finally:
        fonts.use_font_file(None)


def test_the_configured_font_is_the_one_embedded(signer: SealSigner, tmp_path: Path) -> None:
    from counter_app.printing import fonts

    mincho = Path("/usr/share/fonts/opentype/ipaexfont-mincho/ipaexm.ttf")
    if not mincho.is_file() and not os.environ.get("CI"):
        pytest.skip("IPAex Mincho is not installed")
    fonts.use_font_file(mincho)
    try:
        pdf = render_card(demo_card_face(), signer, issued_on=DEMO_TODAY).pdf
    finally:
        fonts.use_font_file(None)
    path = tmp_path / "card.pdf"
    path.write_bytes(pdf)
    listing = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    assert "IPAexMincho" in listing.stdout
    assert "IPAexGothic" not in listing.stdout


def test_seal_verify_reads_a_scanned_image(
    demo: RenderedCard, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scan = tmp_path / "scan.png"
    rasterise_pdf(demo.pdf, 300)[0].convert("L").save(scan)
    monkeypatch.setenv("COUNTER_APP_HOME", str(home))
    training_keys(Configuration(data_dir=home))  # the training set-up: its trust store
    assert main.main(["seal", "verify", "--image", str(scan)]) == 0
