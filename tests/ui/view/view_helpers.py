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
