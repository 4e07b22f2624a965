"""QR codes: the module matrix of a seal's code, and reading codes back from scanned images.

Both directions use zxing-cpp: its encoder chooses the mask in C++ (about 0.5 ms against
10 ms for the pure-Python qrcode package), and its decoder is the one the tests trust.
"""

from __future__ import annotations

import string
from typing import Any, Final, cast

import zxingcpp
from PIL import Image

from counter_app.printing import base45
from counter_app.printing.seal import MAGIC

EC_LEVEL: Final = "M"  # 15 % of the code may be damaged and still read
_READ_FORMATS: Final = zxingcpp.BarcodeFormats(
    [zxingcpp.BarcodeFormat.QRCode, zxingcpp.BarcodeFormat.DataMatrix, zxingcpp.BarcodeFormat.Aztec]
)


def seal_text(seal_bytes: bytes) -> str:
    """The text a seal's QR code holds: Base45, so that it travels as QR alphanumeric data."""
    return base45.encode(seal_bytes)


class SealTextError(ValueError):
    """Text from a code scanner that is neither Base45 nor hexadecimal seal bytes."""


def seal_from_text(text: str) -> bytes:
    """The seal bytes of the text a scanner typed: Base45 (ours), or hex starting with DC."""
    compact = "".join(text.split())
    if compact[:2].upper() == f"{MAGIC:02X}" and all(c in string.hexdigits for c in compact):
        return bytes.fromhex(compact)
    try:
        return base45.decode(text.strip("\r\n\t"))  # a space is a Base45 character
    except base45.Base45Error as exc:
        raise SealTextError(f"the text is neither Base45 nor hex: {exc}") from None


def qr_matrix(text: str) -> list[list[bool]]:
    """The QR modules of `text` (True is dark), without the quiet zone."""
    code = zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.QRCode, ec_level=EC_LEVEL)
    image = code.to_image(scale=1, add_quiet_zones=False)
    height, width = int(image.shape[0]), int(image.shape[1])
    pixels = bytes(cast(Any, image))  # one byte per module, 0 for dark
    return [[pixels[y * width + x] < 128 for x in range(width)] for y in range(height)]


def read_codes(image: Image.Image) -> list[bytes]:
    """The payload of every QR, Data Matrix or Aztec code in `image`, as bytes.

    A code holding Base45 text (ours) gives its decoded bytes; a binary code (the Data Matrix
    seals of BSI TR-03137) gives its bytes as they are.
    """
    found: list[bytes] = []
    for code in zxingcpp.read_barcodes(image.convert("L"), formats=_READ_FORMATS):
        raw = bytes(code.bytes)
        if code.content_type == zxingcpp.ContentType.Text:
            try:
                found.append(base45.decode(code.text))
                continue
            except base45.Base45Error:
                pass
        found.append(raw)
    return found
