"""Every self-check title and finding reaches the supervisor in Japanese, values filled in."""

from __future__ import annotations

from PySide6.QtCore import QTranslator

from counter_app.workflows.selfcheck import SELF_CHECKS, TEXTS, Verdict
from ui import i18n
from ui.pages.supervisor.selfcheck_texts import CONTEXT, MARKED, VERDICTS


def test_the_window_marks_every_title_and_text_of_the_core_list() -> None:
    core = {check.title for check in SELF_CHECKS} | set(TEXTS)
    missing = core - {str(text) for text in MARKED}
    assert not missing, f"add these to ui/pages/supervisor/selfcheck_texts.py: {missing}"


def test_every_title_text_and_verdict_has_a_japanese_translation_with_its_placeholders() -> None:
    translator = QTranslator()
    assert translator.load(str(i18n.translations_dir() / "counter_ja.qm"))
    texts = [str(t) for t in MARKED] + [str(VERDICTS[v]) for v in Verdict]
    for text in texts:
        japanese = translator.translate(CONTEXT, text)
        assert japanese and japanese != text, f"untranslated: {text!r}"
        for placeholder in ("{events}", "{path}", "{days}", "{logins}", "{files}", "{target}"):
            assert (placeholder in text) == (placeholder in japanese), text
