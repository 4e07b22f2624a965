"""A fresh SoftHSM2 token per test: its own configuration, token directory, label and PINs.

SoftHSM2 (Debian's `softhsm2`) is the security module of the tests. It is a system package
(`./dev system-packages` installs it); when it is missing the tests that need it fail and say
so, they are never skipped.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

import pytest

from counter_app.config import PKCS11_MODULE_ENV, TOKEN_LABEL_ENV, TOKEN_PIN_FILE_ENV
from counter_app.keystore import TokenSettings, forget_tokens

TOKEN_LABEL: Final = "counter-test"
USER_PIN: Final = "worker-4821"
SO_PIN: Final = "officer-7730"
# Where Debian puts the module, newest layout first; `dpkg -L` is asked before these.
KNOWN_MODULES: Final = (
    Path("/usr/lib/softhsm/libsofthsm2.so"),
    Path("/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so"),
    Path("/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so"),
    Path("/usr/local/lib/softhsm/libsofthsm2.so"),
)
MISSING: Final = "SoftHSM2 is not installed; run ./dev system-packages (Debian package softhsm2)"


@dataclass(frozen=True)
class SoftToken:
    """A token made for one test, with the settings and environment a counter needs for it."""

    settings: TokenSettings
    conf: Path  # the SOFTHSM2_CONF of this token
    so_pin: str = field(default=SO_PIN, repr=False)

    @property
    def environment(self) -> dict[str, str]:
        """The variables a counter process needs to use this token."""
        return {
            "SOFTHSM2_CONF": str(self.conf),
            PKCS11_MODULE_ENV: str(self.settings.module),
            TOKEN_LABEL_ENV: self.settings.label,
            TOKEN_PIN_FILE_ENV: str(self.settings.pin_file),
        }


def softhsm_module() -> Path:
    """The SoftHSM2 PKCS#11 library on this machine; fails the test, in words, if there is none."""
    for package in ("libsofthsm2", "softhsm2"):
        try:
            listing = subprocess.run(
                ["dpkg", "-L", package], capture_output=True, text=True, check=False
            ).stdout
        except FileNotFoundError:
            break  # not Debian: look in the known places
        for line in listing.splitlines():
            path = Path(line.strip())
            if path.name == "libsofthsm2.so" and path.is_file():
                return path
    for path in KNOWN_MODULES:
        if path.is_file():
            return path
    pytest.fail(MISSING, pytrace=False)


def _softhsm_util() -> str:
    util = shutil.which("softhsm2-util")
    if util is None:
        pytest.fail(MISSING, pytrace=False)
    return util


def make_token(directory: Path, label: str = TOKEN_LABEL) -> SoftToken:
    """Initialise a new token in `directory` (its own configuration and token store)."""
    tokens = directory / "tokens"
    tokens.mkdir(parents=True)
    conf = directory / "softhsm2.conf"
    conf.write_text(
        f"directories.tokendir = {tokens}\nobjectstore.backend = file\nlog.level = ERROR\n"
        "slots.removable = false\n",
        encoding="utf-8",
    )
    subprocess.run(
        [_softhsm_util(), "--init-token", "--free", "--label", label,
         "--pin", USER_PIN, "--so-pin", SO_PIN],
        env={**os.environ, "SOFTHSM2_CONF": str(conf)},
        check=True,
        capture_output=True,
    )  # fmt: skip
    pin_file = directory / "token.pin"
    pin_file.write_text(USER_PIN + "\n", encoding="utf-8")
    pin_file.chmod(0o600)
    settings = TokenSettings(module=softhsm_module(), label=label, pin_file=pin_file)
    return SoftToken(settings=settings, conf=conf)


@pytest.fixture
def soft_token(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[SoftToken]:
    """A fresh SoftHSM2 token; this process's PKCS#11 library is initialised anew to see it."""
    token = make_token(tmp_path / "softhsm")
    forget_tokens()
    monkeypatch.setenv("SOFTHSM2_CONF", str(token.conf))
    try:
        yield token
    finally:
        forget_tokens()
