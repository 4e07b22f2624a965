"""The printed face compared with the chip by the clerk's eye, after a verification.

Without a scan of the card face, the window shows the chip's name, address and photo images
beside a short checklist; the clerk looks at the card and says which fields match. This records
that the comparison was made by eye and its outcome (the field names only, never their
content) under the verification's purpose, as the register's `card.face_compared` event.
Called on the database worker in the UI, like the other register work outside a workflow.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from counter_app.face_scan.report import ComparedBy, FaceField
from counter_app.workflows.base import CounterContext
from counter_app.workflows.common import card_records

EYE_FIELDS = (FaceField.NAME, FaceField.ADDRESS, FaceField.PHOTO)
"""The fields a clerk compares by eye: those the chip holds as images."""


@dataclass(frozen=True)
class EyeComparison:
    """What the clerk saw: the fields compared and those that did not match the card."""

    serial: str
    compared: tuple[FaceField, ...]
    mismatched: tuple[FaceField, ...] = ()

    def __post_init__(self) -> None:
        if not self.compared:
            raise ValueError("compare at least one field")
        if not set(self.mismatched) <= set(self.compared):
            raise ValueError("a mismatched field was not compared")

    @property
    def matches(self) -> bool:
        return not self.mismatched


def eye_comparison(
    serial: str, compared: Collection[FaceField], matching: Collection[FaceField]
) -> EyeComparison:
    """The clerk's comparison: every compared field not confirmed as matching is a mismatch."""
    order = tuple(f for f in FaceField if f in compared)
    return EyeComparison(serial, order, tuple(f for f in order if f not in matching))


def record_face_by_eye(ctx: CounterContext, purpose: str, comparison: EyeComparison) -> None:
    """Record that the printed face was compared by eye under `purpose`, and the outcome."""
    card_records(ctx).record_face_comparison(
        ctx.operator,
        purpose,
        comparison.serial,
        compared_by=ComparedBy.EYE.value,
        matches=comparison.matches,
        mismatched=",".join(f.value for f in comparison.mismatched),
    )
