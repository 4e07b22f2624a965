"""The read-only lists of rows the pages show (loans, slots, bookings, services, operators...)."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QTableWidget


def row_table(columns: int) -> QTableWidget:
    """A list of rows nobody edits in place: one whole row chosen at a time, Tab leaves it for
    the next field (arrows move within it), no row numbers."""
    table = QTableWidget(0, columns)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setTabKeyNavigation(False)
    table.verticalHeader().hide()
    return table
