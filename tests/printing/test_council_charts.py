"""The council charts read in black and white (series differ by hatch, marker and line style, not
colour alone), carry Japanese labels in IPAex Gothic, and never draw a suppressed count."""

from __future__ import annotations

import dataclasses

import matplotlib
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.container import BarContainer
from matplotlib.text import Text

from counter_app.printing import council_charts
from counter_app.printing.council_charts import ChartFontMissingError, chart, chart_font
from counter_app.printing.council_tables import table_rows
from counter_app.printing.council_texts import JAPANESE
from counter_app.records.statistics import DEFINITIONS, Figure, FigureRow

AGE_SEX = Figure(
    key="holding_rate.age_sex",
    definition=DEFINITIONS["holding_rate.age_sex"],
    groups=("age_band", "sex"),
    measures=("cards", "residents"),
    rows=(
        FigureRow(("30-34", "female"), (6, 10)),
        FigureRow(("30-34", "male"), (2, 10)),  # 2 cards: suppressed below 5
        FigureRow(("45-49", "female"), (9, 12)),
        FigureRow(("45-49", "male"), (5, 20)),
    ),
    rate=("cards", "residents"),
)
MONTHLY = Figure(
    key="cards.monthly",
    definition=DEFINITIONS["cards.monthly"],
    groups=("month",),
    measures=("issued", "reissued", "free", "returned", "suspended"),
    rows=(FigureRow(("2026-04",), (12, 5, 0, 7, 6)), FigureRow(("2026-05",), (20, 6, 3, 8, 9))),
)


def _texts(drawn: object) -> list[str]:
    assert hasattr(drawn, "findobj")
    return [t.get_text() for t in drawn.findobj(Text) if t.get_text()]


def test_bars_of_two_sexes_differ_in_hatch_and_fill_and_small_counts_are_not_drawn() -> None:
    drawn = chart(AGE_SEX, JAPANESE, threshold=5)
    ax = drawn.axes[0]
    female, male = [c for c in ax.containers if isinstance(c, BarContainer)]
    assert female.get_label() == "女" and male.get_label() == "男"
    assert female.patches[0].get_hatch() != male.patches[0].get_hatch()
    assert female.patches[0].get_facecolor() != male.patches[0].get_facecolor()
    assert all(p.get_edgecolor()[:3] == (0.0, 0.0, 0.0) for p in (*female, *male))
    # 6 of 10 women: 60 %; the 2 men of 30-34: no bar, a "*" instead
    assert female.patches[0].get_height() == pytest.approx(60.0)
    assert male.patches[0].get_height() == 0.0
    assert male.patches[1].get_height() == pytest.approx(25.0)
    assert "*" in _texts(ax)
    assert "年齢階級別・男女別の保有枚数率" in _texts(ax)
    assert "年齢階級" in _texts(ax)


def test_lines_of_card_events_differ_in_marker_and_line_style() -> None:
    drawn = chart(MONTHLY, JAPANESE, threshold=5)
    lines = drawn.axes[0].get_lines()
    assert [line.get_label() for line in lines] == [
        "交付",
        "再交付",
        "無料交付",
        "返納",
        "一時停止",
    ]
    styles = {(line.get_marker(), str(line.get_linestyle())) for line in lines}
    assert len(styles) == len(lines)
    assert len({line.get_marker() for line in lines}) == len(lines)
    free = lines[2].get_ydata()
    assert free[0] == 0 and str(free[1]) == "nan"  # 3 free issuances in May: suppressed


def test_charts_are_drawn_in_the_japanese_font() -> None:
    drawn = chart(MONTHLY, JAPANESE, threshold=5)
    FigureCanvasAgg(drawn).draw()
    title = drawn.axes[0].title
    assert "IPAex" in title.get_fontname()


def test_without_a_japanese_font_the_chart_is_an_error_in_words(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    chart_font.cache_clear()
    monkeypatch.setattr(council_charts, "FONT_FAMILIES", ("No Such Gothic",))
    try:
        with pytest.raises(ChartFontMissingError) as raised:
            chart(MONTHLY, JAPANESE, threshold=5)
        assert "fonts-ipaexfont" in raised.value.todo
    finally:
        chart_font.cache_clear()


def test_the_open_age_band_comes_last_in_the_chart_and_the_table() -> None:
    rows = (
        FigureRow(("05-09", "male"), (5, 5)),
        FigureRow(("10-14", "male"), (5, 5)),
        FigureRow(("100+", "male"), (5, 5)),
        FigureRow(("95-99", "male"), (5, 5)),
    )
    figure = dataclasses.replace(AGE_SEX, rows=rows)
    ticks = [t.get_text() for t in chart(figure, JAPANESE, 5).axes[0].get_xticklabels()]
    assert ticks == ["05-09", "10-14", "95-99", "100+"]
    table = table_rows(figure, JAPANESE, 5)
    assert [row[0] for row in table[1:]] == ["05-09", "10-14", "95-99", "100+"]


def test_the_truetype_setting_holds_for_the_charts_only() -> None:
    before = matplotlib.rcParams["pdf.fonttype"], list(matplotlib.rcParams["font.family"])
    chart(MONTHLY, JAPANESE, threshold=5)
    assert (matplotlib.rcParams["pdf.fonttype"], matplotlib.rcParams["font.family"]) == before
