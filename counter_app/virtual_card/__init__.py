"""A card OS in software that implements docs/card-profile.md."""

from __future__ import annotations

from counter_app.virtual_card.card import ATR, VirtualCard
from counter_app.virtual_card.state import CardFileError

__all__ = ["ATR", "CardFileError", "VirtualCard"]
