"""Tests of the PySide6 window and its threads (pytest-qt, offscreen)."""
