"""The supervisor's book of purposes: list every purpose with its dates, add one, retire one.

Adding and retiring are the supervisor's, under the supervision purpose: each is an audit event
(`purpose.added`, `purpose.retired`), and so is each refusal of a supervisor's entry, with the
reason. A new purpose reaches persons only through the cases opened under it (`CaseBook`) in its
categories, by the same `PurposeAccess` checks as the standard purposes.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sqlalchemy.orm import Session

from counter_app.records.errors import (
    CouncilAnswerDateError,
    LegalBasisMissingError,
    PurposeCategoriesMissingError,
    PurposeCodeFormatError,
    PurposeDateError,
    PurposeExistsError,
    PurposeInputError,
    PurposeNameMissingError,
    PurposeNotRetirableError,
    PurposeRetireDateError,
    PurposeRolesMissingError,
    RecordsError,
)
from counter_app.records.models import Purpose
from counter_app.records.operators import OperatorAccounts, OperatorSession
from counter_app.records.purposes import add_purpose_row, list_purposes, load_purpose, local_day
from counter_app.records.store import Store
from counter_app.records.types import Category, Outcome, PurposeCode, PurposeInfo, Role

SUPERVISION = PurposeCode.SUPERVISION
_CODE = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
_NAME_MAX = 128
_BASIS_MAX = 256


@dataclass(frozen=True)
class NewPurpose:
    """A purpose as the supervisor enters it: the ordinance task, its basis, dates and reach.

    `law` is the law or ordinance (e.g. 県営住宅条例) and `article` the article that allows the
    use (e.g. 第37条); together they are the purpose's legal basis.
    """

    code: str
    name: str
    law: str
    article: str
    in_force_from: dt.date
    council_answer_on: dt.date
    categories: frozenset[Category]
    roles: frozenset[Role]

    @property
    def legal_basis(self) -> str:
        return f"{self.law.strip()}{self.article.strip()}"


def parse_purpose_date(text: str) -> dt.date:
    """A date typed as year-month-day (2027-04-01); PurposeDateError in words otherwise."""
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise PurposeDateError(f"not a date: {text.strip()[:20]!r}") from None


def check_new_purpose(new: NewPurpose, today: dt.date) -> PurposeInfo:
    """The purpose to store, or the first thing wrong with the entry, in words."""
    code = new.code.strip()
    if not (3 <= len(code) <= 32 and _CODE.match(code)):
        raise PurposeCodeFormatError(f"code {code[:40]!r}")
    name = new.name.strip()
    if not name or len(name) > _NAME_MAX:
        raise PurposeNameMissingError(f"name of {len(name)} characters")
    article = new.article.strip()
    if not new.law.strip() or not (article.startswith("第") and "条" in article):
        raise LegalBasisMissingError("law or article missing")
    if len(new.legal_basis) > _BASIS_MAX:
        raise LegalBasisMissingError(f"legal basis longer than {_BASIS_MAX} characters")
    if not new.categories:
        raise PurposeCategoriesMissingError("no category")
    if not new.roles:
        raise PurposeRolesMissingError("no role")
    if new.council_answer_on > new.in_force_from or new.council_answer_on > today:
        raise CouncilAnswerDateError(
            f"answer {new.council_answer_on}, in force {new.in_force_from}, today {today}"
        )
    return PurposeInfo(
        code=code,
        name=name,
        legal_basis=new.legal_basis,
        categories=new.categories,
        roles=new.roles,
        reveals_record_code=False,
        in_force_from=new.in_force_from,
        council_answer_on=new.council_answer_on,
    )


class PurposeBook:
    """The purposes as the supervisor keeps them."""

    def __init__(self, store: Store, operators: OperatorAccounts) -> None:
        self._store = store
        self._operators = operators

    def today(self) -> dt.date:
        """The municipality's date now (JST), the day purposes are in force on."""
        return local_day(self._store.clock)

    def all(self) -> list[PurposeInfo]:
        """Every purpose, retired ones included, by code."""
        with self._store.db.transaction(read_only=True) as s:
            return list_purposes(s)

    def in_force(self) -> list[PurposeInfo]:
        """The purposes in force today: those operators may choose."""
        with self._store.db.transaction(read_only=True) as s:
            return list_purposes(s, on=self.today())

    def add(self, by: OperatorSession, new: NewPurpose) -> PurposeInfo:
        """Add a purpose (supervisor); refused in words, and the refusal recorded."""
        try:
            with self._store.db.transaction() as s:
                operator_id = self._operators.authorise(s, by, Role.SUPERVISOR)
                info = check_new_purpose(new, self.today())
                if s.get(Purpose, info.code) is not None:
                    raise PurposeExistsError(f"purpose {info.code}")
                add_purpose_row(s, info)
                self._record(s, operator_id, "purpose.added", Outcome.OK, _detail(info))
                return load_purpose(s, info.code)
        except PurposeInputError as exc:
            self._refused(by, "purpose.added", new.code, exc)
            raise

    def retire(self, by: OperatorSession, code: str, retired_from: dt.date) -> PurposeInfo:
        """Retire a purpose from a date (supervisor): lookups under it are refused from then."""
        try:
            with self._store.db.transaction() as s:
                operator_id = self._operators.authorise(s, by, Role.SUPERVISOR)
                info = load_purpose(s, code)
                if code == SUPERVISION:
                    raise PurposeNotRetirableError(code)
                if (
                    info.retired_from is not None
                    or retired_from < self.today()
                    or retired_from <= info.in_force_from
                ):
                    raise PurposeRetireDateError(f"{code} from {retired_from}")
                row = s.get(Purpose, code)
                assert row is not None  # load_purpose found it
                row.retired_from = retired_from
                self._record(
                    s, operator_id, "purpose.retired", Outcome.OK,
                    {"purpose": code, "retired_from": retired_from.isoformat()},
                )  # fmt: skip
                return load_purpose(s, code)
        except PurposeInputError as exc:
            self._refused(by, "purpose.retired", code, exc)
            raise

    def _record(
        self, s: Session, operator_id: int, action: str, outcome: Outcome, detail: dict[str, str]
    ) -> None:
        self._store.audit.append(
            s,
            action=action,
            outcome=outcome,
            operator_id=operator_id,
            purpose_code=SUPERVISION,
            detail=detail,
        )

    def _refused(self, by: OperatorSession, action: str, code: str, exc: RecordsError) -> None:
        with self._store.db.transaction() as s:
            self._record(
                s, by.operator_id, action, Outcome.REFUSED,
                {"purpose": code.strip()[:32], "reason": type(exc).__name__},
            )  # fmt: skip


def _detail(info: PurposeInfo) -> dict[str, str]:
    return {
        "purpose": info.code,
        "legal_basis": info.legal_basis,
        "in_force_from": info.in_force_from.isoformat(),
        "council_answer_on": info.council_answer_on.isoformat() if info.council_answer_on else "",
        "categories": ",".join(sorted(info.categories)),
        "roles": ",".join(sorted(info.roles)),
    }
