"""The resident register: residents, cards, operators, purposes and the audit trail.

Public entry points are re-exported here. Identity data is read only through
`Register.access(operator_session, purpose_code)`, which returns a `PurposeAccess`: every call
checks the operator, the purpose and that the purpose covers the person, and records an audit
event whether allowed or refused. Code outside this package must not import
`counter_app.records.models`, `counter_app.records._identity` or SQLAlchemy (a test enforces it).
"""

from __future__ import annotations

from counter_app.records.access import PurposeAccess, SearchResult
from counter_app.records.audit import AuditRecord, ChainReport
from counter_app.records.audit_search import (
    MAX_PAGE,
    AuditCursor,
    AuditFilter,
    AuditPage,
    AuditSearchError,
    AuditSummary,
)
from counter_app.records.cards import Fee
from counter_app.records.health import IdleOperator, KeyPlacement
from counter_app.records.multipurpose import (
    STANDARD_SERVICES,
    CardServiceInfo,
    NewServiceType,
    OrdinanceInfo,
    ServiceFile,
    ServiceState,
    ServiceTypeInfo,
)
from counter_app.records.operator_desk import NewOperator, OperatorRow, Registered
from counter_app.records.operators import (
    OperatorPolicy,
    OperatorSession,
    requires_role,
)
from counter_app.records.purpose_book import NewPurpose, parse_purpose_date
from counter_app.records.register import Register, check_audit_chain
from counter_app.records.reservations import (
    FacilityInfo,
    FacilityKind,
    Kiosk,
    NewFacility,
    OpeningHours,
    ReservationInfo,
    ReservationStatus,
    Slot,
)
from counter_app.records.statistics import (
    DEFAULT_THRESHOLD,
    SUPPRESSED,
    Figure,
    FigureRow,
    Figures,
    StatisticsPeriodError,
)
from counter_app.records.types import (
    CardInfo,
    CardKind,
    CardStatus,
    Category,
    ExemptionGround,
    NewResident,
    Outcome,
    ProofKind,
    PurposeCode,
    PurposeInfo,
    RecordCode,
    ResidentStatus,
    ResidentSummary,
    ResidentView,
    Role,
    Sex,
)

__all__ = [
    "DEFAULT_THRESHOLD",
    "MAX_PAGE",
    "STANDARD_SERVICES",
    "SUPPRESSED",
    "AuditCursor",
    "AuditFilter",
    "AuditPage",
    "AuditRecord",
    "AuditSearchError",
    "AuditSummary",
    "CardInfo",
    "CardKind",
    "CardServiceInfo",
    "CardStatus",
    "Category",
    "ChainReport",
    "ExemptionGround",
    "FacilityInfo",
    "FacilityKind",
    "Fee",
    "Figure",
    "FigureRow",
    "Figures",
    "IdleOperator",
    "KeyPlacement",
    "Kiosk",
    "NewFacility",
    "NewOperator",
    "NewPurpose",
    "NewResident",
    "NewServiceType",
    "OpeningHours",
    "OperatorPolicy",
    "OperatorRow",
    "OperatorSession",
    "OrdinanceInfo",
    "Outcome",
    "ProofKind",
    "PurposeAccess",
    "PurposeCode",
    "PurposeInfo",
    "RecordCode",
    "Register",
    "Registered",
    "ReservationInfo",
    "ReservationStatus",
    "ResidentStatus",
    "ResidentSummary",
    "ResidentView",
    "Role",
    "SearchResult",
    "ServiceFile",
    "ServiceState",
    "ServiceTypeInfo",
    "Sex",
    "Slot",
    "StatisticsPeriodError",
    "check_audit_chain",
    "parse_purpose_date",
    "requires_role",
]
