"""The card's fixed printed words as anchors: where the labels (氏名, 住所, 生年月日 ...) and the
title are on the straightened scan, to correct the transform the QR code alone gives.

The QR code sits in one corner; a transform fitted to its corners alone drifts towards the far
side of the card (a slanted photo most). The labels and the title are the same on every card and
spread over the rest of it. Each is drawn once, as the printer draws it, and found near its
expected place on the roughly straightened scan; their centres and the QR corners then fit one
perspective transform.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

import numpy as np
from PIL import Image

from counter_app.printing.card_face import TITLE
from counter_app.printing.fonts import japanese_fonts
from counter_app.printing.layouts import (
    CARD_FRONT,
    ID1_HEIGHT_MM,
    ID1_WIDTH_MM,
    CardFrontLayout,
    TextSlot,
)
from counter_app.printing.raster import rasterise_pdf
from counter_app.printing.render import MM, new_canvas, place_text

SEARCH_PX: Final = 24  # how far from its expected place an anchor is looked for
MIN_MATCH: Final = 0.5  # (ink met - stray ink / 2) / the anchor's ink, to count as found
INK_LEVEL: Final = 150  # labels are printed dark grey

_LABELS: Final = {
    "name_label": "氏名",
    "address_label": "住所",
    "birth_label": "生年月日",
    "sex_label": "性別",
    "expiry_label": "有効期限",
    "serial_label": "番号",
}


@dataclass(frozen=True)
class Anchor:
    """A fixed word's ink at `dpi` and its top-left pixel on an upright card."""

    ink: np.ndarray
    left: int
    top: int

    @property
    def centre(self) -> tuple[float, float]:
        return self.left + self.ink.shape[1] / 2, self.top + self.ink.shape[0] / 2


def _slots(layout: CardFrontLayout) -> list[tuple[TextSlot, str]]:
    return [(layout.texts[key], text) for key, text in _LABELS.items()] + [(layout.title, TITLE)]


@lru_cache(maxsize=4)
def anchors(dpi: int) -> tuple[Anchor, ...]:
    """The card front's fixed words (the same in the photo and no-photo layouts), drawn alone
    in black and cut to their ink."""
    out = io.BytesIO()
    canvas = new_canvas(out, ID1_WIDTH_MM * MM, ID1_HEIGHT_MM * MM, japanese_fonts())
    canvas.setFillGray(0)
    slots = _slots(CARD_FRONT)
    for index, (slot, text) in enumerate(slots):
        place_text(canvas, f"anchor_{index}", slot, text)
    canvas.showPage()
    canvas.save()
    page = np.asarray(rasterise_pdf(out.getvalue(), dpi, grey=True)[0]) < 128
    px = dpi / 25.4
    found = []
    for slot, _ in slots:
        box = slot.box
        left, top = round(box.x * px), round((ID1_HEIGHT_MM - box.top) * px)
        right, bottom = round(box.right * px), round((ID1_HEIGHT_MM - box.y) * px)
        part = page[top:bottom, left:right]
        rows, cols = np.flatnonzero(part.any(axis=1)), np.flatnonzero(part.any(axis=0))
        ink = part[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1]
        found.append(Anchor(ink, left + int(cols[0]), top + int(rows[0])))
    return tuple(found)


def locate(image: Image.Image, anchor: Anchor) -> tuple[float, float] | None:
    """The anchor's centre on `image` (roughly straightened), or None when not found."""
    grey = np.asarray(image.convert("L"))
    h, w = anchor.ink.shape
    top, left = anchor.top - SEARCH_PX, anchor.left - SEARCH_PX
    if top < 0 or left < 0 or top + h + 2 * SEARCH_PX > grey.shape[0]:
        return None
    area = grey[top : top + h + 2 * SEARCH_PX, left : left + w + 2 * SEARCH_PX] < INK_LEVEL
    if area.shape != (h + 2 * SEARCH_PX, w + 2 * SEARCH_PX):
        return None
    hits = _correlate(_grow(area).astype(np.float64), anchor.ink.astype(np.float64))
    sums = _window_sums(area.astype(np.float64), h, w)
    scores = (1.5 * hits - 0.5 * sums) / float(anchor.ink.sum())  # hit - extra/2, per ink
    dy, dx = np.unravel_index(int(np.argmax(scores)), scores.shape)
    best = float(scores[dy, dx])
    if best < MIN_MATCH:
        return None
    return left + int(dx) + w / 2, top + int(dy) + h / 2


def _grow(ink: np.ndarray) -> np.ndarray:
    """`ink` grown by a pixel each way: thin strokes blurred by the scan still meet the anchor."""
    grown = ink.copy()
    grown[1:] |= ink[:-1]
    grown[:-1] |= ink[1:]
    grown[:, 1:] |= ink[:, :-1]
    grown[:, :-1] |= ink[:, 1:]
    return grown


def _correlate(area: np.ndarray, template: np.ndarray) -> np.ndarray:
    """sum(area[y+i, x+j] * template[i, j]) for every place the template fits, by FFT."""
    big_h, big_w = area.shape
    h, w = template.shape
    size = (big_h + h - 1, big_w + w - 1)
    full = np.fft.irfft2(
        np.fft.rfft2(area, s=size) * np.fft.rfft2(template[::-1, ::-1], s=size), s=size
    )
    result: np.ndarray = full[h - 1 : big_h, w - 1 : big_w]
    return result


def _window_sums(area: np.ndarray, h: int, w: int) -> np.ndarray:
    """The sum of every h x w window of `area`."""
    s = np.pad(area.cumsum(axis=0).cumsum(axis=1), ((1, 0), (1, 0)))
    result: np.ndarray = s[h:, w:] - s[:-h, w:] - s[h:, :-w] + s[:-h, :-w]
    return result
