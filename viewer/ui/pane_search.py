"""Find in both panes: every match, counted and highlighted, visited in reading order.

A search starts from the view (the first match at or below the top of its pane, or the last
above the bottom going back), not from a caret the reader cannot see; the next one follows
from the current match while it is in view. Each match is centred in its pane, and the panes'
other matches are tinted so the reader sees them all at once. Only the text shown is
searched: sentences hidden by View > Hide Identical Sentences are not (nor are their
placeholders, which are not text).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QTextEdit

from .document_pane import DocumentPane
from .navigation import ReadingOrder

MAX_MATCHES = 5000
"""Matches counted and tinted per pane (a search for "e" in a long pair stops there)."""

_ALL = QColor(255, 214, 74, 150)
_CURRENT = QColor(255, 140, 0, 200)


@dataclass(frozen=True)
class Match:
    side: str
    start: int  # QTextDocument positions
    end: int


@dataclass(frozen=True)
class SearchResult:
    """``index`` of ``count`` (0-based; -1: none); ``wrapped``: went past an end to get it."""

    index: int = -1
    count: int = 0
    wrapped: bool = False


class PaneSearch:
    """The search state of a comparison view's two panes."""

    def __init__(self, left: DocumentPane, right: DocumentPane) -> None:
        self.panes = {"left": left, "right": right}
        self.text = ""
        self.matches: list[Match] = []
        self.current = -1

    def clear(self) -> None:
        self.text, self.matches, self.current = "", [], -1
        for pane in self.panes.values():
            pane.set_search_selections([])

    def find(self, text: str, order: ReadingOrder, *, backwards: bool = False) -> SearchResult:
        """The next (or previous) match of ``text``, case-insensitive; select and centre it."""
        if not text:
            self.clear()
            return SearchResult()
        if text.casefold() != self.text.casefold() or not self._current_in_view():
            self.text = text
            self.matches = self._all_matches(text, order)
            n = self._from_view(backwards)
            wrapped = n is None
            if n is None:
                n = len(self.matches) - 1 if backwards else 0
        else:
            n = self.current + (-1 if backwards else 1)
            wrapped = not 0 <= n < len(self.matches)
            n %= max(1, len(self.matches))
        if not self.matches:
            self.current = -1
            self._paint()
            return SearchResult()
        self.current = n
        self._paint()
        self._centre(self.matches[n])
        return SearchResult(n, len(self.matches), wrapped)

    def _all_matches(self, text: str, order: ReadingOrder) -> list[Match]:
        found: list[tuple[tuple[int, int, int], Match]] = []
        for rank, (side, pane) in enumerate(self.panes.items()):
            doc = pane.document()
            cursor = QTextCursor(doc)
            for _ in range(MAX_MATCHES):
                cursor = doc.find(text, cursor, QTextDocument.FindFlag(0))
                if cursor.isNull():
                    break
                if pane.placeholder_of(cursor.selectionStart()) >= 0:
                    continue  # "3 identical sentences hidden" is not the text
                sentence = pane.sentence_at_position(cursor.selectionStart())
                where = order.position_of_sentence(side, sentence) if sentence >= 0 else None
                key = (len(order.entries) if where is None else where, rank,
                       cursor.selectionStart())
                found.append((key, Match(side, cursor.selectionStart(), cursor.selectionEnd())))
        found.sort(key=lambda item: item[0])
        return [m for _, m in found]

    def _y(self, match: Match) -> tuple[float, float]:
        """The match's top and bottom in its pane's viewport."""
        pane = self.panes[match.side]
        cursor = QTextCursor(pane.document())
        cursor.setPosition(match.start)
        rect = pane.cursorRect(cursor)
        return float(rect.top()), float(rect.bottom())

    def _current_in_view(self) -> bool:
        if not 0 <= self.current < len(self.matches):
            return False
        match = self.matches[self.current]
        top, bottom = self._y(match)
        return bottom > 0 and top < self.panes[match.side].viewport().height()

    def _from_view(self, backwards: bool) -> int | None:
        indices = range(len(self.matches))
        for n in reversed(indices) if backwards else indices:
            top, bottom = self._y(self.matches[n])
            height = self.panes[self.matches[n].side].viewport().height()
            if (backwards and top < height) or (not backwards and bottom > 0):
                return n
        return None

    def _paint(self) -> None:
        for side, pane in self.panes.items():
            selections = []
            for n, m in enumerate(self.matches):
                if m.side != side:
                    continue
                extra = QTextEdit.ExtraSelection()
                extra.cursor = QTextCursor(pane.document())
                extra.cursor.setPosition(m.start)
                extra.cursor.setPosition(m.end, QTextCursor.MoveMode.KeepAnchor)
                fmt = QTextCharFormat()
                fmt.setBackground(_CURRENT if n == self.current else _ALL)
                extra.format = fmt
                selections.append(extra)
            pane.set_search_selections(selections)

    def _centre(self, match: Match) -> None:
        """Put the match in the middle of its pane (the other pane follows if in sync)."""
        pane = self.panes[match.side]
        cursor = QTextCursor(pane.document())
        cursor.setPosition(match.start)
        cursor.setPosition(match.end, QTextCursor.MoveMode.KeepAnchor)
        pane.setTextCursor(cursor)  # selected: Copy takes it
        for other in self.panes.values():
            if other is not pane:
                collapsed = other.textCursor()
                collapsed.clearSelection()
                other.setTextCursor(collapsed)
        top, bottom = self._y(match)
        bar = pane.verticalScrollBar()
        target = bar.value() + (top + bottom) / 2 - pane.viewport().height() / 2
        bar.setValue(round(min(max(target, 0), bar.maximum())))


__all__ = ["MAX_MATCHES", "Match", "PaneSearch", "SearchResult"]
