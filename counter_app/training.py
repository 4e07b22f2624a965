"""The training register: made on first start so that a new clerk can log in and issue a card.

When the configuration names no register and the default SQLite register in the data
directory does not exist yet, `open_register` creates it: the schema and purposes,
the colleague-maintained demo population and demo operators of every role (`seed_demo`), and a
few named training residents. A sidecar file next to it lists the demo logins and passwords
and the training residents, so that the login screen can show them. Everything in it is
invented TRAINING data; a real register never gets a sidecar.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from counter_app.config import Configuration
from counter_app.private_files import write_private
from counter_app.records import NewResident, Register, Role, Sex
from counter_app.records.seed import record_code_for
from counter_app.register_key import token_record_code_cipher

log = logging.getLogger(__name__)

SIDECAR_NAME = "register.training.json"
DEMO_RESIDENTS = 200
DEMO_SEED = 20240401


@dataclass(frozen=True)
class TrainingOperator:
    """A demo operator of the training register and the demo password to log in with."""

    login: str
    display_name: str
    role: Role
    password: str


@dataclass(frozen=True)
class TrainingResident:
    """An invented resident to practise with: how to find them, and a proof where they have one."""

    name: str
    kana: str
    birth_date: dt.date
    address: str
    licence_proof: str | None = None  # 運転経歴証明書 number, for the free issuance


@dataclass(frozen=True)
class TrainingInfo:
    """What the login screen shows about a training register."""

    operators: tuple[TrainingOperator, ...]
    residents: tuple[TrainingResident, ...]

    def operator(self, role: Role) -> TrainingOperator | None:
        """The demo operator with this role, if any."""
        return next((op for op in self.operators if op.role is role), None)


HOME_ADDRESS = "東京都練馬区豊玉北６丁目１２番１号"
TRAINING_RESIDENTS = (
    TrainingResident("研修　一郎", "ケンシュウ　イチロウ", dt.date(1985, 4, 1), HOME_ADDRESS),
    TrainingResident(
        "研修　花子",
        "ケンシュウ　ハナコ",
        dt.date(1952, 7, 15),
        HOME_ADDRESS,
        licence_proof="301234567890",
    ),
    TrainingResident(
        "練習　次郎",
        "レンシュウ　ジロウ",
        dt.date(1999, 11, 3),
        "東京都練馬区石神井町３丁目２番５号",
    ),
)


def sidecar_path(config: Configuration) -> Path:
    """Where the training register's demo logins are kept."""
    return config.data_dir / SIDECAR_NAME


def wants_training_register(config: Configuration) -> bool:
    """True on a first start: no register configured and none in the data directory yet."""
    return config.uses_default_register and not config.sqlite_register.exists()


def _split(text: str) -> tuple[str, str]:
    family, given = text.split("\u3000")
    return family, given


def create_training_register(
    config: Configuration, *, residents: int = DEMO_RESIDENTS
) -> TrainingInfo:
    """Create the default register as a training register; appears only when complete."""
    final = config.sqlite_register
    staging = final.with_name(f".{final.name}.creating")
    for leftover in final.parent.glob(f"{staging.name}*"):
        leftover.unlink()
    register = Register.initialise(f"sqlite:///{staging}", key_path=config.record_code_key)
    try:
        report = register.seed_demo(residents, seed=DEMO_SEED)
        operators = tuple(
            TrainingOperator(op.login, op.display_name, op.role, op.password)
            for op in report.operators
        )
        boss_op = next(op for op in operators if op.role is Role.SUPERVISOR)
        boss = register.operators.login_with_password(boss_op.login, boss_op.password)
        try:
            first_id = register.residents.count() + 1
            for index, person in enumerate(TRAINING_RESIDENTS):
                family, given = _split(person.name)
                family_kana, given_kana = _split(person.kana)
                register.residents.add(
                    boss,
                    NewResident(
                        family_name=family,
                        given_name=given,
                        family_name_kana=family_kana,
                        given_name_kana=given_kana,
                        birth_date=person.birth_date,
                        sex=Sex.FEMALE if given.endswith("子") else Sex.MALE,
                        address=person.address,
                        household_code=f"TRAINING-{index // 2 + 1:04d}",
                        postal_code="176-0012",
                        relationship_to_head="世帯主" if index != 1 else "母",
                        record_code=record_code_for(first_id + index),
                    ),
                )
        finally:
            register.operators.logout(boss)
    finally:
        register.close()
    info = TrainingInfo(operators, TRAINING_RESIDENTS)
    write_private(sidecar_path(config), json.dumps(_to_json(info), ensure_ascii=False).encode())
    os.replace(staging, final)
    log.info("created a training register with %d demo residents", report.residents)
    return info


def open_register(config: Configuration) -> Register:
    """Open the register; on a first start without configuration, create the training one."""
    if wants_training_register(config):
        create_training_register(config)
    return Register.open(
        config.register,
        key_path=config.record_code_key,
        cipher=token_record_code_cipher(config),
    )


def load_training_info(config: Configuration) -> TrainingInfo | None:
    """The demo logins when the register in use is the training register, else None."""
    path = sidecar_path(config)
    if not config.uses_default_register or not path.exists():
        return None
    if not config.sqlite_register.exists():
        return None
    try:
        return _from_json(json.loads(path.read_text(encoding="utf-8")))
    except (ValueError, KeyError, TypeError):
        log.warning("the training sidecar could not be read")
        return None


def _to_json(info: TrainingInfo) -> dict[str, Any]:
    operators = [dataclasses.asdict(o) | {"role": o.role.value} for o in info.operators]
    residents = [
        dataclasses.asdict(r) | {"birth_date": r.birth_date.isoformat()} for r in info.residents
    ]
    return {"training_register": True, "operators": operators, "residents": residents}


def _from_json(data: dict[str, Any]) -> TrainingInfo:
    if data.get("training_register") is not True:
        raise ValueError("not a training sidecar")
    return TrainingInfo(
        tuple(
            TrainingOperator(o["login"], o["display_name"], Role(o["role"]), o["password"])
            for o in data["operators"]
        ),
        tuple(
            TrainingResident(
                r["name"],
                r["kana"],
                dt.date.fromisoformat(r["birth_date"]),
                r["address"],
                r.get("licence_proof"),
            )
            for r in data["residents"]
        ),
    )
