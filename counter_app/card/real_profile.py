"""The public layout of the real 個人番号カード, as far as the counter reads it.

Every value here is explained in docs/card-profile.md, "The real 個人番号カード profile"; change
both together. Where the real card's application is the one our card also carries (text AP,
face AP), the AIDs and most file identifiers are those of `counter_app.card.profile`.
"""

from __future__ import annotations

from typing import Final

from counter_app.card import profile as p

JPKI_AID: Final = bytes.fromhex("D392F000260100000001")  # 公的個人認証AP: only on the real card

# Text attributes AP (券面事項入力補助AP).
TEXT_NUMBER_FID: Final = 0x0001  # the individual number: digested (DF31), never shown or kept
TEXT_PIN_FID: Final = 0x0011  # the resident's 4-digit PIN: opens EF 0001 to 0003
TEXT_NUMBER_A_FID: Final = 0x0014  # 照合番号A (the individual number): not used by the counter
TEXT_UNLOCK_FID: Final = 0x0015  # 照合番号B: opens EF 0002 only

# Face confirmation AP (券面事項確認AP).
FACE_BIRTH_KEY_FID: Final = 0x0011  # a birth-date key that opens only an age record: not used
FACE_UNLOCK_FID: Final = 0x0012  # 照合番号B: opens EF 0002
FACE_NUMBER_A_FID: Final = 0x0013  # 照合番号A: not used by the counter


def verify_p2(fid: int) -> int:
    """VERIFY's P2 naming a reference file directly: 80 | its short file identifier."""
    return 0x80 | (fid & 0x1F)


TEXT_PIN_P2: Final = verify_p2(TEXT_PIN_FID)  # 91, as on our card
TEXT_UNLOCK_P2: Final = verify_p2(TEXT_UNLOCK_FID)  # 95
FACE_UNLOCK_P2: Final = verify_p2(FACE_UNLOCK_FID)  # 92, as on our card

# DF28 on the real card: one RSA-2048 signature per group, each over that group's objects.
FACE_SIGNED_GROUPS: Final = (
    (p.TAG_FACE_BIRTH, p.TAG_FACE_SEX, p.TAG_FACE_CHIP_KEY),
    (p.TAG_FACE_NAME_IMAGE, p.TAG_FACE_ADDRESS_IMAGE),
    (p.TAG_FACE_PHOTO,),
)
FACE_UNSIGNED_TAGS: Final = (p.TAG_FACE_EXPIRY, p.TAG_FACE_CODE_IMAGE)
GROUP_SIGNATURE_LENGTH: Final = 256  # RSA-2048
