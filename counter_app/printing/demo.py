"""Demo documents for `counter-app print ... --demo`, the tests and the benchmark."""

from __future__ import annotations

from datetime import date
from typing import Final

from counter_app.card.face_images import demo_photo_jpeg
from counter_app.card.personal_data import demo_cardholder
from counter_app.printing.card_face import DEMO_MUNICIPALITY, AddressChange, CardFace
from counter_app.printing.certificate import HouseholdMember, ResidentRecordCopy

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


def demo_certificate(
    seed: int = DEMO_SEED, *, today: date = DEMO_TODAY, members: int = 5
) -> ResidentRecordCopy:
    """A demo household's copy of the resident record (five members: two pages)."""
    holder, _ = demo_cardholder(seed, today=today)
    family = holder.name.split("\u3000")[0]
    others = (
        ("妻", "花子", 2, 3),
        ("子", "一郎", 1, 28),
        ("子", "さくら", 2, 31),
        ("母", "和子", 2, -26),
        ("子", "湊", 1, 35),
        ("子", "結衣", 2, 37),
        ("子", "蓮", 1, 39),
    )
    people = [
        HouseholdMember(
            holder.name,
            holder.birth_date,
            holder.sex,
            "世帯主",
            date(2015, 4, 1),
            "見本県見本市旧町名３丁目４番５号",
        )
    ]
    for relation, given, sex, years in others[: members - 1]:
        year = min(holder.birth_date.year + years, today.year - 1)
        people.append(
            HouseholdMember(
                f"{family}\u3000{given}",
                date(year, 1 + seed % 12, 1 + seed % 27),
                sex,
                relation,
                date(2015, 4, 1),
            )
        )
    return ResidentRecordCopy(
        number=f"{today.year}{seed % 1000000:06d}",
        issued_on=today,
        municipality=DEMO_MUNICIPALITY,
        mayor_name="見本\u3000太郎",
        address=holder.address,
        head_of_household=holder.name,
        members=tuple(people),
    )
