"""Find the card in a scan and straighten it, with the printed QR code as the anchor.

The QR code's four corners (zxing-cpp gives them in the code's own orientation, so a card
scanned upside down or sideways is found too) sit at known places of the card layout. A
similarity transform (rotation, scale, shift) fitted to them maps the layout onto the scan; when
the corners say the photo was taken at a slant, a full perspective transform is used instead.
The card is then resampled upright at a fixed resolution, so every field's region is known in
pixels.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import numpy as np
import zxingcpp
from PIL import Image

from counter_app.errors import CounterError
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
PERSPECTIVE_RESIDUAL: Final = 0.02
"""Corner error of the similarity fit (share of the QR's size) above which the photo is slanted."""

_Matrix = np.ndarray
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
    perspective: bool  # True when a slanted photo needed the perspective transform

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


def _homography(src: _Matrix, dst: _Matrix) -> _Matrix:
    """The 3x3 perspective transform taking the four src points to the four dst points."""
    rows = []
    values = []
    for (x, y), (u, v) in zip(src, dst, strict=True):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        values.append(u)
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        values.append(v)
    h = np.linalg.solve(np.array(rows, dtype=float), np.array(values, dtype=float))
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


def straighten(scan: Image.Image, *, with_photo: bool) -> StraightCard:
    """The card found in `scan` by its QR code, upright at STRAIGHT_DPI."""
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
    perspective = residual > PERSPECTIVE_RESIDUAL * size
    if perspective:
        to_scan = _homography(expected, found)
    # Output pixel -> card mm -> scan pixel.
    from_out = np.array([[1 / PX_PER_MM, 0, 0], [0, 1 / PX_PER_MM, 0], [0, 0, 1]])
    matrix = to_scan @ from_out
    matrix = matrix / matrix[2, 2]
    width = round(ID1_WIDTH_MM * PX_PER_MM)
    height = round(ID1_HEIGHT_MM * PX_PER_MM)
    coefficients = tuple(float(v) for v in matrix.flatten()[:8])
    upright = scan.transform(
        (width, height),
        Image.Transform.PERSPECTIVE,
        coefficients,
        resample=Image.Resampling.BICUBIC,
        fillcolor=(255, 255, 255),
    )
    return StraightCard(upright, code.text, layout, perspective)
