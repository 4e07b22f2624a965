"""Domain errors of the card sessions: what the card's status words mean for the clerk.

Each class says what happened (`what`) and what to do (`todo`) in plain words; callers never
see a status word such as 63C2. No message carries a PIN, an unlock number, a key or a resident
record code.
"""

from __future__ import annotations

from counter_app.card.connection import CardError
from counter_app.errors import ConfigurationError


class InvalidPinError(CardError):
    what = "The PIN is not correct."
    todo = "Ask the resident to enter the PIN again. When no tries are left the PIN is blocked."

    def __init__(self, tries_left: int) -> None:
        super().__init__(f"wrong PIN, {tries_left} tries left")
        self.tries_left = tries_left


class PinBlockedError(CardError):
    what = "The PIN is blocked: it was entered wrongly too many times."
    todo = "Confirm the resident's identity with another document, then reset the PIN."


class PinRequiredError(CardError):
    what = "The card asks for the resident's PIN before it shows this data."
    todo = "Ask the resident to enter the 4-digit PIN."


class PinFormatError(CardError, ValueError):
    what = "A PIN must be exactly 4 digits."
    todo = "Ask the resident to choose a PIN of 4 digits (0-9)."


class UnlockNumberError(CardError):
    what = "The unlock number (照合番号B) is not correct."
    todo = (
        "Check the birth date, the expiry year and the security code printed on the card, "
        "and enter the number again."
    )

    def __init__(self, tries_left: int) -> None:
        super().__init__(f"wrong unlock number, {tries_left} tries left")
        self.tries_left = tries_left


class UnlockNumberFormatError(CardError, ValueError):
    what = "An unlock number (照合番号B) is exactly 14 digits."
    todo = (
        "Enter the birth date in the Japanese era (YYMMDD), the expiry year (YYYY) and the "
        "4-digit security code, all printed on the card."
    )


class LastTryError(CardError):
    what = "Only one try is left: a wrong number now would lock the card."
    todo = (
        "Check the number against the card once more, then confirm that it should be sent. "
        "If in doubt, check identity by other means."
    )

    def __init__(self, tries_left: int) -> None:
        super().__init__(f"{tries_left} try left, not sent without confirmation")
        self.tries_left = tries_left


class UnlockBlockedError(CardError):
    what = "The face data is locked: the unlock number was entered wrongly too many times."
    todo = "The issuing office can reset the unlock number. Check identity by other means."


class UnlockRequiredError(CardError):
    what = "The card asks for the unlock number (照合番号B) before it shows the face data."
    todo = "Enter the unlock number built from the data printed on the card."


class NotOurCardError(CardError):
    what = "This card is not a resident card of this system."
    todo = "Check that the resident gave you the right card and that it faces the right way."


class CardNotOperationalError(CardError):
    what = "The card is not in use: it is blank, its issuance was not finished, or it is suspended."
    todo = "Use the issuing workflow to finish or resume the card, or use another card."


class CardNotPersonalisedError(CardNotOperationalError):
    what = "The card holds no resident data yet (it is blank or its issuance was interrupted)."
    todo = "Finish the issuance: it starts over safely. Otherwise use another card."


class CardSuspendedError(CardNotOperationalError):
    what = "The card is suspended: it cannot be read until it is resumed."
    todo = (
        "If an address change was interrupted, run the address change again to resume it. "
        "If the card was reported lost, do not hand it back; follow the lost-card procedure."
    )


class CardTerminatedError(CardError):
    what = "The card has been invalidated (returned or cancelled) and can no longer be used."
    todo = "Keep the card for disposal. The resident needs a new card."


class CardAlreadyPersonalisedError(CardError):
    what = "The card has already been issued; it cannot be issued again."
    todo = "Use a blank card for a new issuance."


class ApplicationMissingError(CardError):
    what = "The card does not hold the application needed for this operation."
    todo = "Check that this is the right card. If it is, the card may need to be re-issued."


class ApplicationExistsError(CardError):
    what = "The card already holds this service application."
    todo = "Remove the application first if you want to install it again."


class CardFullError(CardError):
    what = "The card has no room left for this data."
    todo = "Remove a service application the resident no longer uses, then try again."


class CardDataError(CardError):
    what = "The data on the card is damaged or not in the expected format."
    todo = "Treat the card as not verified. If this card was issued here, re-issue it."


class FileMissingError(CardDataError):
    what = "A file the card should hold is missing."
    todo = "Treat the card as not verified. If this card was issued here, re-issue it."


class IssuerAuthenticationError(CardError):
    what = "The card did not accept this office's issuer keys."
    todo = (
        "This card was not prepared for this office, or the issuer keys are wrong. "
        "Call the system administrator."
    )


class AccessDeniedError(CardError):
    what = "The card refused the operation: the needed authentication is missing."
    todo = "Start the operation again from the beginning."


class NoTrustStoreError(ConfigurationError):
    """A card was to be verified, but this counter trusts no issuer (no trust store)."""

    what = "This counter has no trust store, so no card can be proved genuine."
    todo = (
        "Do not accept the card as proof of identity yet. Ask the system administrator to "
        "configure the trust store (the certificates exported at the key ceremony)."
    )


class VerificationFailedError(CardError):
    what = "The card failed a genuineness check: its data may be altered or copied."
    todo = (
        "Do not accept this card as proof of identity. Keep it, check identity by other "
        "means, and report it to the issuing office."
    )
