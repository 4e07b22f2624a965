"""Every setting the application reads, in one object built once by the composition root.

`main.py` builds a `Configuration` from the command line and the environment and hands it down;
no module below it reads the environment or looks up the data directory itself (a test checks).
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Final, TypeVar

import platformdirs

from counter_app.errors import (
    ConfigurationError,
    MunicipalityCodeError,
    MunicipalityNotConfiguredError,
)
from counter_app.keystore.settings import TokenSettings
from counter_app.municipality_code import code_problem

APP_NAME = "resident-card-counter"

# The environment variables the composition root reads, and nothing else does.
HOME_ENV = "COUNTER_APP_HOME"
DB_ENV = "COUNTER_APP_DB"
RECORD_CODE_KEY_FILE_ENV = "COUNTER_APP_RECORD_CODE_KEY_FILE"
FONT_ENV = "COUNTER_APP_FONT"
PASSWORD_ENV = "COUNTER_APP_OPERATOR_PASSWORD"
READERS_ENV = "COUNTER_APP_READERS"
KIOSK_ID_ENV = "COUNTER_APP_KIOSK_ID"  # set by the supervisor: this machine is that kiosk
KIOSK_PRINTER_ENV = "COUNTER_APP_KIOSK_PRINTER"  # the CUPS queue the certificate kiosk prints to
KIOSK_SERVICES_ENV = "COUNTER_APP_KIOSK_SERVICES"  # what a kiosk offers: certificate, facility
KIOSK_SERVICES: tuple[str, ...] = ("certificate", "facility")  # every kiosk service, menu order
# The library system (SIP2); without a host the training library on this machine is used.
LIBRARY_HOST_ENV = "COUNTER_APP_LIBRARY_HOST"
LIBRARY_PORT_ENV = "COUNTER_APP_LIBRARY_PORT"
LIBRARY_INSTITUTION_ENV = "COUNTER_APP_LIBRARY_INSTITUTION"
LIBRARY_USER_ENV = "COUNTER_APP_LIBRARY_USER"
LIBRARY_PASSWORD_ENV = "COUNTER_APP_LIBRARY_PASSWORD"
LIBRARY_LOCATION_ENV = "COUNTER_APP_LIBRARY_LOCATION"
LIBRARY_ENCODING_ENV = "COUNTER_APP_LIBRARY_ENCODING"
LIBRARY_TIMEOUT_ENV = "COUNTER_APP_LIBRARY_TIMEOUT"  # seconds to wait for an answer
LIBRARY_CHECKSUM_ENV = "COUNTER_APP_LIBRARY_CHECKSUM"  # "no" turns SIP2 error detection off
DEFAULT_SIP2_PORT = 6001
# The municipality that certifies the printouts; without them only training prints (demo values).
MUNICIPALITY_ENV = "COUNTER_APP_MUNICIPALITY"  # its name, e.g. 山口県下関市
MUNICIPALITY_CODE_ENV = "COUNTER_APP_MUNICIPALITY_CODE"  # 全国地方公共団体コード, 6 digits
MAYOR_ENV = "COUNTER_APP_MAYOR"  # the mayor's name, the certificates' 証明者
MUNICIPALITY_SETTINGS: Final = (MUNICIPALITY_ENV, MUNICIPALITY_CODE_ENV, MAYOR_ENV)
# Where the register's and the key files' backups go (a directory, or a description of the
# backup system); the self-check says "not configured" while it is unset.
BACKUP_ENV = "COUNTER_APP_BACKUP"
# The trust store: a directory of the certificates this counter trusts (card CAs as *.cvc, seal
# signers as *.pem). Only the training register has one by default (made by its set-up).
TRUST_STORE_ENV = "COUNTER_APP_TRUST_STORE"
TRAINING_TRUST_STORE_NAME = "trust-store"
# The security module (PKCS#11) that holds the issuer and signer keys; without it only the
# training mode signs, with key files in the data directory (docs/keys.md).
PKCS11_MODULE_ENV = "COUNTER_APP_PKCS11_MODULE"  # the module's library, e.g. libsofthsm2.so
TOKEN_LABEL_ENV = "COUNTER_APP_TOKEN_LABEL"  # the token's label
TOKEN_PIN_FILE_ENV = "COUNTER_APP_TOKEN_PIN_FILE"  # a file holding the token's user PIN
TOKEN_SETTINGS: Final = (PKCS11_MODULE_ENV, TOKEN_LABEL_ENV, TOKEN_PIN_FILE_ENV)

DEFAULT_SQLITE_NAME = "register.sqlite3"


class ReaderPolicy(enum.Enum):
    """Which card service the counter uses."""

    AUTO = "auto"  # PC/SC when a service answers, else the in-process virtual reader
    PCSC = "pcsc"  # PC/SC only
    IN_PROCESS = "in-process"  # the in-process virtual reader only (training, tests)


@dataclass(frozen=True)
class LibrarySettings:
    """How to reach the library system over SIP2: address, institution, login, timeouts."""

    host: str
    port: int = DEFAULT_SIP2_PORT
    institution: str = ""  # SIP2 field AO
    user: str = ""  # login (93) user; empty: the library system needs no login
    password: str = field(default="", repr=False)
    location: str = ""  # SIP2 field CP / AP: where this counter is
    encoding: str = "utf-8"
    connect_timeout: float = 5.0
    read_timeout: float = 10.0
    error_detection: bool = True  # sequence numbers and checksums (AY/AZ)


@dataclass(frozen=True)
class MunicipalitySettings:
    """The municipality whose mayor certifies what this counter or kiosk prints."""

    name: str  # e.g. 山口県下関市
    code: str  # 全国地方公共団体コード with its check digit, e.g. 352012
    mayor: str  # the mayor's name, e.g. 前田　晋太郎


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
    library: LibrarySettings | None = None  # None: the training library on this machine
    kiosk_id: str | None = None  # a certificate kiosk's identity; None: an operator's counter
    kiosk_printer: str | None = None  # the kiosk's CUPS queue; None: the print system's default
    municipality: MunicipalitySettings | None = None  # None: training prints the demo city
    kiosk_services: tuple[str, ...] = KIOSK_SERVICES  # what the kiosk offers, in menu order
    backup: str | None = None  # where backups go; None: not configured (the self-check says so)
    trust_store_dir: Path | None = None  # the configured trust store; None: see `trust_store`
    token: TokenSettings | None = None  # the security module's token; None: key files (training)

    @property
    def is_kiosk(self) -> bool:
        """True on a machine the supervisor configured as a kiosk: operator functions refuse."""
        return bool(self.kiosk_id)

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
    def trust_store(self) -> Path | None:
        """The trust store directory: the configured one; the training register's own in the
        data directory; else None (a configured counter without one trusts no card or seal)."""
        if self.trust_store_dir is not None:
            return self.trust_store_dir
        if self.uses_default_register:
            return self.data_dir / TRAINING_TRUST_STORE_NAME
        return None

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
    trust_store = environ.get(TRUST_STORE_ENV, "").strip()
    policy = environ.get(READERS_ENV) or ReaderPolicy.AUTO.value
    try:
        reader_policy = ReaderPolicy(policy)
    except ValueError:
        choices = ", ".join(p.value for p in ReaderPolicy)
        raise ConfigurationError(
            f"{READERS_ENV} must be one of {choices}, not {policy!r}"
        ) from None
    return Configuration(
        library=library_from_environment(environ),
        data_dir=home,
        register_url=environ.get(DB_ENV) or None,
        record_code_key_file=Path(key_file) if key_file else None,
        reader=reader,
        reader_policy=reader_policy,
        font_file=Path(font) if font else None,
        operator_password=environ.get(PASSWORD_ENV) or None,
        kiosk_id=environ.get(KIOSK_ID_ENV, "").strip() or None,
        kiosk_printer=environ.get(KIOSK_PRINTER_ENV, "").strip() or None,
        municipality=municipality_from_environment(environ),
        kiosk_services=kiosk_services_from(environ.get(KIOSK_SERVICES_ENV, "")),
        backup=environ.get(BACKUP_ENV, "").strip() or None,
        trust_store_dir=Path(trust_store) if trust_store else None,
        token=token_from_environment(environ),
    )


def token_from_environment(environ: Mapping[str, str]) -> TokenSettings | None:
    """The security module's token, or None when none of its settings is given.

    Some but not all of them is an error naming the missing ones: a counter never runs on a
    half-configured token (and never falls back to key files because of it).
    """
    values = {name: environ.get(name, "").strip() for name in TOKEN_SETTINGS}
    if not any(values.values()):
        return None
    missing = [name for name, value in values.items() if not value]
    if missing:
        raise ConfigurationError(
            f"the security module's settings are incomplete: not set: {', '.join(missing)}"
        )
    return TokenSettings(
        module=Path(values[PKCS11_MODULE_ENV]),
        label=values[TOKEN_LABEL_ENV],
        pin_file=Path(values[TOKEN_PIN_FILE_ENV]),
    )


def municipality_from_environment(environ: Mapping[str, str]) -> MunicipalitySettings | None:
    """The certifying municipality, or None when none of its settings is given (training).

    Some but not all of them, or a code whose check digit is wrong, is an error naming the
    setting, so a counter never prints under a half-configured name.
    """
    values = {name: environ.get(name, "").strip() for name in MUNICIPALITY_SETTINGS}
    if not any(values.values()):
        return None
    missing = [name for name, value in values.items() if not value]
    if missing:
        raise MunicipalityNotConfiguredError(f"not set: {', '.join(missing)}")
    code = values[MUNICIPALITY_CODE_ENV]
    problem = code_problem(code)
    if problem is not None:
        raise MunicipalityCodeError(f"{MUNICIPALITY_CODE_ENV}: {problem}")
    return MunicipalitySettings(name=values[MUNICIPALITY_ENV], code=code, mayor=values[MAYOR_ENV])


def kiosk_services_from(text: str) -> tuple[str, ...]:
    """The kiosk's services from a comma list (`certificate,facility`); empty: every one."""
    named = [part.strip().lower() for part in text.split(",") if part.strip()]
    unknown = [name for name in named if name not in KIOSK_SERVICES]
    if unknown:
        choices = ", ".join(KIOSK_SERVICES)
        raise ConfigurationError(
            f"{KIOSK_SERVICES_ENV} may name {choices}, not {', '.join(unknown)}"
        )
    if not named:
        return KIOSK_SERVICES
    return tuple(name for name in KIOSK_SERVICES if name in named)


def library_from_environment(environ: Mapping[str, str]) -> LibrarySettings | None:
    """The library system's settings, or None when no host is configured (training)."""
    host = environ.get(LIBRARY_HOST_ENV)
    if not host:
        return None
    encoding = environ.get(LIBRARY_ENCODING_ENV) or "utf-8"
    try:
        "".encode(encoding)
    except LookupError:
        raise ConfigurationError(f"{LIBRARY_ENCODING_ENV}: unknown encoding {encoding!r}") from None
    return LibrarySettings(
        host=host,
        port=_number(environ, LIBRARY_PORT_ENV, DEFAULT_SIP2_PORT, int),
        institution=environ.get(LIBRARY_INSTITUTION_ENV, ""),
        user=environ.get(LIBRARY_USER_ENV, ""),
        password=environ.get(LIBRARY_PASSWORD_ENV, ""),
        location=environ.get(LIBRARY_LOCATION_ENV, ""),
        encoding=encoding,
        read_timeout=_number(environ, LIBRARY_TIMEOUT_ENV, 10.0, float),
        error_detection=environ.get(LIBRARY_CHECKSUM_ENV, "yes").lower() not in ("no", "0"),
    )


_Number = TypeVar("_Number", int, float)


def _number(
    environ: Mapping[str, str], name: str, default: _Number, kind: Callable[[str], _Number]
) -> _Number:
    text = environ.get(name)
    if not text:
        return default
    try:
        value = kind(text)
    except ValueError:
        raise ConfigurationError(f"{name} must be a number, not {text!r}") from None
    if value <= 0:
        raise ConfigurationError(f"{name} must be more than zero, not {text!r}")
    return value
