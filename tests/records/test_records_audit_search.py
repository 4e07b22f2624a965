"""Searching the audit trail: conditions, pages, the indexes that keep it fast, what it never
shows, and the summary an external auditor receives; on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from counter_app.records import (
    AuditFilter,
    AuditSearchError,
    OperatorSession,
    Outcome,
    PurposeCode,
    Register,
    Role,
)
from counter_app.records.audit_search import WITHHELD, safe_detail
from counter_app.records.errors import LoginFailedError, RoleRequiredError
from tests.support.records_fixtures import CLERK_PASSWORD, resident

CODE = "12345678901"  # a well-formed record code (check digit 1)


@pytest.fixture
def clerk(make_operator: Callable[..., OperatorSession]) -> OperatorSession:
    return make_operator("clerk", Role.ISSUING_CLERK)


def _wrong_logins(register: Register, login: str, times: int) -> None:
    for _ in range(times):
        with pytest.raises(LoginFailedError):
            register.operators.login_with_password(login, "not the password")


def test_search_by_operator_and_outcome_finds_only_those_newest_first(
    register: Register, supervisor: OperatorSession, clerk: OperatorSession
) -> None:
    _wrong_logins(register, "clerk", 2)
    clerk_id = register.operators.id_of("clerk")
    page = register.audit_search.search(
        supervisor, AuditFilter(operator_id=clerk_id, outcome=Outcome.REFUSED)
    )
    assert [e.action for e in page.events] == ["operator.login", "operator.login"]
    assert {e.operator_id for e in page.events} == {clerk_id}
    assert [e.detail["failures"] for e in page.events] == [2, 1]  # newest first
    assert page.logins == {clerk_id: "clerk"}
    assert page.next is None


def test_pages_walk_every_match_once_and_stop(
    register: Register, supervisor: OperatorSession, clerk: OperatorSession
) -> None:
    _wrong_logins(register, "clerk", 2)
    register.operators.login_with_password("clerk", CLERK_PASSWORD)
    everything = AuditFilter(action="operator.login")
    seen: list[int] = []
    page = register.audit_search.search(supervisor, everything, limit=2)
    pages = 1
    while page.next is not None:
        seen += [e.seq for e in page.events]
        page = register.audit_search.search(supervisor, everything, limit=2, after=page.next)
        pages += 1
    seen += [e.seq for e in page.events]
    assert len(seen) == len(set(seen)) == 5  # supervisor + clerk logins, 2 refused, 1 more
    assert seen == sorted(seen, reverse=True)
    assert pages == 3


def test_search_by_period_purpose_and_resident(
    register: Register, supervisor: OperatorSession
) -> None:
    person = register.residents.add(supervisor, resident())
    register.access(supervisor, "identity-check").resident(person)
    today = dt.date.today()
    found = register.audit_search.search(
        supervisor,
        AuditFilter.for_days(today, today, purpose_code="identity-check", resident_id=person),
    )
    assert [e.resident_id for e in found.events] == [person]
    assert found.events[0].purpose_code == "identity-check"
    tomorrow = today + dt.timedelta(days=1)
    later = register.audit_search.search(supervisor, AuditFilter.for_days(tomorrow, tomorrow))
    assert later.events == ()
    with pytest.raises(AuditSearchError):
        AuditFilter.for_days(tomorrow, today)


def test_each_search_is_audited_under_supervision_and_clerks_are_refused(
    register: Register, supervisor: OperatorSession, clerk: OperatorSession
) -> None:
    register.audit_search.search(supervisor, AuditFilter(outcome=Outcome.REFUSED))
    last = register.audit_events(1)[0]
    assert last.action == "audit.searched"
    assert last.purpose_code == PurposeCode.SUPERVISION.value
    assert last.operator_id == supervisor.operator_id
    assert last.detail["outcome"] == "refused"
    with pytest.raises(RoleRequiredError):
        register.audit_search.search(clerk, AuditFilter())
    with pytest.raises(AuditSearchError):
        register.audit_search.search(supervisor, AuditFilter(), limit=100_000)


def test_a_supervisors_check_of_the_chain_is_audited_and_a_clerk_may_not_run_it(
    register: Register, supervisor: OperatorSession, clerk: OperatorSession
) -> None:
    report = register.audit_search.verify(supervisor)
    assert report.intact and report.events > 0
    last = register.audit_events(1)[0]
    assert (last.action, last.purpose_code) == ("audit.verified", PurposeCode.SUPERVISION.value)
    assert last.detail["events"] == report.events and last.detail["intact"] == 1
    with pytest.raises(RoleRequiredError):
        register.audit_search.verify(clerk)


@pytest.mark.parametrize(
    "conditions",
    [
        {"operator_id": 1},
        {"resident_id": 1},
        {"purpose_code": "identity-check"},
        {"action": "operator.login"},
        {"outcome": Outcome.REFUSED},
        {},
    ],
)
def test_every_search_condition_reads_an_index_in_page_order(
    register: Register, supervisor: OperatorSession, conditions: dict[str, object]
) -> None:
    today = dt.date.today()
    plan = "\n".join(register.audit_search.plan(AuditFilter.for_days(today, today, **conditions)))
    assert "ix_audit_events_" in plan, plan
    assert "TEMP B-TREE" not in plan, plan  # SQLite: no sort of all matches
    assert "Sort" not in plan, plan  # PostgreSQL: the index gives the order
    assert "Seq Scan" not in plan and "SCAN audit_events\n" not in plan + "\n", plan


def test_record_codes_pins_and_keys_never_reach_a_search_or_export(
    register: Register, supervisor: OperatorSession
) -> None:
    person = register.residents.add(supervisor, resident(code=CODE))
    revealed = register.access(supervisor, "card-issuance").reveal_record_code(person)
    assert revealed is not None and revealed.reveal() == CODE
    page = register.audit_search.search(supervisor, AuditFilter(resident_id=person))
    exported = list(register.audit_search.export(supervisor, AuditFilter()))
    assert any(e.action == "resident.record_code.reveal" for e in exported)
    shown = repr(page) + repr(exported)
    assert CODE not in shown
    assert "supervisor-pass" not in shown


def test_details_named_or_shaped_like_secrets_are_withheld() -> None:
    detail = safe_detail(
        {
            "pin": "1234",
            "unlock_number": "5",
            "note": f"code {CODE}",
            "method": "card",
            "record_code": True,
        }
    )
    assert detail == {
        "pin": WITHHELD,
        "unlock_number": WITHHELD,
        "note": WITHHELD,
        "method": "card",
        "record_code": True,
    }


def test_summary_counts_the_period_and_names_its_ends_and_the_chain(
    register: Register, supervisor: OperatorSession, clerk: OperatorSession
) -> None:
    _wrong_logins(register, "clerk", 1)
    everything = AuditFilter()
    exported = list(register.audit_search.export(supervisor, everything))
    summary = register.audit_search.summary(supervisor, everything)
    # the summary's own audit event comes after the export: one more event
    assert summary.events == len(exported) + 1
    assert summary.by_outcome["refused"] == 1
    assert summary.by_operator["clerk"] == 2  # its login and the refused one
    assert summary.by_action["audit.summarised"] == 1
    supervision = PurposeCode.SUPERVISION.value  # the operators' registrations, the export...
    before = sum(1 for e in exported if e.purpose_code == supervision)
    assert before >= 2 and summary.by_purpose[supervision] == before + 1  # ... and the summary
    assert summary.first_hash == exported[0].hash
    assert summary.chain_intact and summary.chain_verdict.startswith("intact")
    assert summary.generated_by == "supervisor"
    assert summary.last_hash == register.audit_events(1)[0].hash
