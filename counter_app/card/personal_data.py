"""The data a card is personalised from (card-profile.md §3), validated, and demo residents."""

from __future__ import annotations

import io
import random
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Final

from PIL import Image, UnidentifiedImageError

from counter_app.card import profile as p
from counter_app.card.face_images import demo_photo_jpeg, render_text_image
from counter_app.errors import CounterError
from counter_app.japanese_dates import (
    ERAS,
    SECURITY_CODE_LENGTH,
    SecurityCodeError,
    add_years,
    is_ascii_digits,
    unlock_number,
)

NAME_IMAGE_SIZE: Final = (640, 96)
ADDRESS_IMAGE_SIZE: Final = (640, 192)
CODE_IMAGE_SIZE: Final = (192, 64)
NAME_MAX_LENGTH: Final = 100
ADDRESS_MAX_LENGTH: Final = 200
RESIDENT_CODE_LENGTH: Final = 11
SEXES: Final = frozenset({1, 2, 9})  # ISO/IEC 5218: male, female, not applicable
VALIDITY_YEARS: Final = p.VALIDITY_YEARS
# The face file (EF 0002 of the face AP) can be at most 32767 bytes; about 400 of them hold the
# birth date, sex, chip key, expiry, signature, offsets and TLV headers.
FACE_FILE_MAX: Final = 32767
FACE_FILE_OVERHEAD: Final = 512
FACE_IMAGES_MAX: Final = FACE_FILE_MAX - FACE_FILE_OVERHEAD
_FULLWIDTH_DIGITS: Final = str.maketrans("0123456789", "０１２３４５６７８９")
_FORBIDDEN_CATEGORIES: Final = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})


class CardholderDataError(CounterError, ValueError):
    """Base of the errors in the data a card is personalised from."""

    what = "The resident's data cannot be written to a card."
    todo = "Check the resident's data against the register and correct it."


class InvalidNameError(CardholderDataError):
    what = "The name cannot be written to the card."
    todo = (
        "Enter the name as registered: family name, a full-width space, given name. "
        "Remove line breaks and leading or trailing spaces."
    )


class InvalidAddressError(CardholderDataError):
    what = "The address cannot be written to the card."
    todo = "Enter the address as registered, on one line, without leading or trailing spaces."


class InvalidBirthDateError(CardholderDataError):
    what = "The date of birth is not valid."
    todo = "Enter the date of birth as registered; it cannot be in the future."


class InvalidSexError(CardholderDataError):
    what = "The sex must be male, female or not applicable."
    todo = "Choose the sex as registered."


class InvalidExpiryError(CardholderDataError):
    what = "The card's expiry date is not valid."
    todo = "The expiry date must be after today and after the date of birth."


class InvalidResidentCodeError(CardholderDataError):
    what = "The resident record code must be 11 digits."
    todo = "Check the resident record code against the register, or leave it out."


class InvalidPhotoError(CardholderDataError):
    what = "The photo cannot be written to the card."
    todo = (
        f"Use a JPEG photo; the photo and the name and address images together must stay "
        f"under {FACE_IMAGES_MAX // 1000} kB. Scan the photo again at a lower quality."
    )


def to_fullwidth_digits(text: str) -> str:
    """Replace ASCII digits 0-9 by full-width ０-９, as the card stores addresses."""
    return text.translate(_FULLWIDTH_DIGITS)


def _check_text(text: object, max_length: int, error: type[CardholderDataError]) -> str:
    if not isinstance(text, str):
        raise error("not a string")
    if not text or text != text.strip():
        raise error("empty, or leading or trailing spaces")
    if len(text) > max_length:
        raise error(f"longer than {max_length} characters")
    for char in text:
        if unicodedata.category(char) in _FORBIDDEN_CATEGORIES:
            raise error(f"contains the control or unassigned character U+{ord(char):04X}")
    if "  " in text or "\u3000\u3000" in text:
        raise error("contains two spaces in a row")
    return text


def _check_fields(
    name: object,
    address: object,
    birth_date: object,
    sex: object,
    expiry: object,
    security_code: object,
    resident_code: object,
) -> None:
    """Checks that do not depend on today's date."""
    _check_text(name, NAME_MAX_LENGTH, InvalidNameError)
    _check_text(address, ADDRESS_MAX_LENGTH, InvalidAddressError)
    if isinstance(address, str) and any(c in "0123456789" for c in address):
        raise InvalidAddressError("the card stores digits full-width (to_fullwidth_digits)")
    if not isinstance(birth_date, date) or isinstance(birth_date, datetime):
        raise InvalidBirthDateError("not a date")
    if birth_date < ERAS[0][1]:
        raise InvalidBirthDateError(f"before {ERAS[0][1].isoformat()}, the earliest era date")
    if isinstance(sex, bool) or sex not in SEXES:
        raise InvalidSexError(f"{sex!r} is not an ISO 5218 code (1, 2 or 9)")
    if not isinstance(expiry, date) or isinstance(expiry, datetime):
        raise InvalidExpiryError("not a date")
    if expiry <= birth_date:
        raise InvalidExpiryError("the expiry date is not after the date of birth")
    if expiry.year < 1000:
        raise InvalidExpiryError("the expiry year does not have four digits")
    if not isinstance(security_code, str) or not is_ascii_digits(
        security_code, SECURITY_CODE_LENGTH
    ):
        raise SecurityCodeError("security code is not 4 ASCII digits")
    if resident_code is not None and (
        not isinstance(resident_code, str)
        or not is_ascii_digits(resident_code, RESIDENT_CODE_LENGTH)
    ):
        raise InvalidResidentCodeError("resident record code is not 11 ASCII digits")


def _check_photo(photo_jpeg: bytes) -> None:
    if not photo_jpeg:
        return
    try:
        with Image.open(io.BytesIO(photo_jpeg)) as image:
            image_format = image.format
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise InvalidPhotoError("the photo is not a readable image") from exc
    if image_format != "JPEG":
        raise InvalidPhotoError(f"the photo is {image_format}, not JPEG")


def _check_face_size(*images: bytes) -> None:
    total = sum(len(image) for image in images)
    if total > FACE_IMAGES_MAX:
        raise InvalidPhotoError(f"photo and images take {total} bytes, at most {FACE_IMAGES_MAX}")


@dataclass(frozen=True)
class CardholderData:
    """One resident's data as written to a card; build it with build_cardholder."""

    name: str  # as printed: family and given name separated by U+3000
    address: str  # digits full-width
    birth_date: date
    sex: int  # ISO/IEC 5218: 1, 2 or 9
    expiry: date
    security_code: str = field(repr=False)  # 4 digits, part of the unlock number
    photo_jpeg: bytes = field(repr=False)  # b"" for a no-photo card
    name_image: bytes = field(repr=False)  # 1-bit PNG
    address_image: bytes = field(repr=False)
    code_image: bytes = field(repr=False)
    resident_code: str | None = field(default=None, repr=False)  # 住民票コード, 11 digits

    def __post_init__(self) -> None:
        _check_fields(
            self.name,
            self.address,
            self.birth_date,
            self.sex,
            self.expiry,
            self.security_code,
            self.resident_code,
        )

    @property
    def unlock_number(self) -> str:
        """The 14-digit unlock number 照合番号B of the face AP."""
        return unlock_number(self.birth_date, self.expiry, self.security_code)


def build_cardholder(
    name: str,
    address: str,
    birth_date: date,
    sex: int,
    expiry: date,
    security_code: str,
    photo_jpeg: bytes = b"",
    resident_code: str | None = None,
    *,
    today: date | None = None,
    font_file: Path | None = None,
) -> CardholderData:
    """Validate a resident's data, write the address's digits full-width and draw the images.

    The images are drawn with `font_file`, the configured font (None: the one found).
    """
    address = to_fullwidth_digits(address) if isinstance(address, str) else address
    _check_fields(name, address, birth_date, sex, expiry, security_code, resident_code)
    day = today if today is not None else date.today()
    if birth_date > day:
        raise InvalidBirthDateError("the date of birth is in the future")
    if expiry <= day:
        raise InvalidExpiryError("the expiry date is not after today")
    _check_photo(photo_jpeg)
    _check_face_size(photo_jpeg)
    name_image = render_text_image(
        name, width_px=NAME_IMAGE_SIZE[0], height_px=NAME_IMAGE_SIZE[1], font_file=font_file
    )
    address_image = render_text_image(
        address,
        width_px=ADDRESS_IMAGE_SIZE[0],
        height_px=ADDRESS_IMAGE_SIZE[1],
        font_file=font_file,
    )
    code_image = render_text_image(
        security_code,
        width_px=CODE_IMAGE_SIZE[0],
        height_px=CODE_IMAGE_SIZE[1],
        align="center",
        font_file=font_file,
    )
    _check_face_size(photo_jpeg, name_image, address_image, code_image)
    return CardholderData(
        name=name,
        address=address,
        birth_date=birth_date,
        sex=sex,
        expiry=expiry,
        security_code=security_code,
        photo_jpeg=photo_jpeg,
        name_image=name_image,
        address_image=address_image,
        code_image=code_image,
        resident_code=resident_code,
    )


_FAMILY_NAMES: Final = (
    "佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤",
    "吉田", "山田", "佐々木", "山口", "松本", "井上", "木村", "林", "斎藤", "清水",
    "山崎", "森", "池田", "橋本", "阿部", "石川", "前田", "藤田", "小川", "岡田",
)  # fmt: skip
_MALE_NAMES: Final = (
    "太郎", "一郎", "健太", "大輔", "翔太", "誠", "浩", "隆", "拓也", "直樹",
    "和夫", "茂", "清", "蓮", "悠真", "大翔", "陽斗", "湊", "健一", "修",
)  # fmt: skip
_FEMALE_NAMES: Final = (
    "花子", "陽子", "恵子", "美咲", "愛", "由美", "直美", "裕子", "幸子", "和子",
    "結衣", "陽菜", "さくら", "美穂", "真由美", "葵", "凛", "芽依", "千尋", "智子",
)  # fmt: skip
_PLACES: Final = (
    ("東京都", "千代田区", ("霞が関", "丸の内", "永田町", "神田小川町")),
    ("東京都", "世田谷区", ("太子堂", "北沢", "桜新町", "用賀")),
    ("東京都", "練馬区", ("豊玉北", "石神井町", "光が丘")),
    ("大阪府", "大阪市北区", ("中之島", "梅田", "天満")),
    ("大阪府", "堺市堺区", ("南瓦町", "大町東", "三国ヶ丘御幸通")),
    ("神奈川県", "横浜市中区", ("山下町", "本町", "元町")),
    ("愛知県", "名古屋市中区", ("栄", "丸の内", "錦")),
    ("福岡県", "福岡市中央区", ("天神", "大名", "赤坂")),
    ("北海道", "札幌市中央区", ("北一条西", "大通西", "南三条西")),
    ("宮城県", "仙台市青葉区", ("一番町", "国分町", "本町")),
    ("広島県", "広島市中区", ("紙屋町", "八丁堀", "大手町")),
    ("埼玉県", "さいたま市浦和区", ("高砂", "常盤", "岸町")),
)
_BUILDINGS: Final = ("コーポ桜", "メゾン若葉", "グランハイツ", "サンライズマンション", "青葉荘")
_DEMO_BIRTH_FIRST: Final = date(1930, 1, 1)
_DEMO_BIRTH_LAST: Final = date(2005, 12, 31)


def _demo_address(rng: random.Random) -> str:
    prefecture, city, towns = rng.choice(_PLACES)
    chome, ban, go = rng.randint(1, 5), rng.randint(1, 30), rng.randint(1, 25)
    address = f"{prefecture}{city}{rng.choice(towns)}{chome}丁目{ban}番{go}号"
    if rng.random() < 0.4:
        address += f"\u3000{rng.choice(_BUILDINGS)}{rng.randint(1, 9)}0{rng.randint(1, 9)}号室"
    return to_fullwidth_digits(address)


def demo_cardholder(
    seed: int | None = None, *, today: date | None = None, font_file: Path | None = None
) -> tuple[CardholderData, str]:
    """A realistic random demo resident and the 4-digit PIN for the card; a seed repeats it."""
    rng: random.Random = random.Random(seed) if seed is not None else random.SystemRandom()
    day = today if today is not None else date.today()
    sex = rng.choice((1, 2))
    given = rng.choice(_MALE_NAMES if sex == 1 else _FEMALE_NAMES)
    name = f"{rng.choice(_FAMILY_NAMES)}\u3000{given}"
    span = (_DEMO_BIRTH_LAST - _DEMO_BIRTH_FIRST).days
    birth_date = date.fromordinal(_DEMO_BIRTH_FIRST.toordinal() + rng.randint(0, span))
    security_code = f"{rng.randrange(10_000):04d}"
    pin = f"{rng.randrange(10_000):04d}"
    data = build_cardholder(
        name=name,
        address=_demo_address(rng),
        birth_date=birth_date,
        sex=sex,
        expiry=add_years(day, VALIDITY_YEARS),
        security_code=security_code,
        photo_jpeg=demo_photo_jpeg(rng.randrange(2**31)),
        today=day,
        font_file=font_file,
    )
    return data, pin
