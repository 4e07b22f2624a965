"""The card's persistent state and its JSON form (bytes as hex, file contents as base64)."""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives.asymmetric import ec

from counter_app.card.profile import (
    TAG_CARD_INFO,
    TAG_CARD_SERIAL,
    TAG_PROFILE_VERSION,
    Access,
    Aid,
    Fid,
    LifeCycle,
)
from counter_app.card.scp03 import StaticKeys
from counter_app.card.tlv import Tlv
from counter_app.errors import CounterError
from counter_app.virtual_card.filesystem import (
    MAX_EF_SIZE,
    REF_PIN,
    REF_UNLOCK,
    DedicatedFile,
    ElementaryFile,
    FileSystem,
    ReferenceFile,
    df_kind,
)
from counter_app.virtual_card.refdata import ReferenceData, new_pin, new_unlock_number

FORMAT = "rcc-virtual-card"
VERSION = 1
SERIAL_LENGTH = 8
PROFILE_VERSION = 0x01
COMMON_AP_FID = 0xDF00
COMMON_AP_LABEL = "共通AP"


class CardFileError(CounterError):
    """A virtual card file that cannot be read as a card."""

    what = "The virtual card's file is damaged or is not a card."
    todo = "Use another virtual card, or make a new blank one."


@dataclass(eq=False)
class CardState:
    """Everything the card keeps across power cycles."""

    serial: bytes
    life_cycle: LifeCycle
    keys: StaticKeys
    files: FileSystem
    pin: ReferenceData
    unlock: ReferenceData
    chip_key: ec.EllipticCurvePrivateKey | None = None

    def __repr__(self) -> str:
        return f"CardState(serial={self.serial.hex().upper()}, life_cycle={self.life_cycle.name})"

    def reference_data(self, reference: int) -> ReferenceData:
        """The resident PIN (P2 91) or the unlock number (P2 92)."""
        return self.pin if reference == REF_PIN else self.unlock


def card_info(serial: bytes) -> bytes:
    """The common AP's EF 0001: FF40 { DF41 serial, DF42 profile version }."""
    return Tlv.build(
        TAG_CARD_INFO,
        [Tlv(TAG_CARD_SERIAL, serial), Tlv(TAG_PROFILE_VERSION, bytes((PROFILE_VERSION,)))],
    ).encode()


def blank_state(keys: StaticKeys, serial: bytes) -> CardState:
    """A card as it leaves the factory: MF, EF.DIR, the common AP with EF 0001, the ISD keys."""
    if len(serial) != SERIAL_LENGTH:
        raise ValueError(f"the card serial has {SERIAL_LENGTH} bytes, not {len(serial)}")
    info = card_info(serial)
    common = DedicatedFile(
        COMMON_AP_FID,
        Aid.COMMON.value,
        COMMON_AP_LABEL,
        LifeCycle.OPERATIONAL,
        [
            ElementaryFile(
                Fid.CARD_INFO, len(info), 0x01, Access.ALWAYS, Access.NEVER, bytearray(info)
            )
        ],
    )
    return CardState(
        serial=bytes(serial),
        life_cycle=LifeCycle.BLANK,
        keys=keys,
        files=FileSystem([common]),
        pin=new_pin(),
        unlock=new_unlock_number(),
    )


# -- encoding ---------------------------------------------------------------------------------


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _ref_to_json(ref: ReferenceData) -> dict[str, Any]:
    return {"value": ref.value.hex() if ref.value is not None else None, "tries": ref.tries}


def _chip_key_to_json(key: ec.EllipticCurvePrivateKey | None) -> str | None:
    if key is None:
        return None
    return key.private_numbers().private_value.to_bytes(32, "big").hex()


def _references_to_json(df: DedicatedFile) -> dict[str, Any]:
    """A profile's own reference files of `df`; nothing when it has our card's (the default)."""
    if df.references is None:
        return {}
    return {"references": [[ref.fid, ref.reference, ref.secret] for ref in df.references]}


def encode_state(state: CardState) -> bytes:
    """The state as UTF-8 JSON; EF contents without their zero padding."""
    document = {
        "format": FORMAT,
        "version": VERSION,
        "serial": state.serial.hex(),
        "life_cycle": int(state.life_cycle),
        "keys": {
            "enc": state.keys.enc.hex(),
            "mac": state.keys.mac.hex(),
            "dek": state.keys.dek.hex(),
            "kvn": state.keys.kvn,
        },
        "chip_key": _chip_key_to_json(state.chip_key),
        "pin": _ref_to_json(state.pin),
        "unlock": _ref_to_json(state.unlock),
        "dfs": [
            {
                "fid": df.fid,
                "aid": df.aid.hex(),
                "label": df.label,
                "life_cycle": int(df.life_cycle),
                **_references_to_json(df),
                "efs": [
                    {
                        "fid": ef.fid,
                        "size": ef.size,
                        "sfi": ef.sfi,
                        "read": int(ef.read),
                        "update": int(ef.update),
                        "data": _b64(bytes(ef.data).rstrip(b"\x00")),
                    }
                    for ef in df.efs
                ],
            }
            for df in state.files.dfs
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")


# -- decoding ---------------------------------------------------------------------------------


def _get(obj: Any, key: str, kind: type) -> Any:
    if not isinstance(obj, dict) or key not in obj or not isinstance(obj[key], kind):
        raise CardFileError(f"field {key!r} missing or of the wrong type")
    if kind is int and isinstance(obj[key], bool):
        raise CardFileError(f"field {key!r} is not a number")
    return obj[key]


def _hex(obj: Any, key: str) -> bytes:
    return bytes.fromhex(_get(obj, key, str))


def _ref_from_json(obj: Any, template: ReferenceData) -> ReferenceData:
    value = obj.get("value") if isinstance(obj, dict) else None
    tries = _get(obj, "tries", int)
    if not 0 <= tries <= template.max_tries:
        raise CardFileError("retry counter out of range")
    if value is not None:
        template.value = bytes.fromhex(value)
        if not template.well_formed(template.value):
            raise CardFileError("reference data of the wrong format")
    template.tries = tries
    return template


def _ef_from_json(obj: Any) -> ElementaryFile:
    size = _get(obj, "size", int)
    data = base64.b64decode(_get(obj, "data", str), validate=True)
    sfi = obj.get("sfi")
    if not 0 <= size <= MAX_EF_SIZE or len(data) > size:
        raise CardFileError("EF of an impossible size")
    if sfi is not None and (not isinstance(sfi, int) or not 1 <= sfi <= 30):
        raise CardFileError("EF with an impossible SFI")
    return ElementaryFile(
        fid=_get(obj, "fid", int),
        size=size,
        sfi=sfi,
        read=Access(_get(obj, "read", int)),
        update=Access(_get(obj, "update", int)),
        data=bytearray(data),
    )


def _df_from_json(obj: Any) -> DedicatedFile:
    aid = _hex(obj, "aid")
    if df_kind(aid) is None:
        raise CardFileError("DF with an AID this card does not host")
    efs = _get(obj, "efs", list)
    return DedicatedFile(
        fid=_get(obj, "fid", int),
        aid=aid,
        label=_get(obj, "label", str),
        life_cycle=LifeCycle(_get(obj, "life_cycle", int)),
        efs=[_ef_from_json(ef) for ef in efs],
        references=_references_from_json(obj.get("references")),
    )


def _references_from_json(value: Any) -> tuple[ReferenceFile, ...] | None:
    if value is None:
        return None
    if not isinstance(value, list):
        raise CardFileError("reference files of the wrong type")
    references = []
    for item in value:
        if (
            not isinstance(item, list)
            or len(item) != 3
            or not all(isinstance(n, int) and not isinstance(n, bool) for n in item)
        ):
            raise CardFileError("a reference file of the wrong shape")
        fid, reference, secret = item
        if secret not in (REF_PIN, REF_UNLOCK):
            raise CardFileError("a reference file of an unknown secret")
        references.append(ReferenceFile(fid, reference, secret))
    return tuple(references)


def _chip_key_from_json(value: Any) -> ec.EllipticCurvePrivateKey | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise CardFileError("chip key of the wrong type")
    return ec.derive_private_key(int.from_bytes(bytes.fromhex(value), "big"), ec.SECP256R1())


def decode_state(raw: bytes) -> CardState:
    """Parse a card file; CardFileError for anything that is not a well-formed card."""
    try:
        document = json.loads(raw.decode("utf-8"))
        if _get(document, "format", str) != FORMAT or _get(document, "version", int) != VERSION:
            raise CardFileError("not a virtual card file of a known version")
        keys_obj = _get(document, "keys", dict)
        keys = StaticKeys(
            _hex(keys_obj, "enc"),
            _hex(keys_obj, "mac"),
            _hex(keys_obj, "dek"),
            _get(keys_obj, "kvn", int),
        )
        serial = _hex(document, "serial")
        if len(serial) != SERIAL_LENGTH:
            raise CardFileError("serial of the wrong length")
        dfs = [_df_from_json(df) for df in _get(document, "dfs", list)]
        return CardState(
            serial=serial,
            life_cycle=LifeCycle(_get(document, "life_cycle", int)),
            keys=keys,
            files=FileSystem(dfs),
            pin=_ref_from_json(_get(document, "pin", dict), new_pin()),
            unlock=_ref_from_json(_get(document, "unlock", dict), new_unlock_number()),
            chip_key=_chip_key_from_json(document.get("chip_key")),
        )
    except CardFileError:
        raise
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        raise CardFileError(f"damaged card file: {type(exc).__name__}") from None
