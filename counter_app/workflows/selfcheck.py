"""The self-check: what the application can check about itself, each with a verdict in words
and what to do, after the security checklist the council's minutes mention.

The list is data: `SELF_CHECKS` is a tuple of `SelfCheck`s, each a name, a title and a small
function from `SelfCheckInputs` to a `Finding`. To add a check, write its function and add it
to the tuple (and its texts to `TEXTS`, so the window can translate them). The window's section
and `counter-app selfcheck` run the same list; a supervisor's run is audited under supervision.

Texts are English templates with `{placeholders}`; a finding carries the values apart, so the
window translates the template and fills the values in.
"""

from __future__ import annotations

import datetime as dt
import enum
import logging
import os
import stat
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from counter_app.card.issuer_keys import ISSUER_DIR
from counter_app.config import TOKEN_SETTINGS, TRUST_STORE_ENV, Configuration
from counter_app.errors import CounterError
from counter_app.keystore.registry import KeyKind, KeyRegistry
from counter_app.keystore.secret_keys import CHANNEL_MASTER_LABEL, RECORD_CODE_LABEL, has_secret
from counter_app.printing.seal_keys import SEAL_DIR
from counter_app.records import OperatorSession, Register
from counter_app.register_key import token_record_code_cipher
from counter_app.trust_store import Trust, load_trust_store
from counter_app.workflows.key_source import configured_token, uses_key_files

log = logging.getLogger(__name__)

IDLE_DAYS: Final = 90
EXPIRY_DAYS: Final = 90
KEY_DIRECTORIES: Final = ("keys", SEAL_DIR, ISSUER_DIR)


class Verdict(enum.StrEnum):
    """A check's verdict."""

    OK = "ok"
    WARNING = "warning"
    FAIL = "fail"


@dataclass(frozen=True)
class Finding:
    """What a check found (`said`) and what to do (`todo`): templates, and their values."""

    verdict: Verdict
    said: str
    todo: str = ""
    values: Mapping[str, str] = field(default_factory=dict)

    def said_text(self) -> str:
        return self.said.format(**self.values)

    def todo_text(self) -> str:
        return self.todo.format(**self.values)


@dataclass(frozen=True)
class SelfCheckInputs:
    """What the checks look at: the register, the settings, today, and the limits in days."""

    register: Register
    config: Configuration
    today: dt.date
    idle_days: int = IDLE_DAYS
    expiry_days: int = EXPIRY_DAYS


@dataclass(frozen=True)
class SelfCheck:
    """One check: a stable name, an English title, and the function that runs it."""

    name: str
    title: str
    run: Callable[[SelfCheckInputs], Finding]


@dataclass(frozen=True)
class CheckResult:
    """A check and its finding, as a value copy for the window and the command."""

    name: str
    title: str
    finding: Finding

    @property
    def verdict(self) -> Verdict:
        return self.finding.verdict

    def as_json(self) -> dict[str, object]:
        return {
            "check": self.name,
            "title": self.title,
            "verdict": self.verdict.value,
            "found": self.finding.said_text(),
            "todo": self.finding.todo_text(),
        }


# -- the texts ---------------------------------------------------------------------------------

CHAIN_OK = "The audit trail's chain is intact: {events} events verified."
CHAIN_BROKEN = "The audit trail's chain is broken: {reason}"
COUNTS_DIFFER = (
    "The audit trail's chain is intact ({events} events), but the statistics' hourly counts "
    "differ from it for {count} hours (UTC), from {first}."
)
COUNTS_DIFFER_TODO = (
    "Do not give the council figures of those hours. Keep the database as it is and call the "
    "system administrator: the counts were changed outside the counter."
)
CHAIN_TODO = (
    "Do not delete anything. Export the audit trail, keep the database as it is, and call the "
    "system administrator: someone changed or removed audit records."
)
KEYS_OK = "The key files are readable by their owner only ({count} files checked)."
KEYS_NONE = "There are no key files in the data directory to check."
KEYS_OPEN = "Key files other users can read (in the data directory): {files}"
KEYS_OPEN_TODO = (
    "Make them readable by the owner only (chmod 600 for files, chmod 700 for their folders), "
    "and ask the system administrator whether the keys must be replaced."
)
IDLE_OK = "Every operator on duty without an end date has logged in within {days} days."
IDLE_FOUND = "Operators on duty without an end date, unused for more than {days} days: {logins}"
IDLE_TODO = "End the duty of operators who left, or give their duty an end date."
LOCKED_OK = "No supervisor is locked out."
LOCKED_FOUND = "Supervisors locked out: {logins}"
LOCKED_TODO = (
    "Another supervisor unlocks them on the operators section; without one, run the recovery "
    "command on the register's host."
)
KEY_OK = (
    "The register's encryption key is present ({path} in the data directory), opens this "
    "register, and is not in the database."
)
KEY_IN_TOKEN = "The register's encryption key is in the security module's token {token}."
KEY_MISSING = "The register's encryption key file is missing: {path}"
KEY_MISSING_TODO = "Restore the key file from the backup; without it record codes cannot be read."
KEY_WRONG = "The key file {path} does not belong to this register."
KEY_WRONG_TODO = "Configure the key file of this register, or restore it from the backup."
KEY_IN_DB = "The register's encryption key is stored in the database itself."
KEY_IN_DB_TODO = (
    "Remove it from the database and replace the key (re-encrypt the record codes): a copy of "
    "the database would carry its own key."
)
BACKUP_NONE = "Backups are not configured."
BACKUP_NONE_TODO = (
    "Set up backups of the register and the data directory's key files, and name where they go "
    "in the setting COUNTER_APP_BACKUP."
)
BACKUP_OK = "Backups are configured to go to {target}; this check cannot see whether they ran."
BACKUP_MISSING = "Backups are configured to go to {target}, but that folder does not exist."
BACKUP_MISSING_TODO = "Check the backup disk or share is mounted, or correct the setting."
STORE_OK = "The trust store {directory} holds {cards} card CA and {seals} seal certificates."
STORE_NONE = "No trust store is configured: no presented card or seal can be proved genuine."
STORE_NONE_TODO = (
    "Export the certificates at the key ceremony (counter-app keys export-certificates --to "
    "DIRECTORY) and name that directory in the setting {setting}."
)
STORE_MISSING = "The trust store directory {directory} does not exist."
STORE_MISSING_TODO = "Mount or restore the trust store directory, or correct the setting {setting}."
STORE_DAMAGED = "The trust store cannot be read: {error}"
STORE_DAMAGED_TODO = "Replace the file named with the certificate exported at the key ceremony."
TRUST_OK = "The trust store's {count} certificates stay valid for more than {days} days."
TRUST_NONE = "The trust store holds no seal certificate."
TRUST_NONE_TODO = "Put the municipality's seal certificate (seal-*.pem) into the trust store."
TRUST_SOON = "Certificates that expire within {days} days: {certificates}"
TRUST_SOON_TODO = "Order their renewal now and install the new certificates before that date."
TRUST_EXPIRED = "Certificates that have expired: {certificates}"
TRUST_EXPIRED_TODO = "Install renewed certificates; seals signed now cannot be trusted."
CARD_CA_OK = "The card CA certificates ({count}) stay valid for more than {days} days."
CARD_CA_NONE = "No card CA certificate is installed: no presented card can be proved genuine."
CARD_CA_NONE_TODO = (
    "Put the issuer's CA certificate and, for 個人番号カード, J-LIS's (*.cvc) into the trust store."
)
CARD_CA_SOON = "Card CA certificates that expire within {days} days: {certificates}"
CARD_CA_EXPIRED = "Card CA certificates that have expired: {certificates}"
CARD_CA_EXPIRED_TODO = (
    "Install the renewed CA certificates; until then cards they vouch for are not proved genuine."
)
TOKEN_TRAINING = "Training register: the keys are files in the data directory (training only)."
TOKEN_NONE = "No security module token is configured: this counter cannot sign cards or seals."
TOKEN_NONE_TODO = "Set {settings}, then create the keys in the token (counter-app keys)."
TOKEN_NO_SIGNER = "The token {token} has no key in use for: {kinds}"
TOKEN_NO_SIGNER_TODO = "Create it in the token with counter-app keys create-signer."
TOKEN_FILES_LEFT = "Keys still kept as files beside the token {token}: {keys}"
TOKEN_FILES_LEFT_TODO = (
    "Import them with counter-app keys import-secrets, then move the files to the backup."
)
TOKEN_OK = "Every key of this counter is in the security module's token {token}."
COULD_NOT_RUN = "The check could not run: {error}"
COULD_NOT_RUN_TODO = "Run the self-check again; if it fails again, call the system administrator."

TEXTS: Final = (
    CHAIN_OK, CHAIN_BROKEN, CHAIN_TODO, COUNTS_DIFFER, COUNTS_DIFFER_TODO, KEYS_OK, KEYS_NONE,
    KEYS_OPEN, KEYS_OPEN_TODO,
    IDLE_OK, IDLE_FOUND, IDLE_TODO, LOCKED_OK, LOCKED_FOUND, LOCKED_TODO, KEY_OK, KEY_IN_TOKEN,
    KEY_MISSING,
    KEY_MISSING_TODO, KEY_WRONG, KEY_WRONG_TODO, KEY_IN_DB, KEY_IN_DB_TODO, BACKUP_NONE,
    BACKUP_NONE_TODO, BACKUP_OK, BACKUP_MISSING, BACKUP_MISSING_TODO, STORE_OK, STORE_NONE,
    STORE_NONE_TODO, STORE_MISSING, STORE_MISSING_TODO, STORE_DAMAGED, STORE_DAMAGED_TODO,
    TRUST_OK, TRUST_NONE,
    TRUST_NONE_TODO, TRUST_SOON, TRUST_SOON_TODO, TRUST_EXPIRED, TRUST_EXPIRED_TODO,
    CARD_CA_OK, CARD_CA_NONE, CARD_CA_NONE_TODO, CARD_CA_SOON, CARD_CA_EXPIRED,
    CARD_CA_EXPIRED_TODO, TOKEN_TRAINING, TOKEN_NONE, TOKEN_NONE_TODO, TOKEN_NO_SIGNER,
    TOKEN_NO_SIGNER_TODO, TOKEN_FILES_LEFT, TOKEN_FILES_LEFT_TODO, TOKEN_OK, COULD_NOT_RUN,
    COULD_NOT_RUN_TODO,
)  # fmt: skip


# -- the checks --------------------------------------------------------------------------------


def audit_chain(inputs: SelfCheckInputs) -> Finding:
    """The audit chain verifies from its first event to its head."""
    report = inputs.register.verify_audit_chain()
    if report.intact and report.counts_differ:
        values = {
            "events": str(report.events),
            "count": str(len(report.counts_differ)),
            "first": report.counts_differ[0],
        }
        return Finding(Verdict.WARNING, COUNTS_DIFFER, COUNTS_DIFFER_TODO, values)
    if report.intact:
        return Finding(Verdict.OK, CHAIN_OK, values={"events": str(report.events)})
    return Finding(Verdict.FAIL, CHAIN_BROKEN, CHAIN_TODO, {"reason": report.reason})


def key_files(config: Configuration) -> list[Path]:
    """The files and folders holding keys: the data directory's key folders and the record-code
    key (wherever it is configured). Public certificates trusted from others are not keys."""
    found: list[Path] = []
    for name in KEY_DIRECTORIES:
        directory = config.data_dir / name
        if directory.is_dir():
            found.append(directory)
            found += sorted(p for p in directory.iterdir() if p.is_file())
    key = config.record_code_key
    if key.is_file() and key not in found:
        found.append(key)
    return found


def shown_path(path: Path, config: Configuration) -> str:
    """A path as the checks show it: relative to the data directory when inside it."""
    try:
        return str(path.relative_to(config.data_dir))
    except ValueError:
        return str(path)


def _open_to_others(path: Path) -> bool:
    return os.name == "posix" and bool(stat.S_IMODE(path.stat().st_mode) & 0o077)


def private_key_files(inputs: SelfCheckInputs) -> Finding:
    """Every key file and key folder is readable by its owner only."""
    paths = key_files(inputs.config)
    files = [p for p in paths if p.is_file()]
    if not files:
        return Finding(Verdict.WARNING, KEYS_NONE)
    open_ = [p for p in paths if _open_to_others(p)]
    if open_:
        return Finding(
            Verdict.FAIL,
            KEYS_OPEN,
            KEYS_OPEN_TODO,
            {"files": ", ".join(shown_path(p, inputs.config) for p in open_)},
        )
    return Finding(Verdict.OK, KEYS_OK, values={"count": str(len(files))})


def idle_operators(inputs: SelfCheckInputs) -> Finding:
    """No operator on duty without an end date has gone unused for more than N days."""
    days = str(inputs.idle_days)
    idle = inputs.register.health.idle_operators(dt.timedelta(days=inputs.idle_days))
    if not idle:
        return Finding(Verdict.OK, IDLE_OK, values={"days": days})
    logins = ", ".join(f"{o.login} ({o.last_seen.date().isoformat()})" for o in idle)
    return Finding(Verdict.WARNING, IDLE_FOUND, IDLE_TODO, {"days": days, "logins": logins})


def locked_supervisors(inputs: SelfCheckInputs) -> Finding:
    """No supervisor on duty is locked out."""
    locked = inputs.register.health.locked_supervisors()
    if not locked:
        return Finding(Verdict.OK, LOCKED_OK)
    return Finding(Verdict.WARNING, LOCKED_FOUND, LOCKED_TODO, {"logins": ", ".join(locked)})


def register_key(inputs: SelfCheckInputs) -> Finding:
    """The record-code key file is present, belongs to the register, and is not in the database;
    or the key is in the security module and the register recognised it."""
    if token_record_code_cipher(inputs.config) is not None:
        token = inputs.config.token.label if inputs.config.token else ""
        return Finding(Verdict.OK, KEY_IN_TOKEN, values={"token": token})
    path = inputs.config.record_code_key
    values = {"path": shown_path(path, inputs.config)}
    placement = inputs.register.health.key_placement(path)
    if not placement.file_present:
        return Finding(Verdict.FAIL, KEY_MISSING, KEY_MISSING_TODO, values)
    if placement.in_database:
        return Finding(Verdict.FAIL, KEY_IN_DB, KEY_IN_DB_TODO, values)
    if not placement.matches_register:
        return Finding(Verdict.FAIL, KEY_WRONG, KEY_WRONG_TODO, values)
    return Finding(Verdict.OK, KEY_OK, values=values)


def keys_in_token(inputs: SelfCheckInputs) -> Finding:
    """A configured counter keeps every key in its token: the signers in use, the channel master
    key and the record-code key; key files are for the training register only."""
    config = inputs.config
    if uses_key_files(config):
        return Finding(Verdict.OK, TOKEN_TRAINING)
    if config.token is None:
        return Finding(
            Verdict.FAIL, TOKEN_NONE, TOKEN_NONE_TODO, {"settings": ", ".join(TOKEN_SETTINGS)}
        )
    token = configured_token(config)
    values = {"token": token.label}
    registry = KeyRegistry(token)
    absent = [
        k.value for k in (KeyKind.DATA_SIGNER, KeyKind.SEAL_SIGNER) if not registry.current(k)
    ]
    if absent:
        return Finding(
            Verdict.WARNING,  # a counter that only verifies or prints needs not every signer
            TOKEN_NO_SIGNER,
            TOKEN_NO_SIGNER_TODO,
            {**values, "kinds": ", ".join(absent)},
        )
    files = [
        label for label in (CHANNEL_MASTER_LABEL, RECORD_CODE_LABEL) if not has_secret(token, label)
    ]
    if files:
        return Finding(
            Verdict.WARNING,
            TOKEN_FILES_LEFT,
            TOKEN_FILES_LEFT_TODO,
            {**values, "keys": ", ".join(files)},
        )
    return Finding(Verdict.OK, TOKEN_OK, values=values)


def backups(inputs: SelfCheckInputs) -> Finding:
    """Backups are configured (a setting); a configured folder exists."""
    target = inputs.config.backup
    if target is None:
        return Finding(Verdict.WARNING, BACKUP_NONE, BACKUP_NONE_TODO)
    values = {"target": target}
    if Path(target).is_absolute() and not Path(target).is_dir():
        return Finding(Verdict.WARNING, BACKUP_MISSING, BACKUP_MISSING_TODO, values)
    return Finding(Verdict.OK, BACKUP_OK, values=values)


def _trust(inputs: SelfCheckInputs) -> Trust:
    return load_trust_store(inputs.config.trust_store)


def trust_store(inputs: SelfCheckInputs) -> Finding:
    """The trust store is configured, there, and every certificate in it readable."""
    directory = inputs.config.trust_store
    setting = {"setting": TRUST_STORE_ENV}
    if directory is None:
        return Finding(Verdict.FAIL, STORE_NONE, STORE_NONE_TODO, setting)
    values = {"directory": str(directory), **setting}
    if not directory.is_dir():
        return Finding(Verdict.FAIL, STORE_MISSING, STORE_MISSING_TODO, values)
    try:
        trust = load_trust_store(directory)
    except CounterError as exc:
        return Finding(Verdict.FAIL, STORE_DAMAGED, STORE_DAMAGED_TODO, {"error": exc.detail})
    counts = {"cards": str(len(trust.cards.references)), "seals": str(len(trust.seals))}
    return Finding(Verdict.OK, STORE_OK, values={"directory": str(directory), **counts})


def trust_store_expiry(inputs: SelfCheckInputs) -> Finding:
    """No seal signer certificate of the trust store expires within N days (or has expired)."""
    certificates = _trust(inputs).seals
    days = str(inputs.expiry_days)
    if not certificates:
        return Finding(Verdict.WARNING, TRUST_NONE, TRUST_NONE_TODO)
    horizon = inputs.today + dt.timedelta(days=inputs.expiry_days)
    expired, soon = [], []
    for cert in certificates:
        ends = cert.certificate.not_valid_after_utc.date()
        name = f"{cert.signer} {cert.serial:X} ({ends.isoformat()})"
        if ends < inputs.today:
            expired.append(name)
        elif ends <= horizon:
            soon.append(name)
    if expired:
        return Finding(
            Verdict.FAIL, TRUST_EXPIRED, TRUST_EXPIRED_TODO, {"certificates": ", ".join(expired)}
        )
    if soon:
        return Finding(
            Verdict.WARNING,
            TRUST_SOON,
            TRUST_SOON_TODO,
            {"certificates": ", ".join(soon), "days": days},
        )
    return Finding(Verdict.OK, TRUST_OK, values={"count": str(len(certificates)), "days": days})


def card_trust_expiry(inputs: SelfCheckInputs) -> Finding:
    """No card CA certificate of the trust store (our issuer's, J-LIS's) expires within N days."""
    certificates = _trust(inputs).cards.certificates()
    days = str(inputs.expiry_days)
    if not certificates:
        return Finding(Verdict.FAIL, CARD_CA_NONE, CARD_CA_NONE_TODO)
    horizon = inputs.today + dt.timedelta(days=inputs.expiry_days)
    expired = [f"{c.chr} ({c.expiry.isoformat()})" for c in certificates if c.expiry < inputs.today]
    soon = [
        f"{c.chr} ({c.expiry.isoformat()})"
        for c in certificates
        if inputs.today <= c.expiry <= horizon
    ]
    if expired:
        values = {"certificates": ", ".join(expired)}
        return Finding(Verdict.FAIL, CARD_CA_EXPIRED, CARD_CA_EXPIRED_TODO, values)
    if soon:
        values = {"certificates": ", ".join(soon), "days": days}
        return Finding(Verdict.WARNING, CARD_CA_SOON, TRUST_SOON_TODO, values)
    return Finding(Verdict.OK, CARD_CA_OK, values={"count": str(len(certificates)), "days": days})


SELF_CHECKS: Final[tuple[SelfCheck, ...]] = (
    SelfCheck("audit-chain", "Audit trail chain intact", audit_chain),
    SelfCheck("key-files-private", "Key files readable by their owner only", private_key_files),
    SelfCheck("idle-operators", "No operator on duty left unused", idle_operators),
    SelfCheck("locked-supervisors", "No supervisor locked out", locked_supervisors),
    SelfCheck("register-key", "Register encryption key present, not in the database", register_key),
    SelfCheck("keys-in-token", "Keys kept in the security module", keys_in_token),
    SelfCheck("backups", "Backups configured", backups),
    SelfCheck("trust-store", "Trust store configured and readable", trust_store),
    SelfCheck(
        "trust-store-expiry", "Trust store certificates not expiring soon", trust_store_expiry
    ),
    SelfCheck("card-ca-expiry", "Card CA certificates not expiring soon", card_trust_expiry),
)


def _run_one(check: SelfCheck, inputs: SelfCheckInputs) -> CheckResult:
    try:
        finding = check.run(inputs)
    except Exception as exc:  # one broken check must not hide the others' verdicts
        log.warning("self-check %s could not run", check.name, exc_info=exc)
        error = getattr(exc, "what", None) or type(exc).__name__
        finding = Finding(Verdict.FAIL, COULD_NOT_RUN, COULD_NOT_RUN_TODO, {"error": error})
    return CheckResult(check.name, check.title, finding)


def run_self_checks(
    inputs: SelfCheckInputs,
    operator: OperatorSession,
    checks: tuple[SelfCheck, ...] = SELF_CHECKS,
) -> tuple[CheckResult, ...]:
    """Run every check for a supervisor on duty and audit the run with each verdict."""
    inputs.register.health.require_supervisor(operator)
    results = tuple(_run_one(check, inputs) for check in checks)
    inputs.register.health.record_self_check(operator, {r.name: r.verdict.value for r in results})
    return results


def any_failed(results: tuple[CheckResult, ...]) -> bool:
    """True when a check failed (the command's exit status)."""
    return any(r.verdict is Verdict.FAIL for r in results)
