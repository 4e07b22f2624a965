"""Reading the printed dates and numbers with tesseract (Debian: tesseract-ocr, -jpn).

OCR is trusted for digits and dates only (names go through `text_shapes`). The fields are cut
out of the straightened scan, binarised so the card's tinted patterns drop out, stacked into
one image and read by one run of the `tesseract` program, one line per field.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from dataclasses import dataclass
from typing import Final

from PIL import Image

from counter_app.errors import CounterError

TESSERACT: Final = "tesseract"
LANGUAGE: Final = "jpn"
TIMEOUT_S: Final = 30.0
INK_LEVEL: Final = 120
SCALE: Final = 2.0  # the fields' size on the sheet, times their size at 300 dpi
_GAP: Final = 24


class OcrUnavailableError(CounterError):
    """tesseract, or its Japanese data, is not installed."""

    what = "The text recognition program (tesseract with Japanese data) is not installed."
    todo = (
        "Install the packages tesseract-ocr and tesseract-ocr-jpn "
        "(sudo apt install tesseract-ocr tesseract-ocr-jpn), or compare the card face by eye."
    )


class OcrFailedError(CounterError):
    """tesseract ran but did not read the image."""

    what = "The text recognition program failed on the scanned card face."
    todo = "Scan the card again; if it keeps failing, compare the card face by eye."


def _binarise(image: Image.Image) -> Image.Image:
    """Scaled up (tesseract reads small print better large), then black text on white."""
    grey = image.convert("L")
    size = (round(grey.width * SCALE), round(grey.height * SCALE))
    grey = grey.resize(size, Image.Resampling.BICUBIC)
    return grey.point(lambda v: 0 if v < INK_LEVEL else 255)


def stack_lines(regions: list[Image.Image]) -> Image.Image:
    """The regions one under the other on white, binarised, for one tesseract run."""
    lines = [_binarise(r) for r in regions]
    width = max(line.width for line in lines) + 2 * _GAP
    height = sum(line.height + _GAP for line in lines) + _GAP
    sheet = Image.new("L", (width, height), 255)
    y = _GAP
    for line in lines:
        sheet.paste(line, (_GAP, y))
        y += line.height + _GAP
    return sheet


@dataclass(frozen=True)
class OcrJob:
    """Regions to read as one page, in a language, optionally only some characters."""

    regions: list[Image.Image]
    language: str = LANGUAGE
    only: str | None = None  # tesseract's character whitelist


def read_text(regions: list[Image.Image]) -> str:
    """The text of the regions, read as one page (a line or more per region, in order)."""
    return read_all([OcrJob(regions)])[0]


def read_all(jobs: list[OcrJob]) -> list[str]:
    """Every job's text; the tesseract runs go side by side (one per core is the cost)."""
    program = shutil.which(TESSERACT)
    if program is None:
        raise OcrUnavailableError("the tesseract program is not on the PATH")
    running: list[tuple[subprocess.Popen[bytes], bytes, str]] = []
    for job in jobs:
        sheet = io.BytesIO()
        stack_lines(job.regions).save(sheet, format="PNG")
        command = [program, "stdin", "stdout", "-l", job.language, "--psm", "6"]
        if job.only is not None:
            command += ["-c", f"tessedit_char_whitelist={job.only}"]
        try:
            process = subprocess.Popen(
                command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE
            )
        except OSError as exc:
            for started, _, _ in running:
                started.kill()
            raise OcrUnavailableError(f"tesseract could not be started: {exc.strerror}") from None
        running.append((process, sheet.getvalue(), job.language))
    return [_finish(process, sheet, language) for process, sheet, language in running]


def _finish(process: subprocess.Popen[bytes], sheet: bytes, language: str) -> str:
    try:
        out, err = process.communicate(sheet, timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        raise OcrFailedError(f"tesseract took more than {TIMEOUT_S:.0f} s") from None
    errors = err.decode("utf-8", "replace")
    if process.returncode != 0:
        if "Failed loading language" in errors or f"{language}.traineddata" in errors:
            raise OcrUnavailableError(f"tesseract has no {language} data: {errors.strip()}")
        raise OcrFailedError(f"tesseract ended with status {process.returncode}: {errors.strip()}")
    return out.decode("utf-8", "replace")
