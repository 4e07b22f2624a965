"""Multipurpose applications (profile §3): list, install, personalise, read and remove.

Install creates the DF, its EFs and their data under the issuer channel and activates the DF
last, so a torn install leaves a DF that is not operational, is missing from EF.DIR and is
deleted by the next install.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from counter_app.card import profile as p
from counter_app.card.errors import ApplicationExistsError, CardFullError
from counter_app.card.layout import ApplicationEntry
from counter_app.card.protocol import ApduTransport
from counter_app.card.scp03 import StaticKeys
from counter_app.card.sessions.base import life_cycle_error, read_life_cycle
from counter_app.card.sessions.card import MasterFileSession
from counter_app.card.sessions.issuer import EfSpec, IssuerSession
from counter_app.card.sessions.multipurpose import MultipurposeSession, check_multipurpose_aid

FIRST_DF_FID = 0xDF10
LAST_DF_FID = 0xDFFE


@dataclass(frozen=True)
class AppFile:
    """An EF of a multipurpose application: FID 0001-001E (its SFI), size, rules, content."""

    fid: int
    size: int
    read: p.Access = p.Access.PIN
    update: p.Access = p.Access.ISSUER
    content: bytes = b""

    def __post_init__(self) -> None:
        if not 1 <= self.fid <= 0x1E:
            raise ValueError("an application EF has FID 0001 to 001E (the SFI is its low bits)")
        if len(self.content) > self.size:
            raise ValueError("content larger than the file")

    @property
    def spec(self) -> EfSpec:
        return EfSpec(self.fid, self.size, self.read, self.update)


def list_applications(transport: ApduTransport) -> tuple[ApplicationEntry, ...]:
    """The operational multipurpose applications, from EF.DIR (no authentication)."""
    master = MasterFileSession(transport)
    master.select()
    return tuple(
        entry
        for entry in master.applications()
        if entry.aid.startswith(p.MULTIPURPOSE_AID_PREFIX)
        and len(entry.aid) == p.MULTIPURPOSE_AID_LENGTH
    )


def _require_operational(transport: ApduTransport) -> None:
    error = life_cycle_error(read_life_cycle(transport))
    if error is not None:
        raise error


def _create_df(issuer: IssuerSession, aid: bytes, label: str) -> None:
    """CREATE the DF under the first free FID from DF10."""
    for fid in range(FIRST_DF_FID, LAST_DF_FID + 1):
        if issuer.create_df(fid, aid, label):
            return
    raise CardFullError("no free file identifier for another application")


def install_application(
    transport: ApduTransport,
    aid: bytes,
    label: str,
    files: Sequence[AppFile],
    *,
    keys: StaticKeys,
) -> bool:
    """Install (or finish a torn install of) an application; True when a torn one was replaced."""
    check_multipurpose_aid(aid)
    _require_operational(transport)
    issuer = IssuerSession(transport)
    issuer.open(keys)
    state = issuer.select_df(aid)
    if state == p.LifeCycle.OPERATIONAL:
        raise ApplicationExistsError(f"application {aid.hex().upper()} is installed")
    replaced = state is not None
    if replaced:
        issuer.delete_current()
    _create_df(issuer, aid, label)
    for file in files:
        issuer.create_ef(file.spec)
        if file.content:
            issuer.update(file.spec.sfi, file.content)
    issuer.activate()  # the DF is still the current one: it becomes operational, in EF.DIR
    return replaced


def personalise_application(
    transport: ApduTransport, aid: bytes, contents: Mapping[int, bytes], *, keys: StaticKeys
) -> None:
    """Write application data (FID -> content, from offset 0) under the issuer channel."""
    check_multipurpose_aid(aid)
    issuer = IssuerSession(transport)
    issuer.open(keys)
    issuer.require_df(aid)
    for fid, content in contents.items():
        issuer.update(fid & 0x1F, content)


def read_application_file(
    transport: ApduTransport, aid: bytes, fid: int, *, pin: str | None = None
) -> bytes:
    """A whole EF of an application, after VERIFY of the resident PIN when one is given."""
    session = MultipurposeSession(transport, aid)
    session.select()
    if pin is not None:
        session.verify(pin)
    return session.read_file(fid & 0x1F)


def remove_application(transport: ApduTransport, aid: bytes, *, keys: StaticKeys) -> bool:
    """Delete the application's DF with all its files; False when it was not there."""
    check_multipurpose_aid(aid)
    issuer = IssuerSession(transport)
    issuer.open(keys)
    return issuer.delete_df(aid)
