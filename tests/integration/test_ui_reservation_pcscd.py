"""The reservation counter behind pcscd: a resident whose card in vpcd carries the facility
service reserves a court at the counter page, the card read through PC/SC."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from counter_app.card.issuer_keys import load_or_create_issuer
from counter_app.card.scp03 import diversify_keys
from counter_app.card_service.pcscd_service import InsertedCard
from counter_app.records import Role
from counter_app.virtual_card.card import VirtualCard
from counter_app.virtual_card.vpcd import CardLike
from tests.support.counter_window import PERSON, issue_on_blank_card, log_in, open_logged_in, press
from tests.support.reservation_window import (
    COURT,
    MEMBER,
    next_weekday,
    open_card,
    reservation_page,
    rows,
    select_slot,
    show_day,
    slot_row,
)
from tests.support.services_window import install_service
from ui import i18n
from ui.pages.card_services_page import CardServicesPage


@pytest.mark.pcscd
def test_a_resident_reserves_a_court_with_the_card_in_vpcd(
    qtbot: QtBot,
    tmp_path: Path,
    empty_home: Path,
    insert_card: Callable[[CardLike], InsertedCard],
) -> None:
    from counter_app.card.pcsc import PcscBackend

    issuer = load_or_create_issuer(empty_home)
    serial = os.urandom(8)
    keys = diversify_keys(issuer.channel_master_key, serial)
    slot = insert_card(VirtualCard.manufacture(tmp_path / "blank.json", keys, serial))
    window = open_logged_in(qtbot, tmp_path, lambda: PcscBackend(only=slot.reader))
    try:
        qtbot.waitUntil(lambda: window.reader_list.current_reader() == slot.reader, timeout=20000)
        assert not window.virtual_backend
        issue_on_blank_card(qtbot, window)
        press(qtbot, window, Qt.Key.Key_L)  # the applet administrator puts the service on
        qtbot.waitUntil(lambda: window.stack.currentIndex() == 0, timeout=10000)
        log_in(qtbot, window, Role.APPLET_ADMIN)
        qtbot.waitUntil(lambda: "card_services" in window.pages, timeout=10000)
        services = window.pages["card_services"]
        assert isinstance(services, CardServicesPage)
        qtbot.waitUntil(lambda: services.listing is not None, timeout=20000)
        install_service(qtbot, window, services, "facility", MEMBER)

        page = reservation_page(qtbot, window)  # Ctrl+0
        open_card(qtbot, window, page)
        assert PERSON.name in page.resident_label.text()
        day = next_weekday(3, weeks_ahead=2)  # a Thursday two weeks on
        show_day(qtbot, page, COURT, day)
        select_slot(qtbot, page, 18)
        qtbot.keyClick(page.day_view.slots, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: page.bookings.rowCount() == 1, timeout=20000)
        [booking] = rows(page)
        assert booking[:3] == [COURT, day.isoformat(), "18:00–19:00"]
        qtbot.waitUntil(lambda: slot_row(page, 18)[1] == "Booked by this resident", timeout=20000)
        ctx = window.services.context if window.services else None
        assert ctx is not None
        [held] = ctx.register.reservations.reservations_of(page.holder.resident_id)  # type: ignore[union-attr]
        assert (held.id, held.starts_at) == (int(booking[3]), dt.datetime.combine(day, dt.time(18)))
    finally:
        window.close()
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        i18n.Translations(app).set_language(i18n.SOURCE_LANGUAGE)
