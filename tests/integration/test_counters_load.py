"""The load run, small: three counters on PostgreSQL for half a minute with one fault of each kind.

The same run as `./dev bench counters_load`: counter processes working through searches,
issuances, verifications, address changes and bookings while a connection is killed inside a
transaction, the server restarts, pcscd restarts under the counter reading through it and the
printer jams. Every fault is injected, every clerk who got a message ended the work resumed or
rolled back, and the register afterwards passes every check.
"""

from __future__ import annotations

import pytest

from benchmarks import Skipped
from benchmarks._load_faults import KILLED, KINDS, RESTARTED
from benchmarks.counters_load import LoadSettings, format_report, load_run
from counter_app.card_service.pcscd_service import PcscdService

pytestmark = [pytest.mark.slow, pytest.mark.pcscd]

ENDINGS_AFTER_A_MESSAGE = {"resumed", "rolled back", "recorded, not printed", "refused"}


def test_three_counters_with_every_fault_lose_nothing_and_leave_nothing_half_done(
    pcscd: PcscdService,
) -> None:
    if not pcscd.started_here:
        pytest.skip("the pcscd running here is not this test run's to restart")
    settings = LoadSettings(counters=3, seconds=30, faults=len(KINDS), residents=300)
    try:
        report = load_run(settings, pcscd)
    except Skipped as exc:
        pytest.skip(str(exc))
    text = format_report(report)
    print(text)  # shown by pytest when the test fails
    assert not report.crashes, text
    assert not report.injection_failures, text
    assert report.pcscd_counter
    outcomes = report.by_fault()
    assert all(outcomes[kind].injected >= 1 for kind in KINDS), text
    # The server's faults hit counters at work (a connection killed just as its statement
    # ended dies idle in the pool, and the pool replaces it unseen).
    assert outcomes[KILLED].told + outcomes[RESTARTED].told >= 1, text
    told = [s for s in report.samples if s.told]
    assert all(s.ended in ENDINGS_AFTER_A_MESSAGE for s in told), text
    assert not report.unexplained(), text
    assert {s.action for s in report.samples} == {
        "search",
        "issuance",
        "verification",
        "address",
        "reservation",
    }
    failed = [c.name for c in report.checks if not c.passed]
    assert not failed, text
    assert report.passed
