"""Demo documents for `counter-app print ... --demo`, the tests and the benchmark."""

from __future__ import annotations

from datetime import date
from typing import Final

from counter_app.card.face_images import demo_photo_jpeg
from counter_app.card.personal_data import demo_cardholder
from counter_app.printing.card_face import DEMO_MUNICIPALITY, AddressChange, CardFace

DEMO_SEED: Final = 20261126
DEMO_TODAY: Final = date(2026, 11, 26)


def demo_card_face(seed: int = DEMO_SEED, *, today: date = DEMO_TODAY) -> CardFace:
    """A demo resident's card face, the same for the same seed."""
    holder, _ = demo_cardholder(seed, today=today)
    return CardFace.from_cardholder(
        holder, serial=f"MH{seed % 10**10:010d}", municipality=DEMO_MUNICIPALITY
    )


def demo_foreign_card_face(today: date = DEMO_TODAY) -> CardFace:
    """A foreign resident's card: the name in Latin letters and a 通称."""
    return CardFace(
        serial="MH0000000042",
        name="FERNANDES DA SILVA MARIA APARECIDA",
        alias="山田　マリア",
        foreign_resident=True,
        address="見本県見本市中央町１丁目２番３号",
        birth_date=date(1988, 6, 5),
        sex=2,
        expiry=date(today.year + 5, today.month, today.day),
        security_code="4821",
        municipality=DEMO_MUNICIPALITY,
        photo_jpeg=demo_photo_jpeg(42),
    )


def demo_long_card_face(today: date = DEMO_TODAY, *, photo: bool = True) -> CardFace:
    """A name and address as long as the register allows in practice, with address changes."""
    return CardFace(
        serial="MH0000000777",
        name="勘解由小路　左衛門三郎之介太郎兵衛",
        address=(
            "見本県見本市大字上見本字東ノ谷口新田北山添二丁目１２３４番地の５６７"
            "\u3000グランドメゾン見本中央ステーションタワー東棟３４５６号室"
        ),
        birth_date=date(1926, 12, 25),
        sex=1,
        expiry=date(today.year + 10, today.month, today.day),
        security_code="0007",
        municipality=DEMO_MUNICIPALITY,
        photo_jpeg=demo_photo_jpeg(7) if photo else b"",
        address_changes=(
            AddressChange(date(2027, 4, 1), "見本県見本市中央町１丁目２番３号"),
            AddressChange(
                date(2028, 10, 15),
                "見本県見本市大字上見本字東ノ谷口新田北山添二丁目１２３４番地の５６７"
                "\u3000グランドメゾン見本中央３４５６号室",
            ),
        ),
    )
