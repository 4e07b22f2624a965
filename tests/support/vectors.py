"""Published test vectors from the shared folder beside the repository (see its README)."""

from __future__ import annotations

import json
import os
from functools import cache
from pathlib import Path
from typing import Any

import pytest

VECTORS_PATH = Path(__file__).resolve().parents[3] / "shared" / "testvectors" / "vectors.json"


def all_vectors() -> dict[str, dict[str, Any]]:
    """Every entry by id; skipped when the shared folder is absent, except in CI, which has it."""
    if not VECTORS_PATH.exists():
        if os.environ.get("CI"):
            pytest.fail(f"the shared test vectors are missing: {VECTORS_PATH}", pytrace=False)
        pytest.skip("shared test vectors are not beside the repository")
    return _load()


def vector(vector_id: str) -> dict[str, Any]:
    """The entry with this id; the test is skipped when the shared folder is absent."""
    return all_vectors()[vector_id]


@cache
def _load() -> dict[str, dict[str, Any]]:
    with VECTORS_PATH.open(encoding="utf-8") as fh:
        return {entry["id"]: entry for entry in json.load(fh)}
