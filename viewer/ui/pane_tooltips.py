"""What hovering the panes says: a sentence's kind, similarity, which sentences it links to and
their word counts (as its band in the link map does), or what a placeholder of hidden
identical sentences stands for and how to show them."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QToolTip

from ..engine.model import ChangeKind, Comparison
from .document_pane import DocumentPane
from .link_map import Band, LinkMap


class PaneTooltips(QObject):
    """Shows the tooltips of the two panes of a comparison view (an event filter on their
    viewports). ``comparison()`` returns what the panes show."""

    def __init__(
        self,
        comparison: Callable[[], Comparison | None],
        left: DocumentPane,
        right: DocumentPane,
        link_map: LinkMap,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._comparison = comparison
        self._panes = {"left": left, "right": right}
        self._link_map = link_map
        for pane in (left, right):
            pane.viewport().installEventFilter(self)

    def sentence_text(self, side: str, index: int) -> str:
        """What hovering sentence ``index`` of ``side`` says; empty before a comparison."""
        c = self._comparison()
        if c is None or not 0 <= index < len(c.left_sentences if side == "left"
                                                else c.right_sentences):
            return ""
        return self._link_map.tooltip_text(sentence_band(c, side, index))

    def placeholder_text(self, count: int) -> str:
        """What hovering a placeholder of ``count`` hidden identical sentences says."""
        if count == 1:
            return self.tr("This sentence is the same in both texts. Click to show it.")
        return self.tr("These {count} sentences are the same in both texts. Click to show "
                       "them.").format(count=count)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.ToolTip:
            return super().eventFilter(watched, event)
        for side, pane in self._panes.items():
            if watched is pane.viewport():
                assert isinstance(event, QHelpEvent)
                run = pane.placeholder_at(event.pos())
                if run is not None:
                    text = self.placeholder_text(run[1] - run[0] + 1)
                else:
                    text = self.sentence_text(side, pane.sentence_at(event.pos()))
                if text:
                    QToolTip.showText(event.globalPos(), text, pane.viewport())
                else:
                    QToolTip.hideText()
                    event.ignore()
                return True
        return super().eventFilter(watched, event)


def sentence_band(comparison: Comparison, side: str, index: int) -> Band:
    """A band standing for sentence ``index`` of ``side`` (its group, or the sentence alone),
    for the link map's tooltip text."""
    group = (comparison.group_of_left(index) if side == "left"
             else comparison.group_of_right(index))
    if group is not None:
        return Band(group, comparison.groups[group].kind, 0, 0, 0, 0, side=side, sentence=index)
    kind = ChangeKind.OMITTED if side == "left" else ChangeKind.ADDED
    return Band(-1, kind, 0, 0, 0, 0, side=side, sentence=index)


__all__ = ["PaneTooltips", "sentence_band"]
