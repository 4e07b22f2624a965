"""The cardholder data a card is personalised from: validation, images, privacy, demo data."""

from __future__ import annotations

import dataclasses
import io
import re
from datetime import date, datetime
from typing import Any

import pytest
from PIL import Image

from counter_app.card.face_images import demo_photo_jpeg, render_text_image
from counter_app.card.personal_data import (
    ADDRESS_IMAGE_SIZE,
    CODE_IMAGE_SIZE,
    FACE_IMAGES_MAX,
    NAME_IMAGE_SIZE,
    CardholderData,
    CardholderDataError,
    InvalidAddressError,
    InvalidBirthDateError,
    InvalidExpiryError,
    InvalidNameError,
    InvalidPhotoError,
    InvalidResidentCodeError,
    InvalidSexError,
    build_cardholder,
    demo_cardholder,
    to_fullwidth_digits,
)
from counter_app.errors import CounterError
from counter_app.japanese_dates import SecurityCodeError

TODAY = date(2026, 4, 1)
RESIDENT_CODE = "90817263544"


def _valid(**changes: Any) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "name": "山田\u3000太郎",
        "address": "東京都千代田区霞が関1丁目2番3号",
        "birth_date": date(1955, 2, 17),
        "sex": 1,
        "expiry": date(2036, 2, 16),
        "security_code": "4821",
        "photo_jpeg": b"",
        "resident_code": None,
    }
    fields.update(changes)
    return fields


def _image(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def test_build_renders_the_face_images() -> None:
    data = build_cardholder(**_valid(), today=TODAY)
    for image_bytes, size in [
        (data.name_image, NAME_IMAGE_SIZE),
        (data.address_image, ADDRESS_IMAGE_SIZE),
        (data.code_image, CODE_IMAGE_SIZE),
    ]:
        image = _image(image_bytes)
        assert (image.format, image.mode, image.size) == ("PNG", "1", size)
    assert data.name_image == render_text_image(
        "山田\u3000太郎", width_px=NAME_IMAGE_SIZE[0], height_px=NAME_IMAGE_SIZE[1]
    )
    assert data.photo_jpeg == b""


def test_address_digits_become_full_width() -> None:
    data = build_cardholder(**_valid(), today=TODAY)
    assert data.address == "東京都千代田区霞が関１丁目２番３号"
    assert to_fullwidth_digits("1-23 ４５") == "１-２３ ４５"
    assert data.address_image == render_text_image(
        data.address, width_px=ADDRESS_IMAGE_SIZE[0], height_px=ADDRESS_IMAGE_SIZE[1]
    )


def test_unlock_number_follows_the_profile_example() -> None:
    assert build_cardholder(**_valid(), today=TODAY).unlock_number == "30021720364821"


def test_photo_and_resident_code_are_kept() -> None:
    photo = demo_photo_jpeg(3)
    data = build_cardholder(**_valid(photo_jpeg=photo, resident_code=RESIDENT_CODE), today=TODAY)
    assert data.photo_jpeg == photo
    assert data.resident_code == RESIDENT_CODE


def test_resident_code_never_appears_in_repr_or_str() -> None:
    data = build_cardholder(**_valid(resident_code=RESIDENT_CODE), today=TODAY)
    for text in (repr(data), str(data), repr([data]), f"{data}", repr({"card": data})):
        assert RESIDENT_CODE not in text
        assert "resident_code" not in text
    assert "4821" not in repr(data)  # nor the security code, part of the unlock number
    assert "山田" in repr(data)  # the repr is still useful


def test_foreign_resident_name_in_latin_script_with_tsusho() -> None:
    data = build_cardholder(
        **_valid(name="WILLIAMSON ELIZABETH\u3000（山田花子）", sex=2), today=TODAY
    )
    assert data.name == "WILLIAMSON ELIZABETH\u3000（山田花子）"


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"name": ""}, InvalidNameError),
        ({"name": " 山田\u3000太郎"}, InvalidNameError),
        ({"name": "山田\u3000太郎\u3000"}, InvalidNameError),
        ({"name": "山田\n太郎"}, InvalidNameError),
        ({"name": "山田\u200b太郎"}, InvalidNameError),
        ({"name": "山田\u3000\u3000太郎"}, InvalidNameError),
        ({"name": "山" * 101}, InvalidNameError),
        ({"address": ""}, InvalidAddressError),
        ({"address": "東京都\t千代田区"}, InvalidAddressError),
        ({"birth_date": "1955-02-17"}, InvalidBirthDateError),
        ({"birth_date": datetime(1955, 2, 17)}, InvalidBirthDateError),
        ({"birth_date": date(1868, 10, 22)}, InvalidBirthDateError),
        ({"birth_date": date(2026, 4, 2)}, InvalidBirthDateError),
        ({"sex": 0}, InvalidSexError),
        ({"sex": 3}, InvalidSexError),
        ({"sex": True}, InvalidSexError),
        ({"sex": "1"}, InvalidSexError),
        ({"expiry": date(2026, 4, 1)}, InvalidExpiryError),
        ({"expiry": date(1950, 1, 1)}, InvalidExpiryError),
        ({"security_code": "482"}, SecurityCodeError),
        ({"security_code": "４８２１"}, SecurityCodeError),
        ({"security_code": 4821}, SecurityCodeError),
        ({"resident_code": "1234567890"}, InvalidResidentCodeError),
        ({"resident_code": "1234567890a"}, InvalidResidentCodeError),
        ({"resident_code": "１２３４５６７８９０１"}, InvalidResidentCodeError),
        ({"photo_jpeg": b"not a photo"}, InvalidPhotoError),
        ({"photo_jpeg": b"\x89PNG\r\n\x1a\n" + bytes(40)}, InvalidPhotoError),
    ],
)
def test_invalid_data_is_refused_with_a_clear_error(
    changes: dict[str, Any], error: type[CounterError]
) -> None:
    with pytest.raises(error) as caught:
        build_cardholder(**_valid(**changes), today=TODAY)
    assert isinstance(caught.value, CounterError)
    assert caught.value.what and caught.value.todo
    assert caught.value.what != CounterError.what


def test_png_photo_is_refused() -> None:
    png = io.BytesIO()
    Image.new("RGB", (30, 40), (200, 200, 200)).save(png, format="PNG")
    with pytest.raises(InvalidPhotoError, match="PNG"):
        build_cardholder(**_valid(photo_jpeg=png.getvalue()), today=TODAY)


def test_photo_too_large_for_the_face_file_is_refused() -> None:
    noisy = Image.effect_noise((640, 640), 120).convert("RGB")
    big = io.BytesIO()
    noisy.save(big, format="JPEG", quality=95)
    assert len(big.getvalue()) > FACE_IMAGES_MAX
    with pytest.raises(InvalidPhotoError, match="bytes") as caught:
        build_cardholder(**_valid(photo_jpeg=big.getvalue()), today=TODAY)
    assert "kB" in caught.value.todo


def test_resident_code_error_does_not_echo_the_code() -> None:
    with pytest.raises(InvalidResidentCodeError) as caught:
        build_cardholder(**_valid(resident_code="1234567890X"), today=TODAY)
    assert "1234567890X" not in str(caught.value)


def test_errors_are_value_errors_under_one_base() -> None:
    with pytest.raises(CardholderDataError):
        build_cardholder(**_valid(sex=5), today=TODAY)
    with pytest.raises(ValueError):
        build_cardholder(**_valid(sex=5), today=TODAY)


def test_dataclass_cannot_hold_invalid_data() -> None:
    data = build_cardholder(**_valid(), today=TODAY)
    with pytest.raises(InvalidAddressError):
        dataclasses.replace(data, address="東京都千代田区霞が関1丁目")
    with pytest.raises(InvalidSexError):
        dataclasses.replace(data, sex=4)
    with pytest.raises(dataclasses.FrozenInstanceError):
        data.sex = 2  # type: ignore[misc]


def test_demo_cardholder_is_a_realistic_japanese_resident() -> None:
    for seed in range(25):
        data, pin = demo_cardholder(seed, today=TODAY)
        assert isinstance(data, CardholderData)
        family, given = data.name.split("\u3000")
        assert family and given
        assert re.match(r"(東京都|北海道|大阪府|京都府|\w{2,3}県)\w+[市区町村]", data.address)
        assert "丁目" in data.address and "番" in data.address and "号" in data.address
        assert not any(c in "0123456789" for c in data.address)
        assert date(1930, 1, 1) <= data.birth_date <= date(2005, 12, 31)
        assert data.sex in (1, 2)
        assert data.expiry == date(2036, 4, 1)
        assert len(data.security_code) == 4 and data.security_code.isdigit()
        assert len(pin) == 4 and pin.isascii() and pin.isdigit()
        assert data.photo_jpeg.startswith(b"\xff\xd8")
        assert data.resident_code is None
        assert len(data.unlock_number) == 14


def test_demo_cardholder_is_repeatable_with_a_seed_and_varied_without() -> None:
    assert demo_cardholder(42, today=TODAY) == demo_cardholder(42, today=TODAY)
    names = {demo_cardholder(seed, today=TODAY)[0].name for seed in range(10)}
    assert len(names) > 3
    unseeded = {demo_cardholder(today=TODAY)[0].security_code for _ in range(4)}
    assert unseeded  # runs without a seed


def test_demo_expiry_on_29_february() -> None:
    data, _ = demo_cardholder(1, today=date(2028, 2, 29))
    assert data.expiry == date(2038, 2, 28)
