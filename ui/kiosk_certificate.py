"""The certificate flow of the kiosk (自動交付機): choice, fee, print, take the card.

After the PIN: the greeting, 本人のみ / 世帯全員 (large buttons or the keys 1 and 2), copies
with − and + (or the arrow keys), the fee, 印刷する (Enter) and やめる (Esc). After printing the
frame forgets the resident and asks for the card back.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from counter_app.workflows.certificate_kiosk import MAX_COPIES, Issued, Scope
from ui.kiosk_desk import KioskDesk, Opened
from ui.kiosk_frame import DeskJob, KioskFlow, KioskFrame
from ui.kiosk_parts import big_button, big_label


class CertificateFlow(KioskFlow):
    """住民票の写し at the kiosk."""

    prints = True

    def __init__(self, frame: KioskFrame) -> None:
        super().__init__(frame)
        self.scope = Scope.SELF
        self.copies = 1
        self.issued: Issued | None = None
        self.page = QWidget()
        layout = QVBoxLayout(self.page)
        self.greeting = big_label(24)
        self.choice_prompt = big_label(20)
        scopes = QHBoxLayout()
        self.scope_group = QButtonGroup(self)
        self.self_button = big_button()
        self.household_button = big_button()
        for button, scope in (
            (self.self_button, Scope.SELF),
            (self.household_button, Scope.HOUSEHOLD),
        ):
            button.setCheckable(True)
            button.clicked.connect(functools.partial(self._set_scope, scope))
            self.scope_group.addButton(button)
            scopes.addWidget(button)
        copies = QHBoxLayout()
        self.fewer = big_button("−")
        self.more = big_button("+")
        self.fewer.clicked.connect(functools.partial(self._change_copies, -1))
        self.more.clicked.connect(functools.partial(self._change_copies, 1))
        self.copies_label = big_label(24)
        copies.addWidget(self.fewer)
        copies.addWidget(self.copies_label)
        copies.addWidget(self.more)
        self.fee_label = big_label(26)
        self.confirm = big_button()
        self.confirm.clicked.connect(self._confirm)
        self.cancel = big_button()
        self.cancel.clicked.connect(frame.quit_session)
        actions = QHBoxLayout()
        actions.addWidget(self.cancel)
        actions.addWidget(self.confirm)
        for part in (self.greeting, self.choice_prompt):
            layout.addWidget(part)
        layout.addLayout(scopes)
        layout.addLayout(copies)
        layout.addWidget(self.fee_label)
        layout.addLayout(actions)

    def menu_text(self) -> str:
        return self.tr("Copy of the resident record")

    def pages(self) -> Sequence[QWidget]:
        return (self.page,)

    def retranslate(self) -> None:
        self.choice_prompt.setText(self.tr("Copy of the resident record: for whom?"))
        self.self_button.setText(self.tr("Yourself only"))
        self.household_button.setText(self.tr("Whole household"))
        self.confirm.setText(self.tr("Print"))
        self.cancel.setText(self.tr("Cancel"))
        self._show_copies()

    def busy_buttons(self) -> Sequence[QPushButton]:
        return (self.confirm, self.cancel)

    def open_job(self, reader: str, pin: str, *, confirm_last_try: bool) -> DeskJob:
        return lambda desk: desk.open(reader, pin, confirm_last_try=confirm_last_try)

    def start(self, opened: object) -> None:
        assert isinstance(opened, Opened)
        self.greeting.setText(self.tr("Hello, %1.").replace("%1", opened.name))
        self.scope = Scope.SELF
        self.copies = 1
        self.self_button.setChecked(True)
        self._show_copies()
        self.frame.show_page(self.page, self.self_button)

    def clear(self) -> None:
        self.greeting.clear()
        self.copies = 1
        self.scope = Scope.SELF
        self.self_button.setChecked(True)
        self._show_copies()

    # -- choice ---------------------------------------------------------------------------------

    def _set_scope(self, scope: Scope) -> None:
        self.scope = scope

    def _change_copies(self, step: int) -> None:
        self.copies = max(1, min(MAX_COPIES, self.copies + step))
        self._show_copies()

    def _show_copies(self) -> None:
        info = self.frame.info
        self.copies_label.setText(self.tr("%1 copies").replace("%1", str(self.copies)))
        fee = (info.fee_per_copy_yen if info else 0) * self.copies
        self.fee_label.setText(self.tr("Fee: %1 yen").replace("%1", f"{fee:,}"))
        self.fewer.setEnabled(self.copies > 1)
        self.more.setEnabled(self.copies < MAX_COPIES)

    def _confirm(self) -> None:
        frame = self.frame
        if frame.busy or frame.stack.currentWidget() is not self.page:
            return
        scope, copies = self.scope, self.copies
        frame.clear()
        frame.show_message(self.tr("Printing…"), "")
        frame.submit(lambda desk: KioskDesk.issue(desk, scope, copies), self._on_printed)

    def _on_printed(self, issued: object) -> None:
        assert isinstance(issued, Issued)
        self.issued = issued
        info = self.frame.info
        done = (
            self.tr("Your certificate has been printed. Please take it.")
            if info is None or info.prints
            else self.tr("Training: the certificate was made but not printed or kept.")
        )
        self.frame.finish(done)

    def key_press(self, key: int) -> bool:
        if self.frame.stack.currentWidget() is not self.page:
            return False
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Plus, Qt.Key.Key_Right):
            self._change_copies(1)
        elif key in (Qt.Key.Key_Down, Qt.Key.Key_Minus, Qt.Key.Key_Left):
            self._change_copies(-1)
        elif key == Qt.Key.Key_1:
            self.self_button.click()
        elif key == Qt.Key.Key_2:
            self.household_button.click()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            focused = self.frame.focusWidget()
            if focused in (self.cancel, self.fewer, self.more):
                assert isinstance(focused, QPushButton)
                focused.click()  # Enter presses the button the keyboard is on
            else:
                self._confirm()
        elif key == Qt.Key.Key_Escape:
            self.frame.quit_session()
        else:
            return False
        return True
