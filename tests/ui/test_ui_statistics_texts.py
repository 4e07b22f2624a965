"""The statistics section's words: every English text of the council figures is marked for
translation, and its Japanese is word for word the printed council report's; the page charts
the figures the report charts."""

from __future__ import annotations

from PySide6.QtCore import QTranslator

from counter_app.printing import council_charts
from counter_app.printing.council_texts import ENGLISH, JAPANESE
from counter_app.records.statistics import DEFINITIONS
from ui import i18n
from ui.pages.supervisor import statistics_section
from ui.pages.supervisor.statistics_texts import CONTEXT, MARKED


def test_the_window_marks_every_text_and_the_definitions_are_the_registers() -> None:
    assert [str(text) for text in MARKED] == ENGLISH.strings()
    assert dict(ENGLISH.definitions) == DEFINITIONS


def test_the_page_charts_the_figures_the_core_draws() -> None:
    assert statistics_section.CHART_KEYS == council_charts.CHART_KEYS


def test_the_japanese_of_the_page_is_the_japanese_of_the_printed_report() -> None:
    translator = QTranslator()
    assert translator.load(str(i18n.translations_dir() / "counter_ja.qm"))
    differ = [
        (english, translator.translate(CONTEXT, english), japanese)
        for english, japanese in zip(ENGLISH.strings(), JAPANESE.strings(), strict=True)
        if translator.translate(CONTEXT, english) != japanese
    ]
    assert not differ, differ
