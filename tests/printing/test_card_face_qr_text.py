"""The card face's QR code as a 2D scanner types it: the unlock number and serial it carries."""

from __future__ import annotations

from datetime import date

import pytest

from counter_app.printing import base45
from counter_app.printing.card_face import render_card
from counter_app.printing.demo import DEMO_TODAY, demo_card_face
from counter_app.printing.qr import seal_text
from counter_app.printing.seal_crypto import SealSigner
from counter_app.printing.seal_documents import (
    CardFaceQrError,
    CertificateSeal,
    card_face_seal_from_qr_text,
    sign_document,
)


def test_the_printed_qr_text_gives_the_cards_unlock_number_and_serial(signer: SealSigner) -> None:
    face = demo_card_face()
    typed = seal_text(render_card(face, signer, issued_on=DEMO_TODAY).seal) + "\r\n"
    seal = card_face_seal_from_qr_text(typed)
    assert seal.unlock_number == face.unlock_number
    assert seal.card_serial == face.serial


def test_a_scanner_under_caps_lock_still_gives_the_number(signer: SealSigner) -> None:
    face = demo_card_face()
    text = seal_text(render_card(face, signer, issued_on=DEMO_TODAY).seal)
    assert card_face_seal_from_qr_text(text.lower()).unlock_number == face.unlock_number


@pytest.mark.parametrize(
    "typed",
    ["", "30021720364821", "hello world", base45.encode(b"\xdc\x03 not a seal")],
)
def test_text_that_is_not_a_card_face_qr_is_refused_in_words(typed: str) -> None:
    with pytest.raises(CardFaceQrError) as caught:
        card_face_seal_from_qr_text(typed)
    assert "QR code" in caught.value.what and "security code" in caught.value.todo


def test_a_certificates_qr_is_not_taken_for_a_card_face(signer: SealSigner) -> None:
    certificate = CertificateSeal("R8 000123", date(2026, 11, 26), bytes(32), 1)
    seal = sign_document(signer, certificate, issue_date=DEMO_TODAY, signed_on=DEMO_TODAY)
    with pytest.raises(CardFaceQrError):
        card_face_seal_from_qr_text(seal_text(seal.encode()))
