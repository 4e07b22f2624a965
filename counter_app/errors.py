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


class MunicipalityCodeError(ConfigurationError):
    what = (
        "COUNTER_APP_MUNICIPALITY_CODE is not a valid local government code "
        "(全国地方公共団体コード)."
    )
    todo = (
        "Set COUNTER_APP_MUNICIPALITY_CODE to the municipality's six-digit code with its check "
        "digit (for example 131016), then start again."
    )


class MunicipalityNotConfiguredError(ConfigurationError):
    what = "The municipality and its mayor are not configured, so certificates cannot be printed."
    todo = (
        "Set COUNTER_APP_MUNICIPALITY (the municipality's name), COUNTER_APP_MUNICIPALITY_CODE "
        "(its six-digit code) and COUNTER_APP_MAYOR (the mayor's name), then start again."
    )
