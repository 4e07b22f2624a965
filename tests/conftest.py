"""What every test needs: Qt offscreen, and asserts rewritten in the shared support modules.

Fixtures live in the conftest.py of the folder whose tests use them (see tests/support for the
definitions that several folders share).
"""

from __future__ import annotations

import os

# Qt aborts the process when it has no display; the tests run offscreen unless told otherwise.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

# The support modules hold fixtures and assert helpers; rewrite their asserts like a conftest's.
pytest.register_assert_rewrite("tests.support")
