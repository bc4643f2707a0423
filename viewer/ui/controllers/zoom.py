"""View > Zoom In, Zoom Out, Actual Size: the text size of both panes, remembered."""

from __future__ import annotations

from PySide6.QtCore import QObject

from ..actions import WindowActions
from ..comparison_view import ComparisonView
from ..theme import reading_font
from .settings import SettingsKeeper

DEFAULT_SIZE = 11.5  # reading_font()'s default
"""The panes' usual font size in points."""
SIZES = (8.0, 9.0, 10.0, 11.5, 13.0, 14.5, 16.0, 18.0, 20.0, 24.0, 28.0, 32.0)
"""The steps Zoom In and Zoom Out go through."""


class ZoomController(QObject):
    """Sets both panes' reading font to the remembered size and steps it with the actions."""

    def __init__(self, view: ComparisonView, prefs: SettingsKeeper, acts: WindowActions,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self.prefs = prefs
        acts.zoom_in.triggered.connect(self.zoom_in)
        acts.zoom_out.triggered.connect(self.zoom_out)
        acts.zoom_reset.triggered.connect(self.reset)
        self._size = DEFAULT_SIZE
        if prefs.value.reading_size:
            self.set_size(prefs.value.reading_size, remember=False)

    def size(self) -> float:
        return self._size

    def zoom_in(self) -> None:
        self.set_size(next((s for s in SIZES if s > self._size + 0.01), SIZES[-1]))

    def zoom_out(self) -> None:
        self.set_size(next((s for s in reversed(SIZES) if s < self._size - 0.01), SIZES[0]))

    def reset(self) -> None:
        self.set_size(DEFAULT_SIZE)

    def set_size(self, points: float, *, remember: bool = True) -> None:
        """Show both texts at ``points``; remembered (0 in the settings means the default)."""
        self._size = points
        font = reading_font(points)
        for pane in (self.view.left_pane, self.view.right_pane):
            pane.setFont(font)
        if remember:
            self.prefs.update(reading_size=0.0 if points == DEFAULT_SIZE else points)
