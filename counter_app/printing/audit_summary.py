"""The audit summary for an external auditor: a signed PDF, and the check of one.

The summary (a plain JSON object: period, counts per action, outcome, purpose and operator, the
chain's verdict, the period's first and last event hashes) is written as canonical JSON (sorted
keys, no spaces, ASCII). Its SHA-256 goes into a seal of our own profile (reference 03, category
24), signed by the municipality's seal key like the certificates' seals. The PDF shows the
summary on its pages with the seal as a QR code, and carries the canonical JSON (document
information "Subject") and the seal (Base45, "Keywords") so it can be checked without scanning.

`verify_summary_pdf` checks, each with its own verdict: the seal's signer and signature against
the trust store, that the seal is of this profile and covers exactly the embedded summary, and
that the pages show what that summary renders to, so an edited number on a page fails too.
"""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Final

import pypdfium2

from counter_app.printing.fonts import japanese_fonts
from counter_app.printing.layouts import A4_HEIGHT_MM, A4_WIDTH_MM, Box
from counter_app.printing.qr import SealTextError, seal_from_text, seal_text
from counter_app.printing.render import MM, Canvas, draw_qr, new_canvas
from counter_app.printing.seal import Feature, Seal, SealFormatError, parse
from counter_app.printing.seal_crypto import SealSigner, SignerCertificate
from counter_app.printing.seal_documents import DocumentType
from counter_app.printing.seal_verify import Check, verify_seal

AUDIT_SUMMARY: Final = DocumentType("audit summary", 0x03, 0x24)
TITLE: Final = "監査証跡の要約（外部監査用）"
MARK: Final = "counter-app audit summary v1"
LINE_MM: Final = 5.2
TOP_MM: Final = 272.0
BOTTOM_MM: Final = 60.0
LEFT_MM: Final = 20.0
QR_BOX: Final = Box(20.0, 14.0, 36.0, 36.0)
SECTIONS: Final = (
    ("by_action", "操作別の件数"),
    ("by_outcome", "結果別の件数"),
    ("by_purpose", "利用目的別の件数"),
    ("by_operator", "操作者別の件数"),
)


def summary_bytes(summary: Mapping[str, object]) -> bytes:
    """The canonical bytes the seal's digest covers."""
    return json.dumps(dict(summary), sort_keys=True, separators=(",", ":")).encode("ascii")


def summary_seal(signer: SealSigner, summary: Mapping[str, object], today: date) -> Seal:
    """The signed seal over the summary: 01 its SHA-256, 02 its event count, 03 chain intact."""
    events = summary.get("events")
    count = events if isinstance(events, int) else 0
    features = (
        Feature(0x01, hashlib.sha256(summary_bytes(summary)).digest()),
        Feature(0x02, count.to_bytes(4, "big")),
        Feature(0x03, bytes((1 if summary.get("chain_intact") is True else 0,))),
    )
    header = signer.header(
        today, today, AUDIT_SUMMARY.feature_reference, AUDIT_SUMMARY.type_category
    )
    return signer.sign(header, features)


def _name(key: str) -> str:
    """A count's name as shown: "-" counts the events without an operator or purpose."""
    return "（指定なし）" if key == "-" else key


def _lines(summary: Mapping[str, object]) -> list[tuple[str, str]]:
    """What the pages show, as (label, value) pairs; a label alone is a heading."""
    out: list[tuple[str, str]] = [
        ("対象期間の始め（UTC）", str(summary.get("since") or "最初の記録から")),
        ("対象期間の終わり（UTC、含まない）", str(summary.get("until") or "作成時まで")),
        ("作成日時（UTC）", str(summary.get("generated_at"))),
        ("作成者（ログイン名）", str(summary.get("generated_by"))),
        ("期間内の記録の件数", str(summary.get("events"))),
        ("監査証跡の検証", "改ざんなし" if summary.get("chain_intact") is True else "改ざんあり"),
        ("検証の結果", str(summary.get("chain_verdict"))),
        ("期間の最初の記録のハッシュ", ""),
        ("", str(summary.get("first_hash") or "（記録なし）")),
        ("期間の最後の記録のハッシュ", ""),
        ("", str(summary.get("last_hash") or "（記録なし）")),
    ]
    for key, heading in SECTIONS:
        counts = summary.get(key)
        out.append((heading, ""))
        if isinstance(counts, Mapping) and counts:
            out += [(f"　{_name(name)}", str(n)) for name, n in sorted(counts.items())]
        else:
            out.append(("　（なし）", ""))
    return out


def _footer(canvas: Canvas, seal: bytes, page: int, pages: int) -> None:
    fonts = japanese_fonts()
    draw_qr(canvas, seal_text(seal), QR_BOX)
    canvas.setFont(fonts.gothic, 8)
    x = (QR_BOX.x + QR_BOX.w + 4) * MM
    notes = (
        "左の二次元コードは、この要約の内容に対する市区町村の電子署名です。",
        "counter-app audit verify-summary このファイル で署名と内容を確認できます。",
        f"{page} / {pages}",
    )
    for index, note in enumerate(notes):
        canvas.drawString(x, (QR_BOX.y + QR_BOX.h - 6 - index * 5) * MM, note)


def render_summary_pdf(summary: Mapping[str, object], seal: bytes) -> bytes:
    """The summary's pages with the seal, the summary and the seal embedded."""
    fonts = japanese_fonts()
    lines = _lines(summary)
    per_page = int((TOP_MM - 14 - BOTTOM_MM) / LINE_MM)
    pages = max(1, -(-len(lines) // per_page))
    out = io.BytesIO()
    canvas = new_canvas(out, A4_WIDTH_MM * MM, A4_HEIGHT_MM * MM, fonts)
    canvas.setTitle(TITLE)
    canvas.setSubject(summary_bytes(summary).decode("ascii"))
    canvas.setKeywords(seal_text(seal))
    canvas.setAuthor(MARK)
    for page in range(pages):
        canvas.setFillGray(0)
        canvas.setFont(fonts.gothic, 15)
        canvas.drawString(LEFT_MM * MM, TOP_MM * MM, TITLE)
        y = TOP_MM - 12
        for label, value in lines[page * per_page : (page + 1) * per_page]:
            canvas.setFont(fonts.gothic, 9 if label else 8)
            canvas.drawString(LEFT_MM * MM, y * MM, label or value)
            if label and value:
                canvas.drawRightString((A4_WIDTH_MM - LEFT_MM) * MM, y * MM, value)
            y -= LINE_MM
        _footer(canvas, seal, page + 1, pages)
        canvas.showPage()
    canvas.save()
    return out.getvalue()


def sign_summary_pdf(signer: SealSigner, summary: Mapping[str, object], today: date) -> bytes:
    """The signed summary PDF."""
    return render_summary_pdf(summary, summary_seal(signer, summary, today).encode())


@dataclass(frozen=True)
class SummaryVerdict:
    """The verdict on a summary PDF: valid only when every check passed."""

    valid: bool
    checks: tuple[Check, ...]
    summary: dict[str, object] | None = None  # shown only when valid

    def as_json(self) -> dict[str, object]:
        return {
            "valid": self.valid,
            "checks": [
                {"check": c.name, "status": c.status, "reason": c.reason} for c in self.checks
            ],
            "summary": self.summary,
        }


def _page_texts(pdf: pypdfium2.PdfDocument) -> list[str]:
    texts = []
    for page in pdf:
        text = page.get_textpage().get_text_range()
        texts.append("".join(text.split()))
    return texts


def _verdict(checks: list[Check], summary: dict[str, object] | None = None) -> SummaryVerdict:
    valid = all(c.status == "ok" for c in checks)
    return SummaryVerdict(valid, tuple(checks), summary if valid else None)


def verify_summary_pdf(
    data: bytes,
    certificates: Sequence[SignerCertificate],
    *,
    named: bool = False,
    missing: str | None = None,
) -> SummaryVerdict:
    """Check a summary PDF: signer, signature, profile, content digest, and the pages."""
    checks: list[Check] = []
    try:
        pdf = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as exc:
        return _verdict([Check("file", "failed", f"not a readable PDF: {exc}")])
    try:
        subject = pdf.get_metadata_value("Subject")
        keywords = pdf.get_metadata_value("Keywords")
        if pdf.get_metadata_value("Author") != MARK or not subject or not keywords:
            return _verdict([Check("file", "failed", "not an audit summary of this system")])
        checks.append(Check("file", "ok", f"an audit summary PDF of {len(pdf)} page(s)"))
        try:
            seal_bytes = seal_from_text(keywords)
            seal = parse(seal_bytes)
        except (SealTextError, SealFormatError) as exc:
            checks.append(Check("format", "failed", f"the embedded seal is damaged: {exc}"))
            return _verdict(checks)
        verdict = verify_seal(seal_bytes, certificates, named=named, missing=missing)
        checks += [c for c in verdict.checks if c.name != "document"]
        if not verdict.valid:
            return _verdict(checks)
        if not AUDIT_SUMMARY.matches(seal):
            checks.append(Check("document", "failed", "the seal is not of an audit summary"))
            return _verdict(checks)
        try:
            summary = json.loads(subject)
            if not isinstance(summary, dict):
                raise ValueError("not an object")
            digest_ok = hashlib.sha256(summary_bytes(summary)).digest() == seal.feature(0x01)
        except ValueError as exc:
            checks.append(Check("content", "failed", f"the embedded summary is damaged: {exc}"))
            return _verdict(checks)
        if not digest_ok:
            checks.append(
                Check("content", "failed", "the summary in the file is not the one signed")
            )
            return _verdict(checks)
        checks.append(Check("content", "ok", "the signature covers exactly this summary"))
        expected = pypdfium2.PdfDocument(render_summary_pdf(summary, seal_bytes))
        try:
            same = _page_texts(pdf) == _page_texts(expected)
        finally:
            expected.close()
        if same:
            checks.append(Check("pages", "ok", "the pages show the signed summary"))
        else:
            checks.append(Check("pages", "failed", "the pages do not show the signed summary"))
        return _verdict(checks, summary)
    finally:
        pdf.close()
