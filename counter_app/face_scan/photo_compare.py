"""The printed photo against the chip's photo: a classical comparison of small thumbnails.

Both are reduced to a 36 x 48 colour thumbnail (the print's screen, scan blur and JPEG are gone
at that size; the outline of head, hair, face and clothes is not). The thumbnails' gradients
(differences between neighbouring pixels, per colour) are compared by their normalised
correlation (1.0 = the same picture). Gradients, not the pixels themselves: every passport-style
photo has a light background above dark clothes, so plain pixels correlate highly even between
two different people. The threshold is measured on the
generated scan corpus (see benchmarks/face_check.py and docs/verification.md).
"""

from __future__ import annotations

import io
from typing import Final

import numpy as np
from PIL import Image, ImageFilter

THUMBNAIL: Final = (36, 48)
_WORKING: Final = (120, 160)  # both pictures are blurred alike at this size first


def _thumbnail(image: Image.Image) -> np.ndarray:
    small = (
        image.convert("RGB")
        .resize(_WORKING, Image.Resampling.BOX)
        .filter(ImageFilter.GaussianBlur(1))
        .resize(THUMBNAIL, Image.Resampling.BOX)
    )
    pixels = np.asarray(small, dtype=float)
    down = np.diff(pixels, axis=0)[:, :-1]
    across = np.diff(pixels, axis=1)[:-1]
    values = np.concatenate([down, across], axis=2).flatten()
    values -= values.mean()
    norm = float(np.linalg.norm(values))
    result: np.ndarray = values / norm if norm else values
    return result


def photo_similarity(chip_jpeg: bytes, printed: Image.Image, inset: tuple[float, float]) -> float:
    """The chip's photo against the printed one (-1 to 1).

    `printed` is the photo's box cut `inset` (a share of its width, of its height) inside its
    frame; the chip's photo, which fills the box, is cut alike so the two cover the same part.
    """
    with Image.open(io.BytesIO(chip_jpeg)) as chip:
        fx, fy = inset
        w, h = chip.size
        cut = chip.crop((round(fx * w), round(fy * h), round(w * (1 - fx)), round(h * (1 - fy))))
        expected = _thumbnail(cut)
    return float(np.dot(expected, _thumbnail(printed)))
