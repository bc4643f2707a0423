"""Hovering a sentence in a pane says what its band says: kind, similarity, word counts."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip

from tests.ui.window.window_helpers import TIMEOUT
from viewer.engine.model import ChangeKind


def _hover(pane, index: int) -> str:  # type: ignore[no-untyped-def]
    pane.scroll_to_span(pane.sentence_span(index))
    rect = pane.line_rects(index)[0]
    point = QPoint(int(rect.center().x()), int(rect.center().y() - pane.scroll_value()))
    assert pane.sentence_at(point) == index
    event = QHelpEvent(QEvent.Type.ToolTip, point, pane.viewport().mapToGlobal(point))
    QApplication.sendEvent(pane.viewport(), event)
    return QToolTip.text() if QToolTip.isVisible() else ""


def test_hovering_a_sentence_shows_its_kind_similarity_and_word_counts(
        qtbot, make_window, pair) -> None:
    window = make_window(pair)
    qtbot.waitSignal(window.comparison_ready, timeout=TIMEOUT).wait()
    c = window.comparison()
    group = next(g for g in c.groups if g.kind == ChangeKind.REWORDED)
    text = _hover(window.view.left_pane, group.left[0])
    assert "Reworded" in text and f"similarity {group.similarity:.2f}" in text
    words = sum(len(c.left_sentences[i].text.split()) for i in group.left)
    assert f"{words} words" in text
    added = next(j for j in range(len(c.right_sentences)) if c.group_of_right(j) is None)
    text = _hover(window.view.right_pane, added)
    assert "Added" in text and f"sentence {added + 1} of the rewrite" in text
