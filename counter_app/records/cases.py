"""Cases under case-bound purposes: which residents a purpose such as rent arrears covers."""

from __future__ import annotations

from counter_app.records.errors import ResidentNotFoundError, UnknownPurposeError
from counter_app.records.models import CaseParty, PurposeCase, Resident
from counter_app.records.operators import OperatorAccounts, OperatorSession
from counter_app.records.purposes import load_purpose, local_day
from counter_app.records.store import Store
from counter_app.records.types import Category, Outcome, Role


class CaseBook:
    """Opens and closes cases and records who takes part in them (supervisors only)."""

    def __init__(self, store: Store, operators: OperatorAccounts) -> None:
        self._db = store.db
        self._audit = store.audit
        self._operators = operators
        self._clock = store.clock

    def open(self, by: OperatorSession, purpose_code: str, reference: str) -> int:
        """Open a case under a case-bound purpose (e.g. a rent-arrears file)."""
        with self._db.transaction() as s:
            self._operators.authorise(s, by, Role.SUPERVISOR)
            load_purpose(s, purpose_code, on=local_day(self._clock))
            case = PurposeCase(
                purpose_code=purpose_code, reference=reference, opened_at=self._clock()
            )
            s.add(case)
            s.flush()
            self._audit.append(
                s,
                action="case.opened",
                outcome=Outcome.OK,
                operator_id=by.operator_id,
                purpose_code=purpose_code,
                detail={"case": reference},
            )
            return case.id

    def add_party(
        self, by: OperatorSession, case_id: int, resident_id: int, category: Category
    ) -> None:
        """Record a resident's part in a case (tenant, guarantor...)."""
        with self._db.transaction() as s:
            self._operators.authorise(s, by, Role.SUPERVISOR)
            case = s.get(PurposeCase, case_id)
            if case is None:
                raise UnknownPurposeError(f"no case {case_id}")
            if s.get(Resident, resident_id) is None:
                raise ResidentNotFoundError(f"resident {resident_id}")
            s.add(CaseParty(case_id=case_id, resident_id=resident_id, category=category.value))
            self._audit.append(
                s,
                action="case.party_added",
                outcome=Outcome.OK,
                operator_id=by.operator_id,
                purpose_code=case.purpose_code,
                resident_id=resident_id,
                detail={"case": case.reference, "category": category.value},
            )

    def close(self, by: OperatorSession, case_id: int) -> None:
        """Close a case: its parties are no longer covered by its purpose."""
        with self._db.transaction() as s:
            self._operators.authorise(s, by, Role.SUPERVISOR)
            case = s.get(PurposeCase, case_id)
            if case is None:
                raise UnknownPurposeError(f"no case {case_id}")
            case.closed_at = self._clock()
            self._audit.append(
                s,
                action="case.closed",
                outcome=Outcome.OK,
                operator_id=by.operator_id,
                purpose_code=case.purpose_code,
                detail={"case": case.reference},
            )
