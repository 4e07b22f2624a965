"""The second card profile: a virtual card in the real 個人番号カード's public layout.

It runs on the same card OS (commands, access rules, retry counters, persistence); only its
files and reference files differ: the text AP holds the individual number, the attributes
(readable with the PIN or with 照合番号B, EF 0015) and their integrity file; the face AP's DF28
holds one signature per group; a 公的個人認証AP (JPKI AP) is present, so a reader can tell the
card by its AID. It is issued whole, already operational, by `issue_real_card`: whoever calls
it plays J-LIS and brings the files built and signed (tests do, with keys they generate). Its
ATR is our card's, on purpose: a reader must tell the two apart by AID, never by ATR.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import counter_app.virtual_card.storage as storage
from counter_app.card import profile as p
from counter_app.card import real_profile as real
from counter_app.card.scp03 import StaticKeys
from counter_app.virtual_card.card import VirtualCard
from counter_app.virtual_card.filesystem import (
    REF_PIN,
    REF_UNLOCK,
    DedicatedFile,
    ElementaryFile,
    FileSystem,
    ReferenceFile,
)
from counter_app.virtual_card.refdata import new_pin, new_unlock_number
from counter_app.virtual_card.state import (
    COMMON_AP_FID,
    COMMON_AP_LABEL,
    SERIAL_LENGTH,
    CardState,
    encode_state,
)

TEXT_FID = 0xDF01
FACE_FID = 0xDF02
JPKI_FID = 0xDF04
SIGNER_CERTIFICATE_FID = 0x0004


@dataclass(frozen=True)
class RealCardFiles:
    """What J-LIS writes on a 個人番号カード, file by file, as built by the issuer (the card OS
    does not build contents), and the secrets it sets."""

    individual_number: bytes = field(repr=False)  # text AP EF 0001
    attributes: bytes = field(repr=False)  # text AP EF 0002
    integrity: bytes = field(repr=False)  # text AP EF 0003
    face_data: bytes = field(repr=False)  # face AP EF 0002
    certificate: bytes = field(repr=False)  # the signer's CVC, EF 0004 of both APs
    pin: str = field(repr=False)
    unlock_number: str = field(repr=False)  # 照合番号B


def _ef(fid: int, read: p.Access, content: bytes) -> ElementaryFile:
    return ElementaryFile(fid, len(content), fid & 0x1F, read, p.Access.NEVER, bytearray(content))


def real_card_files(files: RealCardFiles) -> FileSystem:
    """The application DFs of the real profile: common AP, JPKI AP, text AP, face AP."""
    operational = p.LifeCycle.OPERATIONAL
    text = DedicatedFile(
        TEXT_FID,
        p.Aid.TEXT.value,
        "券面事項入力補助AP",
        operational,
        [
            _ef(real.TEXT_NUMBER_FID, p.Access.PIN, files.individual_number),
            _ef(p.Fid.TEXT_ATTRIBUTES, p.Access.PIN_OR_UNLOCK, files.attributes),
            _ef(p.Fid.TEXT_INTEGRITY, p.Access.PIN, files.integrity),
            _ef(SIGNER_CERTIFICATE_FID, p.Access.ALWAYS, files.certificate),
        ],
        references=(
            ReferenceFile(real.TEXT_PIN_FID, real.TEXT_PIN_P2, REF_PIN),
            ReferenceFile(real.TEXT_UNLOCK_FID, real.TEXT_UNLOCK_P2, REF_UNLOCK),
        ),
    )
    face_ap = DedicatedFile(
        FACE_FID,
        p.Aid.FACE.value,
        "券面事項確認AP",
        operational,
        [
            _ef(p.Fid.FACE_DATA, p.Access.UNLOCK, files.face_data),
            _ef(SIGNER_CERTIFICATE_FID, p.Access.ALWAYS, files.certificate),
        ],
        references=(ReferenceFile(real.FACE_UNLOCK_FID, real.FACE_UNLOCK_P2, REF_UNLOCK),),
    )
    common = DedicatedFile(COMMON_AP_FID, p.Aid.COMMON.value, COMMON_AP_LABEL, operational)
    jpki = DedicatedFile(JPKI_FID, real.JPKI_AID, "公的個人認証AP", operational, references=())
    return FileSystem([common, jpki, text, face_ap])


def issue_real_card(path: Path, files: RealCardFiles) -> VirtualCard:
    """A new operational real-profile card written to `path` (FileExistsError when taken)."""
    pin = new_pin()
    pin.set(files.pin.encode("ascii"))
    unlock = new_unlock_number()
    unlock.set(files.unlock_number.encode("ascii"))
    if not pin.well_formed(pin.value or b"") or not unlock.well_formed(unlock.value or b""):
        raise ValueError("the PIN is 4 digits and 照合番号B 14 digits")
    # The issuer channel keys are random and kept by nobody: J-LIS's card is closed to us.
    keys = StaticKeys(os.urandom(16), os.urandom(16), os.urandom(16), p.SCP03_KEY_VERSION)
    state = CardState(
        serial=os.urandom(SERIAL_LENGTH),
        life_cycle=p.LifeCycle.OPERATIONAL,
        keys=keys,
        files=real_card_files(files),
        pin=pin,
        unlock=unlock,
    )
    path = Path(path)
    storage.create_file(path, encode_state(state))
    return VirtualCard(path, state)
