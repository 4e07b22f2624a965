"""SCP03 host and card sides: published GlobalPlatform traces byte for byte, and interoperation."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from counter_app.card.apdu import CommandApdu, ResponseApdu, Sw
from counter_app.card.connection import CardError
from counter_app.card.scp03 import (
    CardChannel,
    HostChannel,
    SecureChannelError,
    SecurityLevel,
    SessionKeys,
    StaticKeys,
    aes_cmac,
    derive_session_keys,
    diversify_keys,
    kdf,
    sp800_108_counter_kdf,
)
from tests.support.vectors import all_vectors

h = bytes.fromhex


def hexof(value: CommandApdu | ResponseApdu) -> str:
    return value.encode().hex().upper()


@pytest.fixture
def vectors() -> dict[str, dict[str, Any]]:
    """All published vectors by id; skips when the shared folder is not beside the repository."""
    return all_vectors()


# -- replayable traces --------------------------------------------------------------------------


@dataclass
class Step:
    """One command of a trace: plain and (when published) wrapped bytes, and its response."""

    plain: str
    wrapped: str | None = None
    plain_response: str | None = None  # response data with SW 9000
    wrapped_response: str | None = None


@dataclass
class Trace:
    """A published SCP03 session: keys, handshake and the commands that followed."""

    name: str
    keys: StaticKeys
    init_update_cmd: str
    init_update_rsp: str
    external_authenticate: str
    steps: list[Step]
    session: SessionKeys | None = None
    host_cryptogram: str | None = None
    card_cryptogram: str | None = None

    @property
    def host_challenge(self) -> bytes:
        return h(self.init_update_cmd)[5:13]

    @property
    def card_challenge(self) -> bytes:
        return h(self.init_update_rsp)[13:21]

    @property
    def level(self) -> SecurityLevel:
        return SecurityLevel(h(self.external_authenticate)[2])


def pysim_keys(k_enc: str, kvn: int) -> StaticKeys:
    """pySim's key sets: MAC and DEK are ENC with each byte's high nibble set to 1 and 2."""
    enc = h(k_enc)
    assert all(b < 0x10 for b in enc)
    return StaticKeys(enc, bytes(b | 0x10 for b in enc), bytes(b | 0x20 for b in enc), kvn)


# The plain commands pySim replays after EXTERNAL AUTHENTICATE, in order: GET EID, then the
# four ISO cases.  The vectors spell them in their field names ("then_80F22002", ...).
GET_EID = "80E2910006BF3E035C015A00"
GET_EID_RESPONSE = "BF3E125A1089882119900000000000000000000005"
CASE_1, CASE_2, CASE_3, CASE_4 = (
    "80F22002",
    "80CA006600",
    "80F220020A4F0212345C054F9F70C5",
    "80F28002024F0000",
)
_PLAIN_IN_NAME = re.compile(r"^(?:then|wrapped)_([0-9A-F]+)")


def plain_from_name(name: str) -> str:
    match = _PLAIN_IN_NAME.match(name)
    assert match, name
    return match.group(1)


def traces_from_vectors(vectors: dict[str, dict[str, Any]]) -> list[Trace]:
    """The gp-scp03-pysim-* entries of the shared vectors as replayable traces."""
    full = vectors["gp-scp03-pysim-aes128-sl11"]["fields"]
    assert full["plain_GET_EID"] == GET_EID
    then = [
        (plain_from_name(name), value) for name, value in full.items() if name.startswith("then_")
    ]
    assert [plain for plain, _ in then] == [CASE_1, CASE_2, CASE_3, CASE_4]
    rmaced = full["GET_EID_resp_with_RMAC"]
    # SL 11 has no R-ENCRYPTION: the plain data is the published response without its 8-byte R-MAC.
    assert rmaced[:-16] == GET_EID_RESPONSE
    traces = [
        Trace(
            "gp-scp03-pysim-aes128-sl11",
            StaticKeys(h(full["K_ENC"]), h(full["K_MAC"]), bytes(range(0x20, 0x30)), 0x30),
            full["INITIALIZE_UPDATE_cmd"],
            full["INITIALIZE_UPDATE_resp"],
            full["EXTERNAL_AUTHENTICATE_cmd"],
            [Step(GET_EID, full["wrapped_GET_EID"], GET_EID_RESPONSE, rmaced)]
            + [Step(plain, wrapped) for plain, wrapped in then],
            SessionKeys(
                h(full["S-ENC(derived)"]), h(full["S-MAC(derived)"]), h(full["S-RMAC(derived)"])
            ),
            full["host_cryptogram"],
            full["card_cryptogram"],
        )
    ]
    for vector_id in (
        "gp-scp03-pysim-aes128_03",
        "gp-scp03-pysim-aes128_33",
        "gp-scp03-pysim-aes192_11",
    ):
        fields = vectors[vector_id]["fields"]
        (fourth,) = (name for name in fields if name.endswith("(4th cmd)"))
        assert plain_from_name(fourth) == CASE_3
        init_cmd = fields["INITIALIZE_UPDATE_cmd"]
        steps = [
            Step(GET_EID, fields["wrapped_GET_EID"]),
            # Not published, but the MAC chain and the encryption counter advance through them:
            # the 4th command only matches when both do.
            Step(CASE_1),
            Step(CASE_2),
            Step(CASE_3, fields[fourth]),
        ]
        traces.append(
            Trace(
                vector_id,
                pysim_keys(fields["K_ENC"], h(init_cmd)[2]),
                init_cmd,
                fields["INITIALIZE_UPDATE_resp"],
                fields["EXTERNAL_AUTHENTICATE_cmd"],
                steps,
            )
        )
    return traces


# The complete pySim traces the shared vectors were taken from (nine key sizes and levels, every
# command and the GET EID response, including R-ENCRYPTION at level 33), as published in
# osmocom/pysim tests/unittests/test_globalplatform.py@078ac2bf19d240c4fb94dc7bcf3f94e858a32cc1.
# columns: name, K_ENC, INITIALIZE UPDATE, its response, EXTERNAL AUTHENTICATE,
#          wrapped GET EID, its secured response, wrapped case 1, 2, 3, 4
_ENC128 = "000102030405060708090A0B0C0D0E0F"
_ENC192 = _ENC128 + "0001020304050607"
_ENC256 = _ENC128 * 2
PYSIM_TRACES = [
    (
        "AES128_11", _ENC128,
        "8050300008b13e5f938fc108c400",
        "000000000000000000003003703eb51047495b249f66c484c1d2ef1948000002",
        "84821100107d5f5826a993ebc89eea24957fa0b3ce",
        "84e291000ebf3e035c015a558d036518a2829700",
        "bf3e125a1089882119900000000000000000000005971be68992dbbdfa",
        "84f220020863a63f8959827fb2",
        "84ca006608a0c6a4a74166f7ce00",
        "84f22002124f0212345c054f9f70c52249b50272656536",
        "84f280020a4f00e91443f6dce6b8ed00",
    ),
    (
        "AES128_03", _ENC128,
        "80503000088e1552d0513c60f300",
        "0000000000000000000030037030760cd2c47c1dd395065fe5ead8a9d7000001",
        "8482030010fd4721a14d9b07003c451d2f8ae6bb21",
        "84e2910018ca9c00f6713d79bc8baa642bdff51c3f6a4082d3bd9ad26c00",
        "bf3e125a1089882119900000000000000000000005",
        "84f2200208c9811b11f1264cf1",
        "84ca006608e10ab60b3054798800",
        "84f22002184e2908bdb48b2315a55482e9e936ca122d6ecfae7d17416e",
        "84f28002180dd10a6b6193e5340b9e77d32d5a179cd710ac2773aefb2800",
    ),
    (
        "AES128_33", _ENC128,
        "8050300008fdf38259a1e0de4400",
        "000000000000000000003003703b1aca81e821f219081cdc01c26b372d000003",
        "84823300108c36f96bcc00724a4e13ad591d7da3f0",
        "84e2910018267a85dfe4a98fca6fb0527e0dfecce4914e40401433c87f00",
        "f3ba2b1013aa6224f5e1c138d71805c569e5439b47576260b75fc021b25097cb2e68f8a0144975b9",
        "84f2200208ac6a59024bed84cc",
        "84ca006608409912ad8fb7aed000",
        "84f22002185f3dafc3ac14c381536a488bf44e06d056df9d74dbd21e5a",
        "84f280021865165105be3373347d0424d4400af2ac393f569ec779389e00",
    ),
    (
        "AES192_11", _ENC192,
        "80503100087396430b768b085b00",
        "000000000000000000003103708cfc23522ffdbf1e5df5542cac8fd866000003",
        "84821100102145ed30b146f5db252fb7e624cec244",
        "84e291000ebf3e035c015aff42cf801d14394400",
        "bf3e125a1089882119900000000000000000000005162fbd33e04940a9",
        "84f22002084584e4f6784811ee",
        "84ca006608937776ebe190fa3000",
        "84f22002124f0212345c054f9f70c59a52bddf3040368c",
        "84f280020a4f009804b11411f7393d00",
    ),
    (
        "AES192_03", _ENC192,
        "805031000869c65da8202bf19f00",
        "00000000000000000000310370b570a67be38446717729d6dd3d2ec5b1000001",
        "848203001065df4f1a356a887905466516d9e5b7c1",
        "84e2910018d2c6fb477c5d4afe4fd4d21f17eff10d3578ec1774a12a2d00",
        "bf3e125a1089882119900000000000000000000005",
        "84f2200208964e188f0b1bb697",
        "84ca006608f0820035a41d3e1800",
        "84f220021806b076ed452cd1fa84f77f5c08a146aa77a9286757dea791",
        "84f2800218d06527e39222dce091fabdb8e9b898417a67a6852d3577db00",
    ),
    (
        "AES192_33", _ENC192,
        "80503100089b3f2eef0e8c937400",
        "00000000000000000000310370f6bb305a15bae1a68f79fb08212fbed7000002",
        "84823300109100bc22d58b45b86a26365ce39ff3cf",
        "84e29100188f7f946c84f70d17994bc6e8791251bb1bb1bf02cf8de58900",
        "c05176c1b6f72aae50c32cbee63b0e95998928fd4dfb2be9f27ffde8c8476f5909b4805cc4039599",
        "84f2200208d5d97754b6b3d2ba",
        "84ca006608516c82b8e30adbeb00",
        "84f2200218cc247f4761e6944277a4e0d6e32e44025b1e31537e2fc668",
        "84f2800218ba22b63d509bef5d093b43e5eaed03ed23144ab2d9cb51de00",
    ),
    (
        "AES256_11", _ENC256,
        "805032000811666d57866c6f5400",
        "0000000000000000000032037053ea8847efa7674e41498a4d66cf0dee000003",
        "84821100102f2ad190eff2fafc4908996d1cebd310",
        "84e291000ebf3e035c015af4b680372542b59d00",
        "bf3e125a10898821199000000000000000000000058012dd7f01f1c4c1",
        "84f2200208d618b7da68d5fe52",
        "84ca0066088f3e055db23ad5e500",
        "84f22002124f0212345c054f9f70c5b6e15cc42404915e",
        "84f280020a4f00aa124aa74afe7f7500",
    ),
    (
        "AES256_03", _ENC256,
        "8050320008c6066990fc426e1d00",
        "000000000000000000003203708682cd81bbd8919f2de3f2664581f118000001",
        "848203001077c493b632edadaf865a1e64acc07ce9",
        "84e29100183ddaa60594963befaada3525b492ede23c2ab2c1ce3afe4400",
        "bf3e125a1089882119900000000000000000000005",
        "84f2200208480ddc8e419da38d",
        "84ca0066083e9d6a6c0b2d732000",
        "84f22002183ebfef2da8b04af2a85f491f299b76973df76ff08a4031be",
        "84f2800218783fff80990f5585b1055010ea95094a26e4a8f1ef4b18e100",
    ),
    (
        "AES256_33", _ENC256,
        "805032000897b2055fe58599fd00",
        "00000000000000000000320370a8439a22cedf045fa9f1903b2834f26e000002",
        "8482330010508a0fd959d2e547c6b33154a6be2057",
        "84e29100187a5ef717eaf1e135ae92fe54429d0e465decda65f5fe5aea00",
        "ea90dbfa648a67c5eb6abc57f8530b97d0cd5647c5e8732016b55203b078dd2ace7f8bc5d1c1cd99",
        "84f2200208bcc5c17275545d93",
        "84ca00660804806aba9d543bb600",
        "84f2200218717222491556ec81a45f49ce48be33320024801a1c4cb0e0",
        "84f2800218561f105bccd3a1642904b251ccc1228beb80a82370a8637000",
    ),
]  # fmt: skip


def pysim_trace(row: tuple[str, ...]) -> Trace:
    name, k_enc, init_cmd, init_rsp, ext_auth, eid, eid_rsp, c1, c2, c3, c4 = (
        value.upper() for value in row
    )
    steps = [
        Step(GET_EID, eid, GET_EID_RESPONSE, eid_rsp),
        Step(CASE_1, c1),
        Step(CASE_2, c2),
        Step(CASE_3, c3),
        Step(CASE_4, c4),
    ]
    return Trace(name, pysim_keys(k_enc, h(init_cmd)[2]), init_cmd, init_rsp, ext_auth, steps)


def replay_host(trace: Trace) -> None:
    """Run the host side through a trace and compare every published byte."""
    keys, host_challenge = trace.keys, trace.host_challenge
    command = HostChannel.initialize_update_command(keys.kvn, host_challenge)
    assert hexof(command) == trace.init_update_cmd
    if trace.session is not None:
        assert derive_session_keys(keys, host_challenge, trace.card_challenge) == trace.session
    if trace.card_cryptogram is not None:
        assert h(trace.init_update_rsp)[21:29] == h(trace.card_cryptogram)
    channel, external = HostChannel.open(
        keys, host_challenge, h(trace.init_update_rsp), trace.level
    )
    assert channel.level == trace.level
    assert hexof(external) == trace.external_authenticate
    if trace.host_cryptogram is not None:
        assert external.data[:8] == h(trace.host_cryptogram)
    for step in trace.steps:
        wrapped = channel.wrap(CommandApdu.decode(h(step.plain)))
        if step.wrapped is not None:
            assert hexof(wrapped) == step.wrapped
        if step.wrapped_response is not None:
            assert step.plain_response is not None
            response = channel.unwrap(ResponseApdu(h(step.wrapped_response), Sw.OK))
            assert response == ResponseApdu(h(step.plain_response), Sw.OK)


def replay_card(trace: Trace) -> None:
    """Run the card side through a trace: accept every published command, answer the same."""
    published = h(trace.init_update_rsp)
    card, response = CardChannel.initialize_update(
        trace.keys, trace.host_challenge, trace.card_challenge, published[:10]
    )
    # The traces come from a card with i = 70 (pseudo-random challenge, 3-byte sequence counter
    # after the cryptogram); ours answers i = 60 and no counter.  Everything else is equal.
    assert published[12] == 0x70 and len(published) == 32
    assert response[:12] == published[:12]
    assert response[12] == 0x60
    assert response[13:] == published[13:29]
    assert not card.is_open
    assert card.external_authenticate(CommandApdu.decode(h(trace.external_authenticate))) == Sw.OK
    assert card.is_open
    assert card.level == trace.level
    # A host alongside supplies the commands the trace does not publish.
    host, _ = HostChannel.open(
        trace.keys, trace.host_challenge, h(trace.init_update_rsp), trace.level
    )
    for step in trace.steps:
        plain = CommandApdu.decode(h(step.plain))
        ours = host.wrap(plain)
        wire = h(step.wrapped) if step.wrapped is not None else ours.encode()
        assert card.unwrap(CommandApdu.decode(wire)) == plain
        if step.plain_response is not None:
            answer = card.wrap(ResponseApdu(h(step.plain_response), Sw.OK))
            assert answer.data.hex().upper() == step.wrapped_response
            assert answer.sw == Sw.OK


SCP03_VECTORS = {
    "gp-scp03-pysim-aes128-sl11",
    "gp-scp03-pysim-aes128_03",
    "gp-scp03-pysim-aes128_33",
    "gp-scp03-pysim-aes192_11",
    "gp-scp03-openjavacard-derivation",
    "gp-scp03-gppro-kdf3",
}


# -- published vectors --------------------------------------------------------------------------


def test_every_scp03_vector_is_checked(vectors: dict[str, dict[str, Any]]) -> None:
    assert {i for i in vectors if i.startswith("gp-scp03-")} == SCP03_VECTORS


@pytest.mark.parametrize("length", [0, 16, 40, 64])
def test_aes_cmac_rfc4493(vectors: dict[str, dict[str, Any]], length: int) -> None:
    fields = vectors["rfc4493-aes-cmac"]["fields"]
    message = h(fields["M64"])[:length]
    assert aes_cmac(h(fields["K"]), message) == h(fields[f"CMAC_len{length}"])


def test_aes_cmac_nist_updated_example(vectors: dict[str, dict[str, Any]]) -> None:
    fields = vectors["rfc4493-aes-cmac"]["fields"]
    tag = aes_cmac(h(fields["K"]), h(fields["M64"])[:20])
    assert tag == h(fields["NIST_updated_example3_len20"])


def test_host_replays_shared_traces(vectors: dict[str, dict[str, Any]]) -> None:
    traces = traces_from_vectors(vectors)
    assert {t.name for t in traces} == {i for i in SCP03_VECTORS if "pysim" in i}
    for trace in traces:
        replay_host(trace)


def test_card_replays_shared_traces(vectors: dict[str, dict[str, Any]]) -> None:
    for trace in traces_from_vectors(vectors):
        replay_card(trace)


def test_shared_sl11_trace_cryptograms_and_session_keys(
    vectors: dict[str, dict[str, Any]],
) -> None:
    fields = vectors["gp-scp03-pysim-aes128-sl11"]["fields"]
    context = h(fields["host_challenge"]) + h(fields["card_challenge"])
    s_mac = h(fields["S-MAC(derived)"])
    assert kdf(s_mac, 0x00, context, 64) == h(fields["card_cryptogram"])
    assert kdf(s_mac, 0x01, context, 64) == h(fields["host_cryptogram"])


def test_openjavacard_session_keys(vectors: dict[str, dict[str, Any]]) -> None:
    fields = vectors["gp-scp03-openjavacard-derivation"]["fields"]
    key = h(fields["key"])
    session = derive_session_keys(
        StaticKeys(key, key, key), h(fields["host_challenge"]), h(fields["card_challenge"])
    )
    assert session == SessionKeys(h(fields["S-ENC"]), h(fields["S-MAC"]), h(fields["S-RMAC"]))


def test_openjavacard_cmac_chaining(vectors: dict[str, dict[str, Any]]) -> None:
    """S-MAC = 40..4F, chaining value zero; CLA 10 (chaining) becomes 14 and is MACed so."""
    fields = vectors["gp-scp03-openjavacard-derivation"]["fields"]
    key = h(fields["key"])
    channel = HostChannel(SessionKeys(key, key, key), SecurityLevel.C_MAC)
    # openjavacard's plain commands carry Le 00 (its SCP03WrapperTest.testReference); Le is not
    # MACed, it only reappears at the end of the wrapped bytes.
    five = CommandApdu(0x10, 0x20, 0x00, 0x30, h("0102030405"), ne=256)
    eight = CommandApdu(0x10, 0x20, 0x00, 0x30, h("0102030405060708"), ne=256)
    assert hexof(channel.wrap(five)) == fields["wrap_1020003005_0102030405_first"]
    assert hexof(channel.wrap(five)) == fields["wrap_same_second"]
    assert hexof(channel.wrap(eight)) == fields["wrap_8bytes_third"]


def test_sp800_108_kdf_gppro_kdf3(vectors: dict[str, dict[str, Any]]) -> None:
    """Counter first, then the fixed data: two 16-byte blocks with counters 01 and 02."""
    fields = vectors["gp-scp03-gppro-kdf3"]["fields"]
    fixed = h("0000000100") + h(fields["KDD"])
    derived = sp800_108_counter_kdf(h(fields["master"]), b"", fixed, 256)
    assert derived == h(fields["ENC_diversified"])


@pytest.mark.parametrize("row", PYSIM_TRACES, ids=[row[0] for row in PYSIM_TRACES])
def test_host_replays_complete_pysim_trace(row: tuple[str, ...]) -> None:
    replay_host(pysim_trace(row))


@pytest.mark.parametrize("row", PYSIM_TRACES, ids=[row[0] for row in PYSIM_TRACES])
def test_card_replays_complete_pysim_trace(row: tuple[str, ...]) -> None:
    replay_card(pysim_trace(row))


# -- the project's own key derivation -----------------------------------------------------------

MASTER = bytes(range(0xA0, 0xB0))
SERIAL = h("0123456789ABCDEF")
KDD = b"\x00\x00" + SERIAL


def test_diversify_keys_follows_the_card_profile() -> None:
    keys = diversify_keys(MASTER, SERIAL)
    for constant, key in ((0x01, keys.enc), (0x02, keys.mac), (0x03, keys.dek)):
        block = bytes(11) + bytes((constant, 0x00, 0x00, 0x80, 0x01)) + SERIAL
        assert key == aes_cmac(MASTER, block)
    assert keys.kvn == 0x30
    assert len({keys.enc, keys.mac, keys.dek}) == 3
    assert diversify_keys(MASTER, h("0123456789ABCDEE")).enc != keys.enc
    with pytest.raises(ValueError):
        diversify_keys(MASTER, KDD)


def test_keys_stay_out_of_repr() -> None:
    keys = diversify_keys(MASTER, SERIAL)
    session = derive_session_keys(keys, bytes(8), bytes(8))
    for text in (repr(keys), repr(session)):
        for value in (keys.enc, keys.mac, keys.dek, session.s_enc, session.s_mac):
            assert value.hex() not in text.lower()
            assert repr(value) not in text


# -- interoperation -----------------------------------------------------------------------------

LEVELS = [0x01, 0x03, 0x11, 0x13, 0x33]
HOST_CHALLENGE = h("1122334455667788")
CARD_CHALLENGE = h("99AABBCCDDEEFF00")


def open_pair(level: int) -> tuple[HostChannel, CardChannel]:
    """INITIALIZE UPDATE and EXTERNAL AUTHENTICATE between our host and our card."""
    keys = diversify_keys(MASTER, SERIAL)
    init = HostChannel.initialize_update_command(keys.kvn, HOST_CHALLENGE)
    assert hexof(init) == "8050300008" + HOST_CHALLENGE.hex().upper() + "00"
    card, response = CardChannel.initialize_update(keys, init.data, CARD_CHALLENGE, KDD)
    assert response[:13] == KDD + h("300360")
    assert response[13:21] == CARD_CHALLENGE
    assert len(response) == 29
    host, external = HostChannel.open(keys, HOST_CHALLENGE, response, SecurityLevel(level))
    assert (external.cla, external.ins, external.p1, external.p2) == (0x84, 0x82, level, 0x00)
    assert len(external.data) == 16
    assert card.external_authenticate(CommandApdu.decode(external.encode())) == Sw.OK
    assert card.is_open
    assert card.level == host.level == level
    return host, card


def over_the_wire(command: CommandApdu) -> CommandApdu:
    return CommandApdu.decode(command.encode())


EXCHANGES = [
    (CommandApdu(0x00, 0xA4, 0x04, 0x0C, h("D3921000310001010408")), ResponseApdu(b"", 0x9000)),
    (CommandApdu(0x00, 0xB0, 0x81, 0x00, ne=256), ResponseApdu(b"\xff\x10" + bytes(30), 0x9000)),
    (CommandApdu(0x00, 0x44, 0x00, 0x00), ResponseApdu(b"", 0x9000)),
    (CommandApdu(0x00, 0x2C, 0x02, 0x91, b"1234"), ResponseApdu(b"", 0x63C2)),
    (CommandApdu(0x80, 0x2A, 0x00, 0x00, bytes(16), ne=256), ResponseApdu(bytes(64), 0x9000)),
    (CommandApdu(0x10, 0xD6, 0x00, 0x00, bytes(range(200))), ResponseApdu(b"", 0x9000)),
    (CommandApdu(0x00, 0xD6, 0x00, 0xC8, bytes(300)), ResponseApdu(b"", 0x6A82)),
    (CommandApdu(0x00, 0xB0, 0x00, 0x00, ne=65536), ResponseApdu(b"end", 0x6282)),
    (CommandApdu(0x00, 0xB0, 0x00, 0x00, ne=65536), ResponseApdu(bytes(1000), 0x9000)),
]


@pytest.mark.parametrize("level", LEVELS, ids=[f"SL{level:02X}" for level in LEVELS])
def test_round_trip(level: int) -> None:
    host, card = open_pair(level)
    for command, response in EXCHANGES:
        wire = over_the_wire(host.wrap(command))
        assert wire.cla == command.cla | 0x04
        assert (wire.ins, wire.p1, wire.p2, wire.ne) == (
            command.ins,
            command.p1,
            command.p2,
            command.ne,
        )
        if level & SecurityLevel.C_DECRYPTION and command.data:
            assert len(wire.data) == (len(command.data) // 16 + 1) * 16 + 8
            assert command.data not in wire.data
        else:
            assert wire.data[:-8] == command.data
        assert card.unwrap(wire) == command

        answer = card.wrap(response)
        answer = ResponseApdu.decode(answer.encode())
        assert answer.sw == response.sw
        protected = response.sw == 0x9000 or response.sw >> 8 in (0x62, 0x63)
        if level & SecurityLevel.R_MAC and protected:
            plain_length = len(response.data)
            if level & SecurityLevel.R_ENCRYPTION and response.data:
                plain_length = (len(response.data) // 16 + 1) * 16
                assert response.data not in answer.data
            assert len(answer.data) == plain_length + 8
        else:
            assert answer == response
        assert host.unwrap(answer) == response


@settings(max_examples=60, deadline=None)
@given(
    level=st.sampled_from(LEVELS),
    exchanges=st.lists(
        st.tuples(
            st.sampled_from([0x00, 0x80, 0x10, 0x90]),
            st.binary(max_size=300),
            st.integers(min_value=0, max_value=65536),
            st.binary(max_size=300),
            st.sampled_from([0x9000, 0x6282, 0x63C1, 0x6A82, 0x6982, 0x6D00]),
        ),
        min_size=1,
        max_size=6,
    ),
)
def test_round_trip_any_traffic(
    level: int, exchanges: list[tuple[int, bytes, int, bytes, int]]
) -> None:
    host, card = open_pair(level)
    for cla, data, ne, response_data, sw in exchanges:
        command = CommandApdu(cla, 0xD6, 0x01, 0x02, data, ne)
        assert card.unwrap(over_the_wire(host.wrap(command))) == command
        response = ResponseApdu(response_data, sw)
        answer = host.unwrap(ResponseApdu.decode(card.wrap(response).encode()))
        protected = sw == 0x9000 or sw >> 8 in (0x62, 0x63)
        # Under R-MAC an error status word goes out alone (GP Amendment D).
        expected = (
            response if protected or not level & SecurityLevel.R_MAC else ResponseApdu(b"", sw)
        )
        assert answer == expected


def test_ne_is_not_maced() -> None:
    """A transport may lower Ne after wrapping (short readers cap it at 256)."""
    host, card = open_pair(0x33)
    wire = host.wrap(CommandApdu(0x00, 0xB0, 0x81, 0x00, b"", 65536))
    capped = CommandApdu(wire.cla, wire.ins, wire.p1, wire.p2, wire.data, 256)
    assert card.unwrap(over_the_wire(capped)).ne == 256


# -- tampering ----------------------------------------------------------------------------------


@pytest.mark.parametrize("level", LEVELS, ids=[f"SL{level:02X}" for level in LEVELS])
def test_any_flipped_bit_in_a_command_is_refused(level: int) -> None:
    command = CommandApdu(0x00, 0xD6, 0x00, 0x00, b"resident data")
    host, card = open_pair(level)
    raw = host.wrap(command).encode()
    assert card.unwrap(CommandApdu.decode(raw)) == command
    assert raw[4] == len(raw) - 5  # short Lc at index 4, no Le: everything else is protected
    for index in [0, 1, 2, 3, *range(5, len(raw))]:
        for bit in range(8):
            host, card = open_pair(level)
            assert host.wrap(command).encode() == raw
            flipped = bytearray(raw)
            flipped[index] ^= 1 << bit
            with pytest.raises(SecureChannelError):
                card.unwrap(CommandApdu.decode(bytes(flipped)))
            assert not card.is_open


@pytest.mark.parametrize("level", [0x11, 0x13, 0x33], ids=["SL11", "SL13", "SL33"])
@pytest.mark.parametrize(
    "data", [b"", b"\x5a\x08" + bytes(8), bytes(16)], ids=["no-data", "10", "16"]
)
def test_any_flipped_bit_in_a_response_is_refused(level: int, data: bytes) -> None:
    command = CommandApdu(0x00, 0xB0, 0x81, 0x00, ne=256)
    host, card = open_pair(level)
    card.unwrap(host.wrap(command))
    raw = card.wrap(ResponseApdu(data, 0x9000)).encode()
    assert host.unwrap(ResponseApdu.decode(raw)) == ResponseApdu(data, 0x9000)
    for index in range(len(raw)):
        for bit in range(8):
            flipped = bytearray(raw)
            flipped[index] ^= 1 << bit
            with pytest.raises(SecureChannelError):
                host.unwrap(ResponseApdu.decode(bytes(flipped)))


def test_replayed_command_is_refused() -> None:
    host, card = open_pair(0x01)
    wire = host.wrap(CommandApdu(0x00, 0xE4, 0x00, 0x00))
    card.unwrap(wire)
    with pytest.raises(SecureChannelError):
        card.unwrap(wire)


def test_response_for_another_command_is_refused() -> None:
    host, card = open_pair(0x13)
    card.unwrap(host.wrap(CommandApdu(0x00, 0xB0, 0x81, 0x00, ne=256)))
    first = card.wrap(ResponseApdu(b"first", 0x9000))
    card.unwrap(host.wrap(CommandApdu(0x00, 0xB0, 0x82, 0x00, ne=256)))
    with pytest.raises(SecureChannelError):
        host.unwrap(first)


def test_card_refuses_commands_after_a_bad_mac() -> None:
    host, card = open_pair(0x03)
    good = host.wrap(CommandApdu(0x00, 0x44, 0x00, 0x00))
    bad = CommandApdu(good.cla, good.ins, good.p1, good.p2, good.data[:-1] + b"\x00")
    if bad == good:
        bad = CommandApdu(good.cla, good.ins, good.p1, good.p2, good.data[:-1] + b"\x01")
    with pytest.raises(SecureChannelError):
        card.unwrap(bad)
    assert not card.is_open
    with pytest.raises(SecureChannelError):
        card.unwrap(good)
    with pytest.raises(SecureChannelError):
        card.wrap(ResponseApdu(b"", 0x9000))


def test_card_refuses_plain_and_short_commands() -> None:
    for command in (CommandApdu(0x00, 0xA4, 0x04, 0x0C, bytes(16)), CommandApdu(0x04, 0x44, 0, 0)):
        _, card = open_pair(0x01)
        with pytest.raises(SecureChannelError):
            card.unwrap(command)


def test_card_refuses_bad_padding_under_c_decryption() -> None:
    host, card = open_pair(0x03)
    # A command whose MAC is right but whose data does not decrypt to padded plaintext: wrap it
    # at level 01 with the same keys, so the card at level 03 decrypts data that is not padded.
    mac_only, _ = open_pair(0x01)
    wire = mac_only.wrap(CommandApdu(0x00, 0xD6, 0x00, 0x00, bytes(16)))
    with pytest.raises(SecureChannelError):
        card.unwrap(wire)
    assert not card.is_open
    del host


def test_error_status_words_carry_no_protection() -> None:
    host, card = open_pair(0x33)
    card.unwrap(host.wrap(CommandApdu(0x00, 0xB0, 0x81, 0x00, ne=256)))
    assert card.wrap(ResponseApdu(b"leak", 0x6A82)) == ResponseApdu(b"", 0x6A82)
    assert host.unwrap(ResponseApdu(b"", 0x6A82)) == ResponseApdu(b"", 0x6A82)
    with pytest.raises(SecureChannelError):
        host.unwrap(ResponseApdu(b"data nobody can check", 0x6A82))
    with pytest.raises(SecureChannelError):
        host.unwrap(ResponseApdu(b"", 0x9000))  # 9000 without its R-MAC


def test_level_01_and_03_responses_pass_unchanged() -> None:
    for level in (0x01, 0x03):
        host, card = open_pair(level)
        card.unwrap(host.wrap(CommandApdu(0x00, 0xB0, 0x81, 0x00, ne=256)))
        response = ResponseApdu(b"plain", 0x9000)
        assert card.wrap(response) == response
        assert host.unwrap(response) == response


# -- the handshake ------------------------------------------------------------------------------


def _card_and_response(keys: StaticKeys | None = None) -> tuple[CardChannel, bytes]:
    return CardChannel.initialize_update(
        keys or diversify_keys(MASTER, SERIAL), HOST_CHALLENGE, CARD_CHALLENGE, KDD
    )


def test_host_refuses_a_wrong_card_cryptogram() -> None:
    keys = diversify_keys(MASTER, SERIAL)
    _, response = _card_and_response()
    for index in range(21, 29):
        tampered = bytearray(response)
        tampered[index] ^= 0x01
        with pytest.raises(SecureChannelError):
            HostChannel.open(keys, HOST_CHALLENGE, bytes(tampered), SecurityLevel(0x33))


def test_host_refuses_a_card_with_other_keys() -> None:
    _, response = _card_and_response(diversify_keys(bytes(16), SERIAL))
    with pytest.raises(SecureChannelError):
        HostChannel.open(
            diversify_keys(MASTER, SERIAL), HOST_CHALLENGE, response, SecurityLevel(0x33)
        )


def test_host_refuses_malformed_init_update_responses() -> None:
    keys = diversify_keys(MASTER, SERIAL)
    _, response = _card_and_response()
    for bad in (
        response[:-1],
        response + b"\x00",
        response[:11] + b"\x02" + response[12:],  # SCP02
        response[:10] + b"\x31" + response[11:],  # another key version
        response[:12] + b"\x00" + response[13:],  # no R-MAC, no R-ENC offered
        response[:12] + b"\x70" + response[13:],  # pseudo-random: a sequence counter must follow
        response[:12] + b"\x61" + response[13:],  # S16 mode
    ):
        with pytest.raises(SecureChannelError):
            HostChannel.open(keys, HOST_CHALLENGE, bad, SecurityLevel(0x33))
    # Without R-MAC and R-ENC offered, level 03 is still possible.
    no_response_protection = response[:12] + b"\x00" + response[13:]
    HostChannel.open(keys, HOST_CHALLENGE, no_response_protection, SecurityLevel(0x03))


def test_host_refuses_levels_amendment_d_does_not_define() -> None:
    keys = diversify_keys(MASTER, SERIAL)
    _, response = _card_and_response()
    for level in (0x00, 0x02, 0x10, 0x31, 0x23):
        with pytest.raises(ValueError):
            HostChannel.open(keys, HOST_CHALLENGE, response, SecurityLevel(level))


def test_card_answers_a_wrong_host_cryptogram_with_6300() -> None:
    keys = diversify_keys(MASTER, SERIAL)
    card, response = _card_and_response()
    _, external = HostChannel.open(keys, HOST_CHALLENGE, response, SecurityLevel(0x33))
    data = bytes((external.data[0] ^ 0x80,)) + external.data[1:]
    tampered = CommandApdu(external.cla, external.ins, external.p1, external.p2, data)
    assert card.external_authenticate(tampered) == 0x6300
    assert not card.is_open
    # One attempt per INITIALIZE UPDATE: the genuine command now comes too late.
    assert card.external_authenticate(external) == Sw.CONDITIONS_NOT_SATISFIED
    assert not card.is_open


def test_card_answers_a_bad_mac_or_level_with_6982() -> None:
    keys = diversify_keys(MASTER, SERIAL)
    _, external = HostChannel.open(
        keys, HOST_CHALLENGE, _card_and_response()[1], SecurityLevel(0x33)
    )
    bad_mac = CommandApdu(0x84, 0x82, 0x33, 0x00, external.data[:15] + b"\x00")
    if bad_mac == external:
        bad_mac = CommandApdu(0x84, 0x82, 0x33, 0x00, external.data[:15] + b"\x01")
    other_level = CommandApdu(0x84, 0x82, 0x13, 0x00, external.data)  # MAC covers P1
    for command in (
        bad_mac,
        other_level,
        CommandApdu(0x84, 0x82, 0x02, 0x00, external.data),  # not a level
        CommandApdu(0x84, 0x82, 0x00, 0x00, external.data),  # no C-MAC
        CommandApdu(0x80, 0x82, 0x33, 0x00, external.data),  # CLA without secure messaging
    ):
        card, _ = _card_and_response()
        assert card.external_authenticate(command) == Sw.SECURITY_STATUS_NOT_SATISFIED
        assert not card.is_open


def test_card_external_authenticate_twice() -> None:
    keys = diversify_keys(MASTER, SERIAL)
    card, response = _card_and_response()
    _, external = HostChannel.open(keys, HOST_CHALLENGE, response, SecurityLevel(0x01))
    assert card.external_authenticate(external) == Sw.OK
    assert card.external_authenticate(external) == Sw.CONDITIONS_NOT_SATISFIED
    assert card.is_open


@settings(max_examples=200, deadline=None)
@given(
    cla=st.integers(0, 255),
    p1=st.integers(0, 255),
    p2=st.integers(0, 255),
    data=st.binary(max_size=40),
    ne=st.integers(0, 65536),
)
def test_card_external_authenticate_never_raises(
    cla: int, p1: int, p2: int, data: bytes, ne: int
) -> None:
    card, _ = _card_and_response()
    sw = card.external_authenticate(CommandApdu(cla, 0x82, p1, p2, data, ne))
    assert sw in (0x6300, 0x6700, 0x6982, 0x6A86)
    assert not card.is_open


def test_unwrap_before_the_channel_is_open() -> None:
    card, _ = _card_and_response()
    with pytest.raises(SecureChannelError):
        card.unwrap(CommandApdu(0x84, 0x44, 0x00, 0x00, bytes(8)))


def test_secure_channel_error_speaks_to_the_clerk() -> None:
    assert issubclass(SecureChannelError, CardError)
    error = SecureChannelError("card cryptogram mismatch")
    assert SecureChannelError.what != CardError.what
    assert SecureChannelError.todo != CardError.todo
    assert error.detail == "card cryptogram mismatch"


def test_challenges_and_keys_are_checked() -> None:
    keys = diversify_keys(MASTER, SERIAL)
    with pytest.raises(ValueError):
        HostChannel.initialize_update_command(0x30, bytes(7))
    with pytest.raises(ValueError):
        CardChannel.initialize_update(keys, bytes(8), bytes(8), SERIAL)
    with pytest.raises(ValueError):
        StaticKeys(bytes(15), bytes(16), bytes(16))
    with pytest.raises(ValueError):
        kdf(MASTER, 0x100, b"", 128)
