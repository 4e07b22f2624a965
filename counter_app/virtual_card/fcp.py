"""File control parameters: the FCP templates SELECT returns and CREATE FILE takes."""

from __future__ import annotations

from dataclasses import dataclass

from counter_app.card.apdu import Sw
from counter_app.card.profile import (
    EF_DIR_FID,
    MF_FID,
    TAG_CARD_SERIAL,
    TAG_FCP_PROPRIETARY,
    TAG_TRIES_LEFT,
    Access,
    LifeCycle,
)
from counter_app.card.tlv import Tlv, TlvError, parse_one, to_dict
from counter_app.virtual_card.filesystem import (
    FDB_DF,
    FDB_INTERNAL,
    FDB_TRANSPARENT,
    MAX_EF_SIZE,
    DedicatedFile,
    ElementaryFile,
    ReferenceFile,
)

TAG_FCP = 0x62
TAG_FDB = 0x82
TAG_FID = 0x83
TAG_DF_NAME = 0x84
TAG_LABEL = 0x50
TAG_SIZE = 0x80
TAG_SFI = 0x88
TAG_LCS = 0x8A
TAG_ACCESS = 0xA1
TAG_ACCESS_READ = 0x80
TAG_ACCESS_UPDATE = 0x81

_RESERVED_FIDS = frozenset({MF_FID, EF_DIR_FID, 0x3FFF, 0xFFFF})
_ACCESS_VALUES = frozenset(int(a) for a in Access)


def _fcp(*objects: Tlv) -> bytes:
    return Tlv.build(TAG_FCP, objects).encode()


def fcp_mf(life_cycle: LifeCycle) -> bytes:
    """62 { 82 01 38, 83 02 3F00, 8A 01 LCS }."""
    return _fcp(
        Tlv(TAG_FDB, bytes((FDB_DF,))),
        Tlv(TAG_FID, MF_FID.to_bytes(2, "big")),
        Tlv(TAG_LCS, bytes((life_cycle,))),
    )


def fcp_df(
    df: DedicatedFile, *, with_fid: bool, serial: bytes | None, tries: tuple[int, int] | None
) -> bytes:
    """62 { 82 01 38, [83 FID when selected by FID], 84 AID, 8A 01 LCS of the DF,
    [A5 { DF41 card serial, [DF43 reference tries-left] }] }."""
    objects = [Tlv(TAG_FDB, bytes((FDB_DF,)))]
    if with_fid:
        objects.append(Tlv(TAG_FID, df.fid.to_bytes(2, "big")))
    objects += [Tlv(TAG_DF_NAME, df.aid), Tlv(TAG_LCS, bytes((df.life_cycle,)))]
    if serial is not None:
        proprietary = [Tlv(TAG_CARD_SERIAL, serial)]
        if tries is not None:
            proprietary.append(Tlv(TAG_TRIES_LEFT, bytes(tries)))
        objects.append(Tlv.build(TAG_FCP_PROPRIETARY, proprietary))
    return _fcp(*objects)


def fcp_ef(ef: ElementaryFile, life_cycle: LifeCycle) -> bytes:
    """62 { 82 01 01, 83 FID, 80 size, [88 SFI], 8A LCS, A1 { 80 read, 81 update } }."""
    objects = [
        Tlv(TAG_FDB, bytes((FDB_TRANSPARENT,))),
        Tlv(TAG_FID, ef.fid.to_bytes(2, "big")),
        Tlv(TAG_SIZE, ef.size.to_bytes(2, "big")),
    ]
    if ef.sfi is not None:
        objects.append(Tlv(TAG_SFI, bytes((ef.sfi << 3,))))
    objects += [
        Tlv(TAG_LCS, bytes((life_cycle,))),
        Tlv.build(
            TAG_ACCESS,
            [Tlv(TAG_ACCESS_READ, bytes((ef.read,))), Tlv(TAG_ACCESS_UPDATE, bytes((ef.update,)))],
        ),
    ]
    return _fcp(*objects)


def fcp_reference(ref: ReferenceFile) -> bytes:
    """62 { 82 01 08 (internal EF), 83 FID }."""
    return _fcp(Tlv(TAG_FDB, bytes((FDB_INTERNAL,))), Tlv(TAG_FID, ref.fid.to_bytes(2, "big")))


# -- CREATE FILE ------------------------------------------------------------------------------


class FcpError(Exception):
    """A CREATE FILE data field the card refuses, with the status word to answer."""

    def __init__(self, sw: int) -> None:
        super().__init__(f"{sw:04X}")
        self.sw = sw


@dataclass(frozen=True)
class DfSpec:
    """A DF to create: FID, AID and label."""

    fid: int
    aid: bytes
    label: str


@dataclass(frozen=True)
class EfSpec:
    """A transparent EF to create: FID, size, SFI and access conditions."""

    fid: int
    size: int
    sfi: int | None
    read: Access
    update: Access


def _one_byte(value: bytes) -> int:
    if len(value) != 1:
        raise FcpError(Sw.WRONG_DATA)
    return value[0]


def _access(value: bytes | None) -> Access:
    if value is None or len(value) != 1 or value[0] not in _ACCESS_VALUES:
        raise FcpError(Sw.WRONG_DATA)
    return Access(value[0])


def parse_create_fcp(data: bytes) -> DfSpec | EfSpec:
    """The file a CREATE FILE data field describes; FcpError(6A80 or 6A84) when malformed."""
    # DF: 62 { 82 01 38, 83 FID, 84 AID (1-16 bytes), [50 label, UTF-8] }
    # EF: 62 { 82 01 01, 83 FID, 80 size (2 bytes), [88 SFI in b8-b4], A1 { 80 read, 81 update } }
    try:
        template = parse_one(data)
        if template.tag != TAG_FCP:
            raise FcpError(Sw.WRONG_DATA)
        fields = to_dict(template.children())
    except TlvError:
        raise FcpError(Sw.WRONG_DATA) from None
    fdb = _one_byte(fields.pop(TAG_FDB, b""))
    fid_bytes = fields.pop(TAG_FID, b"")
    if len(fid_bytes) != 2:
        raise FcpError(Sw.WRONG_DATA)
    fid = int.from_bytes(fid_bytes, "big")
    if fid in _RESERVED_FIDS:
        raise FcpError(Sw.WRONG_DATA)
    if fdb == FDB_DF:
        return _df_spec(fid, fields)
    if fdb == FDB_TRANSPARENT:
        return _ef_spec(fid, fields)
    raise FcpError(Sw.WRONG_DATA)


def _df_spec(fid: int, fields: dict[int, bytes]) -> DfSpec:
    aid = fields.pop(TAG_DF_NAME, b"")
    label_bytes = fields.pop(TAG_LABEL, b"")
    if fields or not 1 <= len(aid) <= 16:
        raise FcpError(Sw.WRONG_DATA)
    try:
        label = label_bytes.decode("utf-8")
    except UnicodeDecodeError:
        raise FcpError(Sw.WRONG_DATA) from None
    return DfSpec(fid, aid, label)


def _ef_spec(fid: int, fields: dict[int, bytes]) -> EfSpec:
    size_bytes = fields.pop(TAG_SIZE, b"")
    sfi_bytes = fields.pop(TAG_SFI, None)
    access_bytes = fields.pop(TAG_ACCESS, None)
    if fields or len(size_bytes) != 2 or access_bytes is None:
        raise FcpError(Sw.WRONG_DATA)
    size = int.from_bytes(size_bytes, "big")
    if size > MAX_EF_SIZE:
        raise FcpError(Sw.NOT_ENOUGH_MEMORY)
    sfi: int | None = None
    if sfi_bytes is not None:
        encoded = _one_byte(sfi_bytes)
        sfi = encoded >> 3
        if encoded & 0x07 or not 1 <= sfi <= 30:
            raise FcpError(Sw.WRONG_DATA)
    try:
        rules = to_dict(Tlv(TAG_ACCESS, access_bytes).children())
    except TlvError:
        raise FcpError(Sw.WRONG_DATA) from None
    read = _access(rules.pop(TAG_ACCESS_READ, None))
    update = _access(rules.pop(TAG_ACCESS_UPDATE, None))
    if rules:
        raise FcpError(Sw.WRONG_DATA)
    return EfSpec(fid, size, sfi, read, update)
