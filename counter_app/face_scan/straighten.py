"""Find the card in a scan and straighten it, with the printed QR code as the anchor.

The QR code's four corners (zxing-cpp gives them in the code's own orientation, so a card
scanned upside down or sideways is found too) sit at known places of the card layout. A
similarity transform (rotation, scale, shift) fitted to them maps the layout onto the scan; when
the corners say the photo was taken at a slant, a perspective transform through them is used
instead. That first transform is then corrected with the card's fixed words (`layout_anchors`),
found on the roughly straightened card: the QR corners and the words' centres, spread over the
whole card, fit one perspective transform. The card is resampled upright at a fixed
resolution, so every field's region is known in pixels.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import numpy as np
import zxingcpp
from PIL import Image

from counter_app.errors import CounterError
from counter_app.face_scan.layout_anchors import anchors, locate
from counter_app.face_scan.report import Region
from counter_app.printing.layouts import (
    CARD_FRONT,
    CARD_FRONT_NO_PHOTO,
    ID1_HEIGHT_MM,
    ID1_WIDTH_MM,
    Box,
    CardFrontLayout,
)
from counter_app.printing.qr import qr_matrix
from counter_app.printing.render import QUIET_MODULES

STRAIGHT_DPI: Final = 300
PX_PER_MM: Final = STRAIGHT_DPI / 25.4
MIN_ANCHORS: Final = 4  # fixed words needed to refine the QR code's transform
PERSPECTIVE_RESIDUAL: Final = 0.02
"""Corner error of the similarity fit (share of the QR's size) above which the photo is slanted."""

_Matrix = np.ndarray
_FROM_OUT: Final = np.array([[1 / PX_PER_MM, 0, 0], [0, 1 / PX_PER_MM, 0], [0, 0, 1]])
_QR_ONLY: Final = zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)


class CardNotFoundError(CounterError):
    """No card face (no readable QR code) was found in the scan."""

    what = "The card face was not found in the scanned image: its QR code could not be read."
    todo = (
        "Scan the front of the card again, flat on the glass at 300 dpi or more; for a photo, "
        "hold the camera straight over the card in good light."
    )


@dataclass(frozen=True)
class StraightCard:
    """The card face upright at STRAIGHT_DPI, the QR code's text and the layout printed."""

    image: Image.Image  # RGB, the trimmed card only
    qr_text: str
    layout: CardFrontLayout
    anchors: int  # fixed words found and used besides the QR code (0: the QR code alone)

    def region(self, box: Box, margin_mm: float = 0.0) -> Region:
        """`box` (layout mm, from the lower left) in pixels of `image`, grown by `margin_mm`."""
        left = round((box.x - margin_mm) * PX_PER_MM)
        top = round((ID1_HEIGHT_MM - box.top - margin_mm) * PX_PER_MM)
        right = round((box.right + margin_mm) * PX_PER_MM)
        bottom = round((ID1_HEIGHT_MM - box.y + margin_mm) * PX_PER_MM)
        left, top = max(left, 0), max(top, 0)
        right, bottom = min(right, self.image.width), min(bottom, self.image.height)
        return Region(left, top, right - left, bottom - top)

    def crop(self, region: Region) -> Image.Image:
        return self.image.crop(
            (region.left, region.top, region.left + region.width, region.top + region.height)
        )


def _qr_corners_mm(text: str, qr_box: Box) -> _Matrix:
    """The symbol's corners (top-left, top-right, bottom-right, bottom-left) in card mm, y down."""
    modules = len(qr_matrix(text))
    module = min(qr_box.w, qr_box.h) / (modules + 2 * QUIET_MODULES)
    left = qr_box.x + QUIET_MODULES * module
    right = left + modules * module
    top = ID1_HEIGHT_MM - (qr_box.y + QUIET_MODULES * module + modules * module)
    bottom = top + modules * module
    return np.array([[left, top], [right, top], [right, bottom], [left, bottom]], dtype=float)


def _similarity(src: _Matrix, dst: _Matrix) -> _Matrix:
    """The 3x3 similarity (x' = a x - b y + c, y' = b x + a y + d) fitting src to dst."""
    rows = []
    values = []
    for (x, y), (u, v) in zip(src, dst, strict=True):
        rows.append([x, -y, 1, 0])
        values.append(u)
        rows.append([y, x, 0, 1])
        values.append(v)
    a, b, c, d = np.linalg.lstsq(np.array(rows), np.array(values), rcond=None)[0]
    return np.array([[a, -b, c], [b, a, d], [0, 0, 1]], dtype=float)


def _affine(src: _Matrix, dst: _Matrix) -> _Matrix:
    """The 3x3 affine transform fitting the src points to the dst points (least squares)."""
    design = np.hstack([src, np.ones((len(src), 1))])
    solved = np.linalg.lstsq(design, dst, rcond=None)[0]  # 3 x 2
    return np.vstack([solved.T, [0.0, 0.0, 1.0]])


def _homography(src: _Matrix, dst: _Matrix) -> _Matrix:
    """The 3x3 perspective transform taking the src points to the dst points (least squares
    when more than four)."""
    rows = []
    values = []
    for (x, y), (u, v) in zip(src, dst, strict=True):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        values.append(u)
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        values.append(v)
    h = np.linalg.lstsq(np.array(rows, dtype=float), np.array(values, dtype=float), rcond=None)[0]
    return np.append(h, 1.0).reshape(3, 3)


def _apply(matrix: _Matrix, points: _Matrix) -> _Matrix:
    ones = np.ones((len(points), 1))
    mapped = np.hstack([points, ones]) @ matrix.T
    result: _Matrix = mapped[:, :2] / mapped[:, 2:3]
    return result


def _find_qr(image: Image.Image) -> zxingcpp.Barcode:
    grey = image.convert("L")
    codes = zxingcpp.read_barcodes(grey, formats=_QR_ONLY)
    if not codes:
        raise CardNotFoundError(f"no QR code in a {image.width} x {image.height} image")
    return max(codes, key=lambda c: len(c.text))


def _warp(scan: Image.Image, to_scan: _Matrix) -> Image.Image:
    """The card upright at STRAIGHT_DPI, through `to_scan` (card mm to scan pixels)."""
    matrix = to_scan @ _FROM_OUT
    matrix = matrix / matrix[2, 2]
    coefficients = tuple(float(v) for v in matrix.flatten()[:8])
    return scan.transform(
        (round(ID1_WIDTH_MM * PX_PER_MM), round(ID1_HEIGHT_MM * PX_PER_MM)),
        Image.Transform.PERSPECTIVE,
        coefficients,
        resample=Image.Resampling.BICUBIC,
        fillcolor=(255, 255, 255),
    )


def straighten(scan: Image.Image, *, with_photo: bool) -> StraightCard:
    """The card found in `scan` by its QR code, upright at STRAIGHT_DPI.

    The QR corners give a first transform; the card's fixed words, found near their places on
    the card it gives, add points spread over the card, and all of them fit the final one.
    """
    code = _find_qr(scan)
    layout = CARD_FRONT if with_photo else CARD_FRONT_NO_PHOTO
    p = code.position
    found = np.array(
        [
            [p.top_left.x, p.top_left.y],
            [p.top_right.x, p.top_right.y],
            [p.bottom_right.x, p.bottom_right.y],
            [p.bottom_left.x, p.bottom_left.y],
        ],
        dtype=float,
    )
    expected = _qr_corners_mm(code.text, layout.qr)
    to_scan = _similarity(expected, found)
    size = float(np.linalg.norm(found[1] - found[0]))
    residual = float(np.max(np.linalg.norm(_apply(to_scan, expected) - found, axis=1)))
    slanted = residual > PERSPECTIVE_RESIDUAL * size
    if slanted:
        to_scan = _homography(expected, found)
    rough = _warp(scan, to_scan)
    rough_to_scan = to_scan @ _FROM_OUT
    card_mm, scan_px = [*expected], [*found]
    for anchor in anchors(STRAIGHT_DPI):
        place = locate(rough, anchor)
        if place is not None:
            cx, cy = anchor.centre
            card_mm.append(np.array([cx / PX_PER_MM, cy / PX_PER_MM]))
            scan_px.append(_apply(rough_to_scan, np.array([place]))[0])
    found_anchors = len(card_mm) - len(expected)
    if found_anchors < MIN_ANCHORS:
        return StraightCard(rough, code.text, layout, found_anchors)
    # A flat scan has no perspective: an affine fit is steadier far from the anchors.
    fit = _homography if slanted else _affine
    refined = fit(np.array(card_mm), np.array(scan_px))
    return StraightCard(_warp(scan, refined), code.text, layout, found_anchors)
