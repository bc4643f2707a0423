"""The document pane's left margin: each sentence's change kind as a glyph on a chip of the
kind's colour beside its first line (like a line-number area), so colour is never the only
signal; and a bar beside the selection."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from ..engine.model import ChangeKind
from .theme import blend, marker_font

if TYPE_CHECKING:
    from .document_pane import DocumentPane


class MarkerGutter(QWidget):
    """The pane's left margin: the kind's glyph beside the first line of each sentence (like a
    line-number area), on a chip of the kind's colour, and a bar beside the selection."""

    def __init__(self, pane: DocumentPane) -> None:
        super().__init__(pane)
        self._pane = pane
        self.setObjectName("markerGutter")
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)  # fills its rect

    def markers(self) -> list[tuple[float, float, list[ChangeKind]]]:
        """``(viewport y of a line's top, its height, kinds of the sentences starting on it)``
        for the visible sentences, top to bottom."""
        pane = self._pane
        kinds = pane.content().kinds
        if not kinds:
            return []
        value = pane.scroll_value()
        height = pane.viewport().height()
        rows: dict[int, tuple[float, float, list[ChangeKind]]] = {}
        for i in pane.visible_sentences():
            kind = kinds[i] if i < len(kinds) else None
            if kind is None:
                continue
            top, bottom = pane.first_line_span(i)
            if bottom < value or top > value + height:
                continue
            row = rows.setdefault(round(top), (top - value, bottom - top, []))
            if kind not in row[2]:
                row[2].append(kind)
        return [rows[k] for k in sorted(rows)]

    def muted_rows(self) -> list[tuple[float, float]]:
        """Viewport ``(top, bottom)`` of the visible lines whose every marked sentence is
        muted (an ignored change): their chips are drawn grey."""
        pane = self._pane
        muted, kinds = set(pane.muted()), pane.content().kinds
        if not muted:
            return []
        value = pane.scroll_value()
        rows: dict[int, tuple[float, float, bool]] = {}
        for i in pane.visible_sentences():
            if i >= len(kinds) or kinds[i] is None:
                continue
            top, bottom = pane.first_line_span(i)
            quiet = rows.get(round(top), (0.0, 0.0, True))[2] and i in muted
            rows[round(top)] = (top - value, bottom - value, quiet)
        return [(top, bottom) for top, bottom, quiet in rows.values() if quiet]

    def paintEvent(self, event: QPaintEvent) -> None:
        pane = self._pane
        theme = pane.theme()
        painter = QPainter(self)
        painter.fillRect(self.rect(), theme.window)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        value = pane.scroll_value()
        if pane.highlighted():
            spans = [pane.sentence_span(i) for i in pane.highlighted()]
            top = min(s[0] for s in spans) - value
            bottom = max(s[1] for s in spans) - value
            painter.fillRect(QRectF(self.width() - 4, top, 3, bottom - top), theme.selection)
        painter.setFont(marker_font(pane.reading_font()))
        glyph = theme.text if not theme.dark else QColor("#ffffff")
        quiet = self.muted_rows()
        for rect, kind in self.chips():
            painter.setPen(Qt.PenStyle.NoPen)
            muted = any(top <= rect.center().y() <= bottom for top, bottom in quiet)
            painter.setBrush(blend(theme.window, theme.muted, 0.3) if muted else theme.band(kind))
            painter.drawRoundedRect(rect, 3, 3)
            painter.setPen(glyph)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, theme.marker(kind))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(theme.text)
        for y, h in self.pins():
            # A small solid diamond at the margin's outer edge: "linked by hand".
            cx, cy, r = 4.5, y + h / 2, 3.5
            painter.drawPolygon([QPointF(cx, cy - r), QPointF(cx + r, cy), QPointF(cx, cy + r),
                                 QPointF(cx - r, cy)])
        painter.end()

    def pins(self) -> list[tuple[float, float]]:
        """(viewport y, height) of the first line of each visible sentence linked by hand."""
        pane = self._pane
        manual = pane.content().manual
        if not manual:
            return []
        value = pane.scroll_value()
        height = pane.viewport().height()
        out = []
        for i in pane.visible_sentences():
            if i in manual:
                top, bottom = pane.first_line_span(i)
                if bottom >= value and top <= value + height:
                    out.append((top - value, bottom - top))
        return out

    def chips(self) -> list[tuple[QRectF, ChangeKind]]:
        """Where each visible marker is drawn (gutter coordinates), right-aligned on its line."""
        out = []
        for y, line_height, kinds in self.markers():
            chip = min(18.0, line_height + 1.0)
            shown = kinds[:3]
            width = (
                chip if len(shown) == 1 else (self.width() - 6 - 2 * (len(shown) - 1)) / len(shown)
            )
            x = self.width() - 3 - width * len(shown) - 2 * (len(shown) - 1)
            for kind in shown:
                out.append((QRectF(x, y + (line_height - chip) / 2, width, chip), kind))
                x += width + 2
        return out

    def mousePressEvent(self, event: QMouseEvent) -> None:
        """A click on a marker selects the first sentence starting on that line."""
        pane = self._pane
        y = event.position().y() + pane.scroll_value()
        for i in pane.visible_sentences():
            top, bottom = pane.first_line_span(i)
            if top <= y <= bottom:
                pane.sentence_clicked.emit(i)
                return


__all__ = ["MarkerGutter"]
