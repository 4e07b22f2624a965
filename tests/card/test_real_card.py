"""The real 個人番号カード profile on the in-process reader: detection by AID, reading with the
PIN and with 照合番号B, the three DF28 group signatures with and without the J-LIS key."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from counter_app.card import real_profile
from counter_app.card.apdu import CommandApdu
from counter_app.card.connection import CardConnection, ConnectionWrapper
from counter_app.card.errors import UnlockNumberError
from counter_app.card.issuer_keys import IssuerMaterial, TrustStore
from counter_app.card.profile import Aid
from counter_app.card.protocol import ApduTransport
from counter_app.card.real_reading import (
    NO_CERTIFICATE,
    NO_ISSUER_KEY,
    CardKind,
    RealTextUnlockSession,
    detect_card,
    read_real_face,
    read_real_text,
)
from counter_app.card.summary import read_summary
from counter_app.card.trace import TRACE
from counter_app.card.verification import CheckId, Verdict
from counter_app.virtual_card.card import ATR
from counter_app.virtual_card.inprocess import InProcessReader
from tests.support.card_fixtures import Card
from tests.support.real_card import PIN, UNLOCK_NUMBER, card_data, issue, played_jlis

GROUPS = (
    CheckId.FACE_SIGNATURE_ATTRIBUTES,
    CheckId.FACE_SIGNATURE_IMAGES,
    CheckId.FACE_SIGNATURE_PHOTO,
)


def _transport(path: Path) -> ApduTransport:
    reader = InProcessReader()
    reader.insert(path)
    return ApduTransport(reader.connect())


@pytest.fixture
def real_card(tmp_path: Path) -> ApduTransport:
    issue(tmp_path / "real.json")
    return _transport(tmp_path / "real.json")


@pytest.fixture
def jlis_trust() -> TrustStore:
    return TrustStore([played_jlis().ca_certificate])


def test_the_card_is_told_by_its_aid_not_its_atr(
    real_card: ApduTransport, card: Card, issuer: IssuerMaterial
) -> None:
    assert real_card.connection.atr == ATR  # the same ATR as our card
    assert detect_card(real_card) is CardKind.REAL
    assert detect_card(card.transport()) is CardKind.OURS


class Recording(ConnectionWrapper):
    """Keeps every command sent, to count them and to see which AIDs were asked for."""

    def __init__(self, inner: CardConnection) -> None:
        super().__init__(inner)
        self.sent: list[bytes] = []

    def transmit(self, command: bytes) -> bytes:
        self.sent.append(command)
        return self.inner.transmit(command)


def test_the_summary_tells_a_real_card_and_costs_our_cards_nothing(
    tmp_path: Path, card: Card
) -> None:
    issue(tmp_path / "real.json")
    reader = InProcessReader()
    reader.insert(tmp_path / "real.json")
    real_connection = Recording(reader.connect())
    summary = read_summary(real_connection)
    assert summary.kind is CardKind.REAL and not summary.recognised
    assert summary.serial is None and summary.pin_tries_left == 3  # VERIFY without data
    jpki = real_profile.JPKI_AID
    assert any(jpki in command for command in real_connection.sent)

    ours = Recording(card.connection())
    summary = read_summary(ours)
    assert summary.kind is CardKind.OURS and summary.recognised
    assert len(ours.sent) == 5 and not any(jpki in command for command in ours.sent)


def test_face_read_with_the_unlock_number_checks_each_group_with_the_jlis_key(
    real_card: ApduTransport, jlis_trust: TrustStore
) -> None:
    reading = read_real_face(real_card, UNLOCK_NUMBER, trust=jlis_trust)
    verdicts = {check.id: check.verdict for check in reading.report.checks}
    assert verdicts[CheckId.SIGNER_CERTIFICATE] is Verdict.SUCCEEDED
    assert all(verdicts[group] is Verdict.SUCCEEDED for group in GROUPS)
    assert verdicts[CheckId.CARD_EXPIRY] is Verdict.SUCCEEDED
    assert verdicts[CheckId.CHIP_AUTHENTICATION] is Verdict.NOT_CHECKED
    assert reading.face is not None and reading.face.photo == card_data().face.photo


def test_without_the_jlis_key_the_signatures_are_not_checked_never_failed(
    real_card: ApduTransport,
) -> None:
    reading = read_real_face(real_card, UNLOCK_NUMBER, trust=TrustStore())
    for check_id in (CheckId.SIGNER_CERTIFICATE, *GROUPS):
        check = reading.report.get(check_id)
        assert (check.verdict, check.reason) == (Verdict.NOT_CHECKED, NO_ISSUER_KEY)
    assert reading.face is None  # not shown as if it were verified


def test_a_photo_altered_after_signing_fails_only_the_photo_signature(
    tmp_path: Path, jlis_trust: TrustStore
) -> None:
    issue(tmp_path / "altered.json", photo_altered_after_signing=True)
    reading = read_real_face(_transport(tmp_path / "altered.json"), UNLOCK_NUMBER, trust=jlis_trust)
    verdicts = {check_id: reading.report.verdict(check_id) for check_id in GROUPS}
    assert verdicts == {
        CheckId.FACE_SIGNATURE_ATTRIBUTES: Verdict.SUCCEEDED,
        CheckId.FACE_SIGNATURE_IMAGES: Verdict.SUCCEEDED,
        CheckId.FACE_SIGNATURE_PHOTO: Verdict.FAILED,
    }
    assert reading.face is None


def test_text_with_the_pin_is_verified_and_shown(
    real_card: ApduTransport, jlis_trust: TrustStore
) -> None:
    reading = read_real_text(real_card, pin=PIN, trust=jlis_trust)
    assert all(check.succeeded for check in reading.report.checks), reading.report.checks
    assert reading.attributes == card_data().attributes


def test_text_with_the_unlock_number_opens_only_the_attributes(
    real_card: ApduTransport, jlis_trust: TrustStore
) -> None:
    reading = read_real_text(real_card, unlock_number=UNLOCK_NUMBER, trust=jlis_trust)
    assert reading.report.verdict(CheckId.TEXT_SIGNATURE) is Verdict.NOT_CHECKED
    assert reading.attributes is None  # its signature cannot be checked without the PIN
    session = RealTextUnlockSession(real_card)
    session.select()
    session.verify(UNLOCK_NUMBER)
    assert session.read_attributes().startswith(b"\xff\x20")
    read_integrity = CommandApdu(0x00, 0xB0, 0x83, 0x00, ne=256)  # EF 0003 by its SFI
    assert real_card.send(read_integrity).sw == 0x6982  # it needs the PIN


def test_the_unlock_number_in_the_text_ap_counts_its_tries(real_card: ApduTransport) -> None:
    with pytest.raises(UnlockNumberError) as wrong:
        read_real_text(real_card, unlock_number="0" * 14, trust=TrustStore())
    assert wrong.value.tries_left == 9
    # P2 95 names 照合番号B only in the text AP: the face AP does not have it.
    real_card.send(CommandApdu(0x00, 0xA4, 0x04, 0x0C, bytes.fromhex("D3921000310001010402")))
    assert real_card.send(CommandApdu(0x00, 0x20, 0x00, 0x95)).sw == 0x6A88


def test_without_a_trust_store_its_signatures_are_not_checked_and_the_reason_says_why(
    real_card: ApduTransport,
) -> None:
    missing = "no trust store is configured, so no issuer and no seal can be trusted"
    reading = read_real_face(real_card, UNLOCK_NUMBER, trust=TrustStore(missing=missing))
    for check_id in (CheckId.SIGNER_CERTIFICATE, *GROUPS):
        assert reading.report.get(check_id).verdict is Verdict.NOT_CHECKED
    assert reading.report.get(CheckId.SIGNER_CERTIFICATE).reason == missing
    assert reading.face is None


def test_the_individual_number_never_reaches_an_apdu_trace(
    real_card: ApduTransport, jlis_trust: TrustStore, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(TRACE, logger="counter_app.apdu")
    read_real_text(real_card, pin=PIN, trust=jlis_trust)
    traced = caplog.text.upper().replace(" ", "")
    assert "番号".encode().hex().upper() in traced  # the name is traced: tracing is on
    assert card_data().individual_number.encode().hex().upper() not in traced


def test_a_card_without_a_signer_certificate_is_read_with_its_signatures_not_checked(
    tmp_path: Path, jlis_trust: TrustStore
) -> None:
    path = tmp_path / "real.json"
    issue(path)
    document = json.loads(path.read_text(encoding="utf-8"))
    face_ap = next(df for df in document["dfs"] if df["aid"] == Aid.FACE.value.hex())
    face_ap["efs"] = [ef for ef in face_ap["efs"] if ef["fid"] != 0x0004]
    path.write_text(json.dumps(document), encoding="utf-8")
    reading = read_real_face(_transport(path), UNLOCK_NUMBER, trust=jlis_trust)
    for check_id in (CheckId.SIGNER_CERTIFICATE, *GROUPS):
        check = reading.report.get(check_id)
        assert (check.verdict, check.reason) == (Verdict.NOT_CHECKED, NO_CERTIFICATE)
    assert reading.face is None
