"""The private state the register's services share: database, record-code cipher, audit, clock.

`Register` builds one `Store` and hands it to each service of the package (operators,
residents, cases, cards, purpose access, the counter's records, bulk loads), so no module reaches
into another object's private attributes. Nothing outside `counter_app.records` receives it: a
session from `db` could read residents without a purpose.
"""

from __future__ import annotations

from dataclasses import dataclass

from counter_app.records.audit import AuditTrail, Clock, utc_now
from counter_app.records.crypto import RecordCodeCipher
from counter_app.records.database import Database


@dataclass(frozen=True)
class Store:
    """One register's database, record-code cipher, audit trail and clock."""

    db: Database
    cipher: RecordCodeCipher
    audit: AuditTrail
    clock: Clock

    @classmethod
    def create(cls, db: Database, cipher: RecordCodeCipher, clock: Clock = utc_now) -> Store:
        """A store whose audit trail is stamped by `clock`."""
        return cls(db, cipher, AuditTrail(clock), clock)
