"""One side of the comparison: a read-only text pane with its sentences tinted by change kind.

The ``QTextDocument`` is built in one ``QTextCursor`` pass from the ``Document``'s blocks, its
text inserted as plain text (never parsed as markup). Sentences are addressed by index; their
vertical spans (document pixel coordinates, the coordinates of the vertical scroll bar) come
from the text layout, computed on demand and cached until the layout changes (width, font,
content), which ``geometry_changed`` announces. A ``MarkerGutter`` in the left margin says each
sentence's kind with the palette's glyph, so colour is never the only signal.

A long document is laid out and measured in idle slices of a few milliseconds, top to bottom
(``layout_finished`` when done), instead of Qt's own background layout, whose steps double up to
200,000 characters: at 5,000 sentences those are frames of 100 ms and more.
"""

from __future__ import annotations

import time
from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from PySide6.QtCore import QEvent, QPoint, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QFont,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
    QShowEvent,
    QTextDocument,
)
from PySide6.QtWidgets import QFrame, QTextEdit, QWidget

from .marker_gutter import MarkerGutter
from .pane_copy import selection_as_mime_data
from .pane_geometry import block_spans, line_rects, measure_span, outline_path, paint_outline
from .pane_muting import muted_selections
from .pane_text import (
    DOCUMENT_MARGIN,
    EMPTY_DOCUMENT,
    LayoutTimerGate,
    PaneContent,
    TextLayout,
    build_text_document,
    span_bottom,
    span_top,
)
from .scroll_padding import ScrollPadding
from .theme import Theme, qt_palette, reading_font, with_alpha

Span = tuple[float, float]
"""A vertical extent ``(top, bottom)`` in document pixel coordinates."""

_GUTTER_WIDTH = 34
_CLICK_SLOP = 4  # px a press may move and still count as a click
_SLICE_SECONDS = 0.003  # layout and measuring per idle slice, so a frame stays well under 16 ms
_PASS_DELAY_MS = 40  # after new content or a width change, before the first slice
_AT_ONCE_CHARS = 20_000  # an article this short is laid out at once (a few ms), not in slices


class DocumentPane(QTextEdit):
    """A read-only, wrapped view of one ``Document`` whose sentences can be tinted and selected.

    ``sentence_clicked(index)`` is emitted for a click (not a drag) on a sentence;
    ``geometry_changed`` when sentence positions moved (relayout after a width or font change,
    new content); ``layout_progressed`` after each idle slice that measured more sentences
    (``measured_count``) and ``layout_finished`` when the whole document has been laid out and
    every sentence measured. Vertical positions are document pixel coordinates: viewport y plus
    the vertical scroll bar's value.
    """

    sentence_clicked = Signal(int)
    placeholder_clicked = Signal(int, int)
    """A click on the placeholder of hidden sentences ``first``..``last`` (inclusive)."""
    geometry_changed = Signal()
    layout_progressed = Signal()
    layout_finished = Signal()

    def __init__(self, side: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.side = side
        self.setObjectName(f"{side}Pane")
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # The overview ruler beside the pane is its scroll bar (as in Meld).
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self._theme = Theme()
        self._font = reading_font()
        self.setFont(self._font)
        self._content = PaneContent(EMPTY_DOCUMENT)
        self._layout = TextLayout()
        self._doc: QTextDocument | None = None  # ours; the QTextEdit's initial one is its own
        self._qt_starts: list[int] = []
        self._qt_ends: list[int] = []
        self._spans: list[tuple[float, float, float] | None] = []  # top, bottom, first-line bottom
        self._all_spans = False
        self._measured = 0  # sentences [0, _measured) are measured (the idle pass's progress)
        self._gate = LayoutTimerGate(self, self.layout_complete)
        self._pass = QTimer(self)
        self._pass.setSingleShot(True)
        self._pass.timeout.connect(self._on_pass_timeout)
        self._highlight: tuple[int, ...] = ()
        self._hover: tuple[int, ...] = ()
        self._muted: tuple[int, ...] = ()
        self._search_selections: list[QTextEdit.ExtraSelection] = []
        self._press: QPoint | None = None
        self._width = -1
        self.gutter = MarkerGutter(self)
        self.setViewportMargins(_GUTTER_WIDTH, 0, 0, 0)
        # The viewport paints its own background (paintEvent), so Qt can scroll it by moving
        # pixels and repaint only the strip that comes into view, not the whole pane.
        self.viewport().setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self.verticalScrollBar().valueChanged.connect(self.gutter.update)
        # The pane may scroll past its text's end (sync: level to the end).
        self._padding = ScrollPadding(self.verticalScrollBar())
        self._rebuild()

    # -- content ---------------------------------------------------------------------------

    def set_content(self, content: PaneContent) -> None:
        """Show ``content``, keeping the scroll position when the text is the same."""
        same = content.document.text == self._content.document.text
        value = self.verticalScrollBar().value()
        self._content = content
        self._highlight = ()
        self._hover = ()
        self._muted = ()
        self._rebuild()
        if same:
            self.verticalScrollBar().setValue(value)

    def content(self) -> PaneContent:
        return self._content

    def set_theme(self, theme: Theme) -> None:
        """Recolour with ``theme`` (the document is rebuilt: formats carry the colours)."""
        self._theme = theme
        self.setPalette(qt_palette(theme.palette, self.palette(), pane=True))
        value = self.verticalScrollBar().value()
        self._rebuild()
        self.verticalScrollBar().setValue(value)

    def theme(self) -> Theme:
        return self._theme

    def reading_font(self) -> QFont:
        return QFont(self._font)

    def _rebuild(self) -> None:
        doc, self._layout = build_text_document(self._content, self._theme, self._font, self)
        old, self._doc = self._doc, doc
        self._all_spans = False  # the gate holds Qt's layout timer from the start
        doc.documentLayout().installEventFilter(self._gate)
        self.setDocument(doc)
        if old is not None:
            old.deleteLater()
        sentences = self._content.sentences
        self._qt_starts = self._layout.positions([s.start for s in sentences])
        self._qt_ends = self._layout.positions([s.end for s in sentences])
        for (first, last, _), (start, _end) in zip(self._content.hidden,
                                                   self._layout.placeholders):
            # A hidden sentence is an empty range at its placeholder (its span: that line).
            self._qt_starts[first:last + 1] = [start] * (last + 1 - first)
            self._qt_ends[first:last + 1] = [start] * (last + 1 - first)
        self._search_selections = []  # positions in the old document
        self._show_extra_selections()
        self._invalidate()

    def _invalidate(self) -> None:
        self.set_bottom_padding(0)  # measured again with the final scroll anchors
        self._spans = [None] * len(self._content.sentences)
        self._all_spans = False
        self._measured = 0
        self._pass.start(_PASS_DELAY_MS)
        self.geometry_changed.emit()
        self.gutter.update()
        self.viewport().update()
        if self.document().characterCount() <= _AT_ONCE_CHARS:
            self.all_spans()

    # -- muting, search marks, hidden runs -------------------------------------------------

    def set_muted(self, indices: Sequence[int]) -> None:
        """Draw sentences ``indices`` muted (changes the editor marked ignored); the rest as
        their formats say."""
        muted = tuple(sorted({i for i in indices if 0 <= i < len(self._qt_starts)}))
        if muted != self._muted:
            self._muted = muted
            self._show_extra_selections()
            self.gutter.update()

    def muted(self) -> tuple[int, ...]:
        return self._muted

    def set_search_selections(self, selections: Sequence[QTextEdit.ExtraSelection]) -> None:
        """Tint these ranges (search matches), above the muting."""
        self._search_selections = list(selections)
        self._show_extra_selections()

    def _show_extra_selections(self) -> None:
        ranges = [(self._qt_starts[i], self._qt_ends[i]) for i in self._muted]
        self.setExtraSelections(muted_selections(self.document(), ranges, self._theme)
                                + self._search_selections)

    def placeholders(self) -> list[tuple[int, int, str, tuple[int, int]]]:
        """Each hidden run as ``(first, last, label, (start, end))``: its sentences, what its
        placeholder says and where that is (``QTextDocument`` positions)."""
        return [(*run, where) for run, where in zip(self._content.hidden,
                                                    self._layout.placeholders)]

    def placeholder_of(self, position: int) -> int:
        """The hidden run (an index into ``placeholders()``) whose placeholder holds
        ``QTextDocument`` position ``position``, or -1."""
        return self._layout.placeholder_of(position)

    def placeholder_at(self, point: QPoint) -> tuple[int, int] | None:
        """The hidden run ``(first, last)`` whose placeholder line is under viewport point
        ``point``, or None."""
        if not self._layout.placeholders:
            return None
        n = self.placeholder_of(self.cursorForPosition(point).position())
        if n < 0 or not block_spans(self.document(), self._layout.placeholders[n][0],
                                    point.y() + self.scroll_value()):
            return None  # (the nearest text may be a placeholder on another line)
        return self._content.hidden[n][0], self._content.hidden[n][1]

    # -- positions ---------------------------------------------------------------------------

    def sentence_count(self) -> int:
        return len(self._content.sentences)

    def text_position(self, offset: int) -> int:
        """The ``QTextDocument`` position of ``Document.text`` offset ``offset``."""
        return self._layout.position(offset)

    def sentence_range(self, index: int) -> tuple[int, int]:
        """Sentence ``index`` as ``QTextDocument`` positions ``(start, end)``."""
        return self._qt_starts[index], self._qt_ends[index]

    def sentence_at_position(self, position: int) -> int:
        """The sentence holding ``QTextDocument`` position ``position`` (its end counts), or -1."""
        i = bisect_right(self._qt_starts, position) - 1
        if i < 0 or position > self._qt_ends[i] or self._qt_starts[i] == self._qt_ends[i]:
            return -1  # (a hidden sentence is an empty range at its placeholder)
        return i

    def sentence_at(self, point: QPoint) -> int:
        """The sentence under viewport point ``point``, or -1 (blank space between sentences)."""
        return self.sentence_at_position(self.cursorForPosition(point).position())

    def scroll_value(self) -> int:
        return self.verticalScrollBar().value()

    def set_bottom_padding(self, pixels: int) -> None:
        """Let the pane scroll ``pixels`` past the end of its text (blank space below it)."""
        self._padding.set_pixels(pixels)

    def bottom_padding(self) -> int:
        return self._padding.pixels()

    def content_height(self) -> float:
        """The document's full height in pixels (scroll maximum plus the viewport height)."""
        return float(self.verticalScrollBar().maximum() + self.viewport().height())

    def sentence_span(self, index: int) -> Span:
        """``(top, bottom)`` of sentence ``index``'s lines in document pixel coordinates."""
        cached = self._spans[index]
        if cached is None:
            cached = self._spans[index] = self._measure(index)
        return cached[0], cached[1]

    def first_line_span(self, index: int) -> Span:
        """``(top, bottom)`` of the first line of sentence ``index``."""
        self.sentence_span(index)
        cached = self._spans[index]
        assert cached is not None
        return cached[0], cached[2]

    def all_spans(self) -> list[Span]:
        """Every sentence's span (lays the rest of the document out now if the idle pass has
        not finished yet; cached)."""
        if not self._all_spans:
            self._measure_until(len(self._spans), None)
            self._finish_layout()
        return [(s[0], s[1]) for s in self._spans if s is not None]

    def reach(self, bottom: float) -> None:
        """Let the scroll range reach document y ``bottom`` now, laid out beyond the height Qt
        has reported so far (it reports a growing layout's height only later, on a timer)."""
        if self._all_spans:
            return
        bar = self.verticalScrollBar()
        needed = round(bottom) + DOCUMENT_MARGIN - self.viewport().height()
        if needed > bar.maximum():
            bar.setRange(0, needed)

    def layout_complete(self) -> bool:
        """Whether the whole document is laid out and every sentence measured."""
        return self._all_spans

    def measured_count(self) -> int:
        """How many sentences, from the first, are measured (all once ``layout_complete``)."""
        return len(self._spans) if self._all_spans else self._measured

    def _measure_until(self, stop: int, deadline: float | None) -> None:
        """Measure sentences from the pass's position up to ``stop`` or the ``deadline``."""
        i, spans = self._measured, self._spans
        while i < stop:
            if spans[i] is None:
                spans[i] = self._measure(i)
            i += 1
            if deadline is not None and time.perf_counter() >= deadline:
                break
        self._measured = i

    def _finish_layout(self) -> None:
        doc = self.document()
        doc.documentLayout().blockBoundingRect(doc.lastBlock())  # text after the last sentence
        # Qt updates the scroll range from the finished layout only later, on a timer; until
        # then it is an estimate, and ends would not meet. Set it now, as Qt will.
        height = round(doc.documentLayout().documentSize().height())
        self.verticalScrollBar().setRange(0, max(0, height - self.viewport().height()))
        self._pass.stop()
        self._all_spans = True
        self.layout_finished.emit()

    def _on_pass_timeout(self) -> None:
        """One idle slice of the layout pass; the next is queued behind pending events."""
        if self._all_spans or not self.isVisible():
            return  # resumed by showEvent: a hidden pane has no width to lay out at
        self._measure_until(len(self._spans), time.perf_counter() + _SLICE_SECONDS)
        if self._measured >= len(self._spans):
            self._finish_layout()
        else:
            self._pass.start(0)
            self.layout_progressed.emit()

    def _measure(self, index: int) -> tuple[float, float, float]:
        return measure_span(self.document(), self._qt_starts[index], self._qt_ends[index])

    def visible_sentences(self) -> range:
        """Indices of the sentences that may be visible (a cheap superset: a sentence either side)."""
        n = len(self._spans)
        if not n:
            return range(0)
        value = self.scroll_value()
        bottom = float(value + self.viewport().height())
        if not self._all_spans:
            # Measure on from where the idle pass has got to, down to the viewport (what Qt
            # lays out anyway to paint it); a hit test would be wrong while the layout grows.
            spans = self._spans
            while self._measured < n and (
                not self._measured or span_top(spans[self._measured - 1]) <= bottom
            ):
                if spans[self._measured] is None:
                    spans[self._measured] = self._measure(self._measured)
                self._measured += 1
        # Tops and bottoms only grow in document order: binary search in the measured spans.
        measured = self.measured_count()
        lo = bisect_left(self._spans, float(value), hi=measured, key=span_bottom)
        hi = bisect_right(self._spans, bottom, hi=measured, key=span_top)
        return range(max(0, lo - 1), min(n, hi + 1))

    def line_rects(self, index: int) -> list[QRectF]:
        """The rectangles (document coordinates) of sentence ``index`` on each of its lines."""
        return line_rects(self.document(), self._qt_starts[index], self._qt_ends[index])

    # -- selection and scrolling -------------------------------------------------------------

    def set_highlight(self, indices: Sequence[int]) -> None:
        """Outline sentences ``indices`` (the selected group or unlinked sentence)."""
        old = self._highlight
        self._highlight = tuple(i for i in indices if 0 <= i < len(self._qt_starts))
        if old != self._highlight:
            # Repaint only where an outline was or will be: a whole long pane costs a frame.
            viewport = self.viewport()
            value, height = self.scroll_value(), viewport.height()
            for top, bottom in (self._outline_extent(old), self._outline_extent(self._highlight)):
                if bottom >= value and top <= value + height:
                    viewport.update(0, int(top - value), viewport.width(), int(bottom - top) + 2)
        self.gutter.update()

    def _outline_extent(self, indices: tuple[int, ...]) -> Span:
        """Document ys the outline of sentences ``indices`` covers (empty: an empty extent)."""
        if not indices:
            return (0.0, -1.0)
        spans = [self.sentence_span(i) for i in indices]
        lead = self.fontMetrics().height()  # the outline grows into the leading; be generous
        return min(s[0] for s in spans) - lead, max(s[1] for s in spans) + lead

    def highlighted(self) -> tuple[int, ...]:
        return self._highlight

    def set_hover(self, indices: Sequence[int]) -> None:
        """Outline sentences ``indices`` lightly (the link map's band under the pointer)."""
        hover = tuple(i for i in indices if 0 <= i < len(self._qt_starts))
        if hover != self._hover:
            self._hover = hover
            self.viewport().update()

    def hovered(self) -> tuple[int, ...]:
        return self._hover

    def is_span_visible(self, span: Span, margin: float = 0.0) -> bool:
        value = self.scroll_value()
        return span[0] >= value + margin and span[1] <= value + self.viewport().height() - margin

    def scroll_to_span(self, span: Span) -> None:
        """Centre ``span`` unless it is already wholly visible (with a little margin)."""
        if self.is_span_visible(span, margin=8):
            return
        height = self.viewport().height()
        middle = (span[0] + span[1]) / 2
        target = span[0] - 24 if span[1] - span[0] > height - 48 else middle - height / 2
        bar = self.verticalScrollBar()
        bar.setValue(int(max(bar.minimum(), min(bar.maximum(), round(target)))))

    # -- events ------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._all_spans:
            self._pass.start(_PASS_DELAY_MS)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        rect = self.contentsRect()
        self.gutter.setGeometry(rect.left(), rect.top(), _GUTTER_WIDTH, rect.height())
        width = self.viewport().width()
        if width != self._width:
            self._width = width
            self._invalidate()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and self.font() != self._font:
            self._font = QFont(self.font())
            self._rebuild()

    createMimeDataFromSelection = selection_as_mime_data  # Copy: hidden text, not placeholders

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._press = (
            event.position().toPoint() if event.button() == Qt.MouseButton.LeftButton else None
        )
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        super().mouseMoveEvent(event)
        over = self.placeholder_at(event.position().toPoint()) is not None
        self.viewport().setCursor(Qt.CursorShape.PointingHandCursor if over
                                  else Qt.CursorShape.IBeamCursor)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        press, self._press = self._press, None
        point = event.position().toPoint()
        if press is None or (point - press).manhattanLength() > _CLICK_SLOP:
            return
        run = self.placeholder_at(point)
        if run is not None:
            self.placeholder_clicked.emit(*run)
            return
        if self.textCursor().hasSelection():
            return
        index = self.sentence_at(point)
        if index >= 0:
            self.sentence_clicked.emit(index)

    def paintEvent(self, event: QPaintEvent) -> None:
        background = QPainter(self.viewport())
        background.fillRect(event.rect(), self._theme.window)
        background.end()
        super().paintEvent(event)
        hover = tuple(i for i in self._hover if i not in self._highlight)
        if hover:
            self._paint_outline(hover, 14, QPen(self._theme.selection, 1.2, Qt.PenStyle.DashLine))
        if self._highlight:
            self._paint_outline(self._highlight, 28, QPen(self._theme.selection, 2))

    def _paint_outline(self, indices: tuple[int, ...], alpha: int, pen: QPen) -> None:
        value = self.scroll_value()
        height = self.viewport().height()
        rects: list[QRectF] = []
        for index in indices:
            top, bottom = self.sentence_span(index)
            if bottom >= value and top <= value + height:
                rects += self.line_rects(index)
        paint_outline(self.viewport(), outline_path(rects, -value),
                      with_alpha(self._theme.selection, alpha), pen)


__all__ = ["DocumentPane", "Span"]
