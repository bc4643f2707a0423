"""Room to scroll past the end of a text: the vertical scroll bar's range grows by a number of
pixels (blank space below the text), and keeps growing by them when Qt sets the range again
from the text's height (a resize, a relayout). The text itself does not change."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QScrollBar


class ScrollPadding(QObject):
    """The extra scroll range of ``bar`` (0 at first)."""

    def __init__(self, bar: QScrollBar) -> None:
        super().__init__(bar)
        self._bar = bar
        self._pixels = 0
        self._setting = False
        bar.rangeChanged.connect(self._on_bar_range_changed)

    def pixels(self) -> int:
        return self._pixels

    def set_pixels(self, pixels: int) -> None:
        """Let the bar scroll ``pixels`` past the end of the text."""
        pixels = max(0, int(pixels))
        if pixels == self._pixels:
            return
        text_max = self._bar.maximum() - self._pixels
        self._pixels = pixels
        self._set_range(max(0, text_max + pixels))

    def _set_range(self, maximum: int) -> None:
        self._setting = True
        try:
            self._bar.setRange(0, maximum)
        finally:
            self._setting = False

    def _on_bar_range_changed(self, low: int, high: int) -> None:
        # Qt set the range from the text's height: add the padding.
        if self._pixels and not self._setting:
            self._set_range(high + self._pixels)


__all__ = ["ScrollPadding"]
