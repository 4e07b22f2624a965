"""Helpers, fakes and fixture definitions shared by the test folders (no tests here)."""
