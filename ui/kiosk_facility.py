"""The facility reservation flow of the kiosk (施設の予約): reserve and cancel with the card.

After the PIN opened the card's facility service: the facilities as large buttons (keys 1-9),
the resident's reservations (key 0) and 終わる (Esc). A facility's day: today first, 前の日 /
次の日 (or the left and right arrow keys), its slots as large buttons — free ones bookable,
the resident's own marked, every other booking only "booked" (the kiosk never learns whose).
A slot asks for confirmation before it is booked; a slot someone else took first is said in
words with the next free times as buttons that book at once. The resident's reservations each
have a cancel button until the facility's deadline; after it the kiosk says to ask at the
counter. Refusals (the limit per resident, a time already begun) are shown in words. Up and
down (and Tab) move between buttons, Enter presses the one the keyboard is on.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter_app.records import ReservationInfo, Slot
from counter_app.records.errors import ReservationError, SlotTakenError
from counter_app.workflows.facility_reservation import offered_slots
from ui.errors import error_texts
from ui.kiosk_facility_desk import Booking, DayView, FacilityOpened
from ui.kiosk_frame import DeskJob, KioskFlow, KioskFrame
from ui.kiosk_parts import big_button, big_label

SLOT_COLUMNS = 4
MINE_STYLE = "QPushButton { background: #d6e6ff; color: #0b3d91; font-weight: bold; }"
ONE_DAY = dt.timedelta(days=1)


def _clear_layout(layout: QLayout) -> None:
    """Delete every widget of `layout` (rows of a resident's slots or reservations)."""
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget() if item is not None else None
        if widget is not None:
            widget.hide()
            widget.setParent(None)  # out of the window at once, deleted when Qt is ready
            widget.deleteLater()


class FacilityFlow(KioskFlow):
    """施設の予約 at the kiosk."""

    def __init__(self, frame: KioskFrame) -> None:
        super().__init__(frame)
        self.opened: FacilityOpened | None = None
        self.view: DayView | None = None
        self.chosen: Slot | None = None
        self.facility_buttons: list[QPushButton] = []
        self.slot_buttons: list[tuple[Slot, QPushButton]] = []
        self.offer_buttons: list[QPushButton] = []
        self.booking_rows: list[tuple[Booking, QLabel, QPushButton | None]] = []
        self._build_home()
        self._build_day()
        self._build_confirm()
        self._build_mine()

    # -- pages ----------------------------------------------------------------------------------

    def _build_home(self) -> None:
        self.home = QWidget()
        layout = QVBoxLayout(self.home)
        self.home_prompt = big_label(26)
        self.home_notice = big_label(20)
        self.facility_list = QVBoxLayout()
        self.mine_button = big_button()
        self.mine_button.clicked.connect(lambda: self.show_bookings())
        self.done_button = big_button()
        self.done_button.clicked.connect(self._finish)
        layout.addWidget(self.home_prompt)
        layout.addWidget(self.home_notice)
        layout.addLayout(self.facility_list)
        layout.addStretch()
        actions = QHBoxLayout()
        actions.addWidget(self.mine_button)
        actions.addWidget(self.done_button)
        layout.addLayout(actions)

    def _build_day(self) -> None:
        self.day_page = QWidget()
        layout = QVBoxLayout(self.day_page)
        self.day_title = big_label(24)
        days = QHBoxLayout()
        self.previous_day = big_button()
        self.previous_day.clicked.connect(functools.partial(self._step_day, -1))
        self.next_day = big_button()
        self.next_day.clicked.connect(functools.partial(self._step_day, 1))
        days.addWidget(self.previous_day)
        days.addWidget(self.day_title, 1)
        days.addWidget(self.next_day)
        self.day_notice = big_label(18)
        self.slot_grid = QGridLayout()
        self.day_back = big_button()
        self.day_back.clicked.connect(self._back_home)
        layout.addLayout(days)
        layout.addWidget(self.day_notice)
        layout.addLayout(self.slot_grid)
        layout.addStretch()
        layout.addWidget(self.day_back)

    def _build_confirm(self) -> None:
        self.confirm_page = QWidget()
        layout = QVBoxLayout(self.confirm_page)
        self.confirm_text = big_label(26)
        self.confirm_notice = big_label(20)
        self.offer_row = QHBoxLayout()
        self.confirm_back = big_button()
        self.confirm_back.clicked.connect(self._back_to_day)
        self.reserve_button = big_button()
        self.reserve_button.clicked.connect(self._reserve_chosen)
        actions = QHBoxLayout()
        actions.addWidget(self.confirm_back)
        actions.addWidget(self.reserve_button)
        layout.addStretch()
        layout.addWidget(self.confirm_text)
        layout.addWidget(self.confirm_notice)
        layout.addLayout(self.offer_row)
        layout.addStretch()
        layout.addLayout(actions)

    def _build_mine(self) -> None:
        self.mine_page = QWidget()
        layout = QVBoxLayout(self.mine_page)
        self.mine_title = big_label(26)
        self.mine_notice = big_label(20)
        self.booking_list = QGridLayout()
        self.mine_back = big_button()
        self.mine_back.clicked.connect(self._back_home)
        layout.addWidget(self.mine_title)
        layout.addWidget(self.mine_notice)
        layout.addLayout(self.booking_list)
        layout.addStretch()
        layout.addWidget(self.mine_back)

    def menu_text(self) -> str:
        return self.tr("Reserve a facility")

    def pages(self) -> Sequence[QWidget]:
        return (self.home, self.day_page, self.confirm_page, self.mine_page)

    def retranslate(self) -> None:
        self.home_prompt.setText(self.tr("Facility reservations: choose a facility."))
        self.mine_button.setText(self.tr("0  Your reservations"))
        self.done_button.setText(self.tr("Finish"))
        self.previous_day.setText(self.tr("◀ Previous day"))
        self.next_day.setText(self.tr("Next day ▶"))
        self.day_back.setText(self.tr("Back"))
        self.confirm_back.setText(self.tr("Back"))
        self.reserve_button.setText(self.tr("Reserve"))
        self.mine_title.setText(self.tr("Your reservations"))
        self.mine_back.setText(self.tr("Back"))

    def busy_buttons(self) -> Sequence[QPushButton]:
        return (self.reserve_button, self.mine_button)

    # -- words ----------------------------------------------------------------------------------

    def day_text(self, day: dt.date) -> str:
        weekdays = (
            self.tr("Mon"), self.tr("Tue"), self.tr("Wed"), self.tr("Thu"),
            self.tr("Fri"), self.tr("Sat"), self.tr("Sun"),
        )  # fmt: skip
        return (
            self.tr("%1/%2 (%3)")
            .replace("%1", str(day.month))
            .replace("%2", str(day.day))
            .replace("%3", weekdays[day.weekday()])
        )

    def span_text(self, starts: dt.datetime, ends: dt.datetime) -> str:
        return f"{self.day_text(starts.date())} {starts:%H:%M}–{ends:%H:%M}"

    def _slot_text(self, view: DayView, slot: Slot) -> str:
        times = f"{slot.starts_at:%H:%M}–{slot.ends_at:%H:%M}"
        if slot.mine:
            return self.tr("%1\nyours").replace("%1", times)
        if not slot.free:
            return self.tr("%1\nbooked").replace("%1", times)
        if not view.bookable(slot):
            return self.tr("%1\nclosed").replace("%1", times)
        return self.tr("%1\nfree").replace("%1", times)

    # -- session --------------------------------------------------------------------------------

    def open_job(self, reader: str, pin: str, *, confirm_last_try: bool) -> DeskJob:
        return lambda desk: desk.open_facility(reader, pin, confirm_last_try=confirm_last_try)

    def start(self, opened: object) -> None:
        assert isinstance(opened, FacilityOpened)
        self.opened = opened
        _clear_layout(self.facility_list)
        self.facility_buttons = []
        for number, facility in enumerate(opened.facilities[:9], start=1):
            button = big_button(f"{number}  {facility.name}")
            button.clicked.connect(functools.partial(self._show_day, facility.id, opened.today))
            self.facility_list.addWidget(button)
            button.show()
            self.facility_buttons.append(button)
        self.home_notice.clear()
        self._back_home()

    def clear(self) -> None:
        self.opened = None
        self.view = None
        self.chosen = None
        for notice in (self.home_notice, self.day_notice, self.confirm_notice, self.mine_notice):
            notice.clear()
        self.confirm_text.clear()
        self.day_title.clear()
        for layout in (self.facility_list, self.slot_grid, self.offer_row, self.booking_list):
            _clear_layout(layout)
        self.facility_buttons = []
        self.slot_buttons = []
        self.offer_buttons = []
        self.booking_rows = []

    def _finish(self) -> None:
        if not self.frame.busy:
            self.frame.finish(self.tr("Thank you. Your reservations are kept."))

    def _back_home(self) -> None:
        focus = self.facility_buttons[0] if self.facility_buttons else self.done_button
        self.frame.show_page(self.home, focus)

    # -- a day ----------------------------------------------------------------------------------

    def _show_day(self, facility_id: int, day: dt.date, notice: str = "") -> None:
        if self.frame.busy or self.opened is None:
            return
        self.frame.submit(
            lambda desk: desk.facility().day(facility_id, day),
            functools.partial(self._on_day, notice),
            self._refused_on(self.home_notice),
        )

    def _step_day(self, step: int) -> None:
        view = self.view
        if view is None or self.opened is None:
            return
        day = view.day + step * ONE_DAY
        if day < self.opened.today:
            return  # the past holds nothing to book
        self._show_day(view.facility.id, day)

    def _on_day(self, notice: str, view: object) -> None:
        assert isinstance(view, DayView)
        if self.opened is None:
            return  # the screen was cleared meanwhile
        self.view = view
        self.day_title.setText(f"{view.facility.name}\n{self.day_text(view.day)}")
        self.previous_day.setEnabled(view.day > self.opened.today)
        _clear_layout(self.slot_grid)
        self.slot_buttons = []
        first: QPushButton | None = None
        for index, slot in enumerate(view.slots):
            button = big_button(self._slot_text(view, slot))
            button.setEnabled(view.bookable(slot))
            if slot.mine:
                button.setStyleSheet(MINE_STYLE)
            button.clicked.connect(functools.partial(self._choose_slot, slot))
            row, column = divmod(index, SLOT_COLUMNS)
            self.slot_grid.addWidget(button, row, column)
            button.show()  # now, not when the layout gets to it: the keyboard goes to one
            self.slot_buttons.append((slot, button))
            if first is None and button.isEnabled():
                first = button
        if not view.slots:
            notice = notice or self.tr("The facility is closed on this day.")
        self.day_notice.setText(notice)
        self.frame.show_page(self.day_page, first or self.next_day)

    def _back_to_day(self) -> None:
        focus = next((b for _s, b in self.slot_buttons if b.isEnabled()), self.next_day)
        self.frame.show_page(self.day_page, focus)

    # -- booking --------------------------------------------------------------------------------

    def _choose_slot(self, slot: Slot) -> None:
        view = self.view
        if view is None or self.frame.busy:
            return
        self.chosen = slot
        self.confirm_text.setText(
            self.tr("Reserve %1 on %2?")
            .replace("%1", view.facility.name)
            .replace("%2", self.span_text(slot.starts_at, slot.ends_at))
        )
        self.confirm_notice.clear()
        _clear_layout(self.offer_row)
        self.offer_buttons = []
        self.reserve_button.show()
        self.frame.show_page(self.confirm_page, self.reserve_button)

    def _reserve_chosen(self) -> None:
        if self.chosen is not None:
            self._reserve(self.chosen.starts_at)

    def _reserve(self, starts_at: dt.datetime) -> None:
        view = self.view
        if view is None or self.frame.busy:
            return
        facility_id = view.facility.id
        self.frame.submit(
            lambda desk: desk.facility().reserve(facility_id, starts_at),
            self._on_reserved,
            self._on_reserve_refused,
        )

    def _on_reserved(self, made: object) -> None:
        assert isinstance(made, ReservationInfo)
        view = self.view
        if view is None:
            return
        said = self.tr("Reserved: %1, %2.").replace("%1", view.facility.name)
        self.home_notice.setText(said.replace("%2", self.span_text(made.starts_at, made.ends_at)))
        self._back_home()

    def _on_reserve_refused(self, exc: BaseException) -> None:
        if not isinstance(exc, ReservationError):
            self.frame.show_error(exc)
            return
        what, todo = error_texts(exc)
        self.confirm_notice.setText(f"{what}\n{todo}")
        self.reserve_button.hide()
        _clear_layout(self.offer_row)
        self.offer_buttons = []
        if isinstance(exc, SlotTakenError):
            for starts, ends in offered_slots(exc):
                button = big_button(self.span_text(starts, ends))
                button.clicked.connect(functools.partial(self._reserve, starts))
                self.offer_row.addWidget(button)
                button.show()
                self.offer_buttons.append(button)
        focus = self.offer_buttons[0] if self.offer_buttons else self.confirm_back
        self.frame.show_page(self.confirm_page, focus)

    # -- the resident's reservations ------------------------------------------------------------

    def show_bookings(self, notice: str = "") -> None:
        if self.frame.busy or self.opened is None:
            return
        self.frame.submit(
            lambda desk: desk.facility().bookings(),
            functools.partial(self._on_bookings, notice),
            self._refused_on(self.home_notice),
        )

    def _on_bookings(self, notice: str, bookings: object) -> None:
        assert isinstance(bookings, tuple)
        if self.opened is None:
            return
        _clear_layout(self.booking_list)
        self.booking_rows = []
        for row, booking in enumerate(bookings):
            assert isinstance(booking, Booking)
            made = booking.reservation
            label = big_label(20)
            label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            text = f"{booking.facility_name}  {self.span_text(made.starts_at, made.ends_at)}"
            button: QPushButton | None = None
            if booking.cancellable:
                button = big_button(self.tr("Cancel this"))
                button.clicked.connect(functools.partial(self._cancel, made.id))
                self.booking_list.addWidget(button, row, 1)
                button.show()
            else:
                text += "\n" + self.tr(
                    "The deadline for cancelling it here has passed: please ask at the counter."
                )
            label.setText(text)
            self.booking_list.addWidget(label, row, 0)
            self.booking_rows.append((booking, label, button))
        if not bookings:
            notice = notice or self.tr("You have no reservations.")
        self.mine_notice.setText(notice)
        focus = next((b for _k, _l, b in self.booking_rows if b is not None), self.mine_back)
        self.frame.show_page(self.mine_page, focus)

    def _cancel(self, reservation_id: int) -> None:
        if self.frame.busy:
            return
        self.frame.submit(
            lambda desk: desk.facility().cancel(reservation_id),
            lambda _made: self.show_bookings(self.tr("The reservation was cancelled.")),
            self._refused_on(self.mine_notice),
        )

    def _refused_on(self, notice: QLabel) -> functools.partial[None]:
        return functools.partial(self._refused, notice)

    def _refused(self, notice: QLabel, exc: BaseException) -> None:
        """A refusal of the register in words on the page; anything else ends the session."""
        if not isinstance(exc, ReservationError):
            self.frame.show_error(exc)
            return
        what, todo = error_texts(exc)
        notice.setText(f"{what}\n{todo}")

    # -- keys -----------------------------------------------------------------------------------

    def key_press(self, key: int) -> bool:
        page = self.frame.stack.currentWidget()
        if page is self.home:
            if Qt.Key.Key_1 <= key < Qt.Key.Key_1 + len(self.facility_buttons):
                self.facility_buttons[key - Qt.Key.Key_1].click()
            elif key == Qt.Key.Key_0:
                self.mine_button.click()
            elif key == Qt.Key.Key_Escape:
                self._finish()
            else:
                return False
            return True
        if page is self.day_page:
            if key == Qt.Key.Key_Left:
                self._step_day(-1)
            elif key == Qt.Key.Key_Right:
                self._step_day(1)
            elif key == Qt.Key.Key_Escape:
                self._back_home()
            else:
                return False
            return True
        if page is self.confirm_page and key == Qt.Key.Key_Escape:
            self._back_to_day()
            return True
        if page is self.mine_page and key == Qt.Key.Key_Escape:
            self._back_home()
            return True
        return False
