"""View > Hide Identical Sentences, without Qt: which sentences are hidden, in runs.

A run is a stretch of consecutive identical linked groups (not moves) whose sentences follow
one another in both texts; each run is shown as one placeholder line in each pane ("⋯ 3
identical sentences hidden") until the reader opens it. A pane's hidden runs are
``(first, last, label)`` sentence ranges, as :class:`~viewer.ui.pane_text.PaneContent` takes
them.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass

from ..engine.model import ChangeKind, Comparison, Group

Hidden = tuple[tuple[int, int, str], ...]
"""A pane's hidden runs: ``(first, last, label)``, sentence indices inclusive."""


@dataclass(frozen=True)
class IdenticalRun:
    """Groups ``first_group``..``last_group`` (inclusive): identical, in order on both sides."""

    first_group: int
    last_group: int
    left: tuple[int, int]
    """The left sentences, first and last (inclusive); ``right`` likewise."""
    right: tuple[int, int]

    @property
    def key(self) -> tuple[int, int]:
        """The run's first sentences: it keeps them when the alignment is redone nearby."""
        return self.left[0], self.right[0]

    def holds_group(self, group: int) -> bool:
        return self.first_group <= group <= self.last_group

    def holds(self, side: str, sentence: int) -> bool:
        first, last = self.left if side == "left" else self.right
        return first <= sentence <= last


def _contiguous(indices: tuple[int, ...]) -> bool:
    return bool(indices) and indices[-1] - indices[0] + 1 == len(indices)


def _identical(group: Group) -> bool:
    return (group.kind is ChangeKind.IDENTICAL and not group.moved
            and _contiguous(group.left) and _contiguous(group.right))


def identical_runs(comparison: Comparison) -> tuple[IdenticalRun, ...]:
    """Every run of ``comparison``'s identical groups, in order."""
    runs: list[IdenticalRun] = []
    for g, group in enumerate(comparison.groups):
        if not _identical(group):
            continue
        last = runs[-1] if runs else None
        if (last is not None and last.last_group == g - 1
                and group.left[0] == last.left[1] + 1 and group.right[0] == last.right[1] + 1):
            runs[-1] = IdenticalRun(last.first_group, g, (last.left[0], group.left[-1]),
                                    (last.right[0], group.right[-1]))
        else:
            runs.append(IdenticalRun(g, g, (group.left[0], group.left[-1]),
                                     (group.right[0], group.right[-1])))
    return tuple(runs)


def hidden_sentences(
    runs: Collection[IdenticalRun], side: str, label: Callable[[int], str]
) -> Hidden:
    """``side``'s hidden runs for a pane: each run's sentences there and ``label(count)``."""
    out = []
    for run in sorted(runs, key=lambda r: r.left if side == "left" else r.right):
        first, last = run.left if side == "left" else run.right
        out.append((first, last, label(last - first + 1)))
    return tuple(out)


__all__ = ["Hidden", "IdenticalRun", "hidden_sentences", "identical_runs"]
