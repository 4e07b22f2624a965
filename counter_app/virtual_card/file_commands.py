"""SELECT, READ BINARY, UPDATE BINARY, CREATE FILE and DELETE FILE."""

from __future__ import annotations

from counter_app.card.apdu import Sw
from counter_app.card.profile import EF_DIR_FID, MF_FID, Access, Aid, LifeCycle
from counter_app.card.tlv import Tlv
from counter_app.virtual_card.context import OK, Command, Context, Reply, status
from counter_app.virtual_card.fcp import (
    DfSpec,
    EfSpec,
    FcpError,
    fcp_df,
    fcp_ef,
    fcp_mf,
    fcp_reference,
    parse_create_fcp,
)
from counter_app.virtual_card.filesystem import (
    REF_PIN,
    REF_UNLOCK,
    DedicatedFile,
    DfKind,
    ElementaryFile,
    ReferenceFile,
    df_kind,
)
from counter_app.virtual_card.session import CurrentDf, CurrentEf, Root

MEMORY_CAPACITY = 1 << 20  # bytes of EF content the card can hold
# GlobalPlatform FCI of the ISD: 6F { 84 AID, A5 { 9F65 01 FF (longest command data) } }.
ISD_FCI = Tlv.build(
    0x6F, [Tlv(0x84, Aid.ISD.value), Tlv.build(0xA5, [Tlv(0x9F65, b"\xff")])]
).encode()


# -- helpers ----------------------------------------------------------------------------------


def access_granted(ctx: Context, condition: Access, cmd: Command) -> bool:
    """True when the current security status meets `condition`."""
    if condition == Access.ALWAYS:
        return True
    if condition == Access.PIN:
        return REF_PIN in ctx.session.verified
    if condition == Access.UNLOCK:
        return REF_UNLOCK in ctx.session.verified
    if condition == Access.PIN_OR_UNLOCK:
        return bool({REF_PIN, REF_UNLOCK} & ctx.session.verified)
    if condition == Access.ISSUER:
        return cmd.secured
    return False


def _df_life_cycle(ctx: Context, df: CurrentDf) -> LifeCycle:
    return df.life_cycle if isinstance(df, DedicatedFile) else ctx.life_cycle


def _ef_in(ctx: Context, df: CurrentDf, fid: int) -> CurrentEf | None:
    if isinstance(df, DedicatedFile):
        return df.ef_by_fid(fid)
    if df is Root.MF and fid == EF_DIR_FID:
        return ctx.state.files.ef_dir
    return None


def _ef_by_sfi(ctx: Context, sfi: int) -> ElementaryFile | None:
    df = ctx.session.current_df
    if isinstance(df, DedicatedFile):
        return df.ef_by_sfi(sfi)
    if df is Root.MF and sfi == ctx.state.files.ef_dir.sfi:
        return ctx.state.files.ef_dir
    return None


def _target_ef(ctx: Context, cmd: Command) -> tuple[CurrentEf, int] | Reply:
    """The EF and offset READ/UPDATE BINARY address: by SFI (P1 bit 8) or the current EF."""
    if cmd.p1 & 0x80:
        sfi = cmd.p1 & 0x1F
        if cmd.p1 & 0x60 or sfi == 0:
            return status(Sw.INCORRECT_P1P2)
        ef = _ef_by_sfi(ctx, sfi)
        if ef is None:
            return status(Sw.FILE_NOT_FOUND)
        ctx.session.current_ef = ef
        return ef, cmd.p2
    current = ctx.session.current_ef
    if current is None:
        return status(Sw.COMMAND_NOT_ALLOWED_NO_EF)
    return current, cmd.p1p2


def _outside_channel_refused(ctx: Context, cmd: Command, df: CurrentDf) -> bool:
    """Outside the channel only the MF, the common AP and operational DFs of an operational card."""
    if cmd.secured or df is Root.MF:
        return False
    if isinstance(df, DedicatedFile) and df.kind is DfKind.COMMON:
        return False
    return _df_life_cycle(ctx, df) != LifeCycle.OPERATIONAL or (
        ctx.life_cycle != LifeCycle.OPERATIONAL
    )


def _frozen_identity(ctx: Context, df: CurrentDf) -> bool:
    """True when `df` is an identity AP of an operational card, which nothing may change."""
    return (
        ctx.life_cycle == LifeCycle.OPERATIONAL
        and isinstance(df, DedicatedFile)
        and df.kind.is_identity
    )


# -- SELECT -----------------------------------------------------------------------------------


def select(ctx: Context, cmd: Command) -> Reply:
    """SELECT: P1 00 MF/FID, 02 EF under the current DF, 04 DF by AID; P2 00/04 FCP, 0C none."""
    if cmd.p2 not in (0x00, 0x04, 0x0C):
        return status(Sw.INCORRECT_P1P2)
    if cmd.p1 == 0x00:
        found = _select_by_fid(ctx, cmd.data)
    elif cmd.p1 == 0x02:
        found = _select_ef(ctx, cmd.data)
    elif cmd.p1 == 0x04:
        found = _select_by_aid(ctx, cmd.data)
    else:
        return status(Sw.INCORRECT_P1P2)
    if isinstance(found, Reply) or cmd.p2 == 0x0C:
        return found if isinstance(found, Reply) else OK
    return Reply(found)


def _select_by_fid(ctx: Context, data: bytes) -> bytes | Reply:
    session = ctx.session
    if data in (b"", MF_FID.to_bytes(2, "big")):
        session.select_df(Root.MF)
        return fcp_mf(ctx.life_cycle)
    if len(data) != 2:
        return status(Sw.WRONG_LENGTH)
    fid = int.from_bytes(data, "big")
    here = session.current_df
    ef = _ef_in(ctx, here, fid)
    if ef is not None:
        session.current_ef = ef
        return _ef_fcp(ctx, here, ef)
    df = ctx.state.files.df_by_fid(fid)
    if df is not None:
        session.select_df(df)
        return _df_fcp(ctx, df, with_fid=True)
    ef = _ef_in(ctx, Root.MF, fid)
    if ef is not None:
        session.select_df(Root.MF)
        session.current_ef = ef
        return _ef_fcp(ctx, Root.MF, ef)
    return status(Sw.FILE_NOT_FOUND)


def _select_ef(ctx: Context, data: bytes) -> bytes | Reply:
    if len(data) != 2:
        return status(Sw.WRONG_LENGTH)
    here = ctx.session.current_df
    ef = _ef_in(ctx, here, int.from_bytes(data, "big"))
    if ef is None:
        return status(Sw.FILE_NOT_FOUND)
    ctx.session.current_ef = ef
    return _ef_fcp(ctx, here, ef)


def _select_by_aid(ctx: Context, aid: bytes) -> bytes | Reply:
    if not 1 <= len(aid) <= 16:
        return status(Sw.WRONG_LENGTH)
    if aid == Aid.ISD.value:
        ctx.session.select_df(Root.ISD)
        return ISD_FCI
    df = ctx.state.files.df_by_aid(aid)
    if df is None:
        return status(Sw.FILE_NOT_FOUND)
    ctx.session.select_df(df)
    return _df_fcp(ctx, df, with_fid=False)


def _df_fcp(ctx: Context, df: DedicatedFile, *, with_fid: bool) -> bytes:
    """The DF's FCP with the card serial and the tries left of its reference (if set), so a
    host learns in the SELECT what it would otherwise ask with READ BINARY and an empty VERIFY;
    a terminated card tells neither (it answers nothing but SELECT)."""
    if ctx.life_cycle == LifeCycle.TERMINATED or df.references is not None:
        # A terminated card tells nothing more; nor does a DF of another profile (its own
        # reference files): the real card's FCP has no such template.
        return fcp_df(df, with_fid=with_fid, serial=None, tries=None)
    reference = df.kind.reference
    usable = ctx.life_cycle == LifeCycle.OPERATIONAL and df.life_cycle == LifeCycle.OPERATIONAL
    tries: tuple[int, int] | None = None
    if reference is not None and usable:
        data = ctx.state.reference_data(reference)
        if data.is_set:
            tries = (reference, data.tries)
    return fcp_df(df, with_fid=with_fid, serial=ctx.state.serial, tries=tries)


def _ef_fcp(ctx: Context, df: CurrentDf, ef: CurrentEf) -> bytes:
    if isinstance(ef, ReferenceFile):
        return fcp_reference(ef)
    return fcp_ef(ef, _df_life_cycle(ctx, df))


# -- READ BINARY, UPDATE BINARY ---------------------------------------------------------------


def read_binary(ctx: Context, cmd: Command) -> Reply:
    """READ BINARY: up to Ne bytes from the offset; 6282 when fewer came (unless Ne was maximal)."""
    if cmd.data or cmd.ne == 0:
        return status(Sw.WRONG_LENGTH)
    target = _target_ef(ctx, cmd)
    if isinstance(target, Reply):
        return target
    ef, offset = target
    df = ctx.session.current_df
    if _outside_channel_refused(ctx, cmd, df):
        return status(Sw.CONDITIONS_NOT_SATISFIED)
    if isinstance(ef, ReferenceFile) or not access_granted(ctx, ef.read, cmd):
        return status(Sw.SECURITY_STATUS_NOT_SATISFIED)
    if offset > ef.size:
        return status(Sw.WRONG_P1P2)
    data = bytes(ef.data[offset : offset + cmd.ne])
    if len(data) < cmd.ne and not cmd.ne_is_max:
        return Reply(data, Sw.END_OF_FILE_WARNING)
    return Reply(data)


def update_binary(ctx: Context, cmd: Command) -> Reply:
    """UPDATE BINARY: write the data at the offset of a transparent EF."""
    if not cmd.data:
        return status(Sw.WRONG_LENGTH)
    target = _target_ef(ctx, cmd)
    if isinstance(target, Reply):
        return target
    ef, offset = target
    df = ctx.session.current_df
    if _outside_channel_refused(ctx, cmd, df) or _frozen_identity(ctx, df):
        return status(Sw.CONDITIONS_NOT_SATISFIED)
    if isinstance(ef, ReferenceFile) or not access_granted(ctx, ef.update, cmd):
        return status(Sw.SECURITY_STATUS_NOT_SATISFIED)
    if offset + len(cmd.data) > ef.size:
        return status(Sw.WRONG_LENGTH)
    ef.data[offset : offset + len(cmd.data)] = cmd.data
    ctx.changed()
    return OK


# -- CREATE FILE, DELETE FILE -----------------------------------------------------------------


def create_file(ctx: Context, cmd: Command) -> Reply:
    """CREATE FILE (issuer): a DF under the MF (it becomes current) or an EF in the current DF."""
    if cmd.p1p2 != 0:
        return status(Sw.INCORRECT_P1P2)
    if not cmd.secured:
        return status(Sw.SECURITY_STATUS_NOT_SATISFIED)
    try:
        spec = parse_create_fcp(cmd.data)
    except FcpError as exc:
        return status(exc.sw)
    reply = _create_df(ctx, spec) if isinstance(spec, DfSpec) else _create_ef(ctx, spec)
    if reply.sw == Sw.OK:
        if ctx.life_cycle == LifeCycle.BLANK:
            ctx.state.life_cycle = LifeCycle.PERSONALISING
        ctx.changed()
    return reply


def _create_df(ctx: Context, spec: DfSpec) -> Reply:
    files = ctx.state.files
    kind = df_kind(spec.aid)
    if spec.aid == Aid.ISD.value or files.df_by_aid(spec.aid) is not None:
        return status(Sw.DF_NAME_EXISTS)
    if kind is None:
        return status(Sw.WRONG_DATA)
    if kind.is_identity and ctx.life_cycle == LifeCycle.OPERATIONAL:
        return status(Sw.CONDITIONS_NOT_SATISFIED)
    if spec.fid == EF_DIR_FID or files.df_by_fid(spec.fid) is not None:
        return status(Sw.FILE_ALREADY_EXISTS)
    df = DedicatedFile(spec.fid, spec.aid, spec.label, LifeCycle.PERSONALISING)
    files.dfs.append(df)
    ctx.session.select_df(df)
    return OK


def _create_ef(ctx: Context, spec: EfSpec) -> Reply:
    df = ctx.session.current_df
    if not isinstance(df, DedicatedFile) or df.kind is DfKind.COMMON or _frozen_identity(ctx, df):
        return status(Sw.CONDITIONS_NOT_SATISFIED)
    if spec.fid == df.fid or df.ef_by_fid(spec.fid) is not None:
        return status(Sw.FILE_ALREADY_EXISTS)
    if spec.sfi is not None and df.ef_by_sfi(spec.sfi) is not None:
        return status(Sw.FILE_ALREADY_EXISTS)
    if ctx.state.files.used_bytes() + spec.size > MEMORY_CAPACITY:
        return status(Sw.NOT_ENOUGH_MEMORY)
    ef = ElementaryFile(spec.fid, spec.size, spec.sfi, spec.read, spec.update)
    df.efs.append(ef)
    ctx.session.current_ef = ef
    return OK


def delete_file(ctx: Context, cmd: Command) -> Reply:
    """DELETE FILE (issuer): the current EF, or else the current DF with everything in it."""
    if cmd.data:
        return status(Sw.WRONG_LENGTH)
    if cmd.p1p2 != 0:
        return status(Sw.INCORRECT_P1P2)
    if not cmd.secured:
        return status(Sw.SECURITY_STATUS_NOT_SATISFIED)
    session = ctx.session
    df = session.current_df
    if df is Root.ISD:
        return status(Sw.COMMAND_NOT_ALLOWED_NO_EF)
    if not isinstance(df, DedicatedFile) or df.kind is DfKind.COMMON or _frozen_identity(ctx, df):
        return status(Sw.CONDITIONS_NOT_SATISFIED)
    ef = session.current_ef
    if isinstance(ef, ReferenceFile):
        return status(Sw.CONDITIONS_NOT_SATISFIED)
    if ef is not None:
        df.efs.remove(ef)
        session.current_ef = None
    else:
        ctx.state.files.dfs.remove(df)
        ctx.state.files.refresh_ef_dir()
        session.select_df(Root.MF)
    ctx.changed()
    return OK
