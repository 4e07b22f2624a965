"""The workflow machinery: named steps run in order, progress pulled, abort and resume."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Generic, TypeVar

from counter_app.card.connection import CardConnection
from counter_app.card.issuer_keys import IssuerMaterial
from counter_app.config import Configuration
from counter_app.errors import MunicipalityNotConfiguredError
from counter_app.printing.card_face import Municipality
from counter_app.printing.seal_crypto import SealSigner
from counter_app.records import OperatorSession, Register
from counter_app.trust_store import Trust, load_trust_store
from counter_app.workflows.errors import WorkflowCancelledError, WorkflowStateError
from counter_app.workflows.key_source import issuer_for, seal_signer_for
from counter_app.workflows.municipality import certifier_of
from counter_app.workflows.settings import CounterSettings, load_settings

log = logging.getLogger(__name__)

R = TypeVar("R")
V = TypeVar("V")

CardSource = Callable[[], CardConnection]
"""Opens a connection to the card now in the counter's reader (called anew on every retry)."""


@dataclass(frozen=True)
class CounterContext:
    """What every workflow works with: register, operator, issuer keys, seal key, settings, and
    the trust store that presented cards and seals are verified against (never the issuer's own
    keys: a verifying counter trusts what its configuration names)."""

    register: Register
    operator: OperatorSession
    issuer: IssuerMaterial = field(repr=False)
    seal_signer: SealSigner = field(repr=False)
    settings: CounterSettings
    municipality: Municipality | None  # None: a configured register without its municipality
    trust: Trust = field(repr=False)  # card CAs (ours, J-LIS's) and seal signers
    today: Callable[[], date] = date.today
    font_file: Path | None = None  # the configured font for the card's face images

    def certifying_municipality(self) -> Municipality:
        """The municipality printouts are made under; refused in words when not configured."""
        if self.municipality is None:
            raise MunicipalityNotConfiguredError("the counter has no municipality to print under")
        return self.municipality


def require(value: V | None, missing: str) -> V:
    """`value`, which an earlier step set; AssertionError(`missing`) if it did not."""
    if value is None:
        raise AssertionError(missing)
    return value


def context_from_config(
    config: Configuration, register: Register, session: OperatorSession
) -> CounterContext:
    """The operator's context from the configured keys, trust store and settings.

    Development issuer and seal keys (files), and the training trust store from them, are made
    only for the training register (no register configured); a configured register's counter
    signs with the keys in its security module and fails in words without one (key_source.py),
    and reads the configured trust store (without one, no card or seal is called valid).
    """
    home = config.data_dir
    certifier = certifier_of(config)
    return CounterContext(
        register=register,
        operator=session,
        issuer=issuer_for(config),
        seal_signer=seal_signer_for(config),
        settings=load_settings(home),
        municipality=certifier.municipality if certifier else None,
        trust=load_trust_store(config.trust_store),
        font_file=config.font_file,
    )


@dataclass(frozen=True)
class Step:
    """One named state of a workflow; `title` is English for the UI to translate.

    When the step fails, the next `run()` resumes at `restart_from` (a card step restarts at
    "insert the card", since the card may have been changed), or at the step itself.
    """

    name: str
    title: str
    restart_from: str | None = None


@dataclass(frozen=True)
class Progress:
    """A value copy of a workflow's state, for the UI's timer to pull."""

    step: str  # name of the step running, or of the last finished or failed one
    title: str
    index: int  # 0-based position of `step`
    total: int
    fraction: float  # 0.0 .. 1.0 of the whole workflow
    running: bool
    finished: bool  # every step done: the result is available
    failed_step: str | None = None  # the step that raised, until the next run()
    cancel_requested: bool = False


class Workflow(Generic[R]):
    """Runs its steps in order on the caller's (background) thread; see the package docstring."""

    steps: tuple[Step, ...] = ()

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._cancel = threading.Event()
        self._done: set[str] = set()
        self._current = 0
        self._sub_fraction = 0.0
        self._running = False
        self._failed: str | None = None
        self._result: R | None = None

    # -- what the UI calls ------------------------------------------------------------------------

    def run(self) -> R:
        """Run the steps not yet done; raise the first step's CounterError, resumable by run()."""
        with self._lock:
            if self._running:
                raise WorkflowStateError("run() while already running")
            self._running = True
            self._failed = None
        self._cancel.clear()
        try:
            for index, step in enumerate(self.steps):
                if step.name in self._done:
                    continue
                if self._cancel.is_set():
                    raise WorkflowCancelledError(f"cancelled before {step.name}")
                with self._lock:
                    self._current, self._sub_fraction = index, 0.0
                try:
                    self._step_function(step.name)()
                except BaseException:
                    self._fail(step)
                    raise
                with self._lock:
                    self._done.add(step.name)
            return self.result
        finally:
            with self._lock:
                self._running = False

    def cancel(self) -> None:
        """Ask the running workflow to stop at the next safe point (between steps)."""
        self._cancel.set()

    def abort(self) -> None:
        """Give the workflow up: run its clean-up (never while `run()` is running)."""
        with self._lock:
            if self._running:
                raise WorkflowStateError("abort() while running; cancel() first")
        self._clean_up()

    def progress(self) -> Progress:
        """The state now: cheap, thread-safe, for a UI timer."""
        with self._lock:
            total = len(self.steps)
            index = min(self._current, max(total - 1, 0))
            step = self.steps[index] if total else Step("", "")
            finished = total > 0 and len(self._done) == total
            fraction = 1.0 if finished else (len(self._done) + self._sub_fraction) / max(total, 1)
            return Progress(
                step=step.name,
                title=step.title,
                index=index,
                total=total,
                fraction=min(fraction, 1.0),
                running=self._running,
                finished=finished,
                failed_step=self._failed,
                cancel_requested=self._cancel.is_set(),
            )

    @property
    def finished(self) -> bool:
        """True once every step is done."""
        return len(self._done) == len(self.steps)

    @property
    def result(self) -> R:
        """The result, once finished (WorkflowStateError before)."""
        if self._result is None or not self.finished:
            raise WorkflowStateError("the workflow has not finished")
        return self._result

    # -- for subclasses ----------------------------------------------------------------------------

    def _step_function(self, name: str) -> Callable[[], None]:
        function: Callable[[], None] = getattr(self, f"_step_{name}")
        return function

    def _report(self, fraction: float) -> None:
        """How far the current step is (0..1), for progress within a long step."""
        with self._lock:
            self._sub_fraction = max(0.0, min(fraction, 0.99))

    def _set_result(self, result: R) -> None:
        self._result = result

    def _undo(self, *names: str) -> None:
        """Mark steps as to be run again (e.g. card steps after the card changed)."""
        with self._lock:
            self._done.difference_update(names)

    def _fail(self, step: Step) -> None:
        """The abort path of a failed step: clean up, then resume at its restart point."""
        with self._lock:
            self._failed = step.name
        self._clean_up()
        names = [s.name for s in self.steps]
        start = names.index(step.restart_from) if step.restart_from else names.index(step.name)
        self._undo(*names[start : names.index(step.name) + 1])

    def _clean_up(self) -> None:
        """Release what the workflow holds (the card connection); overridden by card workflows."""


class CardSteps:
    """The card connection a workflow holds between its card steps, closed on every abort path."""

    def __init__(self, source: CardSource) -> None:
        self._source = source
        self._connection: CardConnection | None = None

    def connect(self) -> CardConnection:
        """A fresh connection to the card now in the reader (the old one is closed)."""
        self.close()
        self._connection = self._source()
        return self._connection

    @property
    def connection(self) -> CardConnection:
        if self._connection is None:
            raise WorkflowStateError("no card connection")
        return self._connection

    def close(self) -> None:
        """Close the connection, ignoring a card that is already gone."""
        connection, self._connection = self._connection, None
        if connection is None:
            return
        try:
            connection.close()
        except Exception:
            log.debug("closing the card connection failed", exc_info=True)
