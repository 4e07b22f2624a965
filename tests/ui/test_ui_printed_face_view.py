"""The printed-face comparison as the verifying clerk sees it, from a real rendered card face.

A unit test of the window's layer: the comparison report is built here (the comparison itself
is tested with its own package) on a card face rendered by the printing package and rasterised
like a scan; the chip's images come from another resident's data, as on a forged card whose
print was altered. The clerk must see one line saying what does not match, a line per field,
and each mismatching region of the scan outlined in red beside the chip's version of it.
"""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest
from PySide6.QtGui import QColor, QImage, QPixmap
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from counter_app.card.layout import FaceData
from counter_app.card.personal_data import demo_cardholder
from counter_app.card.verification import Verdict
from counter_app.face_scan.report import (
    ComparedBy,
    FaceComparison,
    FaceField,
    FieldComparison,
    Region,
)
from counter_app.printing.card_face import render_card
from counter_app.printing.demo import DEMO_TODAY, demo_card_face
from counter_app.printing.layouts import CARD_FRONT, Box
from counter_app.printing.raster import rasterise_pdf
from counter_app.printing.seal_crypto import SealSigner
from tests.support.printing import home, signer  # noqa: F401  (fixtures)
from ui import i18n
from ui.printed_face_view import DETAIL_HEIGHT, PHOTO_HEIGHT, PrintedFaceView, crop_margins

DPI = 200
CARD_HEIGHT_MM = 53.98


def region(box: Box) -> Region:
    """A printed box (mm from the card's lower left) as pixels of the scan (from its top left)."""
    px = DPI / 25.4
    return Region(
        round(box.x * px),
        round((CARD_HEIGHT_MM - box.top) * px),
        round(box.w * px),
        round(box.h * px),
    )


@pytest.fixture(scope="module")
def scan_png(signer: SealSigner) -> bytes:  # noqa: F811
    """The demo card's front, rendered and rasterised as a straightened scan."""
    card = render_card(demo_card_face(), signer, issued_on=DEMO_TODAY)
    front = rasterise_pdf(card.pdf, DPI)[0]
    out = io.BytesIO()
    front.save(out, "PNG")
    return out.getvalue()


@pytest.fixture(scope="module")
def chip() -> FaceData:
    """The chip of a card whose print shows someone else: another demo resident's face data."""
    holder, _pin = demo_cardholder(7, today=DEMO_TODAY)
    return FaceData(
        birth_date=holder.birth_date,
        sex=holder.sex,
        chip_public_key=b"",
        name_image=holder.name_image,
        address_image=holder.address_image,
        photo=holder.photo_jpeg,
        expiry=holder.expiry,
        code_image=holder.code_image,
    )


@pytest.fixture
def view(qtbot: QtBot) -> Iterator[PrintedFaceView]:
    widget = PrintedFaceView()
    qtbot.addWidget(widget)
    widget.show()
    yield widget
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    i18n.Translations(app).set_language(i18n.SOURCE_LANGUAGE)


def altered(scan_png: bytes) -> FaceComparison:
    """Name and photo differ from the chip; the address matches; the birth date is unread."""
    photo = CARD_FRONT.photo
    assert photo is not None
    name_box = CARD_FRONT.texts["name"].box
    address_box = CARD_FRONT.texts["address"].box
    return FaceComparison(
        ComparedBy.SCAN,
        (
            FieldComparison(
                FaceField.NAME, Verdict.FAILED, "the printed name differs", region(name_box)
            ),
            FieldComparison(
                FaceField.ADDRESS, Verdict.SUCCEEDED, "the same address", region(address_box)
            ),
            FieldComparison(FaceField.PHOTO, Verdict.FAILED, "another face", region(photo)),
            FieldComparison(
                FaceField.BIRTH_DATE, Verdict.UNKNOWN, "unreadable", None, "1985-12-22"
            ),
        ),
        scan_png,
    )


def red_box(pixmap: QPixmap) -> tuple[int, int, int, int] | None:
    """The bounding box (left, top, right, bottom) of the pure red pixels, or None."""
    image = pixmap.toImage()
    xs: list[int] = []
    ys: list[int] = []
    for y in range(image.height()):
        for x in range(image.width()):
            colour = QColor(image.pixel(x, y))
            if colour.red() > 180 and colour.green() < 60 and colour.blue() < 60:
                xs.append(x)
                ys.append(y)
    return (min(xs), min(ys), max(xs), max(ys)) if xs else None


def shown(view: PrintedFaceView) -> list[QLabel]:
    return [label for label in view.findChildren(QLabel) if label.isVisible()]


def test_each_mismatch_is_outlined_in_red_on_the_scan_beside_the_chips_version(
    view: PrintedFaceView, scan_png: bytes, chip: FaceData
) -> None:
    comparison = altered(scan_png)
    view.show_comparison(comparison, chip)

    assert view.outcome.text() == (
        "The printed face does not match the chip: Name, Photo, Birth date "
        "(compared from the scan)."
    )
    rows = [view.fields.topLevelItem(i) for i in range(view.fields.topLevelItemCount())]
    assert [(r.text(0), r.text(1), r.text(2)) for r in rows if r is not None] == [
        ("Name", "Failed", "the printed name differs"),
        ("Address", "Succeeded", "the same address"),
        ("Photo", "Failed", "another face"),
        ("Birth date", "Unknown", "unreadable"),
    ]

    name_on_card = view.findChild(QLabel, "printedFaceScan_name")
    assert isinstance(name_on_card, QLabel) and name_on_card.isVisible()
    pixmap = name_on_card.pixmap()
    assert pixmap.height() == DETAIL_HEIGHT
    outline = red_box(pixmap)
    assert outline is not None, "no red outline around the name"
    # The crop is the region with a margin around it, cut at the scan's edges; the outline
    # sits where the region is in it and spans the region.
    name = comparison.get(FaceField.NAME).region
    assert name is not None
    across, down = crop_margins(name)
    crop_left, crop_top = max(name.left - across, 0), max(name.top - down, 0)
    crop_bottom = min(name.top + name.height + down, QImage.fromData(scan_png).height())
    scale = pixmap.height() / (crop_bottom - crop_top)
    left, top, right, bottom = outline
    assert abs(left - (name.left - crop_left) * scale) <= 3
    assert abs(top - (name.top - crop_top) * scale) <= 3
    assert abs((right - left) - name.width * scale) <= 4
    assert abs((bottom - top) - name.height * scale) <= 4

    name_in_chip = view.findChild(QLabel, "printedFaceChip_name")
    assert isinstance(name_in_chip, QLabel) and name_in_chip.isVisible()
    expected = QPixmap()
    assert expected.loadFromData(chip.name_image)
    assert name_in_chip.pixmap().toImage() == expected.scaledToHeight(DETAIL_HEIGHT).toImage()

    photo_on_card = view.findChild(QLabel, "printedFaceScan_photo")
    photo_in_chip = view.findChild(QLabel, "printedFaceChip_photo")
    assert isinstance(photo_on_card, QLabel) and isinstance(photo_in_chip, QLabel)
    assert red_box(photo_on_card.pixmap()) is not None
    assert photo_in_chip.pixmap().height() == PHOTO_HEIGHT

    birth_on_card = view.findChild(QLabel, "printedFaceScan_birth_date")
    birth_in_chip = view.findChild(QLabel, "printedFaceChip_birth_date")
    assert isinstance(birth_on_card, QLabel) and isinstance(birth_in_chip, QLabel)
    assert birth_on_card.text() == "Not found on the scan"
    assert birth_in_chip.text() == "In the chip: 1985-12-22"

    assert view.findChild(QLabel, "printedFaceScan_address") is None  # it matched: no detail
    overview = red_box(view.overview.pixmap())
    assert overview is not None  # the whole scan shows the outlines too


def test_a_matching_face_says_so_in_japanese_and_outlines_nothing(
    view: PrintedFaceView, scan_png: bytes, chip: FaceData
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    assert i18n.Translations(app).set_language("ja")
    name_box = CARD_FRONT.texts["name"].box
    comparison = FaceComparison(
        ComparedBy.SCAN,
        (FieldComparison(FaceField.NAME, Verdict.SUCCEEDED, "the same", region(name_box)),),
        scan_png,
    )
    view.show_comparison(comparison, chip)

    assert view.outcome.text().startswith("券面はICチップと一致")
    row = view.fields.topLevelItem(0)
    assert row is not None and (row.text(0), row.text(1)) == ("氏名", "成功")
    assert red_box(view.overview.pixmap()) is None
    assert not view.details.isVisible()


def test_nothing_of_the_comparison_stays_once_it_is_forgotten(
    view: PrintedFaceView, scan_png: bytes, chip: FaceData, qtbot: QtBot
) -> None:
    view.show_comparison(altered(scan_png), chip)
    view.show_comparison(None, None)
    qtbot.waitUntil(lambda: not view.findChildren(QLabel, "printedFaceChip_name"), timeout=2000)

    assert not view.isVisible()
    assert view.comparison is None and view.face is None
    assert view.fields.topLevelItemCount() == 0
    assert view.overview.pixmap().isNull() and not view.outcome.text()
    assert all(label.pixmap().isNull() for label in view.findChildren(QLabel))


def test_the_outline_is_drawn_on_a_copy_at_the_regions_pixels(scan_png: bytes) -> None:
    from ui.printed_face_view import outline_regions

    scan = QImage.fromData(scan_png)
    marked = outline_regions(scan, [Region(100, 50, 200, 80)])
    assert QColor(marked.pixel(100, 90)).red() > 200 and QColor(marked.pixel(100, 90)).green() < 10
    assert QColor(marked.pixel(200, 50)).red() > 200  # the top edge
    assert QColor(scan.pixel(100, 90)) != QColor(marked.pixel(100, 90))  # the scan is untouched
