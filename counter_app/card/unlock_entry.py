"""The unlock number 照合番号B from what is printed on the card: era birth date, expiry year, code.

A clerk cannot find the 14 digits on the card; they find the birth date (in the Japanese era),
the expiry date and the 4-digit security code. This composes the number from those three
(card-profile.md §4), with an error in words for each malformed field.
"""

from __future__ import annotations

import unicodedata
from datetime import date
from typing import Final

from counter_app.errors import CounterError
from counter_app.japanese_dates import (
    SECURITY_CODE_LENGTH,
    EraDateFormatError,
    SecurityCodeError,
    is_ascii_digits,
    parse_era_date,
    unlock_number,
)

EXPIRY_YEAR_LENGTH: Final = 4


class ExpiryYearError(CounterError, ValueError):
    """An expiry year that is not four digits."""

    what = "The expiry year must be 4 digits."
    todo = "Type the year of the expiry date printed on the card, for example 2036."


def _digits(text: str) -> str:
    """Full-width digits as ASCII, spaces dropped: what a clerk typed, as the card expects it."""
    return unicodedata.normalize("NFKC", text).replace(" ", "")


def unlock_number_from_printed(birth_as_printed: str, expiry_year: str, security_code: str) -> str:
    """The 14-digit unlock number of the birth date as printed, the expiry year and the code.

    The birth date may also be its six era digits YYMMDD alone (300217), which is all the number
    holds of it. Raises EraDateFormatError / EraDateRangeError, ExpiryYearError or
    SecurityCodeError, each naming the field to correct.
    """
    year = _digits(expiry_year)
    if not is_ascii_digits(year, EXPIRY_YEAR_LENGTH) or year.startswith("0"):
        raise ExpiryYearError("expiry year is not 4 digits")
    code = _digits(security_code)
    if not is_ascii_digits(code, SECURITY_CODE_LENGTH):
        raise SecurityCodeError("security code is not 4 digits")
    packed = _digits(birth_as_printed)
    if is_ascii_digits(packed, 6):
        month, day = int(packed[2:4]), int(packed[4:])
        if packed[:2] == "00" or not (1 <= month <= 12 and 1 <= day <= 31):
            raise EraDateFormatError("no such era date")
        return f"{packed}{year}{code}"
    # Only the expiry's year enters the number; the day within it does not matter.
    return unlock_number(parse_era_date(birth_as_printed), date(int(year), 1, 1), code)
