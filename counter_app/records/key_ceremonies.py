"""The audit of key ceremonies: what a supervisor did with the municipality's keys.

The keys themselves live in the security module; the register only records, under the
supervision purpose, who created, rolled over, exported or retired which key. Details name
labels, kinds and certificate references, never a PIN or key material.
"""

from __future__ import annotations

from collections.abc import Mapping

from counter_app.records.operators import OperatorAccounts, OperatorSession
from counter_app.records.store import Store
from counter_app.records.types import Outcome, PurposeCode, Role


class KeyCeremonyLog:
    """A supervisor's key ceremonies, checked and audited."""

    def __init__(self, store: Store, operators: OperatorAccounts) -> None:
        self._store = store
        self._operators = operators

    def require_supervisor(self, by: OperatorSession) -> None:
        """Refuse anyone but a supervisor on duty before the token is touched."""
        with self._store.db.transaction(read_only=True) as s:
            self._operators.authorise(s, by, Role.SUPERVISOR)

    def record(self, by: OperatorSession, action: str, detail: Mapping[str, str]) -> None:
        """Audit one ceremony step (`keys.<what>`) done by the supervisor `by`."""
        with self._store.db.transaction() as s:
            by_id = self._operators.authorise(s, by, Role.SUPERVISOR)
            self._store.audit.append(
                s,
                action=f"keys.{action}",
                outcome=Outcome.OK,
                operator_id=by_id,
                purpose_code=PurposeCode.SUPERVISION.value,
                detail=dict(detail),
            )
