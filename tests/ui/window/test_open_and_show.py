"""Opening articles: from the command line, the empty prompt, the sample pair, the clipboard;
what the window shows once the comparison is done."""

from __future__ import annotations

import itertools
from pathlib import Path

from PySide6.QtWidgets import QApplication

from tests.ui.window.window_helpers import TIMEOUT
from viewer.engine.model import ChangeKind
from viewer.services.samples import sample_pair
from viewer.ui.summary_panel import count_for


def test_argv_pair_is_compared_and_summarised(qtbot, make_window, pair) -> None:
    left, right = pair
    window = make_window([left, right])
    with qtbot.waitSignal(window.comparison_ready, timeout=TIMEOUT) as ready:
        pass
    comparison = ready.args[0]
    assert window.windowTitle() == "Article Diff — original.txt ↔ rewrite.txt"
    assert window.stack.currentWidget() is window.view
    assert window.view.comparison() is comparison
    assert comparison.left.path == str(left) and comparison.right.path == str(right)
    summary = comparison.summary
    assert summary.left_sentences > 10 and summary.right_sentences > summary.left_sentences
    for kind, label in window.summary.counts.items():
        assert label.text() == str(count_for(summary, kind))
    assert window.summary.counts[ChangeKind.ADDED].text() == str(summary.added) != "0"
    assert f"{round(summary.kept_share * 100)}%" in window.summary.kept.text()
    assert f"{round(summary.new_share * 100)}%" in window.summary.new.text()
    assert window.findings.count() == len(comparison.findings)
    assert window.acts.export_json.isEnabled() and window.acts.next_change.isEnabled()


def test_lexical_fallback_is_announced(qtbot, make_window, pair) -> None:
    window = make_window(pair)
    qtbot.waitSignal(window.comparison_ready, timeout=TIMEOUT).wait()
    assert not window.model_bar.isHidden()
    assert "shared words, not meaning" in window.model_bar.message()
    assert "fallback" in window.model_label.text()


def test_empty_window_prompts_and_opens_the_sample(qtbot, make_window) -> None:
    window = make_window()
    qtbot.waitExposed(window)
    assert window.stack.currentWidget() is window.empty_state
    assert window.empty_state.heading.text() == "Open two versions of an article to compare them"
    assert "drop two files here" in window.empty_state.drop_hint.text()
    assert window.windowTitle() == "Article Diff"
    assert not window.acts.export_pdf.isEnabled()
    with qtbot.waitSignal(window.comparison_ready, timeout=TIMEOUT) as ready:
        window.empty_state.open_sample.click()
    left, right = sample_pair()
    assert ready.args[0].left.path == str(left) and ready.args[0].right.path == str(right)


def test_one_argument_fills_the_left_side_and_waits_for_the_right(qtbot, make_window, pair) -> None:
    window = make_window([pair[0]])
    qtbot.waitUntil(lambda: window.documents()[0] is not None)
    assert window.stack.currentWidget() is window.empty_state
    left_name, right_name = window.empty_state.side_names()
    assert "original.txt" in left_name and "Not opened" in right_name
    with qtbot.waitSignal(window.comparison_ready, timeout=TIMEOUT):
        assert window.open_side("right", pair[1])


def test_paste_as_left_text_uses_the_clipboard(qtbot, make_window, pair) -> None:
    window = make_window(pair)
    qtbot.waitSignal(window.comparison_ready, timeout=TIMEOUT).wait()
    pasted = ("Officials met on Tuesday to discuss the plan for southern Gaza. "
              "They did not reach a decision.\n\nMore talks are planned next week.")
    QApplication.clipboard().setText(pasted)
    with qtbot.waitSignal(window.comparison_ready, timeout=TIMEOUT) as ready:
        window.acts.paste_left.trigger()
    comparison = ready.args[0]
    assert comparison.left.display_name == "pasted original"
    assert comparison.left.path is None
    assert "More talks are planned next week." in comparison.left.text
    assert comparison.right.path == str(pair[1])
    assert window.windowTitle() == "Article Diff — pasted original ↔ rewrite.txt"


def test_paste_of_an_empty_clipboard_is_refused_with_a_message(qtbot, make_window, pair) -> None:
    window = make_window(pair)
    before = qtbot.waitSignal(window.comparison_ready, timeout=TIMEOUT)
    before.wait()
    QApplication.clipboard().setText("   \n ")
    assert not window.paste_side("right")
    assert "clipboard holds no text" in window.message_bar.message()
    assert window.comparison() is before.args[0]


def test_swap_sides_recompares_the_other_way(qtbot, make_window, pair) -> None:
    window = make_window(pair)
    first = qtbot.waitSignal(window.comparison_ready, timeout=TIMEOUT)
    first.wait()
    with qtbot.waitSignal(window.comparison_ready, timeout=TIMEOUT) as swapped:
        window.acts.swap.trigger()
    c = swapped.args[0]
    assert c.left.display_name == "rewrite.txt" and c.right.display_name == "original.txt"
    assert c.summary.left_sentences == first.args[0].summary.right_sentences
    assert window.windowTitle() == "Article Diff — rewrite.txt ↔ original.txt"


def test_reload_bar_appears_when_a_file_changes_on_disk(qtbot, make_window, pair) -> None:
    window = make_window(pair)
    qtbot.waitSignal(window.comparison_ready, timeout=TIMEOUT).wait()
    right: Path = pair[1]
    right.write_text(right.read_text(encoding="utf-8") + "\n\nA sentence added on disk.\n",
                     encoding="utf-8")
    qtbot.waitUntil(lambda: not window.reload_bar.isHidden(), timeout=10_000)
    assert "rewrite.txt" in window.reload_bar.message()
    with qtbot.waitSignal(window.comparison_ready, timeout=TIMEOUT) as ready:
        window.reload_bar.action.click()
    assert "A sentence added on disk." in ready.args[0].right.text
    assert window.reload_bar.isHidden()


def test_main_opens_the_pair_and_returns_when_the_window_closes(qtbot, pair, monkeypatch,
                                                                tmp_path) -> None:
    """``article-diff LEFT RIGHT`` end to end through ``viewer.app.main``; a model folder that
    does not exist gives the lexical fallback, announced with the reason."""
    from PySide6.QtCore import QTimer

    from viewer.app import main
    from viewer.ui.main_window import MainWindow

    monkeypatch.setenv("ARTICLE_DIFF_MODEL", str(tmp_path / "no-model-here"))
    seen: dict[str, object] = {}

    def poll() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, MainWindow) and widget.isVisible() \
                    and widget.comparison() is not None:
                seen["title"] = widget.windowTitle()
                seen["banner"] = widget.model_bar.message()
                widget.close()
                return
        QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)
    QTimer.singleShot(60_000, QApplication.quit)  # a safety net, never reached when it works
    assert main([str(pair[0]), str(pair[1])]) == 0
    assert seen["title"] == "Article Diff — original.txt ↔ rewrite.txt"
    assert "model folder not found" in str(seen["banner"])


def test_a_short_window_scrolls_the_side_panel_instead_of_squeezing_it(qtbot, make_window,
                                                                       pair) -> None:
    """At the smallest window size the summary's rows keep their height (they used to be
    pressed into each other, unreadable); the panel scrolls to reach the findings."""
    window = make_window(pair)
    qtbot.waitSignal(window.comparison_ready, timeout=TIMEOUT).wait()
    window.resize(window.minimumSize())
    qtbot.wait(50)
    QApplication.processEvents()
    labels = list(window.summary.counts.values())
    rows = sorted((label.mapTo(window, label.rect().topLeft()).y(), label.height())
                  for label in labels)
    for (top, height), (next_top, _) in itertools.pairwise(rows):
        assert height >= labels[0].fontMetrics().height()
        assert top + height <= next_top
    scroll = window.side_panel.verticalScrollBar()
    assert scroll.maximum() > 0  # the findings are below, reached by scrolling
    assert window.findings.height() >= 150
    window.resize(1400, 900)
    qtbot.wait(50)
    QApplication.processEvents()
    assert scroll.maximum() == 0  # a normal window shows the whole panel
