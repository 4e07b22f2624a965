"""ACTIVATE FILE, DEACTIVATE FILE and TERMINATE CARD USAGE (all issuer commands)."""

from __future__ import annotations

from counter_app.card.apdu import Sw
from counter_app.card.profile import LifeCycle
from counter_app.virtual_card.context import OK, Command, Context, Reply, status
from counter_app.virtual_card.filesystem import DedicatedFile, DfKind
from counter_app.virtual_card.session import Root


def _issuer_command_refused(cmd: Command) -> Reply | None:
    """The checks every life-cycle command shares: no data, P1-P2 0000, the channel."""
    if cmd.data:
        return status(Sw.WRONG_LENGTH)
    if cmd.p1p2 != 0:
        return status(Sw.INCORRECT_P1P2)
    if not cmd.secured:
        return status(Sw.SECURITY_STATUS_NOT_SATISFIED)
    return None


def card_complete(ctx: Context) -> bool:
    """True when the card may go operational: text and face APs, chip key, PIN, unlock number."""
    state = ctx.state
    return (
        state.files.df_of_kind(DfKind.TEXT) is not None
        and state.files.df_of_kind(DfKind.FACE) is not None
        and state.chip_key is not None
        and state.pin.is_set
        and state.unlock.is_set
    )


def activate_file(ctx: Context, cmd: Command) -> Reply:
    """ACTIVATE FILE: the MF makes a complete card operational; a multipurpose DF goes live."""
    refused = _issuer_command_refused(cmd)
    if refused is not None:
        return refused
    df = ctx.session.current_df
    if df is Root.MF:
        return _activate_card(ctx)
    if not isinstance(df, DedicatedFile) or df.kind.is_identity:
        return status(Sw.CONDITIONS_NOT_SATISFIED)
    if df.life_cycle != LifeCycle.OPERATIONAL:
        df.life_cycle = LifeCycle.OPERATIONAL
        ctx.state.files.refresh_ef_dir()
        ctx.changed()
    return OK


def _activate_card(ctx: Context) -> Reply:
    state = ctx.state
    if state.life_cycle == LifeCycle.OPERATIONAL:
        return OK
    if state.life_cycle not in (LifeCycle.PERSONALISING, LifeCycle.SUSPENDED):
        return status(Sw.CONDITIONS_NOT_SATISFIED)
    if not card_complete(ctx):
        return status(Sw.CONDITIONS_NOT_SATISFIED)
    state.life_cycle = LifeCycle.OPERATIONAL
    for df in state.files.dfs:
        if df.kind.is_identity:
            df.life_cycle = LifeCycle.OPERATIONAL
    state.files.refresh_ef_dir()
    ctx.changed()
    return OK


def deactivate_file(ctx: Context, cmd: Command) -> Reply:
    """DEACTIVATE FILE on the MF: suspend an operational card (an address change begins so)."""
    refused = _issuer_command_refused(cmd)
    if refused is not None:
        return refused
    if ctx.session.current_df is not Root.MF:
        return status(Sw.CONDITIONS_NOT_SATISFIED)
    if ctx.life_cycle == LifeCycle.SUSPENDED:
        return OK
    if ctx.life_cycle != LifeCycle.OPERATIONAL:
        return status(Sw.CONDITIONS_NOT_SATISFIED)
    ctx.state.life_cycle = LifeCycle.SUSPENDED
    ctx.changed()
    return OK


def terminate_card_usage(ctx: Context, cmd: Command) -> Reply:
    """TERMINATE CARD USAGE: the card answers only SELECT from now on; irreversible."""
    refused = _issuer_command_refused(cmd)
    if refused is not None:
        return refused
    ctx.state.life_cycle = LifeCycle.TERMINATED
    ctx.changed()
    return OK
