"""Every setting the application reads, in one object built once by the composition root.

`main.py` builds a `Configuration` from the command line and the environment and hands it down;
no module below it reads the environment or looks up the data directory itself (a test checks).
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

import platformdirs

from counter_app.errors import ConfigurationError

APP_NAME = "resident-card-counter"

# The environment variables the composition root reads, and nothing else does.
HOME_ENV = "COUNTER_APP_HOME"
DB_ENV = "COUNTER_APP_DB"
RECORD_CODE_KEY_FILE_ENV = "COUNTER_APP_RECORD_CODE_KEY_FILE"
FONT_ENV = "COUNTER_APP_FONT"
PASSWORD_ENV = "COUNTER_APP_OPERATOR_PASSWORD"
READERS_ENV = "COUNTER_APP_READERS"

DEFAULT_SQLITE_NAME = "register.sqlite3"


class ReaderPolicy(enum.Enum):
    """Which card service the counter uses."""

    AUTO = "auto"  # PC/SC when a service answers, else the in-process virtual reader
    PCSC = "pcsc"  # PC/SC only
    IN_PROCESS = "in-process"  # the in-process virtual reader only (training, tests)


@dataclass(frozen=True)
class Configuration:
    """The settings of one run: where data lives, which register, which readers.

    Paths derived from the data directory are properties, so one value changes them all.
    """

    data_dir: Path
    register_url: str | None = None  # None: the SQLite register in the data directory
    record_code_key_file: Path | None = None  # None: keys/record-code.key in the data directory
    reader: str | None = None  # restrict PC/SC to this reader name
    reader_policy: ReaderPolicy = ReaderPolicy.AUTO
    font_file: Path | None = None  # a Japanese font for face images instead of the one found
    operator_password: str | None = field(default=None, repr=False)  # headless commands only

    @property
    def uses_default_register(self) -> bool:
        """True when no register is configured: the SQLite file in the data directory."""
        return not self.register_url

    @property
    def sqlite_register(self) -> Path:
        """The default SQLite register file in the data directory."""
        return self.data_dir / DEFAULT_SQLITE_NAME

    @property
    def register(self) -> str:
        """The register's URL: the configured one, else the default SQLite file."""
        return self.register_url or f"sqlite:///{self.sqlite_register}"

    @property
    def record_code_key(self) -> Path:
        """The file holding the key that encrypts resident record codes."""
        return self.record_code_key_file or self.data_dir / "keys" / "record-code.key"

    @property
    def printouts_dir(self) -> Path:
        """Where the window saves printed matter as PDF."""
        return self.data_dir / "printouts"

    @property
    def cards_dir(self) -> Path:
        """Where training and demo card files live."""
        return self.data_dir / "cards"

    def with_register(self, url: str | None) -> Configuration:
        """The same settings with another register (a command's --db)."""
        return replace(self, register_url=url) if url else self


def default_data_dir() -> Path:
    """The platform's user data directory for this application."""
    return Path(platformdirs.user_data_dir(APP_NAME))


def configuration_from_environment(
    environ: Mapping[str, str], *, reader: str | None = None
) -> Configuration:
    """The configuration from environment variables (main.py passes the process environment).

    The data directory is created here, once, so everything below may assume it exists.
    """
    home = Path(environ[HOME_ENV]) if environ.get(HOME_ENV) else default_data_dir()
    home.mkdir(parents=True, exist_ok=True)
    key_file = environ.get(RECORD_CODE_KEY_FILE_ENV)
    font = environ.get(FONT_ENV)
    policy = environ.get(READERS_ENV) or ReaderPolicy.AUTO.value
    try:
        reader_policy = ReaderPolicy(policy)
    except ValueError:
        choices = ", ".join(p.value for p in ReaderPolicy)
        raise ConfigurationError(
            f"{READERS_ENV} must be one of {choices}, not {policy!r}"
        ) from None
    return Configuration(
        data_dir=home,
        register_url=environ.get(DB_ENV) or None,
        record_code_key_file=Path(key_file) if key_file else None,
        reader=reader,
        reader_policy=reader_policy,
        font_file=Path(font) if font else None,
        operator_password=environ.get(PASSWORD_ENV) or None,
    )
