"""The printed face compared by the clerk's eye: the chip's images large, and a short checklist.

Without a scan, the chip's name, address and photo images are shown large beside one tick box
per field ("the name printed on the card is the same as the chip's"...). The clerk looks at the
card, ticks with Space what matches, and says so with one of two buttons: every field matches
(Alt+M, only when all are ticked), or the card differs (Alt+D: the fields left unticked are the
ones that do not match). The panel only asks; the page records the answer.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter_app.card.layout import FaceData
from counter_app.face_scan.report import FaceField
from counter_app.workflows.face_by_eye import EYE_FIELDS
from ui.face_texts import checklist_text, field_title
from ui.printed_face_view import MATCH_STYLE, MISMATCH_STYLE, chip_image

TEXT_IMAGE_HEIGHT = 120  # the chip's name and address images, twice their size on the result
TEXT_IMAGE_MAX_WIDTH = 560  # ... but never wider, so the checklist fits beside them at 1280 px
PHOTO_HEIGHT = 320


class FaceByEyePanel(QGroupBox):
    """The chip's images large and the checklist; `decided(matches)` once the clerk answers."""

    decided = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("faceByEye")
        self.face: FaceData | None = None
        self.answered = False
        self.images: dict[FaceField, QLabel] = {}
        self.checks: dict[FaceField, QCheckBox] = {}
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        text_images = QVBoxLayout()
        checklist = QVBoxLayout()
        for face_field in EYE_FIELDS:
            image = QLabel()
            image.setObjectName(f"faceByEyeImage_{face_field.value}")
            self.images[face_field] = image
            if face_field is not FaceField.PHOTO:
                text_images.addWidget(image)
            check = QCheckBox()
            check.setObjectName(f"faceByEyeCheck_{face_field.value}")
            check.toggled.connect(self._render_buttons)
            self.checks[face_field] = check
            checklist.addWidget(check)
        self.match_button = QPushButton()
        self.match_button.setObjectName("faceByEyeMatches")
        self.match_button.clicked.connect(lambda: self._decide(True))
        self.mismatch_button = QPushButton()
        self.mismatch_button.setObjectName("faceByEyeDiffers")
        self.mismatch_button.clicked.connect(lambda: self._decide(False))
        buttons = QHBoxLayout()
        buttons.addWidget(self.match_button)
        buttons.addWidget(self.mismatch_button)
        buttons.addStretch(1)
        checklist.addLayout(buttons)
        self.state = QLabel()
        self.state.setObjectName("faceByEyeState")
        self.state.setWordWrap(True)
        checklist.addWidget(self.state)
        checklist.addStretch(1)
        row = QHBoxLayout()  # the images side by side, the checklist below: fits 1280 px
        row.addLayout(text_images)
        row.addWidget(self.images[FaceField.PHOTO], 0, Qt.AlignmentFlag.AlignTop)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addLayout(row)
        layout.addLayout(checklist)
        self.retranslate()
        self.show_face(None)

    def retranslate(self) -> None:
        """Set every text in the current language (the page calls it with its own)."""
        self.setTitle(self.tr("The printed face, compared by eye"))
        self.hint.setText(
            self.tr(
                "No scan of the card face was given. Compare the card in your hand with the "
                "chip's images: tick with Space what is the same, then say whether it matches."
            )
        )
        for face_field, check in self.checks.items():
            check.setText(checklist_text(face_field))
            check.setAccessibleName(checklist_text(face_field))
        for face_field, image in self.images.items():
            image.setAccessibleName(
                self.tr("{field} in the chip").format(field=field_title(face_field))
            )
        self.match_button.setText(self.tr("&Matches the chip (by eye)"))
        self.match_button.setAccessibleName(self.tr("Matches the chip, compared by eye"))
        self.mismatch_button.setText(self.tr("&Differs from the chip…"))
        self.mismatch_button.setAccessibleName(
            self.tr("Differs from the chip: the fields not ticked do not match")
        )

    # --- what is shown ---------------------------------------------------------------------

    def show_face(self, face: FaceData | None) -> None:
        """Show the chip's images of `face` and an unticked checklist; None hides and forgets."""
        self.face = face
        for face_field, label in self.images.items():
            pixmap = QPixmap()
            data = chip_image(face, face_field)
            shown = bool(data) and pixmap.loadFromData(data)
            if shown:
                label.setPixmap(_large(pixmap, face_field))
            else:
                label.clear()
            label.setVisible(shown)
            check = self.checks[face_field]
            check.blockSignals(True)
            check.setChecked(False)
            check.blockSignals(False)
            check.setVisible(shown)
        self.answered = False
        self.set_state("", matches=True)
        self.setVisible(face is not None and bool(self.compared()))
        self._render_buttons()

    def compared(self) -> tuple[FaceField, ...]:
        """The fields the chip holds an image of, so the clerk compares them."""
        return tuple(f for f in EYE_FIELDS if bool(chip_image(self.face, f)))

    def matching(self) -> tuple[FaceField, ...]:
        """The fields the clerk ticked as the same as the chip's."""
        return tuple(f for f in self.compared() if self.checks[f].isChecked())

    def first_check(self) -> QCheckBox | None:
        """Where the keyboard goes once the verdict is in."""
        shown = self.compared()
        return self.checks[shown[0]] if shown else None

    # --- the answer ------------------------------------------------------------------------

    def _render_buttons(self) -> None:
        all_ticked = len(self.matching()) == len(self.compared())
        self.match_button.setEnabled(not self.answered and all_ticked)
        self.mismatch_button.setEnabled(not self.answered and not all_ticked)
        for check in self.checks.values():
            check.setEnabled(not self.answered)

    def _decide(self, matches: bool) -> None:
        self.answered = True
        self._render_buttons()
        self.decided.emit(matches)

    def reopen(self) -> None:
        """The answer could not be recorded: the clerk may give it again."""
        self.answered = False
        self._render_buttons()
        self.first_check_focus()

    def first_check_focus(self) -> None:
        """The keyboard to the first line of the checklist."""
        check = self.first_check()
        if check is not None:
            check.setFocus()

    def set_state(self, text: str, *, matches: bool) -> None:
        """One line under the buttons: what was recorded (green) or what went wrong (red)."""
        self.state.setText(text)
        self.state.setAccessibleName(text)
        self.state.setStyleSheet(MATCH_STYLE if matches else MISMATCH_STYLE)
        self.state.setVisible(bool(text))


def _large(pixmap: QPixmap, face_field: FaceField) -> QPixmap:
    """The chip's image at its large size: the photo by height; a text image by height, narrowed
    to fit beside the checklist (a long address keeps its proportions)."""
    if face_field is FaceField.PHOTO:
        return pixmap.scaledToHeight(PHOTO_HEIGHT, Qt.TransformationMode.SmoothTransformation)
    bound = QSize(TEXT_IMAGE_MAX_WIDTH, TEXT_IMAGE_HEIGHT)
    return pixmap.scaled(
        bound, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
    )
