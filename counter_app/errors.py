"""The project's error hierarchy: every error a clerk may see derives from CounterError."""

from __future__ import annotations


class CounterError(Exception):
    """Base of every error the core raises on purpose.

    `what` says what happened and `todo` what the clerk should do; both are plain English source
    strings that the UI translates.  Messages never contain PINs, keys or resident record codes.
    """

    what = "An unexpected error occurred."
    todo = "Try again. If it happens again, call the system administrator."

    def __init__(self, detail: str = "") -> None:
        super().__init__(detail or self.what)
        self.detail = detail


class ConfigurationError(CounterError):
    what = "The application is not configured correctly."
    todo = "Call the system administrator."
