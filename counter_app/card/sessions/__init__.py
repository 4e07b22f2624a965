"""One session class per card application; each turns status words into domain errors."""

from __future__ import annotations

from counter_app.card.sessions.base import PIN, UNLOCK, PinSession, SecretKind, Session
from counter_app.card.sessions.card import ChipAnswer, ChipSession, CommonSession, MasterFileSession
from counter_app.card.sessions.face import FaceSession
from counter_app.card.sessions.issuer import EfSpec, IssuerSession
from counter_app.card.sessions.juki import JukiSession
from counter_app.card.sessions.multipurpose import MultipurposeSession
from counter_app.card.sessions.text import TextSession

__all__ = [
    "PIN",
    "UNLOCK",
    "ChipAnswer",
    "ChipSession",
    "CommonSession",
    "EfSpec",
    "FaceSession",
    "IssuerSession",
    "JukiSession",
    "MasterFileSession",
    "MultipurposeSession",
    "PinSession",
    "SecretKind",
    "Session",
    "TextSession",
]
