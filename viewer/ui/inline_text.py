"""The one-column reading of a comparison (View > Display > One Inline Column), built as plain
values: the rewrite's wording with the original's removed words struck through beside the
words that replaced them (underlined), omitted sentences struck whole and added sentences
underlined whole, in reading order. Between two languages (no word edits) a linked group shows
the translation as written.

:func:`inline_content` returns a :class:`~viewer.ui.pane_text.PaneContent` over a text of its
own (one "sentence" per entry of the reading order: a group, an omitted or an added sentence)
and the entries, so that a click on an inline sentence selects what it shows.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..engine.model import Block, ChangeKind, Comparison, Document, Sentence, WordOp, WordOpKind
from .navigation import Entry, reading_order
from .pane_text import PaneContent


@dataclass(frozen=True)
class InlineText:
    """The inline column's content and, for each of its sentences, the entry it shows."""

    content: PaneContent
    entries: tuple[Entry, ...]

    def index_of(self, entry: Entry) -> int:
        """The inline sentence showing ``entry`` (-1: none)."""
        try:
            return self.entries.index(entry)
        except ValueError:
            return -1


class _Builder:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.deleted: list[tuple[int, int]] = []
        self.inserted: list[tuple[int, int]] = []

    def add(self, text: str, mark: str = "") -> None:
        text = " ".join(text.split())
        if not text:
            return
        start = self.length
        self.parts.append(text)
        self.length += len(text)
        if mark == "deleted":
            self.deleted.append((start, self.length))
        elif mark == "inserted":
            self.inserted.append((start, self.length))


def inline_content(c: Comparison) -> InlineText:
    """The inline column of ``c`` (see the module's docstring)."""
    b = _Builder()
    sentences: list[Sentence] = []
    kinds: list[ChangeKind | None] = []
    entries: list[Entry] = []
    blocks: list[Block] = []
    block_start = 0
    last_key: tuple[str, int] | None = None
    for entry in reading_order(c):
        side, index = entry
        if side == "group":
            group = c.groups[index]
            key = ("left", c.left_sentences[group.left[0]].block)
        elif side == "left":
            key = ("left", c.left_sentences[index].block)
        else:
            key = ("right", c.right_sentences[index].block)
        if last_key is not None and key != last_key and not (
                side == "right" and last_key[0] == "left"):
            blocks.append(Block(block_start, b.length))
            b.parts.append("\n\n")
            b.length += 2
            block_start = b.length
        elif sentences:
            b.parts.append(" ")
            b.length += 1
        last_key = key
        start = b.length
        if side == "group":
            group = c.groups[index]
            kind: ChangeKind = group.kind
            if group.word_ops:
                _add_group(b, c, group.word_ops)
            else:  # two languages: no word edits; the translation as written, tinted by kind
                b.add(" ".join(c.right_sentences[j].text for j in group.right))
        elif side == "left":
            kind = ChangeKind.OMITTED
            b.add(c.left_sentences[index].text, "deleted")
        else:
            kind = ChangeKind.ADDED
            b.add(c.right_sentences[index].text, "inserted")
        sentences.append(Sentence("", start, b.length, len(blocks)))
        kinds.append(kind)
        entries.append(entry)
    if sentences:
        blocks.append(Block(block_start, b.length))
    text = "".join(b.parts)
    sentences = [Sentence(text[s.start : s.end], s.start, s.end, s.block) for s in sentences]
    document = Document(text=text, blocks=tuple(blocks), name=c.right.display_name)
    content = PaneContent(document, tuple(sentences), tuple(kinds), tuple(b.deleted), "deleted",
                          inserted_spans=tuple(b.inserted))
    return InlineText(content, tuple(entries))


def _add_group(b: _Builder, c: Comparison, ops: tuple[WordOp, ...]) -> None:
    for n, op in enumerate(ops):
        # A space before the op where its own text had one ("said ," is not written).
        text, at = ((c.left.text, op.left_start) if op.op is WordOpKind.DELETE
                    else (c.right.text, op.right_start))
        if n and at > 0 and text[at - 1].isspace():
            b.parts.append(" ")
            b.length += 1
        if op.op is WordOpKind.DELETE:
            b.add(c.left.text[op.left_start : op.left_end], "deleted")
        elif op.op is WordOpKind.INSERT:
            b.add(c.right.text[op.right_start : op.right_end], "inserted")
        else:
            b.add(c.right.text[op.right_start : op.right_end])


__all__ = ["InlineText", "inline_content"]
