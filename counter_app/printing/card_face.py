"""The card face, front and back, as a PDF at exact ID-1 size (85.60 x 53.98 mm)."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from typing import Final

from reportlab.lib.colors import Color
from reportlab.lib.utils import ImageReader

from counter_app.card.personal_data import CardholderData
from counter_app.errors import CounterError
from counter_app.japanese_dates import format_era_date, unlock_number
from counter_app.printing import c40
from counter_app.printing.fonts import japanese_fonts
from counter_app.printing.layouts import (
    CARD_BACK,
    CARD_FRONT,
    CARD_FRONT_NO_PHOTO,
    ID1_CORNER_MM,
    ID1_HEIGHT_MM,
    ID1_WIDTH_MM,
    Box,
    CardFrontLayout,
)
from counter_app.printing.logo import draw_logo
from counter_app.printing.patterns import (
    background_tint,
    draw_code,
    draw_microtext_line,
    draw_rainbow_band,
    pattern_parameters,
    rosette_code,
    waves_code,
)
from counter_app.printing.qr import seal_text
from counter_app.printing.render import MM, Canvas, PlacedText, draw_qr, new_canvas, place_text
from counter_app.printing.seal_crypto import SealSigner
from counter_app.printing.seal_documents import CardFaceSeal, digest_fields, sign_document

TITLE: Final = "住民基本台帳カード"
BACK_TITLE: Final = "追記欄"
MICROTEXT_PT: Final = 0.8
SEX_TEXT: Final = {1: "男", 2: "女", 9: "－"}


class AddressLinesFullError(CounterError):
    """Every address-change line on the back of the card is used."""

    what = "The back of the card has no free line for the new address."
    todo = "Re-issue the card: the new card prints the current address on its front."


class CardSerialError(CounterError, ValueError):
    """A card serial that the seal cannot carry."""

    what = "The card serial number is not valid."
    todo = "Use the serial number printed on the blank card (capital letters and digits)."


@dataclass(frozen=True)
class Municipality:
    """The issuing municipality: its name, local government code and Latin name."""

    name: str  # e.g. 見本県見本市
    code: str  # 全国地方公共団体コード, six digits; seeds the security patterns
    latin: str  # for microtext, e.g. MIHON CITY
    mayor: str  # the mayor's title on certificates, e.g. 見本市長


DEMO_MUNICIPALITY: Final = Municipality("見本県見本市", "999997", "MIHON CITY", "見本市長")


@dataclass(frozen=True)
class AddressChange:
    """One line of the back: the date, what happened (転居, 転入) and the new address."""

    moved_on: date
    address: str
    kind: str = "転居"


@dataclass(frozen=True)
class CardFace:
    """Everything printed on a card; a foreign resident's card shows the Latin name and 通称."""

    serial: str
    name: str  # as registered: kanji, or for a foreign resident the name in Latin letters
    address: str
    birth_date: date
    sex: int
    expiry: date
    security_code: str
    municipality: Municipality
    photo_jpeg: bytes = b""
    foreign_resident: bool = False
    alias: str | None = None  # 通称, for foreign residents
    address_changes: tuple[AddressChange, ...] = ()

    def __post_init__(self) -> None:
        try:
            c40.encode(self.serial)
        except c40.C40Error as exc:
            raise CardSerialError(str(exc)) from None
        if not self.serial or " " in self.serial:
            raise CardSerialError("the serial is empty or has spaces")

    @classmethod
    def from_cardholder(
        cls,
        holder: CardholderData,
        *,
        serial: str,
        municipality: Municipality,
        foreign_resident: bool = False,
        alias: str | None = None,
        address_changes: tuple[AddressChange, ...] = (),
    ) -> CardFace:
        """The face of a card personalised from `holder`."""
        return cls(
            serial=serial,
            name=holder.name,
            address=holder.address,
            birth_date=holder.birth_date,
            sex=holder.sex,
            expiry=holder.expiry,
            security_code=holder.security_code,
            municipality=municipality,
            photo_jpeg=holder.photo_jpeg,
            foreign_resident=foreign_resident,
            alias=alias,
            address_changes=address_changes,
        )

    @property
    def unlock_number(self) -> str:
        return unlock_number(self.birth_date, self.expiry, self.security_code)

    def printed_fields(self) -> dict[str, str]:
        """The front's printed fields, whose digest the seal carries."""
        return {
            "serial": self.serial,
            "name": self.name,
            "alias": self.alias or "",
            "address": self.address,
            "birth_date": self.birth_date.isoformat(),
            "sex": str(self.sex),
            "expiry": self.expiry.isoformat(),
            "municipality": self.municipality.code,
        }

    def seal_payload(self) -> CardFaceSeal:
        return CardFaceSeal(self.serial, self.unlock_number, digest_fields(self.printed_fields()))


@dataclass(frozen=True)
class RenderedCard:
    """A rendered card PDF, the seal printed in its QR code, and where each text went."""

    pdf: bytes
    seal: bytes
    placed: tuple[PlacedText, ...]
    qr_module_mm: float


def expiry_text(expiry: date) -> str:
    """The expiry in the Western calendar: 2036年11月26日まで有効."""
    return f"{expiry.year}年{expiry.month}月{expiry.day}日まで有効"


def _page(canvas: Canvas, bleed_mm: float) -> None:
    """Set the page boxes: the trim box is the card, the media box adds the bleed."""
    if bleed_mm:
        w = (ID1_WIDTH_MM + 2 * bleed_mm) * MM
        h = (ID1_HEIGHT_MM + 2 * bleed_mm) * MM
        canvas.setPageSize((w, h))
        b = bleed_mm * MM
        canvas.setTrimBox((b, b, w - b, h - b))
        canvas.setBleedBox((0, 0, w, h))
        canvas.translate(b, b)


def _card_clip(canvas: Canvas, bleed_mm: float) -> None:
    """Clip to the card's rounded outline (extended by the bleed)."""
    b = bleed_mm * MM
    path = canvas.beginPath()
    radius = ID1_CORNER_MM * MM + b if bleed_mm else ID1_CORNER_MM * MM
    path.roundRect(-b, -b, ID1_WIDTH_MM * MM + 2 * b, ID1_HEIGHT_MM * MM + 2 * b, radius)
    canvas.clipPath(path, stroke=0, fill=0)


def _background(canvas: Canvas, face: CardFace, bleed_mm: float, *, back: bool) -> None:
    params = pattern_parameters(face.municipality.code)
    b = bleed_mm * MM
    width, height = ID1_WIDTH_MM * MM + 2 * b, ID1_HEIGHT_MM * MM + 2 * b
    canvas.saveState()
    _card_clip(canvas, bleed_mm)
    scale = 1.3 if back else 1.0
    draw_code(
        canvas,
        waves_code(params, round(width, 2), round(height, 2), scale),
        x=-b,
        y=-b,
        color=background_tint(params, 0.82),
        width=0.12,
    )
    canvas.restoreState()


def _microtext_border(canvas: Canvas, face: CardFace) -> None:
    """Microtext (0.8 pt) along all four edges, inside the rounded corners."""
    fonts = japanese_fonts()
    text = f"{face.municipality.latin} RESIDENT CARD {face.municipality.code} "
    inset, corner = 1.3 * MM, 4.2 * MM
    w, h = ID1_WIDTH_MM * MM, ID1_HEIGHT_MM * MM
    color = Color(0.25, 0.3, 0.38)
    common = {"font": fonts.gothic, "size": MICROTEXT_PT, "color": color}
    draw_microtext_line(canvas, text, x=corner, y=inset, length=w - 2 * corner, **common)
    draw_microtext_line(
        canvas, text, x=corner, y=h - inset - MICROTEXT_PT * 0.7, length=w - 2 * corner, **common
    )
    draw_microtext_line(
        canvas,
        text,
        x=inset + MICROTEXT_PT * 0.7,
        y=corner,
        length=h - 2 * corner,
        angle=90,
        **common,
    )
    draw_microtext_line(
        canvas, text, x=w - inset, y=corner, length=h - 2 * corner, angle=90, **common
    )


def _photo(canvas: Canvas, jpeg: bytes, box: Box) -> None:
    image = ImageReader(io.BytesIO(jpeg))
    iw, ih = image.getSize()
    scale = min(box.w / iw, box.h / ih)
    w, h = iw * scale, ih * scale
    x, y = box.x + (box.w - w) / 2, box.y + (box.h - h) / 2
    canvas.drawImage(image, x * MM, y * MM, w * MM, h * MM)
    canvas.setStrokeColor(Color(0.55, 0.6, 0.65))
    canvas.setLineWidth(0.3)
    canvas.rect(box.x * MM, box.y * MM, box.w * MM, box.h * MM, stroke=1, fill=0)


def _front(
    canvas: Canvas, face: CardFace, seal: bytes, bleed_mm: float
) -> tuple[list[PlacedText], float]:
    layout: CardFrontLayout = CARD_FRONT if face.photo_jpeg else CARD_FRONT_NO_PHOTO
    params = pattern_parameters(face.municipality.code)
    fonts = japanese_fonts()
    _background(canvas, face, bleed_mm, back=False)
    cx, cy = layout.rosette_centre
    draw_code(
        canvas,
        rosette_code(params, round(layout.rosette_radius * MM, 2)),
        x=cx * MM,
        y=cy * MM,
        color=background_tint(params, 0.7),
        width=0.15,
    )
    draw_rainbow_band(
        canvas,
        layout.rainbow.x * MM,
        layout.rainbow.y * MM,
        layout.rainbow.w * MM,
        layout.rainbow.h * MM,
        shift=params.hue,
    )
    _microtext_border(canvas, face)
    draw_logo(canvas, layout.logo.x * MM, layout.logo.y * MM, layout.logo.w * MM)
    canvas.setFillColor(Color(0.1, 0.25, 0.32))
    placed = [
        place_text(canvas, "title", layout.title, TITLE),
        place_text(canvas, "municipality", layout.municipality, face.municipality.name),
    ]
    t = layout.texts
    canvas.setFillColor(Color(0.3, 0.35, 0.4))
    labels = {
        "name_label": "氏名",
        "address_label": "住所",
        "birth_label": "生年月日",
        "sex_label": "性別",
        "expiry_label": "有効期限",
        "serial_label": "番号",
    }
    placed += [place_text(canvas, key, t[key], text) for key, text in labels.items()]
    canvas.setFillGray(0)
    if face.foreign_resident:
        placed.append(place_text(canvas, "latin_name", t["latin_name"], face.name))
        if face.alias:
            placed.append(place_text(canvas, "alias", t["alias"], f"通称　{face.alias}"))
    else:
        placed.append(place_text(canvas, "name", t["name"], face.name))
    placed += [
        place_text(canvas, "address", t["address"], face.address),
        place_text(canvas, "birth", t["birth"], f"{format_era_date(face.birth_date)}生"),
        place_text(canvas, "sex", t["sex"], SEX_TEXT.get(face.sex, "－")),
        place_text(canvas, "expiry", t["expiry"], expiry_text(face.expiry)),
        place_text(canvas, "serial", t["serial"], face.serial),
        place_text(
            canvas, "security_code", t["security_code"], f"セキュリティコード {face.security_code}"
        ),
    ]
    canvas.setFillColor(Color(0.3, 0.35, 0.4))
    placed.append(place_text(canvas, "issuer", t["issuer"], f"交付 {face.municipality.name}"))
    if layout.photo is not None:
        _photo(canvas, face.photo_jpeg, layout.photo)
    module = draw_qr(canvas, seal_text(seal), layout.qr)
    # Microtext under the name: a line that looks ruled and reads under a loupe.
    draw_microtext_line(
        canvas,
        f"{face.municipality.latin} {face.municipality.code} ",
        x=10.2 * MM,
        y=35.2 * MM,
        length=(layout.texts["name"].box.w) * MM,
        font=fonts.gothic,
        size=MICROTEXT_PT,
    )
    return placed, module


def _back_frame(canvas: Canvas, face: CardFace, bleed_mm: float) -> list[PlacedText]:
    """What the back shows before any address change: background, title, rules, notes."""
    _background(canvas, face, bleed_mm, back=True)
    _microtext_border(canvas, face)
    canvas.setFillColor(Color(0.1, 0.25, 0.32))
    placed = [place_text(canvas, "back_title", CARD_BACK.title, BACK_TITLE)]
    canvas.setStrokeColor(Color(0.55, 0.62, 0.68))
    canvas.setLineWidth(0.25)
    for _, address_slot in CARD_BACK.lines:
        y = (address_slot.box.y - 0.5) * MM
        canvas.line(3.4 * MM, y, 82.4 * MM, y)
    canvas.setFillColor(Color(0.3, 0.35, 0.4))
    notes = (
        f"このカードは{face.municipality.name}が交付したものです。"
        "住所を変更したときは、この欄に新しい住所を記載します。"
        "拾得された方は最寄りの市区町村窓口へお届けください。"
    )
    placed.append(place_text(canvas, "notes", CARD_BACK.notes, notes))
    return placed


def _address_line(canvas: Canvas, change: AddressChange, index: int) -> list[PlacedText]:
    if index >= len(CARD_BACK.lines):
        raise AddressLinesFullError(f"line {index + 1} of {len(CARD_BACK.lines)}")
    date_slot, address_slot = CARD_BACK.lines[index]
    canvas.setFillGray(0)
    return [
        place_text(
            canvas,
            f"change_{index}_date",
            date_slot,
            f"{format_era_date(change.moved_on)} {change.kind}",
        ),
        place_text(canvas, f"change_{index}_address", address_slot, change.address),
    ]


def render_card(
    face: CardFace, signer: SealSigner, *, issued_on: date, bleed_mm: float = 0.0
) -> RenderedCard:
    """Front and back of a new card, with its signed seal in the QR code."""
    if len(face.address_changes) > len(CARD_BACK.lines):
        raise AddressLinesFullError(
            f"{len(face.address_changes)} changes, {len(CARD_BACK.lines)} lines"
        )
    fonts = japanese_fonts()
    seal = sign_document(
        signer, face.seal_payload(), issue_date=issued_on, signed_on=issued_on
    ).encode()
    out = io.BytesIO()
    canvas = new_canvas(out, ID1_WIDTH_MM * MM, ID1_HEIGHT_MM * MM, fonts)
    canvas.setTitle(f"{TITLE} {face.serial}")
    _page(canvas, bleed_mm)
    placed, module = _front(canvas, face, seal, bleed_mm)
    canvas.showPage()
    _page(canvas, bleed_mm)
    placed += _back_frame(canvas, face, bleed_mm)
    for index, change in enumerate(face.address_changes):
        placed += _address_line(canvas, change, index)
    canvas.showPage()
    canvas.save()
    return RenderedCard(out.getvalue(), seal, tuple(placed), module)


def render_address_change(
    face: CardFace, change: AddressChange, *, bleed_mm: float = 0.0
) -> RenderedCard:
    """Only the new address-change line, at the next free position of the card's back.

    The card already carries `face.address_changes`; the new line goes below them, so that the
    printed card matches the chip, and nothing else is printed again.
    """
    index = len(face.address_changes)
    if index >= len(CARD_BACK.lines):
        raise AddressLinesFullError(f"all {len(CARD_BACK.lines)} lines are used")
    out = io.BytesIO()
    canvas = new_canvas(out, ID1_WIDTH_MM * MM, ID1_HEIGHT_MM * MM, japanese_fonts())
    canvas.setTitle(f"{BACK_TITLE} {face.serial} {index + 1}")
    _page(canvas, bleed_mm)
    placed = _address_line(canvas, change, index)
    canvas.showPage()
    canvas.save()
    return RenderedCard(out.getvalue(), b"", tuple(placed), 0.0)
