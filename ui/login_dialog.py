"""The operator login screen: login name and password, checked on the database worker.

After a supervisor registered the operator, reset the password or recovered the account, the
password given works once: the screen then asks for a new password twice (Enter moves on, Enter
again logs in) and the session starts with it.

"Log in with the operator card" (Alt+O) logs in with the operator card in the reader and its
PIN, which the card checks (on the card thread); the register then starts the session by the
card's serial, counting a wrong PIN towards the lock-out like a wrong password.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter_app.card.readers import ReaderBackend
from counter_app.records import OperatorSession, Register, Role
from counter_app.records.errors import PasswordChangeRequiredError
from counter_app.training import TrainingInfo
from counter_app.workflows.operator_card_login import (
    OperatorCardCheck,
    check_operator_card,
    log_in_with_checked_card,
)
from ui.card_thread import CardThread
from ui.db_thread import DbThread
from ui.errors import error_texts
from ui.pin_dialog import PinDialog
from ui.retranslating import Retranslating
from ui.status_bar import ERROR_STYLE, WARNING_STYLE


def _login(login: str, password: str, register: Register) -> OperatorSession:
    return register.operators.login_with_password(login, password)


def _card_login(check: OperatorCardCheck, register: Register) -> OperatorSession:
    return log_in_with_checked_card(register, check)


def _change_and_login(
    login: str, given: str, new_password: str, register: Register
) -> OperatorSession:
    return register.operators.change_password_and_log_in(login, given, new_password)


class LoginPage(Retranslating, QWidget):
    """Asks who is at the counter; emits `logged_in(OperatorSession)` when the register agrees."""

    logged_in = Signal(object)  # OperatorSession

    def __init__(
        self,
        db_thread: DbThread,
        parent: QWidget | None = None,
        *,
        card_thread: CardThread | None = None,
        current_reader: Callable[[], str | None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("loginPage")
        self._db = db_thread
        self._card_thread = card_thread
        self._current_reader = current_reader or (lambda: None)
        self.pin_dialog: PinDialog | None = None
        self.checking = False
        self._notice_text = ""

        self.title = QLabel()
        self.title.setObjectName("loginTitle")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.title.setFont(font)
        self.notice = QLabel()
        self.notice.setObjectName("loginNotice")
        self.notice.setWordWrap(True)
        self.login_label = QLabel()
        self.login_field = QLineEdit()
        self.login_field.setObjectName("loginName")
        self.login_label.setBuddy(self.login_field)
        self.password_label = QLabel()
        self.password_field = QLineEdit()
        self.password_field.setObjectName("loginPassword")
        self.password_field.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_field.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.password_label.setBuddy(self.password_field)
        self.new_label = QLabel()
        self.new_field = self._secret_field("loginNewPassword")
        self.new_label.setBuddy(self.new_field)
        self.again_label = QLabel()
        self.again_field = self._secret_field("loginNewPasswordAgain")
        self.again_label.setBuddy(self.again_field)
        self.new_field.returnPressed.connect(self.again_field.setFocus)
        self.again_field.returnPressed.connect(self.submit)
        self.given_password = ""  # the one-time password, while a new one is being chosen
        self.button = QPushButton()
        self.button.setObjectName("loginButton")
        self.button.setDefault(True)
        self.button.clicked.connect(self.submit)
        self.card_button = QPushButton()
        self.card_button.setObjectName("loginWithCard")
        self.card_button.clicked.connect(self.log_in_with_card)
        self.card_button.setVisible(card_thread is not None)
        self.login_field.returnPressed.connect(self.password_field.setFocus)
        self.password_field.returnPressed.connect(self.submit)
        self.error = QLabel()
        self.error.setObjectName("loginError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.hide()
        self.training: TrainingInfo | None = None
        self.training_box = QLabel()
        self.training_box.setObjectName("trainingLogins")
        self.training_box.setWordWrap(True)
        self.training_box.setTextFormat(Qt.TextFormat.PlainText)
        self.training_box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.training_box.setStyleSheet(WARNING_STYLE.replace("1px 6px", "10px"))
        self.training_box.hide()

        form = QFormLayout()
        form.addRow(self.login_label, self.login_field)
        form.addRow(self.password_label, self.password_field)
        form.addRow(self.new_label, self.new_field)
        form.addRow(self.again_label, self.again_field)
        self.form = form
        box = QWidget()
        box.setMaximumWidth(560)
        inner = QVBoxLayout(box)
        inner.addWidget(self.title)
        inner.addWidget(self.notice)
        inner.addLayout(form)
        inner.addWidget(self.button, 0, Qt.AlignmentFlag.AlignRight)
        inner.addWidget(self.card_button, 0, Qt.AlignmentFlag.AlignRight)
        inner.addWidget(self.error)
        inner.addWidget(self.training_box)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(box, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        QWidget.setTabOrder(self.login_field, self.password_field)
        QWidget.setTabOrder(self.password_field, self.new_field)
        QWidget.setTabOrder(self.new_field, self.again_field)
        QWidget.setTabOrder(self.again_field, self.button)
        QWidget.setTabOrder(self.button, self.card_button)
        self._show_new_password(False)
        self.retranslate()

    @staticmethod
    def _secret_field(name: str) -> QLineEdit:
        field = QLineEdit()
        field.setObjectName(name)
        field.setEchoMode(QLineEdit.EchoMode.Password)
        field.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        return field

    def choosing_password(self) -> bool:
        """True while the operator chooses their own password after a one-time one."""
        return bool(self.given_password)

    def _show_new_password(self, shown: bool) -> None:
        for row in (self.new_field, self.again_field):
            self.form.setRowVisible(row, shown)
        self.form.setRowVisible(self.password_field, not shown)
        self.login_field.setReadOnly(shown)

    def retranslate(self) -> None:
        """Set every text in the current language."""
        self.title.setText(self.tr("Operator login"))
        self.login_label.setText(self.tr("&Login name:"))
        self.password_label.setText(self.tr("&Password:"))
        self.login_field.setAccessibleName(self.tr("Login name"))
        self.password_field.setAccessibleName(self.tr("Password, hidden"))
        self.new_label.setText(self.tr("&New password:"))
        self.again_label.setText(self.tr("New password &again:"))
        self.new_field.setAccessibleName(self.tr("New password, hidden"))
        self.again_field.setAccessibleName(self.tr("New password again, hidden"))
        self.button.setAccessibleName(self.tr("Log in"))
        self.card_button.setText(self.tr("Log in with the &operator card and its PIN…"))
        self._render_button()
        self._render_notice()
        self._render_training()

    def set_training(self, info: TrainingInfo | None) -> None:
        """Show the demo logins of a training register (None: a real register, show nothing)."""
        self.training = info
        self._render_training()

    def role_names(self) -> dict[Role, str]:
        """The operator roles as the counter calls them."""
        return {
            Role.ISSUING_CLERK: self.tr("Issuing clerk"),
            Role.VERIFYING_CLERK: self.tr("Verifying clerk"),
            Role.APPLET_ADMIN: self.tr("Application administrator"),
            Role.LIBRARY_STAFF: self.tr("Library staff"),
            Role.SUPERVISOR: self.tr("Supervisor"),
        }

    def _render_training(self) -> None:
        info = self.training
        if info is None:
            self.training_box.hide()
            return
        roles = self.role_names()
        lines = [
            self.tr("TRAINING REGISTER — invented demo data, not real residents."),
            self.tr("Demo operators (login name / password):"),
        ]
        lines += [
            f"  {roles.get(op.role, op.role.value)}: {op.login} / {op.password}"
            for op in info.operators
        ]
        lines.append(self.tr("Training residents (search by birth date):"))
        for person in info.residents:
            line = f"  {person.name} ({person.kana}) {person.birth_date.isoformat()}"
            if person.licence_proof:
                line += " " + self.tr("returned the licence, proof {proof}").format(
                    proof=person.licence_proof
                )
            lines.append(line)
        clerk = info.operator(Role.ISSUING_CLERK)
        lines += [
            self.tr("To practise issuing a card:"),
            "  1. "
            + self.tr("Log in as the issuing clerk ({login}).").format(
                login=clerk.login if clerk else "—"
            ),
            "  2. " + self.tr("Ctrl+Shift+B inserts a blank training card."),
            "  3. " + self.tr("Search a birth date (e.g. 1985-04-01): Enter, Enter again."),
            "  4. " + self.tr("Tab to an identity document, Space ticks it, then Ctrl+Enter."),
            "  5. " + self.tr("The resident types a 4-digit PIN twice."),
        ]
        text = "\n".join(lines)
        self.training_box.setText(text)
        self.training_box.setAccessibleName(text)
        self.training_box.show()

    def _render_button(self) -> None:
        self.button.setText(self.tr("Checking…") if self.checking else self.tr("&Log in"))

    def set_notice(self, kind: str) -> None:
        """A line above the form: "" none, "idle" the session ended, "logout" logged out."""
        self._notice_text = kind
        self._render_notice()

    def _render_notice(self) -> None:
        texts = {
            "idle": self.tr(
                "The session ended because the counter was left idle. Log in again: the work "
                "in progress is kept for the same operator."
            ),
            "logout": self.tr("Logged out."),
            "new password": self.tr(
                "The password you were given works only once. Choose your own password (at "
                "least 8 characters), type it twice, and press Enter."
            ),
        }
        text = texts.get(self._notice_text, self.tr("Enter your login name and password."))
        self.notice.setText(text)
        self.notice.setAccessibleName(text)

    def reset(self, notice: str = "") -> None:
        """Empty the password and show the form again, focus on the first empty field."""
        self.password_field.clear()
        self._leave_new_password()
        self.error.hide()
        self.set_notice(notice)
        self.focus_first()

    def _leave_new_password(self) -> None:
        if self._notice_text == "new password":
            self.set_notice("")
        self.given_password = ""
        self.new_field.clear()
        self.again_field.clear()
        self._show_new_password(False)

    def focus_first(self) -> None:
        """Focus the login name, or the password when the name is filled in."""
        if self.choosing_password():
            self.new_field.setFocus()
        elif self.login_field.text():
            self.password_field.setFocus()
        else:
            self.login_field.setFocus()

    def submit(self) -> None:
        """Check the login on the database worker; the password field is emptied at once."""
        if self.choosing_password():
            self._submit_new_password()
            return
        login = self.login_field.text().strip()
        password = self.password_field.text()
        if self.checking or not login or not password:
            (self.password_field if login else self.login_field).setFocus()
            return
        self.password_field.clear()
        self._set_checking(True)
        self._db.submit(
            functools.partial(_login, login, password),
            self._done,
            functools.partial(self._failed, password),
        )

    def _submit_new_password(self) -> None:
        new, again = self.new_field.text(), self.again_field.text()
        if self.checking or not new:
            self.new_field.setFocus()
            return
        if not again:
            self.again_field.setFocus()
            return
        self.new_field.clear()
        self.again_field.clear()
        if new != again:
            self._show_error(
                self.tr("The two new passwords are not the same."),
                self.tr("Type the new password twice, exactly the same."),
            )
            self.new_field.setFocus()
            return
        login = self.login_field.text().strip()
        self._set_checking(True)
        self._db.submit(
            functools.partial(_change_and_login, login, self.given_password, new),
            self._done,
            functools.partial(self._failed, self.given_password),
        )

    def _set_checking(self, checking: bool) -> None:
        self.checking = checking
        for widget in (
            self.login_field,
            self.password_field,
            self.new_field,
            self.again_field,
            self.button,
            self.card_button,
        ):
            widget.setEnabled(not checking)
        self._render_button()

    def log_in_with_card(self) -> None:
        """Ask the operator card's PIN, check it on the card, then log in by the card."""
        reader = self._current_reader()
        if self.checking or self._card_thread is None:
            return
        if reader is None:
            self._show_error(
                self.tr("There is no operator card in the reader."),
                self.tr("Put your operator card in the reader, then try again."),
            )
            return
        self._leave_new_password()
        dialog = PinDialog(self, None, operator=True)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        dialog.accepted.connect(functools.partial(self._card_pin_entered, dialog, reader))
        dialog.finished.connect(self._pin_dialog_closed)
        self.pin_dialog = dialog
        dialog.open()

    def _pin_dialog_closed(self) -> None:
        self.pin_dialog = None
        self.activateWindow()  # the keyboard comes back to the login screen
        self.card_button.setFocus()

    def _card_pin_entered(self, dialog: PinDialog, reader: str) -> None:
        card_thread = self._card_thread
        if card_thread is None:
            return
        pin = dialog.take_pin()
        read = card_thread.read_summary

        def check(backend: ReaderBackend) -> OperatorCardCheck:
            connection = backend.connect(reader)
            try:
                return check_operator_card(connection, pin, read=read)
            finally:
                connection.close()

        self._set_checking(True)
        card_thread.submit(check, self._card_checked, functools.partial(self._failed, ""))

    def _card_checked(self, check: OperatorCardCheck) -> None:
        self._db.submit(
            functools.partial(_card_login, check), self._done, functools.partial(self._failed, "")
        )

    def _done(self, session: OperatorSession) -> None:
        self._set_checking(False)
        self.error.hide()
        self._leave_new_password()
        self._render_notice()
        self.logged_in.emit(session)

    def _failed(self, given: str, exc: BaseException) -> None:
        self._set_checking(False)
        what, todo = error_texts(exc)
        self._show_error(what, todo)
        if isinstance(exc, PasswordChangeRequiredError) or (
            self.choosing_password() and isinstance(exc, ValueError)
        ):
            self.given_password = given
            self._show_new_password(True)
            self.set_notice("new password")
            self.new_field.setFocus()
            return
        self._leave_new_password()
        self.password_field.setFocus()

    def _show_error(self, what: str, todo: str) -> None:
        self.error.setText(f"{what}\n{todo}")
        self.error.setAccessibleName(f"{what} {todo}")
        self.error.show()
