"""Card-layer fixtures: a real issuer, the demo resident, blank and personalised virtual cards."""

from __future__ import annotations

from tests.support.card_fixtures import (  # noqa: F401  (fixtures)
    blank_card,
    card,
    issuer,
    personalised_template,
    resident,
)
