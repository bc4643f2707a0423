"""What the window shows, held in one place: the session model the window observes.

A :class:`Session` holds the two documents (as read and split), the comparison of them, the
selection, the sensitivity and the review state (with its undo stack). It has no widgets and
starts no jobs: it changes only through its setters, and says so with a signal. The window and
its controllers observe it; no widget keeps its own copy of what the session holds.

An edit flows one way::

    a gesture in a pane -> a command pushed on ``undo_stack`` -> a new review state
    -> ``review_changed`` -> a re-alignment job -> ``set_comparison`` -> ``comparison_changed``
    -> every widget repaints from the session

The review state (:class:`~viewer.engine.review.ReviewState`: links drawn by hand, forbidden
pairs, marks, notes) is a frozen value owned here; edits to it are ``QUndoCommand``s on
:attr:`Session.undo_stack` whose ``redo``/``undo`` call :meth:`Session.set_review` with the new
or the old value (made with the pure edits of :mod:`viewer.engine.review`).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from ..engine.model import Comparison, Document
from ..engine.review import ReviewState
from .navigation import NO_SELECTION, Selection
from .reading import SplitDocument

LEFT, RIGHT = "left", "right"
OPENED, SWAPPED, RELOADED = "opened", "swapped", "reloaded"

Sides = tuple[SplitDocument | None, SplitDocument | None]


class Session(QObject):
    """The documents, their comparison, the selection, the sensitivity and the review state.

    Signals (all emitted after the new value is in place, and only when it changed):

    ``documents_changed()``
        a side was opened, replaced, swapped or closed; the comparison was cleared.
    ``comparison_changed(comparison)``
        a new comparison (or None: the documents changed and are being compared).
    ``selection_changed(selection)``
        the selected group or unlinked sentence (:class:`~viewer.ui.navigation.Selection`).
    ``sensitivity_changed(value)``
        the sensitivity threshold, 0..1.
    ``review_changed(state)``
        the review state (pinned links, forbidden pairs, marks, notes).
    """

    documents_changed = Signal()
    comparison_changed = Signal(object)  # Comparison | None
    selection_changed = Signal(object)  # Selection
    sensitivity_changed = Signal(float)
    review_changed = Signal(object)  # ReviewState

    def __init__(self, parent: QObject | None = None, *, sensitivity: float = 0.5) -> None:
        super().__init__(parent)
        self._sides: Sides = (None, None)
        self._comparison: Comparison | None = None
        self._selection: Selection = NO_SELECTION
        self._sensitivity = float(sensitivity)
        self._review = ReviewState()
        self.documents_change = OPENED
        """How the documents last changed: opened (or pasted), swapped or reloaded."""
        self.undo_stack = QUndoStack(self)
        """Review edits, undone and redone with Edit > Undo/Redo; cleared with new documents."""

    # -- documents ---------------------------------------------------------------------------
    def sides(self) -> Sides:
        """Both sides as read and split (None: not opened)."""
        return self._sides

    def side(self, side: str) -> SplitDocument | None:
        return self._sides[0] if side == LEFT else self._sides[1]

    def documents(self) -> tuple[Document | None, Document | None]:
        """Both sides' documents (None: not opened)."""
        left, right = self._sides
        return (left.document if left is not None else None,
                right.document if right is not None else None)

    def has_pair(self) -> bool:
        """Both sides are open (so they can be compared)."""
        return self._sides[0] is not None and self._sides[1] is not None

    def has_any(self) -> bool:
        return self._sides[0] is not None or self._sides[1] is not None

    def file_paths(self) -> tuple[str, ...]:
        """The paths of the sides read from files (not pasted text), left first."""
        return tuple(d.path for d in self.documents() if d is not None and d.path)

    def set_sides(self, left: SplitDocument | None, right: SplitDocument | None, *,
                  change: str = OPENED) -> None:
        """Show new documents: the comparison, the selection and the review state of the old
        ones are dropped (with their undo history). ``change`` says how they came
        (:data:`OPENED`, :data:`SWAPPED`, :data:`RELOADED`): the window keeps the reader's
        place on a swap or a reload (``documents_change``)."""
        self.documents_change = change
        self._sides = (left, right)
        self.undo_stack.clear()
        old_review, self._review = self._review, ReviewState()
        had = self._comparison is not None
        self._comparison = None
        old, self._selection = self._selection, NO_SELECTION
        # Every value is in place before the first signal: an observer never sees a
        # selection or a comparison of the old documents next to the new ones.
        self.documents_changed.emit()
        if had:
            self.comparison_changed.emit(None)
        if old != NO_SELECTION:
            self.selection_changed.emit(NO_SELECTION)
        if old_review != self._review:
            self.review_changed.emit(self._review)

    # -- comparison --------------------------------------------------------------------------
    def comparison(self) -> Comparison | None:
        """The comparison of the two sides, or None while it is being made."""
        return self._comparison

    def set_comparison(self, comparison: Comparison | None) -> None:
        """A new comparison of the current sides. After a re-alignment of the same sentences
        (an edit, an undo or redo, the slider) the selection follows its sentences: the group
        now holding the selected group's first sentence, or that sentence if it is unlinked
        now; a comparison of other sentences clears it."""
        if comparison is self._comparison:
            return
        previous, self._comparison = self._comparison, comparison
        old = self._selection
        self._selection = _carried(old, previous, comparison)
        self.comparison_changed.emit(comparison)
        if old != NO_SELECTION or self._selection != NO_SELECTION:
            self.selection_changed.emit(self._selection)

    # -- selection ---------------------------------------------------------------------------
    def selection(self) -> Selection:
        return self._selection

    def set_selection(self, selection: Selection) -> None:
        """Select a group or an unlinked sentence (``NO_SELECTION``: nothing)."""
        self._set_selection(selection)

    def _set_selection(self, selection: Selection) -> None:
        if selection != self._selection:
            self._selection = selection
            self.selection_changed.emit(selection)

    # -- sensitivity -------------------------------------------------------------------------
    def sensitivity(self) -> float:
        return self._sensitivity

    def set_sensitivity(self, value: float) -> None:
        value = min(1.0, max(0.0, float(value)))
        if value != self._sensitivity:
            self._sensitivity = value
            self.sensitivity_changed.emit(value)

    # -- review ------------------------------------------------------------------------------
    def review(self) -> ReviewState:
        """The review state of this pair (empty: nothing reviewed yet)."""
        return self._review

    def set_review(self, state: ReviewState) -> None:
        """Replace the review state: called by the undo stack's commands, not by widgets."""
        if state != self._review:
            self._review = state
            self.review_changed.emit(state)


def _carried(selection: Selection, old: Comparison | None, new: Comparison | None) -> Selection:
    """``selection`` (made in ``old``) in ``new``, by sentence index, when both compare the
    same sentences; else nothing."""
    if selection.empty or old is None or new is None:
        return NO_SELECTION
    if (old.left_sentences, old.right_sentences) != (new.left_sentences, new.right_sentences):
        return NO_SELECTION
    if selection.unlinked is not None:
        side, index = selection.unlinked
    elif 0 <= selection.group < len(old.groups):
        g = old.groups[selection.group]
        side, index = (LEFT, g.left[0]) if g.left else (RIGHT, g.right[0])
    else:
        return NO_SELECTION
    group = new.group_of_left(index) if side == LEFT else new.group_of_right(index)
    return Selection(group=group) if group is not None else Selection(unlinked=(side, index))


__all__ = ["LEFT", "OPENED", "RELOADED", "RIGHT", "SWAPPED", "Session", "Sides"]
