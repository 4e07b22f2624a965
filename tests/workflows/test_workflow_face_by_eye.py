"""The printed face compared by the clerk's eye: what the clerk saw, recorded under the purpose."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from counter_app.card.issuer_keys import IssuerMaterial
from counter_app.face_scan.report import FaceField
from counter_app.records import OperatorSession, PurposeCode, Register, Role
from counter_app.records.errors import RoleRequiredError
from counter_app.workflows.face_by_eye import EyeComparison, eye_comparison, record_face_by_eye
from tests.support.counter_context import counter_context

SERIAL = "0011223344556677"


def test_the_fields_not_confirmed_are_the_mismatches_in_the_cards_order() -> None:
    compared = (FaceField.PHOTO, FaceField.NAME, FaceField.ADDRESS)
    seen = eye_comparison(SERIAL, compared, matching=(FaceField.ADDRESS,))
    assert seen.compared == (FaceField.NAME, FaceField.ADDRESS, FaceField.PHOTO)
    assert seen.mismatched == (FaceField.NAME, FaceField.PHOTO) and not seen.matches
    assert eye_comparison(SERIAL, compared, compared).matches


def test_a_field_not_compared_cannot_be_called_a_mismatch() -> None:
    with pytest.raises(ValueError, match="not compared"):
        EyeComparison(SERIAL, (FaceField.NAME,), (FaceField.PHOTO,))
    with pytest.raises(ValueError, match="at least one"):
        EyeComparison(SERIAL, ())


def test_the_comparison_is_recorded_as_by_eye_under_the_purpose_with_field_names_only(
    register: Register,
    make_operator: Callable[..., OperatorSession],
    issuer: IssuerMaterial,
    tmp_path: Path,
) -> None:
    checker = make_operator("checker", Role.VERIFYING_CLERK)
    ctx = counter_context(register, checker, issuer, tmp_path)
    seen = eye_comparison(SERIAL, (FaceField.NAME, FaceField.ADDRESS), (FaceField.NAME,))
    record_face_by_eye(ctx, "identity-check", seen)

    event = next(e for e in register.audit_events(5) if e.action == "card.face_compared")
    assert event.operator_id == checker.operator_id and event.purpose_code == "identity-check"
    assert event.outcome == "refused" and event.resident_id is None  # not a card of ours
    assert event.detail == {
        "serial": SERIAL,
        "compared_by": "eye",
        "matches": False,
        "mismatched": "address",
    }


def test_an_operator_whose_roles_lack_the_purpose_records_nothing(
    register: Register,
    make_operator: Callable[..., OperatorSession],
    issuer: IssuerMaterial,
    tmp_path: Path,
) -> None:
    clerk = make_operator("clerk", Role.ISSUING_CLERK)  # not one of the arrears task's roles
    ctx = counter_context(register, clerk, issuer, tmp_path)
    seen = eye_comparison(SERIAL, (FaceField.NAME,), ())
    with pytest.raises(RoleRequiredError):
        record_face_by_eye(ctx, PurposeCode.RENT_ARREARS.value, seen)
    assert not [e for e in register.audit_events(5) if e.action == "card.face_compared"]
