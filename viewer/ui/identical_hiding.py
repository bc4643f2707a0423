"""View > Hide Identical Sentences in a comparison view: which runs are hidden now (all of
them but those the reader opened), and the panes' contents with those runs left out, each
as a placeholder line saying how many sentences it stands for.

The runs themselves are found by :mod:`viewer.ui.identical_runs`; the panes build the
placeholders (:class:`~viewer.ui.pane_text.PaneContent` ``hidden``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from PySide6.QtCore import QObject

from ..engine.model import Comparison
from .identical_runs import Hidden, IdenticalRun, hidden_sentences, identical_runs
from .inline_text import InlineText
from .pane_text import PaneContent


class IdenticalHiding(QObject):
    """Whether identical sentences are hidden, which runs the reader opened, and which are
    hidden in the comparison shown (``runs``)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.on = False
        self.runs: tuple[IdenticalRun, ...] = ()
        self._opened: set[tuple[int, int]] = set()

    def set_on(self, on: bool) -> None:
        """Hide (or show) every run; the runs opened so far are hidden again."""
        self.on = bool(on)
        self._opened = set()

    def update(self, comparison: Comparison | None) -> tuple[IdenticalRun, ...]:
        """The runs hidden in ``comparison`` (none when off)."""
        self.runs = () if not self.on or comparison is None else tuple(
            r for r in identical_runs(comparison) if r.key not in self._opened)
        return self.runs

    def open(self, runs: Iterable[IdenticalRun]) -> bool:
        """Show ``runs`` from now on; whether any was hidden."""
        keys = {r.key for r in runs} - self._opened
        self._opened |= keys
        return bool(keys)

    def touching(self, left: Iterable[int], right: Iterable[int]) -> list[IdenticalRun]:
        """The hidden runs holding any of sentences ``left`` or ``right``."""
        left, right = tuple(left), tuple(right)
        return [r for r in self.runs if any(r.holds("left", i) for i in left)
                or any(r.holds("right", j) for j in right)]

    def label(self, count: int) -> str:
        """What a placeholder of ``count`` sentences says."""
        if count == 1:
            return self.tr("⋯ 1 identical sentence hidden")
        return self.tr("⋯ {count} identical sentences hidden").format(count=count)

    def hide(self, content: PaneContent, side: str) -> PaneContent:
        """``content`` (one side of the comparison) with the hidden runs left out."""
        if not self.runs:
            return content
        return _with_hidden(content, hidden_sentences(self.runs, side, self.label))

    def hide_inline(self, inline: InlineText) -> PaneContent:
        """The one-column content with each hidden run left out (a run whose entries are not
        next to each other in the column stays)."""
        hidden = []
        for run in self.runs:
            rows = sorted(inline.index_of(("group", g))
                          for g in range(run.first_group, run.last_group + 1))
            if rows and rows[0] >= 0 and rows[-1] - rows[0] + 1 == len(rows):
                hidden.append((rows[0], rows[-1], self.label(run.right[1] - run.right[0] + 1)))
        return _with_hidden(inline.content, tuple(sorted(hidden)))

    def inline_run(self, inline: InlineText, row: int) -> list[IdenticalRun]:
        """The hidden run shown at row ``row`` of the one column."""
        entry = inline.entries[row] if 0 <= row < len(inline.entries) else None
        if entry is None or entry[0] != "group":
            return []
        return [r for r in self.runs if r.holds_group(entry[1])]


def _with_hidden(content: PaneContent, hidden: Hidden) -> PaneContent:
    """``content`` hiding ``hidden``; the hidden sentences lose their kinds (no markers)."""
    if not hidden:
        return content
    kinds = list(content.kinds)
    for first, last, _ in hidden:
        for i in range(first, min(last + 1, len(kinds))):
            kinds[i] = None
    return replace(content, kinds=tuple(kinds), hidden=hidden)


__all__ = ["IdenticalHiding"]
