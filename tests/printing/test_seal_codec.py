"""Seal encodings against BSI TR-03137: C40, dates, header and message zone, Base45."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from counter_app.printing import base45, c40
from counter_app.printing.seal import (
    Feature,
    SealFormatError,
    SealHeader,
    decode_date,
    encode_date,
    parse,
    signed_part,
)
from tests.support.vectors import vector

C40_TEXT = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ", max_size=40)


def _all_seals() -> dict[str, bytes]:
    seals = {
        "annexC": vector("bsi-tr03137-annexC")["fields"]["seal_raw"],
        "annexD": vector("bsi-tr03137-annexD")["fields"]["seal_raw"],
        **vector("vdstools-extra-seals")["fields"],
    }
    return {name: bytes.fromhex(value) for name, value in seals.items()}


def test_c40_encodes_every_annex_b_example() -> None:
    fields = vector("bsi-tr03137-annexB-c40")["fields"]
    for text, expected in fields.items():
        if text.startswith(("date_", "feature_")):
            continue
        assert c40.encode(text).hex().upper() == expected, text
        assert c40.decode(bytes.fromhex(expected)) == text.replace("<", " ")


def test_a_c40_feature_is_tag_length_value() -> None:
    expected = vector("bsi-tr03137-annexB-c40")["fields"]["feature_tag0A_BSI01"]
    assert Feature(0x0A, c40.encode("BSI01")).encode().hex().upper() == expected


def test_dates_encode_as_the_annex_examples() -> None:
    fields = vector("bsi-tr03137-annexB-c40")["fields"]
    for day, key in (
        (date(2020, 1, 1), "date_01.01.2020"),
        (date(2020, 1, 13), "date_13.01.2020"),
        (date(2021, 12, 3), "date_03.12.2021"),
    ):
        assert encode_date(day).hex().upper() == fields[key]
        assert decode_date(bytes.fromhex(fields[key])) == day
    assert encode_date(date(1957, 3, 25)) == bytes.fromhex("319EF5")  # TR-03137 §3.2.3


@given(C40_TEXT)
def test_c40_round_trips_any_text_of_its_alphabet(text: str) -> None:
    assert c40.decode(c40.encode(text)) == text
    assert len(c40.encode(text)) == c40.encoded_length(len(text))


def test_c40_refuses_characters_outside_its_alphabet() -> None:
    with pytest.raises(c40.C40Error):
        c40.encode("abc")
    with pytest.raises(c40.C40Error):
        c40.decode(b"\x01")


def test_base45_matches_rfc_9285_examples() -> None:
    assert base45.encode(b"AB") == "BB8"
    assert base45.encode(b"Hello!!") == "%69 VD92EX0"
    assert base45.encode(b"base-45") == "UJCLQE7W581"
    assert base45.decode("QED8WEX0") == b"ietf!"
    for bad in ("GGW", "A", "ab"):  # 65535 + 1, a 3n+1 length, lower case
        with pytest.raises(base45.Base45Error):
            base45.decode(bad)


@given(st.binary(max_size=300))
def test_base45_round_trips_any_bytes(data: bytes) -> None:
    assert base45.decode(base45.encode(data)) == data


def test_every_published_seal_parses_and_re_encodes_to_the_same_bytes() -> None:
    for name, raw in _all_seals().items():
        seal = parse(raw)
        assert seal.encode() == raw, name
        assert signed_part(seal.header, seal.features) == seal.signed_data, name


def test_annex_c_header_fields() -> None:
    seal = parse(_all_seals()["annexC"])
    assert seal.header == SealHeader(
        version=0x02,
        country="D<<",
        signer="DETS",
        certificate_reference="00027",
        issue_date=date(2020, 1, 1),
        signature_date=date(2020, 1, 13),
        feature_reference=0xFD,
        type_category=0x02,
    )
    assert [(f.tag, len(f.value)) for f in seal.features] == [(0x02, 48), (0x03, 8)]
    assert len(seal.signature) == 64


def test_version_4_header_has_a_variable_certificate_reference() -> None:
    seal = parse(_all_seals()["addressStickerId"])
    assert (seal.header.version, seal.header.signer, seal.header.certificate_reference) == (
        0x03,
        "DETS",
        "32",
    )
    assert len(seal.signature) == 56  # brainpoolP224r1


def test_long_features_use_multi_byte_lengths() -> None:
    seal = parse(_all_seals()["tempPassport"])
    assert len(seal.features[0].value) == 891  # a JPEG 2000 facial image, length 82 03 7B


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda b: b"\xdd" + b[1:], "magic"),
        (lambda b: b[:1] + b"\x07" + b[2:], "version"),
        (lambda b: b[:-1], "past the end"),
        (lambda b: b + b"\x00", "follow the signature"),
        (lambda b: b[:-66], "no signature zone"),
    ],
)
def test_malformed_seals_are_refused_with_a_reason(mutate: object, message: str) -> None:
    raw = _all_seals()["annexC"]
    with pytest.raises(SealFormatError, match=message):
        parse(mutate(raw))  # type: ignore[operator]
