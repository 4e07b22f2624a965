"""PDF pages as images (PDFium), for reading our own codes back and for tests and docs."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image


def rasterise_pdf(
    source: Path | bytes,
    dpi: float = 300,
    *,
    grey: bool = False,
    crop_pt: tuple[float, float, float, float] | None = None,
) -> list[Image.Image]:
    """Every page of a PDF at `dpi`, RGB (or L with `grey`).

    `crop_pt` cuts (left, bottom, right, top) points off each page before rendering, so a
    detail can be rendered at a high resolution without the whole page.
    """
    document = pdfium.PdfDocument(source if isinstance(source, bytes) else str(source))
    try:
        pages = []
        for index in range(len(document)):
            page = document[index]
            bitmap = page.render(scale=dpi / 72, grayscale=grey, crop=crop_pt or (0, 0, 0, 0))
            image = bitmap.to_pil()
            pages.append(image.convert("L" if grey else "RGB"))
            page.close()
        return pages
    finally:
        document.close()
