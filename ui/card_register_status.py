"""The register's status of the card on the reader, asked on insertion and said in words.

The card panel reads the serial without a PIN; the register then says whether that card is in
use, suspended, revoked or returned, so a card reported lost is noticed before anything else.
The lookup runs on the database worker, audited under the identity-check purpose, or for an
operator whose roles do not allow that one (the applet administrator, library staff), under the
purpose of the page they work on.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from counter_app.records import CardStatus, Register
from counter_app.records.errors import DatabaseBusyError, DatabaseUnavailableError
from counter_app.workflows import CounterContext
from counter_app.workflows.common import IDENTITY_CHECK_PURPOSE, card_records


@dataclass(frozen=True)
class RegisterStatus:
    """What the register said about one card serial."""

    serial: str
    kind: str  # a CardStatus value, "unknown_card", "unreachable" or "failed"

    @property
    def in_use(self) -> bool:
        return self.kind == CardStatus.ACTIVE.value


def lookup_purpose(allowed: Collection[str], page_purpose: str | None) -> str | None:
    """The purpose the card panel's lookup is made under: the identity check when the operator
    may work under it, else the current page's; None when neither is allowed."""
    for purpose in (IDENTITY_CHECK_PURPOSE, page_purpose):
        if purpose is not None and purpose in allowed:
            return purpose
    return None


def lookup_register_status(
    ctx: CounterContext, purpose: str, serial: str, _register: Register
) -> RegisterStatus:
    """Database worker: the register's status of the card `serial` (audited lookup)."""
    info = card_records(ctx).card(ctx.operator, purpose, serial)
    return RegisterStatus(serial, "unknown_card" if info is None else info.status.value)


def failed_status(serial: str, exc: BaseException) -> RegisterStatus:
    """The status to show when the lookup itself failed."""
    reachable = not isinstance(exc, (DatabaseUnavailableError, DatabaseBusyError))
    return RegisterStatus(serial, "failed" if reachable else "unreachable")


def register_status_text(status: RegisterStatus) -> str:
    """The register status in the clerk's words."""
    words = {
        CardStatus.ACTIVE.value: QCoreApplication.translate("RegisterStatus", "In use"),
        CardStatus.SUSPENDED.value: QCoreApplication.translate(
            "RegisterStatus", "Suspended (lost)"
        ),
        CardStatus.REVOKED.value: QCoreApplication.translate(
            "RegisterStatus", "Revoked (re-issued)"
        ),
        CardStatus.RETURNED.value: QCoreApplication.translate("RegisterStatus", "Returned"),
        CardStatus.EXPIRED.value: QCoreApplication.translate("RegisterStatus", "Expired"),
        "unknown_card": QCoreApplication.translate("RegisterStatus", "Not in the register"),
        "unreachable": QCoreApplication.translate(
            "RegisterStatus", "The register cannot be reached"
        ),
    }
    return words.get(
        status.kind, QCoreApplication.translate("RegisterStatus", "The register could not be asked")
    )
