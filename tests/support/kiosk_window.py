"""The kiosk window on the training register, shared by the kiosk tests (UI and end to end).

A card issued at the training counter to the first training resident (optionally with the
facility reservation service put on it by the training applet administrator), the kiosk window
over a reader, and what a test reads of it: every text it holds, whether the worker still holds
a resident's session, and the steps a resident takes (card in, a service, the PIN).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from counter_app import training
from counter_app.card.readers import ReaderBackend
from counter_app.config import Configuration
from counter_app.records import Role
from counter_app.workflows.base import context_from_config
from counter_app.workflows.card_services import CONSENT_TEXT_VERSION, ServiceDesk
from counter_app.workflows.certificate_kiosk import CERTIFICATE_SERVICE, KioskPrinter
from counter_app.workflows.common import IdentityDocument
from counter_app.workflows.facility_reservation import ReservationDesk
from counter_app.workflows.issuance import IssuanceRequest, IssuanceWorkflow
from tests.support.card_fixtures import Card, manufacture
from ui import i18n
from ui.kiosk_window import MENU, PIN, WAITING, KioskWindow, build_kiosk

CARD_PIN = "4826"
PERSON = training.TRAINING_RESIDENTS[0]
FAMILY, GIVEN = PERSON.name.split("\u3000")
FACILITY_MEMBER = "F-1001"


def issue_training_card(
    home: Path, folder: Path, *, facility: bool = False, certificate: bool = True
) -> Card:
    """A card issued at the training counter to PERSON, out of its reader, with the services
    put on it as the applet administrator does at the counter: the certificate kiosk service
    (unless not `certificate`) and, with `facility`, the facility reservation service."""
    config = Configuration(data_dir=home)
    register = training.open_register(config)
    try:
        info = training.load_training_info(config)
        assert info is not None
        clerk = info.operator(Role.ISSUING_CLERK)
        assert clerk is not None
        session = register.operators.login_with_password(clerk.login, clerk.password)
        hits = register.access(session, "card-issuance").search(PERSON.birth_date.isoformat())
        (hit,) = hits.hits
        ctx = context_from_config(config, register, session)
        made = manufacture(ctx.issuer, folder / "card.json")
        request = IssuanceRequest(hit.id, (IdentityDocument.PASSPORT,), CARD_PIN)
        IssuanceWorkflow(ctx, request, made.reader.connect).run()
        admin = info.operator(Role.APPLET_ADMIN)
        assert admin is not None
        applets = register.operators.login_with_password(admin.login, admin.password)
        desk = ServiceDesk(context_from_config(config, register, applets), made.connection)
        if certificate:
            desk.install(CERTIFICATE_SERVICE, consent_version=CONSENT_TEXT_VERSION)
        if facility:
            desk.install(
                "facility", consent_version=CONSENT_TEXT_VERSION, member_number=FACILITY_MEMBER
            )
    finally:
        register.close()
    made.reader.remove()
    return made


def app() -> QApplication:
    instance = QApplication.instance()
    assert isinstance(instance, QApplication)
    return instance


@contextmanager
def kiosk_window(
    qtbot: QtBot,
    config: Configuration,
    backend: Callable[[], ReaderBackend],
    printer: KioskPrinter | None = None,
) -> Iterator[KioskWindow]:
    """The kiosk window in Japanese, open (not full screen) until the block ends."""
    i18n.Translations(app()).set_language("ja")
    window = build_kiosk(config, backend, printer=printer, full_screen=False)
    qtbot.addWidget(window)
    try:
        window.open()
        qtbot.waitUntil(lambda: window.info is not None, timeout=60000)
        yield window
    finally:
        window.close()
        i18n.Translations(app()).set_language(i18n.SOURCE_LANGUAGE)


def shown_texts(window: QWidget) -> list[str]:
    """Every text any widget of the window holds (shown or not)."""
    texts = [window.windowTitle()]
    for widget in window.findChildren(QWidget):
        if isinstance(widget, (QLabel, QAbstractButton, QLineEdit)):
            texts.append(widget.text())
    return texts


def desk_has_session(qtbot: QtBot, window: KioskWindow) -> bool:
    """Whether the worker still holds a resident's session (asked on the worker thread)."""
    answers: list[bool] = []
    window.worker.submit(lambda desk: desk.has_session, answers.append)
    qtbot.waitUntil(lambda: bool(answers), timeout=10000)
    return answers[0]


def choose_service(qtbot: QtBot, window: KioskWindow, number: int, *, touch: bool) -> None:
    """On the services menu: the `number`th service (1: 住民票の写し, 2: 施設の予約)."""
    qtbot.waitUntil(lambda: window.stack.currentIndex() == MENU, timeout=10000)
    if touch:
        qtbot.mouseClick(window.menu_buttons[number - 1], Qt.MouseButton.LeftButton)
    else:
        qtbot.keyClick(window, Qt.Key.Key_0 + number)
    qtbot.waitUntil(lambda: window.stack.currentIndex() == PIN, timeout=10000)


def type_pin(qtbot: QtBot, window: KioskWindow, pin: str = CARD_PIN) -> None:
    qtbot.keyClicks(window.pin_field, pin)
    qtbot.keyClick(window.pin_field, Qt.Key.Key_Return)


def wait_waiting(qtbot: QtBot, window: KioskWindow) -> None:
    qtbot.waitUntil(lambda: window.stack.currentIndex() == WAITING, timeout=10000)


def book_directly(home: Path, person_index: int, facility: str, starts_at: dt.datetime) -> None:
    """Book a slot for training resident `person_index` from another kiosk, behind the window's
    back (0: the card's own resident; 1: someone else)."""
    config = Configuration(data_dir=home)
    register = training.open_register(config)
    try:
        info = training.load_training_info(config)
        assert info is not None
        clerk = info.operator(Role.ISSUING_CLERK)
        assert clerk is not None
        session = register.operators.login_with_password(clerk.login, clerk.password)
        person = training.TRAINING_RESIDENTS[person_index]
        hits = register.access(session, "card-issuance").search(person.birth_date.isoformat())
        family = person.name.split("\u3000")[0]
        (hit,) = [h for h in hits.hits if h.family_name == family]
        (found,) = [f for f in register.reservations.facilities() if f.name == facility]
        ReservationDesk.at_kiosk(register, "other-kiosk", hit.id).reserve(found.id, starts_at)
    finally:
        register.close()
