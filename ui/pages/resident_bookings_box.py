"""The reservation counter's resident part: the name, their bookings soonest first, and the
cancellation of the selected one (with the clerk's reason after the deadline)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.pages.card_desk import desk_button
from ui.pages.facility_day_view import span_text
from ui.pages.reservation_jobs import ResidentBookings
from ui.row_table import row_table


class ResidentBookingsBox(QGroupBox):
    """The resident whose card is open and their bookings; `cancel` runs on Alt+E or Enter."""

    def __init__(self, cancel: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.holder: ResidentBookings | None = None
        self.resident_label = QLabel()
        self.resident_label.setObjectName("reservationResident")
        self.resident_label.setWordWrap(True)
        self.table_label = QLabel()
        self.table = row_table(4)
        self.table.setObjectName("reservationList")
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table_label.setBuddy(self.table)
        self.reason_label = QLabel()
        self.reason_field = QLineEdit()
        self.reason_field.setObjectName("reservationCancelReason")
        self.reason_label.setBuddy(self.reason_field)
        self.reason_field.returnPressed.connect(cancel)
        self.cancel_button = desk_button("reservationCancel", cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(self.resident_label)
        layout.addWidget(self.table_label)
        layout.addWidget(self.table)
        row = QHBoxLayout()
        row.addWidget(self.reason_label)
        row.addWidget(self.reason_field, 1)
        row.addWidget(self.cancel_button)
        layout.addLayout(row)

    def retranslate(self) -> None:
        """Set the texts in the current language."""
        self.setTitle(self.tr("2. The resident (card and PIN)"))
        self.table_label.setText(self.tr("&Held bookings, soonest first:"))
        self.table.setAccessibleName(self.tr("The resident's bookings"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Facility"), self.tr("Day"), self.tr("Time"), self.tr("Reservation number")]
        )
        self.reason_label.setText(self.tr("E&xplanation for a cancellation after the deadline:"))
        self.reason_field.setAccessibleName(self.tr("Reason for a late cancellation"))
        self.cancel_button.setText(self.tr("Cancel the s&elected booking"))
        self.cancel_button.setAccessibleName(self.cancel_button.text().replace("&", ""))

    def show_holder(
        self, holder: ResidentBookings | None, facility_name: Callable[[int], str]
    ) -> None:
        """The resident and their bookings (none: the day view only); the selection stays."""
        if holder is None:
            text = self.tr("No resident: the day view only. Insert the resident's card.")
        else:
            text = self.tr("{name} — {count} bookings").format(
                name=holder.name, count=len(holder.bookings)
            )
        self.resident_label.setText(text)
        self.resident_label.setAccessibleName(text)
        bookings = holder.bookings if holder is not None else ()
        row = self.table.currentRow()
        self.table.setRowCount(len(bookings))
        for index, booking in enumerate(bookings):
            cells = (
                facility_name(booking.facility_id),
                booking.starts_at.date().isoformat(),
                span_text(booking.starts_at, booking.ends_at),
                str(booking.id),
            )
            for column, cell in enumerate(cells):
                self.table.setItem(index, column, QTableWidgetItem(cell))
        if bookings:
            self.table.selectRow(min(max(row, 0), len(bookings) - 1))
