"""What Copy puts on the clipboard from a document pane: the selected text as the document has
it. Where View > Hide Identical Sentences left a placeholder ("⋯ 3 identical sentences
hidden") inside the selection, the copy carries the hidden sentences' text, not the label: an
editor who copies a passage gets the passage."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QTextCursor, QTextDocument

if TYPE_CHECKING:
    from .document_pane import DocumentPane


def _plain(document: QTextDocument, start: int, end: int) -> str:
    cursor = QTextCursor(document)
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    return cursor.selection().toPlainText()


def copied_text(pane: DocumentPane, start: int, end: int) -> str:
    """The text of ``pane`` between ``QTextDocument`` positions ``start`` and ``end``, each
    placeholder the range touches replaced by the text of the sentences it hides."""
    document, content = pane.document(), pane.content()
    pieces: list[str] = []
    at = start
    for first, last, _label, (p_start, p_end) in pane.placeholders():
        if p_end <= start or p_start >= end:
            continue
        if p_start > at:
            pieces.append(_plain(document, at, p_start))
        sentences = content.sentences
        pieces.append(content.document.text[sentences[first].start : sentences[last].end])
        at = max(at, p_end)
    if at < end:
        pieces.append(_plain(document, at, end))
    return "".join(pieces)


def selection_as_mime_data(pane: DocumentPane) -> QMimeData:
    """``DocumentPane.createMimeDataFromSelection``: the selection as plain text (see the
    module's docstring)."""
    cursor, data = pane.textCursor(), QMimeData()
    data.setText(copied_text(pane, cursor.selectionStart(), cursor.selectionEnd()))
    return data


__all__ = ["copied_text", "selection_as_mime_data"]
