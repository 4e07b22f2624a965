"""Errors of the resident register: what happened and what the clerk should do.

No message carries a resident record code, a password or a PIN; messages name records by their
internal id only.
"""

from __future__ import annotations

from counter_app.errors import CounterError


class RecordsError(CounterError):
    """Base of every error of the resident register."""

    what = "The resident register could not complete the step."
    todo = "Try again. If it happens again, call the system administrator."


class DatabaseUnavailableError(RecordsError):
    what = "The connection to the resident register was lost, so the last step was not finished."
    todo = (
        "Nothing half-done was kept. Check the network cable or ask the administrator whether "
        "the register server is running, then do the step again."
    )


class DatabaseBusyError(RecordsError):
    what = "The resident register is busy with another counter's work and did not answer in time."
    todo = "Nothing was changed. Wait a moment and do the step again."


class DatabaseNotInitialisedError(RecordsError):
    what = "The resident register has not been set up, or its layout is out of date."
    todo = "Ask the administrator to run `counter-app db init` for this register."


class DatabaseUrlError(RecordsError):
    what = "The address of the resident register is not valid."
    todo = "Check the --db option or the COUNTER_APP_DB setting (e.g. postgresql://host/name)."


class RecordCodeKeyError(RecordsError):
    what = "The key that protects resident record codes is missing, unreadable or wrong."
    todo = (
        "Do not create a new key for an existing register. Ask the administrator to restore the "
        "key file of this register."
    )


class RecordCodeFormatError(RecordsError, ValueError):
    what = "A resident record code (住民票コード) is exactly 11 digits."
    todo = "Check the code on the source document and enter it again."


class DuplicateRecordCodeError(RecordsError):
    what = "Another resident in the register already has this resident record code."
    todo = "Check the code on the source document. Do not register the same person twice."


class AccessRefusedError(RecordsError):
    what = "This lookup is not covered by the chosen purpose, so it was refused and recorded."
    todo = (
        "Choose the purpose the work is really for. If the person is not covered by any purpose "
        "you work under, ask your supervisor."
    )


class UnknownPurposeError(RecordsError):
    what = "There is no such purpose in the register."
    todo = "Choose one of the purposes listed for your work."


class RecordCodeNotASearchKeyError(RecordsError, ValueError):
    what = "Resident record codes cannot be used to search the register."
    todo = "Search by name (kana, kanji or Latin), birth date or address instead."


class SearchQueryError(RecordsError, ValueError):
    what = "The search needs a name, a birth date or part of an address."
    todo = "Type at least one character of a name, a date such as 1950-04-01, or an address."


class SearchDateError(SearchQueryError):
    what = "This is not a date that exists: the month is 1 to 12 and the day one of that month."
    todo = "Type the birth date again, year-month-day, such as 1950-04-01."


class SearchFutureDateError(SearchQueryError):
    what = "This date is after today, so it cannot be anyone's birth date."
    todo = "Check the year and type the birth date again, such as 1950-04-01."


class ResidentNotFoundError(RecordsError):
    what = "No resident with this number is in the register."
    todo = "Search for the resident again."


class LoginFailedError(RecordsError):
    what = "The operator name or the password is not correct."
    todo = "Enter them again. After several wrong tries the operator account is locked."


class OperatorLockedError(RecordsError):
    what = "This operator account is locked after too many failed logins."
    todo = "Ask a supervisor to unlock the account."


class OperatorNotOnDutyError(RecordsError):
    what = "This operator is not registered for duty at the counter now."
    todo = "Ask a supervisor to register the operator for duty."


class OperatorExistsError(RecordsError):
    what = "An operator with this login name or operator card is already registered."
    todo = "Choose another login name, or register a new duty period for the existing operator."


class OperatorNotFoundError(RecordsError):
    what = "There is no such operator in the register."
    todo = "Check the operator's login name or number."


class PasswordChangeRequiredError(RecordsError):
    what = "The password was given by a supervisor for one login only."
    todo = "Choose your own password, type it twice, and log in with it."


class NewPasswordRejectedError(RecordsError, ValueError):
    what = "The new password cannot be used."
    todo = (
        "Choose a password of at least 8 characters that differs from the one given by the "
        "supervisor, and type the same password twice."
    )


class LastSupervisorError(RecordsError):
    what = "This is the last supervisor on duty, so the duty cannot be ended."
    todo = (
        "Register another supervisor first; the register must always keep one supervisor who "
        "can unlock and register operators."
    )


class OperatorFormError(RecordsError, ValueError):
    what = "The operator cannot be registered as entered."
    todo = (
        "Enter a display name, a login name (letters, digits, '-', '_' or '.'), at least one "
        "role, and a duty end on or after its start."
    )


class SessionExpiredError(RecordsError):
    what = "The operator session ended because the counter was left idle."
    todo = "Log in again to continue."


class RoleRequiredError(RecordsError):
    what = "Your operator role does not allow this work."
    todo = "Ask an operator with the right role, or a supervisor, to do it."


class CardRecordError(RecordsError):
    what = "The card record could not be changed like this."
    todo = "Check the card serial and its current status, then try again."


class CsvImportError(RecordsError, ValueError):
    what = "The CSV file was not imported because a row is not valid. Nothing from it was added."
    todo = (
        "Correct the line named in the message (the format is in docs/records-csv.md), then "
        "import the whole file again."
    )

    def __init__(self, detail: str, line: int) -> None:
        super().__init__(detail)
        self.line = line


class ReservationError(RecordsError):
    """Base of the errors of facility reservations; `code` is the word the audit records."""

    code = "refused"
    what = "The reservation could not be made or changed."
    todo = "Check the facility, the day and the time, then try again."


class FacilityNotFoundError(ReservationError):
    code = "no_facility"
    what = "There is no such facility open for reservations."
    todo = "Choose one of the facilities listed."


class FacilityExistsError(ReservationError):
    code = "facility_exists"
    what = "A facility with this name is already offered for reservation."
    todo = "Choose another name, or use the facility `counter-app facilities list` shows."


class ReservationNotFoundError(ReservationError):
    code = "no_reservation"
    what = "There is no such reservation, or it was already cancelled."
    todo = "Look at the day view of the facility again."


class SlotTakenError(ReservationError):
    """Someone else booked (part of) the slot first; `next_free` offers the nearest free ones."""

    code = "slot_taken"
    what = "This time is already reserved by someone else. Nothing was booked for you."
    todo = "Choose one of the free times offered, or another day."

    def __init__(self, detail: str, next_free: tuple[tuple[str, str], ...] = ()) -> None:
        super().__init__(detail)
        self.next_free = next_free  # (start, end) as ISO local times, nearest first


class OutsideOpeningHoursError(ReservationError):
    code = "outside_hours"
    what = "The facility is not open for the whole of this time, or the time is not a slot start."
    todo = "Choose a time from the facility's day view."


class SlotInPastError(ReservationError):
    code = "in_past"
    what = "This time has already begun or passed."
    todo = "Choose a later time."


class BookingLimitError(ReservationError):
    code = "limit_reached"
    what = "You already hold as many future reservations of this facility as one resident may."
    todo = "Use or cancel one of your reservations before booking another."


class CancellationDeadlinePassedError(ReservationError):
    code = "past_deadline"
    what = "The deadline for cancelling this reservation yourself has passed."
    todo = "Ask the facility's counter: a clerk can cancel it and record the reason."


class NotYourReservationError(ReservationError):
    code = "not_yours"
    what = "This reservation belongs to someone else, so it was not cancelled."
    todo = "Choose one of your own reservations."


class CancellationReasonRequiredError(ReservationError, ValueError):
    code = "reason_missing"
    what = "A cancellation after the deadline needs the reason written down."
    todo = "Enter the reason (e.g. the facility is closed for repairs) and cancel again."


class ServiceError(RecordsError):
    """Base of the errors of multipurpose services; `code` is the word the audit records."""

    code = "refused"
    what = "The service on the card could not be changed."
    todo = "Check the service and the card, then try again."


class ServiceNotFoundError(ServiceError):
    code = "no_service"
    what = "There is no such service in the catalogue."
    todo = "Choose one of the services `counter-app services catalogue` lists."


class ServiceTypeExistsError(ServiceError):
    code = "service_exists"
    what = "The catalogue already has a service type with this code or AID."
    todo = "Choose another code and AID, or use the entry `counter-app services catalogue` lists."


class ServiceNotEnabledError(ServiceError):
    code = "not_enabled"
    what = "The municipality has not enabled this service, so it cannot be put on cards."
    todo = "Ask the supervisor to enable the service in the catalogue first."


class OrdinanceNotInForceError(ServiceError):
    code = "no_ordinance"
    what = (
        "The ordinance that allows this service is not registered or not in force today, so "
        "the service may not be put on a card."
    )
    todo = "Ask the supervisor to register the ordinance article and its date in force."


class ServiceAlreadyOnCardError(ServiceError):
    code = "already_installed"
    what = "This service is already on the card."
    todo = "Nothing to install. Personalise, lock or remove it instead."


class ServiceNotOnCardError(ServiceError):
    code = "not_installed"
    what = "This service is not on the card."
    todo = "Check the card in the reader and the service chosen."


class ServiceLockedError(ServiceError):
    code = "locked"
    what = "This service is locked on the card: it may not be used or changed until unlocked."
    todo = "Unlock it first if the resident's use should go on."


class CardNotInUseError(ServiceError):
    code = "card_not_active"
    what = (
        "The card is not in use (suspended, revoked, returned or expired): its services may not "
        "be used or changed."
    )
    todo = "Use the resident's card in use, or lift the suspension first."


class KioskCardError(RecordsError):
    """The card in a certificate kiosk's reader cannot open a session; `code` goes to the audit."""

    code = "card_not_usable"
    what = "This card cannot be used at the certificate kiosk."
    todo = "Take the card back and ask at the counter: the card may be suspended or not in use."


class PurposeRetiredError(UnknownPurposeError):
    what = "This purpose has been retired, so lookups under it are refused and recorded."
    todo = (
        "Choose the purpose the work is for now. The supervisor's desk lists each purpose with "
        "the date it was retired from."
    )


class PurposeNotInForceError(UnknownPurposeError):
    what = "This purpose is not in force yet, so lookups under it are refused and recorded."
    todo = "Wait for its date in force, or choose the purpose the work is for now."


class PurposeInputError(RecordsError, ValueError):
    """A purpose described wrongly; each subclass says what is wrong in words."""

    what = "The purpose cannot be added or retired as entered."
    todo = "Correct the entry and do the step again."


class PurposeCodeFormatError(PurposeInputError):
    what = (
        "A purpose code is 3 to 32 lower-case letters, digits and hyphens, beginning with a "
        "letter, such as pref-housing-arrears."
    )
    todo = "Type the code again in that form."


class PurposeNameMissingError(PurposeInputError):
    what = "A purpose needs its name: the task as the ordinance names it."
    todo = "Type the name of the task, such as 県営住宅使用料の滞納整理."


class LegalBasisMissingError(PurposeInputError):
    what = (
        "A purpose needs its legal basis: the law or ordinance, and the article that allows the "
        "use, such as 第37条."
    )
    todo = "Type the name of the law or ordinance and the article (第…条)."


class PurposeCategoriesMissingError(PurposeInputError):
    what = "A purpose needs at least one category of person it may look up."
    todo = "Choose the categories the ordinance names, such as tenant and guarantor."


class PurposeRolesMissingError(PurposeInputError):
    what = "A purpose needs at least one operator role that may work under it."
    todo = "Choose the roles of the operators who do this task."


class PurposeDateError(PurposeInputError):
    what = "A date is written year-month-day, such as 2027-04-01, and must be a day that exists."
    todo = "Type the date again in that form."


class CouncilAnswerDateError(PurposeInputError):
    what = (
        "The council's answer (答申) comes before the use: its date is on or before the date in "
        "force, and not after today."
    )
    todo = "Check the date of the answer and the date in force, and type them again."


class PurposeExistsError(PurposeInputError):
    what = "The register already has a purpose with this code."
    todo = "Choose another code; a retired purpose keeps its code for the record."


class PurposeRetireDateError(PurposeInputError):
    what = (
        "A purpose is retired from today or a later date, and after its date in force; a "
        "retired purpose keeps its date."
    )
    todo = "Type a date from today on, or check that the purpose is not already retired."


class PurposeNotRetirableError(PurposeInputError):
    what = "The supervision purpose cannot be retired: the supervisor's desk works under it."
    todo = "Retire only ordinance tasks that have ended."
