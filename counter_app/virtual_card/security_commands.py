"""VERIFY, CHANGE REFERENCE DATA, RESET RETRY COUNTER, GET CHALLENGE, chip key commands."""

from __future__ import annotations

import os

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

from counter_app.card.apdu import Sw
from counter_app.card.profile import (
    CHALLENGE_LENGTH,
    CHIP_KEY_REFERENCE,
    TAG_CHIP_PUBLIC_KEY,
    TAG_EC_POINT,
    LifeCycle,
)
from counter_app.card.real_profile import TEXT_UNLOCK_P2
from counter_app.card.scp03 import SecurityLevel
from counter_app.card.tlv import Tlv
from counter_app.virtual_card.context import OK, Command, Context, Reply, status
from counter_app.virtual_card.filesystem import REF_PIN, REF_UNLOCK, DedicatedFile, ReferenceFile
from counter_app.virtual_card.refdata import ReferenceData

P2_CURRENT_EF = 0x80
# VERIFY P2s naming a reference file: our PIN and unlock number, the real text AP's 照合番号B.
KNOWN_REFERENCES = frozenset({REF_PIN, REF_UNLOCK, TEXT_UNLOCK_P2})
HOST_CHALLENGE_MIN = 8
HOST_CHALLENGE_MAX = 32
P1_GENERATE = 0x80
P1_READ_PUBLIC_KEY = 0x81


def _tries_left(tries: int) -> Reply:
    return status(0x63C0 | tries)


def _reference(ctx: Context, p2: int) -> tuple[int, ReferenceData] | Reply:
    """The secret P2 names (80: the current internal EF; 80|SFI: that reference file of the
    current DF) and its reference data; 6A86 for a P2 no profile uses, 6A88 if it is not here."""
    session = ctx.session
    df = session.current_df
    if p2 == P2_CURRENT_EF:
        current = session.current_ef
        if not isinstance(current, ReferenceFile):
            return status(Sw.REFERENCE_NOT_FOUND)
        found: ReferenceFile | None = current
    elif p2 in KNOWN_REFERENCES:
        found = df.reference_by_p2(p2) if isinstance(df, DedicatedFile) else None
    else:
        return status(Sw.INCORRECT_P1P2)
    if found is None:
        return status(Sw.REFERENCE_NOT_FOUND)
    return found.secret, ctx.state.reference_data(found.secret)


def _wrong_value(ctx: Context, reference: int, data: ReferenceData) -> Reply:
    """Count a failed comparison (persisted before the answer) and lose the security status."""
    data.tries -= 1
    ctx.session.verified.discard(reference)
    ctx.changed()
    return _tries_left(data.tries)


def verify(ctx: Context, cmd: Command) -> Reply:
    """VERIFY: compare the PIN or unlock number; without data, report the status."""
    if cmd.p1 != 0x00:
        return status(Sw.INCORRECT_P1P2)
    found = _reference(ctx, cmd.p2)
    if isinstance(found, Reply):
        return found
    reference, data = found
    if not data.is_set:
        return status(Sw.REFERENCE_DATA_NOT_USABLE)
    if data.blocked:
        return status(Sw.AUTH_METHOD_BLOCKED)
    if not cmd.data:
        return OK if reference in ctx.session.verified else _tries_left(data.tries)
    if not data.matches(cmd.data):
        return _wrong_value(ctx, reference, data)
    if data.tries != data.max_tries:
        data.tries = data.max_tries
        ctx.changed()
    ctx.session.verified.add(reference)
    return OK


def change_reference_data(ctx: Context, cmd: Command) -> Reply:
    """CHANGE REFERENCE DATA: old ‖ new resident PIN; the security status is cleared."""
    if cmd.p1 != 0x00:
        return status(Sw.INCORRECT_P1P2)
    found = _reference(ctx, cmd.p2)
    if isinstance(found, Reply):
        return found
    reference, data = found
    if reference != REF_PIN:
        return status(Sw.INCORRECT_P1P2)
    if not data.is_set:
        return status(Sw.REFERENCE_DATA_NOT_USABLE)
    if len(cmd.data) != 2 * data.length:
        return status(Sw.WRONG_LENGTH)
    old, new = cmd.data[: data.length], cmd.data[data.length :]
    if not data.well_formed(new):
        return status(Sw.WRONG_DATA)
    if data.blocked:
        return status(Sw.AUTH_METHOD_BLOCKED)
    if not data.matches(old):
        return _wrong_value(ctx, reference, data)
    data.set(new)
    ctx.session.verified.clear()
    ctx.changed()
    return OK


def reset_retry_counter(ctx: Context, cmd: Command) -> Reply:
    """RESET RETRY COUNTER (issuer): P1 02 new value and counter (needs C-DEC), 03 counter only."""
    if cmd.p1 not in (0x02, 0x03):
        return status(Sw.INCORRECT_P1P2)
    if not cmd.secured:
        return status(Sw.SECURITY_STATUS_NOT_SATISFIED)
    found = _reference(ctx, cmd.p2)
    if isinstance(found, Reply):
        return found
    _, data = found
    if cmd.p1 == 0x02:
        channel = ctx.session.channel
        if channel is None or not channel.level & SecurityLevel.C_DECRYPTION:
            return status(Sw.SECURITY_STATUS_NOT_SATISFIED)
        if not data.well_formed(cmd.data):
            return status(Sw.WRONG_DATA)
        data.set(cmd.data)
    else:
        if cmd.data:
            return status(Sw.WRONG_LENGTH)
        if not data.is_set:
            return status(Sw.REFERENCE_DATA_NOT_USABLE)
        data.tries = data.max_tries
    ctx.session.verified.clear()
    ctx.changed()
    return OK


def get_challenge(ctx: Context, cmd: Command) -> Reply:
    """GET CHALLENGE: 8 random bytes, kept for the next command (INTERNAL AUTHENTICATE)."""
    if cmd.p1p2 != 0:
        return status(Sw.INCORRECT_P1P2)
    if cmd.data or cmd.ne != CHALLENGE_LENGTH:
        return status(Sw.WRONG_LENGTH)
    challenge = os.urandom(CHALLENGE_LENGTH)
    ctx.session.challenge = challenge
    return Reply(challenge)


def internal_authenticate(ctx: Context, cmd: Command) -> Reply:
    """INTERNAL AUTHENTICATE: ECDSA P-256 r‖s by the chip key over card ‖ host challenge."""
    if cmd.p1p2 != 0:
        return status(Sw.INCORRECT_P1P2)
    if not HOST_CHALLENGE_MIN <= len(cmd.data) <= HOST_CHALLENGE_MAX:
        return status(Sw.WRONG_LENGTH)
    if ctx.life_cycle != LifeCycle.OPERATIONAL:
        return status(Sw.CONDITIONS_NOT_SATISFIED)
    key = ctx.state.chip_key
    if key is None:
        return status(Sw.REFERENCE_NOT_FOUND)
    if cmd.challenge is None:
        return status(Sw.CONDITIONS_NOT_SATISFIED)
    der = key.sign(cmd.challenge + cmd.data, ec.ECDSA(hashes.SHA256()))
    r, s = decode_dss_signature(der)
    return Reply(r.to_bytes(32, "big") + s.to_bytes(32, "big"))


def public_key_object(key: ec.EllipticCurvePrivateKey) -> bytes:
    """7F49 { 86 uncompressed point }."""
    point = key.public_key().public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    return Tlv.build(TAG_CHIP_PUBLIC_KEY, [Tlv(TAG_EC_POINT, point)]).encode()


def generate_asymmetric_key_pair(ctx: Context, cmd: Command) -> Reply:
    """GENERATE ASYMMETRIC KEY PAIR: P1 80 a new chip key (issuer, before activation), 81 read."""
    if cmd.p1 not in (P1_GENERATE, P1_READ_PUBLIC_KEY):
        return status(Sw.INCORRECT_P1P2)
    if cmd.p2 != CHIP_KEY_REFERENCE:
        return status(Sw.REFERENCE_NOT_FOUND)
    if cmd.data:
        return status(Sw.WRONG_LENGTH)
    if cmd.p1 == P1_READ_PUBLIC_KEY:
        if ctx.state.chip_key is None:
            return status(Sw.REFERENCE_NOT_FOUND)
        return Reply(public_key_object(ctx.state.chip_key))
    if ctx.life_cycle not in (LifeCycle.PERSONALISING, LifeCycle.SUSPENDED):
        return status(Sw.CONDITIONS_NOT_SATISFIED)
    if not cmd.secured:
        return status(Sw.SECURITY_STATUS_NOT_SATISFIED)
    ctx.state.chip_key = ec.generate_private_key(ec.SECP256R1())
    ctx.changed()
    return Reply(public_key_object(ctx.state.chip_key))
