"""Certificates: A4 pages numbered N / M, embedded fonts, the seal read back from a 300 dpi
raster and verified, the municipal seal on the last page, and the copy-evident background:
複写 appears in the copier's blurred raster and not in the original."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageStat

import main
from counter_app.printing.certificate import (
    QR_BOX,
    SEAL_BOX,
    RenderedCertificate,
    render_certificate,
)
from counter_app.printing.copy_evidence import measure, raster_pair, simulate_copy
from counter_app.printing.demo import demo_certificate
from counter_app.printing.layouts import A4_HEIGHT_MM
from counter_app.printing.patterns import MM, PantographParameters
from counter_app.printing.qr import read_codes
from counter_app.printing.raster import rasterise_pdf
from counter_app.printing.seal_crypto import SealSigner
from counter_app.printing.seal_documents import CertificateSeal, digest_fields
from counter_app.printing.seal_keys import load_or_create_seal_signer
from counter_app.printing.seal_verify import verify_seal
from tests.support.printing import golden_compare

A4_PT = (595.28, 841.89)


@pytest.fixture(scope="module")
def demo(signer: SealSigner) -> RenderedCertificate:
    return render_certificate(demo_certificate(), signer)


@pytest.fixture(scope="module")
def pages(demo: RenderedCertificate) -> list[Image.Image]:
    return rasterise_pdf(demo.pdf, 300)


def _page_texts(pdf: bytes) -> list[str]:
    document = pdfium.PdfDocument(pdf)
    try:
        return [str(document[i].get_textpage().get_text_range()) for i in range(len(document))]
    finally:
        document.close()


def test_every_page_is_a4_and_numbered_n_of_m(demo: RenderedCertificate) -> None:
    document = pdfium.PdfDocument(demo.pdf)
    try:
        sizes = [tuple(round(v, 2) for v in document[i].get_size()) for i in range(len(document))]
    finally:
        document.close()
    assert sizes == [A4_PT, A4_PT] and demo.pages == 2
    texts = _page_texts(demo.pdf)
    assert "1 / 2" in texts[0] and "2 / 2" in texts[1]
    assert "以下余白" in texts[1] and "以下余白" not in texts[0]
    assert "相違ないことを証明する" in texts[1] and "相違ないことを証明する" not in texts[0]


def test_a_small_household_fits_one_page(signer: SealSigner) -> None:
    rendered = render_certificate(demo_certificate(members=2), signer)
    assert rendered.pages == 1
    assert "1 / 1" in _page_texts(rendered.pdf)[0]


@pytest.mark.skipif(
    shutil.which("pdffonts") is None and not os.environ.get("CI"), reason="no pdffonts"
)
def test_every_font_is_embedded(demo: RenderedCertificate, tmp_path: Path) -> None:
    path = tmp_path / "cert.pdf"
    path.write_bytes(demo.pdf)
    lines = subprocess.run(
        ["pdffonts", str(path)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    names = {line.split()[0].split("+")[-1] for line in lines}
    assert names == {"IPAexGothic", "IPAexMincho"}
    assert all(line.split()[-5:-3] == ["yes", "yes"] for line in lines)


def test_each_page_carries_the_seal_and_it_verifies(
    demo: RenderedCertificate, pages: list[Image.Image], home: Path
) -> None:
    record = demo_certificate()
    for page in pages:
        assert read_codes(page) == [demo.seal]
    verdict = verify_seal(demo.seal, [load_or_create_seal_signer(home).certificate])
    assert verdict.valid, verdict.checks
    assert verdict.document == CertificateSeal(
        record.number, record.issued_on, digest_fields(record.content_fields()), 2
    )


def test_print_and_verify_a_certificate_from_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COUNTER_APP_HOME", str(tmp_path))
    out = tmp_path / "F.pdf"
    assert main.main(["print", "certificate", "--demo", "--out", str(out)]) == 0
    assert main.main(["seal", "verify", "--image", str(out), "--json"]) == 0
    assert '"document_type": "certificate"' in capsys.readouterr().out


def _red_fraction(image: Image.Image, box_mm: tuple[float, float, float, float]) -> float:
    """The share of strongly coloured pixels in a box of a 300 dpi page."""
    px = 300 / 25.4
    x, y, w, h = box_mm
    crop = image.crop(
        (round(x * px), round((A4_HEIGHT_MM - y - h) * px), round((x + w) * px),
         round((A4_HEIGHT_MM - y) * px))
    )  # fmt: skip
    saturation = crop.convert("HSV").split()[1]
    return ImageStat.Stat(saturation.point(lambda v: 255 if v > 120 else 0)).mean[0] / 255


def test_the_municipal_seal_is_printed_in_red_on_the_last_page(pages: list[Image.Image]) -> None:
    box = (SEAL_BOX.x, SEAL_BOX.y, SEAL_BOX.w, SEAL_BOX.h)
    assert _red_fraction(pages[-1], box) > 0.1
    assert _red_fraction(pages[0], box) < 0.01


def test_the_copy_evident_background_shows_its_word_only_on_a_copy(signer: SealSigner) -> None:
    params = PantographParameters()
    background = render_certificate(demo_certificate(members=1), signer, background_only=True)
    assert len(background.pantograph_words) >= 6
    # The upper part of the page: three of the words and the background around them, 600 dpi.
    y = background.pantograph_words[0][1]
    crop = (15.0, y / MM - 30.0, 180.0, 60.0)
    original, mask = raster_pair(background.pdf, background.pantograph_words, params, 600, crop)
    copied = simulate_copy(original, 600, params)
    before, after = measure(original, mask, 600), measure(copied, mask, 600)
    # Original: both screens print the same tint (about 4.5 % darkness), within 1 percentage
    # point, which the eye does not tell apart on a light tint.
    assert 0.03 < before.outside < 0.07
    assert abs(before.difference) < 0.01
    # Copy: the background is gone and the word keeps most of its dots.
    assert after.outside < 0.002
    assert after.inside > 0.025
    assert after.difference > 10 * abs(before.difference)


def test_certificate_layout_matches_the_golden_image(demo: RenderedCertificate) -> None:
    first = rasterise_pdf(demo.pdf, 50)[0]
    golden_compare("certificate-page1", first, [QR_BOX], A4_HEIGHT_MM, dpi=50)
