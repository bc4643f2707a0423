"""A stacked widget as small as the page it shows."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QStackedWidget, QWidget


class PageStack(QStackedWidget):
    """A ``QStackedWidget`` whose size hints are its current page's: Qt's are the largest of
    all pages, so the wide empty prompt would keep the comparison (and the side panel's dock
    beside it) from a small window's room while the comparison shows."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.currentChanged.connect(self._on_current_changed)

    def sizeHint(self) -> QSize:
        page = self.currentWidget()
        return page.sizeHint() if page is not None else super().sizeHint()

    def minimumSizeHint(self) -> QSize:
        page = self.currentWidget()
        return page.minimumSizeHint() if page is not None else super().minimumSizeHint()

    def _on_current_changed(self, _index: int) -> None:
        self.updateGeometry()


__all__ = ["PageStack"]
