"""Japanese era (和暦) dates, and the face unlock number built from them (card-profile.md §4)."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import Final

from counter_app.errors import CounterError

# First day of each era in the Gregorian calendar, oldest first.  Meiji is counted from the day
# the era name was proclaimed (1868-10-23); the app has no use for earlier dates.
ERAS: Final[tuple[tuple[str, date], ...]] = (
    ("明治", date(1868, 10, 23)),
    ("大正", date(1912, 7, 30)),
    ("昭和", date(1926, 12, 25)),
    ("平成", date(1989, 1, 8)),
    ("令和", date(2019, 5, 1)),
)

SECURITY_CODE_LENGTH: Final = 4
UNLOCK_NUMBER_LENGTH: Final = 14
_ASCII_DIGITS: Final = frozenset("0123456789")


class SecurityCodeError(CounterError, ValueError):
    """A security code that is not exactly four ASCII digits."""

    what = "The security code must be exactly 4 digits."
    todo = "Enter the 4-digit security code printed on the card."


def is_ascii_digits(text: str, length: int) -> bool:
    """True when `text` is exactly `length` characters, each one of 0-9 (no full-width digits)."""
    return len(text) == length and all(c in _ASCII_DIGITS for c in text)


def add_years(day: date, years: int) -> date:
    """The same day `years` later (or earlier); 28 February for 29 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def era_of(d: date) -> tuple[str, int]:
    """The era name and the year within the era: 1955-02-17 -> (昭和, 30)."""
    for name, start in reversed(ERAS):
        if d >= start:
            return name, d.year - start.year + 1
    raise ValueError(f"{d.isoformat()} is before the Meiji era ({ERAS[0][1].isoformat()})")


def format_era_date(d: date) -> str:
    """The date as printed on the card, e.g. 昭和30年2月17日; an era's first year is 元年."""
    name, year = era_of(d)
    year_text = "元" if year == 1 else str(year)
    return f"{name}{year_text}年{d.month}月{d.day}日"


def era_yymmdd(d: date) -> str:
    """Six digits: the era year, month and day, two digits each (1955-02-17 -> 300217)."""
    _, year = era_of(d)
    return f"{year:02d}{d.month:02d}{d.day:02d}"


def unlock_number(birth: date, expiry: date, security_code: str) -> str:
    """The 14-digit unlock number 照合番号B: era birth date YYMMDD, expiry year, security code."""
    if not is_ascii_digits(security_code, SECURITY_CODE_LENGTH):
        raise SecurityCodeError("security code is not 4 ASCII digits")
    if not 1000 <= expiry.year <= 9999:
        raise ValueError(f"expiry year {expiry.year} does not have four digits")
    number = f"{era_yymmdd(birth)}{expiry.year:04d}{security_code}"
    assert len(number) == UNLOCK_NUMBER_LENGTH
    return number


class EraDateFormatError(CounterError, ValueError):
    """Text that is not an era date such as 昭和30年2月17日 or S30.2.17."""

    what = "The birth date is not written as a Japanese era date."
    todo = (
        "Type the era and the date as printed on the card, for example S30.2.17 or 昭和30年2月17日 "
        "(M, T, S, H, R for 明治, 大正, 昭和, 平成, 令和)."
    )


class EraDateRangeError(CounterError, ValueError):
    """An era date that does not exist: a wrong day, or a year after the era ended."""

    what = "That birth date does not exist in that era."
    todo = "Check the era, the year, the month and the day printed on the card."


# The era initials clerks type (M30, S55...), as on forms and in the card readers' software.
ERA_INITIALS: Final = {"M": "明治", "T": "大正", "S": "昭和", "H": "平成", "R": "令和"}
_ERA_DATE = re.compile(
    r"(?P<era>明治|大正|昭和|平成|令和|[MTSHR])\s*"
    r"(?:(?P<packed>\d{6})|(?P<year>元|\d{1,2})\s*[年./\-\s]\s*(?P<month>\d{1,2})\s*[月./\-\s]\s*"
    r"(?P<day>\d{1,2})\s*日?)\s*生?"
)


def parse_era_date(text: str) -> date:
    """The date of an era date as printed (昭和30年2月17日) or typed (S30.2.17, s300217)."""
    normal = unicodedata.normalize("NFKC", text).strip().upper()
    match = _ERA_DATE.fullmatch(normal)
    if match is None:
        raise EraDateFormatError("not an era date")
    era = ERA_INITIALS.get(match["era"], match["era"])
    if match["packed"]:
        packed = match["packed"]
        year, month, day = int(packed[:2]), int(packed[2:4]), int(packed[4:])
    else:
        year = 1 if match["year"] == "元" else int(match["year"])
        month, day = int(match["month"]), int(match["day"])
    start = dict(ERAS)[era]
    try:
        found = date(start.year + year - 1, month, day)
    except ValueError:
        raise EraDateRangeError("no such day") from None
    if year < 1 or found < ERAS[0][1] or era_of(found)[0] != era:
        raise EraDateRangeError("the date is outside the era")
    return found
