"""The strip between the panes that joins linked sentences with curved bands, as Meld draws it.

Each group is a band whose left end spans its left sentences and whose right end spans its
right sentences (viewport coordinates of each pane), its edges cubic Bézier curves, filled with
the kind's band colour. Omitted and added sentences get a wedge that narrows to the point where
they would sit on the other side. Only groups with a visible end are drawn: the visible
sentences are found by binary search, and their spans come from the panes' caches.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt, Signal
from PySide6.QtGui import (
    QHelpEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QWheelEvent,
)
from PySide6.QtWidgets import QApplication, QToolTip, QWidget

from ..engine.model import ChangeKind, Comparison
from .band_tooltips import band_tooltip
from .document_pane import DocumentPane
from .theme import Theme, with_alpha

LINK_MAP_WIDTH = 84
"""The link map's width by default; the user can drag either edge (``MIN_WIDTH``..``MAX_WIDTH``)."""
MIN_WIDTH = 40
MAX_WIDTH = 260
GAP = 2.5
"""Each band's ends are drawn this far inside their sentences' spans, so that the bands of two
neighbouring sentences never touch and merge into one block."""
_GRIP = 5
"""How close to an edge (px) the pointer must be to drag the link map wider or narrower."""


@dataclass(frozen=True)
class Band:
    """One drawn band, in link-map coordinates.

    ``group`` indexes ``Comparison.groups``, or is -1 for an unlinked sentence (``side`` and
    ``sentence`` then say which). A wedge has ``right_top == right_bottom`` (omitted) or
    ``left_top == left_bottom`` (added).
    """

    group: int
    kind: ChangeKind
    left_top: float
    left_bottom: float
    right_top: float
    right_bottom: float
    moved: bool = False
    side: str = ""
    sentence: int = -1
    manual: bool = False
    """Linked by hand: drawn with a solid, stronger outline."""
    hidden: int = 0
    """A run of this many identical groups hidden behind a placeholder in each pane (View >
    Hide Identical Sentences): one thin neutral band for them all."""

    def path(self, width: float) -> QPainterPath:
        """The band's outline: Bézier top edge left to right, Bézier bottom edge back; each end
        inset by ``GAP`` so that neighbours stay apart. An omitted or added sentence's wedge
        reaches only halfway across, to the height where it would sit on the other side: the
        wedges of the two sides then never cross."""
        lt, lb = _inset(self.left_top, self.left_bottom)
        rt, rb = _inset(self.right_top, self.right_bottom)
        x0, x1 = 0.0, width
        if self.group < 0 and self.side == "left":
            x1 = width / 2
        elif self.group < 0:
            x0 = width / 2
        mid = (x0 + x1) / 2
        path = QPainterPath(QPointF(x0, lt))
        path.cubicTo(QPointF(mid, lt), QPointF(mid, rt), QPointF(x1, rt))
        path.lineTo(QPointF(x1, rb))
        path.cubicTo(QPointF(mid, rb), QPointF(mid, lb), QPointF(x0, lb))
        path.closeSubpath()
        return path


def _inset(top: float, bottom: float) -> tuple[float, float]:
    """``top``..``bottom`` shrunk by ``GAP`` at each end, keeping at least 2 px (a point, as a
    wedge's tip, stays a point)."""
    if bottom - top <= 2:
        return top, bottom
    room = min(GAP, (bottom - top - 2) / 2)
    return top + room, bottom - room


class LinkMap(QWidget):
    """Bands between ``left`` and ``right``. ``group_clicked(index)`` for a click on a group's
    band; ``unlinked_clicked(side, sentence)`` for a click on an omitted/added wedge."""

    group_clicked = Signal(int)
    unlinked_clicked = Signal(str, int)
    hovered = Signal(int, str, int)
    """The band under the pointer changed: (group, "", -1), (-1, side, sentence), or
    (-1, "", -1) when the pointer left the bands."""
    width_changed = Signal(int)
    """The link map's width changed (px), while dragged or set."""
    width_chosen = Signal(int)
    """The user let go of an edge after dragging it: the width to remember."""

    def __init__(
        self, left: DocumentPane, right: DocumentPane, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("linkMap")
        self.setFixedWidth(LINK_MAP_WIDTH)
        self._hover: tuple[int, str, int] = (-1, "", -1)
        self._drag: tuple[float, int, int] | None = None  # (press x global, width, direction)
        self.setMouseTracking(True)
        # It fills its rect: an update need not repaint the view (and the panes) beneath it.
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self._left = left
        self._right = right
        self._theme = Theme()
        self._comparison: Comparison | None = None
        self._selected = -1
        self._muted_groups: frozenset[int] = frozenset()
        self._muted_unlinked: frozenset[tuple[str, int]] = frozenset()
        self._hidden: dict[int, tuple[int, int]] = {}  # hidden group -> its run (first, last)
        self._selected_unlinked: tuple[str, int] | None = None
        self._prev_left: list[
            int
        ] = []  # per left sentence: nearest group at or before it, not moved
        self._prev_right: list[int] = []
        for pane in (left, right):
            pane.verticalScrollBar().valueChanged.connect(self.update)
            pane.geometry_changed.connect(self.update)

    def set_muted(self, groups: Iterable[int], unlinked: Iterable[tuple[str, int]]) -> None:
        """Draw these groups and unlinked sentences muted (the editor ignored them): grey,
        faint, dotted, still there."""
        self._muted_groups = frozenset(groups)
        self._muted_unlinked = frozenset(unlinked)
        self.update()

    def is_muted(self, band: Band) -> bool:
        if band.group >= 0:
            return band.group in self._muted_groups
        return (band.side, band.sentence) in self._muted_unlinked

    def set_hidden_runs(self, runs: Iterable[tuple[int, int]]) -> None:
        """Groups ``first``..``last`` of each run are hidden in the panes: draw one thin
        neutral band between their placeholders instead of theirs."""
        self._hidden = {g: (first, last) for first, last in runs for g in range(first, last + 1)}
        self.update()

    def set_comparison(self, comparison: Comparison | None) -> None:
        self._comparison = comparison
        self._muted_groups = self._muted_unlinked = frozenset()
        self._hidden = {}
        self._selected = -1
        self._selected_unlinked = None
        self._prev_left = self._prev_right = []
        if comparison is not None:
            self._prev_left = _previous_groups(comparison, "left")
            self._prev_right = _previous_groups(comparison, "right")
        self.update()

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        self.update()

    def set_map_width(self, width: int) -> None:
        """Set the width (clamped to ``MIN_WIDTH``..``MAX_WIDTH``)."""
        width = max(MIN_WIDTH, min(MAX_WIDTH, int(width)))
        if width != self.width():
            self.setFixedWidth(width)
            self.width_changed.emit(width)

    def hovered_band(self) -> tuple[int, str, int]:
        return self._hover

    def set_selected(self, group: int, unlinked: tuple[str, int] | None = None) -> None:
        self._selected = group
        self._selected_unlinked = unlinked
        self.update()

    # -- geometry ----------------------------------------------------------------------------

    def _offsets(self) -> tuple[float, float]:
        """Link-map y of each pane's document y 0 (scroll and viewport position included)."""
        out = []
        for pane in (self._left, self._right):
            origin = self.mapFromGlobal(pane.viewport().mapToGlobal(QPoint(0, 0))).y()
            out.append(float(origin - pane.scroll_value()))
        return out[0], out[1]

    def bands(self) -> list[Band]:
        """The bands to draw now, bottom to top: groups and unlinked sentences with an end in
        view."""
        c = self._comparison
        if c is None or not c.groups and not c.omitted and not c.added:
            return []
        if self._left.sentence_count() != len(
            c.left_sentences
        ) or self._right.sentence_count() != len(c.right_sentences):
            return []  # the panes are being refilled
        dl, dr = self._offsets()
        groups: set[int] = set()
        wedges: list[Band] = []
        for side, pane, lookup in (
            ("left", self._left, c.group_of_left),
            ("right", self._right, c.group_of_right),
        ):
            if pane.sentence_count() == 0:
                continue
            for i in pane.visible_sentences():
                g = lookup(i)
                if g is not None:
                    groups.add(self._hidden[g][0] if g in self._hidden else g)
                elif i < pane.sentence_count():
                    wedges.append(self._wedge(side, i, dl, dr))
        moved: list[Band] = []
        kept: list[Band] = []
        for g in sorted(groups):
            group = c.groups[g]
            lt, lb = self._union(self._left, group.left)
            rt, rb = self._union(self._right, group.right)
            run = self._hidden.get(g)
            if run is not None:  # between the placeholders' middles, thin
                lt = lb = (lt + lb) / 2
                rt = rb = (rt + rb) / 2
                lt, lb, rt, rb = lt - 3, lb + 3, rt - 3, rb + 3
            band = Band(g, group.kind, lt + dl, lb + dl, rt + dr, rb + dr, group.moved,
                        manual=group.manual, hidden=run[1] - run[0] + 1 if run else 0)
            (moved if group.moved else kept).append(band)
        # Paint order, bottom to top: moves (long, crossing the others), wedges, the rest.
        return moved + wedges + kept

    @staticmethod
    def _union(pane: DocumentPane, indices: tuple[int, ...]) -> tuple[float, float]:
        """The span of sentences ``indices``, less what they share with their neighbours: two
        sentences of one paragraph share a line, and each band end takes half of it, so that
        neighbouring bands meet at the middle of the line instead of overlapping."""
        count = pane.sentence_count()
        spans = [pane.sentence_span(i) for i in indices if i < count]
        if not spans:
            return 0.0, 0.0
        top, bottom = min(s[0] for s in spans), max(s[1] for s in spans)
        first, last = min(indices), max(indices)
        if first > 0:
            above = pane.sentence_span(first - 1)[1]
            if top < above < bottom:
                top = (top + above) / 2
        if last + 1 < count:
            below = pane.sentence_span(last + 1)[0]
            if top < below < bottom:
                bottom = (bottom + below) / 2
        return top, bottom

    def _wedge(self, side: str, index: int, dl: float, dr: float) -> Band:
        """An unlinked sentence's wedge, pointing at the end of the nearest group before it."""
        c = self._comparison
        assert c is not None
        pane, other = (self._left, self._right) if side == "left" else (self._right, self._left)
        previous = self._prev_left if side == "left" else self._prev_right
        top, bottom = pane.sentence_span(index)
        g = previous[index] if index < len(previous) else -1
        if g >= 0:
            indices = c.groups[g].right if side == "left" else c.groups[g].left
            point = self._union(other, indices)[1]
        else:
            point = float(other.document().documentMargin())
        kind = ChangeKind.OMITTED if side == "left" else ChangeKind.ADDED
        if side == "left":
            return Band(
                -1, kind, top + dl, bottom + dl, point + dr, point + dr, side=side, sentence=index
            )
        return Band(
            -1, kind, point + dl, point + dl, top + dr, bottom + dr, side=side, sentence=index
        )

    # -- painting and interaction ------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        theme = self._theme
        painter = QPainter(self)
        painter.fillRect(self.rect(), theme.header)
        painter.setPen(theme.border)
        painter.drawLine(0, 0, 0, self.height())
        painter.drawLine(self.width() - 1, 0, self.width() - 1, self.height())
        # Speed, for a frame well under 16 ms with a long pair: a 1 px outline takes the raster
        # engine's fast path (a wider one is stroked as a filled outline), and the fill is not
        # antialiased (its edge lies under the antialiased outline). Together they cut the
        # link map's paint time from about 4.8 ms to 1.3 ms at 5,000 sentences a side.
        for band, path in self._paths():
            colour = theme.band(band.kind)
            pen = QPen(colour.darker(175 if not theme.dark else 60), 1.0)
            if band.manual:  # the editor's link: a solid outline in the text colour
                pen = QPen(theme.text, 2.0)
            # Neighbouring groups of one kind alternate two strengths, so that each band reads
            # as itself even where two of them nearly touch.
            alpha = 80 if band.moved else (150 if band.group % 2 == 0 else 105)
            if self._is_hovered(band):
                pen = QPen(theme.selection, 1.6)
                alpha = 210
            if self._is_selected(band):
                pen = QPen(theme.selection, 2.2)
                alpha = 230
            if band.moved and not band.manual:
                pen.setStyle(Qt.PenStyle.DashLine)
            if self.is_muted(band) and not self._is_selected(band):
                colour, alpha = theme.muted, alpha // 3
                pen = QPen(theme.muted, 1.0, Qt.PenStyle.DotLine)
            if band.hidden:
                colour, alpha = theme.muted, 70 if self._is_hovered(band) else 40
                pen = QPen(with_alpha(theme.muted, 120), 1.0)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            painter.fillPath(path, with_alpha(colour, alpha))
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            painter.strokePath(path, pen)
        painter.end()

    def _paths(self) -> list[tuple[Band, QPainterPath]]:
        """The bands that reach into the widget with their outlines, bottom to top (the
        selected band last, on top)."""
        height = self.height()
        width = float(self.width())
        out: list[tuple[Band, QPainterPath]] = []
        selected: list[tuple[Band, QPainterPath]] = []
        for band in self.bands():
            if (
                max(band.left_bottom, band.right_bottom) < 0
                or min(band.left_top, band.right_top) > height
            ):
                continue
            (selected if self._is_selected(band) else out).append((band, band.path(width)))
        return out + selected

    def _is_hovered(self, band: Band) -> bool:
        if band.group >= 0:
            return self._hover[0] == band.group
        return self._hover == (-1, band.side, band.sentence)

    def _is_selected(self, band: Band) -> bool:
        if band.group >= 0:
            return band.group == self._selected
        return self._selected_unlinked == (band.side, band.sentence)

    def band_at(self, point: QPointF) -> Band | None:
        """The band under ``point``: the topmost one drawn there (the selected band first)."""
        for band, path in reversed(self._paths()):
            if path.contains(point):
                return band
        return None

    def _edge_at(self, x: float) -> int:
        """-1 near the left edge, 1 near the right edge, 0 elsewhere (where a drag resizes)."""
        if x <= _GRIP:
            return -1
        if x >= self.width() - _GRIP:
            return 1
        return 0

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        edge = self._edge_at(event.position().x())
        if edge:
            self._drag = (event.globalPosition().x(), self.width(), edge)
            return
        self._click(event.position())

    def _click(self, point: QPointF) -> None:
        band = self.band_at(point)
        if band is None:
            return
        if band.group >= 0:
            self.group_clicked.emit(band.group)
        else:
            self.unlinked_clicked.emit(band.side, band.sentence)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._drag is not None:
            start, width, edge = self._drag
            # Both edges grow the map when dragged outwards (the panes share what it gives up).
            delta = (event.globalPosition().x() - start) * edge * 2
            self.set_map_width(round(width + delta))
            return
        if self._edge_at(event.position().x()):
            self.setCursor(Qt.CursorShape.SplitHCursor)
            self._set_hover(None)
            return
        band = self.band_at(event.position())
        self._set_hover(band)
        shape = Qt.CursorShape.PointingHandCursor if band else Qt.CursorShape.ArrowCursor
        self.setCursor(shape)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._drag is not None:
            start, width, _ = self._drag
            self._drag = None
            if abs(event.globalPosition().x() - start) < 2 and self.width() == width:
                self._click(event.position())  # a click at the edge, not a drag
            else:
                self.width_chosen.emit(self.width())

    def leaveEvent(self, event: QEvent) -> None:
        self._set_hover(None)
        super().leaveEvent(event)

    def _set_hover(self, band: Band | None) -> None:
        if band is None:
            hover = (-1, "", -1)
        elif band.group >= 0:
            hover = (band.group, "", -1)
        else:
            hover = (-1, band.side, band.sentence)
        if hover != self._hover:
            self._hover = hover
            self.update()
            self.hovered.emit(*hover)

    def wheelEvent(self, event: QWheelEvent) -> None:
        QApplication.sendEvent(self._left.viewport(), event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            help_event: QHelpEvent = event  # type: ignore[assignment]
            band = self.band_at(QPointF(help_event.pos()))
            if band is None:
                QToolTip.hideText()
                event.ignore()
            else:
                QToolTip.showText(help_event.globalPos(), self.tooltip_text(band), self)
            return True
        return super().event(event)

    def tooltip_text(self, band: Band) -> str:
        """What hovering ``band`` says: kind, similarity and which sentences (escaped)."""
        return band_tooltip(band, self._comparison, self._theme)


def _previous_groups(comparison: Comparison, side: str) -> list[int]:
    """For each sentence of ``side``, the nearest non-moved group holding a sentence at or before
    it (-1 if none): where an unlinked sentence's wedge points on the other side."""
    sentences = comparison.left_sentences if side == "left" else comparison.right_sentences
    lookup = comparison.group_of_left if side == "left" else comparison.group_of_right
    out: list[int] = []
    last = -1
    for i in range(len(sentences)):
        g = lookup(i)
        if g is not None and not comparison.groups[g].moved:
            last = g
        out.append(last)
    return out
