"""The J-LIS keys the counter trusts for real 個人番号カード: a folder of CA certificates.

`jlis/` in the data directory holds the card-verifiable certificates (`*.cvc`, the 7F21 form of
docs/card-profile.md §5) of the J-LIS certificate authorities whose signer certificates the real
cards carry. The folder is optional: without it, or with no usable certificate in it, a real
card's signatures are "not checked: issuer key not in the trust store", never failed.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Final

from counter_app.card.cvc import CertificateError, parse_certificate
from counter_app.card.issuer_keys import TrustStore

log = logging.getLogger(__name__)

JLIS_DIR: Final = "jlis"
CERT_SUFFIX: Final = ".cvc"


def load_jlis_trust(home: Path) -> TrustStore:
    """The J-LIS CA certificates in `home`/jlis; a damaged or unsigned one is skipped, logged."""
    trust = TrustStore()
    directory = home / JLIS_DIR
    if not directory.is_dir():
        return trust
    for path in sorted(directory.iterdir()):
        if path.suffix.lower() != CERT_SUFFIX:
            continue
        try:
            trust.add(parse_certificate(path.read_bytes()))
        except (OSError, CertificateError, ValueError) as exc:
            log.warning("Ignoring the J-LIS certificate %s: %s", path, exc)
    return trust
