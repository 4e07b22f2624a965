"""Which new PINs are too easy to guess: one digit repeated, a run of digits, the birth date.

The resident chooses the PIN; the counter refuses the ones the PIN dialog warns about, with a
sentence why (the error's `what`). The birth date counts in the forms people use for it: month
and day (0314), day and month (1403), the Western year (1955), the last two digits of the year
with the month (5503), and the Japanese era year with the month (昭和30年3月: 3003).
"""

from __future__ import annotations

import datetime as dt

from counter_app.japanese_dates import era_yymmdd
from counter_app.workflows.errors import (
    PinBirthDateError,
    PinSameDigitsError,
    PinSequenceError,
    WeakPinError,
)

_DIGITS = "0123456789"


def _is_run(pin: str) -> bool:
    return pin in _DIGITS or pin in _DIGITS[::-1]


def birth_date_pins(birth_date: dt.date) -> frozenset[str]:
    """The 4-digit numbers a birth date is commonly written as."""
    month, day = f"{birth_date.month:02d}", f"{birth_date.day:02d}"
    return frozenset(
        {
            month + day,
            day + month,
            f"{birth_date.year:04d}",
            f"{birth_date.year % 100:02d}{month}",
            era_yymmdd(birth_date)[:4],
        }
    )


def weakness(pin: str, birth_date: dt.date | None = None) -> WeakPinError | None:
    """Why `pin` (4 digits) is too easy to guess, or None when it is not."""
    if len(set(pin)) == 1:
        return PinSameDigitsError()
    if _is_run(pin):
        return PinSequenceError()
    if birth_date is not None and pin in birth_date_pins(birth_date):
        return PinBirthDateError()
    return None
