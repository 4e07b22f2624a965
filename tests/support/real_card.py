"""The test plays J-LIS: a CA and a signer (RSA-2048, card-verifiable certificates) and
real-profile virtual cards issued with them (docs/card-profile.md, "The real 個人番号カード
profile"). The keys are generated once per test session."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, replace
from pathlib import Path

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from counter_app.card import layout, real_layout
from counter_app.card.cvc import CvCertificate, issue_certificate
from counter_app.card.layout import FaceData, TextAttributes
from counter_app.config import TRAINING_TRUST_STORE_NAME
from counter_app.japanese_dates import add_years
from counter_app.virtual_card.card import VirtualCard
from counter_app.virtual_card.real_card import RealCardFiles, issue_real_card

CA_REFERENCE = "JPJLIS-TESTCA-0001"
SIGNER_REFERENCE = "JPJLIS-TESTSIGN-0001"
PIN = "4711"
UNLOCK_NUMBER = "55040320350123"  # 昭和55年4月3日, expiry 2035, security code 0123
TODAY = dt.date.today()
EXPIRY = add_years(TODAY, 5)


@dataclass(frozen=True)
class PlayedJlis:
    """J-LIS of the tests: its CA certificate (what a municipality configures) and signer."""

    ca_certificate: CvCertificate
    signer_key: rsa.RSAPrivateKey
    signer_certificate: CvCertificate

    def sign(self, message: bytes) -> bytes:
        return self.signer_key.sign(message, padding.PKCS1v15(), hashes.SHA256())

    def install(self, home: Path) -> Path:
        """Put the CA certificate into the training trust store of the data directory `home`."""
        return self.install_into(home / TRAINING_TRUST_STORE_NAME)

    def install_into(self, trust_store: Path) -> Path:
        """Put the CA certificate into the trust store directory `trust_store`."""
        trust_store.mkdir(parents=True, exist_ok=True)
        path = trust_store / f"{self.ca_certificate.chr}.cvc"
        path.write_bytes(self.ca_certificate.encode())
        return path


@functools.cache
def played_jlis() -> PlayedJlis:
    ca_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    start = add_years(TODAY, -2)
    ca = issue_certificate(
        ca_key, CA_REFERENCE, CA_REFERENCE, ca_key.public_key(), start, add_years(start, 20)
    )
    signer_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    signer = issue_certificate(
        ca_key, CA_REFERENCE, SIGNER_REFERENCE, signer_key.public_key(), start, add_years(start, 15)
    )
    return PlayedJlis(ca, signer_key, signer)


@dataclass(frozen=True)
class RealCardData:
    """A resident's 個人番号カード contents, before J-LIS builds and signs its files."""

    attributes: TextAttributes
    face: FaceData  # chip_public_key: DF24 as stored (opaque to the counter)
    individual_number: str


def card_data() -> RealCardData:
    """The test resident (images are short placeholders: the layout does not look inside)."""
    birth = dt.date(1980, 4, 3)
    return RealCardData(
        attributes=TextAttributes("番号　太郎", "東京都千代田区霞が関２丁目１番２号", birth, 1),
        face=FaceData(
            birth_date=birth,
            sex=1,
            chip_public_key=bytes.fromhex("7F4906810101820103"),
            name_image=b"\x89PNG name",
            address_image=b"\x89PNG address",
            photo=b"\x00\x00\x00\x0cjP  photo",  # JPEG 2000 on a real card
            expiry=EXPIRY,
            code_image=b"\x89PNG code",
        ),
        individual_number="123456789018",
    )


def issue(path: Path, *, photo_altered_after_signing: bool = False) -> VirtualCard:
    """A real-profile card at `path`; optionally its photo (DF27) replaced after J-LIS signed."""
    jlis = played_jlis()
    data = card_data()
    number = real_layout.encode_number_file(data.individual_number)
    attributes = layout.encode_text_attributes(data.attributes)
    face = data.face
    sign = jlis.sign
    if photo_altered_after_signing:
        messages = real_layout.group_messages(real_layout.face_objects_for_signing(face))
        signatures = iter([jlis.sign(message) for message in messages])
        face = replace(face, photo=b"\x00\x00\x00\x0cjP  another photo")

        def sign(_message: bytes) -> bytes:  # the signatures of the original photo
            return next(signatures)

    files = RealCardFiles(
        individual_number=number,
        attributes=attributes,
        integrity=layout.encode_integrity(number, attributes, jlis.sign),
        face_data=real_layout.encode_face_data(face, sign),
        certificate=jlis.signer_certificate.encode(),
        pin=PIN,
        unlock_number=UNLOCK_NUMBER,
    )
    return issue_real_card(path, files)
