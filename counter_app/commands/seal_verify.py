"""`counter-app seal verify`: check a printed seal offline and print the verdict."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from counter_app.config import Configuration
from counter_app.errors import CounterError
from counter_app.printing import qr
from counter_app.printing.qr import read_codes
from counter_app.printing.raster import rasterise_pdf
from counter_app.printing.seal import MAGIC
from counter_app.printing.seal_crypto import SignerCertificateError, load_signer_certificate
from counter_app.printing.seal_verify import SealVerdict, verify_seal
from counter_app.trust_store import load_trust_store

SCAN_DPI = 300


class SealInputError(CounterError):
    """The code, text or file given for checking cannot be read."""

    what = "The code or file given for checking could not be read."
    todo = (
        "Check the file or text given, or scan the code again with the paper flat and well lit. "
        "If it still cannot be read, check the document by eye and call the issuing office."
    )


def _read(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise SealInputError(f"cannot read {path}: {exc.strerror}") from exc


def seal_from_text(text: str) -> bytes:
    """The seal bytes of the text a scanner typed: Base45 (ours), or hex starting with DC."""
    try:
        return qr.seal_from_text(text)
    except qr.SealTextError as exc:
        raise SealInputError(str(exc)) from None


def seal_from_image(path: str) -> bytes:
    """The first seal in an image file (PNG, JPEG...) or in a PDF's pages at 300 dpi."""
    data = _read(path)
    if data.startswith(b"%PDF"):
        try:
            images = rasterise_pdf(data, SCAN_DPI, grey=True)
        except Exception as exc:  # PDFium raises its own error types
            raise SealInputError(f"{path} is not a readable PDF") from exc
    else:
        try:
            with Image.open(path) as opened:
                images = [opened.convert("L")]
        except (UnidentifiedImageError, OSError) as exc:
            raise SealInputError(f"{path} is not an image") from exc
    codes = [code for image in images for code in read_codes(image)]
    if not codes:
        raise SealInputError(f"no QR or Data Matrix code was found in {path}")
    return next((code for code in codes if code[:1] == bytes((MAGIC,))), codes[0])


def _print_text(verdict: SealVerdict) -> None:
    print("VALID" if verdict.valid else "NOT VALID")
    for check in verdict.checks:
        print(f"  {check.status:<11} {check.name}: {check.reason}")
    document = verdict.document
    if document is not None:
        for key, value in document.as_json().items():
            print(f"  {key}: {value}")


def verify(
    config: Configuration,
    *,
    image: str | None = None,
    text: str | None = None,
    raw: str | None = None,
    cert: str | None = None,
    as_json: bool = False,
) -> int:
    """Verify one seal; exit status 0 only for a valid seal, 1 for an invalid one."""
    if image is not None:
        data = seal_from_image(image)
    elif text is not None:
        data = seal_from_text(text)
    elif raw is not None:
        data = _read(raw)
    else:
        raise SealInputError("give --image, --text or --raw")
    if cert is not None:
        try:
            certificates = [load_signer_certificate(_read(cert))]
        except SignerCertificateError as exc:
            raise SealInputError(f"{cert}: {exc}") from exc
        missing = None
    else:
        trust = load_trust_store(config.trust_store)
        certificates, missing = list(trust.seals), trust.seals_missing
    verdict = verify_seal(data, certificates, named=cert is not None, missing=missing)
    if as_json:
        json.dump(verdict.as_json(), sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        _print_text(verdict)
    return 0 if verdict.valid else 1
