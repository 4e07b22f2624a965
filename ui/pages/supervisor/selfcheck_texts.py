"""The self-check's titles and findings in the supervisor's language.

The core words them as English templates (counter_app/workflows/selfcheck.py, `SELF_CHECKS`
titles and `TEXTS`); this table marks them for pyside6-lupdate (context "selfcheck"), and a test
checks that it lists every one. Values (file names, logins, dates) are filled in after
translating, so they are never translated.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from counter_app.workflows.selfcheck import CheckResult, Verdict

CONTEXT = "selfcheck"

# QT_TRANSLATE_NOOP returns its text; PySide's stub says object.
MARKED: tuple[object, ...] = (
    QT_TRANSLATE_NOOP("selfcheck", "Audit trail chain intact"),
    QT_TRANSLATE_NOOP("selfcheck", "Key files readable by their owner only"),
    QT_TRANSLATE_NOOP("selfcheck", "No operator on duty left unused"),
    QT_TRANSLATE_NOOP("selfcheck", "No supervisor locked out"),
    QT_TRANSLATE_NOOP("selfcheck", "Register encryption key present, not in the database"),
    QT_TRANSLATE_NOOP("selfcheck", "Backups configured"),
    QT_TRANSLATE_NOOP("selfcheck", "Trust store configured and readable"),
    QT_TRANSLATE_NOOP(
        "selfcheck", "The register's encryption key is in the security module's token {token}."
    ),
    QT_TRANSLATE_NOOP(
        "selfcheck",
        "The trust store {directory} holds {cards} card CA and {seals} seal certificates.",
    ),
    QT_TRANSLATE_NOOP(
        "selfcheck",
        "No trust store is configured: no presented card or seal can be proved genuine.",
    ),
    QT_TRANSLATE_NOOP(
        "selfcheck",
        "Export the certificates at the key ceremony (counter-app keys export-certificates --to "
        "DIRECTORY) and name that directory in the setting {setting}.",
    ),
    QT_TRANSLATE_NOOP("selfcheck", "The trust store directory {directory} does not exist."),
    QT_TRANSLATE_NOOP(
        "selfcheck",
        "Mount or restore the trust store directory, or correct the setting {setting}.",
    ),
    QT_TRANSLATE_NOOP("selfcheck", "The trust store cannot be read: {error}"),
    QT_TRANSLATE_NOOP(
        "selfcheck", "Replace the file named with the certificate exported at the key ceremony."
    ),
    QT_TRANSLATE_NOOP("selfcheck", "Trust store certificates not expiring soon"),
    QT_TRANSLATE_NOOP("selfcheck", "Card CA certificates not expiring soon"),
    QT_TRANSLATE_NOOP(
        "selfcheck", "The card CA certificates ({count}) stay valid for more than {days} days."
    ),
    QT_TRANSLATE_NOOP(
        "selfcheck", "No card CA certificate is installed: no presented card can be proved genuine."
    ),
    QT_TRANSLATE_NOOP(
        "selfcheck",
        "Put the issuer's CA certificate and, for 個人番号カード, J-LIS's (*.cvc) into the trust "
        "store.",
    ),
    QT_TRANSLATE_NOOP(
        "selfcheck", "Card CA certificates that expire within {days} days: {certificates}"
    ),
    QT_TRANSLATE_NOOP("selfcheck", "Card CA certificates that have expired: {certificates}"),
    QT_TRANSLATE_NOOP(
        "selfcheck",
        "Install the renewed CA certificates; until then cards they vouch for are not proved "
        "genuine.",
    ),
    QT_TRANSLATE_NOOP("selfcheck", "The audit trail's chain is intact: {events} events verified."),
    QT_TRANSLATE_NOOP("selfcheck", "The audit trail's chain is broken: {reason}"),
    QT_TRANSLATE_NOOP(
        "selfcheck",
        "Do not delete anything. Export the audit trail, keep the database as it is, and call the "
        "system administrator: someone changed or removed audit records.",
    ),
    QT_TRANSLATE_NOOP(
        "selfcheck", "The key files are readable by their owner only ({count} files checked)."
    ),
    QT_TRANSLATE_NOOP("selfcheck", "There are no key files in the data directory to check."),
    QT_TRANSLATE_NOOP(
        "selfcheck", "Key files other users can read (in the data directory): {files}"
    ),
    QT_TRANSLATE_NOOP(
        "selfcheck",
        "Make them readable by the owner only (chmod 600 for files, chmod 700 for their folders), "
        "and ask the system administrator whether the keys must be replaced.",
    ),
    QT_TRANSLATE_NOOP(
        "selfcheck",
        "Every operator on duty without an end date has logged in within {days} days.",
    ),
    QT_TRANSLATE_NOOP(
        "selfcheck",
        "Operators on duty without an end date, unused for more than {days} days: {logins}",
    ),
    QT_TRANSLATE_NOOP(
        "selfcheck", "End the duty of operators who left, or give their duty an end date."
    ),
    QT_TRANSLATE_NOOP("selfcheck", "No supervisor is locked out."),
    QT_TRANSLATE_NOOP("selfcheck", "Supervisors locked out: {logins}"),
    QT_TRANSLATE_NOOP(
        "selfcheck",
        "Another supervisor unlocks them on the operators section; without one, run the recovery "
        "command on the register's host.",
    ),
    QT_TRANSLATE_NOOP(
        "selfcheck",
        "The register's encryption key is present ({path} in the data directory), opens this "
        "register, and is not in the database.",
    ),
    QT_TRANSLATE_NOOP("selfcheck", "The register's encryption key file is missing: {path}"),
    QT_TRANSLATE_NOOP(
        "selfcheck",
        "Restore the key file from the backup; without it record codes cannot be read.",
    ),
    QT_TRANSLATE_NOOP("selfcheck", "The key file {path} does not belong to this register."),
    QT_TRANSLATE_NOOP(
        "selfcheck", "Configure the key file of this register, or restore it from the backup."
    ),
    QT_TRANSLATE_NOOP(
        "selfcheck", "The register's encryption key is stored in the database itself."
    ),
    QT_TRANSLATE_NOOP(
        "selfcheck",
        "Remove it from the database and replace the key (re-encrypt the record codes): a copy of "
        "the database would carry its own key.",
    ),
    QT_TRANSLATE_NOOP("selfcheck", "Backups are not configured."),
    QT_TRANSLATE_NOOP(
        "selfcheck",
        "Set up backups of the register and the data directory's key files, and name where they "
        "go in the setting COUNTER_APP_BACKUP.",
    ),
    QT_TRANSLATE_NOOP(
        "selfcheck",
        "Backups are configured to go to {target}; this check cannot see whether they ran.",
    ),
    QT_TRANSLATE_NOOP(
        "selfcheck",
        "Backups are configured to go to {target}, but that folder does not exist.",
    ),
    QT_TRANSLATE_NOOP(
        "selfcheck", "Check the backup disk or share is mounted, or correct the setting."
    ),
    QT_TRANSLATE_NOOP(
        "selfcheck", "The trust store's {count} certificates stay valid for more than {days} days."
    ),
    QT_TRANSLATE_NOOP("selfcheck", "The trust store holds no seal certificate."),
    QT_TRANSLATE_NOOP(
        "selfcheck",
        "Put the municipality's seal certificate (seal-*.pem) into the trust store.",
    ),
    QT_TRANSLATE_NOOP("selfcheck", "Certificates that expire within {days} days: {certificates}"),
    QT_TRANSLATE_NOOP(
        "selfcheck", "Order their renewal now and install the new certificates before that date."
    ),
    QT_TRANSLATE_NOOP("selfcheck", "Certificates that have expired: {certificates}"),
    QT_TRANSLATE_NOOP(
        "selfcheck", "Install renewed certificates; seals signed now cannot be trusted."
    ),
    QT_TRANSLATE_NOOP(
        "selfcheck",
        "Keys kept in the security module",
    ),
    QT_TRANSLATE_NOOP(
        "selfcheck",
        "Training register: the keys are files in the data directory (training only).",
    ),
    QT_TRANSLATE_NOOP(
        "selfcheck",
        "No security module token is configured: this counter cannot sign cards or seals.",
    ),
    QT_TRANSLATE_NOOP(
        "selfcheck",
        "Set {settings}, then create the keys in the token (counter-app keys).",
    ),
    QT_TRANSLATE_NOOP(
        "selfcheck",
        "The token {token} has no key in use for: {kinds}",
    ),
    QT_TRANSLATE_NOOP(
        "selfcheck",
        "Create it in the token with counter-app keys create-signer.",
    ),
    QT_TRANSLATE_NOOP(
        "selfcheck",
        "Keys still kept as files beside the token {token}: {keys}",
    ),
    QT_TRANSLATE_NOOP(
        "selfcheck",
        "Import them with counter-app keys import-secrets, then move the files to the backup.",
    ),
    QT_TRANSLATE_NOOP(
        "selfcheck",
        "Every key of this counter is in the security module's token {token}.",
    ),
    QT_TRANSLATE_NOOP(
        "selfcheck",
        "The audit trail's chain is intact ({events} events), but the statistics' hourly "
        "counts differ from it for {count} hours (UTC), from {first}.",
    ),
    QT_TRANSLATE_NOOP(
        "selfcheck",
        "Do not give the council figures of those hours. Keep the database as it is and call "
        "the system administrator: the counts were changed outside the counter.",
    ),
    QT_TRANSLATE_NOOP("selfcheck", "The check could not run: {error}"),
    QT_TRANSLATE_NOOP(
        "selfcheck",
        "Run the self-check again; if it fails again, call the system administrator.",
    ),
)

VERDICTS = {
    Verdict.OK: QT_TRANSLATE_NOOP("selfcheck", "OK"),
    Verdict.WARNING: QT_TRANSLATE_NOOP("selfcheck", "Warning"),
    Verdict.FAIL: QT_TRANSLATE_NOOP("selfcheck", "Fail"),
}


def translate(text: str) -> str:
    """One of the self-check's English texts in the current language."""
    return QCoreApplication.translate(CONTEXT, text)


def verdict_text(verdict: Verdict) -> str:
    """The verdict in words."""
    return translate(str(VERDICTS[verdict]))


def result_texts(result: CheckResult) -> tuple[str, str, str]:
    """(title, what was found, what to do), translated, with the values filled in."""
    finding = result.finding
    said = translate(finding.said).format(**finding.values)
    todo = translate(finding.todo).format(**finding.values) if finding.todo else ""
    return translate(result.title), said, todo
