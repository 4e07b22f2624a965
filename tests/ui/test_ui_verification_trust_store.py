"""The verifying clerk's page on a counter whose trust store is not there: the page says so
before any card is read, and a genuine card is "not checked" with the reason, never valid, its
holder's data not shown. Reading creates no trust store."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from counter_app.virtual_card.inprocess import InProcessBackend
from tests.support.counter_window import PERSON, open_logged_in, type_printed_fields
from tests.support.verification_window import ctrl_enter, issue, verifying_clerk, wait_verdict
from ui.pages.verification_page import NOT_CHECKED_STYLE


def test_without_its_trust_store_the_page_says_so_and_calls_no_card_valid(
    qtbot: QtBot, tmp_path: Path, backend: InProcessBackend
) -> None:
    missing = tmp_path / "not-mounted"
    window = open_logged_in(qtbot, tmp_path, lambda: backend, trust_store=missing)
    try:
        _issued, unlock = issue(qtbot, window)  # issuing checks its own work with its own CA
        page = verifying_clerk(qtbot, window)
        assert page.trust_notice.isVisible()
        assert "No card can be proved genuine at this counter" in page.trust_notice.text()
        assert "trust store directory does not exist" in page.trust_notice.text()

        type_printed_fields(qtbot, page, unlock)
        ctrl_enter(qtbot, page)
        result = wait_verdict(qtbot, page)

        assert not result.valid
        verdict = page.verdict.text()
        assert verdict.startswith("Not checked") and "Valid" not in verdict
        assert "trust store directory does not exist" in verdict
        assert page.verdict.styleSheet() == NOT_CHECKED_STYLE
        assert not page.data_labels["birth_date"][1].isVisible()  # nothing of the holder shown
        assert PERSON.birth_date.isoformat() not in page.data_labels["birth_date"][1].text()
        assert not missing.exists()
    finally:
        window.close()
