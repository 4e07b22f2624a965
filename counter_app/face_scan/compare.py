"""The printed card face against the chip, field by field (issue 9 §3).

`compare_face(scan, chip, certificates)` finds and straightens the card in the scan, then:
name and address as ink shapes against the chip's images (`text_shapes`), birth date, expiry,
card number and security code by OCR (`ocr`), the photo by a thumbnail correlation
(`photo_compare`), and the QR code's seal (its signature, the card number and the unlock number
it carries). The thresholds are measured on the generated scan corpus; docs/verification.md
gives the score distributions they come from.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Final

from PIL import Image

from counter_app.card.layout import FaceData
from counter_app.card.verification import Verdict
from counter_app.face_scan.ocr import OcrJob, read_all
from counter_app.face_scan.photo_compare import photo_similarity
from counter_app.face_scan.report import (
    ComparedBy,
    FaceComparison,
    FaceField,
    FieldComparison,
    Region,
)
from counter_app.face_scan.scan_image import load_scan
from counter_app.face_scan.straighten import StraightCard, straighten
from counter_app.face_scan.text_shapes import text_similarity
from counter_app.japanese_dates import format_era_date, unlock_number
from counter_app.printing.qr import SealTextError
from counter_app.printing.seal import parse
from counter_app.printing.seal_crypto import SignerCertificate
from counter_app.printing.seal_documents import (
    CardFaceSeal,
    SealDocumentError,
    card_face_seal_bytes,
)
from counter_app.printing.seal_verify import verify_seal

# Between the genuine minimum and the altered maximum on the corpus (./dev bench face_check):
NAME_THRESHOLD: Final = 0.80  # genuine >= 0.903, another name <= 0.672
ADDRESS_THRESHOLD: Final = 0.65  # genuine >= 0.715, another address <= 0.569
PHOTO_THRESHOLD: Final = 0.95  # genuine >= 0.968, a swapped photo <= 0.839 (0.936 all pairs)
TEXT_MARGIN_MM: Final = 0.2
OCR_MARGIN_MM: Final = 0.4
PHOTO_INSET_MM: Final = 0.5
PHOTO_SHIFT_PX: Final = 3


@dataclass(frozen=True)
class ChipFace:
    """What the chip says the face shows: its serial (the printed card number), the face data,
    and the security code when the chip was opened with the unlock number or the QR code."""

    serial: str
    face: FaceData = field(repr=False)
    security_code: str | None = field(default=None, repr=False)

    @property
    def unlock_number(self) -> str | None:
        if self.security_code is None:
            return None
        return unlock_number(self.face.birth_date, self.face.expiry, self.security_code)


def _normal(text: str) -> str:
    """Full-width digits and letters as ASCII, spaces removed."""
    return re.sub(r"[ \t\u3000]+", "", unicodedata.normalize("NFKC", text))


_ERA = "明治|大正|昭和|平成|令和"
_BIRTH = re.compile(rf"({_ERA})?(?<!\d)(元|\d{{1,2}})年(\d{{1,2}})月(\d{{1,2}})日")
_EXPIRY = re.compile(r"(?<!\d)(\d{4})年(\d{1,2})月(\d{1,2})日")
_CODE = re.compile(r"コ[ー一-]ド:?(\d{4})")
_HEX_DIGITS: Final = "0123456789ABCDEF"
_DIGITS: Final = "0123456789"
_SERIAL = re.compile(r"[0-9A-Z]{8,}")


def _ocr_field(
    face_field: FaceField, region: Region, expected: str, found: str | None, what: str
) -> FieldComparison:
    if found is None:
        return FieldComparison(
            face_field, Verdict.FAILED, f"the {what} was not read on the print", region, expected
        )
    if found == expected:
        return FieldComparison(
            face_field, Verdict.SUCCEEDED, f"the {what} matches the chip", region, expected, found
        )
    reason = f"the printed {what} differs from the chip's"
    return FieldComparison(face_field, Verdict.FAILED, reason, region, expected, found)


def _lines_with(text: str, marks: str) -> str:
    """The OCR lines holding one of `marks` (the field's own words), else the whole text."""
    lines = [line for line in text.splitlines() if any(m in line for m in marks)]
    return "\n".join(lines) if lines else text


def _birth_found(text: str) -> str | None:
    match = _BIRTH.search(_lines_with(text, "生明大昭平令"))
    if match is None:
        return None
    era, year, month, day = match.groups()
    return f"{era or ''}{year}年{int(month)}月{int(day)}日"


def _expiry_found(text: str) -> str | None:
    for match in _EXPIRY.finditer(_lines_with(text, "まで有効")):
        year, month, day = match.groups()
        return f"{year}-{int(month):02d}-{int(day):02d}"
    return None


# Letters that are no hex digit but that OCR reads for one (a card number is hex digits).
_NOT_HEX_READ_AS: Final = {"O": "0D", "Q": "0", "I": "1", "L": "1", "S": "58", "Z": "2", "G": "6"}


def _as_hex(found: str, expected: str) -> str:
    """`found` with each non-hex letter taken for the expected digit it is often misread from."""
    if len(found) != len(expected):
        return found
    return "".join(
        e if f in _NOT_HEX_READ_AS and e in _NOT_HEX_READ_AS[f] else f
        for f, e in zip(found, expected, strict=True)
    )


def _serial_found(text: str, expected: str) -> str | None:
    candidates = [_as_hex(c, expected) for c in _SERIAL.findall(text)]
    if not candidates:
        return None
    best: str = min(candidates, key=lambda c: (abs(len(c) - len(expected)), c != expected))
    return best


def _card_number_found(japanese: str, hex_only: str, expected: str) -> str | None:
    """The card number as read twice (all fields in Japanese; the number alone, hex digits
    only): the reading that shows the chip's number if one does, else the Japanese one."""
    readings = [
        _serial_found(japanese.split("コ")[0] if "コ" in japanese else japanese, expected),
        _serial_found(hex_only, expected),
    ]
    if expected in readings:
        return expected
    return next((r for r in readings if r is not None), None)


def _ocr_fields(straight: StraightCard, chip: ChipFace) -> list[FieldComparison]:
    texts = straight.layout.texts
    boxes = {
        FaceField.BIRTH_DATE: texts["birth"].box,
        FaceField.EXPIRY: texts["expiry"].box,
        FaceField.CARD_NUMBER: texts["serial"].box,
        FaceField.SECURITY_CODE: texts["security_code"].box,
    }
    regions = {f: straight.region(b, OCR_MARGIN_MM) for f, b in boxes.items()}
    number = straight.crop(regions[FaceField.CARD_NUMBER])
    japanese, hex_only = read_all(
        [
            OcrJob([straight.crop(r) for r in regions.values()]),
            OcrJob([number], language="eng", only=_HEX_DIGITS),
        ]
    )
    lines = _normal(japanese)
    birth_expected = format_era_date(chip.face.birth_date)
    birth_found = _birth_found(lines)
    if birth_found is not None and not re.match(_ERA, birth_found):
        # The era name was not read: compare the numbers with the chip's era date's.
        birth_expected = re.sub(_ERA, "", birth_expected)
    result = [
        _ocr_field(
            FaceField.BIRTH_DATE,
            regions[FaceField.BIRTH_DATE],
            birth_expected.replace("元年", "1年"),
            birth_found.replace("元年", "1年") if birth_found else None,
            "birth date",
        ),
        _ocr_field(
            FaceField.EXPIRY,
            regions[FaceField.EXPIRY],
            chip.face.expiry.isoformat(),
            _expiry_found(lines),
            "expiry",
        ),
        _ocr_field(
            FaceField.CARD_NUMBER,
            regions[FaceField.CARD_NUMBER],
            chip.serial,
            _card_number_found(lines, _normal(hex_only), chip.serial),
            "card number",
        ),
    ]
    code_region = regions[FaceField.SECURITY_CODE]
    if chip.security_code is None:
        reason = "the chip was not opened with the unlock number, so its code is not known"
        result.append(
            FieldComparison(FaceField.SECURITY_CODE, Verdict.NOT_CHECKED, reason, code_region)
        )
    else:
        match = _CODE.search(lines)
        found = match.group(1) if match else None
        if found != chip.security_code:  # read once more, the code alone, digits only
            again = _code_by_digits(straight.crop(code_region))
            found = again if again == chip.security_code or found is None else found
        result.append(
            _ocr_field(
                FaceField.SECURITY_CODE, code_region, chip.security_code, found, "security code"
            )
        )
    return result


def _code_by_digits(crop: Image.Image) -> str | None:
    """The security code read from its region alone with the English model limited to digits
    (a blurred scan defeats the Japanese page's reading of it now and then): the last four
    digits in a row, after the label."""
    (text,) = read_all([OcrJob([crop], language="eng", only=_DIGITS)])
    runs = re.findall(r"\d{4}", text.replace(" ", ""))
    return runs[-1] if runs else None


def _shape_field(
    face_field: FaceField, region: Region, score: float, threshold: float, what: str
) -> FieldComparison:
    found = f"{score:.3f}"
    expected = f">= {threshold:.2f}"
    if score >= threshold:
        reason = f"the printed {what} has the shapes of the chip's image"
        return FieldComparison(
            face_field, Verdict.SUCCEEDED, reason, region, expected, found, score
        )
    reason = f"the printed {what} differs from the chip's image"
    return FieldComparison(face_field, Verdict.FAILED, reason, region, expected, found, score)


def _text_fields(straight: StraightCard, chip: ChipFace) -> list[FieldComparison]:
    texts = straight.layout.texts
    address = straight.region(texts["address"].box, TEXT_MARGIN_MM)
    # A Japanese name fills the name slot; a foreign resident's Latin name has its own slot
    # above the 通称. The chip's image is compared with both; the better one is the name.
    candidates = [
        (text_similarity(chip.face.name_image, straight.crop(region)), region)
        for region in (
            straight.region(texts[slot].box, TEXT_MARGIN_MM) for slot in ("name", "latin_name")
        )
    ]
    name_score, name = max(candidates, key=lambda scored: scored[0])
    return [
        _shape_field(FaceField.NAME, name, name_score, NAME_THRESHOLD, "name"),
        _shape_field(
            FaceField.ADDRESS,
            address,
            text_similarity(chip.face.address_image, straight.crop(address)),
            ADDRESS_THRESHOLD,
            "address",
        ),
    ]


def _shifted(region: Region, step: int) -> list[Region]:
    """`region` and its eight neighbours `step` pixels away (the print's registration)."""
    return [
        Region(region.left + dx, region.top + dy, region.width, region.height)
        for dx in (-step, 0, step)
        for dy in (-step, 0, step)
    ]


def _photo_field(straight: StraightCard, chip: ChipFace) -> FieldComparison:
    box = straight.layout.photo
    if box is None or not chip.face.photo:
        return FieldComparison(FaceField.PHOTO, Verdict.NOT_PRESENT, "a card without a photo")
    region = straight.region(box, -PHOTO_INSET_MM)
    inset = (PHOTO_INSET_MM / box.w, PHOTO_INSET_MM / box.h)
    score = max(
        photo_similarity(chip.face.photo, straight.crop(shifted), inset)
        for shifted in _shifted(region, PHOTO_SHIFT_PX)
    )
    return _shape_field(FaceField.PHOTO, region, score, PHOTO_THRESHOLD, "photo")


def _seal_field(
    straight: StraightCard, chip: ChipFace, certificates: Sequence[SignerCertificate]
) -> FieldComparison:
    region = straight.region(straight.layout.qr)
    try:
        data = card_face_seal_bytes(straight.qr_text)
        seal = CardFaceSeal.from_seal(parse(data))
    except (SealDocumentError, SealTextError, ValueError) as exc:
        reason = f"the QR code holds no card face seal: {exc}"
        return FieldComparison(FaceField.QR_SEAL, Verdict.FAILED, reason, region)
    verdict = verify_seal(data, certificates)
    if not verdict.valid:
        failing = next((c for c in verdict.checks if c.status != "ok"), None)
        if failing is not None and failing.status == "not checked":
            return FieldComparison(FaceField.QR_SEAL, Verdict.UNKNOWN, failing.reason, region)
        reason = f"the seal is not genuine: {failing.reason if failing else 'not valid'}"
        return FieldComparison(FaceField.QR_SEAL, Verdict.FAILED, reason, region)
    if seal.card_serial != chip.serial:
        reason = "the QR code is of another card"
        return FieldComparison(
            FaceField.QR_SEAL, Verdict.FAILED, reason, region, chip.serial, seal.card_serial
        )
    expected_unlock = chip.unlock_number
    if expected_unlock is not None and seal.unlock_number != expected_unlock:
        reason = "the QR code's dates and security code are not the chip's"
        return FieldComparison(FaceField.QR_SEAL, Verdict.FAILED, reason, region)
    reason = "a genuine seal naming this card's number, dates and security code"
    return FieldComparison(FaceField.QR_SEAL, Verdict.SUCCEEDED, reason, region, chip.serial)


def compare_straight(
    straight: StraightCard, chip: ChipFace, certificates: Sequence[SignerCertificate]
) -> FaceComparison:
    """Every field of the straightened card against the chip."""
    fields = [
        *_text_fields(straight, chip),
        *_ocr_fields(straight, chip),
        _photo_field(straight, chip),
        _seal_field(straight, chip, certificates),
    ]
    order = list(FaceField)
    fields.sort(key=lambda f: order.index(f.field))
    return FaceComparison(ComparedBy.SCAN, tuple(fields), png_bytes(straight.image))


def compare_face(
    scan: bytes | Image.Image,
    chip: ChipFace,
    certificates: Sequence[SignerCertificate],
) -> FaceComparison:
    """The printed face in `scan` (image bytes or a PIL image) against the chip."""
    straight = straighten(load_scan(scan), with_photo=bool(chip.face.photo))
    return compare_straight(straight, chip, certificates)


def png_bytes(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG", compress_level=1)
    return out.getvalue()
