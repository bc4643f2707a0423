"""The selection and change navigation, as plain values and functions (no Qt).

A selection is a group of linked sentences, or one unlinked sentence (omitted on the left,
added on the right). Changes are visited in *reading order*: the order of the original, with
each addition placed where it appears in the rewrite. The comparison view and the session use
these functions; they are tested without a widget.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..engine.model import ChangeKind, Comparison, WordOpKind

Entry = tuple[str, int]
"""A stop in reading order: ("group", index), ("left", omitted sentence), ("right", added)."""


@dataclass(frozen=True)
class Selection:
    """A group (``group >= 0``), an unlinked sentence (``unlinked = (side, index)``), or
    nothing (:data:`NO_SELECTION`)."""

    group: int = -1
    unlinked: tuple[str, int] | None = None

    @property
    def empty(self) -> bool:
        return self.group < 0 and self.unlinked is None


NO_SELECTION = Selection()


def reading_order(comparison: Comparison) -> list[Entry]:
    """Every group and unlinked sentence in left-document order. An addition goes after the
    last non-moved group before it in the rewrite (and after the omissions that follow that
    group, as a diff shows deletions before insertions)."""
    order: list[Entry] = []
    group_at: dict[int, int] = {}
    for i in range(len(comparison.left_sentences)):
        g = comparison.group_of_left(i)
        if g is None:
            order.append(("left", i))
        elif comparison.groups[g].left[0] == i:
            group_at[g] = len(order)
            order.append(("group", g))
    for g, group in enumerate(comparison.groups):  # a group with no left sentence (defensive)
        if g not in group_at:
            group_at[g] = len(order)
            order.append(("group", g))
    after: dict[int, list[Entry]] = {}  # position in ``order`` -> the additions that follow it
    anchor = -1
    for j in range(len(comparison.right_sentences)):
        g = comparison.group_of_right(j)
        if g is None:
            after.setdefault(anchor, []).append(("right", j))
        elif not comparison.groups[g].moved:
            anchor = group_at[g]
    out: list[Entry] = []
    pending = list(after.get(-1, []))
    for n, entry in enumerate(order):
        if entry[0] == "group":
            out.extend(pending)
            pending = []
        out.append(entry)
        pending.extend(after.get(n, []))
    out.extend(pending)
    return out


Skip = Callable[[Entry], bool]
"""Entries F7 passes over as if they had not changed (reviewed or ignored ones, on request)."""


class ReadingOrder:
    """A comparison's reading order with a lookup from entry to position, and the *stops*
    Next and Previous Change visit.

    A stop is a linked group that changed, or a passage of consecutive unlinked sentences
    (omitted, added, or omitted then added: a passage replaced), which is one stop however
    many sentences it has. Identical groups are passed over. Each changed group is a stop of
    its own: in a rewrite where every sentence is reworded, a run of changed groups would be
    the whole article, one stop that takes the reader nowhere.
    """

    def __init__(self, comparison: Comparison | None) -> None:
        self.comparison = comparison
        self.entries: list[Entry] = reading_order(comparison) if comparison is not None else []
        self._index = {e: n for n, e in enumerate(self.entries)}

    def position(self, selection: Selection) -> int | None:
        """Where ``selection`` is in reading order (None: nothing selected, or not found)."""
        if selection.group >= 0:
            return self._index.get(("group", selection.group))
        if selection.unlinked is not None:
            return self._index.get(selection.unlinked)
        return None

    def position_of_sentence(self, side: str, index: int) -> int | None:
        """The position of the entry holding sentence ``index`` of ``side`` (None: not in the
        comparison, or a right sentence of a moved group, which reads elsewhere)."""
        c = self.comparison
        if c is None:
            return None
        g = c.group_of_left(index) if side == "left" else c.group_of_right(index)
        if g is None:
            return self._index.get((side, index))
        if side == "right" and c.groups[g].moved:
            return None
        return self._index.get(("group", g))

    def is_change(self, entry: Entry) -> bool:
        if entry[0] != "group":
            return True
        assert self.comparison is not None
        return self.comparison.groups[entry[1]].kind is not ChangeKind.IDENTICAL

    def _unlinked(self, n: int, skip: Skip | None) -> bool:
        entry = self.entries[n]
        return entry[0] != "group" and not (skip is not None and skip(entry))

    def starts_stop(self, n: int, skip: Skip | None = None) -> bool:
        """Whether the entry at position ``n`` is where a stop begins."""
        entry = self.entries[n]
        if skip is not None and skip(entry):
            return False
        if entry[0] == "group":
            return self.is_change(entry)
        return n == 0 or not self._unlinked(n - 1, skip)

    def stop_end(self, n: int, skip: Skip | None = None) -> int:
        """One past the last entry of the stop that begins at ``n``."""
        m = n + 1
        if self.entries[n][0] != "group":
            while m < len(self.entries) and self._unlinked(m, skip):
                m += 1
        return m

    def find_stop(self, start: int, direction: int, skip: Skip | None = None) -> int | None:
        """The first stop from position ``start`` (itself included) going ``direction``."""
        n = start
        while 0 <= n < len(self.entries):
            if self.starts_stop(n, skip):
                return n
            n += direction
        return None

    def step(self, selection: Selection, direction: int,
             skip: Skip | None = None) -> Selection | None:
        """The next (``direction`` +1) or previous (-1) stop from ``selection``; from no
        selection, the first or the last. None past the end (the selection stays)."""
        if not self.entries:
            return None
        current = self.position(selection)
        if current is None:
            start = 0 if direction > 0 else len(self.entries) - 1
        else:
            start = current + direction
        n = self.find_stop(start, direction, skip)
        return None if n is None else self.selection_at(n)

    def passage_length(self, selection: Selection) -> int:
        """How many unlinked sentences the passage holding ``selection`` has (0: it is not
        an unlinked sentence)."""
        n = self.position(selection)
        if n is None or selection.unlinked is None:
            return 0
        start = n
        while start > 0 and self._unlinked(start - 1, None):
            start -= 1
        return self.stop_end(start) - start

    def selection_at(self, n: int) -> Selection:
        kind, index = self.entries[n]
        return Selection(index, None) if kind == "group" else Selection(-1, (kind, index))


def sentence_selection(comparison: Comparison | None, side: str, index: int) -> Selection:
    """What selecting sentence ``index`` of ``side`` selects: its group, or the sentence."""
    g = (None if comparison is None
         else comparison.group_of_left(index) if side == "left"
         else comparison.group_of_right(index))
    return Selection(g, None) if g is not None else Selection(-1, (side, index))


def selected_indices(comparison: Comparison | None,
                     selection: Selection) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """The sentences ``selection`` covers: (left indices, right indices)."""
    if comparison is not None and 0 <= selection.group < len(comparison.groups):
        group = comparison.groups[selection.group]
        return group.left, group.right
    if selection.unlinked is not None:
        side, i = selection.unlinked
        return ((i,), ()) if side == "left" else ((), (i,))
    return (), ()


@dataclass(frozen=True)
class PaneMarks:
    """How one pane is marked: each sentence's change kind, and the word spans (character
    offsets into the document's text, sorted and disjoint) struck out or underlined."""

    kinds: tuple[ChangeKind | None, ...]
    words: tuple[tuple[int, int], ...]


def pane_marks(comparison: Comparison) -> tuple[PaneMarks, PaneMarks]:
    """The left pane's kinds and deleted words; the right pane's kinds and inserted words."""
    kinds_l: list[ChangeKind | None] = [ChangeKind.OMITTED] * len(comparison.left_sentences)
    kinds_r: list[ChangeKind | None] = [ChangeKind.ADDED] * len(comparison.right_sentences)
    deleted: list[tuple[int, int]] = []
    inserted: list[tuple[int, int]] = []
    for group in comparison.groups:
        for i in group.left:
            kinds_l[i] = group.kind
        for j in group.right:
            kinds_r[j] = group.kind
        for op in group.word_ops:
            if op.op is WordOpKind.DELETE and op.left_start < op.left_end:
                deleted.append((op.left_start, op.left_end))
            elif op.op is WordOpKind.INSERT and op.right_start < op.right_end:
                inserted.append((op.right_start, op.right_end))
    return (PaneMarks(tuple(kinds_l), disjoint(deleted)),
            PaneMarks(tuple(kinds_r), disjoint(inserted)))


def disjoint(spans: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """``spans`` sorted and merged where they overlap or touch."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return tuple(out)


__all__ = [
    "NO_SELECTION",
    "Entry",
    "PaneMarks",
    "ReadingOrder",
    "Selection",
    "Skip",
    "disjoint",
    "pane_marks",
    "reading_order",
    "selected_indices",
    "sentence_selection",
]
