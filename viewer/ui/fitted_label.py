"""A label that fits its lines to its width instead of asking for their width."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFontMetrics, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QLabel, QWidget

from .tooltips import plain_tooltip


def fit_lines(text: str, metrics: QFontMetrics, width: int) -> list[str]:
    """``text``'s lines in ``width`` px: a line too long is broken after its commas, and a
    piece still too long is cut with "…"."""
    out: list[str] = []
    for line in text.split("\n"):
        if metrics.horizontalAdvance(line) <= width:
            out.append(line)
            continue
        current = ""
        for piece in line.split(", "):
            joined = f"{current}, {piece}" if current else piece
            if current and metrics.horizontalAdvance(joined + ",") > width:
                out.append(current + ",")
                current = piece
            else:
                current = joined
        out.append(current)
    return [line if metrics.horizontalAdvance(line) <= width
            else metrics.elidedText(line, Qt.TextElideMode.ElideRight, width) for line in out]


class FittedLabel(QLabel):
    """Plain text in lines fitted to the label's width by :func:`fit_lines`; when a line had
    to be cut, the whole text is the tooltip. ``text()`` is the whole text. A narrow side
    panel stays narrow, and the label grows a line rather than hiding a figure."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self._line_count = 1

    def setText(self, text: str) -> None:
        super().setText(text)
        self._refit()

    def shown_lines(self) -> list[str]:
        """The lines as painted."""
        return fit_lines(self.text(), self.fontMetrics(), max(1, self.contentsRect().width()))

    def is_cut(self) -> bool:
        """Whether a line is cut with "…" (broken lines lose nothing)."""
        return any(line.endswith("…") for line in self.shown_lines()) and "…" not in self.text()

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self._height())

    def minimumSizeHint(self) -> QSize:
        return QSize(self.fontMetrics().horizontalAdvance("M…") * 2, self._height())

    def _height(self) -> int:
        margins = self.contentsMargins()
        return (self._line_count * self.fontMetrics().lineSpacing() + margins.top()
                + margins.bottom())

    def _refit(self) -> None:
        self.setToolTip(plain_tooltip(self.text()) if self.is_cut() else "")
        count = len(self.shown_lines())
        if count != self._line_count:
            self._line_count = count
            self.updateGeometry()
        self.update()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._refit()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        self.style().drawItemText(painter, self.contentsRect(), int(self.alignment()),
                                  self.palette(), self.isEnabled(), "\n".join(self.shown_lines()),
                                  self.foregroundRole())


__all__ = ["FittedLabel", "fit_lines"]
