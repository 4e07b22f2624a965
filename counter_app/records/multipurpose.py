"""Multipurpose services: the ordinance-backed catalogue and the services on each card.

A service type may go on cards only while it is enabled and the ordinance article that allows
it is registered and in force (on the municipality's date, JST). A service on a card is a link
between the card and the service type that records the resident's consent (operator, time,
consent text version) before the card is written, and the member number it was personalised
with. Its states:

    consented -> installed <-> locked
        \\           \\            \\
         `-----------`------------`--> ended (removed, re-issued, returned, card ended)

`consented` is an install whose card write has not finished (a card pulled out): the next
install of the same service on the same card finishes it, a removal cleans it up. Every action,
and every refusal, is an audit event under `multipurpose-services` with the holder's resident id
(never a member number).
"""

from __future__ import annotations

import datetime as dt
import enum
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter_app.records.audit import DetailValue
from counter_app.records.errors import (
    CardNotInUseError,
    CardRecordError,
    OrdinanceNotInForceError,
    ServiceAlreadyOnCardError,
    ServiceError,
    ServiceLockedError,
    ServiceNotEnabledError,
    ServiceNotFoundError,
    ServiceNotOnCardError,
    ServiceTypeExistsError,
)
from counter_app.records.models import Card, CardService, Ordinance, ServiceType
from counter_app.records.operators import OperatorAccounts, OperatorSession
from counter_app.records.store import Store
from counter_app.records.types import CardStatus, Outcome, PurposeCode, Role

PURPOSE = PurposeCode.MULTIPURPOSE_SERVICES
DESK_ROLES = (Role.LIBRARY_STAFF, Role.SUPERVISOR)
"""Who may use a resident's card service at a desk (the library desk)."""
LOCAL_TIME = dt.timezone(dt.timedelta(hours=9), "JST")
CATALOGUE_ROLES = (Role.SUPERVISOR,)
ACCESS_WORDS = ("always", "pin", "unlock", "issuer")


class ServiceState(enum.StrEnum):
    CONSENTED = "consented"
    INSTALLED = "installed"
    LOCKED = "locked"
    ENDED = "ended"


LIVE = (ServiceState.CONSENTED.value, ServiceState.INSTALLED.value, ServiceState.LOCKED.value)


@dataclass(frozen=True)
class OrdinanceInfo:
    """An ordinance article that allows a service (名称, 条, 施行日)."""

    name: str
    article: str
    in_force_from: dt.date
    repealed_on: dt.date | None = None

    def in_force_on(self, day: dt.date) -> bool:
        return self.in_force_from <= day and (self.repealed_on is None or day < self.repealed_on)


@dataclass(frozen=True)
class ServiceFile:
    """A file of the service's card application: FID, size, read and update rules, meaning.

    `read` and `update` are the profile's access words (always, pin, unlock, issuer); `field`
    names what the file holds ("member_number" is written by personalisation).
    """

    fid: int
    size: int
    read: str
    update: str
    field: str

    def __post_init__(self) -> None:
        if self.read not in ACCESS_WORDS or self.update not in ACCESS_WORDS:
            raise ValueError(f"access rules are {', '.join(ACCESS_WORDS)}")
        if not 1 <= self.fid <= 0x1E or self.size <= 0:
            raise ValueError("a service file has FID 0001-001E and a size")


@dataclass(frozen=True)
class NewServiceType:
    """A catalogue entry: code, Japanese name, AID (hex), files, ordinance, administrators."""

    code: str
    name: str
    aid: str
    files: tuple[ServiceFile, ...]
    ordinance: OrdinanceInfo
    roles: tuple[Role, ...] = (Role.APPLET_ADMIN, Role.SUPERVISOR)


@dataclass(frozen=True)
class ServiceTypeInfo:
    """A catalogue entry as counters list it."""

    code: str
    name: str
    aid: str
    files: tuple[ServiceFile, ...]
    ordinance: OrdinanceInfo | None
    enabled: bool
    roles: tuple[Role, ...]

    @property
    def size(self) -> int:
        """Bytes its files take on the card."""
        return sum(f.size for f in self.files)


@dataclass(frozen=True)
class CardServiceInfo:
    """A service on a card (its link in the register)."""

    id: int
    serial: str
    holder_id: int
    service: ServiceTypeInfo
    state: ServiceState
    member_number: str | None
    consent_operator: int
    consent_at: dt.datetime
    consent_version: str
    installed_at: dt.datetime | None
    ended_at: dt.datetime | None
    ended_reason: str | None
    carried_from: int | None


def _files_json(files: Sequence[ServiceFile]) -> str:
    return json.dumps(
        [
            {"fid": f.fid, "size": f.size, "read": f.read, "update": f.update, "field": f.field}
            for f in files
        ]
    )


def _files(text: str) -> tuple[ServiceFile, ...]:
    return tuple(
        ServiceFile(int(f["fid"]), int(f["size"]), f["read"], f["update"], f["field"])
        for f in json.loads(text)
    )


def _type_info(s: Session, row: ServiceType) -> ServiceTypeInfo:
    ordinance = s.get(Ordinance, row.ordinance_id)
    return ServiceTypeInfo(
        code=row.code,
        name=row.name,
        aid=row.aid,
        files=_files(row.files),
        ordinance=None
        if ordinance is None
        else OrdinanceInfo(
            ordinance.name, ordinance.article, ordinance.in_force_from, ordinance.repealed_on
        ),
        enabled=row.enabled,
        roles=tuple(Role(r) for r in row.roles.split(",") if r),
    )


def _link_info(s: Session, row: CardService, card: Card) -> CardServiceInfo:
    service = s.get(ServiceType, row.service_id)
    assert service is not None
    return CardServiceInfo(
        id=row.id,
        serial=card.serial,
        holder_id=card.holder_id,
        service=_type_info(s, service),
        state=ServiceState(row.state),
        member_number=row.member_number,
        consent_operator=row.consent_operator,
        consent_at=row.consent_at,
        consent_version=row.consent_version,
        installed_at=row.installed_at,
        ended_at=row.ended_at,
        ended_reason=row.ended_reason,
        carried_from=row.carried_from,
    )


class MultipurposeServices:
    """The service catalogue and the services on cards of one register."""

    def __init__(self, store: Store, operators: OperatorAccounts) -> None:
        self._db = store.db
        self._audit = store.audit
        self._clock = store.clock
        self._operators = operators

    # -- the catalogue ---------------------------------------------------------------------------

    def add_service_type(self, by: OperatorSession, new: NewServiceType) -> ServiceTypeInfo:
        """Register a service type (and its ordinance article, when new); disabled at first."""
        with self._db.transaction() as s:
            operator_id = self._operators.authorise(s, by, *CATALOGUE_ROLES)
            taken = s.scalar(
                select(ServiceType.code).where(
                    (ServiceType.code == new.code) | (ServiceType.aid == new.aid.upper())
                )
            )
            if taken is not None:
                raise ServiceTypeExistsError(f"{new.code} / {new.aid}: taken by {taken}")
            row = _insert_service_type(s, new)
            self._record(
                s, operator_id, "service.type_added", Outcome.OK, None,
                {"service": new.code, "ordinance": f"{new.ordinance.name} {new.ordinance.article}"},
            )  # fmt: skip
            return _type_info(s, row)

    def set_enabled(self, by: OperatorSession, code: str, enabled: bool) -> ServiceTypeInfo:
        """Enable (or withdraw) a service type for new installs in this municipality."""
        with self._db.transaction() as s:
            operator_id = self._operators.authorise(s, by, *CATALOGUE_ROLES)
            row = _load_type(s, code)
            row.enabled = enabled
            self._record(
                s, operator_id, "service.type_enabled" if enabled else "service.type_disabled",
                Outcome.OK, None, {"service": code},
            )  # fmt: skip
            return _type_info(s, row)

    def catalogue(self) -> list[ServiceTypeInfo]:
        """Every service type, enabled or not, by code."""
        with self._db.transaction(read_only=True) as s:
            rows = list(s.scalars(select(ServiceType).order_by(ServiceType.code)))
            return [_type_info(s, row) for row in rows]

    def service_type(self, code: str) -> ServiceTypeInfo:
        """One catalogue entry; ServiceNotFoundError when there is none."""
        with self._db.transaction(read_only=True) as s:
            return _type_info(s, _load_type(s, code))

    def service_by_aid(self, aid: str) -> ServiceTypeInfo | None:
        """The catalogue entry of a card application's AID (hex), if any."""
        with self._db.transaction(read_only=True) as s:
            row = s.scalar(select(ServiceType).where(ServiceType.aid == aid.upper()))
            return None if row is None else _type_info(s, row)

    # -- services on cards -----------------------------------------------------------------------

    def services_on(self, by: OperatorSession, serial: str) -> list[CardServiceInfo]:
        """The card's services that have not ended, by service code."""
        with self._db.transaction(read_only=True) as s:
            self._operators.authorise(s, by, Role.APPLET_ADMIN, Role.ISSUING_CLERK, Role.SUPERVISOR)
            card = _load_card(s, serial)
            rows = s.scalars(
                select(CardService).where(
                    CardService.card_id == card.id, CardService.state.in_(LIVE)
                )
            )
            links = [_link_info(s, row, card) for row in rows]
        return sorted(links, key=lambda link: link.service.code)

    def record_consent(
        self,
        by: OperatorSession,
        serial: str,
        code: str,
        *,
        consent_version: str,
        member_number: str | None = None,
    ) -> CardServiceInfo:
        """Record the resident's consent to `code` on the card, before the card is written.

        A torn earlier install (state `consented`) is taken up again with the new consent.
        Refused, in words and audited, when the service is not enabled, its ordinance is not in
        force, the card is not in use or the service is already on it.
        """
        if not consent_version.strip():
            raise ValueError("the consent text version is needed")
        refusal: ServiceError | None = None
        with self._db.transaction() as s:
            card = _load_card(s, serial, for_update=True)
            row = _load_type(s, code)
            operator_id = self._authorise(s, by, row)
            try:
                link = self._consent(s, operator_id, card, row, consent_version, member_number)
            except ServiceError as exc:
                refusal = exc
                self._record(
                    s, operator_id, "service.install_refused", Outcome.REFUSED, card.holder_id,
                    {"service": code, "serial": serial, "reason": exc.code},
                )  # fmt: skip
            else:
                self._record(
                    s, operator_id, "service.consent_recorded", Outcome.OK, card.holder_id,
                    {"service": code, "serial": serial, "consent_version": consent_version},
                )  # fmt: skip
                done = _link_info(s, link, card)
        if refusal is not None:
            raise refusal
        return done

    def _consent(
        self,
        s: Session,
        operator_id: int,
        card: Card,
        row: ServiceType,
        consent_version: str,
        member_number: str | None,
    ) -> CardService:
        if card.status != CardStatus.ACTIVE.value:
            raise CardNotInUseError(f"card {card.serial} is {card.status}")
        if not row.enabled:
            raise ServiceNotEnabledError(f"service {row.code} is not enabled")
        info = _type_info(s, row)
        today = self._clock().astimezone(LOCAL_TIME).date()
        if info.ordinance is None or not info.ordinance.in_force_on(today):
            raise OrdinanceNotInForceError(f"no ordinance in force for {row.code} on {today}")
        link = _live_link(s, card.id, row.id)
        now = self._clock()
        if link is not None and link.state != ServiceState.CONSENTED.value:
            raise ServiceAlreadyOnCardError(f"{row.code} is on card {card.serial}")
        if link is None:
            link = CardService(card_id=card.id, service_id=row.id)
            s.add(link)
        link.state = ServiceState.CONSENTED.value
        link.consent_operator = operator_id
        link.consent_at = now
        link.consent_version = consent_version
        link.member_number = member_number or link.member_number
        s.flush()
        return link

    def mark_installed(self, by: OperatorSession, serial: str, code: str) -> CardServiceInfo:
        """The card now carries the service: its consented link becomes `installed`."""
        with self._db.transaction() as s:
            card = _load_card(s, serial, for_update=True)
            row = _load_type(s, code)
            link = _live_link(s, card.id, row.id)
            carried = link is not None and link.carried_from is not None
            operator_id = self._authorise(s, by, row, reissue=carried)
            if link is None:
                raise ServiceNotOnCardError(f"no consent for {code} on card {serial}")
            if link.state == ServiceState.CONSENTED.value:
                link.state = ServiceState.INSTALLED.value
                link.installed_at = self._clock()
                self._record(
                    s, operator_id, "service.installed", Outcome.OK, card.holder_id,
                    {"service": code, "serial": serial, "carried": link.carried_from is not None},
                )  # fmt: skip
            return _link_info(s, link, card)

    def personalised(
        self, by: OperatorSession, serial: str, code: str, member_number: str
    ) -> CardServiceInfo:
        """Record the member number the card's service was personalised with."""
        return self._change(by, serial, code, "service.personalised", member_number=member_number)

    def lock(self, by: OperatorSession, serial: str, code: str) -> CardServiceInfo:
        """Lock the service: its use is refused until unlocked (the card keeps it)."""
        return self._change(by, serial, code, "service.locked", state=ServiceState.LOCKED)

    def unlock(self, by: OperatorSession, serial: str, code: str) -> CardServiceInfo:
        """Lift a lock."""
        return self._change(by, serial, code, "service.unlocked", state=ServiceState.INSTALLED)

    def ended(
        self, by: OperatorSession, serial: str, code: str, reason: str = "removed"
    ) -> CardServiceInfo:
        """The service is off the card (removed): its link ends."""
        return self._change(by, serial, code, "service.removed", state=ServiceState.ENDED,
                            reason=reason)  # fmt: skip

    def require_usable(self, serial: str, code: str) -> CardServiceInfo:
        """The service as a desk uses it: CardNotInUseError (the card first), ServiceNotOnCardError
        or ServiceLockedError otherwise."""
        with self._db.transaction(read_only=True) as s:
            card = _load_card(s, serial)
            row = _load_type(s, code)
            if card.status != CardStatus.ACTIVE.value:  # first: a re-issued card has no links
                raise CardNotInUseError(f"card {serial} is {card.status}")
            link = _live_link(s, card.id, row.id)
            if link is None or link.state == ServiceState.CONSENTED.value:
                raise ServiceNotOnCardError(f"{code} is not on card {serial}")
            if link.state == ServiceState.LOCKED.value:
                raise ServiceLockedError(f"{code} is locked on card {serial}")
            return _link_info(s, link, card)

    def record_use(
        self,
        by: OperatorSession,
        serial: str,
        code: str,
        action: str,
        outcome: Outcome,
        detail: Mapping[str, DetailValue],
        *,
        purpose: str,
    ) -> None:
        """Audit one use of the card's service at a desk under the desk's `purpose`.

        `detail` holds ids only (barcodes, the error's name), never titles or names.
        """
        with self._db.transaction() as s:
            operator_id = self._operators.authorise(s, by, *DESK_ROLES)
            card = _load_card(s, serial)
            self._audit.append(
                s, action=action, outcome=outcome, operator_id=operator_id,
                purpose_code=purpose, resident_id=card.holder_id,
                detail={"serial": serial, "service": code, **detail},
            )  # fmt: skip

    def _change(
        self,
        by: OperatorSession,
        serial: str,
        code: str,
        action: str,
        *,
        state: ServiceState | None = None,
        member_number: str | None = None,
        reason: str | None = None,
    ) -> CardServiceInfo:
        refusal: ServiceError | None = None
        with self._db.transaction() as s:
            card = _load_card(s, serial, for_update=True)
            row = _load_type(s, code)
            operator_id = self._authorise(s, by, row)
            link = _live_link(s, card.id, row.id)
            try:
                if link is None:
                    raise ServiceNotOnCardError(f"{code} is not on card {serial}")
                if state != ServiceState.ENDED and link.state == ServiceState.CONSENTED.value:
                    raise ServiceNotOnCardError(f"the install of {code} did not finish")
                if member_number is not None and link.state == ServiceState.LOCKED.value:
                    raise ServiceLockedError(f"{code} is locked on card {serial}")
            except ServiceError as exc:
                refusal = exc
                self._record(
                    s, operator_id, f"{action}_refused", Outcome.REFUSED, card.holder_id,
                    {"service": code, "serial": serial, "reason": exc.code},
                )  # fmt: skip
            else:
                assert link is not None
                if member_number is not None:
                    link.member_number = member_number
                if state is not None:
                    link.state = state.value
                if state == ServiceState.ENDED:
                    link.ended_at = self._clock()
                    link.ended_reason = reason
                self._record(
                    s, operator_id, action, Outcome.OK, card.holder_id,
                    {"service": code, "serial": serial, "reason": reason},
                )  # fmt: skip
                done = _link_info(s, link, card)
        if refusal is not None:
            raise refusal
        return done

    # -- re-issue --------------------------------------------------------------------------------

    def carry_over(
        self, by: OperatorSession, old_serial: str, new_serial: str
    ) -> list[CardServiceInfo]:
        """Re-issue: the new card gets the old card's services, member numbers and consents.

        The old card's links end (reason `reissued`); the new card's links start `consented`
        (its card write follows, then `mark_installed`). Links already carried are kept, so a
        torn carry-over is finished by doing it again. Returns the new card's live links.
        """
        with self._db.transaction() as s:
            operator_id = self._operators.authorise(
                s, by, Role.ISSUING_CLERK, Role.APPLET_ADMIN, Role.SUPERVISOR
            )
            old = _load_card(s, old_serial, for_update=True)
            new = _load_card(s, new_serial, for_update=True)
            if old.holder_id != new.holder_id:
                raise CardRecordError(f"cards {old_serial} and {new_serial} have other holders")
            now = self._clock()
            carried = 0
            for link in list(
                s.scalars(
                    select(CardService).where(
                        CardService.card_id == old.id, CardService.state.in_(LIVE)
                    )
                )
            ):
                if link.state != ServiceState.CONSENTED.value and (
                    _live_link(s, new.id, link.service_id) is None
                ):
                    s.add(
                        CardService(
                            card_id=new.id,
                            service_id=link.service_id,
                            member_number=link.member_number,
                            state=ServiceState.CONSENTED.value,
                            consent_operator=link.consent_operator,
                            consent_at=link.consent_at,
                            consent_version=link.consent_version,
                            carried_from=link.id,
                        )
                    )
                    carried += 1
                link.state = ServiceState.ENDED.value
                link.ended_at = now
                link.ended_reason = "reissued"
            s.flush()
            if carried:
                self._record(
                    s, operator_id, "service.carried_over", Outcome.OK, new.holder_id,
                    {"from": old_serial, "to": new_serial, "services": carried},
                )  # fmt: skip
            rows = s.scalars(
                select(CardService).where(
                    CardService.card_id == new.id, CardService.state.in_(LIVE)
                )
            )
            return [_link_info(s, row, new) for row in rows]

    # -- helpers ---------------------------------------------------------------------------------

    def _authorise(
        self, s: Session, by: OperatorSession, row: ServiceType, *, reissue: bool = False
    ) -> int:
        """The service's administrators; the issuing clerk too when a re-issue carries it."""
        roles = [Role(r) for r in row.roles.split(",") if r] or [Role.SUPERVISOR]
        if reissue:
            roles.append(Role.ISSUING_CLERK)
        return self._operators.authorise(s, by, *roles)

    def _record(
        self,
        s: Session,
        operator_id: int | None,
        action: str,
        outcome: Outcome,
        resident_id: int | None,
        detail: dict[str, DetailValue],
    ) -> None:
        self._audit.append(
            s,
            action=action,
            outcome=outcome,
            operator_id=operator_id,
            purpose_code=PURPOSE,
            resident_id=resident_id,
            detail=detail,
        )


def end_card_services(s: Session, store: Store, card: Card, reason: str, operator_id: int) -> int:
    """End every live service link of `card` (the card was returned, revoked or expired)."""
    now = store.clock()
    ended = 0
    for link in s.scalars(
        select(CardService).where(CardService.card_id == card.id, CardService.state.in_(LIVE))
    ):
        link.state = ServiceState.ENDED.value
        link.ended_at = now
        link.ended_reason = reason
        ended += 1
    if ended:
        store.audit.append(
            s,
            action="service.ended_with_card",
            outcome=Outcome.OK,
            operator_id=operator_id,
            purpose_code=PURPOSE,
            resident_id=card.holder_id,
            detail={"serial": card.serial, "services": ended, "reason": reason},
        )
    return ended


def _insert_service_type(s: Session, new: NewServiceType) -> ServiceType:
    if not new.files:
        raise ValueError("a service needs its files")
    ordinance = s.scalar(
        select(Ordinance).where(
            Ordinance.name == new.ordinance.name, Ordinance.article == new.ordinance.article
        )
    )
    if ordinance is None:
        ordinance = Ordinance(
            name=new.ordinance.name,
            article=new.ordinance.article,
            in_force_from=new.ordinance.in_force_from,
            repealed_on=new.ordinance.repealed_on,
        )
        s.add(ordinance)
        s.flush()
    row = ServiceType(
        code=new.code,
        name=new.name,
        aid=new.aid.upper(),
        files=_files_json(new.files),
        ordinance_id=ordinance.id,
        enabled=False,
        roles=",".join(r.value for r in new.roles),
    )
    s.add(row)
    s.flush()
    return row


def ensure_service_types(s: Session, types: Sequence[NewServiceType]) -> list[str]:
    """Add the catalogue entries whose codes are missing, enabled (training); return the codes."""
    present = set(s.scalars(select(ServiceType.code)))
    added = []
    for new in types:
        if new.code not in present:
            _insert_service_type(s, new).enabled = True
            added.append(new.code)
    return added


def _load_type(s: Session, code: str) -> ServiceType:
    row = s.scalar(select(ServiceType).where(ServiceType.code == code))
    if row is None:
        raise ServiceNotFoundError(f"no service {code}")
    return row


def _load_card(s: Session, serial: str, *, for_update: bool = False) -> Card:
    query = select(Card).where(Card.serial == serial)
    card = s.scalar(query.with_for_update() if for_update else query)
    if card is None:
        raise CardRecordError(f"no card {serial}")
    return card


def _live_link(s: Session, card_id: int, service_id: int) -> CardService | None:
    return s.scalar(
        select(CardService).where(
            CardService.card_id == card_id,
            CardService.service_id == service_id,
            CardService.state.in_(LIVE),
        )
    )


def _demo_ordinance(article: str) -> OrdinanceInfo:
    return OrdinanceInfo("練習市住民基本台帳カード利用条例", article, dt.date(2004, 4, 1))


def _member_file(size: int = 16) -> ServiceFile:
    return ServiceFile(0x01, size, "pin", "issuer", "member_number")


STANDARD_SERVICES = (
    NewServiceType("library", "図書館カード", "F05243434C4942",
                   (_member_file(), ServiceFile(0x02, 32, "pin", "issuer", "home_library")),
                   _demo_ordinance("第3条")),
    NewServiceType("facility", "施設予約", "F0524343525356",
                   (_member_file(),), _demo_ordinance("第4条")),
    NewServiceType("certificate", "証明書自動交付", "F0524343435254",
                   (_member_file(),), _demo_ordinance("第5条")),
    NewServiceType("health", "健診結果閲覧", "F0524343484C54",
                   (_member_file(), ServiceFile(0x02, 8, "pin", "issuer", "viewer_consent")),
                   _demo_ordinance("第6条")),
)  # fmt: skip
"""The four standard services a municipality enables, each under a demo ordinance article."""
