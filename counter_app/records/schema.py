"""Creating and migrating the register's schema with the Alembic scripts in `migrations/`."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text

from counter_app.records.database import Database, translate_errors
from counter_app.records.errors import DatabaseNotInitialisedError

MIGRATIONS = Path(__file__).with_name("migrations")


SEARCH_EXTRAS = (
    "residents_address_fts",
    "ix_residents_address_key_trgm",
    "reservations_no_overlap",  # the exclusion constraint, PostgreSQL only
)


def is_search_extra(name: str | None) -> bool:
    """Objects the migrations make beside the models (trigram index, FTS5 tables)."""
    return name is not None and name.startswith(SEARCH_EXTRAS)


def alembic_config() -> Config:
    """An Alembic configuration pointing at the migrations shipped in this package."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str:
    """The newest schema revision this program knows."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(db: Database) -> str | None:
    """The schema revision the register is at, or None when it was never initialised."""
    with translate_errors(), db.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def migrate(db: Database) -> str:
    """Create the register or bring it up to the newest revision; return that revision."""
    config = alembic_config()
    with translate_errors(), db.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "head")
    return head_revision()


def character_type_warning(db: Database) -> str | None:
    """What to do when a PostgreSQL register's LC_CTYPE is not UTF-8, else None.

    pg_trgm takes only letters and digits as the locale's character type defines them: under
    "C" or "POSIX" (or any non-UTF-8 LC_CTYPE) kanji and kana are neither, so addresses yield
    no trigrams and address search scans the whole register.
    """
    if db.url.get_backend_name() != "postgresql":
        return None
    with translate_errors(), db.engine.connect() as conn:
        ctype = conn.execute(
            text("SELECT datctype FROM pg_database WHERE datname = current_database()")
        ).scalar_one()
    if "utf8" in str(ctype).lower().replace("-", ""):
        return None
    return (
        f"the register database's LC_CTYPE is {ctype!r}, not UTF-8: pg_trgm finds no trigrams "
        "in Japanese text, so address search scans the whole register. Create the database "
        "with a UTF-8 character type (CREATE DATABASE ... TEMPLATE template0 ENCODING 'UTF8' "
        "LC_COLLATE 'C' LC_CTYPE 'C.UTF-8', or ja_JP.UTF-8), move the data there with "
        "pg_dump/pg_restore and run `counter-app db init` again."
    )


def require_current(db: Database) -> None:
    """Raise DatabaseNotInitialisedError unless the register's schema is the newest."""
    revision = current_revision(db)
    if revision != head_revision():
        raise DatabaseNotInitialisedError(
            f"register schema is at {revision or 'nothing'}, this program needs {head_revision()}"
        )
