"""Review edits as undo commands: each holds the state before and after, and sets one or the
other on the session. The command's text names the action in Edit > Undo/Redo."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from PySide6.QtGui import QUndoCommand

from ...engine.review import ReviewState


class ReviewHolder(Protocol):
    def review(self) -> ReviewState: ...

    def set_review(self, state: ReviewState) -> None: ...


class ReviewEdit(QUndoCommand):
    """Replace the session's review state with ``after``; undo puts back the one it had."""

    def __init__(self, session: ReviewHolder, text: str, after: ReviewState) -> None:
        super().__init__(text)
        self.session = session
        self.before = session.review()
        self.after = after

    def redo(self) -> None:
        self.session.set_review(self.after)

    def undo(self) -> None:
        self.session.set_review(self.before)


def labels(side: str, indices: Iterable[int]) -> str:
    """ "L3", "L3–L5", "R2, R7": sentences as the window numbers them (from 1)."""
    ix = sorted(set(indices))
    prefix = "L" if side == "left" else "R"
    if not ix:
        return ""
    if len(ix) > 2 and ix[-1] - ix[0] == len(ix) - 1:
        return f"{prefix}{ix[0] + 1}–{prefix}{ix[-1] + 1}"
    return ", ".join(f"{prefix}{i + 1}" for i in ix)


def pair_label(left: Iterable[int], right: Iterable[int]) -> str:
    """ "L3 ↔ R4", or one side alone."""
    parts = [x for x in (labels("left", left), labels("right", right)) if x]
    return " ↔ ".join(parts)
