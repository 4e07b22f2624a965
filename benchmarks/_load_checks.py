"""The load run's checks afterwards: the register against itself and against what counters said.

Each check is a name and the list of what is wrong (empty: it passed). They read the register
with plain SQL, as an auditor would, except the audit chain, which the register verifies itself.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, create_engine, text

from benchmarks._load_counter import Claims
from counter_app.card.personal_data import to_fullwidth_digits
from counter_app.records import Register
from counter_app.records.issuance_records import ADDRESS_CHANGED


@dataclass(frozen=True)
class Check:
    """One check afterwards: what it holds and what was found wrong (nothing: passed)."""

    name: str
    wrong: tuple[str, ...]

    @property
    def passed(self) -> bool:
        return not self.wrong


def _rows(conn: Connection, sql: str) -> list[tuple[object, ...]]:
    return [tuple(row) for row in conn.execute(text(sql))]


def _first(items: Sequence[object], limit: int = 5) -> tuple[str, ...]:
    return tuple(str(item) for item in items[:limit]) + (
        (f"... {len(items) - limit} more",) if len(items) > limit else ()
    )


def run_checks(
    url: str, key_path: Path, claims: Sequence[Claims], residents: set[int]
) -> list[Check]:
    """Every check of the register at `url` after counters working for `residents` claimed
    `claims`."""
    register = Register.open(url, key_path=key_path)
    try:
        chain = register.verify_audit_chain()
    finally:
        register.close()
    checks = [
        Check("the audit chain verifies", () if chain.intact else (f"broken: {chain}",)),
        Check(
            "the statistics' hourly counts agree with the audit events",
            tuple(f"hour {hour} miscounted" for hour in chain.counts_differ),
        ),
    ]
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            checks += _card_checks(conn, claims, residents)
            checks += _reservation_checks(conn, claims, residents)
            checks += _address_checks(conn, claims)
    finally:
        engine.dispose()
    return checks


def _card_checks(conn: Connection, claims: Sequence[Claims], residents: set[int]) -> list[Check]:
    twice = _rows(conn, "SELECT serial FROM cards GROUP BY serial HAVING count(*) > 1")
    in_force = _rows(
        conn,
        "SELECT holder_id FROM cards WHERE status IN ('active', 'suspended')"
        " GROUP BY holder_id HAVING count(*) > 1",
    )
    cards = {
        str(serial): int(str(holder))
        for serial, holder in _rows(conn, "SELECT serial, holder_id FROM cards")
    }
    ours = {serial: holder for serial, holder in cards.items() if holder in residents}
    said: dict[str, int] = {}
    for claim in claims:
        said.update(claim.issued)
    lost = [s for s, holder in said.items() if cards.get(s) != holder]
    unsaid = [s for s in ours if s not in said]
    given_up = [s for claim in claims for s in claim.not_recorded if s in cards]
    events: set[str] = set()
    for (detail,) in _rows(conn, "SELECT detail FROM audit_events WHERE action = 'card.issued'"):
        events.add(str(json.loads(str(detail)).get("serial")))
    no_event = [s for s in cards if s not in events]
    open_applications = _rows(
        conn,
        "SELECT a.id FROM card_applications a WHERE a.status = 'received'"
        f" AND a.resident_id IN ({','.join(str(r) for r in residents) or 'NULL'})",
    )
    no_card = _rows(
        conn,
        "SELECT a.id FROM card_applications a LEFT JOIN cards c ON c.id = a.card_id"
        " WHERE a.status = 'issued' AND c.id IS NULL",
    )
    return [
        Check("no card number issued twice", _first(twice)),
        Check("no resident with two cards in force", _first(in_force)),
        Check("every card a counter reported issued is recorded to its resident", _first(lost)),
        Check("every recorded card was reported issued by a counter", _first(unsaid)),
        Check("no card of an issuance given up is recorded", _first(given_up)),
        Check("every recorded card has its card.issued audit event", _first(no_event)),
        Check(
            "no application left open (received, no card) by an issuance",
            _first(open_applications),
        ),
        Check("every issued application has its card", _first(no_card)),
    ]


def _reservation_checks(
    conn: Connection, claims: Sequence[Claims], residents: set[int]
) -> list[Check]:
    overlaps = _rows(
        conn,
        "SELECT a.id, b.id FROM reservations a JOIN reservations b ON "
        "a.facility_id = b.facility_id AND a.id < b.id AND a.status = 'booked' "
        "AND b.status = 'booked' AND a.starts_at < b.ends_at AND b.starts_at < a.ends_at",
    )
    status = {
        int(str(rid)): str(st)
        for rid, st, resident in _rows(conn, "SELECT id, status, resident_id FROM reservations")
        if int(str(resident)) in residents
    }
    booked = {r for claim in claims for r in claim.booked}
    cancelled = {r for claim in claims for r in claim.cancelled}
    lost = [r for r in booked if status.get(r) != "booked"]
    not_cancelled = [r for r in cancelled if status.get(r) != "cancelled"]
    unsaid = [r for r, st in status.items() if st == "booked" and r not in booked]
    return [
        Check("no two booked reservations of a facility overlap", _first(overlaps)),
        Check("every booking a counter reported is booked", _first(lost)),
        Check("every cancellation a counter reported is cancelled", _first(not_cancelled)),
        Check("every booked reservation was reported by a counter", _first(unsaid)),
    ]


def _address_checks(conn: Connection, claims: Sequence[Claims]) -> list[Check]:
    addresses = {
        int(str(rid)): str(address)
        for rid, address in _rows(conn, "SELECT id, address FROM residents")
    }
    said: dict[int, str] = {}
    for claim in claims:
        said.update(claim.addresses)
    wrong = [
        f"resident {rid}"
        for rid, address in said.items()
        if to_fullwidth_digits(addresses.get(rid, "")) != to_fullwidth_digits(address)
    ]
    events: dict[int, int] = {}
    for (rid,) in _rows(conn, "SELECT resident_id FROM audit_events WHERE action = " + _MOVED):
        events[int(str(rid))] = events.get(int(str(rid)), 0) + 1
    moves: dict[int, int] = {}
    for claim in claims:
        for rid, count in claim.moves.items():
            moves[rid] = moves.get(rid, 0) + count
    twice = [f"resident {rid}" for rid, count in moves.items() if events.get(rid, 0) != count]
    return [
        Check("every address change a counter reported is in the register", _first(wrong)),
        Check("every card's address change is recorded once", _first(twice)),
    ]


_MOVED = f"'{ADDRESS_CHANGED}'"
