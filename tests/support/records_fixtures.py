"""Records fixtures: a fresh, initialised register per test, on SQLite and on PostgreSQL.

`records_url` is parametrised over both databases. PostgreSQL is the server named by
$COUNTER_APP_TEST_PG_URL (an admin URL, e.g. postgresql://postgres@localhost/postgres), or else
a throw-away server this module starts for the session: initdb into a temporary directory (as
the `postgres` user when running as root), pg_ctl on a Unix socket in that directory, stopped
at the end. Without PostgreSQL binaries the PostgreSQL tests are skipped, or fail when the CI
environment variable is set. Each test gets its own database cloned from a migrated template.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL, make_url

from counter_app.records import (
    NewResident,
    OperatorPolicy,
    OperatorSession,
    RecordCode,
    Register,
    Role,
    Sex,
)
from counter_app.records.local_postgres import LocalPostgresError, start_local_postgres

PG_URL_ENV = "COUNTER_APP_TEST_PG_URL"
TEMPLATE_DB = "counter_records_template"
FAST_POLICY = OperatorPolicy(
    max_failed_logins=3,
    argon2_time_cost=1,
    argon2_memory_kib=8,
    argon2_parallelism=1,
)
SUPERVISOR_PASSWORD = "supervisor-pass"
CLERK_PASSWORD = "clerk-password"


@pytest.fixture(scope="session")
def postgres_admin_url() -> Iterator[URL]:
    """An admin URL of a PostgreSQL server for the whole session."""
    configured = os.environ.get(PG_URL_ENV)
    if configured:
        url = make_url(configured)
        if url.drivername in ("postgresql", "postgres"):
            url = url.set(drivername="postgresql+psycopg")
        yield url
        return
    try:
        server = start_local_postgres()
    except LocalPostgresError as exc:
        if os.environ.get("CI"):
            pytest.fail(str(exc), pytrace=False)
        pytest.skip(str(exc))
    try:
        yield make_url(server.url())
    finally:
        server.stop()


def _admin_execute(admin_url: URL, *statements: str) -> None:
    engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            for statement in statements:
                conn.execute(text(statement))
    finally:
        engine.dispose()


@pytest.fixture(scope="session")
def records_key_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The record-code key file every test register uses."""
    return tmp_path_factory.mktemp("records-key") / "record-code.key"


@pytest.fixture(scope="session")
def records_sqlite_template(
    tmp_path_factory: pytest.TempPathFactory, records_key_path: Path
) -> Path:
    path = tmp_path_factory.mktemp("records-template") / "template.sqlite3"
    Register.initialise(f"sqlite:///{path}", key_path=records_key_path).close()
    return path


@pytest.fixture(scope="session")
def records_pg_template(postgres_admin_url: URL, records_key_path: Path) -> URL:
    _admin_execute(
        postgres_admin_url,
        f"DROP DATABASE IF EXISTS {TEMPLATE_DB} WITH (FORCE)",
        f"CREATE DATABASE {TEMPLATE_DB}",
    )
    template = postgres_admin_url.set(database=TEMPLATE_DB)
    Register.initialise(
        template.render_as_string(hide_password=False), key_path=records_key_path
    ).close()
    return template


_counter = itertools.count()


@contextlib.contextmanager
def fresh_register_url(request: pytest.FixtureRequest, kind: str, tmp_path: Path) -> Iterator[str]:
    """A fresh, initialised register of `kind` ("sqlite" or "postgresql"), dropped afterwards."""
    if kind == "sqlite":
        template: Path = request.getfixturevalue("records_sqlite_template")
        path = tmp_path / "register.sqlite3"
        shutil.copyfile(template, path)
        yield f"sqlite:///{path}"
        return
    request.getfixturevalue("records_pg_template")
    admin: URL = request.getfixturevalue("postgres_admin_url")
    name = f"counter_test_{os.getpid()}_{next(_counter)}"
    _admin_execute(admin, f"CREATE DATABASE {name} TEMPLATE {TEMPLATE_DB}")
    try:
        yield admin.set(database=name).render_as_string(hide_password=False)
    finally:
        _admin_execute(admin, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture(params=["sqlite", "postgresql"])
def records_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of a fresh, initialised register (standard purposes, no operators yet)."""
    with fresh_register_url(request, request.param, tmp_path) as url:
        yield url


@pytest.fixture
def register(records_url: str, records_key_path: Path) -> Iterator[Register]:
    """The register at `records_url`, with cheap password hashing for tests."""
    reg = Register.open(records_url, key_path=records_key_path, policy=FAST_POLICY)
    try:
        yield reg
    finally:
        reg.close()


@pytest.fixture
def supervisor(register: Register) -> OperatorSession:
    """The register's first operator, a supervisor, logged in."""
    register.operators.register(
        None, login="supervisor", display_name="監督者 一郎", roles=[Role.SUPERVISOR],
        password=SUPERVISOR_PASSWORD, card_serial="OP-0001",
    )  # fmt: skip
    return register.operators.login_with_password("supervisor", SUPERVISOR_PASSWORD)


@pytest.fixture
def make_operator(
    register: Register, supervisor: OperatorSession
) -> Callable[..., OperatorSession]:
    """Register an operator with `roles` and log them in: `make_operator("clerk", Role.X)`."""

    def make(login: str, *roles: Role) -> OperatorSession:
        register.operators.register(
            supervisor, login=login, display_name=login, roles=roles, password=CLERK_PASSWORD
        )
        return register.operators.login_with_password(login, CLERK_PASSWORD)

    return make


def resident(
    family: str = "山田",
    given: str = "太郎",
    family_kana: str = "ヤマダ",
    given_kana: str = "タロウ",
    *,
    born: dt.date = dt.date(1950, 4, 1),
    sex: Sex = Sex.MALE,
    address: str = "東京都千代田区千代田1-1",
    household: str | None = "H-0001",
    relationship: str = "世帯主",
    code: str | None = None,
    latin: str | None = None,
    tsusho: str | None = None,
    nationality: str | None = None,
) -> NewResident:
    """A NewResident with plausible defaults."""
    return NewResident(
        family_name=family,
        given_name=given,
        family_name_kana=family_kana,
        given_name_kana=given_kana,
        birth_date=born,
        sex=sex,
        address=address,
        household_code=household,
        relationship_to_head=relationship,
        record_code=RecordCode(code) if code else None,
        latin_name=latin,
        tsusho=tsusho,
        nationality=nationality,
    )


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of an empty database of each kind."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'old.sqlite3'}"
        return
    admin: URL = request.getfixturevalue("postgres_admin_url")
    name = f"counter_upgrade_{os.getpid()}"
    _admin_execute(admin, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)", f"CREATE DATABASE {name}")
    try:
        yield admin.set(database=name).render_as_string(hide_password=False)
    finally:
        _admin_execute(admin, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
