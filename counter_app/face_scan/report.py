"""What a comparison of the printed face with the chip found, field by field.

This is the contract between the comparison (this package), the verification workflow, the
`verify` command and the window: each printed field has a verdict (the card layer's `Verdict`),
a reason in words, the region of the straightened scan it was read from, and the evidence where
it helps (expected from the chip, found on the print).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from counter_app.card.verification import Verdict


class FaceField(StrEnum):
    """A field of the printed card face, by a stable name (used in JSON and by the UI)."""

    NAME = "name"
    ADDRESS = "address"
    BIRTH_DATE = "birth_date"
    EXPIRY = "expiry"
    CARD_NUMBER = "card_number"
    SECURITY_CODE = "security_code"
    PHOTO = "photo"
    QR_SEAL = "qr_seal"


class ComparedBy(StrEnum):
    """How the printed face was compared with the chip (recorded in the audit event)."""

    SCAN = "scan"  # a scanned image or photo, compared by this package
    EYE = "eye"  # the clerk looked at the chip's images beside the card and confirmed
    NOT_COMPARED = "not_compared"


@dataclass(frozen=True)
class Region:
    """A rectangle of the straightened scan, in its pixels."""

    left: int
    top: int
    width: int
    height: int


@dataclass(frozen=True)
class FieldComparison:
    """One printed field against the chip."""

    field: FaceField
    verdict: Verdict
    reason: str
    region: Region | None = None  # where on the straightened scan (None: not found)
    expected: str | None = None  # evidence: the chip's value (never the photo or an image)
    found: str | None = None  # ... and what the print showed (OCR text, a score)
    score: float | None = None  # similarity, for image comparisons (1.0 = identical)

    @property
    def succeeded(self) -> bool:
        return self.verdict is Verdict.SUCCEEDED


@dataclass(frozen=True)
class FaceComparison:
    """The printed face against the chip.

    `scan_png` is the straightened scan (PNG), empty when compared by eye. `matches` is True only
    when no field failed or is unknown and at least one field succeeded.
    """

    compared_by: ComparedBy
    fields: tuple[FieldComparison, ...]
    scan_png: bytes = field(default=b"", repr=False)

    def get(self, face_field: FaceField) -> FieldComparison:
        """The comparison of `face_field`; "not checked" when it was not compared."""
        found = next((f for f in self.fields if f.field is face_field), None)
        return found or FieldComparison(face_field, Verdict.NOT_CHECKED, "not compared")

    @property
    def mismatches(self) -> tuple[FieldComparison, ...]:
        """The fields that failed or whose outcome is unknown, in order."""
        return tuple(f for f in self.fields if f.verdict in (Verdict.FAILED, Verdict.UNKNOWN))

    @property
    def matches(self) -> bool:
        return not self.mismatches and any(f.succeeded for f in self.fields)
