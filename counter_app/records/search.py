"""Search queries: what a clerk types, split into name, birth-date and address terms.

Pure functions, shared by the register (to build the normalised `*_key` columns) and the search
(to normalise what is typed the same way). Kana is folded to full-width katakana, Latin to
upper-case A-Z, everything through NFKC, spaces removed.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field

from counter_app.records.errors import (
    RecordCodeNotASearchKeyError,
    SearchDateError,
    SearchFutureDateError,
    SearchQueryError,
)

_HIRAGANA_TO_KATAKANA = {c: c + 0x60 for c in range(0x3041, 0x3097)}
_KANA = re.compile(r"^[\u30a1-\u30fa\u30fc\u30fd\u30fe]+$")
_LATIN = re.compile(r"^[A-Za-z][A-Za-z.'\-]*$")
_DATE = re.compile(r"^(\d{4})[-/.]?(\d{1,2})[-/.]?(\d{1,2})$")
_RECORD_CODE = re.compile(r"^\d{11}$")
_ADDRESS_MARKS = set("都道府県市区町村郡丁目番地号")
_ADDRESS_PREFIXES = ("addr:", "住所:")


def fold(text: str) -> str:
    """NFKC, no spaces or middle dots."""
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"[\s\u30fb\u00b7]", "", text)


def kana_key(*parts: str) -> str:
    """Full-width katakana, no spaces: ヤマダタロウ for やまだ たろう."""
    return fold("".join(parts)).translate(_HIRAGANA_TO_KATAKANA)


def kanji_key(*parts: str) -> str:
    """The name as written, NFKC, no spaces."""
    return fold("".join(parts))


def latin_key(name: str) -> str:
    """Upper-case A-Z and digits only: SMITHJOHN for "Smith, John"."""
    return re.sub(r"[^A-Z0-9]", "", fold(name).upper())


def address_key(address: str) -> str:
    """The address NFKC-folded (ASCII digits and hyphens), no spaces."""
    return fold(address).replace("ー", "-").replace("−", "-")


def prefix_upper_bound(prefix: str) -> str:
    """The smallest string greater than every string starting with `prefix` (code-point order)."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


@dataclass(frozen=True)
class SearchTerms:
    """A parsed query; every term given must match (AND)."""

    kana: str | None = None
    kanji: str | None = None
    latin: str | None = None
    birth_dates: tuple[dt.date, ...] = field(default=())
    address_fragments: tuple[str, ...] = field(default=())

    def kinds(self) -> list[str]:
        """Which kinds of term the query holds, for the audit trail."""
        named = [("kana", self.kana), ("kanji", self.kanji), ("latin", self.latin)]
        kinds = [name for name, value in named if value]
        if self.birth_dates:
            kinds.append("birth_date")
        if self.address_fragments:
            kinds.append("address")
        return kinds


def parse_query(query: str, today: dt.date | None = None) -> SearchTerms:
    """Split a typed query into terms; refuse record codes, empty queries, and dates that do
    not exist or are after `today` (the local date when not given)."""
    kana: list[str] = []
    kanji: list[str] = []
    latin: list[str] = []
    dates: list[dt.date] = []
    addresses: list[str] = []
    folded = unicodedata.normalize("NFKC", query)
    if _RECORD_CODE.match(re.sub(r"[\s\-]", "", folded)):  # e.g. "8392 0174 655"
        raise RecordCodeNotASearchKeyError("a record code was typed as a search query")
    for raw in folded.split():
        token = raw.strip(",、")
        if not token:
            continue
        if _RECORD_CODE.match(token.replace("-", "")):
            raise RecordCodeNotASearchKeyError("a record code was typed as a search term")
        if token.startswith(_ADDRESS_PREFIXES):
            fragment = address_key(token.split(":", 1)[1])
            if fragment:
                addresses.append(fragment)
            continue
        date = _parse_date(token)
        if date is not None:
            if date > (today or dt.date.today()):
                raise SearchFutureDateError(f"{date.isoformat()} is after today")
            dates.append(date)
        elif _KANA.match(token.translate(_HIRAGANA_TO_KATAKANA)):
            kana.append(kana_key(token))
        elif _LATIN.match(token):
            latin.append(latin_key(token))
        elif any(c.isdigit() for c in token) or token[-1] in _ADDRESS_MARKS:
            addresses.append(address_key(token))
        else:
            kanji.append(kanji_key(token))
    terms = SearchTerms(
        kana="".join(kana) or None,
        kanji="".join(kanji) or None,
        latin="".join(latin) or None,
        birth_dates=tuple(dates),
        address_fragments=tuple(addresses),
    )
    if not terms.kinds():
        raise SearchQueryError("empty search")
    return terms


def _parse_date(token: str) -> dt.date | None:
    match = _DATE.match(token)
    if match is None:
        return None
    try:
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError as exc:
        if token.isdigit() and len(token) != 8:  # a number like 7500001 is not a date
            return None
        # shaped like a date (2099-13-45, 20991345): say so, rather than "no one found"
        raise SearchDateError(f"{token!r} is not a calendar date") from exc
