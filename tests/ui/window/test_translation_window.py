"""An English article and its German translation in the window, with the real models."""

from __future__ import annotations

from pathlib import Path

import pytest

from viewer.engine.model import ChangeKind, FindingKind
from viewer.services.workflow import make_model_switch

DATA = Path(__file__).resolve().parents[2] / "data" / "translation"


@pytest.mark.slow
def test_translation_opens_linked_with_languages_in_the_headers(qtbot, make_window) -> None:
    window = make_window([DATA / "en.txt", DATA / "de.txt"], factory=make_model_switch)
    with qtbot.waitSignal(window.comparison_ready, timeout=180_000) as ready:
        pass
    c = ready.args[0]
    assert (c.left_language, c.right_language) == ("en", "de")
    assert c.model.name == "universal-sentence-encoder-multilingual-3"
    assert list(c.omitted) == [11] and list(c.added) == [2]
    assert {(f.kind, f.left, f.right) for f in c.findings} == {
        (FindingKind.CHANGED_NUMBER, 14, 14), (FindingKind.CHANGED_NAME, 9, 11)}
    assert window.view.left_header.text().endswith("· English")
    assert window.view.right_header.text().startswith("Translation: de.txt")
    assert window.view.right_header.text().endswith("· German")
    assert window.findings.count() == 2
    assert window.summary.names[ChangeKind.MINOR].text() == "Translated"
    assert "counterpart in the translation" in window.summary.kept.text()
    assert "of the translation is new" in window.summary.new.text()
    assert "rewrite" not in window.summary.sentences.text()
    items = [window.review.panel.list.item(n).text() for n in range(window.review.panel.list.count())]
    assert any("translated" in t for t in items) and any("changed" in t for t in items)
    assert not any("minor edit" in t for t in items)
    # One inline column: a linked group shows the translation as written (no word edits)
    window.ignore_menu.display_actions["inline"].trigger()
    inline = window.view.inline_pane.content().document.text
    assert "Die Brücke war 1974 eröffnet worden." in inline  # the addition
    for g in c.groups:
        assert " ".join(" ".join(c.right_sentences[j].text for j in g.right).split()) in inline
    window.ignore_menu.display_actions["marked"].trigger()

    # View > Sentence Model > English: the same pair with the English model
    with qtbot.waitSignal(window.comparison_ready, timeout=180_000) as again:
        window.acts.model_english.trigger()
    assert again.args[0].model.name == "all-MiniLM-L6-v2"
    assert window.prefs.value.model_choice == "english"
    assert again.args[0].cross_language  # still a translation, only the model changed
    assert window.summary.names[ChangeKind.MINOR].text() == "Translated"
