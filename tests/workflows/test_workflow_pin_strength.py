"""A new PIN easy to guess is refused with the reason, at the window and from a PIN file."""

from __future__ import annotations

import datetime as dt

import pytest

from counter_app.workflows import new_pin
from counter_app.workflows.errors import (
    PinBirthDateError,
    PinMismatchError,
    PinSameDigitsError,
    PinSequenceError,
)

BORN = dt.date(1989, 1, 8)  # 平成元年1月8日


@pytest.mark.parametrize(
    ("pin", "refusal"),
    [
        ("0000", PinSameDigitsError),
        ("5555", PinSameDigitsError),
        ("0123", PinSequenceError),
        ("6789", PinSequenceError),
        ("3210", PinSequenceError),
        ("0108", PinBirthDateError),  # month and day
        ("0801", PinBirthDateError),  # day and month
        ("1989", PinBirthDateError),  # the year
        ("8901", PinBirthDateError),  # the year's last two digits and the month
        ("0101", PinBirthDateError),  # 平成1年1月
    ],
)
def test_a_pin_easy_to_guess_is_refused_with_its_reason(pin: str, refusal: type[Exception]) -> None:
    with pytest.raises(refusal):
        new_pin(pin, pin, BORN)


def test_other_pins_are_accepted_and_the_birth_date_counts_only_when_known() -> None:
    for pin in ("2580", "1357", "7391", "1029"):
        assert new_pin(pin, pin, BORN) == pin
    assert new_pin("0108", "0108") == "0108"  # no birth date given: not a birth date


def test_two_different_entries_are_a_mismatch_before_anything_else() -> None:
    with pytest.raises(PinMismatchError):
        new_pin("1111", "2222", BORN)
