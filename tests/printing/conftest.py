"""Printing fixtures: a data home and the seal signer made in it, shared by a module's tests."""

from __future__ import annotations

from tests.support.printing import home, signer  # noqa: F401  (fixtures)
