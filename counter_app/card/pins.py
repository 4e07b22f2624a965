"""PIN and unlock number services: tries left, change by the resident, reset by the issuer."""

from __future__ import annotations

from counter_app.card import profile as p
from counter_app.card.protocol import ApduTransport
from counter_app.card.scp03 import StaticKeys
from counter_app.card.sessions.face import FaceSession
from counter_app.card.sessions.issuer import IssuerSession
from counter_app.card.sessions.text import TextSession


def pin_tries_left(transport: ApduTransport) -> int | None:
    """Tries left of the resident PIN (no try is used); None when it is not set."""
    return TextSession(transport).select_and_count_tries()


def unlock_tries_left(transport: ApduTransport) -> int | None:
    """Tries left of the unlock number 照合番号B (no try is used); None when it is not set."""
    return FaceSession(transport).select_and_count_tries()


def change_pin(transport: ApduTransport, old: str, new: str) -> None:
    """The resident changes the PIN; InvalidPinError(tries_left) when `old` is wrong."""
    text = TextSession(transport)
    text.select()
    text.change_pin(old, new)


def reset_pin(transport: ApduTransport, new_pin: str, *, keys: StaticKeys) -> None:
    """Set a new PIN and a full retry counter under the issuer channel (after a lock-out)."""
    issuer = IssuerSession(transport)
    issuer.open(keys)
    issuer.require_df(p.Aid.TEXT.value)
    issuer.set_pin(new_pin)


def reset_unlock_number(transport: ApduTransport, number: str, *, keys: StaticKeys) -> None:
    """Set the unlock number again and unblock it under the issuer channel."""
    issuer = IssuerSession(transport)
    issuer.open(keys)
    issuer.require_df(p.Aid.FACE.value)
    issuer.set_unlock_number(number)
