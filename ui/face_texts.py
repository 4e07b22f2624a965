"""The printed-face comparison's field names and reasons in the clerk's language.

The comparison names its fields by `FaceField` and gives its reasons as English source strings
(counter_app/face_scan/); this table marks them for pyside6-lupdate (context "faceCheck"). A
reason the table does not know is shown as the comparison wrote it, as ui/check_texts.py does.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from counter_app.face_scan.report import ComparedBy, FaceComparison, FaceField

CONTEXT = "faceCheck"

_FIELDS: dict[FaceField, object] = {
    FaceField.NAME: QT_TRANSLATE_NOOP("faceCheck", "Name"),
    FaceField.ADDRESS: QT_TRANSLATE_NOOP("faceCheck", "Address"),
    FaceField.BIRTH_DATE: QT_TRANSLATE_NOOP("faceCheck", "Birth date"),
    FaceField.EXPIRY: QT_TRANSLATE_NOOP("faceCheck", "Valid until"),
    FaceField.CARD_NUMBER: QT_TRANSLATE_NOOP("faceCheck", "Card number"),
    FaceField.SECURITY_CODE: QT_TRANSLATE_NOOP("faceCheck", "Security code"),
    FaceField.PHOTO: QT_TRANSLATE_NOOP("faceCheck", "Photo"),
    FaceField.QR_SEAL: QT_TRANSLATE_NOOP("faceCheck", "QR code"),
}

_CHECKLIST: dict[FaceField, object] = {
    FaceField.NAME: QT_TRANSLATE_NOOP(
        "faceCheck", "The name printed on the card is the same as the chip's"
    ),
    FaceField.ADDRESS: QT_TRANSLATE_NOOP(
        "faceCheck", "The address printed on the card is the same as the chip's"
    ),
    FaceField.PHOTO: QT_TRANSLATE_NOOP(
        "faceCheck", "The photo on the card is the same as the chip's, and shows the person"
    ),
}

_COMPARED_BY: dict[ComparedBy, object] = {
    ComparedBy.SCAN: QT_TRANSLATE_NOOP("faceCheck", "compared from the scan"),
    ComparedBy.EYE: QT_TRANSLATE_NOOP("faceCheck", "compared by eye"),
    ComparedBy.NOT_COMPARED: QT_TRANSLATE_NOOP("faceCheck", "not compared"),
}

# Reasons the window itself gives, and the contract's own default.
_REASONS = (
    QT_TRANSLATE_NOOP("faceCheck", "not compared"),
    QT_TRANSLATE_NOOP("faceCheck", "the clerk saw it match the chip"),
    QT_TRANSLATE_NOOP("faceCheck", "the clerk saw it differ from the chip"),
    # The comparison's (counter_app/face_scan/compare.py), per field.
    QT_TRANSLATE_NOOP("faceCheck", "the birth date was not read on the print"),
    QT_TRANSLATE_NOOP("faceCheck", "the birth date matches the chip"),
    QT_TRANSLATE_NOOP("faceCheck", "the printed birth date differs from the chip's"),
    QT_TRANSLATE_NOOP("faceCheck", "the expiry was not read on the print"),
    QT_TRANSLATE_NOOP("faceCheck", "the expiry matches the chip"),
    QT_TRANSLATE_NOOP("faceCheck", "the printed expiry differs from the chip's"),
    QT_TRANSLATE_NOOP("faceCheck", "the card number was not read on the print"),
    QT_TRANSLATE_NOOP("faceCheck", "the card number matches the chip"),
    QT_TRANSLATE_NOOP("faceCheck", "the printed card number differs from the chip's"),
    QT_TRANSLATE_NOOP("faceCheck", "the security code was not read on the print"),
    QT_TRANSLATE_NOOP("faceCheck", "the security code matches the chip"),
    QT_TRANSLATE_NOOP("faceCheck", "the printed security code differs from the chip's"),
    QT_TRANSLATE_NOOP("faceCheck", "the printed name has the shapes of the chip's image"),
    QT_TRANSLATE_NOOP("faceCheck", "the printed name differs from the chip's image"),
    QT_TRANSLATE_NOOP("faceCheck", "the printed address has the shapes of the chip's image"),
    QT_TRANSLATE_NOOP("faceCheck", "the printed address differs from the chip's image"),
    QT_TRANSLATE_NOOP("faceCheck", "the printed photo has the shapes of the chip's image"),
    QT_TRANSLATE_NOOP("faceCheck", "the printed photo differs from the chip's image"),
    QT_TRANSLATE_NOOP(
        "faceCheck", "the chip was not opened with the unlock number, so its code is not known"
    ),
    QT_TRANSLATE_NOOP("faceCheck", "a card without a photo"),
    QT_TRANSLATE_NOOP("faceCheck", "the QR code is of another card"),
    QT_TRANSLATE_NOOP("faceCheck", "the QR code's dates and security code are not the chip's"),
    QT_TRANSLATE_NOOP(
        "faceCheck", "a genuine seal naming this card's number, dates and security code"
    ),
)
# Reasons with a detail after the colon (the detail as the seal check words it).
_WITH_DETAIL = (
    QT_TRANSLATE_NOOP("faceCheck", "the QR code holds no card face seal: {why}"),
    QT_TRANSLATE_NOOP("faceCheck", "the seal is not genuine: {why}"),
)
_FIXED = frozenset(str(reason) for reason in _REASONS)


def _tr(text: object) -> str:
    return QCoreApplication.translate(CONTEXT, str(text))


def field_title(face_field: FaceField) -> str:
    """The printed field's name in the interface language."""
    return _tr(_FIELDS[face_field])


def field_list(fields: tuple[FaceField, ...]) -> str:
    """Field names joined for one line (氏名、住所)."""
    return _tr(QT_TRANSLATE_NOOP("faceCheck", ", ")).join(field_title(f) for f in fields)


def printed_fields_text(names: str) -> str:
    """The core's "name, birth_date" (FaceField values) as field names; others as they are."""
    known = {f.value: f for f in FaceField}
    parts = [part.strip() for part in names.split(",")]
    if not all(part in known for part in parts):
        return names
    return field_list(tuple(known[part] for part in parts))


def checklist_text(face_field: FaceField) -> str:
    """The checklist's line for a field the clerk compares by eye (Space ticks it)."""
    return _tr(_CHECKLIST[face_field])


def compared_by_text(compared_by: ComparedBy) -> str:
    """How the face was compared, in words."""
    return _tr(_COMPARED_BY[compared_by])


def face_reason_text(reason: str) -> str:
    """The comparison's reason in the interface language; as written when the table lacks it."""
    if reason in _FIXED:
        return _tr(reason)
    for sentence in _WITH_DETAIL:
        lead = str(sentence).removesuffix("{why}")
        if reason.startswith(lead):
            why = QCoreApplication.translate("checks", reason.removeprefix(lead))
            return _tr(sentence).format(why=why)
    return reason


def outcome_text(comparison: FaceComparison) -> str:
    """One line: the printed face matches the chip, or which fields do not."""
    how = compared_by_text(comparison.compared_by)
    if comparison.matches:
        sentence = QT_TRANSLATE_NOOP("faceCheck", "The printed face matches the chip ({how}).")
        return _tr(sentence).format(how=how)
    if comparison.mismatches:
        fields = field_list(tuple(f.field for f in comparison.mismatches))
        sentence = QT_TRANSLATE_NOOP(
            "faceCheck", "The printed face does not match the chip: {fields} ({how})."
        )
        return _tr(sentence).format(fields=fields, how=how)
    sentence = QT_TRANSLATE_NOOP("faceCheck", "No field of the printed face was compared.")
    return _tr(sentence)
