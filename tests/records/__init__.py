"""Tests of the resident register on SQLite and PostgreSQL."""
