"""The handover receipt (交付通知書), A4: what was issued to whom, when, and for what fee."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from typing import Final, Literal

from counter_app.japanese_dates import format_era_date
from counter_app.printing.card_face import Municipality
from counter_app.printing.fonts import japanese_fonts
from counter_app.printing.layouts import A4_HEIGHT_MM, A4_WIDTH_MM, Box, TextSlot
from counter_app.printing.logo import draw_logo
from counter_app.printing.render import MM, new_canvas, place_text
from counter_app.records import CardKind, ExemptionGround, ProofKind

TITLE: Final = "住民基本台帳カード交付通知書"
KIND_TEXT: Final = {CardKind.PHOTO: "写真付き", CardKind.NO_PHOTO: "写真なし"}
GROUND_TEXT: Final = {ExemptionGround.LICENCE_RETURNED: "運転免許証の自主返納による無料交付"}
PROOF_TEXT: Final = {
    ProofKind.DRIVING_HISTORY_CERTIFICATE: "運転経歴証明書",
    ProofKind.LICENCE_CANCELLATION_NOTICE: "運転免許の取消通知書",
}
_LABEL_X: Final = 25.0
_VALUE_X: Final = 70.0
_ROW_TOP: Final = 225.0
_ROW_PITCH: Final = 12.0


@dataclass(frozen=True)
class HandoverReceipt:
    """What the receipt shows; never the PIN, the security code or the resident record code."""

    municipality: Municipality
    name: str
    address: str
    birth_date: date
    serial: str
    card_kind: CardKind
    issued_on: date
    expires_on: date
    fee_yen: int
    exemption: ExemptionGround | None
    proof_kind: ProofKind | None
    clerk: str

    def rows(self) -> list[tuple[str, str]]:
        """The receipt's label and value rows, top to bottom."""
        if self.exemption is not None:
            proof = PROOF_TEXT.get(self.proof_kind, "") if self.proof_kind else ""
            fee = f"0円（{GROUND_TEXT[self.exemption]}：{proof}）"
        else:
            fee = f"{self.fee_yen:,}円"
        return [
            ("氏名", self.name),
            ("住所", self.address),
            ("生年月日", format_era_date(self.birth_date)),
            ("カードの種類", KIND_TEXT[self.card_kind]),
            ("カード番号", self.serial),
            ("交付日", format_era_date(self.issued_on)),
            ("有効期限", format_era_date(self.expires_on)),
            ("手数料", fee),
            ("担当者", self.clerk),
        ]


def _slot(
    x: float,
    y: float,
    w: float,
    h: float,
    size: float,
    *,
    align: Literal["left", "center", "right"] = "left",
    font: Literal["gothic", "mincho"] = "gothic",
    max_lines: int = 1,
) -> TextSlot:
    return TextSlot(Box(x, y, w, h), size, 6.0, max_lines, align, font)


def render_receipt(receipt: HandoverReceipt) -> bytes:
    """The receipt as a one-page A4 PDF."""
    fonts = japanese_fonts()
    out = io.BytesIO()
    canvas = new_canvas(out, A4_WIDTH_MM * MM, A4_HEIGHT_MM * MM, fonts)
    canvas.setTitle(f"{TITLE} {receipt.serial}")
    draw_logo(canvas, 20 * MM, 262 * MM, 14 * MM)
    canvas.setFillGray(0)
    place_text(canvas, "title", _slot(40, 262, 150, 14, 18, align="center"), TITLE)
    place_text(
        canvas,
        "municipality",
        _slot(110, 248, 80, 8, 11, align="right"),
        receipt.municipality.name,
    )
    place_text(
        canvas,
        "intro",
        _slot(_LABEL_X, 236, 165, 8, 10.5),
        "次のとおり住民基本台帳カードを交付しました。",
    )
    for index, (label, value) in enumerate(receipt.rows()):
        y = _ROW_TOP - index * _ROW_PITCH
        place_text(canvas, f"label_{index}", _slot(_LABEL_X, y, 40, 9, 11), label)
        place_text(canvas, f"value_{index}", _slot(_VALUE_X, y, 120, 9, 11, max_lines=2), value)
        canvas.setLineWidth(0.3)
        canvas.line(_LABEL_X * MM, (y - 1.5) * MM, 190 * MM, (y - 1.5) * MM)
    notes = (
        "暗証番号は他人に知られないよう大切に管理してください。",
        "カードを紛失したときは、直ちに市区町村の窓口に届け出てください（一時停止します）。",
        "住所を変更したときは、カードを持参して記載事項の変更を届け出てください。",
    )
    for index, note in enumerate(notes):
        place_text(canvas, f"note_{index}", _slot(_LABEL_X, 92 - index * 8, 165, 7, 9), f"・{note}")
    place_text(
        canvas,
        "mayor",
        _slot(110, 50, 80, 9, 12, align="right", font="mincho"),
        receipt.municipality.mayor,
    )
    canvas.showPage()
    canvas.save()
    return out.getvalue()
