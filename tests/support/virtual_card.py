"""Helpers for the virtual card tests: a host speaking raw APDUs, and a personalised card.

tests/virtual_card/test_virtual_card_support.py checks the helpers themselves.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric import ec

from counter_app.card.apdu import CommandApdu, ResponseApdu
from counter_app.card.profile import Access, Aid
from counter_app.card.scp03 import HostChannel, SecurityLevel, StaticKeys
from counter_app.card.tlv import Tlv, parse_one
from counter_app.virtual_card import VirtualCard

KEYS = StaticKeys(enc=bytes(range(16)), mac=bytes(range(16, 32)), dek=bytes(range(32, 48)))
SERIAL = bytes.fromhex("0123456789ABCDEF")
PIN = b"1234"
UNLOCK = b"30021720364821"
MULTIPURPOSE_AID = bytes.fromhex("F0524343000001")
FULL = SecurityLevel(0x33)
C_MAC_ONLY = SecurityLevel(0x01)

TEXT_FID, FACE_FID, JUKI_FID, MULTI_FID = 0x0101, 0x0102, 0x0103, 0x0200
BINDING = Tlv.build(0xFF10, [Tlv(0xDF11, SERIAL)]).encode()
ATTRIBUTES = Tlv.build(
    0xFF20,
    [Tlv(0xDF22, "住基　花子".encode()), Tlv(0xDF24, b"19550217"), Tlv(0xDF25, b"2")],
).encode()
RESIDENT_CODE = Tlv.build(0xFF70, [Tlv(0xDF71, b"12345678901")]).encode()


def df_fcp(fid: int, aid: bytes, label: str = "label") -> bytes:
    """CREATE FILE data of a DF."""
    return Tlv.build(
        0x62,
        [
            Tlv(0x82, b"\x38"),
            Tlv(0x83, fid.to_bytes(2, "big")),
            Tlv(0x84, aid),
            Tlv(0x50, label.encode()),
        ],
    ).encode()


def ef_fcp(
    fid: int, size: int, sfi: int | None, read: Access, update: Access = Access.ISSUER
) -> bytes:
    """CREATE FILE data of a transparent EF (SFI in bits 8-4 of tag 88)."""
    objects = [
        Tlv(0x82, b"\x01"),
        Tlv(0x83, fid.to_bytes(2, "big")),
        Tlv(0x80, size.to_bytes(2, "big")),
    ]
    if sfi is not None:
        objects.append(Tlv(0x88, bytes((sfi << 3,))))
    objects.append(Tlv.build(0xA1, [Tlv(0x80, bytes((read,))), Tlv(0x81, bytes((update,)))]))
    return Tlv.build(0x62, objects).encode()


class Host:
    """Sends commands to a VirtualCard, securing them when a channel is open."""

    def __init__(self, card: VirtualCard) -> None:
        self.card = card
        self.channel: HostChannel | None = None

    def raw(self, command: bytes) -> bytes:
        """One exchange of raw bytes, nothing added."""
        return self.card.process(command)

    def send(
        self,
        cla: int,
        ins: int,
        p1: int,
        p2: int,
        data: bytes = b"",
        ne: int = 0,
        *,
        extended: bool | None = None,
        follow: bool = True,
    ) -> ResponseApdu:
        """Send one command (secured when a channel is open); follow 61xx unless told not to."""
        command = CommandApdu(cla, ins, p1, p2, data, ne)
        if self.channel is not None:
            command = self.channel.wrap(command)
        response = ResponseApdu.decode(self.raw(command.encode(extended)))
        body = response.data
        while follow and response.sw1 == 0x61:
            response = ResponseApdu.decode(self.raw(bytes((0, 0xC0, 0, 0, response.sw2))))
            body += response.data
        response = ResponseApdu(body, response.sw)
        if self.channel is not None:
            if response.sw == 0x6982 and not response.data:
                self.channel = None
            else:
                response = self.channel.unwrap(response)
        return response

    def sw(self, cla: int, ins: int, p1: int, p2: int, data: bytes = b"", ne: int = 0) -> int:
        """The status word of one command."""
        return self.send(cla, ins, p1, p2, data, ne).sw

    def open_channel(self, level: SecurityLevel = FULL, keys: StaticKeys = KEYS) -> None:
        """SELECT the ISD, INITIALIZE UPDATE, EXTERNAL AUTHENTICATE."""
        self.channel = None
        assert self.sw(0x00, 0xA4, 0x04, 0x00, Aid.ISD.value, 256) == 0x9000
        challenge = os.urandom(8)
        init = self.send(0x80, 0x50, keys.kvn, 0x00, challenge, 256)
        assert init.sw == 0x9000
        channel, external = HostChannel.open(keys, challenge, init.data, level)
        assert ResponseApdu.decode(self.raw(external.encode())).sw == 0x9000
        self.channel = channel

    def select_mf(self) -> int:
        return self.sw(0x00, 0xA4, 0x00, 0x0C)

    def select_aid(self, aid: bytes) -> int:
        return self.sw(0x00, 0xA4, 0x04, 0x0C, aid)

    def create(self, fcp: bytes) -> int:
        return self.sw(0x00, 0xE0, 0x00, 0x00, fcp)

    def update(self, data: bytes, offset: int = 0) -> int:
        return self.sw(0x00, 0xD6, offset >> 8, offset & 0xFF, data)

    def read_sfi(self, sfi: int, ne: int = 65536) -> ResponseApdu:
        return self.send(0x00, 0xB0, 0x80 | sfi, 0x00, ne=ne)

    def verify(self, p2: int, value: bytes = b"") -> int:
        return self.sw(0x00, 0x20, 0x00, p2, value)

    def life_cycle(self) -> int:
        """The card life cycle byte from the MF's FCP."""
        answer = self.send(0x00, 0xA4, 0x00, 0x04, b"\x3f\x00", 256)
        assert answer.sw == 0x9000
        fields = {t.tag: t.value for t in parse_one(answer.data).children()}
        return fields[0x8A][0]


@dataclass(frozen=True)
class Personalised:
    """What personalise() made: the card, a host on it and the chip's public point."""

    card: VirtualCard
    host: Host
    public_point: bytes


def face_data(point: bytes) -> bytes:
    """A face file holding the chip public key (the card does not check the rest)."""
    key = Tlv.build(0x7F49, [Tlv(0x86, point)]).encode()
    return Tlv.build(
        0xFF20, [Tlv(0xDF22, b"19550217"), Tlv(0xDF23, b"2"), Tlv(0xDF24, key)]
    ).encode()


def build_identity(host: Host, *, juki: bool = True, activate: bool = True) -> bytes:
    """Create and fill the text, face (and 住基) APs, set PIN and unlock number; the point."""
    host.open_channel()
    assert host.create(df_fcp(TEXT_FID, Aid.TEXT.value, "券面事項入力補助AP")) == 0x9000
    for fid, size, read, content in (
        (0x0001, 64, Access.PIN, BINDING),
        (0x0002, 512, Access.PIN, ATTRIBUTES),
        (0x0003, 256, Access.PIN, b"\xff\x30\x00"),
        (0x0004, 64, Access.ALWAYS, b"\x7f\x21\x00"),
    ):
        assert host.create(ef_fcp(fid, size, fid, read)) == 0x9000
        assert host.update(content) == 0x9000
    assert host.sw(0x00, 0x2C, 0x02, 0x91, PIN) == 0x9000
    assert host.create(df_fcp(FACE_FID, Aid.FACE.value, "券面事項確認AP")) == 0x9000
    generated = host.send(0x00, 0x47, 0x80, 0x01, ne=256)
    assert generated.sw == 0x9000
    point = parse_one(generated.data).children()[0].value
    assert host.create(ef_fcp(0x0002, 1024, 2, Access.UNLOCK)) == 0x9000
    assert host.update(face_data(point)) == 0x9000
    assert host.create(ef_fcp(0x0004, 64, 4, Access.ALWAYS)) == 0x9000
    assert host.sw(0x00, 0x2C, 0x02, 0x92, UNLOCK) == 0x9000
    if juki:
        assert host.create(df_fcp(JUKI_FID, Aid.JUKI.value, "住基AP")) == 0x9000
        assert host.create(ef_fcp(0x0001, 32, 1, Access.PIN)) == 0x9000
        assert host.update(RESIDENT_CODE) == 0x9000
    if activate:
        assert host.select_mf() == 0x9000
        assert host.sw(0x00, 0x44, 0x00, 0x00) == 0x9000
    return point


def blank_card(directory: Path, name: str = "card.json") -> VirtualCard:
    """A new blank card with the test keys and serial."""
    return VirtualCard.manufacture(directory / name, KEYS, SERIAL)


def personalised_card(directory: Path, name: str = "card.json") -> Personalised:
    """An operational card, personalised with raw APDUs; the host's channel is closed again."""
    card = blank_card(directory, name)
    host = Host(card)
    point = build_identity(host)
    card.power_on()
    host.channel = None
    return Personalised(card, host, point)


def public_key(point: bytes) -> ec.EllipticCurvePublicKey:
    return ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), point)
