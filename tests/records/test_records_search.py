"""Search at scale: capped candidates, the bounded scan of short address fragments, query plans."""

from __future__ import annotations

import datetime as dt

import pytest

from counter_app.records import Register, _identity
from counter_app.records.access import plan_indexes
from counter_app.records.errors import SearchDateError, SearchFutureDateError
from counter_app.records.search import parse_query


@pytest.fixture
def seeded(register: Register) -> Register:
    register.seed_demo(300, seed=11)
    return register


def test_a_short_address_fragment_alone_looks_at_a_bounded_window(
    seeded: Register, monkeypatch: pytest.MonkeyPatch
) -> None:
    access = seeded.access(
        seeded.operators.login_with_password("demo-verifying", "demo-verifying-password"),
        "identity-check",
    )
    everyone = access.search("addr:練馬", limit=200)
    assert len(everyone.hits) == 200 and everyone.truncated  # 300 residents, all in 練馬区
    monkeypatch.setattr(_identity, "SHORT_SCAN_ROWS", 20)
    windowed = access.search("addr:練馬", limit=200)
    assert windowed.truncated  # the register is larger than the window: said so
    assert sorted(h.id for h in windowed.hits) == list(range(281, 301))  # the 20 newest
    event = next(e for e in seeded.audit_events() if e.action == "resident.search")
    assert event.detail["incomplete"] is True
    # with a name, the name's index finds the rows and the fragment only filters them
    name = windowed.hits[0]
    both = access.search(f"{name.family_name_kana} addr:練馬").hits
    assert name.id in {h.id for h in both}


def test_a_common_name_is_capped_and_says_so(
    seeded: Register, monkeypatch: pytest.MonkeyPatch
) -> None:
    access = seeded.access(
        seeded.operators.login_with_password("demo-verifying", "demo-verifying-password"),
        "identity-check",
    )
    whole = access.search("addr:練馬区", limit=200)  # 3+ characters: the trigram index
    monkeypatch.setattr(_identity, "CANDIDATE_CAP", 7)
    capped = access.search("addr:練馬区", limit=200)
    assert len(whole.hits) == 200 and len(capped.hits) == 7 and capped.truncated
    assert all("練馬区" in h.address for h in capped.hits)


def test_the_plan_names_the_index_each_kind_of_search_uses(
    seeded: Register, records_url: str
) -> None:
    def used(query: str) -> list[str]:
        return plan_indexes(seeded.search_plan("identity-check", query))

    assert used("1950-04-01")
    if records_url.startswith("sqlite"):
        assert used("サトウ") == ["ix_residents_kana_key"]
        assert used("1950-04-01") == ["ix_residents_birth_date_kana_key"]
        assert used("佐藤")[:2] == ["ix_residents_kanji_key", "ix_residents_tsusho_key"]
        assert used("NGUYEN")[0] == "ix_residents_latin_key"
        assert used("addr:石神井町")[0] == "residents_address_fts (FTS5)"


@pytest.mark.parametrize("typed", ["2099-13-45", "1950/02/30", "19500230"])
def test_a_date_that_does_not_exist_is_refused_as_such(typed: str) -> None:
    with pytest.raises(SearchDateError):
        parse_query(typed)


def test_a_date_after_today_is_refused_and_a_long_number_stays_an_address_term() -> None:
    with pytest.raises(SearchFutureDateError):
        parse_query("2031-05-01", today=dt.date(2030, 1, 1))
    assert parse_query("2029-05-01", today=dt.date(2030, 1, 1)).birth_dates == (
        dt.date(2029, 5, 1),
    )
    assert parse_query("7500001").address_fragments == ("7500001",)
