"""A narrow ruler beside a pane: the whole document in miniature, and its scroll bar.

Changed sentences are coloured ticks at their proportional positions; the visible part of the
document is a translucent rectangle. Clicking or dragging moves the pane so that the point
under the mouse is in the middle of the viewport; the wheel scrolls the pane.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QMouseEvent, QPainter, QPaintEvent, QPen, QPixmap, QWheelEvent
from PySide6.QtWidgets import QApplication, QSizePolicy, QWidget

from ..engine.model import ChangeKind
from .document_pane import DocumentPane
from .theme import Theme, with_alpha

RULER_WIDTH = 14
Tick = tuple[float, float, ChangeKind]
"""``(top, bottom, kind)``, top and bottom as fractions (0..1) of the document's height."""


class OverviewRuler(QWidget):
    """The overview of ``pane``: ticks for changes, the visible region, click to jump."""

    def __init__(self, pane: DocumentPane, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("overviewRuler")
        self.setFixedWidth(RULER_WIDTH)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)  # the pixmap fills it
        self._pane = pane
        self._theme = Theme()
        self._ticks: tuple[Tick, ...] = ()
        self._cache: QPixmap | None = None
        bar = pane.verticalScrollBar()
        bar.valueChanged.connect(self.update)
        bar.rangeChanged.connect(self.update)

    def sizeHint(self) -> QSize:
        return QSize(RULER_WIDTH, 200)

    def set_ticks(self, ticks: Sequence[Tick]) -> None:
        """Show ``ticks`` (identical sentences are best left out: the ruler shows changes)."""
        self._ticks = tuple(ticks)
        self._cache = None
        if self.isVisible():
            self._tick_pixmap()  # draw the ticks now, while idle, not in the next scroll frame
        self.update()

    def ticks(self) -> tuple[Tick, ...]:
        return self._ticks

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        self._cache = None
        self.update()

    def visible_region(self) -> QRectF:
        """The translucent rectangle: the pane's viewport as a share of the ruler's height."""
        pane = self._pane
        total = pane.content_height()
        h = float(self.height())
        if total <= 0:
            return QRectF(0, 0, self.width(), h)
        top = pane.scroll_value() / total * h
        size = max(6.0, pane.viewport().height() / total * h)
        return QRectF(0.5, min(top, h - size), self.width() - 1.0, size)

    def _tick_pixmap(self) -> QPixmap:
        ratio = self.devicePixelRatioF()
        if self._cache is not None and self._cache.size() == self.size() * ratio:
            return self._cache
        pixmap = QPixmap(self.size() * ratio)
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(self._theme.ruler)
        painter = QPainter(pixmap)
        h = float(self.height())
        runs: dict[ChangeKind, list[list[float]]] = {}
        for top, bottom, kind in sorted(self._ticks, key=lambda t: t[0]):
            y0, y1 = top * h, top * h + max(2.0, (bottom - top) * h)
            kind_runs = runs.setdefault(kind, [])
            if kind_runs and y0 <= kind_runs[-1][1] + 0.5:  # touches the last: one rectangle
                kind_runs[-1][1] = max(kind_runs[-1][1], y1)
            else:
                kind_runs.append([y0, y1])
        # Stronger kinds last, so an addition is not hidden under a neighbouring edit's tick.
        # Neighbouring ticks of a kind are drawn as one: a book has thousands on 900 pixels.
        for kind in ChangeKind:
            colour = self._theme.band(kind)
            for y0, y1 in runs.get(kind, ()):
                painter.fillRect(QRectF(2, y0, self.width() - 4, y1 - y0), colour)
        painter.end()
        self._cache = pixmap
        return pixmap

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.drawPixmap(0, 0, self._tick_pixmap())
        region = self.visible_region()
        painter.fillRect(region, with_alpha(self._theme.text, 38))
        painter.setPen(QPen(with_alpha(self._theme.text, 120), 1))
        painter.drawRect(region.adjusted(0, 0, -0.5, -0.5))
        painter.setPen(self._theme.border)
        painter.drawLine(0, 0, 0, self.height())
        painter.end()

    def jump_to(self, y: float) -> None:
        """Scroll the pane so that the document point under ruler ``y`` is mid-viewport."""
        pane = self._pane
        h = max(1, self.height())
        target = min(max(y / h, 0.0), 1.0) * pane.content_height() - pane.viewport().height() / 2
        bar = pane.verticalScrollBar()
        bar.setValue(round(min(max(target, bar.minimum()), bar.maximum())))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.jump_to(event.position().y())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self.jump_to(event.position().y())

    def wheelEvent(self, event: QWheelEvent) -> None:
        QApplication.sendEvent(self._pane.viewport(), event)
