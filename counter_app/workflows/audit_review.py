"""The supervisor's review of the audit trail: search, CSV export, the signed PDF summary for an
external auditor, and the check of such a summary. One code path for the window and the
commands; the register audits each use under the supervision purpose."""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from datetime import date
from typing import Final, TextIO

from counter_app.printing.audit_summary import (
    SummaryVerdict,
    sign_summary_pdf,
    verify_summary_pdf,
)
from counter_app.printing.seal_crypto import SealSigner, SignerCertificate
from counter_app.records import (
    AuditCursor,
    AuditFilter,
    AuditPage,
    AuditRecord,
    AuditSummary,
    OperatorSession,
    Register,
)

CSV_COLUMNS: Final = (
    "seq",
    "occurred_at",
    "operator_id",
    "operator",
    "action",
    "outcome",
    "purpose",
    "resident_id",
    "detail",
    "hash",
)
_FORMULA_STARTS: Final = ("=", "+", "-", "@", "\t", "\r")

__all__ = [
    "CSV_COLUMNS",
    "SummaryVerdict",
    "audit_summary_pdf",
    "search_audit",
    "verify_summary",
    "write_audit_csv",
]


def search_audit(
    register: Register,
    by: OperatorSession,
    f: AuditFilter,
    *,
    limit: int,
    after: AuditCursor | None = None,
) -> AuditPage:
    """One page of events, newest first (audited)."""
    return register.audit_search.search(by, f, limit=limit, after=after)


def _cell(value: object) -> str:
    """A CSV cell a spreadsheet shows as text, never runs as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def _row(event: AuditRecord, logins: dict[int, str]) -> list[str]:
    operator = logins.get(event.operator_id, "") if event.operator_id is not None else ""
    return [
        _cell(v)
        for v in (
            event.seq,
            event.occurred_at,
            event.operator_id,
            operator,
            event.action,
            event.outcome.value,
            event.purpose_code,
            event.resident_id,
            json.dumps(event.detail, ensure_ascii=False, sort_keys=True),
            event.hash,
        )
    ]


def write_audit_csv(register: Register, by: OperatorSession, f: AuditFilter, out: TextIO) -> int:
    """Every matching event, oldest first, as CSV (UTF-8, header row); returns the count."""
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    logins = register.audit_search.logins()
    count = 0
    for event in register.audit_search.export(by, f):
        writer.writerow(_row(event, logins))
        count += 1
    return count


def audit_summary_pdf(
    register: Register, by: OperatorSession, f: AuditFilter, signer: SealSigner, today: date
) -> tuple[AuditSummary, bytes]:
    """The period's summary (counts, the chain's verdict, the first and last hashes; audited)
    and its PDF, signed with the municipality's seal key."""
    summary = register.audit_search.summary(by, f)
    return summary, sign_summary_pdf(signer, summary.as_json(), today)


def verify_summary(
    data: bytes,
    certificates: Sequence[SignerCertificate],
    *,
    named: bool = False,
    missing: str | None = None,
) -> SummaryVerdict:
    """Check a summary PDF against the trust store (or the certificate named); `missing` says
    why the trust store has no seal signer, when it has none."""
    return verify_summary_pdf(data, certificates, named=named, missing=missing)
