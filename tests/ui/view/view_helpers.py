"""Helpers shared by the comparison-view tests (imported as ``tests.ui.view.view_helpers``)."""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor

from viewer.engine.model import Comparison
from viewer.ui.comparison_view import ComparisonView
from viewer.ui.document_pane import DocumentPane


def char_format(pane: DocumentPane, position: int) -> QTextCharFormat:
    """The format of the character at QTextDocument ``position``."""
    cursor = QTextCursor(pane.document())
    cursor.setPosition(position + 1)
    return cursor.charFormat()


def background(pane: DocumentPane, position: int) -> str:
    return char_format(pane, position).background().color().name()


def sentence_point(pane: DocumentPane, index: int) -> QPoint:
    """A viewport point inside sentence ``index``'s first word (scrolled into view first)."""
    pane.scroll_to_span(pane.sentence_span(index))
    start, _ = pane.sentence_range(index)
    cursor = QTextCursor(pane.document())
    cursor.setPosition(start + 1)
    rect = pane.cursorRect(cursor)
    return QPoint(rect.center().x(), rect.center().y())


def close(a: QColor, b: QColor, tolerance: int = 40) -> bool:
    return all(abs(x - y) <= tolerance for x, y in zip(a.getRgb()[:3], b.getRgb()[:3]))


def level_check(view: ComparisonView, group, source: str = "left") -> tuple[float, float]:
    """Scroll ``source`` so the group's top is at the sync point; return both viewport ys."""
    panes = {"left": view.left_pane, "right": view.right_pane}
    other = "right" if source == "left" else "left"
    src, dst = panes[source], panes[other]
    indices = {"left": group.left, "right": group.right}
    top = src.sentence_span(indices[source][0])[0]
    bar = src.verticalScrollBar()
    total = bar.maximum() + src.viewport().height()
    value = round(top * bar.maximum() / total)  # v + (v / max) * page == top
    assert 0 < value < bar.maximum(), "pick a group in the middle of the document"
    bar.setValue(value)
    src_y = top - bar.value()
    dst_y = dst.sentence_span(indices[other][0])[0] - dst.verticalScrollBar().value()
    return src_y, dst_y


def make_view(
    qtbot, comparison: Comparison | None, width: int = 1200, height: int = 700
) -> ComparisonView:
    view = ComparisonView()
    qtbot.addWidget(view)
    view.resize(width, height)
    view.show()
    qtbot.waitExposed(view)
    if comparison is not None:
        view.set_comparison(comparison)
    return view
