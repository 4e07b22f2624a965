"""The verdict on a card nothing was found wrong with, yet not confirmed genuine: a check that
must succeed could not run (a 個人番号カード without the J-LIS key in the trust store, or a
counter with no trust store at all). Said as "not checked" with the reason, in yellow, never as
valid and never as a forgery."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from counter_app.card.verification import Verdict
from counter_app.workflows import VerificationResult
from ui.check_texts import check_title, reason_text


def unconfirmed(result: VerificationResult) -> bool:
    """Not valid, and no check failed nor came out unknown."""
    return not result.valid and not result.failed


def unchecked_reason(result: VerificationResult) -> str | None:
    """The first check that could not run, with its reason; None when every check ran."""
    first = next((c for c in result.checks if c.verdict is Verdict.NOT_CHECKED), None)
    return f"{check_title(first.id)}: {reason_text(first.reason)}" if first is not None else None


def unconfirmed_verdict_text(result: VerificationResult) -> str:
    """One line: not checked, and why."""
    why = unchecked_reason(result) or QCoreApplication.translate(
        "UnconfirmedVerdict", "a check that covers the data did not run"
    )
    return QCoreApplication.translate(
        "UnconfirmedVerdict", "Not checked: the card cannot be confirmed genuine. {why}"
    ).format(why=why)
