"""Reports of the counter: free issuances for elderly residents who returned their licence."""

from __future__ import annotations

from datetime import date

from counter_app.records.issuance_records import FreeIssuance
from counter_app.workflows.base import CounterContext
from counter_app.workflows.common import EXEMPTION_PURPOSE, card_records


def free_issuance_report(ctx: CounterContext, start: date, end: date) -> list[FreeIssuance]:
    """Cards issued free between `start` and `end` inclusive, with ground and proof (audited)."""
    if end < start:
        raise ValueError("the period ends before it starts")
    return card_records(ctx).free_issuances(ctx.operator, start, end, EXEMPTION_PURPOSE)
