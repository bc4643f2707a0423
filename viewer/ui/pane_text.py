"""The text a document pane shows, built as a ``QTextDocument``: one paragraph per block of
the document, each sentence tinted by how it changed, removed and inserted words marked.

:class:`TextLayout` maps offsets into ``Document.text`` to ``QTextDocument`` positions (Qt
counts UTF-16 code units, blocks are separated by one character). Building the document and
the map is separate from the widget (:mod:`viewer.ui.document_pane`), which only shows it.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

import numpy as np
from PySide6.QtCore import QAbstractEventDispatcher, QEvent, QObject
from PySide6.QtGui import (
    QFont,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextLine,
    QTextOption,
)
from PySide6.QtWidgets import QTextEdit, QWidget

from ..engine.model import Block, BlockRole, ChangeKind, Document, Sentence
from .theme import Theme, blend

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")  # two UTF-16 code units each in Qt

LINE_HEIGHT = 138  # percent: comfortable leading for prose
DOCUMENT_MARGIN = 16
WORD_MARK_STRENGTH = 0.45
"""How far a marked word's background goes from its sentence's tint to the palette's
``deleted_bg``/``inserted_bg``."""
REWORDED_MARK_STRENGTH = 0.2
"""The same in a reworded sentence, where most words are marked: lighter, so that a page of
rewording reads as text with marks, not as a wall of strikethrough."""
REWORDED_INK = 0.55
"""How far a marked word's ink in a reworded sentence goes from the text colour to the
palette's ``deleted_text``/``inserted_text`` (1 elsewhere)."""


def mark_strength(kind: ChangeKind | None) -> float:
    """How strongly the marked words of a sentence of ``kind`` are tinted."""
    return REWORDED_MARK_STRENGTH if kind is ChangeKind.REWORDED else WORD_MARK_STRENGTH


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
    inserted_spans: tuple[tuple[int, int], ...] = ()
    """More marked words, always styled as inserted (the inline column marks both kinds; its
    ``word_spans`` are the deleted ones). Sorted, disjoint, and disjoint from ``word_spans``."""
    hidden: tuple[tuple[int, int, str], ...] = ()
    """Runs of sentences left out (View > Hide Identical Sentences): ``(first, last, label)``,
    sentence indices inclusive, sorted and disjoint. Each run is one placeholder paragraph
    reading ``label`` in place of its text."""


EMPTY_DOCUMENT = Document(text="", blocks=())


@dataclass
class TextLayout:
    """Where the ``Document``'s characters landed in the ``QTextDocument``."""

    py_starts: list[int] = field(default_factory=list)  # block starts in Document.text
    py_ends: list[int] = field(default_factory=list)
    qt_starts: list[int] = field(default_factory=list)  # the same blocks' QTextDocument positions
    astral: dict[int, list[int]] = field(default_factory=dict)  # block -> offsets of chars > U+FFFF
    placeholders: list[tuple[int, int]] = field(default_factory=list)
    """Each hidden run's placeholder paragraph as ``QTextDocument`` positions ``(start, end)``
    (the offsets of its sentences all map to its start)."""

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

    def placeholder_of(self, position: int) -> int:
        """The placeholder holding ``QTextDocument`` position ``position`` (its index), or -1."""
        n = bisect_right(self.placeholders, position, key=lambda spot: spot[0]) - 1
        return n if n >= 0 and position <= self.placeholders[n][1] else -1

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


def _segments(content: PaneContent) -> list[tuple[int, int, BlockRole | None]]:
    """The paragraphs to build: ``(start, end, role)`` of the text shown, and, in place of
    each hidden run, ``(start, start, None)`` (its placeholder). A run that starts or ends
    inside a paragraph splits it."""
    blocks = _blocks_of(content.document)
    if not content.hidden:
        return [(b.start, b.end, b.role) for b in blocks]
    text, sentences = content.document.text, content.sentences
    cuts = [(sentences[a].start, sentences[b].end) for a, b, _ in content.hidden]
    out: list[tuple[int, int, BlockRole | None]] = []
    r, placed = 0, -1
    for block in blocks:
        pos = block.start
        while r < len(cuts) and cuts[r][0] < block.end:
            start, end = cuts[r]
            if start > pos and text[pos:start].strip():
                out.append((pos, start, block.role))
            if placed < r:
                out.append((start, start, None))
                placed = r
            pos = max(pos, end)
            if end > block.end:
                break  # the run goes on in the next paragraph
            r += 1
        while pos < block.end and text[pos].isspace():
            pos += 1
        if pos < block.end:
            out.append((pos, block.end, block.role))
    return out


def build_text_document(
    content: PaneContent, theme: Theme, font: QFont, parent: QWidget
) -> tuple[QTextDocument, TextLayout]:
    """The pane's ``QTextDocument``: one paragraph per block, sentences tinted, words marked."""
    doc = QTextDocument(parent)
    doc.setUndoRedoEnabled(False)
    doc.setDefaultFont(font)
    doc.setDocumentMargin(DOCUMENT_MARGIN)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    doc.setDefaultTextOption(option)
    layout = TextLayout()
    text = content.document.text
    sentences, kinds = content.sentences, content.kinds
    marks = sorted([(a, b, content.word_style) for a, b in content.word_spans]
                   + [(a, b, "inserted") for a, b in content.inserted_spans])
    words = [(a, b) for a, b, _ in marks]
    styles = [style for _, _, style in marks]
    formats: dict[tuple[BlockRole, ChangeKind | None, str], QTextCharFormat] = {}
    block_formats: dict[BlockRole, tuple[QTextBlockFormat, QTextCharFormat]] = {}
    tinted = bool(kinds or words)
    cursor = QTextCursor(doc)
    cursor.beginEditBlock()
    si = wi = 0
    for k, (start, end, role) in enumerate(_segments(content)):
        if role is None:  # a hidden run's placeholder
            label = content.hidden[len(layout.placeholders)][2]
            block_format, base = _placeholder_formats(font, theme)
            if k:
                cursor.insertBlock(block_format, base)
            else:
                cursor.setBlockFormat(block_format)
            layout.py_starts.append(start)
            layout.py_ends.append(start)
            layout.qt_starts.append(cursor.position())
            _insert(cursor, label, base)
            layout.placeholders.append((layout.qt_starts[-1], cursor.position()))
            continue
        block = Block(start, end, role)
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
            key: tuple[BlockRole, ChangeKind | None, str] = (block.role, None, "")
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
            key = (block.role, kind, styles[wi] if marked else "")
            if key not in formats:
                formats[key] = _char_format(base, kind, marked, key[2], theme)
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
    block.setLineHeight(LINE_HEIGHT, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
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


def _placeholder_formats(font: QFont, theme: Theme) -> tuple[QTextBlockFormat, QTextCharFormat]:
    """A hidden run's placeholder: a short muted line on a faint band across the pane."""
    block, char = _block_formats(BlockRole.PARAGRAPH, font, theme)
    block.setBackground(blend(theme.window, theme.muted, 0.12))
    char.setForeground(theme.muted)
    char.setFontItalic(True)
    char.setFontPointSize(font.pointSizeF() * 0.9)
    return block, char


def _char_format(
    base: QTextCharFormat, kind: ChangeKind | None, marked: bool, style: str, theme: Theme
) -> QTextCharFormat:
    out = QTextCharFormat(base)
    tint = theme.tint(kind) if kind is not None else theme.window
    if kind is not None:
        out.setBackground(tint)
    # A marked word keeps some of its sentence's tint: a reworded sentence whose words all
    # changed must still read as "reworded", with the removals and insertions on top; there
    # the marks are lighter (most words carry one).
    strength = mark_strength(kind)
    ink = REWORDED_INK if kind is ChangeKind.REWORDED else 1.0
    if marked and style == "deleted":
        out.setFontStrikeOut(True)
        out.setForeground(blend(theme.text, theme.deleted_text, ink))
        out.setBackground(blend(tint, theme.deleted_bg, strength))
    elif marked:
        out.setFontUnderline(True)
        out.setUnderlineColor(blend(theme.text, theme.inserted_text, ink))
        out.setForeground(blend(theme.text, theme.inserted_text, ink))
        out.setBackground(blend(tint, theme.inserted_bg, strength))
    return out


def span_top(span: tuple[float, float, float] | None) -> float:
    assert span is not None
    return span[0]


def span_bottom(span: tuple[float, float, float] | None) -> float:
    assert span is not None
    return span[1]


def cursor_x(line: QTextLine, position: int) -> float:
    """``QTextLine.cursorToX``, which PySide returns as ``(x, position)``."""
    result: Any = line.cursorToX(position)
    return float(result[0] if isinstance(result, tuple) else result)


class LayoutTimerGate(QObject):
    """Holds back the 10 ms timer of Qt's background layout while the pane's own pass runs.

    ``QTextDocumentLayout`` lays out a long document on that timer in steps that double up to
    200,000 characters. Only that timer is held back (told apart by its interval): the
    zero-interval one that reports the growing document size still runs. Once the pane's pass
    is done, Qt's timer finds nothing left to lay out and stops. A document the pane no longer
    shows (waiting for its deferred deletion) is never laid out further.
    """

    def __init__(self, pane: QTextEdit, layout_complete: Callable[[], bool]) -> None:
        super().__init__(pane)
        self._pane = pane
        self._complete = layout_complete

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.Timer:
            return False
        if self._complete() and watched is self._pane.document().documentLayout():
            return False
        dispatcher = QAbstractEventDispatcher.instance()
        timer_id = event.timerId()  # type: ignore[attr-defined]
        return any(
            info.timerId == timer_id and info.interval > 0
            for info in (dispatcher.registeredTimers(watched) if dispatcher else ())
        )

__all__ = [
    "DOCUMENT_MARGIN",
    "EMPTY_DOCUMENT",
    "LINE_HEIGHT",
    "REWORDED_INK",
    "REWORDED_MARK_STRENGTH",
    "WORD_MARK_STRENGTH",
    "LayoutTimerGate",
    "PaneContent",
    "TextLayout",
    "build_text_document",
    "cursor_x",
    "mark_strength",
    "span_bottom",
    "span_top",
]
