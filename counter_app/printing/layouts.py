"""Layouts as data: every text slot, image and code of the card face and the certificate.

Units are millimetres from the lower-left corner of the trimmed page. Tests check that no two
slots of a layout overlap and that every slot lies inside the safe area.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

ID1_WIDTH_MM: Final = 85.60
ID1_HEIGHT_MM: Final = 53.98
ID1_CORNER_MM: Final = 3.18
A4_WIDTH_MM: Final = 210.0
A4_HEIGHT_MM: Final = 297.0


@dataclass(frozen=True)
class Box:
    """A rectangle: lower-left corner, width and height, in millimetres."""

    x: float
    y: float
    w: float
    h: float

    @property
    def top(self) -> float:
        return self.y + self.h

    @property
    def right(self) -> float:
        return self.x + self.w

    def overlaps(self, other: Box) -> bool:
        """True when the two boxes share some area (touching edges do not count)."""
        return (
            self.x < other.right
            and other.x < self.right
            and self.y < other.top
            and other.y < self.top
        )

    def inside(self, other: Box) -> bool:
        """True when this box lies within `other`."""
        eps = 1e-9
        return (
            self.x >= other.x - eps
            and self.y >= other.y - eps
            and self.right <= other.right + eps
            and self.top <= other.top + eps
        )


@dataclass(frozen=True)
class TextSlot:
    """Where a text goes and how it may shrink: sizes in points, wrapping up to `max_lines`."""

    box: Box
    max_size: float
    min_size: float
    max_lines: int = 1
    align: Literal["left", "center", "right"] = "left"
    font: Literal["gothic", "mincho"] = "gothic"


@dataclass(frozen=True)
class CardFrontLayout:
    """The front of the card; `photo` is None in the no-photo layout."""

    safe: Box
    logo: Box
    title: TextSlot
    municipality: TextSlot
    rainbow: Box
    texts: dict[str, TextSlot]  # labels and values, by name
    photo: Box | None
    qr: Box  # including the quiet zone
    rosette_centre: tuple[float, float]
    rosette_radius: float


SAFE_CARD: Final = Box(2.6, 2.6, ID1_WIDTH_MM - 5.2, ID1_HEIGHT_MM - 5.2)


def _label(box: Box) -> TextSlot:
    """A small label beside a value."""
    return TextSlot(box, 5.0, 3.5)


def _front(photo: bool) -> CardFrontLayout:
    right = 62.6 if photo else 82.6  # where the value column ends
    texts: dict[str, TextSlot] = {
        "name_label": _label(Box(3.2, 40.2, 6.4, 2.4)),
        "address_label": _label(Box(3.2, 31.4, 6.4, 2.4)),
        "birth_label": _label(Box(3.2, 21.5, 6.4, 2.4)),
        "sex_label": _label(Box(44.2, 21.5, 4.6, 2.4)),
        "expiry_label": _label(Box(3.2, 17.1, 6.4, 2.4)),
        "serial_label": _label(Box(3.2, 12.7, 6.4, 2.4)),
        # A Japanese name: up to two lines. A foreign resident's card uses latin_name and alias.
        "name": TextSlot(Box(10.2, 35.8, right - 10.2, 8.0), 13.0, 4.0, 4),
        "latin_name": TextSlot(Box(10.2, 39.0, right - 10.2, 4.8), 10.5, 3.5, 3),
        "alias": TextSlot(Box(10.2, 35.8, right - 10.2, 3.0), 8.0, 4.0, 1),
        "address": TextSlot(Box(10.2, 25.4, right - 10.2, 9.6), 8.5, 3.5, 5),
        "birth": TextSlot(Box(10.2, 21.0, 33.6, 3.4), 8.5, 5.0),
        "sex": TextSlot(Box(49.2, 21.0, 12.8, 3.4), 8.5, 5.0),
        "expiry": TextSlot(Box(10.2, 16.6, 52.0, 3.4), 8.0, 5.0),
        "serial": TextSlot(Box(10.2, 12.2, 26.0, 3.4), 7.5, 4.5),
        "security_code": TextSlot(Box(36.6, 12.2, 26.0, 3.4), 6.5, 4.0, 1, "right"),
        "issuer": TextSlot(Box(3.2, 3.6, 59.4, 3.0), 5.5, 3.5),
    }
    return CardFrontLayout(
        safe=SAFE_CARD,
        logo=Box(3.2, 45.2, 6.0, 6.0),
        title=TextSlot(Box(10.2, 46.9, 34.0, 4.2), 9.5, 6.0),
        municipality=TextSlot(Box(44.6, 46.9, 38.0, 4.2), 7.5, 4.5, 1, "right"),
        rainbow=Box(3.2, 44.3, 79.4, 0.7),
        texts=texts,
        photo=Box(65.6, 22.2, 16.5, 22.0) if photo else None,
        qr=Box(64.2, 3.0, 18.4, 18.4),
        rosette_centre=(34.0, 27.0),
        rosette_radius=21.0,
    )


CARD_FRONT: Final = _front(photo=True)
CARD_FRONT_NO_PHOTO: Final = _front(photo=False)


@dataclass(frozen=True)
class CardBackLayout:
    """The back: the title, the address-change lines (追記欄) and the notes."""

    safe: Box
    title: TextSlot
    lines: tuple[tuple[TextSlot, TextSlot], ...]  # (date and kind, new address) per line
    notes: TextSlot


def _back(count: int = 6, pitch: float = 5.6, top: float = 45.0) -> CardBackLayout:
    lines = []
    for i in range(count):
        y = top - (i + 1) * pitch
        lines.append(
            (
                TextSlot(Box(3.4, y + 0.6, 24.0, pitch - 1.2), 6.5, 4.0),
                TextSlot(Box(28.0, y + 0.5, 54.4, pitch - 1.0), 7.0, 3.6, 2),
            )
        )
    return CardBackLayout(
        safe=SAFE_CARD,
        title=TextSlot(Box(3.4, 46.2, 40.0, 4.4), 8.5, 5.0),
        lines=tuple(lines),
        notes=TextSlot(Box(3.4, 3.4, 79.0, 7.2), 5.0, 3.2, 3),
    )


CARD_BACK: Final = _back()
