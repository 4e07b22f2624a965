"""Municipal settings of the counter: fee and the age rule of free issuance, from a TOML file."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from counter_app.workflows.errors import SettingsError

SETTINGS_FILE: Final = "counter.toml"
DEFAULT_FEE_YEN: Final = 500
DEFAULT_ELDERLY_AGE: Final = 65


@dataclass(frozen=True)
class CounterSettings:
    """What the municipality configured: the standard fee and the free-issuance age rule."""

    fee_yen: int = DEFAULT_FEE_YEN
    free_issuance_min_age: int = DEFAULT_ELDERLY_AGE


def settings_path(home: Path) -> Path:
    """Where the settings file lives in the data directory."""
    return home / SETTINGS_FILE


def load_settings(home: Path) -> CounterSettings:
    """The settings of `home`/counter.toml (section [issuance]); defaults when it is absent.

    Example: `[issuance]` / `fee_yen = 500` / `free_issuance_min_age = 65`.
    """
    path = settings_path(home)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return CounterSettings()
    except OSError as exc:
        raise SettingsError(f"cannot read {path}: {exc.strerror}") from exc
    try:
        document = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise SettingsError(f"{path}: {exc}") from exc
    section = document.get("issuance", {})
    if not isinstance(section, dict):
        raise SettingsError(f"{path}: [issuance] is not a table")
    fee = section.get("fee_yen", DEFAULT_FEE_YEN)
    age = section.get("free_issuance_min_age", DEFAULT_ELDERLY_AGE)
    if not isinstance(fee, int) or isinstance(fee, bool) or fee <= 0:
        raise SettingsError(f"{path}: fee_yen must be a positive whole number of yen")
    if not isinstance(age, int) or isinstance(age, bool) or not 0 < age < 130:
        raise SettingsError(f"{path}: free_issuance_min_age must be an age in years")
    return CounterSettings(fee_yen=fee, free_issuance_min_age=age)
