"""The supervisor's purposes: list with their dates, add an ordinance task, retire one.

The council's central example runs end to end: the prefectural housing arrears task reaches the
tenant and the guarantor of its open cases and never their family, by the same checked and
audited path as the standard purposes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import text

from counter_app.records import (
    Category,
    NewPurpose,
    OperatorSession,
    Outcome,
    PurposeCode,
    Register,
    Role,
    Sex,
)
from counter_app.records.database import Database, resolve_url
from counter_app.records.errors import (
    AccessRefusedError,
    CouncilAnswerDateError,
    LegalBasisMissingError,
    PurposeCategoriesMissingError,
    PurposeCodeFormatError,
    PurposeExistsError,
    PurposeInputError,
    PurposeNameMissingError,
    PurposeNotInForceError,
    PurposeNotRetirableError,
    PurposeRetireDateError,
    PurposeRetiredError,
    PurposeRolesMissingError,
    RoleRequiredError,
)
from counter_app.records.schema import alembic_config, migrate
from counter_app.records.types import STANDARD_IN_FORCE
from tests.support.records_fixtures import (
    CLERK_PASSWORD,
    FAST_POLICY,
    SUPERVISOR_PASSWORD,
    resident,
)

JST = dt.timezone(dt.timedelta(hours=9))
HOUSING = "pref-housing-arrears"


def housing_task(**changes: object) -> NewPurpose:
    """The 県営住宅 arrears task as the council approved it (tenant and guarantor only)."""
    fields: dict[str, object] = {
        "code": HOUSING,
        "name": "県営住宅使用料の滞納整理",
        "law": "県営住宅条例",
        "article": "第37条",
        "in_force_from": dt.date(2026, 4, 1),
        "council_answer_on": dt.date(2026, 2, 10),
        "categories": frozenset({Category.TENANT, Category.GUARANTOR}),
        "roles": frozenset({Role.VERIFYING_CLERK, Role.SUPERVISOR}),
    }
    fields.update(changes)
    return NewPurpose(**fields)  # type: ignore[arg-type]


def at(url: str, key_path: Path, day: dt.date) -> Register:
    """The register at `url` as a counter sees it at noon (JST) on `day`."""
    noon = dt.datetime.combine(day, dt.time(12), JST)
    return Register.open(url, key_path=key_path, policy=FAST_POLICY, clock=lambda: noon)


@pytest.fixture
def housing(register: Register, supervisor: OperatorSession) -> dict[str, int]:
    """The housing task added, one open case: tenant and guarantor; the tenant's wife not."""
    register.purpose_book.add(supervisor, housing_task())
    tenant = register.residents.add(supervisor, resident(household="H-31"))
    wife = register.residents.add(
        supervisor,
        resident(
            "山田", "花子", "ヤマダ", "ハナコ", sex=Sex.FEMALE, household="H-31", relationship="妻"
        ),
    )  # fmt: skip
    guarantor = register.residents.add(
        supervisor, resident("佐藤", "次郎", "サトウ", "ジロウ", household="H-32")
    )
    case = register.cases.open(supervisor, HOUSING, "県営-2026-003")
    register.cases.add_party(supervisor, case, tenant, Category.TENANT)
    register.cases.add_party(supervisor, case, guarantor, Category.GUARANTOR)
    return {"tenant": tenant, "wife": wife, "guarantor": guarantor, "case": case}


def test_the_standard_purposes_are_listed_with_their_basis_and_date_in_force(
    register: Register,
) -> None:
    listed = {p.code: p for p in register.purpose_book.all()}
    assert sorted(listed) == sorted(PurposeCode)
    arrears = listed[PurposeCode.RENT_ARREARS]
    assert arrears.legal_basis.startswith("市営住宅条例")
    assert arrears.categories == {Category.TENANT, Category.GUARANTOR}
    assert all(p.in_force_from == STANDARD_IN_FORCE for p in listed.values())
    assert all(p.retired_from is None for p in listed.values())


def test_the_housing_task_is_listed_with_everything_the_supervisor_entered(
    register: Register, supervisor: OperatorSession
) -> None:
    added = register.purpose_book.add(supervisor, housing_task())
    listed = {p.code: p for p in register.purpose_book.all()}
    assert listed[HOUSING] == added
    assert (added.name, added.legal_basis) == ("県営住宅使用料の滞納整理", "県営住宅条例第37条")
    assert added.categories == {Category.TENANT, Category.GUARANTOR}
    assert added.roles == {Role.VERIFYING_CLERK, Role.SUPERVISOR}
    assert (added.in_force_from, added.council_answer_on) == (
        dt.date(2026, 4, 1),
        dt.date(2026, 2, 10),
    )
    assert not added.reveals_record_code and added.retired_from is None
    assert HOUSING in [p.code for p in register.purposes()]  # operators may choose it
    event = register.audit_events(1)[0]
    assert (event.action, event.outcome, event.purpose_code) == (
        "purpose.added", Outcome.OK, PurposeCode.SUPERVISION,
    )  # fmt: skip
    assert event.detail["categories"] == "guarantor,tenant"
    assert event.operator_id == supervisor.operator_id


def test_the_housing_task_reaches_tenant_and_guarantor_never_the_family(
    register: Register,
    housing: dict[str, int],
    make_operator: Callable[..., OperatorSession],
) -> None:
    clerk = make_operator("housing-clerk", Role.VERIFYING_CLERK)
    access = register.access(clerk, HOUSING)
    assert access.resident(housing["tenant"]).summary.given_name == "太郎"
    assert access.resident(housing["guarantor"]).summary.family_name == "佐藤"
    with pytest.raises(AccessRefusedError):
        access.resident(housing["wife"])
    refusal = register.audit_events(1)[0]
    assert (refusal.action, refusal.outcome) == ("resident.read", Outcome.REFUSED)
    assert (refusal.resident_id, refusal.purpose_code) == (housing["wife"], HOUSING)
    # The search shows the tenant, not his wife of the same name and household.
    assert [h.id for h in access.search("ヤマダ").hits] == [housing["tenant"]]
    # The city's own arrears task does not cover the prefecture's tenant.
    with pytest.raises(AccessRefusedError):
        register.access(clerk, PurposeCode.RENT_ARREARS).resident(housing["tenant"])
    # An issuing clerk's role is not among the task's roles.
    issuer = make_operator("issuer", Role.ISSUING_CLERK)
    with pytest.raises(RoleRequiredError):
        register.access(issuer, HOUSING).resident(housing["tenant"])
    assert register.verify_audit_chain().intact


def test_a_household_member_category_is_never_implied(
    register: Register, supervisor: OperatorSession, housing: dict[str, int]
) -> None:
    # Even recorded on the case as a household member, the wife is outside the task's categories.
    register.cases.add_party(
        supervisor, housing["case"], housing["wife"], Category.HOUSEHOLD_MEMBER
    )
    with pytest.raises(AccessRefusedError):
        register.access(supervisor, HOUSING).resident(housing["wife"])


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"code": "Pref Housing"}, PurposeCodeFormatError),
        ({"code": "ab"}, PurposeCodeFormatError),
        ({"code": "-housing"}, PurposeCodeFormatError),
        ({"name": "  "}, PurposeNameMissingError),
        ({"law": ""}, LegalBasisMissingError),
        ({"article": "37"}, LegalBasisMissingError),
        ({"categories": frozenset()}, PurposeCategoriesMissingError),
        ({"roles": frozenset()}, PurposeRolesMissingError),
        ({"council_answer_on": dt.date(2026, 4, 2)}, CouncilAnswerDateError),
        ({"council_answer_on": dt.date(2999, 1, 1), "in_force_from": dt.date(2999, 4, 1)},
         CouncilAnswerDateError),
        ({"code": PurposeCode.RENT_ARREARS.value}, PurposeExistsError),
    ],
)  # fmt: skip
def test_a_wrong_entry_is_refused_in_words_and_the_refusal_recorded(
    register: Register,
    supervisor: OperatorSession,
    changes: dict[str, object],
    error: type[PurposeInputError],
) -> None:
    before = {p.code for p in register.purpose_book.all()}
    with pytest.raises(error) as refused:
        register.purpose_book.add(supervisor, housing_task(**changes))
    assert refused.value.what != PurposeInputError.what  # says what exactly is wrong
    assert {p.code for p in register.purpose_book.all()} == before
    event = register.audit_events(1)[0]
    assert (event.action, event.outcome, event.purpose_code) == (
        "purpose.added", Outcome.REFUSED, PurposeCode.SUPERVISION,
    )  # fmt: skip
    assert event.detail["reason"] == error.__name__


def test_only_a_supervisor_adds_or_retires_a_purpose(
    register: Register, supervisor: OperatorSession, make_operator: Callable[..., OperatorSession]
) -> None:
    clerk = make_operator("clerk", Role.VERIFYING_CLERK)
    with pytest.raises(RoleRequiredError):
        register.purpose_book.add(clerk, housing_task())
    with pytest.raises(RoleRequiredError):
        register.purpose_book.retire(clerk, PurposeCode.RENT_ARREARS, dt.date(2999, 1, 1))
    assert HOUSING not in {p.code for p in register.purpose_book.all()}


def test_a_retired_task_is_refused_from_its_date_and_its_history_kept(
    register: Register,
    supervisor: OperatorSession,
    housing: dict[str, int],
    make_operator: Callable[..., OperatorSession],
    records_url: str,
    records_key_path: Path,
) -> None:
    make_operator("housing-clerk", Role.VERIFYING_CLERK)
    today = register.purpose_book.today()
    last_day = today + dt.timedelta(days=30)
    retired = register.purpose_book.retire(supervisor, HOUSING, last_day + dt.timedelta(days=1))
    assert retired.retired_from == last_day + dt.timedelta(days=1)
    event = register.audit_events(1)[0]
    assert (event.action, event.purpose_code) == ("purpose.retired", PurposeCode.SUPERVISION)

    for day, allowed in ((last_day, True), (last_day + dt.timedelta(days=1), False)):
        later = at(records_url, records_key_path, day)
        try:
            clerk = later.operators.login_with_password("housing-clerk", CLERK_PASSWORD)
            access = later.access(clerk, HOUSING)
            if allowed:
                assert access.resident(housing["tenant"]).summary.given_name == "太郎"
                assert HOUSING in [p.code for p in later.purposes()]
            else:
                with pytest.raises(PurposeRetiredError) as refused:
                    access.resident(housing["tenant"])
                assert "retired" in refused.value.what
                assert HOUSING not in [p.code for p in later.purposes()]
                (kept,) = [p for p in later.purpose_book.all() if p.code == HOUSING]
                assert kept.retired_from == day and kept.in_force_from == dt.date(2026, 4, 1)
                refusal = later.audit_events(1)[0]
                assert (refusal.outcome, refusal.detail["reason"]) == (
                    Outcome.REFUSED, "PurposeRetiredError",
                )  # fmt: skip
                assert any(e.action == "purpose.added" for e in later.audit_events(50))
        finally:
            later.close()


def test_retiring_is_refused_in_the_past_twice_or_for_supervision(
    register: Register, supervisor: OperatorSession
) -> None:
    book = register.purpose_book
    today = book.today()
    with pytest.raises(PurposeRetireDateError):
        book.retire(supervisor, PurposeCode.RENT_ARREARS, today - dt.timedelta(days=1))
    with pytest.raises(PurposeNotRetirableError):
        book.retire(supervisor, PurposeCode.SUPERVISION, today + dt.timedelta(days=1))
    book.retire(supervisor, PurposeCode.RENT_ARREARS, today + dt.timedelta(days=7))
    with pytest.raises(PurposeRetireDateError):
        book.retire(supervisor, PurposeCode.RENT_ARREARS, today + dt.timedelta(days=9))
    event = register.audit_events(1)[0]
    assert (event.outcome, event.detail["reason"]) == (Outcome.REFUSED, "PurposeRetireDateError")


def test_a_task_not_yet_in_force_is_refused_until_its_date(
    register: Register, supervisor: OperatorSession, records_url: str, records_key_path: Path
) -> None:
    start = register.purpose_book.today() + dt.timedelta(days=10)
    register.purpose_book.add(
        supervisor, housing_task(in_force_from=start, council_answer_on=dt.date(2026, 2, 10))
    )
    assert HOUSING not in [p.code for p in register.purposes()]
    with pytest.raises(PurposeNotInForceError):
        register.cases.open(supervisor, HOUSING, "県営-早すぎる")
    later = at(records_url, records_key_path, start)
    try:
        boss = later.operators.login_with_password("supervisor", SUPERVISOR_PASSWORD)
        assert later.cases.open(boss, HOUSING, "県営-2026-100") > 0
    finally:
        later.close()


def test_a_register_made_before_the_dates_gets_them_and_keeps_its_purposes(
    empty_url: str, records_key_path: Path
) -> None:
    db = Database(resolve_url(empty_url))
    config = alembic_config()
    try:
        with db.engine.begin() as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, "0004")
            conn.execute(
                text(
                    "INSERT INTO purposes (code, name, legal_basis, reveals_record_code, active)"
                    " VALUES ('rent-arrears', '市営住宅使用料の滞納整理', '市営住宅条例',"
                    " false, true)"
                )
            )
            conn.execute(
                text(
                    "INSERT INTO purpose_categories (purpose_code, category)"
                    " VALUES ('rent-arrears', 'tenant')"
                )
            )
        migrate(db)
        with db.engine.connect() as conn:
            row = conn.execute(
                text("SELECT in_force_from, council_answer_on, retired_from FROM purposes")
            ).one()
        assert tuple(row) in ((STANDARD_IN_FORCE, None, None), ("2003-08-25", None, None))
        register = Register.initialise(empty_url, key_path=records_key_path, policy=FAST_POLICY)
        try:
            listed = {p.code: p for p in register.purpose_book.all()}
        finally:
            register.close()
        assert sorted(listed) == sorted(PurposeCode)
        assert listed[PurposeCode.RENT_ARREARS].in_force_from == STANDARD_IN_FORCE
        with db.engine.begin() as conn:  # and back: the dates go, the purposes stay
            config.attributes["connection"] = conn
            command.downgrade(config, "0004")
            assert conn.execute(text("SELECT count(*) FROM purposes")).scalar() == len(PurposeCode)
    finally:
        db.dispose()
