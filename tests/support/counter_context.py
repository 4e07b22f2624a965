"""A counter context for workflow tests: the register, the operator and the issuer's keys, with
the seal keys made in `home`, default settings, the demo municipality and a trust store of the
issuer's CA and the seal certificate."""

from __future__ import annotations

from pathlib import Path

from counter_app.card.issuer_keys import IssuerMaterial
from counter_app.printing.card_face import DEMO_MUNICIPALITY
from counter_app.printing.seal_keys import load_or_create_seal_signer
from counter_app.records import OperatorSession, Register
from counter_app.workflows import CounterContext, CounterSettings
from tests.support.trust import own_trust


def counter_context(
    register: Register, operator: OperatorSession, issuer: IssuerMaterial, home: Path
) -> CounterContext:
    """The context a counter of the demo municipality works in."""
    seal_signer = load_or_create_seal_signer(home)
    return CounterContext(
        register=register,
        operator=operator,
        issuer=issuer,
        seal_signer=seal_signer,
        settings=CounterSettings(),
        municipality=DEMO_MUNICIPALITY,
        trust=own_trust(issuer, seal_signer),
    )
