"""Figures for the council on SQLite and PostgreSQL, on a small register whose every count is known:
a suppressed small count, a foreign resident, a deceased holder and an expired card not counted,
a free issuance in its month, a re-issue, a return, a suspension, look-ups and a service."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Callable
from typing import Any

import pytest

from counter_app.records import (
    STANDARD_SERVICES,
    SUPPRESSED,
    CardKind,
    CardStatus,
    ExemptionGround,
    Fee,
    Figures,
    OperatorSession,
    Outcome,
    ProofKind,
    PurposeCode,
    Register,
    ResidentStatus,
    Role,
    Sex,
    StatisticsPeriodError,
    statistics,
)
from counter_app.records.errors import RoleRequiredError
from tests.support.records_fixtures import resident

TODAY = dt.date.today()  # status changes and audit events are stamped now
THIS_MONTH = TODAY.replace(day=1)
LAST_MONTH = (THIS_MONTH - dt.timedelta(days=1)).replace(day=1)
# Born on 1 January: the age on TODAY is the difference of the years, whatever the day.
FORTY_SEVEN = dt.date(TODAY.year - 47, 1, 1)  # band 45-49
THIRTY = dt.date(TODAY.year - 30, 1, 1)  # band 30-34
HOME = "177-0041"
ELSEWHERE = "177-0044"


def _card(
    register: Register,
    clerk: OperatorSession,
    person: int,
    serial: str,
    issued_on: dt.date,
    *,
    fee: Fee | None = None,
    years: int = 10,
) -> None:
    application = register.cards.receive_application(
        clerk, person, CardKind.PHOTO, fee or Fee.standard(500)
    )
    register.cards.record_issued(
        clerk, application, serial=serial, issued_on=issued_on,
        expires_on=issued_on.replace(year=issued_on.year + years),
        chip_key_fingerprint="ab" * 32, issuer_key_id="CA-01",
    )  # fmt: skip


@pytest.fixture
def seeded(
    register: Register, supervisor: OperatorSession, make_operator: Callable[..., OperatorSession]
) -> Register:
    """Eight living residents (seven Japanese men of 47 in HOME, one foreign woman of 30
    elsewhere) and a deceased man; five of the men and the woman hold cards in force."""
    clerk = make_operator("issuer", Role.ISSUING_CLERK)
    add = register.residents.add

    def man(i: int) -> int:
        new = resident(family=f"山田{i}", born=FORTY_SEVEN, household=f"H-{i}")
        return add(supervisor, dataclasses.replace(new, postal_code=HOME))

    men = [man(i) for i in range(7)]
    woman = add(supervisor, dataclasses.replace(
        resident(family="グエン", born=THIRTY, sex=Sex.FEMALE, nationality="VNM", household="H-F"),
        postal_code=ELSEWHERE,
    ))  # fmt: skip
    deceased = man(99)
    elderly_proof = Fee.exempt(
        ExemptionGround.LICENCE_RETURNED, ProofKind.DRIVING_HISTORY_CERTIFICATE, "第012345678900号"
    )
    _card(register, clerk, men[0], "S-0", LAST_MONTH, fee=elderly_proof)  # free, last month
    for i in (1, 2, 3):
        _card(register, clerk, men[i], f"S-{i}", THIS_MONTH)
    _card(register, clerk, men[4], "S-4-old", dt.date(2015, 1, 1), years=30)
    register.cards.change_status(clerk, "S-4-old", CardStatus.REVOKED, "lost")
    _card(register, clerk, men[4], "S-4", THIS_MONTH)  # a re-issue
    _card(register, clerk, men[5], "S-5", dt.date(2010, 1, 1))  # expired in 2020, still active
    _card(register, clerk, woman, "S-F", THIS_MONTH)
    _card(register, clerk, deceased, "S-D", THIS_MONTH)
    register.residents.change_status(
        supervisor, deceased, ResidentStatus.DECEASED, TODAY - dt.timedelta(days=1)
    )
    register.cards.change_status(clerk, "S-1", CardStatus.SUSPENDED, "lost")
    register.cards.change_status(clerk, "S-1", CardStatus.ACTIVE, "found")
    register.cards.change_status(clerk, "S-5", CardStatus.RETURNED, "moved abroad")
    # men[6] holds no card
    register.access(clerk, PurposeCode.CARD_ISSUANCE).resident(men[0])
    register.access(clerk, PurposeCode.CARD_ISSUANCE).resident(men[1])
    with pytest.raises(RoleRequiredError):
        register.access(clerk, PurposeCode.SUPERVISION).resident(men[2])
    for new in STANDARD_SERVICES:
        register.services.add_service_type(supervisor, new)
        register.services.set_enabled(supervisor, new.code, True)
    for serial in ("S-1", "S-2"):
        register.services.record_consent(supervisor, serial, "library", consent_version="v1")
        register.services.mark_installed(supervisor, serial, "library")
    register.services.record_use(
        supervisor, "S-1", "library", "library.lend", Outcome.OK, {}, purpose="library-desk"
    )
    return register


def _figures(seeded: Register, supervisor: OperatorSession) -> Figures:
    return seeded.statistics.figures(supervisor, LAST_MONTH, TODAY)


def test_holding_rate_counts_cards_in_force_of_living_residents(
    seeded: Register, supervisor: OperatorSession
) -> None:
    figures = _figures(seeded, supervisor)
    overall = figures.figure("holding_rate")
    # 8 living (7 men, 1 woman; not the deceased); 6 cards in force: S-0 to S-4 and the woman's
    # S-F, not the deceased's S-D nor the expired S-5
    assert overall.count("residents") == 8
    assert overall.count("cards") == 6
    assert overall.rate_of(overall.rows[0]) == pytest.approx(0.75)
    by_age = figures.figure("holding_rate.age_sex")
    assert [(r.labels, r.counts) for r in by_age.rows] == [
        (("30-34", "female"), (1, 1)),
        (("45-49", "male"), (5, 7)),
    ]
    district = figures.figure("holding_rate.district")
    assert district.count("cards", HOME) == 5 and district.count("residents", HOME) == 7
    assert district.count("cards", ELSEWHERE) == 1
    nationality = figures.figure("holding_rate.nationality")
    assert nationality.count("residents", "foreign") == 1
    assert nationality.count("cards", "foreign") == 1
    assert nationality.count("residents", "japanese") == 7


def test_a_card_returned_after_the_last_day_counts_as_in_force_on_it(
    seeded: Register, supervisor: OperatorSession, make_operator: Callable[..., OperatorSession]
) -> None:
    """The holding rate of a past day takes each card's status on that day from its history."""
    yesterday = TODAY - dt.timedelta(days=1)

    def cards_in_force(on: dt.date) -> int:
        figures = seeded.statistics.figures(supervisor, LAST_MONTH, on)
        return figures.figure("holding_rate").count("cards")

    before = cards_in_force(yesterday)
    clerk = make_operator("returns", Role.ISSUING_CLERK)
    seeded.cards.change_status(clerk, "S-0", CardStatus.RETURNED, "moved abroad")
    assert cards_in_force(yesterday) == before  # S-0, issued last month, was active yesterday
    assert cards_in_force(TODAY) == 6 - 1


def test_card_events_fall_in_their_month(seeded: Register, supervisor: OperatorSession) -> None:
    monthly = _figures(seeded, supervisor).figure("cards.monthly")
    last, this = LAST_MONTH.strftime("%Y-%m"), THIS_MONTH.strftime("%Y-%m")
    assert [r.labels for r in monthly.rows] == [(last,), (this,)]
    assert monthly.measures == ("issued", "reissued", "free", "returned", "suspended")
    assert [monthly.count(m, last) for m in monthly.measures] == [1, 0, 1, 0, 0]
    # S-1, S-2, S-3, S-F, S-D new; S-4 a re-issue; S-5 returned; S-1 suspended once
    assert [monthly.count(m, this) for m in monthly.measures] == [5, 1, 0, 1, 1]


def test_lookups_and_services_come_from_the_trail(
    seeded: Register, supervisor: OperatorSession
) -> None:
    figures = _figures(seeded, supervisor)
    lookups = figures.figure("identity_lookups")
    assert lookups.count("lookups", "card-issuance", "allowed") == 2
    assert lookups.count("lookups", "supervision", "refused") == 1
    installs = figures.figure("services.installs")
    assert [(r.labels, r.counts) for r in installs.rows] == [(("library",), (2,))]
    uses = figures.figure("services.uses")
    assert [(r.labels, r.counts) for r in uses.rows] == [(("library", "library.lend", "ok"), (1,))]


def test_exports_suppress_small_counts_and_name_nobody(
    seeded: Register, supervisor: OperatorSession
) -> None:
    data = _figures(seeded, supervisor).as_json()
    figures: list[dict[str, Any]] = data["figures"]  # type: ignore[assignment]
    by_age = next(f for f in figures if f["key"] == "holding_rate.age_sex")
    woman, men = by_age["rows"]
    assert woman["counts"] == {"cards": SUPPRESSED, "residents": SUPPRESSED}
    assert woman["rate"] == SUPPRESSED
    assert men["counts"] == {"cards": 5, "residents": 7} and men["rate"] == pytest.approx(5 / 7)
    assert all(f["definition"].endswith(".") for f in figures)
    text = json.dumps(data, ensure_ascii=False)
    for name in ("山田", "グエン", "S-1", "第012345678900号", "VNM", "issuer"):
        assert name not in text


def test_the_request_is_audited_and_needs_a_supervisor(
    seeded: Register, supervisor: OperatorSession, make_operator: Callable[..., OperatorSession]
) -> None:
    _figures(seeded, supervisor)
    event = seeded.audit_events(1)[0]
    assert (event.action, event.purpose_code) == ("report.statistics", "supervision")
    assert event.detail == {"from": LAST_MONTH.isoformat(), "to": TODAY.isoformat()}
    clerk = make_operator("clerk2", Role.ISSUING_CLERK)
    with pytest.raises(RoleRequiredError):
        seeded.statistics.figures(clerk, LAST_MONTH, TODAY)
    with pytest.raises(StatisticsPeriodError):
        seeded.statistics.figures(supervisor, TODAY, LAST_MONTH)


def test_an_empty_register_gives_zeros_not_an_error(
    register: Register, supervisor: OperatorSession
) -> None:
    figures = register.statistics.figures(supervisor, LAST_MONTH, TODAY)
    overall = figures.figure("holding_rate")
    assert overall.rows[0].counts == (0, 0) and overall.rate_of(overall.rows[0]) is None
    assert figures.figure("holding_rate.age_sex").rows == ()
    monthly = figures.figure("cards.monthly")
    assert [r.counts for r in monthly.rows] == [(0, 0, 0, 0, 0)] * 2


def test_age_bands_by_index_ranges_agree_with_the_labels_on_band_edges(
    register: Register, supervisor: OperatorSession
) -> None:
    """SQLite counts the living residents per age band with one index range per band,
    PostgreSQL by the band's number (width_bucket); both must put a birthday on the edge of a
    band, and 29 February, where the labels do."""
    on = dt.date(2025, 2, 28)
    born = {
        dt.date(2020, 2, 28): "05-09",  # five years old that day
        dt.date(2020, 2, 29): "00-04",  # five on 1 March
        dt.date(2025, 3, 1): "00-04",  # born after the day: the youngest band all the same
        dt.date(1925, 2, 28): "100+",
        dt.date(1925, 3, 1): "95-99",
        dt.date(1980, 3, 1): "40-44",
    }
    for i, day in enumerate(born):
        register.residents.add(supervisor, resident(family=f"境{i}", born=day, household=f"E-{i}"))
    with register._store.db.transaction(read_only=True) as s:
        by_labels = statistics.living_by_labels(s, on)
        by_band = statistics.living_by_band(s, on)
        if register._store.db.dialect == "postgresql":
            assert statistics.holding_by_columns(s, on) == ({}, by_labels)
    assert by_band == by_labels
    bands = sorted(key[0] for key in by_band for _ in range(by_band[key]))
    assert bands == sorted(born.values())
