"""`counter-app report statistics`: the figures as text, JSON and CSV keyed by the local
government code, and the council report as PDF, small counts suppressed, for supervisors only."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
import subprocess
from pathlib import Path

import pytest

import main
from counter_app.config import MAYOR_ENV, MUNICIPALITY_CODE_ENV, MUNICIPALITY_ENV
from counter_app.printing.council_texts import JAPANESE
from counter_app.records import CardKind, Fee, Role, Sex
from tests.support.command_line import CommandRegister, command_register
from tests.support.records_fixtures import resident

TODAY = dt.date.today()
CHIYODA = "131016"  # a real code with its check digit


@pytest.fixture
def made(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CommandRegister:
    """Six Japanese men holding cards issued today, and one foreign woman holding one."""
    made = command_register(
        tmp_path, monkeypatch, [("boss", Role.SUPERVISOR), ("clerk", Role.ISSUING_CLERK)]
    )
    register = made.open()
    try:
        sup = made.log_in_supervisor(register)
        people = [
            register.residents.add(sup, resident(family=f"山田{i}", household=f"H-{i}"))
            for i in range(6)
        ]
        foreign = resident(family="グエン", sex=Sex.FEMALE, nationality="VNM", household="H-F")
        people.append(register.residents.add(sup, dataclasses.replace(foreign, postal_code=None)))
        for i, person in enumerate(people):
            application = register.cards.receive_application(
                sup, person, CardKind.PHOTO, Fee.standard(500)
            )
            register.cards.record_issued(
                sup, application, serial=f"S-{i}", issued_on=TODAY,
                expires_on=TODAY + dt.timedelta(days=3650),
                chip_key_fingerprint="ab" * 32, issuer_key_id="CA-01",
            )  # fmt: skip
    finally:
        register.close()
    return made


def _run(made: CommandRegister, operator: str, *shape: str) -> int:
    day = TODAY.isoformat()
    argv = ["report", "statistics", "--db", made.url, "--operator", operator]
    return main.main([*argv, "--from", day, "--to", day, *shape])


def test_csv_rows_carry_the_configured_code_and_hide_small_counts(
    made: CommandRegister, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(MUNICIPALITY_CODE_ENV, CHIYODA)
    assert _run(made, "boss", "--csv") == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert {r["municipality_code"] for r in rows} == {CHIYODA}
    value = {(r["figure"], r["group"], r["measure"]): r["value"] for r in rows}
    assert value[("holding_rate", "", "cards")] == "7"
    assert value[("holding_rate", "", "rate")] == "1.0"
    assert value[("holding_rate.nationality", "nationality=japanese", "residents")] == "6"
    assert value[("holding_rate.nationality", "nationality=foreign", "residents")] == "*"
    assert value[("holding_rate.nationality", "nationality=foreign", "rate")] == "*"
    month = TODAY.strftime("%Y-%m")
    assert value[("cards.monthly", f"month={month}", "issued")] == "7"
    assert "山田" not in str(rows) and "S-1" not in str(rows)


def test_json_and_text_without_a_municipality_use_the_training_code(
    made: CommandRegister, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in (MUNICIPALITY_ENV, MUNICIPALITY_CODE_ENV, MAYOR_ENV):
        monkeypatch.delenv(name)
    assert _run(made, "boss", "--json", "--threshold", "1") == 0
    data = json.loads(capsys.readouterr().out)
    assert data["municipality_code"] == "999997"
    assert data["suppression"] == {"threshold": 1, "marker": "*"}
    nationality = next(f for f in data["figures"] if f["key"] == "holding_rate.nationality")
    assert [r["counts"] for r in nationality["rows"]] == [
        {"cards": 1, "residents": 1},  # foreign: a threshold of 1 hides nothing
        {"cards": 6, "residents": 6},
    ]
    assert _run(made, "boss") == 0
    text = capsys.readouterr().out
    assert "holding_rate: Cards in force divided by living residents" in text
    assert "  all: cards=7  residents=7  rate=100.00%" in text


def test_a_clerk_may_not_see_the_figures(
    made: CommandRegister, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(made, "clerk", "--json") == 2
    assert capsys.readouterr().out == ""


def _pdf_fonts(path: Path) -> list[list[str]]:
    """`pdffonts` rows: name, type words, encoding, emb, sub, uni, object, id."""
    listing = subprocess.run(
        ["pdffonts", str(path)], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    return [line.split() for line in listing[2:]]


def test_pdf_council_report_from_a_fresh_data_directory(
    made: CommandRegister, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = tmp_path / "council.pdf"
    assert _run(made, "boss", "--pdf", str(report)) == 0
    assert str(report) in capsys.readouterr().out
    fonts = _pdf_fonts(report)
    assert fonts, "no font in the report"
    assert all("IPAex" in row[0] for row in fonts), fonts
    assert all("TrueType" in " ".join(row[1:-5]) for row in fonts), fonts
    assert all(row[-5] == "yes" for row in fonts), fonts  # embedded
    assert not any("Type 3" in " ".join(row) for row in fonts)
    text = subprocess.run(
        ["pdftotext", "-layout", str(report), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = "".join(text.split())
    assert "見本県見本市" in flat and "999997" in flat
    assert TODAY.isoformat() in flat
    # the definition in Japanese, word for word
    assert "".join(JAPANESE.definitions["holding_rate"].split()) in flat
    assert "".join(JAPANESE.definitions["cards.monthly"].split()) in flat
    # the overall holding rate: 7 cards of 7 residents; the one foreign resident suppressed
    overall = next(line for line in text.splitlines() if line.strip().startswith("全体"))
    assert overall.split() == ["全体", "7", "7", "100.0%"]
    foreign = next(line for line in text.splitlines() if line.strip().startswith("外国人住民"))
    assert foreign.split() == ["外国人住民", "*", "*", "*"]
    assert "山田" not in text and "グエン" not in text and "S-1" not in text
