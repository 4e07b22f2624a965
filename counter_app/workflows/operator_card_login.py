"""Operator login with an operator card and its PIN, through the card layer.

The card in the reader is read without secrets for its serial, then its text AP is read with the
PIN the operator typed and checked against the issuer's trust store (a card whose data is not
signed by our issuer, or not bound to its serial, is refused). The register then logs the
operator in by the card's serial, counting a wrong PIN towards the lock-out like a wrong
password. The PIN goes to the card only: it is never stored, logged or put in an audit event.
"""

from __future__ import annotations

from counter_app.card.connection import CardConnection
from counter_app.card.errors import InvalidPinError, PinBlockedError, VerificationFailedError
from counter_app.card.issuer_keys import TrustStore
from counter_app.card.sessions.base import PIN
from counter_app.card.summary import read_summary
from counter_app.errors import CounterError
from counter_app.records import OperatorSession, Register
from counter_app.records.errors import LoginFailedError


class NotAnOperatorCardError(CounterError):
    what = "The card in the reader was not issued by this counter, so it is no operator card."
    todo = "Put a card issued by this counter in the reader and try again."


def login_with_operator_card(
    register: Register, connection: CardConnection, pin: str, *, trust: TrustStore | None = None
) -> OperatorSession:
    """Log in the operator whose card is in the reader, once the card accepts `pin`."""
    PIN.check_format(pin)  # a mistyped PIN (not 4 digits) costs no try on the card
    serial = read_summary(connection, trust=trust).serial
    if serial is None:
        raise LoginFailedError("the card in the reader is not an operator card")
    try:
        read_summary(connection, pin=pin, trust=trust)
    except (InvalidPinError, PinBlockedError, VerificationFailedError):
        register.operators.login_with_card(serial, pin_verified=False)  # counts, then raises
        raise  # not reached: login_with_card refuses an unverified PIN
    return register.operators.login_with_card(serial, pin_verified=True)


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
