"""Purposes: the ordinance tasks identity data may be used for, whom each may look up, and when.

A purpose is in force from its date in force until the day before the date it was retired from
(both on the municipality's date, JST); `load_purpose(..., on=day)` refuses it outside that
span in words. A retired purpose stays in the register with its dates and its audit history.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter_app.records.audit import Clock
from counter_app.records.errors import (
    PurposeNotInForceError,
    PurposeRetiredError,
    UnknownPurposeError,
)
from counter_app.records.models import Purpose, PurposeCategory, PurposeRole
from counter_app.records.multipurpose import LOCAL_TIME
from counter_app.records.types import Category, PurposeCode, PurposeInfo, Role

_ALL_CLERKS = frozenset({Role.ISSUING_CLERK, Role.VERIFYING_CLERK, Role.SUPERVISOR})

STANDARD_PURPOSES: tuple[PurposeInfo, ...] = (
    PurposeInfo(
        code=PurposeCode.CARD_ISSUANCE,
        name="住民基本台帳カードの交付",
        legal_basis="住民基本台帳法第30条の44",
        categories=frozenset({Category.APPLICANT}),
        roles=frozenset({Role.ISSUING_CLERK, Role.SUPERVISOR}),
        reveals_record_code=True,
    ),
    PurposeInfo(
        code=PurposeCode.CARD_SERVICE,
        name="住民基本台帳カードの記載事項変更・暗証番号再設定・一時停止・廃止",
        legal_basis="住民基本台帳法第30条の44、住民基本台帳カード条例",
        categories=frozenset({Category.APPLICANT}),
        roles=frozenset({Role.ISSUING_CLERK, Role.SUPERVISOR}),
        reveals_record_code=False,
    ),
    PurposeInfo(
        code=PurposeCode.IDENTITY_CHECK,
        name="窓口における本人確認",
        legal_basis="住民基本台帳法第12条第3項",
        categories=frozenset({Category.APPLICANT}),
        roles=_ALL_CLERKS,
        reveals_record_code=False,
    ),
    PurposeInfo(
        code=PurposeCode.LICENCE_RETURN_EXEMPTION,
        name="運転免許証自主返納者に対する住民基本台帳カードの無料交付",
        legal_basis="住民基本台帳カード交付手数料条例（減免）",
        categories=frozenset({Category.APPLICANT}),
        roles=frozenset({Role.ISSUING_CLERK, Role.SUPERVISOR}),
        reveals_record_code=False,
    ),
    PurposeInfo(
        code=PurposeCode.MULTIPURPOSE_SERVICES,
        name="多目的利用領域のサービス（図書館・施設予約・証明書自動交付）",
        legal_basis="住民基本台帳法第30条の44第8項、住民基本台帳カード利用条例",
        categories=frozenset({Category.APPLICANT}),
        roles=frozenset({Role.APPLET_ADMIN, Role.ISSUING_CLERK, Role.SUPERVISOR}),
        reveals_record_code=False,
    ),
    PurposeInfo(
        code=PurposeCode.LIBRARY_DESK,
        name="図書館カード（多目的利用領域）による図書の貸出・返却・延長",
        legal_basis="住民基本台帳カード利用条例（図書館サービス）",
        categories=frozenset({Category.APPLICANT}),
        roles=frozenset({Role.LIBRARY_STAFF, Role.SUPERVISOR}),
        reveals_record_code=False,
    ),
    PurposeInfo(
        code=PurposeCode.CERTIFICATE_KIOSK,
        name="証明書自動交付機による住民票の写しの交付",
        legal_basis="住民基本台帳法第12条、住民基本台帳カード利用条例",
        categories=frozenset({Category.APPLICANT, Category.HOUSEHOLD_MEMBER}),
        roles=frozenset({Role.SUPERVISOR}),
        reveals_record_code=False,
    ),
    PurposeInfo(
        code=PurposeCode.SUPERVISION,
        name="住民基本台帳カード事務の監督（運用者・利用目的・監査・自己点検）",
        legal_basis="住民基本台帳法第36条の2（安全確保措置）",
        categories=frozenset({Category.APPLICANT}),
        roles=frozenset({Role.SUPERVISOR}),
        reveals_record_code=False,
    ),
    PurposeInfo(
        code=PurposeCode.RENT_ARREARS,
        name="市営住宅使用料の滞納整理",
        legal_basis="市営住宅条例（家賃の徴収及び滞納整理）",
        categories=frozenset({Category.TENANT, Category.GUARANTOR}),
        roles=frozenset({Role.VERIFYING_CLERK, Role.SUPERVISOR}),
        reveals_record_code=False,
    ),
)


def local_day(clock: Clock) -> dt.date:
    """The municipality's date now (JST): the day purposes are in force on."""
    return clock().astimezone(LOCAL_TIME).date()


def ensure_standard_purposes(session: Session) -> list[str]:
    """Add the standard purposes that are missing; return the codes added."""
    present = set(session.scalars(select(Purpose.code)))
    added = []
    for info in STANDARD_PURPOSES:
        if info.code in present:
            continue
        add_purpose_row(session, info)
        added.append(info.code)
    session.flush()
    return added


def add_purpose_row(session: Session, info: PurposeInfo) -> None:
    """Insert a purpose with its categories and roles (checked by the caller)."""
    session.add(
        Purpose(
            code=info.code,
            name=info.name,
            legal_basis=info.legal_basis,
            reveals_record_code=info.reveals_record_code,
            active=True,
            in_force_from=info.in_force_from,
            council_answer_on=info.council_answer_on,
            retired_from=info.retired_from,
        )
    )
    session.flush()
    session.add_all(PurposeCategory(purpose_code=info.code, category=c) for c in info.categories)
    session.add_all(PurposeRole(purpose_code=info.code, role=r) for r in info.roles)
    session.flush()


def load_purpose(session: Session, code: str, *, on: dt.date | None = None) -> PurposeInfo:
    """The active purpose with this code; UnknownPurposeError otherwise.

    With `on`, the purpose must be in force that day: PurposeNotInForceError before its date in
    force, PurposeRetiredError from the date it was retired from.
    """
    row = session.get(Purpose, code)
    if row is None or not row.active:
        raise UnknownPurposeError(f"no active purpose {code!r}")
    info = _info(session, row)
    if on is not None and on < info.in_force_from:
        raise PurposeNotInForceError(f"purpose {code} is in force from {info.in_force_from}")
    if on is not None and info.retired_from is not None and on >= info.retired_from:
        raise PurposeRetiredError(f"purpose {code} was retired from {info.retired_from}")
    return info


def _info(session: Session, row: Purpose) -> PurposeInfo:
    categories = session.scalars(
        select(PurposeCategory.category).where(PurposeCategory.purpose_code == row.code)
    )
    roles = session.scalars(select(PurposeRole.role).where(PurposeRole.purpose_code == row.code))
    return PurposeInfo(
        code=row.code,
        name=row.name,
        legal_basis=row.legal_basis,
        categories=frozenset(Category(c) for c in categories),
        roles=frozenset(Role(r) for r in roles),
        reveals_record_code=row.reveals_record_code,
        in_force_from=row.in_force_from,
        council_answer_on=row.council_answer_on,
        retired_from=row.retired_from,
    )


def list_purposes(session: Session, *, on: dt.date | None = None) -> list[PurposeInfo]:
    """Every active purpose by code; with `on`, only those in force that day."""
    rows = session.scalars(select(Purpose).where(Purpose.active).order_by(Purpose.code))
    listed = [_info(session, row) for row in rows]
    return [p for p in listed if on is None or p.in_force_on(on)]
