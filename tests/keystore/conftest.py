"""Key store fixtures: a fresh SoftHSM2 token per test."""

from __future__ import annotations

from tests.support.softhsm import soft_token  # noqa: F401  (fixture)
