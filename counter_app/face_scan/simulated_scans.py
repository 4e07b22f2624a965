"""Generated scans of genuine and altered card faces, for the tests and the benchmark.

A demo resident (seeded) gives the chip's face data and the printed face. The face is rendered
as the card printer would print it, then "scanned": placed on a scanner bed, turned a little,
blurred and JPEG-compressed. An altered face is the genuine card re-printed with one field
changed and the genuine card's QR code pasted back (as a forger would copy it), or the genuine
face with another card's QR code.
"""

from __future__ import annotations

import io
import random
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import StrEnum
from typing import Final

import numpy as np
from PIL import Image, ImageFilter

from counter_app.card.face_images import demo_photo_jpeg
from counter_app.card.layout import FaceData
from counter_app.card.personal_data import CardholderData, demo_cardholder
from counter_app.face_scan.compare import ChipFace
from counter_app.face_scan.report import FaceField
from counter_app.printing.card_face import DEMO_MUNICIPALITY, CardFace, render_card
from counter_app.printing.layouts import CARD_FRONT, ID1_HEIGHT_MM, Box
from counter_app.printing.raster import rasterise_pdf
from counter_app.printing.seal_crypto import SealSigner

SCAN_TODAY: Final = date(2026, 11, 26)
_DUMMY_CHIP_KEY: Final = b"\x04" + bytes(range(64))  # the comparison never uses the chip key


class Alteration(StrEnum):
    """How a forged face differs from the chip; the value is the field that must be flagged."""

    NAME = FaceField.NAME.value
    ADDRESS = FaceField.ADDRESS.value
    BIRTH_DATE = FaceField.BIRTH_DATE.value
    EXPIRY = FaceField.EXPIRY.value
    CARD_NUMBER = FaceField.CARD_NUMBER.value
    SECURITY_CODE = FaceField.SECURITY_CODE.value
    PHOTO = FaceField.PHOTO.value
    QR_SEAL = FaceField.QR_SEAL.value

    @property
    def field(self) -> FaceField:
        return FaceField(self.value)


@dataclass(frozen=True)
class ScanCondition:
    """How the face was scanned."""

    dpi: int = 300
    angle: float = 1.5  # degrees
    blur: float = 0.7  # Gaussian radius in pixels at 300 dpi
    jpeg_quality: int = 75


@dataclass(frozen=True)
class SimulatedCard:
    """A genuine card: its printed face and what its chip holds."""

    face: CardFace
    chip: ChipFace


def card_serial(seed: int) -> str:
    """A chip serial as the counter prints it (16 hex digits)."""
    return f"{(seed * 2654435761 + 0x1234) % 16**16:016X}"


def simulated_card(seed: int, *, today: date = SCAN_TODAY) -> SimulatedCard:
    """The genuine card of demo resident `seed`."""
    holder, _ = demo_cardholder(seed, today=today)
    serial = card_serial(seed)
    face = CardFace.from_cardholder(holder, serial=serial, municipality=DEMO_MUNICIPALITY)
    return SimulatedCard(face, ChipFace(serial, _face_data(holder), holder.security_code))


def _face_data(holder: CardholderData) -> FaceData:
    return FaceData(
        birth_date=holder.birth_date,
        sex=holder.sex,
        chip_public_key=_DUMMY_CHIP_KEY,
        name_image=holder.name_image,
        address_image=holder.address_image,
        photo=holder.photo_jpeg,
        expiry=holder.expiry,
        code_image=holder.code_image,
    )


def render_front(face: CardFace, signer: SealSigner, dpi: int, *, today: date) -> Image.Image:
    """The printed front of `face` at `dpi`, RGB."""
    rendered = render_card(face, signer, issued_on=today)
    return rasterise_pdf(rendered.pdf, dpi)[0]


def _altered_face(card: SimulatedCard, alteration: Alteration, rng: random.Random) -> CardFace:
    face = card.face
    other, _ = demo_cardholder(rng.randrange(10**6, 2 * 10**6), today=SCAN_TODAY)
    match alteration:
        case Alteration.NAME:
            name = other.name if other.name != face.name else face.name + "子"
            return replace(face, name=name)
        case Alteration.ADDRESS:
            return replace(face, address=other.address)
        case Alteration.BIRTH_DATE:
            return replace(face, birth_date=face.birth_date + timedelta(days=rng.randint(1, 900)))
        case Alteration.EXPIRY:
            return replace(face, expiry=face.expiry.replace(year=face.expiry.year + 5))
        case Alteration.CARD_NUMBER:
            return replace(face, serial=card_serial(rng.randrange(10**6, 2 * 10**6)))
        case Alteration.SECURITY_CODE:
            code = f"{(int(face.security_code) + rng.randint(1, 9998)) % 10_000:04d}"
            return replace(face, security_code=code)
        case Alteration.PHOTO:
            return replace(face, photo_jpeg=demo_photo_jpeg(rng.randrange(2**31)))
        case Alteration.QR_SEAL:
            return face
    raise AssertionError(alteration)


def box_px(box: Box, dpi: int) -> tuple[int, int, int, int]:
    """`box` (layout mm) as a (left, top, right, bottom) pixel box of a front at `dpi`."""
    px = dpi / 25.4
    return (
        round(box.x * px),
        round((ID1_HEIGHT_MM - box.top) * px),
        round(box.right * px),
        round((ID1_HEIGHT_MM - box.y) * px),
    )


def altered_front(
    card: SimulatedCard,
    alteration: Alteration,
    signer: SealSigner,
    dpi: int,
    rng: random.Random,
    *,
    genuine: Image.Image | None = None,
) -> Image.Image:
    """The face re-printed with `alteration` and the genuine QR code pasted back (for
    QR_SEAL: the genuine face with the QR code of another card)."""
    genuine = genuine or render_front(card.face, signer, dpi, today=SCAN_TODAY)
    box = box_px(CARD_FRONT.qr, dpi)
    if alteration is Alteration.QR_SEAL:
        other = simulated_card(rng.randrange(10**6, 2 * 10**6))
        forged = genuine.copy()
        other_front = render_front(other.face, signer, dpi, today=SCAN_TODAY)
        forged.paste(other_front.crop(box), box[:2])
        return forged
    forged = render_front(_altered_face(card, alteration, rng), signer, dpi, today=SCAN_TODAY)
    forged.paste(genuine.crop(box), box[:2])
    return forged


def transplant(front: Image.Image, donor: Image.Image, box: Box, dpi: int) -> Image.Image:
    """`front` with the `box` region (layout mm) taken from `donor`, both at `dpi`."""
    pixels = box_px(box, dpi)
    forged = front.copy()
    forged.paste(donor.crop(pixels), pixels[:2])
    return forged


def simulate_photo(front: Image.Image, tilt: float, rng: random.Random) -> bytes:
    """`front` as a phone photo of the card on a table: a slant (`tilt`, a share of the card's
    width by which its top edge is narrowed), a wooden table around it, JPEG (bytes)."""
    width, height = front.size
    margin = width // 4
    table = Image.new("RGB", (width + 2 * margin, height + 2 * margin), (128, 100, 76))
    table.paste(front, (margin, margin))
    inset = width * tilt
    # Where each corner of the photo comes from: the card's top edge appears shorter.
    corners = [
        (margin, margin),
        (margin + width, margin),
        (margin + width, margin + height),
        (margin, margin + height),
    ]
    seen = [
        (margin + inset, margin + rng.uniform(0, inset / 4)),
        (margin + width - inset, margin),
        (margin + width, margin + height),
        (margin, margin + height),
    ]
    coefficients = _perspective_coefficients(seen, corners)
    photo = table.transform(
        table.size, Image.Transform.PERSPECTIVE, coefficients, Image.Resampling.BICUBIC
    )
    out = io.BytesIO()
    photo.save(out, format="JPEG", quality=85)
    return out.getvalue()


def _perspective_coefficients(
    seen: Sequence[tuple[float, float]], source: Sequence[tuple[float, float]]
) -> tuple[float, ...]:
    """PIL's perspective coefficients mapping each `seen` point to its `source` point."""
    rows, values = [], []
    for (x, y), (u, v) in zip(seen, source, strict=True):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        values.append(u)
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        values.append(v)
    solved = np.linalg.solve(np.array(rows, dtype=float), np.array(values, dtype=float))
    return tuple(float(c) for c in solved)


def simulate_scan(front: Image.Image, condition: ScanCondition, rng: random.Random) -> bytes:
    """`front` as a flatbed scanner gives it: on the bed, turned, blurred, JPEG (bytes)."""
    scale = condition.dpi / 300
    margin = round(60 * scale)
    bed = Image.new("RGB", (front.width + 2 * margin, front.height + 2 * margin), (246, 246, 244))
    bed.paste(front, (margin + rng.randint(-margin // 2, margin // 2), margin))
    turned = bed.rotate(
        condition.angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=(246, 246, 244)
    )
    if condition.blur:
        turned = turned.filter(ImageFilter.GaussianBlur(condition.blur * scale))
    out = io.BytesIO()
    turned.save(out, format="JPEG", quality=condition.jpeg_quality, dpi=(condition.dpi,) * 2)
    return out.getvalue()
