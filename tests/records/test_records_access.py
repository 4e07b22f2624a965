"""Purpose-limited access: one checked, audited path to identity data, and no way around it."""

from __future__ import annotations

import ast
import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from counter_app.records import (
    Category,
    OperatorSession,
    Outcome,
    PurposeCode,
    Register,
    Role,
    Sex,
)
from counter_app.records.errors import (
    AccessRefusedError,
    OperatorNotOnDutyError,
    RecordCodeNotASearchKeyError,
    RoleRequiredError,
    SessionExpiredError,
    UnknownPurposeError,
)
from tests.support.records_fixtures import resident

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def arrears(register: Register, supervisor: OperatorSession) -> dict[str, int]:
    """A rent-arrears case: tenant and guarantor on the case, the tenant's wife not."""
    tenant = register.residents.add(supervisor, resident(household="H-10"))
    wife = register.residents.add(
        supervisor,
        resident(
            "山田", "花子", "ヤマダ", "ハナコ", sex=Sex.FEMALE, household="H-10", relationship="妻"
        ),
    )
    guarantor = register.residents.add(
        supervisor, resident("佐藤", "次郎", "サトウ", "ジロウ", household="H-20")
    )
    case = register.cases.open(supervisor, "rent-arrears", "滞納-2024-017")
    register.cases.add_party(supervisor, case, tenant, Category.TENANT)
    register.cases.add_party(supervisor, case, guarantor, Category.GUARANTOR)
    return {"tenant": tenant, "wife": wife, "guarantor": guarantor, "case": case}


def test_rent_arrears_reaches_tenant_and_guarantor_never_their_family(
    register: Register,
    arrears: dict[str, int],
    make_operator: Callable[..., OperatorSession],
) -> None:
    clerk = make_operator("arrears-clerk", Role.VERIFYING_CLERK)
    access = register.access(clerk, "rent-arrears")
    assert access.resident(arrears["tenant"]).summary.given_name == "太郎"
    assert access.resident(arrears["guarantor"]).summary.family_name == "佐藤"
    with pytest.raises(AccessRefusedError):
        access.resident(arrears["wife"])
    # A search under the purpose only ever shows covered persons.
    hits = access.search("ヤマダ").hits
    assert [h.id for h in hits] == [arrears["tenant"]]

    refused = register.audit_events(3)
    search_event, refusal = refused[0], refused[1]
    assert search_event.action == "resident.search" and search_event.outcome is Outcome.ALLOWED
    assert refusal.action == "resident.read"
    assert refusal.outcome is Outcome.REFUSED
    assert refusal.resident_id == arrears["wife"]
    assert refusal.operator_id == clerk.operator_id
    assert refusal.purpose_code == "rent-arrears"
    assert register.verify_audit_chain().intact


def test_closing_the_case_ends_the_coverage(
    register: Register,
    supervisor: OperatorSession,
    arrears: dict[str, int],
    make_operator: Callable[..., OperatorSession],
) -> None:
    clerk = make_operator("arrears-clerk", Role.VERIFYING_CLERK)
    register.cases.close(supervisor, arrears["case"])
    with pytest.raises(AccessRefusedError):
        register.access(clerk, "rent-arrears").resident(arrears["tenant"])


def test_every_allowed_read_is_recorded_with_the_ground(
    register: Register, arrears: dict[str, int], make_operator: Callable[..., OperatorSession]
) -> None:
    clerk = make_operator("arrears-clerk", Role.VERIFYING_CLERK)
    register.access(clerk, "rent-arrears").resident(arrears["guarantor"])
    event = register.audit_events(1)[0]
    assert (event.action, event.outcome) == ("resident.read", Outcome.ALLOWED)
    assert event.detail == {"via": "guarantor", "case": "滞納-2024-017"}


def test_a_purpose_the_role_may_not_use_is_refused_and_recorded(
    register: Register, arrears: dict[str, int], make_operator: Callable[..., OperatorSession]
) -> None:
    issuer = make_operator("issuer", Role.ISSUING_CLERK)
    with pytest.raises(RoleRequiredError):
        register.access(issuer, "rent-arrears").resident(arrears["tenant"])
    event = register.audit_events(1)[0]
    assert event.outcome is Outcome.REFUSED and event.detail["reason"] == "RoleRequiredError"


def test_the_purpose_codes_name_exactly_the_purposes_a_new_register_offers(
    register: Register, supervisor: OperatorSession
) -> None:
    assert sorted(p.code for p in register.purposes()) == sorted(PurposeCode)
    access = register.access(supervisor, PurposeCode.IDENTITY_CHECK)
    assert access.purpose_code == "identity-check"
    access.search("ヤマダ")
    assert register.audit_events(1)[0].purpose_code == "identity-check"


def test_unknown_purpose_is_refused_and_recorded(
    register: Register, supervisor: OperatorSession
) -> None:
    person = register.residents.add(supervisor, resident())
    with pytest.raises(UnknownPurposeError):
        register.access(supervisor, "curiosity").resident(person)
    event = register.audit_events(1)[0]
    assert (event.purpose_code, event.outcome) == ("curiosity", Outcome.REFUSED)


def test_a_removed_operator_reads_nothing_even_with_an_open_session(
    register: Register, supervisor: OperatorSession, make_operator: Callable[..., OperatorSession]
) -> None:
    person = register.residents.add(supervisor, resident())
    clerk = make_operator("leaver", Role.ISSUING_CLERK)
    register.operators.remove(supervisor, clerk.operator_id)
    with pytest.raises(OperatorNotOnDutyError):
        register.access(clerk, "card-issuance").resident(person)


def test_a_hand_made_session_gets_no_roles_the_database_does_not_grant(
    register: Register, supervisor: OperatorSession, make_operator: Callable[..., OperatorSession]
) -> None:
    person = register.residents.add(supervisor, resident())
    clerk = make_operator("verifier", Role.VERIFYING_CLERK)
    forged = OperatorSession(
        operator_id=clerk.operator_id,
        login=clerk.login,
        display_name="x",
        roles=[Role.ISSUING_CLERK],
        method="password",
        idle_timeout=dt.timedelta(minutes=5),
    )
    with pytest.raises(RoleRequiredError):
        register.access(forged, "card-issuance").reveal_record_code(person)


def test_an_idle_session_reads_nothing(register: Register, supervisor: OperatorSession) -> None:
    person = register.residents.add(supervisor, resident())
    supervisor.idle_timeout = dt.timedelta(0)
    with pytest.raises(SessionExpiredError):
        register.access(supervisor, "identity-check").resident(person)
    assert register.audit_events(1)[0].outcome is Outcome.REFUSED


def test_search_by_kana_kanji_latin_birth_date_and_address(
    register: Register, supervisor: OperatorSession
) -> None:
    yamada = register.residents.add(supervisor, resident())
    register.residents.add(
        supervisor,
        resident(
            "佐藤", "花子", "サトウ", "ハナコ", born=dt.date(1988, 2, 29), address="大阪市北区1-2"
        ),
    )
    smith = register.residents.add(
        supervisor,
        resident(
            "スミス", "ジョン", "スミス", "ジョン", latin="SMITH JOHN", tsusho="須美寿 譲",
            nationality="US", address="東京都港区六本木3-4", born=dt.date(1979, 12, 3),
        ),
    )  # fmt: skip
    access = register.access(supervisor, "identity-check")

    def ids(query: str) -> list[int]:
        return [h.id for h in access.search(query).hits]

    assert ids("やまだ") == [yamada]  # hiragana folds to katakana
    assert ids("ﾔﾏﾀﾞ ﾀﾛｳ") == [yamada]  # half-width kana too
    assert ids("山田 太郎") == [yamada]
    assert ids("smith") == [smith]
    assert ids("須美寿") == [smith]  # 通称
    assert ids("1950-04-01") == [yamada]
    assert ids("ヤマダ 19500401") == [yamada]
    assert ids("ヤマダ 1950-04-02") == []
    assert ids("addr:六本木") == [smith]
    assert ids("港区") == [smith]


def test_record_codes_are_not_a_search_key(register: Register, supervisor: OperatorSession) -> None:
    for typed in ("123-4567-8901", "8392 0174 655", "８３９２０１７４６５５", "ヤマダ 83920174655"):
        with pytest.raises(RecordCodeNotASearchKeyError):
            register.access(supervisor, "card-issuance").search(typed)
    event = register.audit_events(1)[0]
    assert event.outcome is Outcome.REFUSED and "query" not in event.detail


# -- no way around the access path -------------------------------------------------------------

FORBIDDEN_OUTSIDE_RECORDS = (
    "sqlalchemy",
    "alembic",
    "counter_app.records.models",
    "counter_app.records._identity",
    "counter_app.records.database",
)


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def _python_files() -> list[Path]:
    files = [ROOT / "main.py"]
    for package in ("counter_app", "ui"):
        files += sorted((ROOT / package).rglob("*.py")) if (ROOT / package).is_dir() else []
    return files


def test_nothing_outside_records_reaches_raw_queries_models_or_sqlalchemy() -> None:
    records = ROOT / "counter_app" / "records"
    offenders = []
    for path in _python_files():
        if records in path.parents:
            continue
        for name in _imports(path):
            if any(name == f or name.startswith(f + ".") for f in FORBIDDEN_OUTSIDE_RECORDS):
                offenders.append(f"{path.relative_to(ROOT)} imports {name}")
    assert offenders == []


def test_inside_records_only_the_access_path_and_the_resident_writes_use_raw_identity_queries() -> (
    None
):
    records = ROOT / "counter_app" / "records"
    users = {
        path.name
        for path in records.rglob("*.py")
        if any(n.startswith("counter_app.records._identity") for n in _imports(path))
    }
    assert users == {"access.py", "residents.py"}


# The modules that may talk to the database: import SQLAlchemy, Alembic, the models, the raw
# queries or the engine, or open a transaction; and the migrations folder. Everything else in
# the program, the rest of the records package included, goes through them.
DATABASE_MODULES = frozenset(
    {
        "counter_app/records/database.py",  # engine, transactions, error translation
        "counter_app/records/models.py",  # the tables
        "counter_app/records/schema.py",  # migrations run and checked
        "counter_app/records/store.py",  # holds the database for the services below
        "counter_app/records/_identity.py",  # the raw identity queries
        "counter_app/records/access.py",  # the one read path for identity data
        "counter_app/records/residents.py",
        "counter_app/records/operators.py",
        "counter_app/records/operator_desk.py",  # the supervisor's work on operator accounts
        "counter_app/records/cases.py",
        "counter_app/records/cards.py",
        "counter_app/records/purposes.py",
        "counter_app/records/purpose_book.py",  # the supervisor adds and retires purposes
        "counter_app/records/audit.py",
        "counter_app/records/issuance_records.py",
        "counter_app/records/card_printouts.py",  # sealed print data of cards, reprints
        "counter_app/records/reservations.py",  # facilities and bookings (a resident's status only)
        "counter_app/records/multipurpose.py",  # service catalogue, services on cards
        "counter_app/records/kiosk_certificates.py",  # certificate kiosk: card → holder, issuances
        "counter_app/records/bulk.py",  # bulk loads: demo seeding and CSV import
        "counter_app/records/seed.py",
        "counter_app/records/csv_import.py",
        "counter_app/records/register.py",  # opens, migrates and closes the register
        "counter_app/records/audit_search.py",  # supervisors' search of the trail (no identity)
        "counter_app/records/statistics.py",  # counts grouped by the database (no identity)
        "counter_app/records/health.py",  # the self-check's questions (no identity data)
        "counter_app/records/key_ceremonies.py",  # the audit of key ceremonies (no identity)
    }
)
DATABASE_IMPORTS = (*FORBIDDEN_OUTSIDE_RECORDS, "counter_app.records.store")


def _touches_the_database(path: Path) -> bool:
    if any(
        name == f or name.startswith(f + ".") for name in _imports(path) for f in DATABASE_IMPORTS
    ):
        return True
    return ".transaction(" in path.read_text(encoding="utf-8")


def test_only_the_listed_modules_touch_the_database() -> None:
    migrations = ROOT / "counter_app" / "records" / "migrations"
    users = {
        path.relative_to(ROOT).as_posix()
        for path in _python_files()
        if migrations not in path.parents and _touches_the_database(path)
    }
    assert sorted(users - DATABASE_MODULES) == []


def test_the_walk_would_catch_a_module_opening_a_transaction(tmp_path: Path) -> None:
    sneaky = tmp_path / "sneaky.py"
    sneaky.write_text("def peek(db):\n    with db.transaction() as s:\n        return s\n")
    assert _touches_the_database(sneaky)


def test_the_walk_would_catch_a_workflow_importing_the_models(tmp_path: Path) -> None:
    sneaky = tmp_path / "sneaky.py"
    sneaky.write_text("from counter_app.records.models import Resident\nimport sqlalchemy\n")
    assert {"counter_app.records.models.Resident", "sqlalchemy"} <= _imports(sneaky)


def test_address_search_follows_a_move(register: Register, supervisor: OperatorSession) -> None:
    person = register.residents.add(supervisor, resident(address="東京都千代田区丸の内1-1"))
    access = register.access(supervisor, "identity-check")
    assert [h.id for h in access.search("丸の内1").hits] == [person]
    register.residents.change_address(supervisor, person, "東京都港区芝公園4-2-8", "105-0011")
    assert access.search("丸の内1").hits == ()
    assert [h.id for h in access.search("芝公園4").hits] == [person]
    assert [h.id for h in access.search("addr:港区").hits] == [person]  # two characters: a scan
