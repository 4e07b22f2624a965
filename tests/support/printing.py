"""The printing tests' home and signer fixtures and their comparison with golden images."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageStat

from counter_app.printing.demo import DEMO_TODAY
from counter_app.printing.layouts import Box
from counter_app.printing.seal_crypto import SealSigner
from counter_app.printing.seal_keys import load_or_create_seal_signer

GOLDEN = Path(__file__).resolve().parents[1] / "printing" / "golden"
GOLDEN_DPI = 100


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("home")


@pytest.fixture(scope="module")
def signer(home: Path) -> SealSigner:
    return load_or_create_seal_signer(home, today=DEMO_TODAY)


def golden_compare(
    name: str, image: Image.Image, mask: list[Box], height_mm: float, dpi: float = GOLDEN_DPI
) -> None:
    """Compare with GOLDEN/<name>.png, ignoring `mask` boxes (mm); UPDATE_GOLDEN=1 writes."""
    image = image.convert("L")
    px = dpi / 25.4
    for box in mask:
        image.paste(
            255,
            (
                round(box.x * px), round((height_mm - box.top) * px),
                round(box.right * px), round((height_mm - box.y) * px),
            ),
        )  # fmt: skip
    path = GOLDEN / f"{name}.png"
    if os.environ.get("UPDATE_GOLDEN"):
        image.save(path, optimize=True)
    golden = Image.open(path).convert("L")
    assert golden.size == image.size, "the page size changed"
    diff = ImageChops.difference(golden, image)
    mean = ImageStat.Stat(diff).mean[0]
    changed = sum(diff.point(lambda v: 255 if v > 64 else 0).histogram()[255:]) / (
        image.width * image.height
    )
    if mean > 1.5 or changed > 0.004:
        picture = Path(tempfile.gettempdir()) / f"{name}.diff.png"
        diff.point(lambda v: 255 - min(255, v * 4)).save(picture)
        raise AssertionError(
            f"{name}: mean difference {mean:.2f}, {changed:.2%} of pixels changed; "
            f"see {picture}, or run with UPDATE_GOLDEN=1 if the change is intended"
        )
