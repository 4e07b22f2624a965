"""Purposes: the ordinance tasks identity data may be used for, and whom each may look up."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter_app.records.errors import UnknownPurposeError
from counter_app.records.models import Purpose, PurposeCategory, PurposeRole
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


def ensure_standard_purposes(session: Session) -> list[str]:
    """Add the standard purposes that are missing; return the codes added."""
    present = set(session.scalars(select(Purpose.code)))
    added = []
    for info in STANDARD_PURPOSES:
        if info.code in present:
            continue
        session.add(
            Purpose(
                code=info.code,
                name=info.name,
                legal_basis=info.legal_basis,
                reveals_record_code=info.reveals_record_code,
                active=True,
            )
        )
        session.flush()
        session.add_all(
            PurposeCategory(purpose_code=info.code, category=c) for c in info.categories
        )
        session.add_all(PurposeRole(purpose_code=info.code, role=r) for r in info.roles)
        added.append(info.code)
    session.flush()
    return added


def load_purpose(session: Session, code: str) -> PurposeInfo:
    """The active purpose with this code; UnknownPurposeError otherwise."""
    row = session.get(Purpose, code)
    if row is None or not row.active:
        raise UnknownPurposeError(f"no active purpose {code!r}")
    categories = session.scalars(
        select(PurposeCategory.category).where(PurposeCategory.purpose_code == code)
    )
    roles = session.scalars(select(PurposeRole.role).where(PurposeRole.purpose_code == code))
    return PurposeInfo(
        code=row.code,
        name=row.name,
        legal_basis=row.legal_basis,
        categories=frozenset(Category(c) for c in categories),
        roles=frozenset(Role(r) for r in roles),
        reveals_record_code=row.reveals_record_code,
    )


def list_purposes(session: Session) -> list[PurposeInfo]:
    """Every active purpose, by code."""
    codes = session.scalars(select(Purpose.code).where(Purpose.active).order_by(Purpose.code))
    return [load_purpose(session, code) for code in list(codes)]
