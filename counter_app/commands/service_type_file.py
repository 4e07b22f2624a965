"""A service type described in a small TOML or JSON file, for `counter-app services add-type`.

    code = "pool"
    name = "市民プール利用"
    aid = "F0524343504F4F4C"
    roles = ["applet_admin", "supervisor"]     # who administers it; this is the default

    [ordinance]
    name = "見本市住民基本台帳カード利用条例"
    article = "第7条"
    in_force_from = 2027-04-01

    [[files]]
    fid = 1
    size = 16
    read = "pin"
    update = "issuer"
    field = "member_number"

JSON has the same keys (`"in_force_from": "2027-04-01"`). Every mistake is an error naming the
key and what it must be, so the supervisor can fix the file at once.
"""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from pathlib import Path
from typing import Final

from counter_app.card.profile import MULTIPURPOSE_AID_PREFIX
from counter_app.errors import CounterError
from counter_app.records import NewServiceType, OrdinanceInfo, Role, ServiceFile
from counter_app.records.multipurpose import ACCESS_WORDS

AID_BYTES: Final = (5, 16)  # ISO/IEC 7816-4: an application identifier is 5 to 16 bytes
MAX_CODE: Final = 32
MAX_NAME: Final = 64
KEYS: Final = frozenset({"code", "name", "aid", "roles", "ordinance", "files"})
ORDINANCE_KEYS: Final = frozenset({"name", "article", "in_force_from", "repealed_on"})
FILE_KEYS: Final = frozenset({"fid", "size", "read", "update", "field"})


class ServiceTypeFileError(CounterError):
    """A service type file that cannot be used; the detail names the key and what it must be."""

    what = "The service type file cannot be used."
    todo = (
        "Correct what the detail names (docs/services.md shows an example file), then run the "
        "command again."
    )

    def __init__(self, path: Path, problem: str) -> None:
        super().__init__(f"{path.name}: {problem}")


def read_service_type(path: Path) -> NewServiceType:
    """The service type `path` describes (TOML, or JSON by its .json suffix), checked."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ServiceTypeFileError(path, f"cannot be read ({exc.strerror})") from None
    try:
        data = json.loads(text) if path.suffix.lower() == ".json" else tomllib.loads(text)
    except (ValueError, tomllib.TOMLDecodeError) as exc:
        raise ServiceTypeFileError(path, f"is not valid {_kind(path)}: {exc}") from None
    try:
        return service_type_of(data)
    except ValueError as exc:
        raise ServiceTypeFileError(path, str(exc)) from None


def service_type_of(data: object) -> NewServiceType:
    """The service type of a parsed file; ValueError naming the key that is wrong."""
    table = _table(data, "the file", KEYS, required={"code", "name", "aid", "ordinance", "files"})
    code = _text(table, "code", MAX_CODE)
    if not code.isascii() or not code.replace("-", "").replace("_", "").isalnum():
        raise ValueError(f"code {code!r}: use ASCII letters, digits, - and _ (e.g. pool)")
    files_data = table["files"]
    if not isinstance(files_data, list) or not files_data:
        raise ValueError("files: a list of at least one file ([[files]] in TOML)")
    files = tuple(_file(entry, n) for n, entry in enumerate(files_data, 1))
    fids = [f.fid for f in files]
    if len(set(fids)) != len(fids):
        raise ValueError("files: two files have the same fid")
    return NewServiceType(
        code=code,
        name=_text(table, "name", MAX_NAME),
        aid=checked_aid(table["aid"]),
        files=files,
        ordinance=_ordinance(table["ordinance"]),
        roles=_roles(table.get("roles", ["applet_admin", "supervisor"])),
    )


def checked_aid(value: object) -> str:
    """The AID in upper-case hex: 5 to 16 bytes under the project's multipurpose prefix."""
    prefix = MULTIPURPOSE_AID_PREFIX.hex().upper()
    if not isinstance(value, str):
        raise ValueError("aid: a hex string such as F0524343504F4F4C")
    try:
        aid = bytes.fromhex(value)
    except ValueError:
        raise ValueError(f"aid {value!r} is not hexadecimal (two digits per byte)") from None
    low, high = AID_BYTES
    if not low <= len(aid) <= high:
        raise ValueError(f"aid {value!r} is {len(aid)} bytes; an AID is {low} to {high} bytes")
    if not aid.startswith(MULTIPURPOSE_AID_PREFIX):
        raise ValueError(f"aid {value!r}: a multipurpose service's AID starts with {prefix}")
    return aid.hex().upper()


def _file(data: object, number: int) -> ServiceFile:
    where = f"files[{number}]"
    table = _table(data, where, FILE_KEYS, required=FILE_KEYS)
    words = ", ".join(ACCESS_WORDS)
    for rule in ("read", "update"):
        if table[rule] not in ACCESS_WORDS:
            raise ValueError(f"{where}.{rule} {table[rule]!r}: one of {words}")
    fid, size = table["fid"], table["size"]
    if not isinstance(fid, int) or isinstance(fid, bool) or not 0x01 <= fid <= 0x1E:
        raise ValueError(f"{where}.fid {fid!r}: a number from 1 to 30 (0x01-0x1E)")
    if not isinstance(size, int) or isinstance(size, bool) or not 1 <= size <= 0x7FFF:
        raise ValueError(f"{where}.size {size!r}: bytes, a number from 1 to 32767")
    return ServiceFile(
        fid, size, str(table["read"]), str(table["update"]), _text(table, "field", 32, where)
    )


def _ordinance(data: object) -> OrdinanceInfo:
    table = _table(data, "ordinance", ORDINANCE_KEYS, required={"name", "article", "in_force_from"})
    in_force = _date(table, "in_force_from")
    repealed = _date(table, "repealed_on") if "repealed_on" in table else None
    if repealed is not None and repealed <= in_force:
        raise ValueError("ordinance.repealed_on must be after ordinance.in_force_from")
    return OrdinanceInfo(
        _text(table, "name", 128, "ordinance"),
        _text(table, "article", 32, "ordinance"),
        in_force,
        repealed,
    )


def _roles(value: object) -> tuple[Role, ...]:
    names = ", ".join(r.value for r in Role)
    if not isinstance(value, list) or not value:
        raise ValueError(f"roles: a list of at least one of {names}")
    try:
        return tuple(Role(str(v)) for v in value)
    except ValueError:
        raise ValueError(f"roles {value!r}: each one of {names}") from None


def _table(
    data: object, where: str, keys: frozenset[str], *, required: set[str] | frozenset[str]
) -> dict[str, object]:
    if not isinstance(data, dict):
        raise ValueError(f"{where}: a table of {', '.join(sorted(keys))}")
    unknown = sorted(set(data) - keys)
    if unknown:
        raise ValueError(f"{where}: unknown key {unknown[0]!r} (known: {', '.join(sorted(keys))})")
    missing = sorted(required - set(data))
    if missing:
        raise ValueError(f"{where}: {missing[0]!r} is missing")
    return data


def _text(table: dict[str, object], key: str, longest: int, where: str = "") -> str:
    name = f"{where}.{key}" if where else key
    value = table[key]
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{name}: a text, not empty")
    if len(value.strip()) > longest:
        raise ValueError(f"{name}: at most {longest} characters")
    return value.strip()


def _date(table: dict[str, object], key: str) -> dt.date:
    value = table[key]
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise ValueError(f"ordinance.{key} {value!r}: a date, YYYY-MM-DD") from None


def _kind(path: Path) -> str:
    return "JSON" if path.suffix.lower() == ".json" else "TOML"
