"""Resident Card Counter: the core. Nothing in this package imports Qt."""

from __future__ import annotations

__version__ = "0.1.0"
