"""CSV import: a documented format, bad rows named by line, all or nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

import main
from counter_app.records import OperatorSession, Register
from counter_app.records.errors import CsvImportError

HEADER = (
    "family_name,given_name,family_name_kana,given_name_kana,birth_date,sex,address,"
    "postal_code,household_code,relationship_to_head,latin_name,tsusho,nationality,record_code"
)
GOOD = [
    "山田,太郎,ヤマダ,タロウ,1950-04-01,1,東京都練馬区豊玉北６丁目１２番１号,176-0012,H1,世帯主,,,,"
    "83920174655",
    "山田,花子,やまだ,はなこ,1952/11/03,女,東京都練馬区豊玉北６丁目１２番１号,176-0012,H1,妻,,,,",
    'グエン,ヴァン アン,グエン,ヴァン アン,1990-07-15,1,"東京都練馬区桜台1-2-3, 201",,H2,世帯主,'
    "NGUYEN VAN AN,山本 安,VNM,",
]


def _write(path: Path, lines: list[str], *, bom: bool = False) -> Path:
    text = "\n".join([HEADER, *lines]) + "\n"
    path.write_bytes(("\ufeff" if bom else "").encode() + text.encode("utf-8"))
    return path


@pytest.mark.parametrize("bom", [False, True])
def test_a_good_file_is_imported_with_one_audit_event(
    register: Register, supervisor: OperatorSession, tmp_path: Path, bom: bool
) -> None:
    report = register.import_csv(_write(tmp_path / "r.csv", GOOD, bom=bom))
    assert (report.residents, report.households) == (3, 2)
    access = register.access(supervisor, "identity-check")
    hits = access.search("ヤマダ").hits
    assert [(h.given_name, h.birth_date.isoformat()) for h in hits] == [
        ("太郎", "1950-04-01"),
        ("花子", "1952-11-03"),
    ]
    view = access.resident(hits[0].id)
    assert view.household_id == access.resident(hits[1].id).household_id
    assert [h.latin_name for h in access.search("nguyen").hits] == ["NGUYEN VAN AN"]
    assert access.search("山本").hits  # 通称
    imported = [e for e in register.audit_events() if e.action == "residents.imported"]
    assert len(imported) == 1 and imported[0].detail["residents"] == 3
    assert register.verify_audit_chain().intact


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ("佐藤,一郎,サトウ,イチロウ,1960-02-30,1,東京都練馬区1-1,,,,,,,", "birth_date"),
        ("佐藤,一郎,サトウ,イチロウ,1960-02-03,x,東京都練馬区1-1,,,,,,,", "sex"),
        ("佐藤,一郎,佐藤,イチロウ,1960-02-03,1,東京都練馬区1-1,,,,,,,", "kana"),
        ("佐藤,,サトウ,イチロウ,1960-02-03,1,東京都練馬区1-1,,,,,,,", "given_name is empty"),
        ("佐藤,一郎,サトウ,イチロウ,1960-02-03,1,東京都練馬区1-1,,,,,,,1234", "11 digits"),
        ("佐藤,一郎,サトウ,イチロウ,1960-02-03,1,東京都練馬区1-1,,,,,,,83920174655", "line 2"),
        ("佐藤,一郎,サトウ,イチロウ,1960-02-03,1,東京都練馬区1-1", "values for"),
    ],
)
def test_a_bad_row_is_named_by_its_line_and_nothing_is_imported(
    register: Register, tmp_path: Path, bad: str, message: str
) -> None:
    lines = [*GOOD, bad, GOOD[1].replace("花子", "桜")]
    with pytest.raises(CsvImportError) as caught:
        register.import_csv(_write(tmp_path / "bad.csv", lines))
    assert caught.value.line == 5
    assert str(caught.value).startswith("line 5: ") and message in str(caught.value)
    assert "1234" not in str(caught.value) and "83920174655" not in str(caught.value)
    assert register.residents.count() == 0
    assert not [e for e in register.audit_events() if e.action == "residents.imported"]


def test_a_record_code_already_registered_fails_the_whole_file(
    register: Register, tmp_path: Path
) -> None:
    register.import_csv(_write(tmp_path / "first.csv", GOOD[:1]))
    with pytest.raises(CsvImportError) as caught:
        register.import_csv(_write(tmp_path / "again.csv", [GOOD[1], GOOD[2], GOOD[0]]))
    assert caught.value.line == 4 and "already registered" in str(caught.value)
    assert register.residents.count() == 1


def test_a_file_that_is_not_utf8_is_refused_with_its_line(
    register: Register, tmp_path: Path
) -> None:
    path = tmp_path / "sjis.csv"
    path.write_bytes((HEADER + "\n").encode() + GOOD[1].encode("shift_jis") + b"\n")
    with pytest.raises(CsvImportError, match="line 2: the file is not UTF-8"):
        register.import_csv(path)


def test_import_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COUNTER_APP_HOME", str(tmp_path))
    monkeypatch.delenv("COUNTER_APP_DB", raising=False)
    monkeypatch.delenv("COUNTER_APP_RECORD_CODE_KEY_FILE", raising=False)
    assert main.main(["db", "init"]) == 0
    assert main.main(["db", "import", str(_write(tmp_path / "r.csv", GOOD))]) == 0
    assert "imported 3 residents" in capsys.readouterr().out
    bad = _write(tmp_path / "bad.csv", [GOOD[0].replace("1950-04-01", "someday")])
    assert main.main(["db", "import", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "Nothing from it was added" in err and "line 2: birth_date" in err
