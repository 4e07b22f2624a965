"""The signed audit summary PDF: it renders, its signature verifies against the trust store,
and a tampered copy (an edited number in the embedded summary, an altered page, another
signer) fails."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pypdfium2

from counter_app.printing.audit_summary import (
    render_summary_pdf,
    sign_summary_pdf,
    summary_seal,
    verify_summary_pdf,
)
from counter_app.printing.seal_keys import load_or_create_seal_signer

TODAY = dt.date(2026, 12, 7)
SUMMARY: dict[str, object] = {
    "since": "2026-11-30T15:00:00.000000Z",
    "until": "2026-12-07T15:00:00.000000Z",
    "generated_at": "2026-12-07T02:00:00.000000Z",
    "generated_by": "supervisor",
    "events": 12,
    "by_action": {"operator.login": 9, "audit.summarised": 3},
    "by_outcome": {"ok": 10, "refused": 2},
    "by_purpose": {"-": 9, "supervision": 3},
    "by_operator": {"clerk": 7, "supervisor": 5},
    "chain_intact": True,
    "chain_events": 40,
    "chain_verdict": "intact: 40 events verified",
    "first_hash": "a" * 64,
    "last_hash": "b" * 64,
}


def _signed(home: Path) -> bytes:
    return sign_summary_pdf(load_or_create_seal_signer(home, today=TODAY), SUMMARY, TODAY)


def test_the_summary_pdf_shows_the_counts_and_its_signature_verifies(tmp_path: Path) -> None:
    pdf_bytes = _signed(tmp_path)
    pdf = pypdfium2.PdfDocument(pdf_bytes)
    text = "".join(page.get_textpage().get_text_range() for page in pdf)
    pdf.close()
    for shown in ("監査証跡の要約", "operator.login", "改ざんなし", "a" * 64, "b" * 64, "clerk"):
        assert shown in text
    verdict = verify_summary_pdf(pdf_bytes, [load_or_create_seal_signer(tmp_path).certificate])
    assert verdict.valid, verdict.checks
    assert verdict.summary == SUMMARY
    assert [c.name for c in verdict.checks] == [
        "file", "format", "signer", "signature", "certificate validity", "content", "pages",
    ]  # fmt: skip


def test_an_edited_count_in_the_file_fails(tmp_path: Path) -> None:
    pdf_bytes = _signed(tmp_path)
    tampered = pdf_bytes.replace(b'"events":12', b'"events":13')
    assert tampered != pdf_bytes
    verdict = verify_summary_pdf(tampered, [load_or_create_seal_signer(tmp_path).certificate])
    assert not verdict.valid
    assert verdict.checks[-1].name == "content" and verdict.checks[-1].status == "failed"
    assert verdict.summary is None


def test_pages_that_show_another_summary_under_the_signed_one_fail(tmp_path: Path) -> None:
    signer = load_or_create_seal_signer(tmp_path, today=TODAY)
    seal = summary_seal(signer, SUMMARY, TODAY).encode()
    genuine = render_summary_pdf(SUMMARY, seal)
    forged_pages = render_summary_pdf({**SUMMARY, "by_outcome": {"ok": 12}}, seal)
    # the forger keeps the signed summary and seal in the file but shows other pages
    subject = b"/Subject ("
    start = forged_pages.index(subject)
    end = forged_pages.index(b")", forged_pages.index(b"}", start))
    genuine_start = genuine.index(subject)
    genuine_end = genuine.index(b")", genuine.index(b"}", genuine_start))
    tampered = forged_pages[:start] + genuine[genuine_start:genuine_end] + forged_pages[end:]
    verdict = verify_summary_pdf(tampered, [load_or_create_seal_signer(tmp_path).certificate])
    assert not verdict.valid
    assert ("pages", "failed") in [(c.name, c.status) for c in verdict.checks]


def test_a_summary_signed_by_a_key_outside_the_trust_store_fails(tmp_path: Path) -> None:
    pdf_bytes = _signed(tmp_path / "elsewhere")
    verdict = verify_summary_pdf(
        pdf_bytes, [load_or_create_seal_signer(tmp_path / "here").certificate]
    )
    assert not verdict.valid
    assert ("signer", "failed") in [(c.name, c.status) for c in verdict.checks]


def test_a_pdf_that_is_not_a_summary_fails_in_words(tmp_path: Path) -> None:
    verdict = verify_summary_pdf(
        b"%PDF-1.4 not really", [load_or_create_seal_signer(tmp_path).certificate]
    )
    assert not verdict.valid and verdict.checks[0].name == "file"
