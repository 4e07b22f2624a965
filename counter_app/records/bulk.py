"""Entering many residents at once (demo seeding, CSV import): one transaction, bulk writes.

Ids are allocated up front under a lock (SQLite: the writer's BEGIN IMMEDIATE; PostgreSQL: an
EXCLUSIVE table lock, readers unaffected), so record codes can be sealed with the resident id as
associated data before the rows are written. Rows go in with the driver's executemany on SQLite
and COPY on PostgreSQL; the caller appends one audit event for the whole operation.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from sqlalchemy import bindparam, select, text
from sqlalchemy.orm import Session

from counter_app.records.crypto import RecordCodeCipher
from counter_app.records.models import Household, Resident
from counter_app.records.search import address_key, kana_key, kanji_key, latin_key
from counter_app.records.types import NewResident

RESIDENT_COLUMNS = (
    "id", "household_id", "relationship_to_head", "family_name", "given_name",
    "family_name_kana", "given_name_kana", "latin_name", "tsusho", "tsusho_kana", "nationality",
    "birth_date", "sex", "postal_code", "address", "status", "status_since",
    "record_code_sealed", "record_code_hmac", "kana_key", "kanji_key", "tsusho_key", "latin_key",
    "address_key", "created_at", "updated_at",
)  # fmt: skip
HOUSEHOLD_COLUMNS = ("id", "household_code", "created_at")
_LOOKUP_CHUNK = 500
FTS_INSERT_TRIGGER = "residents_address_fts_insert"
SQLITE_BULK_CACHE_KIB = 256 * 1024  # page cache while writing: index pages stay in memory


def lock_for_bulk(s: Session) -> None:
    """Keep other writers of households and residents out until this transaction ends."""
    if s.get_bind().dialect.name == "postgresql":
        s.execute(text("LOCK TABLE households, residents IN EXCLUSIVE MODE"))


def next_id(s: Session, table: str) -> int:
    """The first free id of `table` (call after `lock_for_bulk`)."""
    return int(s.scalar(text(f"SELECT coalesce(max(id), 0) + 1 FROM {table}")) or 1)


def existing_households(s: Session, codes: Iterable[str]) -> dict[str, int]:
    """The ids of the households among `codes` that are already in the register."""
    wanted = sorted(set(codes))
    found: dict[str, int] = {}
    query = select(Household.household_code, Household.id).where(
        Household.household_code.in_(bindparam("codes", expanding=True))
    )
    for start in range(0, len(wanted), _LOOKUP_CHUNK):
        rows = s.execute(query, {"codes": wanted[start : start + _LOOKUP_CHUNK]})
        found.update({code: id_ for code, id_ in rows})
    return found


def existing_fingerprints(s: Session, fingerprints: Sequence[bytes]) -> set[bytes]:
    """The record-code fingerprints among `fingerprints` already in the register."""
    found: set[bytes] = set()
    query = select(Resident.record_code_hmac).where(
        Resident.record_code_hmac.in_(bindparam("fps", expanding=True))
    )
    for start in range(0, len(fingerprints), _LOOKUP_CHUNK):
        chunk = list(fingerprints[start : start + _LOOKUP_CHUNK])
        found.update(fp for fp in s.scalars(query, {"fps": chunk}) if fp is not None)
    return found


class BulkWriter:
    """Adds residents (and their new households) in bulk inside the caller's transaction."""

    def __init__(self, s: Session, cipher: RecordCodeCipher, now: dt.datetime) -> None:
        lock_for_bulk(s)
        self._s = s
        self._cipher = cipher
        self._now = now
        self._postgres = s.get_bind().dialect.name == "postgresql"
        naive_now = now.astimezone(dt.UTC).replace(tzinfo=None)
        # SQLite gets dates and timestamps as the ISO text SQLAlchemy writes there.
        self._stamp: object = naive_now if self._postgres else _sqlite_value(naive_now)
        self._date: Callable[[dt.date], object] = _same if self._postgres else _sqlite_value
        self._fts_trigger: str | None = None
        if not self._postgres:
            connection = s.connection()
            connection.exec_driver_sql(f"PRAGMA cache_size=-{SQLITE_BULK_CACHE_KIB}")
            # The address index is filled once at the end: far cheaper than its per-row trigger.
            self._fts_trigger = connection.exec_driver_sql(
                "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?",
                (FTS_INSERT_TRIGGER,),
            ).scalar()
            if self._fts_trigger:
                connection.exec_driver_sql(f"DROP TRIGGER {FTS_INSERT_TRIGGER}")
        self._next_resident = next_id(s, "residents")
        self._next_household = next_id(s, "households")
        self._first_resident = self._next_resident
        self._households: dict[str, int] = {}
        self.residents_added = 0
        self.households_added = 0

    @property
    def first_resident_id(self) -> int:
        """The id the next resident added will get."""
        return self._next_resident

    def add(self, batch: Sequence[NewResident]) -> range:
        """Write `batch`; returns the ids given to its residents, in order."""
        codes = {n.household_code for n in batch if n.household_code is not None}
        unknown = codes - self._households.keys()
        if unknown:
            self._households.update(existing_households(self._s, unknown))
        new_households = []
        for code in sorted(codes - self._households.keys()):
            self._households[code] = self._next_household
            new_households.append((self._next_household, code, self._stamp))
            self._next_household += 1
        first = self._next_resident
        ids = range(first, first + len(batch))
        self._next_resident += len(batch)
        sealed = self._cipher.seal_many(
            [(n.record_code.reveal(), i) for n, i in zip(batch, ids, strict=True) if n.record_code]
        )
        rows = []
        for new, id_ in zip(batch, ids, strict=True):
            seal, fingerprint = sealed.get(id_, (None, None))
            rows.append(
                (
                    id_,
                    self._households[new.household_code] if new.household_code else None,
                    new.relationship_to_head,
                    new.family_name,
                    new.given_name,
                    new.family_name_kana,
                    new.given_name_kana,
                    new.latin_name,
                    new.tsusho,
                    new.tsusho_kana,
                    new.nationality,
                    self._date(new.birth_date),
                    int(new.sex),
                    new.postal_code,
                    new.address,
                    new.status.value,
                    self._date(new.status_since or self._now.date()),
                    seal,
                    fingerprint,
                    kana_key(new.family_name_kana, new.given_name_kana),
                    kanji_key(new.family_name, new.given_name),
                    kanji_key(new.tsusho) if new.tsusho else None,
                    latin_key(new.latin_name) if new.latin_name else None,
                    address_key(new.address),
                    self._stamp,
                    self._stamp,
                )
            )
        self._write("households", HOUSEHOLD_COLUMNS, new_households)
        self._write("residents", RESIDENT_COLUMNS, rows)
        self.households_added += len(new_households)
        self.residents_added += len(rows)
        return ids

    def finish(self) -> None:
        """Fill the address index and statistics (SQLite) or the id sequences (PostgreSQL)."""
        if not self._postgres:
            connection = self._s.connection()
            if self._fts_trigger:
                connection.exec_driver_sql(
                    "INSERT INTO residents_address_fts(rowid, address_key) "
                    "SELECT id, address_key FROM residents WHERE id >= ?",
                    (self._first_resident,),
                )
                connection.exec_driver_sql(self._fts_trigger)
            connection.exec_driver_sql("PRAGMA cache_size=-2000")
            connection.exec_driver_sql("PRAGMA analysis_limit=1000")
            connection.exec_driver_sql("ANALYZE")  # the planner's statistics, sampled
            return
        for table in ("households", "residents"):
            self._s.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT coalesce(max(id), 1) FROM {table}))"
                )
            )
        trigram = self._s.scalar(text("SELECT to_regclass('ix_residents_address_key_trgm')"))
        if trigram is not None:  # merge the GIN pending list now, not in the next searches
            self._s.execute(text("SELECT gin_clean_pending_list('ix_residents_address_key_trgm')"))
        # statistics: the caller runs VACUUM (ANALYZE) once the transaction has committed

    def _write(self, table: str, columns: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
        if not rows:
            return
        connection = self._s.connection()
        if self._postgres:
            driver = connection.connection.driver_connection
            assert driver is not None
            with (
                driver.cursor() as cursor,
                cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy,
            ):
                for row in rows:
                    copy.write_row(row)
            return
        placeholders = ", ".join("?" for _ in columns)
        connection.exec_driver_sql(
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders})",
            rows,
        )


def _sqlite_value(value: dt.date) -> str:
    """A date or timestamp as SQLAlchemy stores it in SQLite (ISO text)."""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")
    return value.isoformat()


def _same(value: dt.date) -> object:
    return value
