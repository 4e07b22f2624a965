"""Certificates on A4: the copy of the resident record (住民票の写し), with a copy-evident
background, microtext, the municipal seal image, the signed seal as a QR code and page numbers.

The resident record code (住民票コード) is never printed: no certificate here needs it.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from typing import Final

from reportlab.lib.colors import Color

from counter_app.japanese_dates import format_era_date
from counter_app.printing.card_face import SEX_TEXT, Municipality
from counter_app.printing.fonts import japanese_fonts
from counter_app.printing.layouts import A4_HEIGHT_MM, A4_WIDTH_MM, Box, TextSlot
from counter_app.printing.logo import draw_logo
from counter_app.printing.municipal_seal import draw_municipal_seal
from counter_app.printing.patterns import (
    PantographParameters,
    draw_microtext_line,
    draw_void_pantograph,
)
from counter_app.printing.qr import seal_text
from counter_app.printing.render import MM, Canvas, PlacedText, draw_qr, new_canvas, place_text
from counter_app.printing.seal_crypto import SealSigner
from counter_app.printing.seal_documents import CertificateSeal, digest_fields, sign_document

TITLE: Final = "住民票の写し"
MEMBERS_PER_PAGE: Final = 4
MICROTEXT_PT: Final = 0.8
FRAME: Final = Box(15.0, 12.0, A4_WIDTH_MM - 30.0, A4_HEIGHT_MM - 24.0)
PANTOGRAPH_AREA: Final = Box(12.0, 10.0, A4_WIDTH_MM - 24.0, A4_HEIGHT_MM - 20.0)
MEMBER_HEIGHT: Final = 38.0
MEMBERS_TOP: Final = 226.0


@dataclass(frozen=True)
class HouseholdMember:
    """One person in the record, as the copy shows them."""

    name: str
    birth_date: date
    sex: int
    relationship: str  # 続柄: 世帯主, 妻, 子...
    resident_since: date  # 住民となった日
    previous_address: str = ""  # 前住所, when they moved in


@dataclass(frozen=True)
class ResidentRecordCopy:
    """A copy of the resident record for one household (or the persons requested)."""

    number: str  # certificate number, capital letters and digits
    issued_on: date
    municipality: Municipality
    mayor_name: str
    address: str
    head_of_household: str
    members: tuple[HouseholdMember, ...]

    @property
    def pages(self) -> int:
        return max(1, -(-len(self.members) // MEMBERS_PER_PAGE))

    def content_fields(self) -> dict[str, str]:
        """Every printed field, flattened, whose digest the seal carries."""
        fields = {
            "number": self.number,
            "issued_on": self.issued_on.isoformat(),
            "municipality": self.municipality.code,
            "address": self.address,
            "head_of_household": self.head_of_household,
            "members": str(len(self.members)),
        }
        for i, m in enumerate(self.members, 1):
            fields |= {
                f"member.{i}.name": m.name,
                f"member.{i}.birth_date": m.birth_date.isoformat(),
                f"member.{i}.sex": str(m.sex),
                f"member.{i}.relationship": m.relationship,
                f"member.{i}.resident_since": m.resident_since.isoformat(),
                f"member.{i}.previous_address": m.previous_address,
            }
        return fields

    def seal_payload(self) -> CertificateSeal:
        return CertificateSeal(
            self.number, self.issued_on, digest_fields(self.content_fields()), self.pages
        )


@dataclass(frozen=True)
class RenderedCertificate:
    """The certificate PDF, its seal, where each text went, and the hidden words' positions."""

    pdf: bytes
    seal: bytes
    pages: int
    placed: tuple[PlacedText, ...]
    pantograph_words: tuple[tuple[float, float, float], ...]  # (x, y, size) in points


def _slot(x: float, y: float, w: float, h: float, size: float, **kw: object) -> TextSlot:
    return TextSlot(Box(x, y, w, h), size, min(size, 6.0), **kw)  # type: ignore[arg-type]


HEADER: Final = {
    "title": _slot(60.0, 262.0, 90.0, 12.0, 22.0, align="center", font="mincho"),
    "number": _slot(130.0, 254.0, 64.0, 5.0, 9.0, align="right", font="mincho"),
    "municipality": _slot(34.0, 266.0, 60.0, 6.0, 11.0, font="mincho"),
    "address_label": _slot(18.0, 240.0, 22.0, 6.0, 10.0, font="mincho"),
    "address": _slot(42.0, 236.0, 150.0, 11.0, 11.0, max_lines=2, font="mincho"),
    "head_label": _slot(18.0, 230.0, 22.0, 5.0, 10.0, font="mincho"),
    "head": _slot(42.0, 229.5, 150.0, 6.0, 11.0, font="mincho"),
    "page": _slot(85.0, 14.0, 40.0, 5.0, 9.0, align="center", font="mincho"),
}
CERTIFICATION: Final = {
    "statement": _slot(18.0, 57.0, 174.0, 6.0, 11.0, font="mincho"),
    "date": _slot(100.0, 50.0, 66.0, 6.0, 11.0, align="right", font="mincho"),
    "mayor": _slot(80.0, 36.0, 86.0, 8.0, 13.0, align="right", font="mincho"),
    "verify_note": _slot(52.0, 20.0, 70.0, 8.0, 6.5, max_lines=3, font="gothic"),
}
QR_BOX: Final = Box(18.0, 17.0, 32.0, 32.0)
SEAL_BOX: Final = Box(170.0, 28.0, 21.0, 21.0)
MEMBER_ROWS: Final = (
    ("氏名", "name", 14.0),
    ("生年月日", "birth", 10.5),
    ("性別", "sex", 10.5),
    ("続柄", "relationship", 10.5),
    ("住民となった日", "since", 10.5),
    ("前住所", "previous", 9.5),
)


def _member_slots(position: int) -> dict[str, tuple[TextSlot, TextSlot]]:
    """Label and value slots of the member at `position` (0-based) on a page."""
    top = MEMBERS_TOP - position * MEMBER_HEIGHT
    slots = {}
    row_h = (MEMBER_HEIGHT - 4.0) / len(MEMBER_ROWS)
    for r, (_, key, size) in enumerate(MEMBER_ROWS):
        y = top - 2.0 - (r + 1) * row_h
        slots[key] = (
            _slot(22.0, y + 0.4, 30.0, row_h - 0.8, 9.0, font="mincho"),
            _slot(54.0, y + 0.3, 136.0, row_h - 0.6, size, font="mincho"),
        )
    return slots


def _member(canvas: Canvas, member: HouseholdMember, position: int, index: int) -> list[PlacedText]:
    slots = _member_slots(position)
    top = MEMBERS_TOP - position * MEMBER_HEIGHT
    canvas.setStrokeColor(Color(0.35, 0.35, 0.35))
    canvas.setLineWidth(0.5)
    canvas.rect(18 * MM, (top - MEMBER_HEIGHT + 1) * MM, 174 * MM, (MEMBER_HEIGHT - 1) * MM)
    canvas.setLineWidth(0.25)
    canvas.line(52 * MM, (top - MEMBER_HEIGHT + 1) * MM, 52 * MM, top * MM)
    values = {
        "name": member.name,
        "birth": f"{format_era_date(member.birth_date)}生",
        "sex": SEX_TEXT.get(member.sex, "－"),
        "relationship": member.relationship,
        "since": format_era_date(member.resident_since),
        "previous": member.previous_address or "－",
    }
    placed = []
    for label, key, _ in MEMBER_ROWS:
        label_slot, value_slot = slots[key]
        canvas.setFillColor(Color(0.3, 0.3, 0.3))
        placed.append(place_text(canvas, f"member{index}_{key}_label", label_slot, label))
        canvas.setFillGray(0)
        placed.append(place_text(canvas, f"member{index}_{key}", value_slot, values[key]))
    return placed


def _microtext_frame(canvas: Canvas, record: ResidentRecordCopy) -> None:
    fonts = japanese_fonts()
    text = f"{record.municipality.latin} CERTIFIED COPY {record.number} "
    f = FRAME
    common = {"font": fonts.gothic, "size": MICROTEXT_PT, "color": Color(0.3, 0.32, 0.4)}
    draw_microtext_line(canvas, text, x=f.x * MM, y=f.y * MM, length=f.w * MM, **common)
    draw_microtext_line(canvas, text, x=f.x * MM, y=f.top * MM, length=f.w * MM, **common)
    draw_microtext_line(canvas, text, x=f.x * MM, y=f.y * MM, length=f.h * MM, angle=90, **common)
    draw_microtext_line(
        canvas, text, x=f.right * MM, y=f.y * MM, length=f.h * MM, angle=90, **common
    )
    # A ruled-looking line above the certification that reads under a loupe.
    draw_microtext_line(canvas, text, x=18 * MM, y=64 * MM, length=174 * MM, **common)


def draw_background(
    canvas: Canvas, params: PantographParameters | None = None
) -> list[tuple[float, float, float]]:
    """The copy-evident background of every certificate page."""
    area = PANTOGRAPH_AREA
    return draw_void_pantograph(
        canvas, area.x * MM, area.y * MM, area.w * MM, area.h * MM, japanese_fonts().gothic, params
    )


def render_certificate(
    record: ResidentRecordCopy, signer: SealSigner, *, background_only: bool = False
) -> RenderedCertificate:
    """The certificate's pages; `background_only` draws only the background (for measuring)."""
    fonts = japanese_fonts()
    seal = sign_document(
        signer, record.seal_payload(), issue_date=record.issued_on, signed_on=record.issued_on
    ).encode()
    out = io.BytesIO()
    canvas = new_canvas(out, A4_WIDTH_MM * MM, A4_HEIGHT_MM * MM, fonts)
    canvas.setTitle(f"{TITLE} {record.number}")
    placed: list[PlacedText] = []
    words: list[tuple[float, float, float]] = []
    pages = record.pages
    for page in range(pages):
        words = draw_background(canvas)
        if background_only:
            canvas.showPage()
            continue
        _microtext_frame(canvas, record)
        draw_logo(canvas, 18 * MM, 264 * MM, 12 * MM)
        canvas.setFillGray(0)
        header = {
            "title": TITLE,
            "number": f"証明書番号 {record.number}",
            "municipality": record.municipality.name,
            "address_label": "住所",
            "address": record.address,
            "head_label": "世帯主",
            "head": record.head_of_household,
            "page": f"{page + 1} / {pages}",
        }
        placed += [
            place_text(canvas, f"p{page + 1}_{key}", HEADER[key], text)
            for key, text in header.items()
        ]
        members = record.members[page * MEMBERS_PER_PAGE : (page + 1) * MEMBERS_PER_PAGE]
        for position, member in enumerate(members):
            placed += _member(canvas, member, position, page * MEMBERS_PER_PAGE + position + 1)
        if page == pages - 1:
            below = MEMBERS_TOP - len(members) * MEMBER_HEIGHT - 6.0
            placed.append(
                place_text(
                    canvas,
                    "blank_below",
                    _slot(150.0, below, 42.0, 5.0, 9.0, font="mincho"),
                    "以下余白",
                )
            )
        placed += _certification(canvas, record, seal, page + 1 == pages)
        canvas.showPage()
    canvas.save()
    return RenderedCertificate(out.getvalue(), seal, pages, tuple(placed), tuple(words))


def _certification(
    canvas: Canvas, record: ResidentRecordCopy, seal: bytes, last: bool
) -> list[PlacedText]:
    draw_qr(canvas, seal_text(seal), QR_BOX)
    canvas.setFillColor(Color(0.25, 0.25, 0.25))
    placed = [
        place_text(
            canvas,
            "verify_note",
            CERTIFICATION["verify_note"],
            "左の二次元コードは改ざん防止の電子署名です。"
            "窓口で counter-app seal verify により確認できます。",
        )
    ]
    if not last:
        return placed
    canvas.setFillGray(0)
    placed += [
        place_text(
            canvas,
            "statement",
            CERTIFICATION["statement"],
            "この写しは、住民票の原本と相違ないことを証明する。",
        ),
        place_text(canvas, "date", CERTIFICATION["date"], format_era_date(record.issued_on)),
        place_text(
            canvas,
            "mayor",
            CERTIFICATION["mayor"],
            f"{record.municipality.mayor}　{record.mayor_name}",
        ),
    ]
    s = SEAL_BOX
    draw_municipal_seal(canvas, s.x * MM, s.y * MM, s.w * MM, record.municipality.mayor)
    return placed
