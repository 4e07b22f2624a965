"""Constants of the card we issue, shared by the card layer and the virtual card.

Every value here is explained in docs/card-profile.md; change both together.
"""

from __future__ import annotations

from enum import Enum, IntEnum


class Aid(bytes, Enum):
    """Application identifiers (DF names)."""

    TEXT = bytes.fromhex("D3921000310001010408")  # 券面事項入力補助AP
    FACE = bytes.fromhex("D3921000310001010402")  # 券面事項確認AP
    JUKI = bytes.fromhex("D3921000310001010401")  # 住基AP
    COMMON = bytes.fromhex("D3921000310001010100")  # 共通AP
    ISD = bytes.fromhex("A0000001510000")  # issuer security domain (GlobalPlatform)


# Proprietary (unregistered, F-prefixed) AIDs of the multipurpose area begin with this.
MULTIPURPOSE_AID_PREFIX = bytes.fromhex("F0524343")
MULTIPURPOSE_AID_LENGTH = 7

MF_FID = 0x3F00
EF_DIR_FID = 0x2F00


class Fid(IntEnum):
    """Elementary file identifiers used inside the applications (SFI = low five bits)."""

    CARD_INFO = 0x0001  # common AP
    TEXT_BINDING = 0x0001  # text AP: card serial
    TEXT_ATTRIBUTES = 0x0002  # text AP: name, address, birth, sex
    TEXT_INTEGRITY = 0x0003  # text AP: digests and issuer signature
    SIGNER_CERTIFICATE = 0x0004  # text and face AP: issuer signer CVC
    FACE_DATA = 0x0002  # face AP
    RESIDENT_CODE = 0x0001  # 住基AP: resident record code
    RESIDENT_PIN = 0x0011  # text AP, 住基AP, multipurpose DFs: the resident PIN
    UNLOCK_NUMBER = 0x0012  # face AP: 照合番号B
    APP_DATA = 0x0001  # multipurpose DF: the application's data


class LifeCycle(IntEnum):
    """Card life cycle status byte (ISO/IEC 7816-4 LCS), tag 8A in the MF's FCP."""

    BLANK = 0x01  # creation state: only the MF, EF.DIR, common AP and ISD exist
    PERSONALISING = 0x03  # initialisation: issuer writing; nothing readable outside the channel
    OPERATIONAL = 0x05  # activated
    SUSPENDED = 0x04  # deactivated: reads refused outside the issuer channel
    TERMINATED = 0x0C  # terminated: every command but SELECT refused


class Access(IntEnum):
    """Access condition of one operation on one file (proprietary tag A1 in the FCP)."""

    ALWAYS = 0x00
    PIN = 0x01  # resident PIN verified in the current DF
    UNLOCK = 0x02  # face unlock number verified in the current DF
    ISSUER = 0x03  # issuer secure channel open
    PIN_OR_UNLOCK = 0x04  # either verified in the current DF (the real card's text EF 0002)
    NEVER = 0xFF


PIN_LENGTH = 4
PIN_TRIES = 3
UNLOCK_NUMBER_LENGTH = 14
UNLOCK_TRIES = 10
VALIDITY_YEARS = 10  # a card expires this many years after it was issued and signed
SCP03_KEY_VERSION = 0x30
CHIP_KEY_REFERENCE = 0x01
CHALLENGE_LENGTH = 8

# Tags of the data objects (docs/card-profile.md, "Files").
TAG_CARD_INFO = 0xFF40
TAG_CARD_SERIAL = 0xDF41
TAG_PROFILE_VERSION = 0xDF42

# An application DF's FCP (SELECT with P2 04): 62 { ..., A5 { DF41 serial, DF43 reference tries } }.
TAG_FCP_PROPRIETARY = 0xA5
TAG_TRIES_LEFT = 0xDF43

TAG_TEXT_BINDING = 0xFF10
TAG_TEXT_SERIAL = 0xDF11

TAG_TEXT = 0xFF20
TAG_TEXT_OFFSETS = 0xDF21
TAG_TEXT_NAME = 0xDF22
TAG_TEXT_ADDRESS = 0xDF23
TAG_TEXT_BIRTH = 0xDF24
TAG_TEXT_SEX = 0xDF25

TAG_INTEGRITY = 0xFF30
TAG_DIGEST_BINDING = 0xDF31
TAG_DIGEST_TEXT = 0xDF32
TAG_INTEGRITY_SIGNATURE = 0xDF33

TAG_FACE = 0xFF20
TAG_FACE_OFFSETS = 0xDF21
TAG_FACE_BIRTH = 0xDF22
TAG_FACE_SEX = 0xDF23
TAG_FACE_CHIP_KEY = 0xDF24
TAG_FACE_NAME_IMAGE = 0xDF25
TAG_FACE_ADDRESS_IMAGE = 0xDF26
TAG_FACE_PHOTO = 0xDF27
TAG_FACE_SIGNATURE = 0xDF28
TAG_FACE_EXPIRY = 0xDF29
TAG_FACE_CODE_IMAGE = 0xDF2A
FACE_SIGNED_TAGS = (0xDF22, 0xDF23, 0xDF24, 0xDF25, 0xDF26, 0xDF27, 0xDF29, 0xDF2A)

TAG_RESIDENT_CODE = 0xFF70
TAG_RESIDENT_CODE_VALUE = 0xDF71

TAG_APP_TEMPLATE = 0x61
TAG_APP_AID = 0x4F
TAG_APP_LABEL = 0x50

TAG_CHIP_PUBLIC_KEY = 0x7F49
TAG_EC_POINT = 0x86
