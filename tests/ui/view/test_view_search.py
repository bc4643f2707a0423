"""Find in both panes (issue 17, point 10): a count, every match tinted, a word on wrapping,
starting from the view, the match centred. Measured from the panes, not assumed."""

from __future__ import annotations

from PySide6.QtGui import QTextCursor

from tests.ui.view.view_helpers import make_view
from viewer.engine.model import Comparison

WORD = "hamas"


def _occurrences(pane) -> int:  # type: ignore[no-untyped-def]
    return pane.document().toPlainText().lower().count(WORD)


def _centre_offset(view, side: str) -> tuple[float, bool]:  # type: ignore[no-untyped-def]
    pane = view.left_pane if side == "left" else view.right_pane
    rect = pane.cursorRect(QTextCursor(pane.textCursor()))
    bar = pane.verticalScrollBar()
    at_end = bar.value() in (0, bar.maximum())
    return abs(rect.center().y() - pane.viewport().height() / 2), at_end


def test_search_counts_tints_centres_and_wraps(qtbot, sample_lexical: Comparison) -> None:
    view = make_view(qtbot, sample_lexical, width=1000, height=400)
    left, right = view.left_pane, view.right_pane
    total = _occurrences(left) + _occurrences(right)
    assert _occurrences(left) >= 2 and _occurrences(right) >= 2
    bar = left.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    first = view.search(WORD)
    assert first.count == total and not first.wrapped
    assert first.index > 0  # from the view in the middle, not from the top
    # every match tinted, in both panes
    assert len(left.extraSelections()) == _occurrences(left)
    assert len(right.extraSelections()) == _occurrences(right)
    seen = {first.index}
    result = first
    for _ in range(total):
        side = "left" if left.textCursor().hasSelection() else "right"
        offset, at_end = _centre_offset(view, side)
        line = left.fontMetrics().height()
        assert at_end or offset <= line, (offset, line)  # centred, not on the last line
        if result.wrapped:
            break
        result = view.search(WORD)
        seen.add(result.index)
    assert result.wrapped and result.index == 0  # a word on wrapping, back at the first
    back = view.search(WORD, backwards=True)
    assert back.wrapped and back.index == total - 1
    assert view.search("no such words anywhere").count == 0
    view.clear_search()
    assert not left.extraSelections() and not right.extraSelections()
