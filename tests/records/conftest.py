"""A fresh register per test on SQLite and PostgreSQL (started here only); cards for card login."""

from __future__ import annotations

from tests.support.card_fixtures import (  # noqa: F401  (fixtures)
    card,
    issuer,
    personalised_template,
    resident,
)
from tests.support.records_fixtures import (  # noqa: F401  (fixtures)
    empty_url,
    make_operator,
    postgres_admin_url,
    records_key_path,
    records_pg_template,
    records_sqlite_template,
    records_url,
    register,
    supervisor,
)
from tests.support.softhsm import soft_token  # noqa: F401  (fixture)
