"""The review actions: link, unlink, "no counterpart", marks and notes, as undoable edits.

Every action builds a new ``ReviewState`` with the pure edits of :mod:`viewer.engine.review`
and pushes a :class:`~.commands.ReviewEdit` on the session's undo stack; the session says
``review_changed``. When the manual decisions changed (not only marks), the comparison is
made again with them (:meth:`ComparingController.request`: no embedding, the word diffs of
unchanged groups reused), and the window repaints from the new comparison.

What an action applies to: the sentences picked in the panes (:class:`~.picking.SentencePicker`)
for linking and unlinking; the current target (the selected change, or the finding or change
last activated in the review panel) for marks and notes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QObject, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from ...engine import review as rv
from ...engine.model import Comparison
from ...engine.review import MarkState, ReviewState, Target
from ..navigation import Selection
from ..session import LEFT, RIGHT, Session
from .commands import ReviewEdit, pair_label
from .note_dialog import NoteDialog
from .picking import SentencePicker


def decisions(state: ReviewState | None) -> tuple[object, ...]:
    """What of a review the alignment depends on (marks and notes do not count)."""
    if state is None:
        return ((), frozenset(), frozenset(), frozenset())
    return (state.links, state.forbidden, state.no_counterpart_left, state.no_counterpart_right)


class ReviewActions:
    """The review's actions, created with their shortcuts (the window places them)."""

    def __init__(self, owner: QWidget) -> None:
        tr = owner.tr

        def act(text: str, shortcut: str = "", tip: str = "", checkable: bool = False) -> QAction:
            a = QAction(text, owner)
            if shortcut:
                a.setShortcut(QKeySequence(shortcut))
                a.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            if tip:
                a.setToolTip(tip)
                a.setStatusTip(tip)
            a.setCheckable(checkable)
            return a

        self.link = act(tr("&Link"), "Ctrl+L",
                        tr("Link the sentences picked on the left with those on the right (Ctrl+L); "
                           "Ctrl+click or Shift+click picks more, or drag from one pane to the other"))
        self.unlink = act(tr("&Unlink"), "Ctrl+Shift+L",
                          tr("Remove the picked link: the whole group, or one pair of it (Ctrl+Shift+L)"))
        self.no_counterpart = act(tr("&No Counterpart"), "Ctrl+Shift+N",
                                  tr("Mark the picked sentences as having no counterpart"))
        self.reviewed = act(tr("Mark &Reviewed"), "Ctrl+1", tr("Mark the selected change or finding reviewed"))
        self.flagged = act(tr("Mark &Flagged"), "Ctrl+2", tr("Flag the selected change or finding"))
        self.ignored = act(tr("Mark &Ignored"), "Ctrl+3",
                           tr("Ignore the selected change or finding: it stays visible, muted, and "
                              "leaves the counts"))
        self.clear_mark = act(tr("&Clear Mark"), "Ctrl+0", tr("Remove the mark of the selected change or finding"))
        self.note = act(tr("Edit &Note…"), "Ctrl+E", tr("Write a note on the selected change or finding"))
        self.skip_reviewed = act(tr("&Skip Reviewed and Ignored"), "",
                                 tr("F7/F8 pass over changes and findings marked reviewed or ignored"),
                                 checkable=True)

    def editing(self) -> list[QAction]:
        return [self.link, self.unlink, self.no_counterpart]

    def marking(self) -> list[QAction]:
        return [self.reviewed, self.flagged, self.ignored, self.clear_mark, self.note]


class ReviewController(QObject):
    """Turns gestures and actions into review edits on the session, and re-aligns after them."""

    target_changed = Signal(object)  # Target | None
    note_editor_opened = Signal(object)  # the NoteDialog (tests answer it)

    def __init__(self, session: Session, picker: SentencePicker, actions: ReviewActions,
                 realign: Callable[[], object], status: Callable[[str, int], None],
                 parent: QWidget) -> None:
        super().__init__(parent)
        self.session = session
        self.picker = picker
        self.acts = actions
        self._realign = realign
        self._status = status
        self._window = parent
        self._target: Target | None = None
        self.extra_actions: list[QAction] = []  # the window's, after the review's (Copy)
        actions.link.triggered.connect(self.link_picked)
        actions.unlink.triggered.connect(self.unlink_picked)
        actions.no_counterpart.triggered.connect(self.no_counterpart_picked)
        actions.reviewed.triggered.connect(lambda: self.mark(MarkState.REVIEWED))
        actions.flagged.triggered.connect(lambda: self.mark(MarkState.FLAGGED))
        actions.ignored.triggered.connect(lambda: self.mark(MarkState.IGNORED))
        actions.clear_mark.triggered.connect(lambda: self.mark(None))
        actions.note.triggered.connect(self.edit_note)
        picker.link_dropped.connect(self._on_picker_link_dropped)
        picker.picked_changed.connect(self._update_actions)
        session.selection_changed.connect(self._on_session_selection_changed)
        session.comparison_changed.connect(self._on_session_comparison_changed)
        session.review_changed.connect(self._on_session_review_changed)
        self._update_actions()

    # -- what actions apply to ---------------------------------------------------------------
    def target(self) -> Target | None:
        """What a mark or a note goes on now."""
        return self._target

    def set_target(self, target: Target | None) -> None:
        if target != self._target:
            self._target = target
            self.target_changed.emit(target)
            self._update_actions()

    def _on_session_selection_changed(self, selection: Selection) -> None:
        c = self.session.comparison()
        left, right = _selected_sentences(c, selection)
        self.picker.set_picked(left, right)
        self.set_target(rv.group_target(left, right) if (left or right) else None)

    def _on_session_comparison_changed(self, comparison: Comparison | None) -> None:
        self.picker.set_picked((), ())
        self._update_actions()

    def _on_session_review_changed(self, state: ReviewState) -> None:
        c = self.session.comparison()
        if c is not None and decisions(c.review) != decisions(state):
            self._realign()

    def _update_actions(self) -> None:
        have = self.session.comparison() is not None
        left, right = self.picker.picked()
        self.acts.link.setEnabled(have and bool(left) and bool(right))
        self.acts.unlink.setEnabled(have and bool(self._linked_pairs(left, right)))
        self.acts.no_counterpart.setEnabled(have and bool(left or right))
        for a in self.acts.marking():
            a.setEnabled(have and self._target is not None)

    # -- editing the alignment ---------------------------------------------------------------
    def _push(self, text: str, state: ReviewState) -> None:
        if state != self.session.review():
            self.session.undo_stack.push(ReviewEdit(self.session, text, state))

    def link(self, left: tuple[int, ...], right: tuple[int, ...]) -> None:
        """Link ``left`` with ``right`` by hand."""
        if not left or not right:
            return
        self._push(self.tr("Link %1").replace("%1", pair_label(left, right)),
                   rv.link(self.session.review(), left, right))

    def link_picked(self) -> None:
        self.link(*self.picker.picked())

    def _linked_pairs(self, left: tuple[int, ...], right: tuple[int, ...]) -> list[tuple[int, int]]:
        c = self.session.comparison()
        if c is None:
            return []
        ls, rs = set(left), set(right)
        return [(k.left, k.right) for k in c.links if k.left in ls and k.right in rs]

    def unlink_picked(self) -> None:
        """Unlink the picked sentences' links: a whole group, or one pair of it."""
        pairs = self._linked_pairs(*self.picker.picked())
        if not pairs:
            self._status(self.tr("Pick linked sentences on both sides to unlink them"), 4000)
            return
        state = self.session.review()
        for i, j in pairs:
            state = rv.unlink(state, [i], [j])
        left = sorted({i for i, _ in pairs})
        right = sorted({j for _, j in pairs})
        self._push(self.tr("Unlink %1").replace("%1", pair_label(left, right)), state)

    def no_counterpart_picked(self) -> None:
        left, right = self.picker.picked()
        state = self.session.review()
        for i in left:
            state = rv.set_no_counterpart(state, LEFT, i)
        for j in right:
            state = rv.set_no_counterpart(state, RIGHT, j)
        self._push(self.tr("Mark %1 as Having No Counterpart").replace("%1", pair_label(left, right)),
                   state)

    def _on_picker_link_dropped(self, left: int, right: int) -> None:
        self.link((left,), (right,))

    # -- marks and notes ---------------------------------------------------------------------
    def mark(self, state: MarkState | None, target: Target | None = None) -> None:
        target = target or self._target
        if target is None:
            return
        names = {
            MarkState.REVIEWED: self.tr("Mark %1 Reviewed"),
            MarkState.FLAGGED: self.tr("Flag %1"),
            MarkState.IGNORED: self.tr("Ignore %1"),
            None: self.tr("Clear the Mark on %1"),
        }
        self._push(names[state].replace("%1", _target_label(target)),
                   rv.set_state(self.session.review(), target, state))

    def set_note(self, note: str, target: Target | None = None) -> None:
        target = target or self._target
        if target is None:
            return
        text = self.tr("Note on %1") if note else self.tr("Remove the Note on %1")
        self._push(text.replace("%1", _target_label(target)),
                   rv.set_note(self.session.review(), target, note))

    def edit_note(self, target: Target | None = None) -> None:
        """Open the note editor on ``target`` (the current one by default)."""
        target = target or self._target
        if target is None:
            return
        what = self.tr("Note on %1:").replace("%1", _target_label(target))
        dialog = NoteDialog(what, self.session.review().mark(target).note, self._window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.set_note(dialog.text(), target))
        self.note_editor_opened.emit(dialog)
        dialog.open()

    def context_menu(self, target: Target | None, at: QPoint) -> QMenu:
        """The review part of a context menu (on a pane, a band or a review-panel item)."""
        if target is not None:
            self.set_target(target)
        menu = QMenu(self._window)
        for a in self.acts.editing():
            menu.addAction(a)
        menu.addSeparator()
        for a in self.acts.marking():
            menu.addAction(a)
        if self.extra_actions:
            menu.addSeparator()
            for a in self.extra_actions:
                menu.addAction(a)
        menu.popup(at)
        return menu


def _target_label(t: Target) -> str:
    label = pair_label(t.left, t.right)
    return f"{t.finding.replace('_', ' ')} {label}" if t.finding else label


def _selected_sentences(c: Comparison | None, selection: object) -> tuple[tuple[int, ...], tuple[int, ...]]:
    if c is None:
        return (), ()
    group = getattr(selection, "group", -1)
    unlinked = getattr(selection, "unlinked", None)
    if 0 <= group < len(c.groups):
        g = c.groups[group]
        return g.left, g.right
    if unlinked is not None:
        side, index = unlinked
        return ((index,), ()) if side == LEFT else ((), (index,))
    return (), ()


def with_review(comparison: Comparison, state: ReviewState) -> Comparison:
    """``comparison`` carrying the session's marks and notes (for exports)."""
    return replace(comparison, review=state)
