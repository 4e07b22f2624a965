"""Japanese era (和暦) dates, and the face unlock number built from them (card-profile.md §4)."""

from __future__ import annotations

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
