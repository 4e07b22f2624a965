"""Counter workflows: issuance, address change, PIN reset, suspension, re-issue, return,
verification of a presented card (`verification.py`, docs/verification.md).

How a UI (or the command line) drives a workflow
-------------------------------------------------
1. Build a `CounterContext` once per logged-in operator (register, operator session, issuer
   material, seal signer, `CounterSettings` from `load_settings(home)`, municipality).
2. Gather the request on the GUI thread with the small checks that need no card or database:
   `new_pin(pin, repeat)`, `validate_photo(jpeg)`, `ElderlyProof.parse(text)`; the database
   checks (`find_residents`, `check_free_issuance`) run in the background like everything else.
3. Create the workflow, e.g. `IssuanceWorkflow(ctx, request, card_source)`, where
   `card_source()` opens a connection to the card now in the reader (called again on a retry).
4. Call `run()` on the card/background thread. It runs the named `steps` in order and returns
   the result. It never calls into the UI: a timer on the GUI thread pulls `progress()` (a
   frozen `Progress`: step name, English title to translate, index, total, fraction, failed
   step).
5. `cancel()` (any thread) asks the workflow to stop at the next safe point, between steps;
   `run()` then raises `WorkflowCancelledError`. A running card write is never interrupted.
6. Errors: `run()` raises a `CounterError` subclass (`what`/`todo` for the clerk). The
   workflow has already gone through its clean-up (the card connection closed); nothing was
   recorded by the step that failed. Call `run()` again to resume: a card step resumes at
   "insert the card" (the same card, or a new blank one for an issuance); a database step
   resumes at itself; steps already done are not repeated. `abort()` gives the workflow up.
7. Results arrive as frozen dataclasses. Printing comes last: a `PrintFailedError` leaves the
   issuance or address change recorded (`workflow.issued` / `workflow.recorded`), and `run()`
   again repeats only the printing.

Every step that touches identity data goes through `Register.access(operator, purpose)` and is
audited with its purpose; PINs, keys and resident record codes are never logged.

Where register writes run: a workflow's `run()` writes the register itself, between its card
steps, on the thread that runs it (the card thread in the UI), through the context's Register
(one session per call, so threads never share one). Register work outside a workflow
(`find_residents`, `check_free_issuance`, `suspend_card`, `check_card_status`) is called on the
database worker in the UI.
"""

from __future__ import annotations

from counter_app.workflows.address_change import (
    AddressChangeRequest,
    AddressChangeResult,
    AddressChangeWorkflow,
)
from counter_app.workflows.base import (
    CardSource,
    CounterContext,
    Progress,
    Step,
    Workflow,
    context_from_config,
)
from counter_app.workflows.card_status import (
    ReturnRequest,
    ReturnResult,
    ReturnWorkflow,
    check_card_status,
    suspend_card,
)
from counter_app.workflows.common import IdentityDocument, new_pin, validate_photo
from counter_app.workflows.errors import WorkflowCancelledError, WorkflowError
from counter_app.workflows.issuance import (
    ElderlyProof,
    IssuanceRequest,
    IssuanceResult,
    IssuanceWorkflow,
    PrintedIssuance,
    check_free_issuance,
    find_residents,
)
from counter_app.workflows.pin_reset import PinResetRequest, PinResetResult, PinResetWorkflow
from counter_app.workflows.reissue import ReissueRequest, ReissueWorkflow
from counter_app.workflows.reports import free_issuance_report
from counter_app.workflows.reprint import Printout, Reprint, record_printout, reprint
from counter_app.workflows.settings import CounterSettings, load_settings
from counter_app.workflows.statistics import (
    municipality_code,
    report_municipality,
    statistics_pdf,
    statistics_report,
    write_statistics_csv,
)
from counter_app.workflows.unlock_number import (
    QrUnlock,
    unlock_from_printed,
    unlock_from_qr_text,
)
from counter_app.workflows.verification import (
    OpenedWith,
    VerificationRequest,
    VerificationResult,
    VerificationWorkflow,
)

__all__ = [
    "AddressChangeRequest",
    "AddressChangeResult",
    "AddressChangeWorkflow",
    "CardSource",
    "CounterContext",
    "CounterSettings",
    "ElderlyProof",
    "IdentityDocument",
    "IssuanceRequest",
    "IssuanceResult",
    "IssuanceWorkflow",
    "OpenedWith",
    "PinResetRequest",
    "PinResetResult",
    "PinResetWorkflow",
    "PrintedIssuance",
    "Printout",
    "Progress",
    "QrUnlock",
    "ReissueRequest",
    "ReissueWorkflow",
    "Reprint",
    "ReturnRequest",
    "ReturnResult",
    "ReturnWorkflow",
    "Step",
    "VerificationRequest",
    "VerificationResult",
    "VerificationWorkflow",
    "Workflow",
    "WorkflowCancelledError",
    "WorkflowError",
    "check_card_status",
    "check_free_issuance",
    "context_from_config",
    "find_residents",
    "free_issuance_report",
    "load_settings",
    "municipality_code",
    "new_pin",
    "record_printout",
    "report_municipality",
    "reprint",
    "statistics_pdf",
    "statistics_report",
    "suspend_card",
    "unlock_from_printed",
    "unlock_from_qr_text",
    "validate_photo",
    "write_statistics_csv",
]
