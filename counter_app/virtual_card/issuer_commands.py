"""INITIALIZE UPDATE and EXTERNAL AUTHENTICATE: opening the issuer secure channel (SCP03)."""

from __future__ import annotations

import os

from counter_app.card.apdu import CommandApdu, Sw
from counter_app.card.scp03 import CHALLENGE_LENGTH, CardChannel, SecureChannelError
from counter_app.virtual_card.context import Command, Context, Reply, status
from counter_app.virtual_card.session import Root


def initialize_update(ctx: Context, cmd: Command) -> Reply:
    """INITIALIZE UPDATE (ISD selected): start a handshake, answer KDD, key info, cryptogram."""
    keys = ctx.state.keys
    if cmd.p1 not in (0x00, keys.kvn):
        return status(Sw.REFERENCE_NOT_FOUND)
    if cmd.p2 != 0x00:
        return status(Sw.INCORRECT_P1P2)
    if len(cmd.data) != CHALLENGE_LENGTH:
        return status(Sw.WRONG_LENGTH)
    if cmd.secured or ctx.session.current_df is not Root.ISD:
        return status(Sw.CONDITIONS_NOT_SATISFIED)
    kdd = b"\x00\x00" + ctx.state.serial
    handshake, response = CardChannel.initialize_update(
        keys, cmd.data, os.urandom(CHALLENGE_LENGTH), kdd
    )
    ctx.session.close_channel()
    ctx.session.handshake = handshake
    return Reply(response)


def external_authenticate(ctx: Context, cmd: Command) -> Reply:
    """EXTERNAL AUTHENTICATE right after INITIALIZE UPDATE: check the host, open the channel."""
    handshake = cmd.handshake
    if handshake is None:
        return status(Sw.CONDITIONS_NOT_SATISFIED)
    apdu = CommandApdu(cmd.cla, cmd.ins, cmd.p1, cmd.p2, cmd.data, cmd.ne)
    try:
        sw = handshake.external_authenticate(apdu)
    except SecureChannelError:
        sw = Sw.SECURITY_STATUS_NOT_SATISFIED
    if sw == Sw.OK and handshake.is_open:
        ctx.session.channel = handshake
    return status(sw)
