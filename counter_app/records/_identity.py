"""Raw queries on residents' identity data. PRIVATE: only `access.py` and `residents.py` use it.

Nothing here checks a purpose or writes an audit event; that is `PurposeAccess`'s job, which is
why code outside `counter_app.records` must never reach this module (a test walks the package
and fails if anything does).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    Row,
    Select,
    and_,
    any_,
    bindparam,
    exists,
    or_,
    select,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import InstrumentedAttribute, Session

from counter_app.records.crypto import RecordCodeCipher
from counter_app.records.models import CaseParty, Household, PurposeCase, Resident
from counter_app.records.search import (
    SearchTerms,
    address_key,
    kana_key,
    kanji_key,
    latin_key,
    prefix_upper_bound,
)
from counter_app.records.types import (
    MASKED_RECORD_CODE,
    Category,
    NewResident,
    PurposeInfo,
    RecordCode,
    ResidentStatus,
    ResidentSummary,
    ResidentView,
    Sex,
)

__all__ = [
    "Coverage",
    "Resident",
    "add",
    "candidate_queries",
    "candidates",
    "coverage",
    "get",
    "open_record_code",
    "search",
    "search_query",
]

CANDIDATE_CAP = 500
SHORT_SCAN_ROWS = 10_000


@dataclass(frozen=True)
class Coverage:
    """Whether a purpose covers a person, and through which category and case."""

    covered: bool
    category: Category | None = None
    case_reference: str | None = None


def coverage(s: Session, purpose: PurposeInfo, resident_id: int) -> Coverage:
    """Check that `purpose` may look up this resident."""
    if Category.APPLICANT in purpose.categories:
        return Coverage(True, Category.APPLICANT)
    case_categories = [c.value for c in purpose.categories]
    row = s.execute(
        select(CaseParty.category, PurposeCase.reference)
        .join(PurposeCase, PurposeCase.id == CaseParty.case_id)
        .where(
            CaseParty.resident_id == resident_id,
            CaseParty.category.in_(case_categories),
            PurposeCase.purpose_code == purpose.code,
            PurposeCase.closed_at.is_(None),
        )
        .order_by(PurposeCase.id)
        .limit(1)
    ).first()
    if row is None:
        return Coverage(False)
    return Coverage(True, Category(row[0]), row[1])


def _scope(purpose: PurposeInfo) -> ColumnElement[bool] | None:
    """The SQL condition limiting a search to the persons the purpose covers."""
    if Category.APPLICANT in purpose.categories:
        return None
    return exists(
        select(CaseParty.resident_id)
        .join(PurposeCase, PurposeCase.id == CaseParty.case_id)
        .where(
            CaseParty.resident_id == Resident.id,
            CaseParty.category.in_([c.value for c in purpose.categories]),
            PurposeCase.purpose_code == purpose.code,
            PurposeCase.closed_at.is_(None),
        )
    )


def _prefix(
    column: InstrumentedAttribute[str] | InstrumentedAttribute[str | None], value: str
) -> ColumnElement[bool]:
    return and_(column >= value, column < prefix_upper_bound(value))


def _contains(fragment: str) -> ColumnElement[bool]:
    return Resident.address_key.contains(fragment, autoescape=True)


@dataclass(frozen=True)
class Candidates:
    """Ids the most selective indexed term allows (at most CANDIDATE_CAP), or None: no driver."""

    ids: list[int] | None
    incomplete: bool = False


def candidate_queries(s: Session, terms: SearchTerms) -> list[Select[int]]:
    """The capped id queries that drive a search whose own terms would make the planner scan.

    Birth dates and kana prefixes drive the main query through their own indexes (a date holds
    few residents; the kana index gives the order and stops at the limit). Kanji names (also
    通称), Latin names and address fragments of three or more characters first pick at most
    CANDIDATE_CAP ids through their index. Address fragments shorter than three characters
    cannot use the trigram index: on their own they look only at the SHORT_SCAN_ROWS residents
    registered last, and the result says it is incomplete.
    """
    cap = CANDIDATE_CAP + 1
    if terms.birth_dates or (terms.kana and not (terms.kanji or terms.latin)):
        return []
    if terms.kanji:
        return [
            select(Resident.id).where(_prefix(Resident.kanji_key, terms.kanji)).limit(cap),
            select(Resident.id).where(_prefix(Resident.tsusho_key, terms.kanji)).limit(cap),
        ]
    if terms.latin:
        return [select(Resident.id).where(_prefix(Resident.latin_key, terms.latin)).limit(cap)]
    fragments = sorted(terms.address_fragments, key=len, reverse=True)
    if not fragments:
        return []
    longest = fragments[0]
    if len(longest) >= 3:
        if s.get_bind().dialect.name == "sqlite":
            phrase = '"' + longest.replace('"', '""') + '"'
            fts = text(
                "SELECT rowid AS id FROM residents_address_fts "
                "WHERE residents_address_fts MATCH :p LIMIT :n"
            ).bindparams(p=phrase, n=cap)
            return [select(fts.columns(id=Integer).subquery().c.id)]
        return [select(Resident.id).where(_contains(longest)).limit(cap)]
    window = (
        select(Resident.id, Resident.address_key)
        .order_by(Resident.id.desc())
        .limit(SHORT_SCAN_ROWS)
        .subquery()
    )
    matches = [window.c.address_key.contains(f, autoescape=True) for f in fragments]
    return [select(window.c.id).where(*matches).limit(cap)]


def candidates(s: Session, terms: SearchTerms) -> Candidates:
    """Run the candidate queries: the ids, and whether a cap or the scan window cut them short."""
    queries = candidate_queries(s, terms)
    if not queries:
        return Candidates(None)
    ids: dict[int, None] = {}
    incomplete = False
    for query in queries:
        found = list(s.scalars(query))
        incomplete |= len(found) > CANDIDATE_CAP
        ids.update(dict.fromkeys(found[:CANDIDATE_CAP]))
    short = all(len(f) < 3 for f in terms.address_fragments)
    if short and not (terms.kanji or terms.latin or incomplete):  # was the register larger?
        beyond = select(Resident.id).order_by(Resident.id.desc()).offset(SHORT_SCAN_ROWS).limit(1)
        incomplete |= s.scalar(beyond) is not None
    return Candidates(list(ids), incomplete)


# What a search hit shows: fetched as plain columns, not as whole rows loaded into the ORM
SUMMARY_COLUMNS = (
    Resident.id,
    Resident.family_name,
    Resident.given_name,
    Resident.family_name_kana,
    Resident.given_name_kana,
    Resident.latin_name,
    Resident.tsusho,
    Resident.birth_date,
    Resident.sex,
    Resident.address,
    Resident.status,
)


def search(
    s: Session, purpose: PurposeInfo, terms: SearchTerms, limit: int
) -> tuple[list[ResidentSummary], bool]:
    """Hits matching every term among the residents the purpose covers; True when cut short."""
    found = candidates(s, terms)
    if found.ids == []:
        return [], found.incomplete
    postgres = s.get_bind().dialect.name == "postgresql"
    rows = s.execute(search_query(purpose, terms, limit, found.ids, postgres=postgres))
    return [summary(row) for row in rows], found.incomplete


def search_query(
    purpose: PurposeInfo,
    terms: SearchTerms,
    limit: int,
    ids: list[int] | None,
    *,
    postgres: bool = False,
) -> Select[*tuple[Any, ...]]:
    """The SELECT `search` runs on the candidates (also for showing its query plan).

    On PostgreSQL the candidate ids travel as one integer array (`id = ANY(:ids)`): up to 500
    separate IN parameters cost more to send, parse and plan than the search itself.
    """
    conditions: list[ColumnElement[bool]] = []
    if ids is not None and postgres:
        conditions.append(Resident.id == any_(bindparam("candidate_ids", ids, ARRAY(Integer))))
    elif ids is not None:
        conditions.append(Resident.id.in_(ids))
    if terms.kana:
        conditions.append(_prefix(Resident.kana_key, terms.kana))
    if terms.kanji:
        conditions.append(
            or_(_prefix(Resident.kanji_key, terms.kanji), _prefix(Resident.tsusho_key, terms.kanji))
        )
    if terms.latin:
        conditions.append(_prefix(Resident.latin_key, terms.latin))
    if terms.birth_dates:
        conditions.append(Resident.birth_date.in_(terms.birth_dates))
    for fragment in terms.address_fragments:
        conditions.append(_contains(fragment))
    scope = _scope(purpose)
    if scope is not None:
        conditions.append(scope)
    return (
        select(*SUMMARY_COLUMNS)
        .where(*conditions)
        .order_by(Resident.kana_key, Resident.birth_date, Resident.id)
        .limit(limit)
    )


def get(s: Session, resident_id: int) -> Resident | None:
    """The resident row, or None."""
    return s.get(Resident, resident_id)


def summary(row: Resident | Row[*tuple[Any, ...]]) -> ResidentSummary:
    """The search-hit view of a row or of a SUMMARY_COLUMNS result (no record code)."""
    return ResidentSummary(
        id=row.id,
        family_name=row.family_name,
        given_name=row.given_name,
        family_name_kana=row.family_name_kana,
        given_name_kana=row.given_name_kana,
        latin_name=row.latin_name,
        tsusho=row.tsusho,
        birth_date=row.birth_date,
        sex=Sex(row.sex),
        address=row.address,
        status=ResidentStatus(row.status),
    )


def view(row: Resident) -> ResidentView:
    """The full view of a row, the record code masked."""
    return ResidentView(
        summary=summary(row),
        nationality=row.nationality,
        tsusho_kana=row.tsusho_kana,
        postal_code=row.postal_code,
        household_id=row.household_id,
        relationship_to_head=row.relationship_to_head,
        status_since=row.status_since,
        record_code_masked=MASKED_RECORD_CODE if row.record_code_sealed else None,
    )


def open_record_code(row: Resident, cipher: RecordCodeCipher) -> RecordCode | None:
    """The resident's record code in the clear (callers must have checked the purpose)."""
    if row.record_code_sealed is None:
        return None
    return cipher.open(row.record_code_sealed, row.id)


def add(s: Session, new: NewResident, cipher: RecordCodeCipher, now: dt.datetime) -> Resident:
    """Insert a resident (and their household if new); seal the record code."""
    household_id = None
    if new.household_code is not None:
        household = s.scalar(
            select(Household).where(Household.household_code == new.household_code)
        )
        if household is None:
            household = Household(household_code=new.household_code, created_at=now)
            s.add(household)
            s.flush()
        household_id = household.id
    row = Resident(
        household_id=household_id,
        relationship_to_head=new.relationship_to_head,
        family_name=new.family_name,
        given_name=new.given_name,
        family_name_kana=new.family_name_kana,
        given_name_kana=new.given_name_kana,
        latin_name=new.latin_name,
        tsusho=new.tsusho,
        tsusho_kana=new.tsusho_kana,
        nationality=new.nationality,
        birth_date=new.birth_date,
        sex=int(new.sex),
        postal_code=new.postal_code,
        address=new.address,
        status=new.status.value,
        status_since=new.status_since or now.date(),
        kana_key=kana_key(new.family_name_kana, new.given_name_kana),
        kanji_key=kanji_key(new.family_name, new.given_name),
        tsusho_key=kanji_key(new.tsusho) if new.tsusho else None,
        latin_key=latin_key(new.latin_name) if new.latin_name else None,
        address_key=address_key(new.address),
        created_at=now,
        updated_at=now,
    )
    if new.record_code is not None:
        row.record_code_hmac = cipher.fingerprint(new.record_code)
    s.add(row)
    s.flush()
    if new.record_code is not None:
        row.record_code_sealed = cipher.seal(new.record_code, row.id)
        s.flush()
    return row
