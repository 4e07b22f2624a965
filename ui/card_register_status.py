"""The register's status of the card on the reader, asked on insertion and said in words.

The card panel reads the serial without a PIN; the register then says whether that card is in
use, suspended, revoked or returned, so a card reported lost is noticed before anything else.
The lookup runs on the database worker under the identity-check purpose, so it is audited.
"""

from __future__ import annotations

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


def lookup_register_status(ctx: CounterContext, serial: str, _register: Register) -> RegisterStatus:
    """Database worker: the register's status of the card `serial` (audited lookup)."""
    info = card_records(ctx).card(ctx.operator, IDENTITY_CHECK_PURPOSE, serial)
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
