"""Card states and counts in words, translated; shared by the window's widgets."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from counter_app.card.profile import LifeCycle
from counter_app.card.real_reading import CardKind
from counter_app.card.summary import CardSummary


def life_cycle_text(state: LifeCycle | None) -> str:
    """The card's life-cycle state as a clerk says it."""
    if state is LifeCycle.BLANK:
        return QCoreApplication.translate("CardTexts", "Not issued (blank)")
    if state is LifeCycle.PERSONALISING:
        return QCoreApplication.translate("CardTexts", "Being issued")
    if state is LifeCycle.OPERATIONAL:
        return QCoreApplication.translate("CardTexts", "In use")
    if state is LifeCycle.SUSPENDED:
        return QCoreApplication.translate("CardTexts", "Suspended")
    if state is LifeCycle.TERMINATED:
        return QCoreApplication.translate("CardTexts", "Invalidated")
    return QCoreApplication.translate("CardTexts", "Unknown")


def card_state_text(summary: CardSummary) -> str:
    """One phrase for the card: its state, or that it is not one of ours."""
    if summary.kind is CardKind.REAL:
        return QCoreApplication.translate("CardTexts", "個人番号カード (issued by J-LIS)")
    if not summary.recognised:
        return QCoreApplication.translate("CardTexts", "Not a card of this system")
    return life_cycle_text(summary.life_cycle)


def pin_tries_text(tries_left: int | None) -> str:
    """PIN tries left in words."""
    if tries_left is None:
        return QCoreApplication.translate("CardTexts", "No PIN set yet")
    if tries_left == 0:
        return QCoreApplication.translate("CardTexts", "Locked: the PIN must be reset")
    if tries_left == 1:
        return QCoreApplication.translate("CardTexts", "1 try left: one more wrong PIN locks it")
    return QCoreApplication.translate("CardTexts", "{count} tries left").format(count=tries_left)


def wrong_pin_text(tries_left: int) -> str:
    """What to tell the clerk after a wrong PIN."""
    if tries_left <= 0:
        return QCoreApplication.translate(
            "CardTexts", "The PIN was wrong and is now locked. The resident needs a PIN reset."
        )
    if tries_left == 1:
        return QCoreApplication.translate(
            "CardTexts", "The PIN was wrong. One try is left: one more wrong PIN locks it."
        )
    return QCoreApplication.translate(
        "CardTexts", "The PIN was wrong. {count} tries are left."
    ).format(count=tries_left)


def serial_text(serial: str | None) -> str:
    """The card serial in groups of four, as printed on the card."""
    if not serial:
        return "—"
    return " ".join(serial[i : i + 4] for i in range(0, len(serial), 4))


def card_presence_text(present: bool) -> str:
    """Whether a reader holds a card."""
    return (
        QCoreApplication.translate("CardTexts", "Card inserted")
        if present
        else QCoreApplication.translate("CardTexts", "No card")
    )


def unlock_tries_text(tries_left: int | None) -> str:
    """Tries left of the unlock number 照合番号B in words."""
    if tries_left is None:
        return ""
    if tries_left == 0:
        return QCoreApplication.translate(
            "CardTexts", "Locked: the issuing office must reset the unlock number"
        )
    if tries_left == 1:
        return QCoreApplication.translate(
            "CardTexts", "1 try left: one more wrong number locks the face data"
        )
    return QCoreApplication.translate("CardTexts", "{count} tries left").format(count=tries_left)


def wrong_unlock_text(tries_left: int) -> str:
    """What to tell the clerk after a wrong unlock number."""
    if tries_left <= 0:
        return QCoreApplication.translate(
            "CardTexts",
            "The unlock number was wrong and the face data is now locked. The issuing office "
            "must reset it; check identity by other means.",
        )
    check = QCoreApplication.translate(
        "CardTexts",
        "Check the birth date, the expiry year and the security code against the card.",
    )
    if tries_left == 1:
        return " ".join(
            (
                QCoreApplication.translate(
                    "CardTexts",
                    "The unlock number was wrong. One try is left: one more wrong number locks "
                    "the face data.",
                ),
                check,
            )
        )
    wrong = QCoreApplication.translate(
        "CardTexts", "The unlock number was wrong. {count} tries are left."
    ).format(count=tries_left)
    return f"{wrong} {check}"
