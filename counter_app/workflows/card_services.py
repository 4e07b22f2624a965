"""Services on the card in the reader, at the applet administrator's counter (docs/services.md).

Every card write runs under the issuer secure channel (card/applications.py). The order makes
a pulled card harmless:

- install: the consent is recorded first (`consented`), then the card application is written
  and activated last, then the link becomes `installed`. A card pulled at any APDU holds either
  no operational application (nothing usable; the next install deletes the torn DF and writes it
  again) or the finished one (the next install finds it and only records it).
- remove: the DF is deleted first (one DELETE FILE), then the link ends. A card pulled before
  the delete still holds the service and its link; the next removal finishes.
- lock and unlock are the register's: the card OS has no per-DF lock (DEACTIVATE FILE works on
  the MF only), so a locked service stays on the card and every desk refuses its use
  (`Register.services.require_usable`).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from dataclasses import dataclass

from counter_app.card import profile as p
from counter_app.card.applications import (
    AppFile,
    install_application,
    list_applications,
    personalise_application,
    read_application_file,
    remove_application,
)
from counter_app.card.errors import ApplicationExistsError
from counter_app.card.protocol import ApduTransport
from counter_app.card.sessions.card import card_serial
from counter_app.records import CardServiceInfo, Register, ServiceFile, ServiceTypeInfo
from counter_app.records.errors import ServiceNotOnCardError
from counter_app.workflows.base import CardSource, CardSteps, CounterContext
from counter_app.workflows.common import CardIdentity, identify_card
from counter_app.workflows.errors import (
    MemberNumberTooLongError,
    ServiceCardMismatchError,
    ServiceFileMissingError,
)

MULTIPURPOSE_AREA_BYTES = 16 * 1024
"""What the counter allots to multipurpose services on one card (the chip reports no free space)."""
MEMBER_FIELD = "member_number"
CONSENT_TEXT_VERSION = "2024-04"
"""The version of the consent form the counter hands to residents (recorded with each consent)."""
_ACCESS = {
    "always": p.Access.ALWAYS,
    "pin": p.Access.PIN,
    "unlock": p.Access.UNLOCK,
    "issuer": p.Access.ISSUER,
}


@dataclass(frozen=True)
class ServiceOnCard:
    """One multipurpose application on the card, with what the register knows of it."""

    aid: str
    name: str  # the catalogue's name; the card's label when the catalogue does not know it
    code: str | None
    state: str  # installed, locked, or "unrecorded" (on the card, no link in the register)
    size: int  # bytes of its files, from the catalogue (0 when unknown)


@dataclass(frozen=True)
class CardServices:
    """The services on the card in the reader and the space left in its multipurpose area."""

    serial: str
    services: tuple[ServiceOnCard, ...]
    used: int
    free: int


def member_bytes(service: ServiceTypeInfo, member_number: str) -> bytes:
    """The member number as its file holds it (UTF-8), or MemberNumberTooLongError."""
    data = member_number.encode("utf-8")
    if len(data) > _member_file(service).size:
        raise MemberNumberTooLongError(f"{len(data)} bytes for {service.code}")
    return data


def _member_file(service: ServiceTypeInfo) -> ServiceFile:
    for file in service.files:
        if file.field == MEMBER_FIELD:
            return file
    raise ServiceFileMissingError(f"{service.code} has no member number file")


def service_of_card(
    register: Register, transport: ApduTransport, code: str, pin: str
) -> CardServiceInfo:
    """The service `code` of the card a desk or kiosk read, after the resident's PIN.

    The register must allow its use (installed, not locked, the card in use); the member number
    on the card, read after VERIFY in the service's DF, must be the one recorded.
    """
    serial = card_serial(transport).hex().upper()
    link = register.services.require_usable(serial, code)
    service = link.service
    member = read_application_file(
        transport, bytes.fromhex(service.aid), _member_file(service).fid, pin=pin
    )
    if member.rstrip(b"\0").decode("utf-8", "replace") != (link.member_number or ""):
        raise ServiceCardMismatchError(f"{code} on card {serial} differs from its record")
    return link


def app_files(service: ServiceTypeInfo, member_number: str | None) -> list[AppFile]:
    """The card files of a service, the member number written when known."""
    content = b"" if member_number is None else member_bytes(service, member_number)
    return [
        AppFile(
            f.fid,
            f.size,
            read=_ACCESS[f.read],
            update=_ACCESS[f.update],
            content=content if f.field == MEMBER_FIELD else b"",
        )
        for f in service.files
    ]


def write_service(transport: ApduTransport, identity: CardIdentity, link: CardServiceInfo) -> None:
    """Install the link's service on the card (finishing a torn install; done if it is there)."""
    service = link.service
    # ApplicationExistsError: an earlier attempt activated it and its answer was lost.
    with contextlib.suppress(ApplicationExistsError):
        install_application(
            transport,
            bytes.fromhex(service.aid),
            service.code,
            app_files(service, link.member_number),
            keys=identity.keys,
        )


def install_links(
    ctx: CounterContext,
    transport: ApduTransport,
    identity: CardIdentity,
    links: Iterable[CardServiceInfo],
) -> list[CardServiceInfo]:
    """Write each consented link's service to the card, then record it installed."""
    done = []
    for link in links:
        if link.state == "consented":
            write_service(transport, identity, link)
            link = ctx.register.services.mark_installed(
                ctx.operator, identity.serial_text, link.service.code
            )
        done.append(link)
    return done


class ServiceDesk:
    """The applet administrator's actions on the card in the reader (one call, one card)."""

    def __init__(self, ctx: CounterContext, card: CardSource) -> None:
        self.ctx = ctx
        self._card = CardSteps(card)

    def _open(self) -> tuple[ApduTransport, CardIdentity]:
        transport = ApduTransport(self._card.connect())
        return transport, identify_card(self.ctx, transport)

    def on_card(self) -> CardServices:
        """The multipurpose applications on the card, named from the catalogue."""
        try:
            transport, identity = self._open()
            entries = list_applications(transport)
        finally:
            self._card.close()
        services = self.ctx.register.services
        links = {
            link.service.aid: link
            for link in services.services_on(self.ctx.operator, identity.serial_text)
        }
        found = []
        for entry in entries:
            aid = entry.aid.hex().upper()
            known = services.service_by_aid(aid)
            link = links.get(aid)
            found.append(
                ServiceOnCard(
                    aid=aid,
                    name=known.name if known else entry.label,
                    code=known.code if known else None,
                    state=link.state.value if link and link.state != "consented" else "unrecorded",
                    size=known.size if known else 0,
                )
            )
        used = sum(s.size for s in found)
        return CardServices(
            identity.serial_text, tuple(found), used, max(MULTIPURPOSE_AREA_BYTES - used, 0)
        )

    def install(
        self, code: str, *, consent_version: str, member_number: str | None = None
    ) -> CardServiceInfo:
        """Record the resident's consent, write the service to the card, record it installed."""
        services = self.ctx.register.services
        service = services.service_type(code)
        if member_number is not None:
            member_bytes(service, member_number)  # refused before anything is recorded
        try:
            transport, identity = self._open()
            link = services.record_consent(
                self.ctx.operator, identity.serial_text, code,
                consent_version=consent_version, member_number=member_number,
            )  # fmt: skip
            [installed] = install_links(self.ctx, transport, identity, [link])
            return installed
        finally:
            self._card.close()

    def personalise(self, code: str, member_number: str) -> CardServiceInfo:
        """Write the member number to the service's file on the card, then record it."""
        services = self.ctx.register.services
        service = services.service_type(code)
        data = member_bytes(service, member_number)
        try:
            transport, identity = self._open()
            services.require_usable(identity.serial_text, code)  # not locked, installed
            personalise_application(
                transport,
                bytes.fromhex(service.aid),
                {_member_file(service).fid: data.ljust(_member_file(service).size, b"\0")},
                keys=identity.keys,
            )
            return services.personalised(
                self.ctx.operator, identity.serial_text, code, member_number
            )
        finally:
            self._card.close()

    def lock(self, code: str) -> CardServiceInfo:
        """Lock the service on the card in the reader (recorded in the register)."""
        return self.ctx.register.services.lock(self.ctx.operator, self._serial(), code)

    def unlock(self, code: str) -> CardServiceInfo:
        """Lift the lock of the service on the card in the reader."""
        return self.ctx.register.services.unlock(self.ctx.operator, self._serial(), code)

    def remove(self, code: str) -> CardServiceInfo | None:
        """Delete the service from the card, then end its link (None: the register had none)."""
        services = self.ctx.register.services
        service = services.service_type(code)
        try:
            transport, identity = self._open()
            deleted = remove_application(transport, bytes.fromhex(service.aid), keys=identity.keys)
        finally:
            self._card.close()
        try:
            return services.ended(self.ctx.operator, identity.serial_text, code)
        except ServiceNotOnCardError:
            if not deleted:
                raise
            return None  # an application the register did not know is gone from the card

    def _serial(self) -> str:
        try:
            _, identity = self._open()
        finally:
            self._card.close()
        return identity.serial_text
