"""The clerk's day view of a facility: choose the facility and the day, see every slot.

No resident is needed: the table shows each slot's time, whether it is free or booked and, for
a booked slot, its reservation number (never a name). While a resident's card is open the
resident's own bookings are marked. In the day field, the arrow keys step the part of the date
under the cursor and PageUp/PageDown go to the day before/after; today is the default.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QGridLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QTableWidgetItem,
    QWidget,
)

from counter_app.records import FacilityInfo, Slot
from counter_app.records.reservations import LOCAL_TIME
from ui.row_table import row_table


def today() -> dt.date:
    """Today in the municipality's local time."""
    return dt.datetime.now(LOCAL_TIME).date()


def span_text(starts_at: dt.datetime, ends_at: dt.datetime) -> str:
    """A booking's time of day, 10:00–11:00."""
    return f"{starts_at:%H:%M}–{ends_at:%H:%M}"


class DayField(QDateEdit):
    """A date field where PageUp/PageDown go to the day before/after."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """PageUp: the day before; PageDown: the day after; other keys as a date field."""
        steps = {Qt.Key.Key_PageUp: -1, Qt.Key.Key_PageDown: 1}
        step = steps.get(Qt.Key(event.key()))
        if step is None:
            super().keyPressEvent(event)
            return
        self.setDate(self.date().addDays(step))
        event.accept()


class FacilityDayView(QGroupBox):
    """Facility, day and the day's slots; `changed` when the facility or the day changes."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.facilities: list[FacilityInfo] = []
        self.slot_rows: list[Slot] = []
        self.facility_label = QLabel()
        self.facility_choice = QComboBox()
        self.facility_choice.setObjectName("reservationFacility")
        self.facility_label.setBuddy(self.facility_choice)
        self.facility_choice.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.day_label = QLabel()
        self.day_field = DayField()
        self.day_field.setObjectName("reservationDay")
        self.day_field.setCalendarPopup(True)
        self.day_field.setDisplayFormat("yyyy-MM-dd")
        self.day_field.setDate(_qdate(today()))
        self.day_field.setCurrentSection(QDateEdit.Section.DaySection)
        self.day_label.setBuddy(self.day_field)
        self.day_field.dateChanged.connect(lambda _d: self.changed.emit())
        self.day_field.dateChanged.connect(lambda _d: self._show_weekday())
        self.weekday = QLabel()
        self.weekday.setObjectName("reservationWeekday")
        self.slots_label = QLabel()
        self.slots = row_table(3)
        self.slots.setObjectName("reservationSlots")
        self.slots.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.slots_label.setBuddy(self.slots)
        self.day_note = QLabel()
        self.day_note.setObjectName("reservationDayNote")
        self.day_note.hide()
        grid = QGridLayout(self)
        grid.addWidget(self.facility_label, 0, 0)
        grid.addWidget(self.facility_choice, 0, 1)
        grid.addWidget(self.day_label, 0, 2)
        grid.addWidget(self.day_field, 0, 3)
        grid.addWidget(self.weekday, 0, 4)
        grid.addWidget(self.slots_label, 1, 0, 1, 5)
        grid.addWidget(self.slots, 2, 0, 1, 5)
        grid.addWidget(self.day_note, 3, 0, 1, 5)
        grid.setColumnStretch(1, 1)

    def retranslate(self) -> None:
        """Set the texts in the current language."""
        self.setTitle(self.tr("1. Facility and day"))
        self.facility_label.setText(self.tr("Facilit&y:"))
        self.facility_choice.setAccessibleName(self.tr("Facility"))
        self.day_label.setText(self.tr("&Day:"))
        self.day_field.setAccessibleName(self.tr("Day (PageUp: day before, PageDown: day after)"))
        self.slots_label.setText(self.tr("Ti&me slots:"))
        self.slots.setAccessibleName(self.tr("Time slots"))
        self.slots.setHorizontalHeaderLabels(
            [self.tr("Time"), self.tr("Free or booked"), self.tr("Reservation number")]
        )
        self.show_slots(self.slot_rows)
        self._show_weekday()

    def _show_weekday(self) -> None:
        names = (
            self.tr("Monday"), self.tr("Tuesday"), self.tr("Wednesday"), self.tr("Thursday"),
            self.tr("Friday"), self.tr("Saturday"), self.tr("Sunday"),
        )  # fmt: skip
        self.weekday.setText(names[self.day().weekday()])

    # --- what is chosen --------------------------------------------------------------------

    def set_facilities(self, facilities: list[FacilityInfo]) -> None:
        """The facilities to choose from; the one chosen before stays chosen."""
        chosen = self.facility_id()
        self.facilities = facilities
        self.facility_choice.blockSignals(True)
        self.facility_choice.clear()
        for facility in facilities:
            self.facility_choice.addItem(facility.name, facility.id)
        self.facility_choice.setCurrentIndex(max(self.facility_choice.findData(chosen), 0))
        self.facility_choice.blockSignals(False)

    def facility_id(self) -> int | None:
        """The chosen facility's number."""
        data = self.facility_choice.currentData()
        return data if isinstance(data, int) else None

    def facility(self, facility_id: int) -> FacilityInfo | None:
        """A facility of the list by its number."""
        return next((f for f in self.facilities if f.id == facility_id), None)

    def choose_facility(self, facility_id: int) -> None:
        """Show another facility."""
        self.facility_choice.setCurrentIndex(self.facility_choice.findData(facility_id))

    def day(self) -> dt.date:
        """The chosen day."""
        chosen = self.day_field.date()
        return dt.date(chosen.year(), chosen.month(), chosen.day())

    def set_day(self, day: dt.date) -> None:
        """Show another day."""
        self.day_field.setDate(_qdate(day))

    def selected_slot(self) -> Slot | None:
        """The slot of the selected row."""
        row = self.slots.currentRow()
        return self.slot_rows[row] if 0 <= row < len(self.slot_rows) else None

    def select_start(self, starts_at: dt.datetime) -> None:
        """Select the slot starting at `starts_at` (if the day shows it)."""
        for row, slot in enumerate(self.slot_rows):
            if slot.starts_at == starts_at:
                self.slots.selectRow(row)

    # --- what is shown ---------------------------------------------------------------------

    def show_slots(self, slots: list[Slot]) -> None:
        """The day's slots; the selected row stays where it was."""
        row = self.slots.currentRow()
        self.slot_rows = slots
        self.slots.setRowCount(len(slots))
        for index, slot in enumerate(slots):
            number = str(slot.reservation_id) if slot.reservation_id is not None else ""
            for column, text in enumerate(
                (span_text(slot.starts_at, slot.ends_at), self.state_text(slot), number)
            ):
                self.slots.setItem(index, column, QTableWidgetItem(text))
        if slots:
            self.slots.selectRow(min(max(row, 0), len(slots) - 1))
        closed = not slots and self.facility_id() is not None
        self.day_note.setText(self.tr("Closed on this day.") if closed else "")
        self.day_note.setVisible(closed)

    def state_text(self, slot: Slot) -> str:
        """A slot's state in words."""
        if slot.free:
            return self.tr("Free")
        if slot.mine:
            return self.tr("Booked by this resident")
        return self.tr("Booked")


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)
