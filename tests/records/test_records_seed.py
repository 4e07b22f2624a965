"""Demo seeding: realistic residents in bulk, demo operators of each role, one audit event."""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

import main
from counter_app.config import Configuration
from counter_app.records import Register, Role
from counter_app.records.seed import record_code_for
from tests.support.records_fixtures import resident


def test_seed_demo_adds_residents_operators_and_one_audit_event(
    register: Register, records_url: str
) -> None:
    report = register.seed_demo(1500, seed=7)
    assert report.residents == 1500 == register.residents.count()
    assert 0 < report.households < 1500
    assert 0 < report.foreign < 150
    assert report.licence_returned > 0 and report.licence_returns
    assert {op.role for op in report.operators} == set(Role)

    seeded = [e for e in register.audit_events(200) if e.action == "residents.seeded"]
    assert len(seeded) == 1 and seeded[0].detail["residents"] == 1500
    assert register.verify_audit_chain().intact

    issuing = next(op for op in report.operators if op.role == Role.ISSUING_CLERK)
    session = register.operators.login_with_password(issuing.login, issuing.password)
    access = register.access(session, "card-issuance")
    proof = report.licence_returns[0]
    person = access.resident(proof.resident_id)
    assert (dt.date.today() - person.summary.birth_date).days >= 65 * 365
    assert access.reveal_record_code(proof.resident_id) == record_code_for(proof.resident_id)

    assert any(c in person.summary.address for c in "０１２３４５６７８９")  # full-width digits
    ascii_fragment = unicodedata.normalize("NFKC", person.summary.address)[6:14]
    assert proof.resident_id in {h.id for h in access.search(f"addr:{ascii_fragment}").hits}
    kana = person.summary.family_name_kana
    assert access.search(kana).hits
    foreign = access.search("NGUYEN").hits + access.search("WANG").hits + access.search("KIM").hits
    assert all(h.latin_name for h in foreign)

    # ids and sequences continue after a bulk load (PostgreSQL's serial moved past them)
    boss = register.operators.login_with_password(
        report.operators[0].login, report.operators[0].password
    )
    assert register.residents.add(boss, resident(household="H-new")) == 1501
    again = register.seed_demo(10, seed=7)
    assert again.residents == 10 and register.residents.count() == 1511


def test_no_record_code_in_plain_text_after_seeding(register: Register, records_url: str) -> None:
    report = register.seed_demo(200, seed=1)
    codes = [record_code_for(i).reveal() for i in range(1, report.residents + 1)]
    engine = create_engine(records_url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT * FROM residents")).all()
    finally:
        engine.dispose()
    dump = repr(rows)
    assert not [c for c in codes if c in dump]


def test_seed_demo_command_prints_the_demo_credentials(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COUNTER_APP_HOME", str(tmp_path))
    monkeypatch.delenv("COUNTER_APP_DB", raising=False)
    monkeypatch.delenv("COUNTER_APP_RECORD_CODE_KEY_FILE", raising=False)
    assert main.main(["db", "seed-demo", "--residents", "40", "--json", "--seed", "3"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["residents"] == 40
    roles = {op["role"]: op for op in payload["operators"]}
    assert set(roles) == {r.value for r in Role}
    home = Configuration(data_dir=tmp_path)
    register = Register.open(home.register, key_path=home.record_code_key)
    try:
        clerk = roles["verifying_clerk"]
        session = register.operators.login_with_password(clerk["login"], clerk["password"])
        assert session.operator_id == clerk["id"]
    finally:
        register.close()
    assert main.main(["db", "seed-demo", "--residents", "5"]) == 0
    assert "seeded 5 residents" in capsys.readouterr().out
    assert main.main(["audit", "verify"]) == 0


def test_seeding_postgres_vacuums_and_analyses_the_resident_tables(
    register: Register, records_url: str
) -> None:
    if not records_url.startswith("postgresql"):
        pytest.skip("VACUUM after a bulk load is for PostgreSQL")
    register.seed_demo(300, seed=5)
    engine = create_engine(records_url)
    try:
        with engine.connect() as conn:
            vacuumed = conn.execute(
                text(
                    "SELECT relname FROM pg_stat_user_tables WHERE last_vacuum IS NOT NULL "
                    "AND last_analyze IS NOT NULL AND relname IN ('residents', 'households')"
                )
            ).scalars()
            assert sorted(vacuumed) == ["households", "residents"]
    finally:
        engine.dispose()
