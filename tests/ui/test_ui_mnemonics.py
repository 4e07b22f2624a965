"""No Alt+letter belongs to two controls: every page, as the supervisor (who sees them all) has it.

A mnemonic (the letter after "&" in a button's or a buddied label's text, a group box's title, a
tab's or a menu's title) is live while its widget is on screen; with two on screen, Alt+letter
only cycles between them. Buttons count even while hidden: they appear as the task goes on. The
window's own (menus, the page tabs) are live on every page. Walked in English and Japanese: the
translations carry their own letters.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QGroupBox,
    QLabel,
    QMenuBar,
    QStackedWidget,
    QTabBar,
    QTabWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from counter_app.card_service.backends import open_in_process_backend
from counter_app.config import Configuration
from counter_app.records import Role
from tests.support.counter_window import go_to, log_in, open_logged_in
from ui import i18n
from ui.main_window import MainWindow
from ui.pages.parts import TaskPage

_MNEMONIC = re.compile(r"&([^&\s])")


def letter(text: str) -> str | None:
    """The mnemonic letter of a text ("&&" is a literal ampersand), upper-case."""
    found = _MNEMONIC.search(text.replace("&&", ""))
    return found.group(1).upper() if found else None


def _on_a_hidden_page(widget: QWidget, top: QWidget) -> bool:
    """True when the widget sits on a stacked page that is not the current one."""
    child, parent = widget, widget.parentWidget()
    while parent is not None and child is not top:
        if isinstance(parent, QStackedWidget) and parent.currentWidget() is not child:
            return True
        child, parent = parent, parent.parentWidget()
    return False


def texts_with_mnemonics(top: QWidget) -> Iterator[tuple[str, str]]:
    """(letter, where) for every control under `top` that has a mnemonic."""
    for widget in top.findChildren(QWidget):
        if _on_a_hidden_page(widget, top):
            continue
        # a hidden button may show up later beside the rest (next resident, try again); a hidden
        # label or box of a part the page does not use never does
        if not widget.isVisibleTo(top) and not isinstance(widget, QAbstractButton):
            continue
        texts: list[str] = []
        if isinstance(widget, QAbstractButton) or (
            isinstance(widget, QLabel) and widget.buddy() is not None
        ):
            texts.append(widget.text())
        elif isinstance(widget, QGroupBox):
            texts.append(widget.title())
        elif isinstance(widget, QTabBar):
            texts.extend(widget.tabText(i) for i in range(widget.count()))
        elif isinstance(widget, QMenuBar):
            texts.extend(action.text() for action in widget.actions())
        for text in texts:
            found = letter(text)
            if found:
                yield found, f"{type(widget).__name__} {widget.objectName()!r}: {text!r}"


def window_level(window: MainWindow) -> list[tuple[str, str]]:
    """The mnemonics live on every page: everything outside the pages themselves."""
    pages = set(window.pages.values())
    found = []
    for item in texts_with_mnemonics(window):
        found.append(item)
    inside = {item for page in pages for item in texts_with_mnemonics(page)}
    return [item for item in found if item not in inside]


@pytest.fixture
def supervisor_window(qtbot: QtBot, tmp_path: Path, empty_home: Path) -> Iterator[MainWindow]:
    config = Configuration(data_dir=empty_home)
    window = open_logged_in(qtbot, tmp_path, functools.partial(open_in_process_backend, config))
    window.logout_action.trigger()
    qtbot.waitUntil(lambda: window.stack.currentIndex() == 0, timeout=10000)
    log_in(qtbot, window, Role.SUPERVISOR)
    yield window
    window.close()
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    i18n.Translations(app).set_language(i18n.SOURCE_LANGUAGE)


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_no_mnemonic_is_used_twice_on_any_page(
    qtbot: QtBot, supervisor_window: MainWindow, lang: str
) -> None:
    window = supervisor_window
    window.set_language(lang)
    assert len(window.pages) >= 10  # the supervisor sees every page
    problems = []
    for key, page in window.pages.items():
        assert isinstance(page, TaskPage)
        go_to(qtbot, window, key)
        inner = page.findChildren(QTabWidget)  # a page of sections: each one in front in turn
        for index in range(max([tabs.count() for tabs in inner] or [1])):
            for tabs in inner:
                tabs.setCurrentIndex(min(index, tabs.count() - 1))
            live = window_level(window) + list(texts_with_mnemonics(page))
            counts = Counter(found for found, _where in live)
            for found, count in counts.items():
                if count > 1:
                    where = [w for f, w in live if f == found]
                    problems.append(f"{lang} {key}/{index}: Alt+{found} x{count}: {where}")
    assert not problems, "\n".join(problems)
