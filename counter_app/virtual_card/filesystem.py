"""The card's file system: the MF, application DFs under it, and their transparent EFs.

Applications are flat: every DF is a child of the MF, which itself holds only EF.DIR. The
reference data files (EF 0011 resident PIN, EF 0012 unlock number) are internal EFs the card OS
provides in the DFs where that reference is available; the issuer does not create them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from counter_app.card.profile import (
    EF_DIR_FID,
    MULTIPURPOSE_AID_LENGTH,
    MULTIPURPOSE_AID_PREFIX,
    TAG_APP_AID,
    TAG_APP_LABEL,
    TAG_APP_TEMPLATE,
    Access,
    Aid,
    Fid,
    LifeCycle,
)
from counter_app.card.real_profile import JPKI_AID
from counter_app.card.tlv import Tlv

EF_DIR_SFI = 0x1E
MAX_EF_SIZE = 0x7FFF
REF_PIN = 0x91  # VERIFY P2 of the resident PIN
REF_UNLOCK = 0x92  # VERIFY P2 of the unlock number 照合番号B

FDB_TRANSPARENT = 0x01
FDB_INTERNAL = 0x08
FDB_DF = 0x38


class DfKind(Enum):
    """What an application DF is, decided by its AID."""

    COMMON = "common"
    TEXT = "text"
    FACE = "face"
    JUKI = "juki"
    JPKI = "jpki"  # the real card's 公的個人認証AP (second profile only)
    MULTIPURPOSE = "multipurpose"

    @property
    def is_identity(self) -> bool:
        """True for the identity APs, which an operational card never changes."""
        return self in (DfKind.TEXT, DfKind.FACE, DfKind.JUKI, DfKind.JPKI)

    @property
    def reference(self) -> int | None:
        """The reference data (VERIFY P2) available in DFs of this kind, if any."""
        if self in (DfKind.TEXT, DfKind.JUKI, DfKind.MULTIPURPOSE):
            return REF_PIN
        if self is DfKind.FACE:
            return REF_UNLOCK
        return None


_KIND_BY_AID = {
    Aid.COMMON.value: DfKind.COMMON,
    Aid.TEXT.value: DfKind.TEXT,
    Aid.FACE.value: DfKind.FACE,
    Aid.JUKI.value: DfKind.JUKI,
    JPKI_AID: DfKind.JPKI,
}

REFERENCE_FIDS = {REF_PIN: int(Fid.RESIDENT_PIN), REF_UNLOCK: int(Fid.UNLOCK_NUMBER)}


def df_kind(aid: bytes) -> DfKind | None:
    """The kind of DF an AID names, or None for an AID this card does not host."""
    kind = _KIND_BY_AID.get(bytes(aid))
    if kind is not None:
        return kind
    if len(aid) == MULTIPURPOSE_AID_LENGTH and aid.startswith(MULTIPURPOSE_AID_PREFIX):
        return DfKind.MULTIPURPOSE
    return None


@dataclass(eq=False)
class ElementaryFile:
    """A transparent EF: fixed size, zero-padded content, optional SFI, read/update rules."""

    fid: int
    size: int
    sfi: int | None
    read: Access
    update: Access
    data: bytearray = field(default_factory=bytearray)

    def __post_init__(self) -> None:
        if len(self.data) < self.size:
            self.data.extend(bytes(self.size - len(self.data)))


@dataclass(frozen=True)
class ReferenceFile:
    """An internal EF holding reference data (EF 0011, EF 0012): selectable, never readable.

    `reference` is the VERIFY P2 that names it directly; `secret` which reference data it
    holds (REF_PIN: the resident PIN, REF_UNLOCK: the unlock number), and so which security
    status a success sets. On our card the two are equal; the real card's text AP also holds
    照合番号B as EF 0015 (P2 95).
    """

    fid: int
    reference: int
    secret: int


@dataclass(eq=False)
class DedicatedFile:
    """An application DF under the MF."""

    fid: int
    aid: bytes
    label: str
    life_cycle: LifeCycle
    efs: list[ElementaryFile] = field(default_factory=list)
    # The DF's reference files when a card profile sets them; None: our card's (one per kind).
    references: tuple[ReferenceFile, ...] | None = None

    @property
    def kind(self) -> DfKind:
        kind = df_kind(self.aid)
        if kind is None:  # CREATE FILE refuses such AIDs and load() checks them
            raise ValueError("DF with an AID this card does not host")
        return kind

    @property
    def reference_files(self) -> tuple[ReferenceFile, ...]:
        """The internal EFs of the reference data available here (PIN, unlock number)."""
        if self.references is not None:
            return self.references
        reference = self.kind.reference
        if reference is None:
            return ()
        return (ReferenceFile(REFERENCE_FIDS[reference], reference, reference),)

    def reference_by_p2(self, p2: int) -> ReferenceFile | None:
        """The reference file VERIFY's P2 names in this DF, if it is here."""
        return next((ref for ref in self.reference_files if ref.reference == p2), None)

    def ef_by_fid(self, fid: int) -> ElementaryFile | ReferenceFile | None:
        for ef in self.efs:
            if ef.fid == fid:
                return ef
        return next((ref for ref in self.reference_files if ref.fid == fid), None)

    def ef_by_sfi(self, sfi: int) -> ElementaryFile | None:
        for ef in self.efs:
            if ef.sfi == sfi:
                return ef
        return None


@dataclass
class FileSystem:
    """The MF's children: application DFs in creation order, and EF.DIR derived from them."""

    dfs: list[DedicatedFile] = field(default_factory=list)
    ef_dir: ElementaryFile = field(
        default_factory=lambda: ElementaryFile(
            EF_DIR_FID, 0, EF_DIR_SFI, Access.ALWAYS, Access.NEVER
        )
    )

    def __post_init__(self) -> None:
        self.refresh_ef_dir()

    def df_by_aid(self, aid: bytes) -> DedicatedFile | None:
        for df in self.dfs:
            if df.aid == aid:
                return df
        return None

    def df_by_fid(self, fid: int) -> DedicatedFile | None:
        for df in self.dfs:
            if df.fid == fid:
                return df
        return None

    def df_of_kind(self, kind: DfKind) -> DedicatedFile | None:
        for df in self.dfs:
            if df.kind is kind:
                return df
        return None

    def used_bytes(self) -> int:
        """Total size of the EFs: what the card's memory holds."""
        return sum(ef.size for df in self.dfs for ef in df.efs)

    def refresh_ef_dir(self) -> None:
        """Rewrite EF.DIR: one application template per operational DF, in creation order."""
        content = b"".join(
            Tlv.build(
                TAG_APP_TEMPLATE,
                [Tlv(TAG_APP_AID, df.aid), Tlv(TAG_APP_LABEL, df.label.encode("utf-8"))],
            ).encode()
            for df in self.dfs
            if df.life_cycle == LifeCycle.OPERATIONAL
        )
        self.ef_dir.data = bytearray(content)
        self.ef_dir.size = len(content)
