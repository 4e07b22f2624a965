"""The library system's settings come from the environment that main.py hands over."""

from __future__ import annotations

from pathlib import Path

import pytest

from counter_app.config import (
    HOME_ENV,
    LIBRARY_CHECKSUM_ENV,
    LIBRARY_ENCODING_ENV,
    LIBRARY_HOST_ENV,
    LIBRARY_INSTITUTION_ENV,
    LIBRARY_PASSWORD_ENV,
    LIBRARY_PORT_ENV,
    LIBRARY_TIMEOUT_ENV,
    LIBRARY_USER_ENV,
    configuration_from_environment,
)
from counter_app.errors import ConfigurationError


def test_no_library_host_means_the_training_library(tmp_path: Path) -> None:
    assert configuration_from_environment({HOME_ENV: str(tmp_path)}).library is None


def test_a_configured_library_system_is_read_whole(tmp_path: Path) -> None:
    config = configuration_from_environment(
        {
            HOME_ENV: str(tmp_path),
            LIBRARY_HOST_ENV: "ils.example.org",
            LIBRARY_PORT_ENV: "6011",
            LIBRARY_INSTITUTION_ENV: "NERIMA",
            LIBRARY_USER_ENV: "desk1",
            LIBRARY_PASSWORD_ENV: "secret",
            LIBRARY_ENCODING_ENV: "shift_jis",
            LIBRARY_TIMEOUT_ENV: "2.5",
            LIBRARY_CHECKSUM_ENV: "no",
        }
    )
    library = config.library
    assert library is not None
    assert (library.host, library.port, library.institution) == ("ils.example.org", 6011, "NERIMA")
    assert (library.user, library.password, library.encoding) == ("desk1", "secret", "shift_jis")
    assert library.read_timeout == 2.5 and not library.error_detection
    assert "secret" not in repr(library)


@pytest.mark.parametrize(
    ("name", "value"),
    [(LIBRARY_PORT_ENV, "sip"), (LIBRARY_TIMEOUT_ENV, "0"), (LIBRARY_ENCODING_ENV, "klingon")],
)
def test_a_wrong_library_setting_is_said_so(tmp_path: Path, name: str, value: str) -> None:
    environ = {HOME_ENV: str(tmp_path), LIBRARY_HOST_ENV: "localhost", name: value}
    with pytest.raises(ConfigurationError) as wrong:
        configuration_from_environment(environ)
    assert name in str(wrong.value)
