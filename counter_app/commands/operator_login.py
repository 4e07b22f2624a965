"""How the headless commands log an operator in: one rule for every command.

The password comes from standard input (with --password-stdin), else from the configured one
(the composition root reads COUNTER_APP_OPERATOR_PASSWORD), else from a prompt on the
terminal. Without a terminal and without either, the command stops with a clear message instead
of a traceback.
"""

from __future__ import annotations

import getpass
import sys
from typing import TYPE_CHECKING

from counter_app.config import PASSWORD_ENV
from counter_app.errors import CounterError

if TYPE_CHECKING:  # the register is imported only by the commands that use it
    from counter_app.records import OperatorSession, Register

__all__ = ["PASSWORD_ENV", "PasswordUnavailableError", "log_in", "login_name", "operator_password"]


class PasswordUnavailableError(CounterError):
    what = "The operator's password was not given."
    todo = (
        "Run the command in a terminal to type the password, or set "
        "COUNTER_APP_OPERATOR_PASSWORD, or use --password-stdin."
    )


def operator_password(
    operator: str, *, configured: str | None = None, password_stdin: bool = False
) -> str:
    """The password by the rule in this module's docstring."""
    if password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    if configured is not None:
        return configured
    if not sys.stdin.isatty():
        raise PasswordUnavailableError("no terminal to prompt on")
    return getpass.getpass(f"password for operator {operator}: ")


def login_name(register: Register, operator: str) -> str:
    """Operators are named by login; a number is taken as the operator id."""
    if operator.isdigit():
        return register.operators.login_of(int(operator))
    return operator


def log_in(
    register: Register,
    operator: str,
    *,
    configured_password: str | None = None,
    password_stdin: bool = False,
) -> OperatorSession:
    """Log `operator` in with a password (the register audits the attempt)."""
    password = operator_password(
        operator, configured=configured_password, password_stdin=password_stdin
    )
    return register.operators.login_with_password(login_name(register, operator), password)
