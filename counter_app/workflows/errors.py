"""Errors of the counter workflows: what happened and what the clerk should do."""

from __future__ import annotations

from counter_app.errors import CounterError


class WorkflowError(CounterError):
    """Base of the workflows' own errors."""

    what = "The counter task could not be completed."
    todo = "Check the details and try again. If it happens again, call the system administrator."


class WorkflowCancelledError(WorkflowError):
    what = "The task was cancelled. Nothing was recorded for the step that did not finish."
    todo = "Start the task again when the resident is ready."


class WorkflowStateError(WorkflowError):
    what = "The task was asked to do something out of order."
    todo = "Close the task and start it again."


class PinMismatchError(WorkflowError, ValueError):
    what = "The two PIN entries are not the same."
    todo = "Ask the resident to enter the new PIN twice again."


class WeakPinError(WorkflowError, ValueError):
    """A new PIN others could guess; each subclass says why in words."""

    what = "This PIN is too easy to guess."
    todo = "Ask the resident to choose another 4-digit number."


class PinSameDigitsError(WeakPinError):
    what = "This PIN is one digit repeated (such as 1111), which is easy to guess."
    todo = "Ask the resident to choose a number with different digits."


class PinSequenceError(WeakPinError):
    what = "This PIN is a run of digits (such as 1234 or 9876), which is easy to guess."
    todo = "Ask the resident to choose a number that is not a run of digits."


class PinBirthDateError(WeakPinError):
    what = "This PIN is made from the resident's birth date, which others can find out."
    todo = "Ask the resident to choose a number that is not their birth date or birth year."


class PhotoTooSmallError(WorkflowError, ValueError):
    what = "The photo is too small to print on the card."
    todo = "Take or scan the photo again at a higher resolution."


class PhotoEmptyError(WorkflowError, ValueError):
    what = "The photo is empty: it shows no face, only one colour."
    todo = "Check that the right file was chosen, or take the photo again."


class PhotoMissingError(WorkflowError, ValueError):
    what = "A photo card needs a photo."
    todo = "Import the resident's photo, or choose a card without a photo."


class IdentityDocumentsMissingError(WorkflowError, ValueError):
    what = "No identity document was recorded."
    todo = "Check the resident's identity documents and mark which ones were presented."


class NotEligibleForFreeIssuanceError(WorkflowError):
    what = "The resident does not meet the age rule for free issuance."
    todo = "Charge the standard fee, or check the birth date in the register."

    def __init__(self, detail: str = "", *, minimum_age: int = 0) -> None:
        super().__init__(detail)
        self.minimum_age = minimum_age


class ProofMissingError(WorkflowError, ValueError):
    what = "The proof of the returned driving licence is missing or not valid."
    todo = (
        "Enter the number of the driving history certificate (運転経歴証明書), or the date of "
        "the licence cancellation notice."
    )


class ProofNumberFormatError(ProofMissingError):
    what = (
        "This is not the number of a driving history certificate: it has 12 digits, and the "
        "first two are the code of the public safety commission that issued the licence "
        "(東京 30, 大阪 62, 北海道 10 to 14 ...)."
    )
    todo = "Read the 12-digit number on the certificate again and type it without spaces."


class CardDataMismatchError(WorkflowError):
    what = "The card does not hold the data that was written to it."
    todo = "Do not hand this card over. Issue again with a new blank card."


class CardNotVerifiedError(WorkflowError):
    what = "The card did not pass its checks after writing."
    todo = "Do not hand this card over. Issue again with a new blank card."


class WrongCardError(WorkflowError):
    what = "The card in the reader is not a card of this resident."
    todo = "Check that the resident gave you the right card."


class CardNotActiveError(WorkflowError):
    what = "The register shows this card as not in use (suspended, revoked or returned)."
    todo = "Do not accept the card. Follow the procedure for the card's status shown."


class CardNotRegisteredError(WorkflowError):
    what = "This card is not in the register."
    todo = "Do not accept the card. Report it to the issuing office."


class NoActiveCardError(WorkflowError):
    what = "The resident has no card in use."
    todo = "Check the resident's cards in the register; a new card may need to be issued."


class PrintFailedError(WorkflowError):
    what = "Printing failed. The card task itself is recorded and nothing is lost."
    todo = "Check the printer, then print again from this screen."


class SettingsError(WorkflowError):
    what = "The counter settings file is not valid."
    todo = "Call the system administrator to correct the settings file."


class MemberNumberTooLongError(WorkflowError, ValueError):
    what = "The member number is longer than the service's file on the card can hold."
    todo = "Check the member number on the service's own register and enter it again."


class ServiceFileMissingError(WorkflowError):
    what = "The service keeps no member number on the card, so there is nothing to personalise."
    todo = "Check the service chosen."


class ServiceCardMismatchError(WorkflowError):
    what = "The service data on the card does not match the register's record of it."
    todo = (
        "Do not accept the card for this service. Send the resident to the counter, where the "
        "service can be personalised again."
    )


class KioskError(WorkflowError):
    """Base of the certificate kiosk's refusals; `code` is the word its audit event records."""

    code = "refused"
    what = "The certificate kiosk could not issue the certificate."
    todo = "Take your card back and ask at the counter."


class KioskCardNotValidError(KioskError):
    code = "card_not_valid"
    what = "The card's data could not be confirmed, so no certificate can be issued with it."
    todo = "Take your card back and ask at the counter to have the card checked."


class KioskSubjectMismatchError(KioskError):
    code = "subject_mismatch"
    what = (
        "The certificate prepared for printing was not for the person whose card is in this "
        "kiosk, so nothing was printed and no fee was charged."
    )
    todo = "Take your card back and ask at the counter. The kiosk has recorded what happened."


class KioskCopiesError(KioskError, ValueError):
    code = "copies"
    what = "The number of copies is not one the kiosk can print."
    todo = "Choose between 1 and 10 copies."


class KioskSessionEndedError(KioskError):
    code = "session_ended"
    what = "The session has ended: the card was removed or the kiosk was left idle."
    todo = "Insert your card again and enter your PIN."


class KioskOperatorFunctionError(KioskError):
    code = "operator_function"
    what = (
        "This machine is set up as a certificate kiosk: counter functions are not available here."
    )
    todo = "Use a counter machine, or ask the supervisor to change this machine's setup."


class ReprintReasonMissingError(WorkflowError, ValueError):
    what = "A reprint needs a reason."
    todo = "Type why the printout is printed again (for example: paper jam, printing failed)."


class NothingToReprintError(WorkflowError):
    what = "There is nothing of this kind to print again for this resident's card."
    todo = (
        "Check the resident and what to reprint. A card issued before the register kept its "
        "print data, or without any address change, cannot be reprinted that way: re-issue it."
    )
