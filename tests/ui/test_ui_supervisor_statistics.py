"""The supervisor's desk, Statistics, by keyboard in the real window on the training register:
the figures of the period computed on the database worker while the window keeps answering, the
tables with small counts as *, the definition on the page in English and Japanese, the chart,
and the council report saved as PDF with the Japanese definitions and IPAex embedded."""

from __future__ import annotations

import dataclasses
import datetime as dt
import subprocess
import threading
from pathlib import Path

from matplotlib.container import BarContainer
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from counter_app.printing.council_texts import JAPANESE
from counter_app.records import CardKind, Fee, OperatorSession, Register, Role
from counter_app.records.statistics import DEFINITIONS
from tests.support.counter_window import go_to, log_in, press
from tests.support.records_fixtures import resident
from ui.main_window import MainWindow
from ui.pages.supervisor.desk import SupervisorPage
from ui.pages.supervisor.statistics_section import StatisticsSection, fiscal_year_start

TODAY = dt.date.today()
BIG_DISTRICT = "999-0001"  # six residents, five of them holding a card
SMALL_DISTRICT = "999-0002"  # one resident holding a card: below any threshold over 1


def alt(qtbot: QtBot, window: MainWindow, key: Qt.Key) -> None:
    qtbot.keyClick(QApplication.focusWidget() or window, key, Qt.KeyboardModifier.AltModifier)


def _seed(register: Register, supervisor: OperatorSession) -> None:
    """Seven residents in two postal districts of their own, six with a card issued today."""
    people = [(BIG_DISTRICT, True)] * 5 + [(BIG_DISTRICT, False), (SMALL_DISTRICT, True)]
    for i, (district, holds) in enumerate(people):
        new = resident(family=f"統計{i}", household=f"ST-{i}")
        person = register.residents.add(supervisor, dataclasses.replace(new, postal_code=district))
        if holds:
            application = register.cards.receive_application(
                supervisor, person, CardKind.PHOTO, Fee.standard(500)
            )
            register.cards.record_issued(
                supervisor, application, serial=f"ST-{i}", issued_on=TODAY,
                expires_on=TODAY + dt.timedelta(days=3650),
                chip_key_fingerprint="ab" * 32, issuer_key_id="CA-01",
            )  # fmt: skip


def _statistics_desk(qtbot: QtBot, window: MainWindow) -> StatisticsSection:
    """The training supervisor at the desk, the register seeded, the Statistics tab in front."""
    press(qtbot, window, Qt.Key.Key_L)  # the clerk logs out
    qtbot.waitUntil(lambda: window.stack.currentIndex() == 0, timeout=5000)
    log_in(qtbot, window, Role.SUPERVISOR)
    page = go_to(qtbot, window, "supervisor")
    assert isinstance(page, SupervisorPage)
    context = page.services.context
    assert context is not None
    seeded: list[object] = []
    page.services.db_thread.submit(
        lambda register: _seed(register, context.operator), seeded.append, seeded.append
    )
    qtbot.waitUntil(lambda: bool(seeded), timeout=20000)
    assert seeded == [None], seeded
    section = next(part for part in page.parts if isinstance(part, StatisticsSection))
    alt(qtbot, window, Qt.Key.Key_V)  # the Statistics overview tab
    qtbot.waitUntil(lambda: page.current() is section, timeout=5000)
    return section


def _choose(section: StatisticsSection, key: str) -> None:
    section.figure_box.setCurrentIndex(section.figure_box.findData(key))


def _row(section: StatisticsSection, label: str) -> list[str]:
    return next(row for row in section.table_cells() if row[0] == label)


def test_figures_by_keyboard_with_definitions_suppression_chart_and_pdf(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    section = _statistics_desk(qtbot, window)
    # the default period: this fiscal year so far
    assert section.first_day.date().toPython() == fiscal_year_start(TODAY)
    assert section.last_day.date().toPython() == TODAY
    alt(qtbot, window, Qt.Key.Key_M)  # Compute
    qtbot.waitUntil(lambda: section.figure_box.count() > 0, timeout=30000)
    assert not section.busy_bar.isVisible()

    _choose(section, "holding_rate.district")
    assert section.table_cells()[0][:3] == ["District", "Cards in force", "Residents"]
    assert _row(section, BIG_DISTRICT) == [BIG_DISTRICT, "5", "6", "83.3%"]
    assert _row(section, SMALL_DISTRICT) == [SMALL_DISTRICT, "*", "*", "*"]
    assert section.definition.text() == DEFINITIONS["holding_rate.district"]
    alt(qtbot, window, Qt.Key.Key_B)  # Suppress below: 1 hides nothing
    assert section.threshold.hasFocus()
    section.threshold.setValue(1)
    assert _row(section, SMALL_DISTRICT) == [SMALL_DISTRICT, "1", "1", "100.0%"]
    section.threshold.setValue(5)

    window.set_language("ja")
    assert section.definition.text() == JAPANESE.definitions["holding_rate.district"]
    assert section.table_cells()[0][:3] == ["地区", "有効カード枚数", "住民数"]
    assert section.figure_box.currentText() == JAPANESE.titles["holding_rate.district"]

    qtbot.waitUntil(section.charts_ready, timeout=60000)  # matplotlib loads after the tables
    _choose(section, "holding_rate.age_sex")
    assert section.canvas is not None and section.canvas.isVisible()
    bars = [c for c in section.canvas.figure.axes[0].containers if isinstance(c, BarContainer)]
    assert len(bars) >= 1 and all(b.get_label() in ("男", "女", "不明", "適用不能") for b in bars)
    if len(bars) > 1:
        assert bars[0].patches[0].get_hatch() != bars[1].patches[0].get_hatch()
    _choose(section, "holding_rate.district")
    assert not section.canvas.isVisible()  # a table only

    alt(qtbot, window, Qt.Key.Key_D)  # Save the council report as PDF
    qtbot.waitUntil(lambda: ".pdf" in section.status.text(), timeout=60000)
    saved = sorted((tmp_path / "printouts").glob("statistics-*.pdf"))
    assert len(saved) == 1 and str(saved[0]) in section.status.text()
    fonts = subprocess.run(["pdffonts", str(saved[0])], capture_output=True, text=True).stdout
    assert "IPAexGothic" in fonts and "TrueType" in fonts and "Type 3" not in fonts
    text = subprocess.run(
        ["pdftotext", "-layout", str(saved[0]), "-"], capture_output=True, text=True
    ).stdout
    flat = "".join(text.split())
    assert "".join(JAPANESE.definitions["holding_rate.district"].split()) in flat
    lines = [line.split() for line in text.splitlines()]
    assert [BIG_DISTRICT, "5", "6", "83.3%"] in lines
    assert [SMALL_DISTRICT, "*", "*", "*"] in lines
    assert "統計0" not in text  # no name

    press(qtbot, window, Qt.Key.Key_L)  # log out: the figures go
    qtbot.waitUntil(lambda: window.stack.currentIndex() == 0, timeout=5000)
    assert section.figure_box.count() == 0 and section.table.rowCount() == 0


def test_the_window_answers_while_the_figures_are_computed(
    qtbot: QtBot, window: MainWindow
) -> None:
    section = _statistics_desk(qtbot, window)
    release = threading.Event()
    # the database worker is held up (a long computation); the compute waits behind it
    section.services.db_thread.submit(lambda _r: release.wait(60), lambda _: None, print)
    ticks: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(10)
    alt(qtbot, window, Qt.Key.Key_M)  # Compute (a mnemonic clicks after a short animation)
    qtbot.waitUntil(section.busy, timeout=5000)
    assert section.busy_bar.isVisible()
    assert not section.compute_button.isEnabled()
    assert section.status.text() == "Computing the figures…"
    qtbot.waitUntil(lambda: len(ticks) >= 5, timeout=5000)  # the event loop runs
    alt(qtbot, window, Qt.Key.Key_F)  # and the keyboard still moves about the page
    assert section.first_day.hasFocus()
    assert section.figure_box.count() == 0
    release.set()
    qtbot.waitUntil(lambda: section.figure_box.count() > 0, timeout=30000)
    timer.stop()
    assert not section.busy() and not section.busy_bar.isVisible()
    assert section.compute_button.isEnabled() and section.pdf_button.isEnabled()
