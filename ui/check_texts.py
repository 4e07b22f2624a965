"""The verification's check titles, verdicts and reasons in the clerk's language.

The core names its checks and gives its reasons as English source strings (counter_app/card/
verification.py, counter_app/workflows/verification.py); this table marks them for
pyside6-lupdate (context "checks"). A reason with a value in it (a date, a certificate name, a
register status) is matched by its pattern and the value put into the translated sentence; a
reason the table does not know is shown as the core wrote it.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from counter_app.card.verification import TITLES, Check, CheckId, Verdict
from counter_app.records import CardStatus
from ui.card_register_status import RegisterStatus, register_status_text
from ui.errors import translate_error
from ui.face_texts import printed_fields_text

CONTEXT = "checks"

_TITLES: dict[CheckId, object] = {
    CheckId.SIGNER_CERTIFICATE: QT_TRANSLATE_NOOP("checks", "Issuer signer certificate"),
    CheckId.BINDING_DIGEST: QT_TRANSLATE_NOOP("checks", "Card binding digest (DF31)"),
    CheckId.ATTRIBUTES_DIGEST: QT_TRANSLATE_NOOP(
        "checks", "Name, address, birth date and sex digest (DF32)"
    ),
    CheckId.TEXT_SIGNATURE: QT_TRANSLATE_NOOP(
        "checks", "Issuer signature over the text data (DF33)"
    ),
    CheckId.CARD_BINDING: QT_TRANSLATE_NOOP("checks", "Text data belongs to this card"),
    CheckId.FACE_SIGNATURE: QT_TRANSLATE_NOOP(
        "checks", "Issuer signature over the face data (DF28)"
    ),
    CheckId.FACE_SIGNATURE_ATTRIBUTES: QT_TRANSLATE_NOOP(
        "checks", "J-LIS signature over birth date, sex and key (DF22-DF24)"
    ),
    CheckId.FACE_SIGNATURE_IMAGES: QT_TRANSLATE_NOOP(
        "checks", "J-LIS signature over the name and address images (DF25-DF26)"
    ),
    CheckId.FACE_SIGNATURE_PHOTO: QT_TRANSLATE_NOOP(
        "checks", "J-LIS signature over the photo (DF27)"
    ),
    CheckId.CHIP_AUTHENTICATION: QT_TRANSLATE_NOOP(
        "checks", "Chip is genuine (challenge signed by the chip key)"
    ),
    CheckId.CARD_EXPIRY: QT_TRANSLATE_NOOP("checks", "Card is within its validity period"),
    CheckId.REGISTER_STATUS: QT_TRANSLATE_NOOP("checks", "The register shows the card in use"),
    CheckId.TEXT_FACE_AGREEMENT: QT_TRANSLATE_NOOP(
        "checks", "Text and face data agree (birth date, sex)"
    ),
    CheckId.QR_SEAL: QT_TRANSLATE_NOOP(
        "checks", "The printed QR seal is genuine and belongs to this chip"
    ),
    CheckId.PRINTED_FACE: QT_TRANSLATE_NOOP("checks", "The printed face matches the chip"),
}

# Reasons without a value in them, as the core words them.
_REASONS = (
    QT_TRANSLATE_NOOP("checks", "not part of this read"),
    QT_TRANSLATE_NOOP("checks", "not part of this verification"),
    QT_TRANSLATE_NOOP("checks", "the certificate is damaged"),
    QT_TRANSLATE_NOOP("checks", "the integrity file is damaged"),
    QT_TRANSLATE_NOOP("checks", "the data file is damaged"),
    QT_TRANSLATE_NOOP("checks", "the data matches its recorded digest"),
    QT_TRANSLATE_NOOP("checks", "the data was changed after it was signed"),
    QT_TRANSLATE_NOOP("checks", "no trusted signer certificate to check it"),
    QT_TRANSLATE_NOOP("checks", "the signed data is damaged"),
    QT_TRANSLATE_NOOP("checks", "the chip key in the face data is unreadable"),
    QT_TRANSLATE_NOOP("checks", "the chip key is not covered by a valid signature"),
    QT_TRANSLATE_NOOP("checks", "the chip did not answer the challenge"),
    QT_TRANSLATE_NOOP("checks", "the chip holds the key the issuer signed"),
    QT_TRANSLATE_NOOP("checks", "the chip does not hold the signed key: a copied card"),
    QT_TRANSLATE_NOOP("checks", "the expiry date is unreadable"),
    QT_TRANSLATE_NOOP("checks", "the binding file is damaged"),
    QT_TRANSLATE_NOOP("checks", "the data names this card's serial"),
    QT_TRANSLATE_NOOP("checks", "the data was written for another card"),
    QT_TRANSLATE_NOOP(
        "checks", "the chip key is in the face data: open it with the unlock number to check it"
    ),
    QT_TRANSLATE_NOOP("checks", "the chip holds the key recorded at issuance"),
    QT_TRANSLATE_NOOP("checks", "the chip does not hold the recorded key: a copied card"),
    QT_TRANSLATE_NOOP(
        "checks", "the expiry is in the face data: open it with the unlock number to check it"
    ),
    QT_TRANSLATE_NOOP("checks", "the register did not answer, so the card's status is not known"),
    QT_TRANSLATE_NOOP("checks", "this municipality's register has no such card"),
    QT_TRANSLATE_NOOP("checks", "a registered card"),
    QT_TRANSLATE_NOOP("checks", "not registered"),
    QT_TRANSLATE_NOOP("checks", "only one of the text and face data was read"),
    QT_TRANSLATE_NOOP("checks", "the data of a failed check is not compared"),
    QT_TRANSLATE_NOOP("checks", "the same birth date and sex"),
    QT_TRANSLATE_NOOP("checks", "the text and face data differ"),
    QT_TRANSLATE_NOOP("checks", "no QR code was read"),
    QT_TRANSLATE_NOOP("checks", "the QR code is of another card"),
    QT_TRANSLATE_NOOP("checks", "a genuine seal naming this card's serial"),
    QT_TRANSLATE_NOOP("checks", "the chip was not opened: the QR code is of another card"),
    # Why a QR seal is not genuine (counter_app/printing/seal_verify.py), and evidence words.
    QT_TRANSLATE_NOOP("checks", "the signature does not match the data"),
    QT_TRANSLATE_NOOP("checks", "our seals are never signed before issue"),
    QT_TRANSLATE_NOOP("checks", "none"),
    # No trust store to check against (counter_app/trust_store.py, printing/seal_verify.py).
    QT_TRANSLATE_NOOP(
        "checks", "no trust store is configured, so no issuer and no seal can be trusted"
    ),
    QT_TRANSLATE_NOOP("checks", "the configured trust store directory does not exist"),
    QT_TRANSLATE_NOOP("checks", "the trust store holds no card CA certificate"),
    QT_TRANSLATE_NOOP("checks", "the trust store holds no seal signer certificate"),
    # A real 個人番号カード (counter_app/card/real_reading.py, workflows/real_card_verification.py).
    QT_TRANSLATE_NOOP("checks", "issuer key not in the trust store"),
    QT_TRANSLATE_NOOP(
        "checks", "the card holds no signer certificate in EF 0004, so nothing can be checked"
    ),
    QT_TRANSLATE_NOOP("checks", "the integrity file (EF 0003) opens only with the resident's PIN"),
    QT_TRANSLATE_NOOP(
        "checks",
        "the real card's chip authentication is not part of its public layout: "
        "a copy of a genuine card's data onto another chip is not detected",
    ),
    QT_TRANSLATE_NOOP(
        "checks",
        "a 個人番号カード issued by J-LIS: its status is in J-LIS's register, "
        "not this municipality's",
    ),
    QT_TRANSLATE_NOOP(
        "checks", "the QR code is of a card this municipality issues, not of a 個人番号カード"
    ),
    QT_TRANSLATE_NOOP(
        "checks", "the expiry is in the face data: open it with 照合番号B to check it"
    ),
    QT_TRANSLATE_NOOP("checks", "the chip was not opened: give 照合番号B or the resident's PIN"),
    # The printed face against the chip (workflows/verification.py).
    QT_TRANSLATE_NOOP("checks", "the chip's face data was not read"),
    QT_TRANSLATE_NOOP(
        "checks", "the chip's face data is not proven genuine, so the print is not compared"
    ),
)
_FIXED = frozenset(str(reason) for reason in _REASONS)

# Reasons with a value: the core's wording as a pattern, and the sentence to translate.
_PATTERNS: tuple[tuple[re.Pattern[str], object], ...] = (
    (re.compile(r"in use since (?P<date>\S+)"), QT_TRANSLATE_NOOP("checks", "in use since {date}")),
    (
        re.compile(r"the register shows the card as (?P<status>\w+)"),
        QT_TRANSLATE_NOOP("checks", "the register shows the card as: {status}"),
    ),
    (re.compile(r"valid until (?P<date>\S+)"), QT_TRANSLATE_NOOP("checks", "valid until {date}")),
    (re.compile(r"expired on (?P<date>\S+)"), QT_TRANSLATE_NOOP("checks", "expired on {date}")),
    (re.compile(r"signed by (?P<name>\S+)"), QT_TRANSLATE_NOOP("checks", "signed by {name}")),
    (
        re.compile(r"the signature is not by (?P<name>\S+)"),
        QT_TRANSLATE_NOOP("checks", "the signature is not by {name}"),
    ),
    (
        re.compile(r"issued by (?P<name>\S+), which is not a trusted authority"),
        QT_TRANSLATE_NOOP("checks", "issued by {name}, which is not a trusted authority"),
    ),
    (
        re.compile(r"(?P<name>\S+), certified by (?P<ca>\S+), valid (?P<signed>.+)"),
        QT_TRANSLATE_NOOP("checks", "{name}, certified by {ca}, valid {signed}"),
    ),
    (
        re.compile(r"a card of another issuer \((?P<name>[^)]+)\); its register is not ours"),
        QT_TRANSLATE_NOOP("checks", "a card of another issuer ({name}); its register is not ours"),
    ),
    (
        re.compile(r"the seal is not genuine: (?P<why>.+)"),
        QT_TRANSLATE_NOOP("checks", "the seal is not genuine: {why}"),
    ),
    (
        re.compile(r"the signature of (?P<name>\S+) on the certificate is not valid"),
        QT_TRANSLATE_NOOP("checks", "the signature of {name} on the certificate is not valid"),
    ),
    (
        re.compile(
            r"(?P<name>\S+) is valid from (?P<start>\S+) to (?P<end>\S+), not (?P<signed>.+)"
        ),
        QT_TRANSLATE_NOOP("checks", "{name} is valid from {start} to {end}, not {signed}"),
    ),
    # When the card was signed (SigningPeriod), inside the certificate's reasons.
    (
        re.compile(r"on (?P<date>\S+), the day the card was signed"),
        QT_TRANSLATE_NOOP("checks", "on {date}, the day the card was signed"),
    ),
    (
        re.compile(r"between (?P<start>\S+) and (?P<end>\S+), when the card was signed"),
        QT_TRANSLATE_NOOP("checks", "between {start} and {end}, when the card was signed"),
    ),
    # Why a QR seal is not genuine.
    (
        re.compile(
            r"the seal names (?P<signer>\S+) certificate (?P<reference>\S+); "
            r"the trust store has (?P<others>.+)"
        ),
        QT_TRANSLATE_NOOP(
            "checks",
            "the seal names {signer} certificate {reference}; the trust store has {others}",
        ),
    ),
    (
        re.compile(
            r"the seal names (?P<signer>\S+) certificate (?P<reference>\S+); "
            r"the certificate given has (?P<others>.+)"
        ),
        QT_TRANSLATE_NOOP(
            "checks",
            "the seal names {signer} certificate {reference}; the certificate given has {others}",
        ),
    ),
    (
        re.compile(
            r"signed (?P<date>\S+), outside the certificate's validity "
            r"(?P<start>\S+) to (?P<end>\S+)"
        ),
        QT_TRANSLATE_NOOP(
            "checks", "signed {date}, outside the certificate's validity {start} to {end}"
        ),
    ),
    # Evidence: a period of days, a day from which on.
    (
        re.compile(r"(?P<start>\d{4}-\d{2}-\d{2}) to (?P<end>\d{4}-\d{2}-\d{2})"),
        QT_TRANSLATE_NOOP("checks", "{start} to {end}"),
    ),
    (
        re.compile(r"all (?P<count>\d+) printed fields match the chip"),
        QT_TRANSLATE_NOOP("checks", "all {count} printed fields match the chip"),
    ),
    (
        re.compile(r"the printed face differs from the chip: (?P<fields>.+)"),
        QT_TRANSLATE_NOOP("checks", "the printed face differs from the chip: {fields}"),
    ),
    (
        re.compile(r"on or after (?P<date>\S+)"),
        QT_TRANSLATE_NOOP("checks", "on or after {date}"),
    ),
)
# Values that are words themselves, translated where they appear inside a sentence.
_WORDS_INSIDE = ("status", "why", "signed", "others")


def _tr(text: object) -> str:
    return QCoreApplication.translate(CONTEXT, str(text))


def check_title(check_id: CheckId) -> str:
    """The check's title in the interface language."""
    return _tr(_TITLES.get(check_id, TITLES[check_id]))


def failure_text(check: Check) -> str:
    """Why a check did not succeed, for one line: its title and reason; the printed face's
    reason alone, since it already says what differs."""
    if check.id is CheckId.PRINTED_FACE:
        return reason_text(check.reason)
    return f"{check_title(check.id)}: {reason_text(check.reason)}"


def verdict_text(verdict: Verdict) -> str:
    """One word for the verdict."""
    words = {
        Verdict.SUCCEEDED: QT_TRANSLATE_NOOP("checks", "Succeeded"),
        Verdict.FAILED: QT_TRANSLATE_NOOP("checks", "Failed"),
        Verdict.NOT_CHECKED: QT_TRANSLATE_NOOP("checks", "Not checked"),
        Verdict.UNKNOWN: QT_TRANSLATE_NOOP("checks", "Unknown"),
        Verdict.NOT_PRESENT: QT_TRANSLATE_NOOP("checks", "Not present"),
    }
    return _tr(words[verdict])


def status_word(value: str) -> str:
    """A register status value (active, suspended...) in the clerk's words; any other word or
    phrase as `reason_text` gives it, and a plain value (a date, a serial) as it is."""
    if value in {status.value for status in CardStatus}:
        return register_status_text(RegisterStatus("", value))
    return reason_text(value)


def reason_text(reason: str) -> str:
    """The core's reason in the interface language; as written when the table does not know it."""
    if reason in _FIXED:
        return _tr(reason)
    for pattern, sentence in _PATTERNS:
        match = pattern.fullmatch(reason)
        if match is not None:
            values = match.groupdict()
            for key in _WORDS_INSIDE:
                if key in values:
                    values[key] = status_word(values[key])
            if "fields" in values:
                values["fields"] = printed_fields_text(values["fields"])
            return _tr(sentence).format(**values)
    return translate_error(reason)  # a CounterError's what (a scan that could not be compared)


def evidence_text(check: Check) -> str:
    """Expected against found, where the check gives them; statuses and phrases in words."""
    if check.expected is None and check.found is None:
        return ""
    expected, found = status_word(check.expected or "—"), status_word(check.found or "—")
    return _tr(QT_TRANSLATE_NOOP("checks", "expected {expected}, found {found}")).format(
        expected=expected, found=found
    )
