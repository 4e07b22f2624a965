"""Face-scan fixtures: the seal signer (from the printing fixtures) and a small scan corpus."""

from __future__ import annotations

from tests.support.printing import home, signer  # noqa: F401  (fixtures)
