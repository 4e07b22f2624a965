"""`counter-app facilities add|list`: the facilities residents reserve (docs/reservations.md).

A supervisor or applet administrator adds a facility with its opening hours per weekday, its
slot length, the limit of future bookings per resident and the cancellation deadline; the
register records the addition in the audit trail. Login as for the other counter tasks.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
from typing import TYPE_CHECKING, Final, TextIO

from counter_app.commands.counter_tasks import AUTH_HELP, common_options, run_as_operator
from counter_app.config import Configuration
from counter_app.errors import CounterError

if TYPE_CHECKING:
    from counter_app.records import (
        FacilityInfo,
        NewFacility,
        OpeningHours,
        OperatorSession,
        Register,
    )

COMMAND = "facilities"
WEEKDAYS: Final = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
HOURS_FORMAT: Final = "DAYS HH:MM-HH:MM, e.g. 'mon-fri 09:00-21:00' or 'sat,sun 10:00-17:00'"
_HOURS: Final = re.compile(r"^\s*(\S+)\s+(\d{1,2}:\d{2})\s*-\s*(\d{1,2}:\d{2})\s*$")


class FacilityFlagsError(CounterError):
    """A facility described wrongly on the command line; the detail names the flag."""

    what = "The facility cannot be added as described."
    todo = (
        "Correct the flag the detail names (counter-app facilities add --help), then run the "
        "command again."
    )


FACILITIES_HELP = AUTH_HELP.replace(
    "the issuing clerk or supervisor role", "the supervisor or applet administrator role"
)


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `facilities add|list` to main.py's parser."""
    facilities = sub.add_parser(
        COMMAND, help="facilities residents reserve", description=FACILITIES_HELP
    )
    actions = facilities.add_subparsers(dest="facilities_command", required=True)
    add = actions.add_parser("add", help="offer a facility for reservation")
    common_options(add, card=False)
    add.add_argument("--name", required=True, help="the facility's name, e.g. 市民会館 大ホール")
    add.add_argument("--kind", required=True, choices=("hall", "court", "room"))
    add.add_argument(
        "--hours", required=True, action="append", metavar="HOURS",
        help=f"opening hours, once per group of weekdays: {HOURS_FORMAT}",
    )  # fmt: skip
    add.add_argument("--slot-minutes", type=int, required=True, help="length of one slot")
    add.add_argument(
        "--limit", type=int, default=3, help="future bookings a resident may hold (default 3)"
    )
    add.add_argument(
        "--deadline-hours", type=int, default=24,
        help="a resident cancels until this many hours before the start (default 24)",
    )  # fmt: skip
    listing = actions.add_parser("list", help="the facilities open for reservation")
    common_options(listing, card=False)
    listing.add_argument("--json", action="store_true", help="print JSON")


def run(args: argparse.Namespace, config: Configuration, out: TextIO | None = None) -> int:
    """Check the input, log in, add or list, log out."""
    if args.facilities_command == "add":
        args.facility = new_facility(args)

    def task(register: Register, session: OperatorSession, out: TextIO) -> int:
        return _dispatch(args, register, session, out)

    return run_as_operator(args, config, task, out)


def _dispatch(
    args: argparse.Namespace, register: Register, session: OperatorSession, out: TextIO
) -> int:
    facilities = register.reservations
    if args.facilities_command == "add":
        facility = facilities.facility(facilities.add_facility(session, args.facility))
        print(f"facility {facility.id}: {describe(facility)}", file=out)
        return 0
    listed = facilities.facilities()
    if args.json:
        print(json.dumps([_json(f) for f in listed], ensure_ascii=False, indent=2), file=out)
        return 0
    for facility in listed:
        print(f"{facility.id:>4}  {describe(facility)}", file=out)
    return 0


def new_facility(args: argparse.Namespace) -> NewFacility:
    """The facility the flags describe; FacilityFlagsError naming the flag that is wrong."""
    from counter_app.records import FacilityKind, NewFacility

    hours = tuple(h for text in args.hours for h in opening_hours(text))
    days = [h.weekday for h in hours]
    if len(set(days)) != len(days):
        raise FacilityFlagsError("--hours: a weekday is given twice")
    if args.slot_minutes <= 0 or args.slot_minutes > 24 * 60:
        raise FacilityFlagsError("--slot-minutes: minutes, from 1 to 1440")
    for h in hours:
        open_minutes = (h.closes.hour - h.opens.hour) * 60 + h.closes.minute - h.opens.minute
        if open_minutes < args.slot_minutes:
            day = WEEKDAYS[h.weekday]
            raise FacilityFlagsError(f"--hours: {day} is open for less than one slot")
    if args.limit <= 0:
        raise FacilityFlagsError("--limit: at least 1 future booking")
    if args.deadline_hours < 0:
        raise FacilityFlagsError("--deadline-hours: 0 or more")
    if not args.name.strip() or len(args.name.strip()) > 128:
        raise FacilityFlagsError("--name: a name of at most 128 characters")
    return NewFacility(
        name=args.name.strip(),
        kind=FacilityKind(args.kind),
        slot_minutes=args.slot_minutes,
        hours=hours,
        max_future_bookings=args.limit,
        cancel_deadline_hours=args.deadline_hours,
    )


def opening_hours(text: str) -> tuple[OpeningHours, ...]:
    """'mon-fri 09:00-21:00' -> one OpeningHours per weekday, or FacilityFlagsError."""
    from counter_app.records import OpeningHours

    found = _HOURS.match(text)
    if not found:
        raise FacilityFlagsError(f"--hours {text!r}: write {HOURS_FORMAT}")
    days, opens, closes = found.groups()
    start, end = _time(opens, text), _time(closes, text)
    if end <= start:
        raise FacilityFlagsError(f"--hours {text!r}: the closing time must be after the opening")
    return tuple(OpeningHours(day, start, end) for day in _weekdays(days, text))


def _weekdays(text: str, whole: str) -> list[int]:
    days: list[int] = []
    for part in text.lower().split(","):
        first, _, last = part.partition("-")
        if first not in WEEKDAYS or (last and last not in WEEKDAYS):
            raise FacilityFlagsError(f"--hours {whole!r}: weekdays are {', '.join(WEEKDAYS)}")
        a, b = WEEKDAYS.index(first), WEEKDAYS.index(last or first)
        if b < a:
            raise FacilityFlagsError(f"--hours {whole!r}: {part} runs backwards")
        days.extend(range(a, b + 1))
    return days


def _time(text: str, whole: str) -> dt.time:
    hour, minute = (int(n) for n in text.split(":"))
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        raise FacilityFlagsError(f"--hours {whole!r}: {text} is not a time of day")
    return dt.time(hour, minute)


def describe(facility: FacilityInfo) -> str:
    """One line: name, kind, slot length, hours, limit and deadline."""
    hours = " ".join(
        f"{WEEKDAYS[h.weekday]} {h.opens:%H:%M}-{h.closes:%H:%M}" for h in facility.hours
    )
    return (
        f"{facility.name} ({facility.kind.value}), {facility.slot_minutes}-minute slots, {hours}; "
        f"at most {facility.max_future_bookings} future bookings per resident, cancellable "
        f"until {facility.cancel_deadline_hours} h before"
    )


def _json(facility: FacilityInfo) -> dict[str, object]:
    return {
        "id": facility.id,
        "name": facility.name,
        "kind": facility.kind.value,
        "slot_minutes": facility.slot_minutes,
        "hours": [
            {
                "weekday": WEEKDAYS[h.weekday],
                "opens": f"{h.opens:%H:%M}",
                "closes": f"{h.closes:%H:%M}",
            }
            for h in facility.hours
        ],
        "max_future_bookings": facility.max_future_bookings,
        "cancel_deadline_hours": facility.cancel_deadline_hours,
    }
