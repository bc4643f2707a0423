"""How a document pane mutes the sentences of changes the editor marked ignored: they stay
in the text, drawn over in a faint grey with greyed ink (struck and underlined words keep
their lines, in grey), as extra selections, so that marking and unmarking costs no rebuild."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QTextEdit

from ..engine.model import Comparison
from .inline_text import InlineText
from .theme import Theme, blend

MUTED_TINT = 0.07
"""How far a muted sentence's background goes from the window colour to the muted grey."""
MUTED_INK = 0.55
"""How far its ink goes from the text colour to the muted grey."""


def muted_sentences(
    c: Comparison | None, groups: Sequence[int], unlinked: Sequence[tuple[str, int]],
    inline: InlineText | None,
) -> tuple[list[int], list[int], list[int]]:
    """The sentences to mute for ``groups`` and ``unlinked`` sentences of ``c``: left, right,
    and rows of the one column (``inline``, if shown)."""
    sides: dict[str, list[int]] = {"left": [], "right": []}
    rows = []
    for g in groups:
        if c is not None and 0 <= g < len(c.groups):
            sides["left"] += c.groups[g].left
            sides["right"] += c.groups[g].right
            rows.append(inline.index_of(("group", g)) if inline else -1)
    for side, i in unlinked:
        sides[side].append(i)
        rows.append(inline.index_of((side, i)) if inline else -1)
    return sides["left"], sides["right"], rows


def muted_format(theme: Theme) -> QTextCharFormat:
    """The format laid over a muted sentence."""
    out = QTextCharFormat()
    out.setBackground(blend(theme.window, theme.muted, MUTED_TINT))
    ink = blend(theme.text, theme.muted, MUTED_INK)
    out.setForeground(ink)
    out.setUnderlineColor(ink)
    return out


def muted_selections(
    doc: QTextDocument, ranges: Sequence[tuple[int, int]], theme: Theme
) -> list[QTextEdit.ExtraSelection]:
    """Extra selections muting the text between each of ``ranges`` (``QTextDocument``
    positions; empty ones are skipped)."""
    fmt = muted_format(theme)
    out = []
    for start, end in ranges:
        if end <= start:
            continue
        extra = QTextEdit.ExtraSelection()
        extra.cursor = QTextCursor(doc)
        extra.cursor.setPosition(start)
        extra.cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        extra.format = fmt
        out.append(extra)
    return out


__all__ = ["MUTED_INK", "MUTED_TINT", "muted_format", "muted_selections", "muted_sentences"]
