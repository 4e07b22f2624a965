"""Who certifies the printouts: the configured municipality and mayor, or training's demo city.

A counter or kiosk on the training register (none configured) prints the demo municipality and a
mayor named 研修 市長, even where the municipality is configured, so a training printout never
passes for a real one. A configured register prints only under the configured municipality:
without it, certificates are refused in words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from counter_app.config import Configuration, MunicipalitySettings
from counter_app.errors import MunicipalityNotConfiguredError
from counter_app.printing.card_face import DEMO_MUNICIPALITY, Municipality

TRAINING_MAYOR: Final = "研修\u3000市長"

# A prefecture (北海道, 東京都, 京都府, 大阪府, ○○県) and a district (○○郡) before the name of
# a town or village; the mayor's title is what follows them, e.g. 山口県下関市 -> 下関市長.
_PREFECTURE: Final = re.compile(r"^(?:北海道|東京都|京都府|大阪府|[^県都府道]{2,3}県)")
_DISTRICT: Final = re.compile(r"^.+?郡(?=.+[町村]$)")


@dataclass(frozen=True)
class Certifier:
    """The municipality on the printouts and the mayor's name that certifies them."""

    municipality: Municipality
    mayor_name: str


def mayor_title(name: str) -> str:
    """The mayor's title from the municipality's name: 山口県下関市 -> 下関市長."""
    local = _DISTRICT.sub("", _PREFECTURE.sub("", name)) or name
    return f"{local}長"


def municipality_of(settings: MunicipalitySettings) -> Municipality:
    """The printed municipality of the configured settings (the code seeds its patterns)."""
    return Municipality(
        name=settings.name,
        code=settings.code,
        latin=f"LOCAL GOVERNMENT {settings.code}",
        mayor=mayor_title(settings.name),
    )


def certifier_of(config: Configuration) -> Certifier | None:
    """The demo city in training (whatever is configured: a training printout never carries
    the real mayor); the configured certifier on a configured register, else None."""
    if config.uses_default_register:
        return Certifier(DEMO_MUNICIPALITY, TRAINING_MAYOR)
    if config.municipality is not None:
        return Certifier(municipality_of(config.municipality), config.municipality.mayor)
    return None


def required_certifier(config: Configuration) -> Certifier:
    """`certifier_of(config)`, or MunicipalityNotConfiguredError naming the settings."""
    certifier = certifier_of(config)
    if certifier is None:
        raise MunicipalityNotConfiguredError("a configured register without a municipality")
    return certifier
