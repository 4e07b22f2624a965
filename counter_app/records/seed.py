"""Demo residents for training and benchmarks: `counter-app db seed-demo --residents N`.

Households of one to five people under one address (full-width digits, as the register writes
them) in one ward, family and given names with their readings, about 2 % foreign residents
(Latin names, some with a 通称), ages 0-100, a few who moved out or died, and elderly residents
who returned their driving licence, with the number of their proof. Also the standard purposes
and one demo operator per role. All residents go in through `BulkWriter` in one transaction
with one audit event ("residents.seeded"), so a million takes well under a few minutes.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Iterator
from dataclasses import dataclass, field

from counter_app.licence_numbers import SAFETY_COMMISSION_CODES
from counter_app.records.bulk import BulkWriter
from counter_app.records.demo_data import (
    BUILDINGS,
    CITY,
    FAMILY_NAMES,
    FEMALE_GIVEN_NAMES,
    FOREIGN_NAMES,
    MALE_GIVEN_NAMES,
    TOWNS,
    full_width,
)
from counter_app.records.errors import OperatorNotFoundError, RoleRequiredError
from counter_app.records.multipurpose import STANDARD_SERVICES, ensure_service_types
from counter_app.records.operators import OperatorAccounts, OperatorSession
from counter_app.records.reservations import TRAINING_FACILITIES, ensure_facilities
from counter_app.records.store import Store
from counter_app.records.types import (
    NewResident,
    Outcome,
    ProofKind,
    PurposeCode,
    RecordCode,
    ResidentStatus,
    Role,
    Sex,
)

BATCH = 10_000
FOREIGN_SHARE = 0.02
LICENCE_RETURN_SHARE = 0.08  # of residents aged 65 and over
LICENCE_RETURNS_LISTED = 10


@dataclass(frozen=True)
class DemoOperator:
    """A demo operator and the demo credentials to log in with."""

    id: int
    login: str
    display_name: str
    role: Role
    password: str
    card_serial: str

    def as_json(self) -> dict[str, object]:
        """The operator and demo credentials as JSON-ready data."""
        return {
            "id": self.id,
            "login": self.login,
            "display_name": self.display_name,
            "role": self.role.value,
            "password": self.password,
            "card_serial": self.card_serial,
        }


@dataclass(frozen=True)
class LicenceReturn:
    """An elderly demo resident who returned the driving licence, and the proof they hold."""

    resident_id: int
    proof_kind: ProofKind
    proof_number: str

    def as_json(self) -> dict[str, object]:
        """As JSON-ready data."""
        return {
            "resident_id": self.resident_id,
            "proof_kind": self.proof_kind.value,
            "proof_number": self.proof_number,
        }


@dataclass(frozen=True)
class SeedReport:
    """What seeding added, and how fast."""

    residents: int
    households: int
    foreign: int
    licence_returned: int
    seconds: float
    operators: tuple[DemoOperator, ...]
    licence_returns: tuple[LicenceReturn, ...] = field(default=())

    @property
    def rows_per_second(self) -> float:
        """Residents written per second."""
        return self.residents / self.seconds if self.seconds > 0 else 0.0


DEMO_OPERATORS = (
    ("demo-supervisor", "監督者 デモ", Role.SUPERVISOR),
    ("demo-issuing", "交付担当 デモ", Role.ISSUING_CLERK),
    ("demo-verifying", "確認担当 デモ", Role.VERIFYING_CLERK),
    ("demo-applet", "AP管理者 デモ", Role.APPLET_ADMIN),
    ("demo-library", "図書館 デモ", Role.LIBRARY_STAFF),
)


def demo_password(login: str) -> str:
    """The demo password of a demo operator (demo registers only)."""
    return f"{login}-password"


def demo_card_serial(index: int) -> str:
    """The operator-card serial of the demo operator number `index`."""
    return f"DEMO-OP-{index + 1:04d}"


def record_code_for(resident_id: int) -> RecordCode:
    """A demo record code: 10 digits spread over the range by id, and a modulus-11 check digit."""
    body = f"{(resident_id * 7_919_731 + 1_234_567_891) % 10**10:010d}"
    weights = (6, 5, 4, 3, 2, 7, 6, 5, 4, 3)
    check = (11 - sum(int(d) * w for d, w in zip(body, weights, strict=True)) % 11) % 10
    return RecordCode(body + str(check))


@dataclass
class _Member:
    new: NewResident
    proof: tuple[ProofKind, str] | None


class DemoPopulation:
    """Generates households of demo residents; ids are known in advance (from `first_id`)."""

    def __init__(self, rng: random.Random, today: dt.date, first_id: int) -> None:
        self._rng = rng
        self._today = today
        self._next_id = first_id
        self._household_prefix = f"DEMO{first_id:08d}"
        self._households = 0

    def members(self, count: int) -> Iterator[_Member]:
        """`count` residents, household by household (the last household may be cut short)."""
        made = 0
        while made < count:
            for member in self._household(count - made):
                made += 1
                yield member

    def _birth(self, age: int) -> dt.date:
        age = max(0, min(100, age))
        born = self._today - dt.timedelta(days=int(age * 365.25) + self._rng.randrange(365))
        return born

    def _household(self, room: int) -> list[_Member]:
        rng = self._rng
        self._households += 1
        code = f"{self._household_prefix}-{self._households:07d}"
        size = min(room, rng.choices((1, 2, 3, 4, 5), weights=(35, 28, 18, 14, 5))[0])
        town, postal, chome = rng.choice(TOWNS)
        address = f"{CITY}{town}"
        if chome:
            address += f"{full_width(rng.randint(1, chome))}丁目"
        address += f"{full_width(rng.randint(1, 40))}番{full_width(rng.randint(1, 25))}号"
        if rng.random() < 0.3:
            room_number = full_width(rng.randint(1, 8) * 100 + rng.randint(1, 9))
            address += f"　{town}{rng.choice(BUILDINGS)}{room_number}"
        if size == 1:
            low, high = rng.choices(((18, 39), (40, 64), (65, 100)), weights=(40, 25, 35))[0]
            head_age = rng.randint(low, high)
        else:
            head_age = rng.randint(25, 92)
        head_sex = Sex.MALE if rng.random() < (0.5 if size == 1 else 0.75) else Sex.FEMALE
        people: list[tuple[int, Sex, str]] = [(head_age, head_sex, "世帯主")]
        if size >= 2:
            spouse = Sex.FEMALE if head_sex == Sex.MALE else Sex.MALE
            people.append(
                (head_age + rng.randint(-5, 5), spouse, "妻" if spouse == Sex.FEMALE else "夫")
            )
        if size == 5 and head_age <= 62:
            parent = rng.choice((Sex.MALE, Sex.FEMALE))
            people.append(
                (head_age + rng.randint(25, 34), parent, "母" if parent == Sex.FEMALE else "父")
            )
        while len(people) < size:
            oldest_child = max(0, min(head_age - 20, 45))
            people.append((rng.randint(0, oldest_child), rng.choice((Sex.MALE, Sex.FEMALE)), "子"))
        foreign = rng.random() < FOREIGN_SHARE
        family = rng.choice(FAMILY_NAMES)
        latin_family = rng.choice(FOREIGN_NAMES) if foreign else None
        place = (code, address, postal)
        return [self._person(place, family, latin_family, *person) for person in people]

    def _person(
        self,
        place: tuple[str, str, str],
        family: tuple[str, str],
        foreign: tuple[str, str, str, str, str, str] | None,
        age: int,
        sex: Sex,
        relation: str,
    ) -> _Member:
        rng = self._rng
        household, address, postal = place
        resident_id = self._next_id
        self._next_id += 1
        born = self._birth(age)
        age = (self._today - born).days // 365
        status, since = ResidentStatus.RESIDENT, born
        roll = rng.random()
        if roll < 0.01:
            status, since = (
                ResidentStatus.MOVED_OUT,
                self._today - dt.timedelta(rng.randrange(3650)),
            )
        elif roll < 0.015 and age >= 50:
            status, since = ResidentStatus.DECEASED, self._today - dt.timedelta(rng.randrange(3650))
        since = max(since, born)
        latin = tsusho = tsusho_kana = nationality = None
        if foreign is None:
            given, given_kana = rng.choice(
                MALE_GIVEN_NAMES if sex == Sex.MALE else FEMALE_GIVEN_NAMES
            )
            family_name, family_kana = family
        else:
            same_country = [f for f in FOREIGN_NAMES if f[4] == foreign[4]]
            first = rng.choice(same_country)
            nationality = foreign[4]
            latin = f"{foreign[0]} {first[1]}"
            family_kana, given_kana = foreign[2], first[3]
            if foreign[5] and first[5]:
                family_name, given = foreign[5].split()[0], first[5].split()[1]
            else:
                family_name, given = family_kana, given_kana
            if rng.random() < 0.5:
                tsusho = f"{family[0]} {given}"
                tsusho_kana = f"{family[1]} {given_kana}"
        proof = None
        if age >= 65 and status == ResidentStatus.RESIDENT and rng.random() < LICENCE_RETURN_SHARE:
            if rng.random() < 0.7:
                commission = rng.choice(sorted(SAFETY_COMMISSION_CODES))
                number = f"{commission}{rng.randrange(10**10):010d}"  # the licence's structure
                proof = (ProofKind.DRIVING_HISTORY_CERTIFICATE, number)
            else:
                proof = (
                    ProofKind.LICENCE_CANCELLATION_NOTICE,
                    f"練馬第{rng.randrange(10**6):06d}号",
                )
        new = NewResident(
            family_name=family_name,
            given_name=given,
            family_name_kana=family_kana,
            given_name_kana=given_kana,
            birth_date=born,
            sex=sex,
            address=address,
            relationship_to_head=relation,
            household_code=household,
            postal_code=postal,
            latin_name=latin,
            tsusho=tsusho,
            tsusho_kana=tsusho_kana,
            nationality=nationality,
            record_code=record_code_for(resident_id),
            status=status,
            status_since=since,
        )
        return _Member(new, proof)


def seed_residents(
    store: Store,
    operators: OperatorAccounts,
    by: OperatorSession | None,
    count: int,
    *,
    seed: int | None = None,
) -> SeedReport:
    """Add `count` demo residents in one transaction and one audit event."""
    started = time.perf_counter()
    rng = random.Random(seed)
    now = store.clock()
    foreign = returned = 0
    listed: list[LicenceReturn] = []
    with store.db.transaction() as s:
        if by is not None:
            operators.authorise(s, by, Role.SUPERVISOR)
        writer = BulkWriter(s, store.cipher, now)
        population = DemoPopulation(rng, now.date(), writer.first_resident_id)
        batch: list[_Member] = []

        def flush() -> None:
            nonlocal foreign, returned
            ids = writer.add([m.new for m in batch])
            for member, resident_id in zip(batch, ids, strict=True):
                foreign += member.new.nationality is not None
                if member.proof is not None:
                    returned += 1
                    if len(listed) < LICENCE_RETURNS_LISTED:
                        listed.append(LicenceReturn(resident_id, *member.proof))
            batch.clear()

        for member in population.members(count):
            batch.append(member)
            if len(batch) >= BATCH:
                flush()
        if batch:
            flush()
        writer.finish()
        store.audit.append(
            s,
            action="residents.seeded",
            outcome=Outcome.OK,
            operator_id=None if by is None else by.operator_id,
            detail={
                "residents": writer.residents_added,
                "households": writer.households_added,
                "foreign": foreign,
                "licence_returned": returned,
            },
        )
    store.db.vacuum_after_bulk_load()
    return SeedReport(
        residents=writer.residents_added,
        households=writer.households_added,
        foreign=foreign,
        licence_returned=returned,
        seconds=time.perf_counter() - started,
        operators=(),
        licence_returns=tuple(listed),
    )


def ensure_demo_operators(
    operators: OperatorAccounts,
) -> tuple[tuple[DemoOperator, ...], OperatorSession]:
    """Register the demo operators that are missing; returns them and a supervisor session."""
    supervisor_login = DEMO_OPERATORS[0][0]
    try:
        supervisor_id = operators.id_of(supervisor_login)
    except OperatorNotFoundError:
        try:
            supervisor_id = operators.register(
                None, login=supervisor_login, display_name=DEMO_OPERATORS[0][1],
                roles=[Role.SUPERVISOR], password=demo_password(supervisor_login),
                card_serial=demo_card_serial(0),
            )  # fmt: skip
        except RoleRequiredError:
            raise RoleRequiredError(
                "the register already has operators: demo operators go into a new register"
            ) from None
    boss = operators.login_with_password(supervisor_login, demo_password(supervisor_login))
    made = [DemoOperator(supervisor_id, supervisor_login, DEMO_OPERATORS[0][1], Role.SUPERVISOR,
                         demo_password(supervisor_login), demo_card_serial(0))]  # fmt: skip
    for index, (login, name, role) in enumerate(DEMO_OPERATORS[1:], start=1):
        try:
            operator_id = operators.id_of(login)
        except OperatorNotFoundError:
            operator_id = operators.register(
                boss, login=login, display_name=name, roles=[role],
                password=demo_password(login), card_serial=demo_card_serial(index),
            )  # fmt: skip
        made.append(
            DemoOperator(
                operator_id, login, name, role, demo_password(login), demo_card_serial(index)
            )
        )
    return tuple(made), boss


def seed_facilities(store: Store, operators: OperatorAccounts, by: OperatorSession) -> list[str]:
    """Add the missing training facilities and standard services; return the facilities added."""
    with store.db.transaction() as s:
        operator_id = operators.authorise(s, by, Role.SUPERVISOR)
        added = ensure_facilities(s, TRAINING_FACILITIES)
        if added:
            store.audit.append(
                s,
                action="facilities.seeded",
                outcome=Outcome.OK,
                operator_id=operator_id,
                detail={"facilities": len(added)},
            )
        services = ensure_service_types(s, STANDARD_SERVICES)
        if services:
            store.audit.append(
                s,
                action="service.catalogue_seeded",
                outcome=Outcome.OK,
                operator_id=operator_id,
                purpose_code=PurposeCode.MULTIPURPOSE_SERVICES,
                detail={"services": ",".join(services)},
            )
    return added


def seed_demo(
    store: Store, accounts: OperatorAccounts, residents: int, *, seed: int | None = None
) -> SeedReport:
    """Demo operators of each role, the training facilities, then `residents` demo residents."""
    operators, boss = ensure_demo_operators(accounts)
    try:
        seed_facilities(store, accounts, boss)
        report = seed_residents(store, accounts, boss, residents, seed=seed)
    finally:
        accounts.logout(boss)
    return SeedReport(
        residents=report.residents,
        households=report.households,
        foreign=report.foreign,
        licence_returned=report.licence_returned,
        seconds=report.seconds,
        operators=operators,
        licence_returns=report.licence_returns,
    )
