"""Where a sentence of a laid-out ``QTextDocument`` is: its vertical span, the rectangles of
its lines, and the outline that joins them (document pixel coordinates throughout)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QTextDocument
from PySide6.QtWidgets import QWidget

from .pane_text import LINE_HEIGHT, cursor_x


def measure_span(doc: QTextDocument, start: int, end: int) -> tuple[float, float, float]:
    """``(top, bottom, first line's bottom)`` of the text between positions ``start`` and
    ``end`` (laying it out if need be)."""
    block = doc.findBlock(start)
    top_y = doc.documentLayout().blockBoundingRect(block).top()
    # An invalid QTextLine must not be asked anything: its y() reads through a null
    # pointer (a crash, not an exception).
    first = block.layout().lineForTextPosition(start - block.position())
    if not first.isValid():
        return top_y, top_y, top_y
    top = top_y + first.y()
    last_pos = max(start, end - 1)
    if last_pos >= block.position() + block.length():
        block = doc.findBlock(last_pos)
        top_y = doc.documentLayout().blockBoundingRect(block).top()
    last = block.layout().lineForTextPosition(last_pos - block.position())
    if not last.isValid():
        return top_y, top_y, top_y
    return top, top_y + last.y() + last.height(), top + first.height()


def line_rects(doc: QTextDocument, start: int, end: int) -> list[QRectF]:
    """The rectangles of the text between positions ``start`` and ``end``, one per line."""
    rects: list[QRectF] = []
    block = doc.findBlock(start)
    while block.isValid() and block.position() < max(end, start + 1):
        origin = doc.documentLayout().blockBoundingRect(block).topLeft()
        layout = block.layout()
        for n in range(layout.lineCount()):
            line = layout.lineAt(n)
            a = max(start, block.position() + line.textStart())
            b = min(end, block.position() + line.textStart() + line.textLength())
            if a >= b:
                continue
            x0 = cursor_x(line, a - block.position())
            x1 = cursor_x(line, b - block.position())
            rects.append(QRectF(origin.x() + x0, origin.y() + line.y(), x1 - x0, line.height()))
        block = block.next()
    return rects


def outline_path(rects: list[QRectF], dy: float) -> QPainterPath:
    """One outline around ``rects`` (lines of text), each grown into the leading so that the
    lines join, moved by ``dy``."""
    path = QPainterPath()
    for rect in rects:
        lead = rect.height() * (LINE_HEIGHT / 100 - 1) / 2 + 0.5
        piece = QPainterPath()
        piece.addRect(rect.adjusted(-3, -lead, 3, lead).translated(0, dy))
        path = path.united(piece)
    return path


def paint_outline(viewport: QWidget, path: QPainterPath, fill: QColor, pen: QPen) -> None:
    """Fill ``path`` (viewport coordinates) with ``fill`` and draw it with ``pen``."""
    if path.isEmpty():
        return
    painter = QPainter(viewport)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.fillPath(path, fill)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    painter.drawPath(path.simplified())
    painter.end()


def block_spans(doc: QTextDocument, position: int, y: float) -> bool:
    """Whether the paragraph holding ``position`` spans document y ``y``."""
    rect = doc.documentLayout().blockBoundingRect(doc.findBlock(position))
    return rect.top() <= y <= rect.bottom()


__all__ = ["block_spans", "line_rects", "measure_span", "outline_path", "paint_outline"]
