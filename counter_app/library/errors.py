"""What can go wrong between the library desk and the library system, in words for the clerk."""

from __future__ import annotations

from counter_app.errors import CounterError


class LibraryError(CounterError):
    """Base of every library system error."""

    what = "The library system could not carry out the request."
    todo = "Try again. If it happens again, call the library's system administrator."


class LibraryConnectionError(LibraryError):
    """The counter has no working connection to the library system (the status bar says so)."""


class LibraryUnreachableError(LibraryConnectionError):
    what = "The library system cannot be reached."
    todo = (
        "Check the counter's network connection and that the library system is running, "
        "then try again. If it continues, call the library's system administrator."
    )


class LibraryNotAnsweringError(LibraryConnectionError):
    what = "The library system did not answer in time."
    todo = (
        "Try again in a moment: the app asks the library system first, so nothing is "
        "recorded twice. If it stays slow, call the library's system administrator."
    )


class LibraryConnectionLostError(LibraryConnectionError):
    what = "The connection to the library system was lost during the transaction."
    todo = "Try again: the app asks the library system first, so nothing is recorded twice."


class LibraryOutcomeUnknownError(LibraryConnectionError):
    what = (
        "The library system did not confirm the transaction, and the app could not ask it "
        "whether it was recorded."
    )
    todo = (
        "Before trying again, look the item up at the library system's own terminal, "
        "or try again when the connection is back: the app asks first, so nothing is "
        "recorded twice."
    )


class LibraryLoginRefusedError(LibraryError):
    what = "The library system refused the counter's login."
    todo = "Call the system administrator: the library system's login user or password is wrong."


class LibraryOfflineError(LibraryError):
    what = "The library system says it is off line."
    todo = "Wait until the library system is back on line, then try again."


class LibraryProtocolError(LibraryError):
    what = "The library system answered something the counter does not understand."
    todo = "Call the library's system administrator: check that the library system speaks SIP2."


class PatronUnknownError(LibraryError):
    what = "The library system does not know this library card number."
    todo = "Check the number; if the resident has no library account yet, register one first."


class PatronBlockedError(LibraryError):
    what = "The library system blocks this patron."
    todo = "Tell the resident the reason shown and refer them to the library's staff."

    def __init__(self, reasons: tuple[str, ...], detail: str = "") -> None:
        super().__init__(detail or "; ".join(reasons) or self.what)
        self.reasons = reasons


class ItemUnknownError(LibraryError):
    what = "The library system does not know this item barcode."
    todo = "Check the barcode, or scan it again."


class ItemOnLoanError(LibraryError):
    what = "This item is lent to another patron."
    todo = "Return the item first (it may have been brought back without being returned)."


class ItemNotOnLoanError(LibraryError):
    what = "This item is not on loan."
    todo = "Nothing to return or renew: check the barcode."


class TransactionRefusedError(LibraryError):
    what = "The library system refused the transaction."
    todo = "Read the library system's message shown, and refer the resident to the library staff."
