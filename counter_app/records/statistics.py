"""Figures for the council: holding rate, card events, identity look-ups, service use.

Every figure is counted by the database (GROUP BY), never by loading residents: what leaves this
module is a few rows of group labels and counts: no name, no id, no address but a postal code.
Small counts are still there in the `Figures` (the supervisor's own view); exports suppress them
(`Figures.as_json(threshold=...)`, the CSV writer of the workflows), since a count of one or two in
a postal district and age band could point at a person.

The period runs from one calendar day to another, both included. Holding-rate figures are taken
on its last day; event figures count what happened within it, per month (the computer's local
time, the municipality's).
Computing the figures is audited (`report.statistics`, supervision purpose) and needs a supervisor.

Speed (docs/statistics.md): the audit figures are summed from the hourly counts the trail keeps
with every event (`AuditHourCount`), not counted from the events; on SQLite the living residents
are counted with index ranges per age band (`living_by_band`) rather than a sorting GROUP BY;
PostgreSQL groups on the age band's number and the raw columns (`holding_by_columns`) and the
labels are put on the few groups in Python.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Final

from sqlalchemy import (
    ARRAY,
    ColumnElement,
    Date,
    and_,
    case,
    exists,
    func,
    literal,
    or_,
    select,
    text,
)
from sqlalchemy.orm import Session, aliased

from counter_app.records.audit import format_timestamp
from counter_app.records.audit_search import day_start
from counter_app.records.errors import RecordsError
from counter_app.records.models import (
    ApplicationFee,
    AuditEvent,
    AuditHourCount,
    Card,
    CardApplication,
    CardService,
    CardStatusChange,
    Resident,
    ServiceType,
)
from counter_app.records.operators import OperatorAccounts, OperatorSession
from counter_app.records.store import Store
from counter_app.records.types import CardStatus, Outcome, PurposeCode, ResidentStatus, Role, Sex

DEFAULT_THRESHOLD: Final = 5
SUPPRESSED: Final = "*"  # shown instead of a count below the threshold
AGE_BAND_YEARS: Final = 5
OPEN_AGE_BAND: Final = 100  # "100+" holds everyone from this age on
NO_POSTAL_CODE: Final = "(none)"
JAPANESE: Final = "japanese"
FOREIGN: Final = "foreign"
STATISTICS_ACTION: Final = "report.statistics"

# The audited look-ups of identity data through PurposeAccess (counter_app.records.access).
IDENTITY_LOOKUPS: Final = (
    "resident.search",
    "resident.read",
    "resident.cards",
    "resident.record_code.reveal",
)
# The audited uses of a service on the card, by the service they count for.
SERVICE_USES: Final = {
    "library.card_checked": "library",
    "library.card_opened": "library",
    "library.patron": "library",
    "library.lend": "library",
    "library.renew": "library",
    "library.return": "library",
    "kiosk.certificate.issued": "certificate_kiosk",
    "kiosk.certificate.refused": "certificate_kiosk",
}


class StatisticsPeriodError(RecordsError, ValueError):
    """A statistics period that ends before it starts."""

    what = "The figures cannot be computed for this period."
    todo = "Give a first day on or before the last day and try again."


@dataclass(frozen=True)
class FigureRow:
    """One group of a figure: its labels (in the order of `Figure.groups`) and its counts."""

    labels: tuple[str, ...]
    counts: tuple[int, ...]


@dataclass(frozen=True)
class Figure:
    """One figure: what it counts (`definition`, an English sentence), grouped how, the rows.

    `rate` names two counts (numerator, denominator) whose ratio the figure is about, e.g. the
    holding rate is cards / residents.
    """

    key: str
    definition: str
    groups: tuple[str, ...]
    measures: tuple[str, ...]
    rows: tuple[FigureRow, ...]
    rate: tuple[str, str] | None = None

    def total(self, measure: str) -> int:
        """The sum of one measure over every row."""
        i = self.measures.index(measure)
        return sum(row.counts[i] for row in self.rows)

    def row(self, *labels: str) -> FigureRow | None:
        """The row with these labels, or None when nothing was counted for them."""
        return next((r for r in self.rows if r.labels == labels), None)

    def count(self, measure: str, *labels: str) -> int:
        """One count (0 when the group has no row)."""
        row = self.row(*labels)
        return 0 if row is None else row.counts[self.measures.index(measure)]

    def rate_of(self, row: FigureRow) -> float | None:
        """The row's rate (None without one, or for an empty denominator)."""
        if self.rate is None:
            return None
        top = row.counts[self.measures.index(self.rate[0])]
        bottom = row.counts[self.measures.index(self.rate[1])]
        return top / bottom if bottom else None

    def as_json(self, threshold: int) -> dict[str, object]:
        """The figure for an export: counts from 1 to `threshold` - 1 replaced by the marker."""
        rows: list[dict[str, object]] = []
        for row in self.rows:
            counts = {
                m: shown(c, threshold) for m, c in zip(self.measures, row.counts, strict=True)
            }
            entry: dict[str, object] = {"labels": dict(zip(self.groups, row.labels, strict=True))}
            entry["counts"] = counts
            if self.rate is not None:
                entry["rate"] = shown_rate(self, row, threshold)
            rows.append(entry)
        return {
            "key": self.key,
            "definition": self.definition,
            "groups": list(self.groups),
            "measures": list(self.measures),
            "rows": rows,
        }


def shown(count: int, threshold: int) -> int | str:
    """A count as an export shows it: the suppression marker when 0 < count < threshold."""
    return SUPPRESSED if 0 < count < threshold else count


def shown_rate(figure: Figure, row: FigureRow, threshold: int) -> float | str | None:
    """A row's rate as an export shows it: suppressed when either of its counts is."""
    assert figure.rate is not None
    parts = [row.counts[figure.measures.index(m)] for m in figure.rate]
    if any(0 < c < threshold for c in parts):
        return SUPPRESSED
    rate = figure.rate_of(row)
    return None if rate is None else round(rate, 6)


@dataclass(frozen=True)
class Figures:
    """The figures of one period, when and by whom they were computed."""

    start: dt.date
    end: dt.date
    generated_at: dt.datetime
    figures: tuple[Figure, ...]

    def figure(self, key: str) -> Figure:
        """The figure named `key` (KeyError if there is none)."""
        for f in self.figures:
            if f.key == key:
                return f
        raise KeyError(key)

    def as_json(self, threshold: int = DEFAULT_THRESHOLD) -> dict[str, object]:
        """Every figure for an export, small counts suppressed."""
        return {
            "from": self.start.isoformat(),
            "to": self.end.isoformat(),
            "generated_at": format_timestamp(self.generated_at),
            "suppression": {"threshold": threshold, "marker": SUPPRESSED},
            "figures": [f.as_json(threshold) for f in self.figures],
        }


# -- definitions ----------------------------------------------------------------------------------

_IN_FORCE = (
    "A card is in force when its status on the last day of the period was active (the status "
    "its last change by the end of that day gave it; active for a card issued without a change "
    "since), it was issued on or before that day and expires on or after it, and its holder is "
    "a living resident on that day."
)
_LIVING = (
    "A living resident on a day is one whose record is 'resident', or who moved out or died "
    "after that day."
)
DEFINITIONS: Final = {
    "holding_rate": f"Cards in force divided by living residents on the last day of the period. "
    f"{_IN_FORCE} {_LIVING}",
    "holding_rate.age_sex": "The holding rate by 5-year age band (age on the last day of the "
    "period; 100 and over in one band) and sex (ISO 5218).",
    "holding_rate.district": "The holding rate by district, the postal code of the resident's "
    "address ('(none)' where the record has none).",
    "holding_rate.nationality": "The holding rate by nationality group: Japanese (no "
    "nationality recorded, or JPN) and foreign residents.",
    "cards.monthly": "Per month of the period: new issuances (a resident's first card), "
    "re-issues (a card issued to a resident who had one before) and free issuances (issued on "
    "an application with a fee exemption), by the day of issue; returns and suspensions, by the "
    "day the card's status was changed.",
    "identity_lookups": "Look-ups of identity data in the register (search, reading a record, "
    "a resident's cards, revealing a record code) within the period, per purpose and outcome "
    "(allowed or refused), from the audit trail.",
    "services.installs": "Services installed on cards within the period, per service; a "
    "service carried over to a re-issued card is not counted again.",
    "services.uses": "Uses of services on the card within the period, per service, step and "
    "outcome, from the audit trail (each audited step at the library desk, each certificate "
    "a kiosk issued or refused).",
}


# -- the queries ----------------------------------------------------------------------------------


def years_before(day: dt.date, years: int) -> dt.date:
    """The same calendar day `years` earlier (28 February for a 29 February in a common year)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def age_band_label(band: int) -> str:
    """'00-04', '05-09' ... '95-99', '100+'."""
    low = band * AGE_BAND_YEARS
    if low >= OPEN_AGE_BAND:
        return f"{OPEN_AGE_BAND}+"
    return f"{low:02d}-{low + AGE_BAND_YEARS - 1:02d}"


def age_band(on: dt.date) -> ColumnElement[Any]:
    """The resident's 5-year age band on `on`, as a label, computed from birth-date bounds
    (so the database compares dates rather than computing an age per row)."""
    whens = [
        (Resident.birth_date > years_before(on, low + AGE_BAND_YEARS), age_band_label(i))
        for i, low in enumerate(range(0, OPEN_AGE_BAND, AGE_BAND_YEARS))
    ]
    return case(*whens, else_=age_band_label(OPEN_AGE_BAND // AGE_BAND_YEARS))


def living_on(on: dt.date) -> ColumnElement[bool]:
    """A living resident on `on` (see DEFINITIONS)."""
    return or_(Resident.status == ResidentStatus.RESIDENT.value, Resident.status_since > on)


def status_on(on: dt.date) -> ColumnElement[Any]:
    """A card's status at the end of `on`: its status now, unless it changed after that day;
    then the status its last change up to that day gave it (active if none did: issued so)."""
    until = day_start(on + dt.timedelta(days=1))
    changed_since = select(CardStatusChange.card_id).where(CardStatusChange.changed_at >= until)
    last = (
        select(CardStatusChange.status)
        .where(CardStatusChange.card_id == Card.id, CardStatusChange.changed_at < until)
        .order_by(CardStatusChange.changed_at.desc(), CardStatusChange.id.desc())
        .limit(1)
        .scalar_subquery()
    )
    return case(
        (Card.id.in_(changed_since), func.coalesce(last, CardStatus.ACTIVE.value)),
        else_=Card.status,
    )


def in_force_on(on: dt.date) -> ColumnElement[bool]:
    """A card in force on `on` (its holder's condition apart)."""
    return and_(
        Card.issued_on <= on, Card.expires_on >= on, status_on(on) == CardStatus.ACTIVE.value
    )


def nationality_group() -> ColumnElement[Any]:
    return case(
        (or_(Resident.nationality.is_(None), Resident.nationality == "JPN"), JAPANESE),
        else_=FOREIGN,
    )


def district() -> ColumnElement[Any]:
    return func.coalesce(Resident.postal_code, NO_POSTAL_CODE)


def month_of_date(dialect: str, column: Any) -> ColumnElement[str]:
    """'YYYY-MM' of a date column."""
    if dialect == "postgresql":
        return func.to_char(column, "YYYY-MM")
    return func.strftime("%Y-%m", column)


def month_of_utc(dialect: str, column: Any, offset_minutes: int) -> ColumnElement[str]:
    """'YYYY-MM' of a naive-UTC timestamp column in local time (`offset_minutes` east of UTC)."""
    if dialect == "postgresql":
        return func.to_char(column + func.make_interval(0, 0, 0, 0, 0, offset_minutes), "YYYY-MM")
    return func.strftime("%Y-%m", column, f"{offset_minutes:+d} minutes")


def months(start: dt.date, end: dt.date) -> list[str]:
    """Every 'YYYY-MM' from `start`'s month to `end`'s."""
    found: list[str] = []
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        found.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return found


def _rows(pairs: Iterable[tuple[tuple[str, ...], tuple[int, ...]]]) -> tuple[FigureRow, ...]:
    return tuple(FigureRow(labels, counts) for labels, counts in sorted(pairs))


Cube = dict[tuple[str, ...], tuple[int, int]]
Counts = dict[tuple[str, ...], int]


def _sex_word(value: object) -> str:
    return Sex(int(str(value))).name.lower()


def _nationality_word(value: object) -> str:
    return JAPANESE if value is None or value == "JPN" else FOREIGN


def _add(into: dict[tuple[str, ...], int], key: tuple[str, ...], n: int) -> None:
    into[key] = into.get(key, 0) + n


def band_bounds(on: dt.date) -> list[tuple[dt.date | None, dt.date | None]]:
    """Per age band on `on` (in `age_band_label` order), the birth dates it holds: after the
    first bound, on or before the second (None: open on that side)."""
    lows = range(0, OPEN_AGE_BAND + AGE_BAND_YEARS, AGE_BAND_YEARS)
    edges: list[dt.date | None] = [None, *(years_before(on, low) for low in lows[1:]), None]
    return [(edges[i + 1], edges[i]) for i in range(len(edges) - 1)]


def living_by_labels(s: Session, on: dt.date) -> dict[tuple[str, ...], int]:
    """Living residents per cube key: one GROUP BY on the computed labels (PostgreSQL hashes
    it; SQLite would sort every resident)."""
    labels = [age_band(on), sex_label(), district(), nationality_group()]
    return {
        tuple(str(v) for v in names): int(n)
        for *names, n in s.execute(
            select(*labels, func.count()).where(living_on(on)).group_by(*labels)
        )
    }


def living_by_band(s: Session, on: dt.date) -> dict[tuple[str, ...], int]:
    """Living residents per cube key, the same counts as `living_by_labels`: for each postal
    code, sex and nationality one index range count per age band (the 0009 covering index),
    which spares SQLite the sort of every resident."""
    r = aliased(Resident)
    groups = select(Resident.postal_code, Resident.sex, Resident.nationality).distinct().subquery()
    living = or_(r.status == ResidentStatus.RESIDENT.value, r.status_since > on)
    counts = []
    for after, until in band_bounds(on):
        bounds = [r.birth_date > after] if after is not None else []
        bounds += [r.birth_date <= until] if until is not None else []
        counts.append(
            select(func.count())
            .where(
                r.postal_code.is_not_distinct_from(groups.c.postal_code),
                r.sex == groups.c.sex,
                r.nationality.is_not_distinct_from(groups.c.nationality),
                *bounds,
                living,
            )
            .scalar_subquery()
        )
    people: dict[tuple[str, ...], int] = {}
    for postal, sex, nationality, *per_band in s.execute(select(*groups.c, *counts)):
        for band, n in enumerate(per_band):
            if n:
                key = (
                    age_band_label(band),
                    _sex_word(sex),
                    NO_POSTAL_CODE if postal is None else str(postal),
                    _nationality_word(nationality),
                )
                _add(people, key, int(n))
    return people


def band_number(on: dt.date) -> ColumnElement[int]:
    """PostgreSQL: the resident's age band on `on` as its number in `age_band_label` order, by
    one binary search over the first birth day after each band's bound (`width_bucket`) rather
    than a CASE of twenty date comparisons per resident."""
    firsts = [
        years_before(on, low) + dt.timedelta(days=1)
        for low in range(OPEN_AGE_BAND, 0, -AGE_BAND_YEARS)
    ]
    bands = OPEN_AGE_BAND // AGE_BAND_YEARS
    return bands - func.width_bucket(Resident.birth_date, literal(firsts, ARRAY(Date)))


def cube_key(band: object, sex: object, postal: object, nationality: object) -> tuple[str, ...]:
    """The cube key (age band, sex, district, nationality group) of a group counted on the
    raw columns."""
    district = NO_POSTAL_CODE if postal is None else str(postal)
    return (
        age_band_label(int(str(band))),
        _sex_word(sex),
        district,
        _nationality_word(nationality),
    )


def by_columns(rows: Iterable[Any]) -> dict[tuple[str, ...], int]:
    """Counts grouped by (band number, sex, postal code, nationality), summed per cube key."""
    counts: dict[tuple[str, ...], int] = {}
    for band, sex, postal, nationality, n in rows:
        _add(counts, cube_key(band, sex, postal, nationality), int(n))
    return counts


def holding_by_columns(s: Session, on: dt.date) -> tuple[Counts, Counts]:
    """PostgreSQL: (cards in force, living residents) per cube key, each one hashed GROUP BY on
    the band's number and the raw columns (the living residents from an index-only scan of the
    0009 covering index); the few groups are labelled here."""
    # Compiling these plans (JIT; the cost of the cards in force is overestimated) took longer
    # than running them: a few tenths of a second at a million residents.
    s.execute(text("SET LOCAL jit = off"))
    columns = (band_number(on), Resident.sex, Resident.postal_code, Resident.nationality)
    people = by_columns(
        s.execute(select(*columns, func.count()).where(living_on(on)).group_by(*columns))
    )
    cards = by_columns(
        s.execute(
            select(*columns, func.count())
            .select_from(Card)
            .join(Resident, Resident.id == Card.holder_id)
            .where(in_force_on(on), living_on(on))
            .group_by(*columns)
        )
    )
    return cards, people


def holding_by_labels(s: Session, on: dt.date) -> tuple[Counts, Counts]:
    """SQLite: (cards in force, living residents) per cube key: the residents counted by index
    ranges (`living_by_band`), the cards in force by one GROUP BY on the labels."""
    labels = [age_band(on), sex_label(), district(), nationality_group()]
    cards = {
        tuple(str(v) for v in names): int(n)
        for *names, n in s.execute(
            select(*labels, func.count())
            .select_from(Card)
            .join(Resident, Resident.id == Card.holder_id)
            .where(in_force_on(on), living_on(on))
            .group_by(*labels)
        )
    }
    return cards, living_by_band(s, on)


def holding_cube(s: Session, on: dt.date, dialect: str) -> Cube:
    """(cards in force, living residents) on `on` per age band, sex, district and nationality
    group: one count of the residents, one GROUP BY over the cards in force joined to their
    holders; every breakdown of the holding rate is summed from these few rows."""
    count = holding_by_columns if dialect == "postgresql" else holding_by_labels
    cards, people = count(s, on)
    return {k: (cards.get(k, 0), people.get(k, 0)) for k in set(people) | set(cards)}


def _holding(cube: Cube, key: str, picks: tuple[int, ...], groups: tuple[str, ...]) -> Figure:
    """The holding rate grouped by the cube's dimensions `picks` (indexes)."""
    sums: dict[tuple[str, ...], tuple[int, int]] = {}
    for labels, (cards, people) in cube.items():
        group = tuple(labels[i] for i in picks)
        had = sums.get(group, (0, 0))
        sums[group] = (had[0] + cards, had[1] + people)
    return Figure(
        key=key,
        definition=DEFINITIONS[key],
        groups=groups,
        measures=("cards", "residents"),
        rows=_rows(sums.items()),
        rate=("cards", "residents"),
    )


def sex_label() -> ColumnElement[Any]:
    """The resident's sex as a word (ISO 5218: unknown, male, female, not_applicable)."""
    return case(*((Resident.sex == sex.value, sex.name.lower()) for sex in Sex))


def holding_figures(s: Session, on: dt.date, dialect: str) -> list[Figure]:
    """The holding rate overall and by age band and sex, district and nationality group."""
    cube = holding_cube(s, on, dialect)
    overall = _holding(cube, "holding_rate", (), ())
    if not overall.rows:  # an empty register: one row of zeros all the same
        overall = dataclasses.replace(overall, rows=(FigureRow((), (0, 0)),))
    return [
        overall,
        _holding(cube, "holding_rate.age_sex", (0, 1), ("age_band", "sex")),
        _holding(cube, "holding_rate.district", (2,), ("district",)),
        _holding(cube, "holding_rate.nationality", (3,), ("nationality",)),
    ]


CARD_MEASURES: Final = ("issued", "reissued", "free", "returned", "suspended")


def card_figure(s: Session, start: dt.date, end: dt.date, dialect: str) -> Figure:
    """Issuances, re-issues, free issuances, returns and suspensions per month."""
    counts = {m: dict.fromkeys(CARD_MEASURES, 0) for m in months(start, end)}
    earlier = aliased(Card)
    had_one = exists().where(earlier.holder_id == Card.holder_id, earlier.id < Card.id)
    month = month_of_date(dialect, Card.issued_on)
    kind = case((had_one, literal("reissued")), else_=literal("issued"))
    in_period = Card.issued_on.between(start, end)
    for m, k, n in s.execute(
        select(month, kind, func.count()).where(in_period).group_by(month, kind)
    ):
        counts[str(m)][str(k)] += int(n)
    free = (
        select(month, func.count())
        .select_from(Card)
        .join(CardApplication, CardApplication.card_id == Card.id)
        .join(ApplicationFee, ApplicationFee.application_id == CardApplication.id)
        .where(in_period, ApplicationFee.exemption_ground.is_not(None))
        .group_by(month)
    )
    for m, n in s.execute(free):
        counts[str(m)]["free"] += int(n)
    since, until = day_start(start), day_start(end + dt.timedelta(days=1))
    offset = since.utcoffset() or dt.timedelta()
    changed = month_of_utc(dialect, CardStatusChange.changed_at, int(offset.total_seconds() // 60))
    wanted = (CardStatus.RETURNED.value, CardStatus.SUSPENDED.value)
    for m, status, n in s.execute(
        select(changed, CardStatusChange.status, func.count())
        .where(
            CardStatusChange.changed_at >= since,
            CardStatusChange.changed_at < until,
            CardStatusChange.status.in_(wanted),
        )
        .group_by(changed, CardStatusChange.status)
    ):
        counts.setdefault(str(m), dict.fromkeys(CARD_MEASURES, 0))[str(status)] += int(n)
    return Figure(
        key="cards.monthly",
        definition=DEFINITIONS["cards.monthly"],
        groups=("month",),
        measures=CARD_MEASURES,
        rows=_rows(((m,), tuple(c[x] for x in CARD_MEASURES)) for m, c in counts.items()),
    )


AuditCounts = list[tuple[str, str | None, str, int]]


def _whole_hour(stamp: str) -> bool:
    return stamp.endswith(":00:00.000000Z")


def audit_counts(s: Session, actions: Iterable[str], start: dt.date, end: dt.date) -> AuditCounts:
    """(action, purpose, outcome, events) of the audit events of `actions` within the period:
    summed from the hourly counts when the period's bounds fall on whole UTC hours (in every
    time zone of whole hours), else counted from the events."""
    since = format_timestamp(day_start(start))
    until = format_timestamp(day_start(end + dt.timedelta(days=1)))
    if _whole_hour(since) and _whole_hour(until):
        return counts_from_hours(s, tuple(actions), since[:13], until[:13])
    return counts_from_events(s, tuple(actions), since, until)


def counts_from_hours(
    s: Session, actions: tuple[str, ...], since_hour: str, until_hour: str
) -> AuditCounts:
    """The events of `actions` from the hour `since_hour` up to `until_hour` (excluded), per
    action, purpose and outcome, from `AuditHourCount`."""
    group = (AuditHourCount.action, AuditHourCount.purpose_code, AuditHourCount.outcome)
    rows = s.execute(
        select(*group, func.sum(AuditHourCount.events))
        .where(
            AuditHourCount.action.in_(actions),
            AuditHourCount.hour >= since_hour,
            AuditHourCount.hour < until_hour,
        )
        .group_by(*group)
    )
    return [(str(a), str(p) or None, str(o), int(n)) for a, p, o, n in rows]


def counts_from_events(s: Session, actions: tuple[str, ...], since: str, until: str) -> AuditCounts:
    """The events of `actions` from `since` up to `until` (audit timestamps, `until` excluded),
    per action, purpose and outcome, counted from the trail itself."""
    group = (AuditEvent.action, AuditEvent.purpose_code, AuditEvent.outcome)
    rows = s.execute(
        select(*group, func.count())
        .where(
            AuditEvent.action.in_(actions),
            AuditEvent.occurred_at >= since,
            AuditEvent.occurred_at < until,
        )
        .group_by(*group)
    )
    return [(str(a), None if p is None else str(p), str(o), int(n)) for a, p, o, n in rows]


def lookup_figure(s: Session, start: dt.date, end: dt.date) -> Figure:
    """Identity look-ups per purpose and outcome."""
    counts: dict[tuple[str, ...], int] = {}
    for _action, purpose, outcome, n in audit_counts(s, IDENTITY_LOOKUPS, start, end):
        _add(counts, ("-" if purpose is None else purpose, outcome), n)
    return Figure(
        key="identity_lookups",
        definition=DEFINITIONS["identity_lookups"],
        groups=("purpose", "outcome"),
        measures=("lookups",),
        rows=_rows((labels, (n,)) for labels, n in counts.items()),
    )


def service_figures(s: Session, start: dt.date, end: dt.date) -> list[Figure]:
    """Services installed per service, and uses per service, step and outcome."""
    since, until = day_start(start), day_start(end + dt.timedelta(days=1))
    installs = s.execute(
        select(ServiceType.code, func.count())
        .select_from(CardService)
        .join(ServiceType, ServiceType.id == CardService.service_id)
        .where(
            CardService.installed_at >= since,
            CardService.installed_at < until,
            CardService.carried_from.is_(None),
        )
        .group_by(ServiceType.code)
    )
    uses: dict[tuple[str, ...], int] = {}
    for action, _purpose, outcome, n in audit_counts(s, SERVICE_USES, start, end):
        _add(uses, (SERVICE_USES[action], action, outcome), n)
    return [
        Figure(
            key="services.installs",
            definition=DEFINITIONS["services.installs"],
            groups=("service",),
            measures=("installs",),
            rows=_rows(((str(code),), (int(n),)) for code, n in installs),
        ),
        Figure(
            key="services.uses",
            definition=DEFINITIONS["services.uses"],
            groups=("service", "step", "outcome"),
            measures=("uses",),
            rows=_rows((labels, (n,)) for labels, n in uses.items()),
        ),
    ]


class RegisterStatistics:
    """The supervisor's figures of the register for a period (audited)."""

    def __init__(self, store: Store, operators: OperatorAccounts) -> None:
        self._store = store
        self._operators = operators

    def figures(self, by: OperatorSession, start: dt.date, end: dt.date) -> Figures:
        """Every figure of the period `start`..`end` (both included); the request is audited
        first under the supervision purpose."""
        if end < start:
            raise StatisticsPeriodError(f"{start} is after {end}")
        store = self._store
        with store.db.transaction() as s:
            by_id = self._operators.authorise(s, by, Role.SUPERVISOR)
            store.audit.append(
                s,
                action=STATISTICS_ACTION,
                outcome=Outcome.OK,
                operator_id=by_id,
                purpose_code=PurposeCode.SUPERVISION.value,
                detail={"from": start.isoformat(), "to": end.isoformat()},
            )
        return self.compute(start, end)

    def _steps(self, start: dt.date, end: dt.date) -> dict[str, Callable[[Session], list[Figure]]]:
        dialect = self._store.db.dialect
        return {
            "holding_rate": lambda s: holding_figures(s, end, dialect),
            "cards.monthly": lambda s: [card_figure(s, start, end, dialect)],
            "identity_lookups": lambda s: [lookup_figure(s, start, end)],
            "services": lambda s: service_figures(s, start, end),
        }

    def compute(self, start: dt.date, end: dt.date) -> Figures:
        """The figures without the check and the audit (for the benchmark and `figures`)."""
        with self._store.db.transaction(read_only=True) as s:
            found = [f for step in self._steps(start, end).values() for f in step(s)]
        return Figures(start, end, self._store.clock(), tuple(found))

    def timed(self, start: dt.date, end: dt.date) -> dict[str, float]:
        """Seconds per figure group, each in its own read transaction (for the benchmark; no
        check, no audit)."""
        times: dict[str, float] = {}
        for name, step in self._steps(start, end).items():
            with self._store.db.transaction(read_only=True) as s:
                began = time.perf_counter()
                step(s)
                times[name] = time.perf_counter() - began
        return times

    def count_residents(self) -> int:
        """A plain COUNT(*) of the residents table (the benchmark's baseline)."""
        with self._store.db.transaction(read_only=True) as s:
            return int(s.scalar(select(func.count()).select_from(Resident)) or 0)
