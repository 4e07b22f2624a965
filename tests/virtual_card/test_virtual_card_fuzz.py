"""Random commands never make the card raise, fail internally or answer out of shape."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from counter_app.card.apdu import CommandApdu, ResponseApdu
from counter_app.card.profile import Access, Aid
from counter_app.card.scp03 import HostChannel, SecurityLevel
from counter_app.virtual_card import VirtualCard
from counter_app.virtual_card.fcp import DfSpec, EfSpec, FcpError, parse_create_fcp
from tests.support.virtual_card import (
    KEYS,
    MULTIPURPOSE_AID,
    PIN,
    UNLOCK,
    blank_card,
    df_fcp,
    ef_fcp,
    personalised_card,
)

KNOWN_INS = (
    0xA4, 0xB0, 0xD6, 0x20, 0x24, 0x2C, 0x84, 0x2A, 0x47, 0xE0, 0xE4, 0x44, 0x04, 0xFE, 0xC0,
    0x50, 0x82,
)  # fmt: skip
P1S = (0x00, 0x02, 0x03, 0x04, 0x30, 0x80, 0x81, 0x82, 0x84, 0x9E, 0x01)
P2S = (0x00, 0x01, 0x04, 0x0C, 0x80, 0x91, 0x92)
PAYLOADS = (
    Aid.TEXT.value,
    Aid.FACE.value,
    Aid.JUKI.value,
    Aid.COMMON.value,
    Aid.ISD.value,
    MULTIPURPOSE_AID,
    b"\x3f\x00",
    b"\x2f\x00",
    b"\x00\x01",
    b"\x00\x02",
    b"\x00\x11",
    b"\x00\x12",
    PIN,
    PIN + b"5678",
    UNLOCK,
    df_fcp(0x0300, bytes.fromhex("F0524343000002")),
    df_fcp(0x0101, Aid.TEXT.value),
    ef_fcp(0x0005, 100, 5, Access.ALWAYS, Access.ALWAYS),
    ef_fcp(0x0006, 0x7FFF, 6, Access.PIN),
)
SW1_KNOWN = frozenset({0x90, 0x61, 0x62, 0x63, 0x65, 0x67, 0x68, 0x69, 0x6A, 0x6B, 0x6D, 0x6E})


def byte(preferred: tuple[int, ...]) -> st.SearchStrategy[int]:
    """Mostly a value the card knows, sometimes any byte."""
    return st.integers(0, 9).flatmap(
        lambda k: st.integers(0, 255) if k == 0 else st.sampled_from(preferred)
    )


payloads = st.one_of(
    st.binary(max_size=40),
    st.sampled_from(PAYLOADS),
    st.binary(min_size=240, max_size=300),
)
nes = st.one_of(st.just(0), st.sampled_from((8, 64, 256, 65536)), st.integers(1, 65536))


@st.composite
def commands(draw: st.DrawFn, bits: tuple[int, ...] = (0x00, 0x04, 0x10, 0x14)) -> CommandApdu:
    """A well-formed command: mostly a known INS with its class, P1-P2 the card uses, any data."""
    ins = draw(byte(KNOWN_INS))
    family = 0x80 if ins in (0x2A, 0x50, 0x82) else 0x00
    cla = draw(byte(tuple(family | b for b in bits)))
    if not set(bits) & {0x04}:
        cla &= ~0x44 & 0xFF  # the host channel secures these itself
    return CommandApdu(cla, ins, draw(byte(P1S)), draw(byte(P2S)), draw(payloads), draw(nes))


def encoded(command: CommandApdu, extended: bool) -> bytes:
    return command.encode(extended or command.needs_extended)


def check(answer: object) -> None:
    """Bytes ending in a status word the profile uses; errors carry no data; no internal error."""
    assert isinstance(answer, bytes)
    assert len(answer) >= 2
    assert answer[-2:] != b"\x6f\x00"
    assert answer[-2] in SW1_KNOWN
    if answer[-2] not in (0x90, 0x61, 0x62):
        assert len(answer) == 2


@pytest.fixture(scope="module")
def templates(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("templates")
    return {
        "blank": blank_card(folder, "blank.json").path,
        "personalised": personalised_card(folder, "personalised.json").card.path,
    }


@contextmanager
def inserted(template: Path) -> Iterator[VirtualCard]:
    """A fresh copy of a template card, loaded; removed afterwards."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "card.json"
        shutil.copyfile(template, path)
        yield VirtualCard.load(path)


FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.parametrize("kind", ["blank", "personalised"])
@FUZZ
@given(raws=st.lists(st.binary(max_size=300), min_size=1, max_size=6))
def test_random_bytes(templates: dict[str, Path], kind: str, raws: list[bytes]) -> None:
    with inserted(templates[kind]) as card:
        for raw in raws:
            check(card.process(raw))


@pytest.mark.parametrize("kind", ["blank", "personalised"])
@FUZZ
@given(
    sequence=st.lists(st.tuples(commands(), st.booleans()), min_size=1, max_size=8),
)
def test_random_commands(
    templates: dict[str, Path], kind: str, sequence: list[tuple[CommandApdu, bool]]
) -> None:
    with inserted(templates[kind]) as card:
        for command, extended in sequence:
            check(card.process(encoded(command, extended)))


@pytest.mark.parametrize("kind", ["blank", "personalised"])
@FUZZ
@given(
    level=st.sampled_from((0x01, 0x03, 0x13, 0x33)),
    sequence=st.lists(st.tuples(commands((0x00, 0x10)), st.booleans()), min_size=1, max_size=5),
)
def test_random_commands_under_the_issuer_channel(
    templates: dict[str, Path], kind: str, level: int, sequence: list[tuple[CommandApdu, bool]]
) -> None:
    with inserted(templates[kind]) as card:
        card.process(bytes.fromhex("00A4040007A000000151000000"))
        challenge = os.urandom(8)
        init = card.process(HostChannel.initialize_update_command(0x30, challenge).encode())
        channel, external = HostChannel.open(KEYS, challenge, init[:-2], SecurityLevel(level))
        assert card.process(external.encode()) == b"\x90\x00"
        for command, extended in sequence:
            if len(command.data) > 65535 - 24:
                continue
            answer = card.process(encoded(channel.wrap(command), extended))
            check(answer)
            if command.ins == 0xA4 and command.p1 == 0x04 and command.data == Aid.ISD.value:
                return  # that closed the channel: its answer is plain
            if answer[-2] == 0x61:
                check(card.process(bytes((0, 0xC0, 0, 0, answer[-1]))))
            elif answer[-2:] == b"\x69\x82":
                return  # the card closed the channel: its later answers are plain
            else:
                channel.unwrap(ResponseApdu.decode(answer))  # the card secured it properly


@settings(max_examples=300, deadline=None)
@given(data=st.one_of(st.binary(max_size=60), st.sampled_from(PAYLOADS)))
def test_the_create_file_parser_only_refuses_with_a_status_word(data: bytes) -> None:
    try:
        spec = parse_create_fcp(data)
    except FcpError as exc:
        assert exc.sw in (0x6A80, 0x6A84)
    else:
        assert isinstance(spec, DfSpec | EfSpec)
