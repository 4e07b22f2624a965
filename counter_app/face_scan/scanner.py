"""Scanning the card face through SANE, with its `scanimage` program (Debian: sane-utils).

`scan_card_face("genesys:libusb:001:004")` scans at 300 dpi and returns the image. Any SANE
backend works: a flatbed through its driver, a network scanner through `net`, and in the tests
SANE's `pnm` backend, which serves an image file as a scanner does.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from collections.abc import Sequence
from typing import Final

from PIL import Image, UnidentifiedImageError

from counter_app.errors import CounterError

SCANIMAGE: Final = "scanimage"
DEFAULT_RESOLUTION: Final = 300
TIMEOUT_S: Final = 120.0


class ScannerUnavailableError(CounterError):
    """The SANE scanning program is not installed."""

    what = "The scanning program (SANE's scanimage) is not installed."
    todo = (
        "Install the package sane-utils (sudo apt install sane-utils) and the scanner's SANE "
        "driver, or scan the card with another program and choose the image file."
    )


class ScanFailedError(CounterError):
    """The scanner did not deliver an image."""

    what = "The scanner did not scan the card face."
    todo = (
        "Check that the scanner is switched on and connected and that its name is right "
        "(`scanimage -L` lists the scanners), put the card on the glass and scan again."
    )


def scan_card_face(
    device: str,
    *,
    resolution: int = DEFAULT_RESOLUTION,
    options: Sequence[str] = (),
    timeout_s: float = TIMEOUT_S,
) -> Image.Image:
    """One scan from the SANE `device` at `resolution` dpi, as an RGB image.

    `options` are the backend's own options as scanimage takes them (for example
    ("--mode", "Color") or, for the pnm test backend, ("--filename", "card.pnm")).
    """
    program = shutil.which(SCANIMAGE)
    if program is None:
        raise ScannerUnavailableError("scanimage is not on the PATH")
    command = [
        program,
        "--device-name",
        device,
        "--format=pnm",
        "--resolution",
        str(resolution),
        *options,
    ]
    try:
        result = subprocess.run(command, capture_output=True, timeout=timeout_s, check=False)
    except subprocess.TimeoutExpired:
        raise ScanFailedError(f"the scanner {device} took more than {timeout_s:.0f} s") from None
    except OSError as exc:
        raise ScannerUnavailableError(f"scanimage could not be started: {exc.strerror}") from None
    message = result.stderr.decode("utf-8", "replace").strip()
    if result.returncode != 0 or not result.stdout:
        raise ScanFailedError(f"scanner {device}: {message or f'status {result.returncode}'}")
    try:
        image = Image.open(io.BytesIO(result.stdout))
        image.load()
    except (UnidentifiedImageError, OSError) as exc:
        raise ScanFailedError(f"scanner {device} sent no image: {exc}") from None
    image.info["dpi"] = (resolution, resolution)
    return image.convert("RGB")
