"""The photo import: from a file, cropped to 3:4 with a visible guide, handed over as JPEG.

The file is decoded off the GUI thread (a camera file can be large). The crop frame moves with
the arrow keys and grows or shrinks with + and -, so no mouse is needed; what lies outside the
frame is dimmed, and an oval shows where the face should be.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, TypeVar

from PIL import Image, UnidentifiedImageError
from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QKeyEvent, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter_app.workflows import validate_photo
from ui.errors import error_texts
from ui.retranslating import Retranslating
from ui.status_bar import ERROR_STYLE
from ui.ui_errors import PhotoUnreadableError

ASPECT = 3 / 4  # width / height of the card photo
MIN_HEIGHT = 320  # the frame is not shrunk below this many pixels of the original
OUT_WIDTH, OUT_HEIGHT = 300, 400
WORKING_MAX = 1600  # the working copy's longest side
JPEG_QUALITY = 80

T = TypeVar("T")


class Runner(Protocol):
    """Runs `work` (on a worker, or at once) and hands its result or its error on."""

    def __call__(
        self,
        work: Callable[[], T],
        on_done: Callable[[T], object],
        on_error: Callable[[BaseException], object],
        /,
    ) -> object: ...


def run_now(
    work: Callable[[], T],
    on_done: Callable[[T], object],
    on_error: Callable[[BaseException], object],
) -> None:
    """Run `work` here and now (tests, and when no worker is given)."""
    try:
        result = work()
    except Exception as exc:
        on_error(exc)
    else:
        on_done(result)


@dataclass(frozen=True)
class LoadedPhoto:
    """A decoded photo: the working copy (RGB, at most WORKING_MAX) and the original size."""

    rgb: bytes
    size: tuple[int, int]
    original: tuple[int, int]


def default_crop(size: tuple[int, int]) -> tuple[float, float, float, float]:
    """The largest centred 3:4 frame, as fractions of the photo."""
    w, h = size
    cw, ch = min(w, h * ASPECT), min(h, w / ASPECT)
    return ((w - cw) / 2 / w, (h - ch) / 2 / h, cw / w, ch / h)


def load_photo(data: bytes) -> LoadedPhoto:
    """Decode a photo file's bytes; the workflow's rule checks its default crop at once."""
    try:
        image = Image.open(io.BytesIO(data))
        image.load()
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        raise PhotoUnreadableError("not an image") from exc
    original = image.size
    rgb = image.convert("RGB")
    rgb.thumbnail((WORKING_MAX, WORKING_MAX))
    photo = LoadedPhoto(rgb.tobytes(), rgb.size, original)
    validate_photo(crop_to_jpeg(photo, default_crop(photo.size)))  # too small, one colour
    return photo


def crop_to_jpeg(photo: LoadedPhoto, crop: tuple[float, float, float, float]) -> bytes:
    """The crop (x, y, w, h as fractions of the photo) as JPEG, at most 300×400, never enlarged."""
    image = Image.frombytes("RGB", photo.size, photo.rgb)
    w, h = photo.size
    x, y, cw, ch = crop
    box = (round(x * w), round(y * h), round((x + cw) * w), round((y + ch) * h))
    out = image.crop(box)
    if out.width > OUT_WIDTH:
        out = out.resize((OUT_WIDTH, OUT_HEIGHT), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    out.save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True)
    return buffer.getvalue()


class CropView(QWidget):
    """Shows the photo with the 3:4 crop frame; arrows move it, + and - resize it."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("photoCrop")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumSize(QSize(180, 200))
        self.image: QImage | None = None
        self.crop = (0.0, 0.0, 1.0, 1.0)  # fractions of the image
        self.min_fraction = 0.2  # the smallest frame height, as a fraction of the image height

    def set_image(self, image: QImage | None) -> None:
        """Show `image` with the largest centred 3:4 frame."""
        self.image = image
        if image is not None:
            self.crop = default_crop((image.width(), image.height()))
        self.update()
        self.changed.emit()

    def _frame_pixels(self) -> tuple[float, float, float, float]:
        assert self.image is not None
        w, h = self.image.width(), self.image.height()
        x, y, cw, ch = self.crop
        return x * w, y * h, cw * w, ch * h

    def move_frame(self, dx: float, dy: float) -> None:
        """Move the frame by dx, dy pixels of the image, kept inside the image."""
        if self.image is None:
            return
        w, h = self.image.width(), self.image.height()
        x, y, cw, ch = self._frame_pixels()
        x = min(max(0.0, x + dx), w - cw)
        y = min(max(0.0, y + dy), h - ch)
        self.crop = (x / w, y / h, cw / w, ch / h)
        self.update()
        self.changed.emit()

    def scale_frame(self, factor: float) -> None:
        """Grow or shrink the frame about its centre, kept 3:4, inside the image, not too small."""
        if self.image is None:
            return
        w, h = self.image.width(), self.image.height()
        x, y, cw, ch = self._frame_pixels()
        max_h = min(h, w / ASPECT)
        min_h = min(max_h, self.min_fraction * h)
        new_h = min(max(ch * factor, min_h), max_h)
        new_w = new_h * ASPECT
        cx, cy = x + cw / 2, y + ch / 2
        nx = min(max(0.0, cx - new_w / 2), w - new_w)
        ny = min(max(0.0, cy - new_h / 2), h - new_h)
        self.crop = (nx / w, ny / h, new_w / w, new_h / h)
        self.update()
        self.changed.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        step = 10.0 if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else 2.0
        if self.image is not None:
            step *= max(self.image.width(), self.image.height()) / 200
        key = Qt.Key(event.key())
        moves = {
            Qt.Key.Key_Left: (-step, 0.0),
            Qt.Key.Key_Right: (step, 0.0),
            Qt.Key.Key_Up: (0.0, -step),
            Qt.Key.Key_Down: (0.0, step),
        }
        if key in moves:
            self.move_frame(*moves[key])
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.scale_frame(1.05)
        elif key == Qt.Key.Key_Minus:
            self.scale_frame(1 / 1.05)
        else:
            super().keyPressEvent(event)

    def _target(self) -> QRectF:
        assert self.image is not None
        iw, ih = self.image.width(), self.image.height()
        scale = min(self.width() / iw, self.height() / ih)
        w, h = iw * scale, ih * scale
        return QRectF((self.width() - w) / 2, (self.height() - h) / 2, w, h)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#e8e8e8"))
        if self.image is None:
            painter.end()
            return
        target = self._target()
        painter.drawImage(target, self.image)
        x, y, cw, ch = self.crop
        frame = QRectF(
            target.x() + x * target.width(),
            target.y() + y * target.height(),
            cw * target.width(),
            ch * target.height(),
        )
        outside = QPainterPath()
        outside.addRect(target)
        inner = QPainterPath()
        inner.addRect(frame)
        painter.fillPath(outside.subtracted(inner), QColor(0, 0, 0, 140))
        pen = QPen(QColor("#ffcc00") if self.hasFocus() else QColor("#ffffff"), 2)
        painter.setPen(pen)
        painter.drawRect(frame)
        painter.setPen(QPen(QColor(255, 255, 255, 160), 1, Qt.PenStyle.DashLine))
        face = QRectF(
            frame.x() + frame.width() * 0.2,
            frame.y() + frame.height() * 0.12,
            frame.width() * 0.6,
            frame.height() * 0.6,
        )
        painter.drawEllipse(face)
        painter.end()


class PhotoWidget(Retranslating, QWidget):
    """Import a photo file and crop it; `jpeg()` gives the cropped JPEG, None without a photo."""

    photo_changed = Signal()

    def __init__(self, runner: Runner | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("photoWidget")
        self._runner: Runner = runner or run_now
        self.photo: LoadedPhoto | None = None
        self.loading = False

        self.import_button = QPushButton()
        self.import_button.setObjectName("photoImport")
        self.import_button.clicked.connect(self.choose_file)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.error = QLabel()
        self.error.setObjectName("photoError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.hide()
        self.view = CropView()
        self.view.setMinimumSize(QSize(180, 240))
        self.view.changed.connect(self.photo_changed)
        side = QVBoxLayout()
        side.addWidget(self.import_button)
        side.addWidget(self.hint)
        side.addWidget(self.error)
        side.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 1)
        layout.addLayout(side, 1)
        QWidget.setTabOrder(self.import_button, self.view)
        self.retranslate()

    def retranslate(self) -> None:
        """Set every text in the current language."""
        self.import_button.setText(self.tr("I&mport photo from file…"))
        self.import_button.setAccessibleName(self.tr("Import photo from file"))
        self.hint.setText(
            self.tr(
                "The bright frame is what the card shows (3:4). Click the photo, then move the "
                "frame with the arrow keys and resize it with + and -. The face goes in the oval."
            )
        )
        self.view.setAccessibleName(self.tr("Photo crop frame"))
        self.view.setAccessibleDescription(self.hint.text())

    def choose_file(self) -> None:
        """Ask for a file (the dialog is not native, so it works with the keyboard everywhere)."""
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Resident's photo"),
            str(Path.home()),
            self.tr("Images (*.jpg *.jpeg *.png *.bmp *.tif *.tiff)"),
            options=QFileDialog.Option.DontUseNativeDialog,
        )
        if path:
            self.load_file(Path(path))

    def load_file(self, path: Path) -> None:
        """Decode and check the file off the GUI thread; show it, or say why it is refused."""
        self.loading = True
        self.import_button.setEnabled(False)

        def work() -> LoadedPhoto:
            try:
                data = path.read_bytes()
            except OSError as exc:
                raise PhotoUnreadableError(exc.strerror or "unreadable") from exc
            return load_photo(data)

        self._runner(work, self._loaded, self._refused)

    def _loaded(self, photo: LoadedPhoto) -> None:
        self.loading = False
        self.import_button.setEnabled(True)
        self.error.hide()
        self.photo = photo
        image = QImage(photo.rgb, *photo.size, 3 * photo.size[0], QImage.Format.Format_RGB888)
        self.view.min_fraction = MIN_HEIGHT / photo.original[1]
        self.view.set_image(image.copy())
        self.view.setFocus()

    def _refused(self, exc: BaseException) -> None:
        self.loading = False
        self.import_button.setEnabled(True)
        what, todo = error_texts(exc)
        self.error.setText(f"{what}\n{todo}")
        self.error.setAccessibleName(f"{what} {todo}")
        self.error.show()
        self.photo_changed.emit()

    def clear(self) -> None:
        """Forget the photo (a new resident)."""
        self.photo = None
        self.error.hide()
        self.view.set_image(None)

    def jpeg(self) -> bytes | None:
        """The cropped photo as JPEG, or None when no photo was accepted."""
        if self.photo is None:
            return None
        return crop_to_jpeg(self.photo, self.view.crop)
