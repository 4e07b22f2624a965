"""Japanese era dates and the face unlock number."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from counter_app.errors import CounterError
from counter_app.japanese_dates import (
    SecurityCodeError,
    era_of,
    era_yymmdd,
    format_era_date,
    unlock_number,
)

# (first day of the era, era name, the era before it, its last year)
BOUNDARIES = [
    (date(1912, 7, 30), "大正", "明治", 45),
    (date(1926, 12, 25), "昭和", "大正", 15),
    (date(1989, 1, 8), "平成", "昭和", 64),
    (date(2019, 5, 1), "令和", "平成", 31),
]


def test_profile_example_unlock_number() -> None:
    assert unlock_number(date(1955, 2, 17), date(2036, 2, 16), "4821") == "30021720364821"


def test_profile_example_era_forms() -> None:
    assert era_of(date(1955, 2, 17)) == ("昭和", 30)
    assert format_era_date(date(1955, 2, 17)) == "昭和30年2月17日"
    assert era_yymmdd(date(1955, 2, 17)) == "300217"


@pytest.mark.parametrize(("first_day", "era", "previous", "last_year"), BOUNDARIES)
def test_every_era_boundary(first_day: date, era: str, previous: str, last_year: int) -> None:
    eve = first_day - timedelta(days=1)
    assert era_of(eve) == (previous, last_year)
    assert era_of(first_day) == (era, 1)
    assert format_era_date(first_day) == f"{era}元年{first_day.month}月{first_day.day}日"
    assert format_era_date(eve) == f"{previous}{last_year}年{eve.month}月{eve.day}日"


def test_reiwa_starts_on_1_may_2019() -> None:
    assert format_era_date(date(2019, 5, 1)) == "令和元年5月1日"
    assert format_era_date(date(2019, 4, 30)) == "平成31年4月30日"
    assert era_yymmdd(date(2019, 5, 1)) == "010501"
    assert era_yymmdd(date(2019, 4, 30)) == "310430"


def test_showa_64_lasted_seven_days() -> None:
    assert format_era_date(date(1989, 1, 7)) == "昭和64年1月7日"
    assert format_era_date(date(1989, 1, 8)) == "平成元年1月8日"


def test_second_year_of_an_era_counts_from_1_january() -> None:
    assert era_of(date(2020, 1, 1)) == ("令和", 2)
    assert era_of(date(1927, 1, 1)) == ("昭和", 2)


def test_meiji_start_and_earlier_dates() -> None:
    assert era_of(date(1868, 10, 23)) == ("明治", 1)
    assert format_era_date(date(1868, 10, 23)) == "明治元年10月23日"
    with pytest.raises(ValueError, match="Meiji"):
        era_of(date(1868, 10, 22))
    with pytest.raises(ValueError):
        era_yymmdd(date(1800, 1, 1))


@given(st.dates(min_value=date(1868, 10, 23), max_value=date(2099, 12, 31)))
def test_era_year_and_six_digits_agree(d: date) -> None:
    name, year = era_of(d)
    assert year in range(1, 100)
    assert era_yymmdd(d) == f"{year:02d}{d:%m%d}"
    assert format_era_date(d).startswith(name)


@pytest.mark.parametrize("code", ["482", "48210", "48a1", "４８２１", " 482", ""])
def test_unlock_number_refuses_codes_that_are_not_four_ascii_digits(code: str) -> None:
    with pytest.raises(SecurityCodeError) as caught:
        unlock_number(date(1955, 2, 17), date(2036, 1, 1), code)
    assert isinstance(caught.value, CounterError)
    assert "4 digits" in caught.value.what


def test_unlock_number_for_a_heisei_birth() -> None:
    assert unlock_number(date(1995, 12, 3), date(2034, 6, 30), "0007") == "07120320340007"
