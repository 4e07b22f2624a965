"""Operator login with an operator card and its PIN, through the card layer.

The card in the reader is read without secrets for its serial, then its text AP is read with the
PIN the operator typed and checked against the issuer's trust store (a card whose data is not
signed by our issuer, or not bound to its serial, is refused). The register then logs the
operator in by the card's serial, counting a wrong PIN towards the lock-out like a wrong
password. The PIN goes to the card only: it is never stored, logged or put in an audit event.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

from counter_app.card.connection import CardConnection
from counter_app.card.errors import InvalidPinError, PinBlockedError, VerificationFailedError
from counter_app.card.issuer_keys import TrustStore
from counter_app.card.sessions.base import PIN
from counter_app.card.summary import CardSummary, read_summary
from counter_app.errors import CounterError
from counter_app.records import OperatorSession, Register
from counter_app.records.errors import LoginFailedError

ReadSummary = Callable[..., CardSummary]  # read_summary(connection, *, pin=None)


class NotAnOperatorCardError(CounterError):
    what = "The card in the reader was not issued by this counter, so it is no operator card."
    todo = "Put a card issued by this counter in the reader and try again."


@dataclass(frozen=True)
class OperatorCardCheck:
    """What the card said: its serial, and whether it accepted the PIN (our issuer's data)."""

    serial: str
    pin_verified: bool


def check_operator_card(
    connection: CardConnection,
    pin: str,
    *,
    trust: TrustStore | None = None,
    read: ReadSummary | None = None,
) -> OperatorCardCheck:
    """The card half of the login (on the card thread): the serial and the PIN's verdict.

    `read` is a read_summary that brings its own trust store (the window's); else `trust`.
    """
    PIN.check_format(pin)  # a mistyped PIN (not 4 digits) costs no try on the card
    reading: ReadSummary = read or functools.partial(read_summary, trust=trust)
    serial = reading(connection).serial
    if serial is None:
        raise LoginFailedError("the card in the reader is not an operator card")
    try:
        reading(connection, pin=pin)
    except (InvalidPinError, PinBlockedError, VerificationFailedError):
        return OperatorCardCheck(serial, pin_verified=False)
    return OperatorCardCheck(serial, pin_verified=True)


def log_in_with_checked_card(register: Register, check: OperatorCardCheck) -> OperatorSession:
    """The register half (on the database worker): a wrong PIN counts towards the lock-out."""
    return register.operators.login_with_card(check.serial, pin_verified=check.pin_verified)


def login_with_operator_card(
    register: Register, connection: CardConnection, pin: str, *, trust: TrustStore | None = None
) -> OperatorSession:
    """Log in the operator whose card is in the reader, once the card accepts `pin`."""
    return log_in_with_checked_card(register, check_operator_card(connection, pin, trust=trust))


def operator_card_serial(
    connection: CardConnection, pin: str, *, trust: TrustStore | None = None
) -> str:
    """The serial of the card in the reader, once it accepts `pin` and its data is our issuer's.

    For binding a card to an operator: the supervisor sees the card work with its PIN before
    the register ties it to the operator. A wrong PIN costs a try on the card.
    """
    PIN.check_format(pin)
    summary = read_summary(connection, pin=pin, trust=trust)
    if summary.serial is None:
        raise NotAnOperatorCardError("the card in the reader is not ours")
    return summary.serial
