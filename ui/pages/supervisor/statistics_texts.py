"""The council figures' words in the supervisor's language, for the statistics section.

The core words them in English (counter_app/printing/council_texts.py, `ENGLISH`, whose
definitions are the register's own); this table marks each one for pyside6-lupdate (context
"statistics"), and tests check that it lists every one and that the Japanese translations are the
printed report's words (`JAPANESE`), so the page and the PDF never disagree.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from counter_app.printing.council_texts import ENGLISH, CouncilTexts

CONTEXT = "statistics"

# QT_TRANSLATE_NOOP returns its text; PySide's stub says object.
MARKED: tuple[object, ...] = (
    QT_TRANSLATE_NOOP("statistics", "Resident card figures for the council"),
    QT_TRANSLATE_NOOP("statistics", "Municipality: {name} (local government code {code})"),
    QT_TRANSLATE_NOOP("statistics", "Period: {start} to {end} (holding rates on {end})"),
    QT_TRANSLATE_NOOP("statistics", "Computed at {moment}"),
    QT_TRANSLATE_NOOP(
        "statistics",
        "Counts from 1 to {below} are shown as {marker}, so that no small group points at"
        " a person.",
    ),
    QT_TRANSLATE_NOOP("statistics", "Definition"),
    QT_TRANSLATE_NOOP("statistics", "all"),
    QT_TRANSLATE_NOOP("statistics", "Count"),
    QT_TRANSLATE_NOOP("statistics", "Holding rate (%)"),
    QT_TRANSLATE_NOOP("statistics", "Holding rate, overall"),
    QT_TRANSLATE_NOOP("statistics", "Holding rate by age band and sex"),
    QT_TRANSLATE_NOOP("statistics", "Holding rate by district (postal code)"),
    QT_TRANSLATE_NOOP("statistics", "Holding rate, Japanese and foreign residents"),
    QT_TRANSLATE_NOOP(
        "statistics",
        "Issuances, re-issues, free issuances, returns and suspensions per month",
    ),
    QT_TRANSLATE_NOOP("statistics", "Uses of identity data per purpose"),
    QT_TRANSLATE_NOOP("statistics", "Services installed on cards"),
    QT_TRANSLATE_NOOP("statistics", "Uses of services on the card"),
    QT_TRANSLATE_NOOP(
        "statistics",
        "Cards in force divided by living residents on the last day of the period. A card is in "
        "force when its status on the last day of the period was active (the status its last "
        "change by the end of that day gave it; active for a card issued without a change "
        "since), it was issued on or before that day and expires on or after it, and its holder "
        "is a living resident on that day. A living resident on a day is one whose record is "
        "'resident', or who moved out or died after that day.",
    ),
    QT_TRANSLATE_NOOP(
        "statistics",
        "The holding rate by 5-year age band (age on the last day of the period; 100 and "
        "over in one band) and sex (ISO 5218).",
    ),
    QT_TRANSLATE_NOOP(
        "statistics",
        "The holding rate by district, the postal code of the resident's address "
        "('(none)' where the record has none).",
    ),
    QT_TRANSLATE_NOOP(
        "statistics",
        "The holding rate by nationality group: Japanese (no nationality recorded, or "
        "JPN) and foreign residents.",
    ),
    QT_TRANSLATE_NOOP(
        "statistics",
        "Per month of the period: new issuances (a resident's first card), re-issues (a "
        "card issued to a resident who had one before) and free issuances (issued on an "
        "application with a fee exemption), by the day of issue; returns and suspensions,"
        " by the day the card's status was changed.",
    ),
    QT_TRANSLATE_NOOP(
        "statistics",
        "Look-ups of identity data in the register (search, reading a record, a "
        "resident's cards, revealing a record code) within the period, per purpose and "
        "outcome (allowed or refused), from the audit trail.",
    ),
    QT_TRANSLATE_NOOP(
        "statistics",
        "Services installed on cards within the period, per service; a service carried "
        "over to a re-issued card is not counted again.",
    ),
    QT_TRANSLATE_NOOP(
        "statistics",
        "Uses of services on the card within the period, per service, step and outcome, "
        "from the audit trail (each audited step at the library desk, each certificate a "
        "kiosk issued or refused).",
    ),
    QT_TRANSLATE_NOOP("statistics", "Age band"),
    QT_TRANSLATE_NOOP("statistics", "Sex"),
    QT_TRANSLATE_NOOP("statistics", "District"),
    QT_TRANSLATE_NOOP("statistics", "Nationality"),
    QT_TRANSLATE_NOOP("statistics", "Month"),
    QT_TRANSLATE_NOOP("statistics", "Purpose"),
    QT_TRANSLATE_NOOP("statistics", "Outcome"),
    QT_TRANSLATE_NOOP("statistics", "Service"),
    QT_TRANSLATE_NOOP("statistics", "Step"),
    QT_TRANSLATE_NOOP("statistics", "Cards in force"),
    QT_TRANSLATE_NOOP("statistics", "Residents"),
    QT_TRANSLATE_NOOP("statistics", "Holding rate"),
    QT_TRANSLATE_NOOP("statistics", "Issued"),
    QT_TRANSLATE_NOOP("statistics", "Re-issued"),
    QT_TRANSLATE_NOOP("statistics", "Free issuance"),
    QT_TRANSLATE_NOOP("statistics", "Returned"),
    QT_TRANSLATE_NOOP("statistics", "Suspended"),
    QT_TRANSLATE_NOOP("statistics", "Look-ups"),
    QT_TRANSLATE_NOOP("statistics", "Installed"),
    QT_TRANSLATE_NOOP("statistics", "Uses"),
    QT_TRANSLATE_NOOP("statistics", "male"),
    QT_TRANSLATE_NOOP("statistics", "female"),
    QT_TRANSLATE_NOOP("statistics", "unknown"),
    QT_TRANSLATE_NOOP("statistics", "not applicable"),
    QT_TRANSLATE_NOOP("statistics", "Japanese"),
    QT_TRANSLATE_NOOP("statistics", "foreign"),
    QT_TRANSLATE_NOOP("statistics", "done"),
    QT_TRANSLATE_NOOP("statistics", "allowed"),
    QT_TRANSLATE_NOOP("statistics", "refused"),
    QT_TRANSLATE_NOOP("statistics", "failed"),
    QT_TRANSLATE_NOOP("statistics", "(none)"),
    QT_TRANSLATE_NOOP("statistics", "card issuance"),
    QT_TRANSLATE_NOOP("statistics", "card services"),
    QT_TRANSLATE_NOOP("statistics", "identity check"),
    QT_TRANSLATE_NOOP("statistics", "free issuance for a returned licence"),
    QT_TRANSLATE_NOOP("statistics", "multipurpose services"),
    QT_TRANSLATE_NOOP("statistics", "rent arrears"),
    QT_TRANSLATE_NOOP("statistics", "certificate kiosk"),
    QT_TRANSLATE_NOOP("statistics", "library desk"),
    QT_TRANSLATE_NOOP("statistics", "supervision"),
    QT_TRANSLATE_NOOP("statistics", "library"),
    QT_TRANSLATE_NOOP("statistics", "certificate kiosk"),
)


def current_texts() -> CouncilTexts:
    """The council figures' words in the language the window speaks now."""
    return ENGLISH.translated(lambda text: QCoreApplication.translate(CONTEXT, text))
