"""Synchronised scrolling of the two panes, as GNOME Meld does it.

Linked sentences should stay level while either pane scrolls. Each group that is not a move
gives anchors, its top edges ``(y_left, y_right)`` and (where it does not share a line with the
next group) its bottom edges, in document pixel coordinates; with ``(0, 0)`` and the two
document heights at the ends they form a monotone piecewise-linear map from one document to
the other. The point mapped is not the top of the
viewport but a point that slides from the top to the bottom of the viewport as the pane
scrolls from its top to its bottom, so that both panes still reach both ends.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import QObject, Signal

from ..engine.model import Group
from .document_pane import DocumentPane

Edge = tuple[float, float, float, float]
"""A group's ``(left_top, left_bottom, right_top, right_bottom)`` in document coordinates."""


class GroupEdges:
    """The anchoring groups' edges (moves and unlinked sentences give none), taken in order as
    far as they are needed: a long pair is measured only down to where the user scrolls."""

    def __init__(self) -> None:
        self.edges: list[Edge] = []
        self.next_group = 0  # the next group to take an edge from

    def reset(self) -> None:
        self.edges = []
        self.next_group = 0

    def complete(self, groups: tuple[Group, ...]) -> bool:
        return self.next_group >= len(groups)

    def extend(self, groups: tuple[Group, ...], left: DocumentPane, right: DocumentPane,
               side: str, y: float | None, *, measured: bool = False) -> None:
        """Take edges from further groups, in order, until one starts below ``y`` on ``side``
        (None: every group); ``measured``: only groups the panes' passes have measured."""
        left_done, right_done = left.measured_count(), right.measured_count()
        k = 0 if side == "left" else 2
        while self.next_group < len(groups):
            if y is not None and self.edges and self.edges[-1][k] > y:
                return
            group = groups[self.next_group]
            if group.moved or not group.left or not group.right:
                self.next_group += 1
                continue
            if measured and (group.left[-1] >= left_done or group.right[-1] >= right_done):
                return
            self.next_group += 1
            lt = min(left.sentence_span(i)[0] for i in group.left)
            lb = max(left.sentence_span(i)[1] for i in group.left)
            rt = min(right.sentence_span(j)[0] for j in group.right)
            rb = max(right.sentence_span(j)[1] for j in group.right)
            self.edges.append((lt, lb, rt, rb))


class Anchors:
    """A monotone piecewise-linear map between left and right document coordinates."""

    def __init__(self, left: list[float], right: list[float]) -> None:
        self.left = left
        self.right = right

    @classmethod
    def build(cls, edges: Iterable[Edge], left_height: float, right_height: float) -> Anchors:
        """Anchors from group edges in left-document order, plus both documents' ends.

        Tops come first: a group's bottom is used only when the next group starts below it on
        both sides (in prose, a sentence often ends on the line where the next one starts).
        Any point that would make the map go backwards (a group out of order) is skipped, so
        the map stays monotone.
        """
        edges = list(edges)
        points: list[tuple[float, float]] = []
        for k, (lt, lb, rt, rb) in enumerate(edges):
            points.append((lt, rt))
            following = edges[k + 1] if k + 1 < len(edges) else None
            if following is None or (lb <= following[0] and rb <= following[2]):
                points.append((lb, rb))
        xs, ys = [0.0], [0.0]
        for x, y in points:
            if xs[-1] <= x <= left_height and ys[-1] <= y <= right_height:
                xs.append(x)
                ys.append(y)
        xs.append(max(left_height, xs[-1]))
        ys.append(max(right_height, ys[-1]))
        return cls(xs, ys)

    def left_to_right(self, y: float) -> float:
        return _interpolate(self.left, self.right, y)

    def right_to_left(self, y: float) -> float:
        return _interpolate(self.right, self.left, y)

    def map(self, side: str, y: float) -> float:
        """``y`` on ``side`` ("left"|"right") mapped to the other side."""
        return self.left_to_right(y) if side == "left" else self.right_to_left(y)


def _interpolate(xs: list[float], ys: list[float], x: float) -> float:
    """Piecewise-linear ``xs -> ys`` (both non-decreasing); a vertical step takes its far end."""
    if x <= xs[0]:
        return ys[0]
    if x >= xs[-1]:
        return ys[-1]
    i = bisect_right(xs, x) - 1
    x0, x1 = xs[i], xs[i + 1]
    if x1 <= x0:
        return ys[i + 1]
    return ys[i] + (ys[i + 1] - ys[i]) * (x - x0) / (x1 - x0)


def sync_fraction(value: float, maximum: float) -> float:
    """Where in the viewport (0 top .. 1 bottom) the synchronised point is at scroll ``value``."""
    return 0.0 if maximum <= 0 else min(1.0, max(0.0, value / maximum))


def target_value(
    anchors: Anchors,
    side: str,
    value: float,
    maximum: float,
    page: float,
    other_maximum: float,
    other_page: float,
) -> int:
    """The other pane's scroll value that puts the synchronised point level with ``side``'s."""
    if value <= 0:  # first: a pane with nothing to scroll (maximum 0) is at its top
        return 0
    if value >= maximum:  # the ends meet exactly, whatever rounding the layout did
        return int(max(other_maximum, 0))
    f = sync_fraction(value, maximum)
    mapped = anchors.map(side, value + f * page)
    target = mapped - f * other_page
    return round(min(max(target, 0.0), max(other_maximum, 0.0)))


class ScrollSynchronizer(QObject):
    """Keeps ``right`` level with ``left`` (and back) while either scrolls.

    ``anchors(side, y)`` is called when a map is needed that is exact at document ``y`` of
    ``side`` (the synchronised point); it may return None (nothing to align: then the panes
    scroll proportionally). ``synced`` is emitted after the other pane was moved.
    """

    synced = Signal()

    def __init__(
        self,
        left: DocumentPane,
        right: DocumentPane,
        anchors: Callable[[str, float], Anchors | None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._panes = {"left": left, "right": right}
        self._anchors = anchors
        self._enabled = True
        self._busy = False
        self._last = "left"
        left.verticalScrollBar().valueChanged.connect(self._on_left_scrolled)
        right.verticalScrollBar().valueChanged.connect(self._on_right_scrolled)

    def set_enabled(self, on: bool) -> None:
        self._enabled = bool(on)
        if self._enabled:
            self.sync_from(self._last)

    def enabled(self) -> bool:
        return self._enabled

    @contextmanager
    def paused(self) -> Iterator[None]:
        """Scroll a pane inside this block without the other following."""
        busy, self._busy = self._busy, True
        try:
            yield
        finally:
            self._busy = busy

    def last_scrolled(self) -> str:
        """The side the user scrolled last ("left" by default): it leads after a relayout."""
        return self._last

    def _on_left_scrolled(self, value: int) -> None:
        if not self._busy:
            self._last = "left"
            self.sync_from("left")

    def _on_right_scrolled(self, value: int) -> None:
        if not self._busy:
            self._last = "right"
            self.sync_from("right")

    def sync_from(self, side: str) -> None:
        """Move the other pane so that it is level with ``side``."""
        if not self._enabled or self._busy:
            return
        source = self._panes[side]
        other = self._panes["right" if side == "left" else "left"]
        bar, other_bar = source.verticalScrollBar(), other.verticalScrollBar()
        if other_bar.maximum() <= 0:
            return
        self._busy = True  # the other pane's valueChanged must not echo back
        try:
            if 0 < bar.value() < bar.maximum():
                point = bar.value() + sync_fraction(bar.value(), bar.maximum()) * (
                    source.viewport().height()
                )
                anchors = self._anchors(side, point)  # may lay out both documents that far
            else:
                anchors = None  # at the ends, the ends meet: no layout needed
            if anchors is None:  # nothing linked: scroll proportionally
                left, right = self._panes["left"], self._panes["right"]
                anchors = Anchors.build((), left.content_height(), right.content_height())
            other_bar.setValue(
                target_value(
                    anchors,
                    side,
                    bar.value(),
                    bar.maximum(),
                    source.viewport().height(),
                    other_bar.maximum(),
                    other.viewport().height(),
                )
            )
        finally:
            self._busy = False
        self.synced.emit()
