"""`counter-app db import FILE.csv`: residents from a CSV file, all or none (docs/records-csv.md).

The whole file is read and checked first; the first bad row is reported with its line number
and a plain message (never the record code itself). Then every row goes in through
`BulkWriter` in one transaction with one audit event, so a failure leaves nothing of the file.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from counter_app.records.bulk import BulkWriter, existing_fingerprints
from counter_app.records.errors import CsvImportError, RecordCodeFormatError
from counter_app.records.store import Store
from counter_app.records.types import NewResident, Outcome, RecordCode, ResidentStatus, Sex

REQUIRED = (
    "family_name", "given_name", "family_name_kana", "given_name_kana", "birth_date", "sex",
    "address",
)  # fmt: skip
OPTIONAL = (
    "postal_code", "household_code", "relationship_to_head", "latin_name", "tsusho",
    "tsusho_kana", "nationality", "record_code", "status", "status_since",
)  # fmt: skip
COLUMNS = REQUIRED + OPTIONAL
BATCH = 10_000
_SEX = {"0": Sex.UNKNOWN, "1": Sex.MALE, "2": Sex.FEMALE, "9": Sex.NOT_APPLICABLE,
        "男": Sex.MALE, "女": Sex.FEMALE}  # fmt: skip
_KANA = re.compile(r"^[\u30a1-\u30fa\u30fc\u30fd\u30fe\s]+$")
_HIRAGANA_TO_KATAKANA = {c: c + 0x60 for c in range(0x3041, 0x3097)}
_DATE = re.compile(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$")
_POSTAL = re.compile(r"^\d{3}-?\d{4}$")
_NATIONALITY = re.compile(r"^[A-Z]{2,3}$")
_LIMITS = {"family_name": 64, "given_name": 64, "family_name_kana": 128, "given_name_kana": 128,
           "latin_name": 128, "tsusho": 128, "tsusho_kana": 256, "address": 256,
           "household_code": 32, "relationship_to_head": 16}  # fmt: skip


@dataclass(frozen=True)
class ImportReport:
    """What an import added."""

    residents: int
    households: int
    sha256: str


def read_residents(data: bytes) -> list[tuple[int, NewResident]]:
    """Every row of the file as (line number, resident); CsvImportError at the first bad row."""
    try:
        content = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise CsvImportError(
            f"line {line}: the file is not UTF-8 text (save it as UTF-8 CSV)", line
        ) from None
    rows = _rows(content)
    try:
        header_line, header = next(rows)
    except StopIteration:
        raise CsvImportError("line 1: the file is empty; it needs a header row", 1) from None
    names = [unicodedata.normalize("NFKC", h).strip().lower() for h in header]
    unknown = [n for n in names if n not in COLUMNS]
    if unknown:
        raise CsvImportError(f"line {header_line}: unknown column {unknown[0]!r}", header_line)
    missing = [n for n in REQUIRED if n not in names]
    if missing:
        raise CsvImportError(f"line {header_line}: column {missing[0]!r} is missing", header_line)
    if len(set(names)) != len(names):
        raise CsvImportError(f"line {header_line}: a column appears twice", header_line)
    result: list[tuple[int, NewResident]] = []
    seen_codes: dict[RecordCode, int] = {}
    for line, cells in rows:
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(names):
            raise CsvImportError(f"line {line}: {len(cells)} values for {len(names)} columns", line)
        new = _resident(line, dict(zip(names, (c.strip() for c in cells), strict=True)))
        if new.record_code is not None:
            first = seen_codes.setdefault(new.record_code, line)
            if first != line:
                raise CsvImportError(f"line {line}: the same record code as line {first}", line)
        result.append((line, new))
    return result


def _rows(content: str) -> Iterator[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(content, newline=""), strict=True)
    start = 1
    try:
        for cells in reader:
            yield start, cells
            start = reader.line_num + 1
    except csv.Error as exc:
        raise CsvImportError(f"line {start}: not valid CSV ({exc})", start) from None


def _resident(line: int, row: dict[str, str]) -> NewResident:
    def fail(message: str) -> CsvImportError:
        return CsvImportError(f"line {line}: {message}", line)

    for name in REQUIRED:
        if not row.get(name):
            raise fail(f"{name} is empty")
    for name, limit in _LIMITS.items():
        if len(row.get(name, "")) > limit:
            raise fail(f"{name} is longer than {limit} characters")
    for name in ("family_name_kana", "given_name_kana", "tsusho_kana"):
        value = unicodedata.normalize("NFKC", row.get(name, "")).translate(_HIRAGANA_TO_KATAKANA)
        if value and not _KANA.match(value):
            raise fail(f"{name} must be written in kana")
    birth = _date(row["birth_date"])
    if birth is None or birth > dt.date.today():
        raise fail(f"birth_date {row['birth_date']!r} is not a past date (YYYY-MM-DD)")
    sex = _SEX.get(unicodedata.normalize("NFKC", row["sex"]))
    if sex is None:
        raise fail(f"sex {row['sex']!r} is not one of 0, 1, 2, 9, 男, 女")
    status_text = row.get("status") or ResidentStatus.RESIDENT.value
    try:
        status = ResidentStatus(status_text)
    except ValueError:
        raise fail(f"status {status_text!r} is not resident, moved_out or deceased") from None
    since = None
    if row.get("status_since"):
        since = _date(row["status_since"])
        if since is None:
            raise fail(f"status_since {row['status_since']!r} is not a date (YYYY-MM-DD)")
    postal = row.get("postal_code") or None
    if postal is not None and not _POSTAL.match(unicodedata.normalize("NFKC", postal)):
        raise fail(f"postal_code {postal!r} is not like 123-4567")
    nationality = row.get("nationality") or None
    if nationality is not None and not _NATIONALITY.match(nationality):
        raise fail(f"nationality {nationality!r} is not a 2- or 3-letter country code")
    code = None
    if row.get("record_code"):
        try:
            code = RecordCode(row["record_code"])
        except RecordCodeFormatError:
            raise fail("record_code is not 11 digits") from None
    return NewResident(
        family_name=row["family_name"],
        given_name=row["given_name"],
        family_name_kana=row["family_name_kana"],
        given_name_kana=row["given_name_kana"],
        birth_date=birth,
        sex=sex,
        address=row["address"],
        relationship_to_head=row.get("relationship_to_head") or "世帯主",
        household_code=row.get("household_code") or None,
        postal_code=postal,
        latin_name=row.get("latin_name") or None,
        tsusho=row.get("tsusho") or None,
        tsusho_kana=row.get("tsusho_kana") or None,
        nationality=nationality,
        record_code=code,
        status=status,
        status_since=since,
    )


def _date(text: str) -> dt.date | None:
    match = _DATE.match(unicodedata.normalize("NFKC", text))
    if match is None:
        return None
    try:
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def import_csv(store: Store, path: Path) -> ImportReport:
    """Add every resident of the CSV file at `path` in one transaction, or none of them."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CsvImportError(f"the file cannot be read ({exc.strerror})", 0) from None
    digest = hashlib.sha256(data).hexdigest()
    rows = read_residents(data)
    cipher = store.cipher
    coded = [(line, cipher.fingerprint(n.record_code)) for line, n in rows if n.record_code]
    with store.db.transaction() as s:
        taken = existing_fingerprints(s, [fp for _, fp in coded])
        for line, fp in coded:
            if fp in taken:
                raise CsvImportError(
                    f"line {line}: a resident with this record code is already registered", line
                )
        writer = BulkWriter(s, cipher, store.clock())
        for start in range(0, len(rows), BATCH):
            writer.add([new for _, new in rows[start : start + BATCH]])
        writer.finish()
        store.audit.append(
            s,
            action="residents.imported",
            outcome=Outcome.OK,
            detail={
                "residents": writer.residents_added,
                "households": writer.households_added,
                "file_sha256": digest,
            },
        )
    store.db.vacuum_after_bulk_load()
    return ImportReport(writer.residents_added, writer.households_added, digest)
