"""The window on every odd input: a message naming the file (the previous comparison stays on
screen), or a comparison of it; never a traceback or a frozen window."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_engine_inputs import CASES

from viewer.engine.embed import CachedEmbedder, LexicalEmbedder

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
TIMEOUT = 60_000


def _lexical() -> CachedEmbedder:
    return CachedEmbedder(LexicalEmbedder(), None)


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    from viewer.app import build_window

    monkeypatch.setenv("ARTICLE_DIFF_HOME", str(tmp_path / "home"))
    w = build_window([str(SEEDS / "original.txt"), str(SEEDS / "rewrite.txt")], embedder_factory=_lexical)
    qtbot.addWidget(w)
    qtbot.waitSignal(w.comparison_ready, timeout=TIMEOUT).wait()
    yield w
    w.close()
    assert w.runner.active_threads() == 0


@pytest.mark.parametrize("name", CASES)
def test_window_answers_every_input(name, corpus, window, qtbot):
    path, (outcome, _reason) = corpus[name]
    before = window.comparison()
    if outcome == "error":
        with qtbot.waitSignal(window.message_shown, timeout=TIMEOUT):  # read in the background
            assert window.open_side("right", path)
        assert f"“{path.name}”" in window.message_bar.message()
        assert window.documents()[1].path == str(SEEDS / "rewrite.txt")
        assert window.comparison() is before and window.view.comparison() is before
    else:
        with qtbot.waitSignal(window.comparison_ready, timeout=TIMEOUT) as got:
            assert window.open_side("right", path)
        c = got.args[0]
        assert c is window.comparison()
        assert c.right.display_name == path.name
        text = window.view.right_pane.toPlainText()
        for s in c.right_sentences[:5]:
            assert " ".join(s.text.split()) in " ".join(text.split())


def test_hostile_text_shows_literally(corpus, window, qtbot):
    path = corpus["hostile_text"][0]
    with qtbot.waitSignal(window.comparison_ready, timeout=TIMEOUT):
        window.open_side("left", path)
    shown = window.view.left_pane.toPlainText()
    assert "<b>bold</b> &amp; <script>alert('x')</script>" in shown
