"""What keeps the two panes level once their text is laid out: the scroll anchors (measured as
far as needed while the layout grows, final once both panes are done), the tails made equally
long so linked sentences stay level down to the end, and the overview rulers' ticks.

:class:`Levelling` belongs to a :class:`~viewer.ui.comparison_view.ComparisonView`; it observes
the panes' layout signals and announces ``settled`` when the rulers and anchors are final.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QResizeEvent

from ..engine.model import ChangeKind, Comparison
from .document_pane import DocumentPane
from .overview import OverviewRuler, Tick
from .sync_scroll import Anchors, GroupEdges

KEEP_VISIBLE = 1 / 3
"""At the very end, a pane scrolled past its text still shows at least this much of its
viewport's height of text (more if the last linked group needs it, up to ``KEEP_AT_MOST``)."""
KEEP_AT_MOST = 1 / 2


class Levelling(QObject):
    """The scroll anchors, tail padding and rulers of ``left`` and ``right``.

    ``comparison()`` returns what the panes show now (None: nothing to anchor). ``settled`` is
    emitted once both panes are laid out and the rulers and anchors are final.
    """

    settled = Signal()
    """Also emitted again when a change of the panes' height changed the tail padding."""

    def __init__(
        self,
        comparison: Callable[[], Comparison | None],
        left: DocumentPane,
        right: DocumentPane,
        rulers: tuple[OverviewRuler, OverviewRuler],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._comparison = comparison
        self._left, self._right = left, right
        self._rulers = rulers
        self._anchors: Anchors | None = None
        self._anchors_final = False
        self._anchored_edges = 0  # how many edges the interim anchors were built from
        self._settled = False
        self._group_edges = GroupEdges()  # sync anchors' group edges, measured so far
        # Once both panes are laid out: the rulers, then the final anchors, one per idle slice.
        self._finishing: list[str] = []
        self._finish_timer = QTimer(self)
        self._finish_timer.setSingleShot(True)
        self._finish_timer.timeout.connect(self._on_finish_timer_timeout)
        # How far a pane may scroll past its end depends on its height (a width change lays
        # the text out again, and the panes are levelled when that is done).
        self._relevel_timer = QTimer(self)
        self._relevel_timer.setSingleShot(True)
        self._relevel_timer.timeout.connect(self._on_relevel_timer_timeout)
        for pane in (left, right):
            pane.geometry_changed.connect(self.reset)
            pane.viewport().installEventFilter(self)
            pane.layout_progressed.connect(self._on_pane_layout_progressed)
            pane.layout_finished.connect(self._on_pane_layout_finished)

    def is_settled(self) -> bool:
        """Whether both panes are laid out and the rulers and scroll anchors are final."""
        return self._settled

    def reset(self) -> None:
        """Forget the anchors (new content, or the layout changed)."""
        self._anchors = None
        self._anchored_edges = 0
        self._anchors_final = False
        self._group_edges.reset()
        self._finishing = []
        self._finish_timer.stop()
        self._relevel_timer.stop()
        self._settled = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.Resize and self._settled
                and isinstance(event, QResizeEvent)
                and event.size().height() != event.oldSize().height()):
            self._relevel_timer.start(0)
        return super().eventFilter(watched, event)

    def _on_relevel_timer_timeout(self) -> None:
        if self._settled:
            self.finish_anchors()
            self.settled.emit()

    def _linked(self) -> Comparison | None:
        """The comparison, if it has groups and the panes show its sentences."""
        c = self._comparison()
        if c is None or not c.groups or not shows(c, self._left, self._right):
            return None
        return c

    def current_anchors(self, side: str, y: float) -> Anchors | None:
        """Sync-scroll anchors from the groups' edges that are exact at least as far as ``y``
        on ``side``. Before both panes are laid out, the groups are measured only as far as
        that point needs (what Qt lays out anyway to paint there); the final anchors are built
        once, in an idle slice, when both panes have finished."""
        c = self._linked()
        if c is None:
            return None
        edges = self._group_edges.edges
        every_edge = (self._group_edges.complete(c.groups)
                      and self._anchored_edges == len(edges))
        if self._anchors is not None and (
            self._anchors_final or every_edge or self._covers(side, y)
        ):
            return self._anchors
        self._group_edges.extend(c.groups, self._left, self._right, side, y)
        if self._anchors is None or len(edges) != self._anchored_edges:
            self._anchored_edges = len(edges)
            # Qt reports the growing height on a timer: the measured edges may already be below.
            last = edges[-1] if edges else (0.0, 0.0, 0.0, 0.0)
            self._left.reach(last[1])
            self._right.reach(last[3])
            self._anchors = Anchors.build(
                edges,
                max(self._left.content_height(), last[1]),
                max(self._right.content_height(), last[3]),
            )
        return self._anchors

    def _covers(self, side: str, y: float) -> bool:
        """Whether the interim anchors have a point below ``y`` on ``side`` (exact up to it)."""
        if not self._anchored_edges:
            return False
        last = self._group_edges.edges[self._anchored_edges - 1]
        return (last[0] if side == "left" else last[2]) > y

    def _on_pane_layout_progressed(self) -> None:
        # Take the edges of the groups measured so far, a slice at a time, so that the final
        # anchors cost little when the layout is done.
        c = self._linked()
        if c is not None:
            self._group_edges.extend(c.groups, self._left, self._right, "left", None,
                                     measured=True)

    def _on_pane_layout_finished(self) -> None:
        if self._left.layout_complete() and self._right.layout_complete():
            self._finishing = ["left ruler", "right ruler", "anchors"]
            self._finish_timer.start(0)

    def _on_finish_timer_timeout(self) -> None:
        """One step after the layout, then the next in a later slice: each ruler's ticks, then
        the final scroll anchors (and the panes levelled with them)."""
        if not self._finishing:
            return
        step = self._finishing.pop(0)
        if step == "left ruler":
            update_ruler(self._left, self._rulers[0])
        elif step == "right ruler":
            update_ruler(self._right, self._rulers[1])
        else:
            self.finish_anchors()
            self._settled = True
            self.settled.emit()
        if self._finishing:
            self._finish_timer.start(0)

    def finish_anchors(self) -> None:
        """Measure every group, pad the tails and build the final anchors (both panes must be
        laid out)."""
        c = self._linked()
        if c is None:
            return
        self._group_edges.extend(c.groups, self._left, self._right, "left", None)
        self._pad_tails()
        self._anchors = Anchors.build(
            self._group_edges.edges, self._left.content_height(), self._right.content_height()
        )
        self._anchors_final = True

    def _pad_tails(self) -> None:
        """Make both panes' tails after the last linked group equally long (the shorter one
        may scroll past its end), so that linked sentences stay level down to the end; but
        never so far that a pane at its end shows no text: at least the last linked group, or
        a third of the viewport, stays in view."""
        edges = self._group_edges.edges
        tails, texts = [], []
        for pane, k in ((self._left, 1), (self._right, 3)):
            text = pane.content_height() - pane.bottom_padding()
            texts.append(text)
            tails.append(max(0.0, text - edges[-1][k]) if edges else 0.0)
        longest = max(tails, default=0.0)
        for pane, tail, text, k in zip((self._left, self._right), tails, texts, (0, 2)):
            page = pane.viewport().height()
            last_group = text - edges[-1][k] if edges else 0.0
            keep = min(max(page * KEEP_VISIBLE, last_group), page * KEEP_AT_MOST, text)
            pane.set_bottom_padding(round(min(longest - tail, max(0.0, page - keep))))


def update_ruler(pane: DocumentPane, ruler: OverviewRuler) -> None:
    """``ruler``'s ticks: where ``pane``'s changed sentences are, as fractions of its height."""
    kinds = pane.content().kinds
    if not kinds:
        ruler.set_ticks(())
        return
    spans = pane.all_spans()
    total = max(1.0, pane.content_height())
    ticks: list[Tick] = [
        (top / total, bottom / total, kind)
        for (top, bottom), kind in zip(spans, kinds)
        if kind is not None and kind is not ChangeKind.IDENTICAL
    ]
    ruler.set_ticks(ticks)


def shows(comparison: Comparison, left: DocumentPane, right: DocumentPane) -> bool:
    """Whether the panes hold ``comparison``'s sentences (not while they are being refilled)."""
    return left.sentence_count() == len(
        comparison.left_sentences
    ) and right.sentence_count() == len(comparison.right_sentences)


__all__ = ["KEEP_AT_MOST", "KEEP_VISIBLE", "Levelling", "shows", "update_ruler"]
