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

import re
import time
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

import numpy as np
from PySide6.QtCore import (
    QAbstractEventDispatcher,
    QEvent,
    QObject,
    QPoint,
    QPointF,
    QRectF,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QResizeEvent,
    QShowEvent,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextLine,
    QTextOption,
)
from PySide6.QtWidgets import QFrame, QTextEdit, QWidget

from ..engine.model import Block, BlockRole, ChangeKind, Document, Sentence
from .theme import Theme, blend, marker_font, reading_font, with_alpha

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")  # two UTF-16 code units each in Qt

Span = tuple[float, float]
"""A vertical extent ``(top, bottom)`` in document pixel coordinates."""

_LINE_HEIGHT = 138  # percent: comfortable leading for prose
_DOCUMENT_MARGIN = 16
_GUTTER_WIDTH = 34
_CLICK_SLOP = 4  # px a press may move and still count as a click
_SLICE_SECONDS = 0.003  # layout and measuring per idle slice, so a frame stays well under 16 ms
_PASS_DELAY_MS = 40  # after new content or a width change, before the first slice
_AT_ONCE_CHARS = 20_000  # an article this short is laid out at once (a few ms), not in slices
WORD_MARK_STRENGTH = 0.45
"""How far a marked word's background goes from its sentence's tint to the palette's
``deleted_bg``/``inserted_bg``."""


@dataclass(frozen=True)
class PaneContent:
    """What a pane shows: a document, its sentences and, once compared, how each one changed.

    ``kinds[i]`` is sentence ``i``'s kind (None: untinted); ``word_spans`` are sorted, disjoint
    ``(start, end)`` offsets into ``document.text`` of removed words (``word_style`` "deleted")
    or inserted words ("inserted").
    """

    document: Document
    sentences: tuple[Sentence, ...] = ()
    kinds: tuple[ChangeKind | None, ...] = ()
    word_spans: tuple[tuple[int, int], ...] = ()
    word_style: str = "deleted"
    manual: frozenset[int] = frozenset()
    """Sentences linked by hand: the margin shows a pin beside them."""


EMPTY_DOCUMENT = Document(text="", blocks=())


@dataclass
class _Layout:
    """Where the ``Document``'s characters landed in the ``QTextDocument``."""

    py_starts: list[int] = field(default_factory=list)  # block starts in Document.text
    py_ends: list[int] = field(default_factory=list)
    qt_starts: list[int] = field(default_factory=list)  # the same blocks' QTextDocument positions
    astral: dict[int, list[int]] = field(default_factory=dict)  # block -> offsets of chars > U+FFFF

    def position(self, offset: int) -> int:
        """The ``QTextDocument`` position of ``Document.text`` offset ``offset`` (offsets between
        blocks land at the end of the previous block)."""
        return self._in_block(bisect_right(self.py_starts, offset) - 1, offset)

    def positions(self, offsets: Sequence[int]) -> list[int]:
        """``position`` of each of ``offsets``, computed for all at once (a 20,000-sentence
        text asks for 40,000 when it is put in a pane, on the GUI thread)."""
        if not offsets or not self.py_starts:
            return [self._in_block(-1, offset) for offset in offsets]
        off = np.asarray(offsets, dtype=np.int64)
        starts = np.asarray(self.py_starts, dtype=np.int64)
        k = np.searchsorted(starts, off, side="right") - 1
        inside = np.maximum(k, 0)
        rel = np.minimum(off, np.asarray(self.py_ends, dtype=np.int64)[inside]) - starts[inside]
        out = np.asarray(self.qt_starts, dtype=np.int64)[inside] + rel
        out[k < 0] = self.qt_starts[0]
        for n in np.flatnonzero(np.isin(k, list(self.astral))) if self.astral else ():
            out[n] += bisect_left(self.astral[int(k[n])], int(rel[n]))
        return [int(x) for x in out.tolist()]

    def _in_block(self, k: int, offset: int) -> int:
        if k < 0:
            return self.qt_starts[0] if self.qt_starts else 0
        rel = min(offset, self.py_ends[k]) - self.py_starts[k]
        wide = self.astral.get(k)
        # Qt counts UTF-16 code units: a character beyond the BMP takes two.
        return self.qt_starts[k] + rel + (bisect_left(wide, rel) if wide else 0)


def _blocks_of(document: Document) -> tuple[Block, ...]:
    if document.blocks or not document.text:
        return document.blocks
    return (Block(0, len(document.text)),)


def build_text_document(
    content: PaneContent, theme: Theme, font: QFont, parent: QWidget
) -> tuple[QTextDocument, _Layout]:
    """The pane's ``QTextDocument``: one paragraph per block, sentences tinted, words marked."""
    doc = QTextDocument(parent)
    doc.setUndoRedoEnabled(False)
    doc.setDefaultFont(font)
    doc.setDocumentMargin(_DOCUMENT_MARGIN)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    doc.setDefaultTextOption(option)
    layout = _Layout()
    text = content.document.text
    sentences, kinds, words = content.sentences, content.kinds, content.word_spans
    formats: dict[tuple[BlockRole, ChangeKind | None, bool], QTextCharFormat] = {}
    block_formats: dict[BlockRole, tuple[QTextBlockFormat, QTextCharFormat]] = {}
    tinted = bool(kinds or words)
    cursor = QTextCursor(doc)
    cursor.beginEditBlock()
    si = wi = 0
    for k, block in enumerate(_blocks_of(content.document)):
        if block.role not in block_formats:
            block_formats[block.role] = _block_formats(block.role, font, theme)
        block_format, base = block_formats[block.role]
        if k:
            cursor.insertBlock(block_format, base)
        else:
            cursor.setBlockFormat(block_format)
        layout.py_starts.append(block.start)
        layout.py_ends.append(block.end)
        layout.qt_starts.append(cursor.position())
        chunk = text[block.start : block.end]
        if not chunk.isascii():
            wide = [m.start() for m in _ASTRAL.finditer(chunk)]
            if wide:
                layout.astral[k] = wide
        if not tinted:  # before the comparison: one run of text, one format, per paragraph
            key = (block.role, None, False)
            if key not in formats:
                formats[key] = _char_format(base, None, False, content.word_style, theme)
            _insert(cursor, chunk, formats[key])
            continue
        while si < len(sentences) and sentences[si].end <= block.start:
            si += 1
        while wi < len(words) and words[wi][1] <= block.start:
            wi += 1
        cuts = {block.start, block.end}
        s = si
        while s < len(sentences) and sentences[s].start < block.end:
            cuts.update((max(sentences[s].start, block.start), min(sentences[s].end, block.end)))
            s += 1
        w = wi
        while w < len(words) and words[w][0] < block.end:
            cuts.update((max(words[w][0], block.start), min(words[w][1], block.end)))
            w += 1
        points = sorted(cuts)
        run_start, run_key = block.start, None  # neighbouring pieces of one format: one insert
        for a, _b in pairwise(points):
            while si < len(sentences) and sentences[si].end <= a:
                si += 1
            while wi < len(words) and words[wi][1] <= a:
                wi += 1
            in_sentence = si < len(sentences) and sentences[si].start <= a
            kind = kinds[si] if in_sentence and si < len(kinds) else None
            marked = wi < len(words) and words[wi][0] <= a
            key = (block.role, kind, marked)
            if key not in formats:
                formats[key] = _char_format(base, kind, marked, content.word_style, theme)
            if key != run_key:
                if run_key is not None:
                    _insert(cursor, text[run_start:a], formats[run_key])
                run_start, run_key = a, key
        if run_key is not None:
            _insert(cursor, text[run_start : block.end], formats[run_key])
    cursor.endEditBlock()
    return doc, layout


def _insert(cursor: QTextCursor, text: str, char_format: QTextCharFormat) -> None:
    # A line break inside a block stays inside the paragraph (U+2028, same length).
    cursor.insertText(text.replace("\n", "\u2028"), char_format)


def _block_formats(
    role: BlockRole, font: QFont, theme: Theme
) -> tuple[QTextBlockFormat, QTextCharFormat]:
    em = font.pointSizeF() * 4 / 3  # px at 96 dpi, good enough for spacing
    block = QTextBlockFormat()
    block.setLineHeight(_LINE_HEIGHT, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
    block.setBottomMargin(em * 0.85)
    char = QTextCharFormat()
    char.setForeground(theme.text)
    if role is BlockRole.HEADING:
        block.setTopMargin(em * 0.6)
        char.setFontWeight(QFont.Weight.Bold)
        char.setFontPointSize(font.pointSizeF() * 1.3)
    elif role is BlockRole.CAPTION:
        char.setFontItalic(True)
        char.setForeground(theme.muted)
    elif role is BlockRole.LIST_ITEM:
        block.setLeftMargin(em * 1.4)
        block.setBottomMargin(em * 0.35)
    return block, char


def _char_format(
    base: QTextCharFormat, kind: ChangeKind | None, marked: bool, style: str, theme: Theme
) -> QTextCharFormat:
    out = QTextCharFormat(base)
    tint = theme.tint(kind) if kind is not None else theme.window
    if kind is not None:
        out.setBackground(tint)
    # A marked word keeps some of its sentence's tint: a reworded sentence whose words all
    # changed must still read as "reworded", with the removals and insertions on top.
    if marked and style == "deleted":
        out.setFontStrikeOut(True)
        out.setForeground(theme.deleted_text)
        out.setBackground(blend(tint, theme.deleted_bg, WORD_MARK_STRENGTH))
    elif marked:
        out.setFontUnderline(True)
        out.setUnderlineColor(theme.inserted_text)
        out.setForeground(theme.inserted_text)
        out.setBackground(blend(tint, theme.inserted_bg, WORD_MARK_STRENGTH))
    return out


def _span_top(span: tuple[float, float, float] | None) -> float:
    assert span is not None
    return span[0]


def _span_bottom(span: tuple[float, float, float] | None) -> float:
    assert span is not None
    return span[1]


def _cursor_x(line: QTextLine, position: int) -> float:
    """``QTextLine.cursorToX``, which PySide returns as ``(x, position)``."""
    result: Any = line.cursorToX(position)
    return float(result[0] if isinstance(result, tuple) else result)


class _LayoutTimerGate(QObject):
    """Holds back the 10 ms timer of Qt's background layout while the pane's own pass runs.

    ``QTextDocumentLayout`` lays out a long document on that timer in steps that double up to
    200,000 characters. Only that timer is held back (told apart by its interval): the
    zero-interval one that reports the growing document size still runs. Once the pane's pass
    is done, Qt's timer finds nothing left to lay out and stops. A document the pane no longer
    shows (waiting for its deferred deletion) is never laid out further.
    """

    def __init__(self, pane: DocumentPane) -> None:
        super().__init__(pane)
        self._pane = pane

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.Timer:
            return False
        if self._pane.layout_complete() and watched is self._pane.document().documentLayout():
            return False
        dispatcher = QAbstractEventDispatcher.instance()
        timer_id = event.timerId()  # type: ignore[attr-defined]
        return any(
            info.timerId == timer_id and info.interval > 0
            for info in (dispatcher.registeredTimers(watched) if dispatcher else ())
        )


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
        self._layout = _Layout()
        self._doc: QTextDocument | None = None  # ours; the QTextEdit's initial one is its own
        self._qt_starts: list[int] = []
        self._qt_ends: list[int] = []
        self._spans: list[tuple[float, float, float] | None] = []  # top, bottom, first-line bottom
        self._all_spans = False
        self._measured = 0  # sentences [0, _measured) are measured (the idle pass's progress)
        self._gate = _LayoutTimerGate(self)
        self._pass = QTimer(self)
        self._pass.setSingleShot(True)
        self._pass.timeout.connect(self._on_pass_timeout)
        self._highlight: tuple[int, ...] = ()
        self._hover: tuple[int, ...] = ()
        self._press: QPoint | None = None
        self._width = -1
        self.gutter = MarkerGutter(self)
        self.setViewportMargins(_GUTTER_WIDTH, 0, 0, 0)
        # The viewport paints its own background (paintEvent), so Qt can scroll it by moving
        # pixels and repaint only the strip that comes into view, not the whole pane.
        self.viewport().setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self.verticalScrollBar().valueChanged.connect(self.gutter.update)
        self._rebuild()

    # -- content ---------------------------------------------------------------------------

    def set_content(self, content: PaneContent) -> None:
        """Show ``content``, keeping the scroll position when the text is the same."""
        same = content.document.text == self._content.document.text
        value = self.verticalScrollBar().value()
        self._content = content
        self._highlight = ()
        self._hover = ()
        self._rebuild()
        if same:
            self.verticalScrollBar().setValue(value)

    def content(self) -> PaneContent:
        return self._content

    def set_theme(self, theme: Theme) -> None:
        """Recolour with ``theme`` (the document is rebuilt: formats carry the colours)."""
        self._theme = theme
        self.setPalette(theme.qpalette(self.palette()))
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
        self._invalidate()

    def _invalidate(self) -> None:
        self._spans = [None] * len(self._content.sentences)
        self._all_spans = False
        self._measured = 0
        self._pass.start(_PASS_DELAY_MS)
        self.geometry_changed.emit()
        self.gutter.update()
        self.viewport().update()
        if self.document().characterCount() <= _AT_ONCE_CHARS:
            self.all_spans()

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
        return i if i >= 0 and position <= self._qt_ends[i] else -1

    def sentence_at(self, point: QPoint) -> int:
        """The sentence under viewport point ``point``, or -1 (blank space between sentences)."""
        return self.sentence_at_position(self.cursorForPosition(point).position())

    def scroll_value(self) -> int:
        return self.verticalScrollBar().value()

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
        needed = round(bottom) + _DOCUMENT_MARGIN - self.viewport().height()
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
        start, end = self._qt_starts[index], self._qt_ends[index]
        doc = self.document()
        block = doc.findBlock(start)
        top_y = doc.documentLayout().blockBoundingRect(block).top()
        # An invalid QTextLine must not be asked anything: its y() reads through a null
        # pointer (a crash, not an exception).
        first = block.layout().lineForTextPosition(start - block.position())
        if not first.isValid():
            return top_y, top_y, top_y
        top = top_y + first.y()
        last_pos = max(start, end - 1)
        if last_pos >= block.position() + block.length():
            block = doc.findBlock(last_pos)
            top_y = doc.documentLayout().blockBoundingRect(block).top()
        last = block.layout().lineForTextPosition(last_pos - block.position())
        if not last.isValid():
            return top_y, top_y, top_y
        return top, top_y + last.y() + last.height(), top + first.height()

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
                not self._measured or _span_top(spans[self._measured - 1]) <= bottom
            ):
                if spans[self._measured] is None:
                    spans[self._measured] = self._measure(self._measured)
                self._measured += 1
        # Tops and bottoms only grow in document order: binary search in the measured spans.
        measured = self.measured_count()
        lo = bisect_left(self._spans, float(value), hi=measured, key=_span_bottom)
        hi = bisect_right(self._spans, bottom, hi=measured, key=_span_top)
        return range(max(0, lo - 1), min(n, hi + 1))

    def line_rects(self, index: int) -> list[QRectF]:
        """The rectangles (document coordinates) of sentence ``index`` on each of its lines."""
        start, end = self._qt_starts[index], self._qt_ends[index]
        doc = self.document()
        rects: list[QRectF] = []
        block = doc.findBlock(start)
        while block.isValid() and block.position() < max(end, start + 1):
            origin = doc.documentLayout().blockBoundingRect(block).topLeft()
            layout = block.layout()
            for n in range(layout.lineCount()):
                line = layout.lineAt(n)
                a = max(start, block.position() + line.textStart())
                b = min(end, block.position() + line.textStart() + line.textLength())
                if a >= b:
                    continue
                x0 = _cursor_x(line, a - block.position())
                x1 = _cursor_x(line, b - block.position())
                rects.append(QRectF(origin.x() + x0, origin.y() + line.y(), x1 - x0, line.height()))
            block = block.next()
        return rects

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

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._press = (
            event.position().toPoint() if event.button() == Qt.MouseButton.LeftButton else None
        )
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        press, self._press = self._press, None
        point = event.position().toPoint()
        if press is None or (point - press).manhattanLength() > _CLICK_SLOP:
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
        path = QPainterPath()
        for index in indices:
            top, bottom = self.sentence_span(index)
            if bottom < value or top > value + height:
                continue
            for rect in self.line_rects(index):
                # Grow each line into the leading so that the lines join into one outline.
                lead = rect.height() * (_LINE_HEIGHT / 100 - 1) / 2 + 0.5
                piece = QPainterPath()
                piece.addRect(rect.adjusted(-3, -lead, 3, lead).translated(0, -value))
                path = path.united(piece)
        if path.isEmpty():
            return
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillPath(path, with_alpha(self._theme.selection, alpha))
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        painter.drawPath(path.simplified())
        painter.end()


class MarkerGutter(QWidget):
    """The pane's left margin: the kind's glyph beside the first line of each sentence (like a
    line-number area), on a chip of the kind's colour, and a bar beside the selection."""

    def __init__(self, pane: DocumentPane) -> None:
        super().__init__(pane)
        self._pane = pane
        self.setObjectName("markerGutter")
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)  # fills its rect

    def markers(self) -> list[tuple[float, float, list[ChangeKind]]]:
        """``(viewport y of a line's top, its height, kinds of the sentences starting on it)``
        for the visible sentences, top to bottom."""
        pane = self._pane
        kinds = pane.content().kinds
        if not kinds:
            return []
        value = pane.scroll_value()
        height = pane.viewport().height()
        rows: dict[int, tuple[float, float, list[ChangeKind]]] = {}
        for i in pane.visible_sentences():
            kind = kinds[i] if i < len(kinds) else None
            if kind is None:
                continue
            top, bottom = pane.first_line_span(i)
            if bottom < value or top > value + height:
                continue
            row = rows.setdefault(round(top), (top - value, bottom - top, []))
            if kind not in row[2]:
                row[2].append(kind)
        return [rows[k] for k in sorted(rows)]

    def paintEvent(self, event: QPaintEvent) -> None:
        pane = self._pane
        theme = pane.theme()
        painter = QPainter(self)
        painter.fillRect(self.rect(), theme.window)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        value = pane.scroll_value()
        if pane.highlighted():
            spans = [pane.sentence_span(i) for i in pane.highlighted()]
            top = min(s[0] for s in spans) - value
            bottom = max(s[1] for s in spans) - value
            painter.fillRect(QRectF(self.width() - 4, top, 3, bottom - top), theme.selection)
        painter.setFont(marker_font(pane.reading_font()))
        glyph = theme.text if not theme.dark else QColor("#ffffff")
        for rect, kind in self.chips():
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(theme.band(kind))
            painter.drawRoundedRect(rect, 3, 3)
            painter.setPen(glyph)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, theme.marker(kind))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(theme.text)
        for y, h in self.pins():
            # A small solid diamond at the margin's outer edge: "linked by hand".
            cx, cy, r = 4.5, y + h / 2, 3.5
            painter.drawPolygon([QPointF(cx, cy - r), QPointF(cx + r, cy), QPointF(cx, cy + r),
                                 QPointF(cx - r, cy)])
        painter.end()

    def pins(self) -> list[tuple[float, float]]:
        """(viewport y, height) of the first line of each visible sentence linked by hand."""
        pane = self._pane
        manual = pane.content().manual
        if not manual:
            return []
        value = pane.scroll_value()
        height = pane.viewport().height()
        out = []
        for i in pane.visible_sentences():
            if i in manual:
                top, bottom = pane.first_line_span(i)
                if bottom >= value and top <= value + height:
                    out.append((top - value, bottom - top))
        return out

    def chips(self) -> list[tuple[QRectF, ChangeKind]]:
        """Where each visible marker is drawn (gutter coordinates), right-aligned on its line."""
        out = []
        for y, line_height, kinds in self.markers():
            chip = min(18.0, line_height + 1.0)
            shown = kinds[:3]
            width = (
                chip if len(shown) == 1 else (self.width() - 6 - 2 * (len(shown) - 1)) / len(shown)
            )
            x = self.width() - 3 - width * len(shown) - 2 * (len(shown) - 1)
            for kind in shown:
                out.append((QRectF(x, y + (line_height - chip) / 2, width, chip), kind))
                x += width + 2
        return out

    def mousePressEvent(self, event: QMouseEvent) -> None:
        """A click on a marker selects the first sentence starting on that line."""
        pane = self._pane
        y = event.position().y() + pane.scroll_value()
        for i in pane.visible_sentences():
            top, bottom = pane.first_line_span(i)
            if top <= y <= bottom:
                pane.sentence_clicked.emit(i)
                return
