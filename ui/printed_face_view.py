"""The printed face against the chip, as the comparison found it: one line, then field by field.

The outcome first (matches, or which fields do not), then one line per field with its verdict
and reason, then for each mismatching field the scan's region outlined in red beside the chip's
version of it (its name or address image, its photo, or its value in words). The outline is
drawn here on the straightened scan from the report's regions, so the window needs nothing but
the report and the face data it already read.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QBrush, QColor, QImage, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from counter_app.card.layout import FaceData
from counter_app.card.verification import Verdict
from counter_app.face_scan.report import FaceComparison, FaceField, FieldComparison, Region
from ui.check_texts import verdict_text
from ui.face_texts import face_reason_text, field_title, outcome_text
from ui.retranslating import Retranslating

OUTLINE = QColor(220, 0, 0)
MATCH_STYLE = "QLabel { background: #d7f5d7; color: #0b5d0b; padding: 4px; }"
MISMATCH_STYLE = "QLabel { background: #ffd6d6; color: #7a0000; padding: 4px; }"
VERDICT_COLOURS = {
    Verdict.SUCCEEDED: "#0b5d0b",
    Verdict.FAILED: "#b00000",
    Verdict.UNKNOWN: "#b00000",
}
OVERVIEW_WIDTH = 480  # the whole scan, pixels on screen
DETAIL_HEIGHT = 90  # a mismatching region and the chip's version of it, pixels on screen
PHOTO_HEIGHT = 180
CROP_MARGIN = 0.25  # of the region's width and height, around a region shown on its own
CROP_MARGIN_MIN = 12  # pixels of the scan


def outline_width(image: QImage) -> int:
    """A pen a little thicker on larger scans, so the outline shows when scaled down."""
    return max(2, round(max(image.width(), image.height()) / 300))


def outline_regions(scan: QImage, regions: Iterable[Region]) -> QImage:
    """A copy of `scan` with each region outlined in red."""
    out = scan.convertToFormat(QImage.Format.Format_RGB32)
    painter = QPainter(out)
    try:
        pen = QPen(OUTLINE)
        pen.setWidth(outline_width(out))
        pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
        painter.setPen(pen)
        painter.setBrush(QBrush(Qt.BrushStyle.NoBrush))
        for region in regions:
            painter.drawRect(QRect(region.left, region.top, region.width, region.height))
    finally:
        painter.end()
    return out


def crop_margins(region: Region) -> tuple[int, int]:
    """The margin left and right, and above and below, of a region shown on its own."""
    return (
        max(round(region.width * CROP_MARGIN), CROP_MARGIN_MIN),
        max(round(region.height * CROP_MARGIN), CROP_MARGIN_MIN),
    )


def crop_around(image: QImage, region: Region) -> QImage:
    """The part of `image` around `region`, with a margin, clipped to the image."""
    across, down = crop_margins(region)
    wanted = QRect(
        region.left - across,
        region.top - down,
        region.width + 2 * across,
        region.height + 2 * down,
    )
    return image.copy(wanted.intersected(image.rect()))


def chip_image(face: FaceData | None, face_field: FaceField) -> bytes:
    """The chip's own image of a field (name, address, photo, security code), or b""."""
    if face is None:
        return b""
    images = {
        FaceField.NAME: face.name_image,
        FaceField.ADDRESS: face.address_image,
        FaceField.PHOTO: face.photo,
        FaceField.SECURITY_CODE: face.code_image,
    }
    return images.get(face_field, b"")


class PrintedFaceView(Retranslating, QWidget):
    """Shows a `FaceComparison`; `show_comparison(None, None)` forgets everything shown."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("printedFaceView")
        self.comparison: FaceComparison | None = None
        self.face: FaceData | None = None
        self.outcome = QLabel()
        self.outcome.setObjectName("printedFaceOutcome")
        self.outcome.setWordWrap(True)
        self.fields = QTreeWidget()
        self.fields.setObjectName("printedFaceFields")
        self.fields.setColumnCount(3)
        self.fields.setRootIsDecorated(False)
        self.fields.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.fields.setWordWrap(True)
        self.overview = QLabel()
        self.overview.setObjectName("printedFaceScan")
        self.details = QWidget()
        self.details_grid = QGridLayout(self.details)
        self.details_grid.setContentsMargins(0, 0, 0, 0)
        self.scan_title = QLabel()
        self.chip_title = QLabel()
        self.details_grid.addWidget(self.scan_title, 0, 1)
        self.details_grid.addWidget(self.chip_title, 0, 2)
        self.detail_labels: dict[FaceField, tuple[QLabel, QLabel, QLabel]] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.outcome)
        layout.addWidget(self.fields)
        layout.addWidget(self.overview)
        layout.addWidget(self.details)
        layout.addStretch(1)
        self.retranslate()
        self.show_comparison(None, None)

    def retranslate(self) -> None:
        """Set every text in the current language."""
        self.fields.setHeaderLabels(
            [self.tr("Printed field"), self.tr("Verdict"), self.tr("Reason")]
        )
        self.fields.setAccessibleName(self.tr("Printed face against the chip"))
        self.scan_title.setText(self.tr("On the card (scan)"))
        self.chip_title.setText(self.tr("In the chip"))
        self.overview.setAccessibleName(self.tr("The scanned card face"))
        self._render()

    def show_comparison(self, comparison: FaceComparison | None, face: FaceData | None) -> None:
        """Show `comparison`, with the chip's images from `face`; None hides and forgets it."""
        self.comparison = comparison
        self.face = face
        self._render()

    def _render(self) -> None:
        comparison = self.comparison
        self.fields.clear()
        self._clear_details()
        self.overview.clear()
        self.setVisible(comparison is not None)
        if comparison is None:
            self.outcome.clear()
            self.outcome.setAccessibleName("")
            return
        text = outcome_text(comparison)
        self.outcome.setText(text)
        self.outcome.setAccessibleName(text)
        self.outcome.setStyleSheet(MATCH_STYLE if comparison.matches else MISMATCH_STYLE)
        for field in comparison.fields:
            self.fields.addTopLevelItem(self._field_item(field))
        for column in range(2):
            self.fields.resizeColumnToContents(column)
        rows = self.fields.topLevelItemCount()
        self.fields.setFixedHeight(  # every field at a glance, no empty space below
            self.fields.header().sizeHint().height()
            + (rows + 1) * max(self.fields.sizeHintForRow(0), 1)  # a spare line: no scroll bar
            + 2 * self.fields.frameWidth()
        )
        scan = QImage.fromData(comparison.scan_png) if comparison.scan_png else QImage()
        regions = [f.region for f in comparison.mismatches if f.region is not None]
        if not scan.isNull():
            marked = outline_regions(scan, regions)
            self.overview.setPixmap(QPixmap.fromImage(marked).scaledToWidth(OVERVIEW_WIDTH))
        self.overview.setVisible(not scan.isNull())
        self._show_details(comparison.mismatches, scan)

    @staticmethod
    def _field_item(field: FieldComparison) -> QTreeWidgetItem:
        item = QTreeWidgetItem(
            [field_title(field.field), verdict_text(field.verdict), face_reason_text(field.reason)]
        )
        colour = VERDICT_COLOURS.get(field.verdict)
        if colour is not None:
            item.setForeground(1, QBrush(QColor(colour)))
        return item

    def _clear_details(self) -> None:
        for widgets in self.detail_labels.values():
            for widget in widgets:
                self.details_grid.removeWidget(widget)
                widget.deleteLater()
        self.detail_labels.clear()
        self.details.hide()

    def _show_details(self, mismatches: tuple[FieldComparison, ...], scan: QImage) -> None:
        """Each mismatching field: its title, the scan's region outlined, the chip's version."""
        if not mismatches:
            return
        for row, field in enumerate(mismatches, start=1):
            title = QLabel(field_title(field.field))
            on_card = QLabel()
            on_card.setObjectName(f"printedFaceScan_{field.field.value}")
            in_chip = QLabel()
            in_chip.setObjectName(f"printedFaceChip_{field.field.value}")
            height = PHOTO_HEIGHT if field.field is FaceField.PHOTO else DETAIL_HEIGHT
            if field.region is not None and not scan.isNull():
                marked = outline_regions(scan, [field.region])
                crop = QPixmap.fromImage(crop_around(marked, field.region))
                on_card.setPixmap(crop.scaledToHeight(height))
                on_card.setAccessibleName(
                    self.tr("{field} on the card, outlined in red").format(
                        field=field_title(field.field)
                    )
                )
            else:
                on_card.setText(self.tr("Not found on the scan"))
            self._show_chip_version(in_chip, field, height)
            self.details_grid.addWidget(title, row, 0)
            self.details_grid.addWidget(on_card, row, 1)
            self.details_grid.addWidget(in_chip, row, 2)
            self.detail_labels[field.field] = (title, on_card, in_chip)
        self.details.show()

    def _show_chip_version(self, label: QLabel, field: FieldComparison, height: int) -> None:
        pixmap = QPixmap()
        image = chip_image(self.face, field.field)
        name = field_title(field.field)
        if image and pixmap.loadFromData(image):
            label.setPixmap(pixmap.scaledToHeight(height))
            label.setAccessibleName(self.tr("{field} in the chip").format(field=name))
        elif field.expected:
            text = self.tr("In the chip: {value}").format(value=field.expected)
            label.setText(text)
            label.setAccessibleName(text)
        else:
            label.setText(self.tr("The chip holds no image of it"))
