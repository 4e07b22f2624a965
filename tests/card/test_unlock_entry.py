"""The unlock number 照合番号B composed from what is printed on the card, as a clerk types it."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from counter_app.card.unlock_entry import ExpiryYearError, unlock_number_from_printed
from counter_app.errors import CounterError
from counter_app.japanese_dates import (
    EraDateFormatError,
    EraDateRangeError,
    SecurityCodeError,
    format_era_date,
    parse_era_date,
    unlock_number,
)


@pytest.mark.parametrize(
    "printed",
    [
        "昭和30年2月17日",
        "昭和30年 2月17日生",
        "S30.2.17",
        "s30/2/17",
        "S300217",
        "Ｓ３０．２．１７",
    ],
)
def test_the_profile_example_from_each_way_of_typing_the_birth_date(printed: str) -> None:
    assert unlock_number_from_printed(printed, "2036", "4821") == "30021720364821"


def test_full_width_year_and_code_are_taken_as_digits() -> None:
    assert unlock_number_from_printed("H1.1.8", "２０３６", "０４８２") == "01010820360482"


def test_the_first_year_of_an_era_is_typed_as_gannen() -> None:
    assert parse_era_date("令和元年5月1日") == date(2019, 5, 1)


@given(st.dates(min_value=date(1868, 10, 23), max_value=date(2100, 12, 31)))
def test_the_printed_date_reads_back_as_the_same_day(birth: date) -> None:
    assert parse_era_date(format_era_date(birth)) == birth
    assert unlock_number_from_printed(format_era_date(birth), "2036", "0001") == unlock_number(
        birth, date(2036, 6, 30), "0001"
    )


@pytest.mark.parametrize(
    ("birth", "year", "code", "error"),
    [
        ("30.2.17", "2036", "4821", EraDateFormatError),  # no era
        ("昭和30年2月", "2036", "4821", EraDateFormatError),
        ("S30.2.30", "2036", "4821", EraDateRangeError),  # no 30 February
        ("H31.5.1", "2036", "4821", EraDateRangeError),  # Heisei had ended: 令和元年
        ("S64.1.8", "2036", "4821", EraDateRangeError),
        ("S30.2.17", "36", "4821", ExpiryYearError),
        ("S30.2.17", "0036", "4821", ExpiryYearError),
        ("S30.2.17", "2036", "482", SecurityCodeError),
        ("S30.2.17", "2036", "48a1", SecurityCodeError),
    ],
)
def test_each_malformed_field_is_named_in_words(
    birth: str, year: str, code: str, error: type[CounterError]
) -> None:
    with pytest.raises(error) as caught:
        unlock_number_from_printed(birth, year, code)
    assert caught.value.what and caught.value.todo
