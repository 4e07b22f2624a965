"""Which handler answers which instruction, under which class byte and in which life cycle."""

from __future__ import annotations

from collections.abc import Callable

import counter_app.virtual_card.file_commands as file_commands
import counter_app.virtual_card.issuer_commands as issuer_commands
import counter_app.virtual_card.lifecycle_commands as lifecycle_commands
import counter_app.virtual_card.security_commands as security_commands
from counter_app.card.apdu import Sw
from counter_app.card.profile import LifeCycle
from counter_app.virtual_card.context import Command, Context, Ins, Reply, status

Handler = Callable[[Context, Command], Reply]

CLA_ISO = 0x00
CLA_PROPRIETARY = 0x80
CLA_SECURE_MESSAGING = 0x04
CLA_CHAINING = 0x10


def _nothing_pending(ctx: Context, cmd: Command) -> Reply:
    """GET RESPONSE that reached the dispatcher (secured or chained): nothing is pending."""
    return status(Sw.CONDITIONS_NOT_SATISFIED)


# Instruction -> (handler, class family). GET RESPONSE proper is served by the transport.
HANDLERS: dict[int, tuple[Handler, int]] = {
    Ins.SELECT: (file_commands.select, CLA_ISO),
    Ins.READ_BINARY: (file_commands.read_binary, CLA_ISO),
    Ins.UPDATE_BINARY: (file_commands.update_binary, CLA_ISO),
    Ins.CREATE_FILE: (file_commands.create_file, CLA_ISO),
    Ins.DELETE_FILE: (file_commands.delete_file, CLA_ISO),
    Ins.VERIFY: (security_commands.verify, CLA_ISO),
    Ins.CHANGE_REFERENCE_DATA: (security_commands.change_reference_data, CLA_ISO),
    Ins.RESET_RETRY_COUNTER: (security_commands.reset_retry_counter, CLA_ISO),
    Ins.GET_CHALLENGE: (security_commands.get_challenge, CLA_ISO),
    Ins.GENERATE_ASYMMETRIC_KEY_PAIR: (security_commands.generate_asymmetric_key_pair, CLA_ISO),
    Ins.INTERNAL_AUTHENTICATE: (security_commands.internal_authenticate, CLA_PROPRIETARY),
    Ins.ACTIVATE_FILE: (lifecycle_commands.activate_file, CLA_ISO),
    Ins.DEACTIVATE_FILE: (lifecycle_commands.deactivate_file, CLA_ISO),
    Ins.TERMINATE_CARD_USAGE: (lifecycle_commands.terminate_card_usage, CLA_ISO),
    Ins.GET_RESPONSE: (_nothing_pending, CLA_ISO),
    Ins.INITIALIZE_UPDATE: (issuer_commands.initialize_update, CLA_PROPRIETARY),
    Ins.EXTERNAL_AUTHENTICATE: (issuer_commands.external_authenticate, CLA_PROPRIETARY),
}

# What a blank card answers, and a personalising or suspended one outside the channel.
BLANK_COMMANDS = frozenset(
    {
        Ins.SELECT,
        Ins.READ_BINARY,
        Ins.GET_CHALLENGE,
        Ins.INITIALIZE_UPDATE,
        Ins.EXTERNAL_AUTHENTICATE,
        Ins.CREATE_FILE,
    }
)


def class_family(cla: int) -> int | None:
    """00 or 80 for a class byte this card knows (with SM and chaining bits), else None."""
    family = cla & ~(CLA_SECURE_MESSAGING | CLA_CHAINING) & 0xFF
    return family if family in (CLA_ISO, CLA_PROPRIETARY) else None


def precheck(cla: int, ins: int) -> int | None:
    """6E00 or 6D00 for a class or instruction this card does not take, else None."""
    family = class_family(cla)
    if family is None:
        return Sw.CLA_NOT_SUPPORTED
    entry = HANDLERS.get(ins)
    if entry is None:
        return Sw.INS_NOT_SUPPORTED
    if entry[1] != family:
        return Sw.CLA_NOT_SUPPORTED
    return None


def life_cycle_allows(life_cycle: LifeCycle, ins: int, secured: bool) -> bool:
    """The card life cycle rules of docs/card-profile.md §8."""
    if life_cycle == LifeCycle.TERMINATED:
        return ins == Ins.SELECT
    if life_cycle == LifeCycle.OPERATIONAL:
        return True
    if life_cycle in (LifeCycle.PERSONALISING, LifeCycle.SUSPENDED) and secured:
        return True
    return ins in BLANK_COMMANDS


def dispatch(ctx: Context, cmd: Command) -> Reply:
    """Run the handler of a complete command, unless the life cycle forbids it (6985)."""
    if not life_cycle_allows(ctx.life_cycle, cmd.ins, cmd.secured):
        return status(Sw.CONDITIONS_NOT_SATISFIED)
    return HANDLERS[cmd.ins][0](ctx, cmd)
