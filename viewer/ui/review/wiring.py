"""The review in the window: actions in the menus, toolbar and context menus, the review panel
in the side panel, undo and redo, saving and opening reviews, the title's unsaved mark,
F7/F8 skipping reviewed items, and the recovery offer after a crash.

The window creates one :class:`ReviewUi` after its own widgets; everything here observes the
window's :class:`~viewer.ui.session.Session`.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPoint, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from ...engine.model import Comparison, Finding
from ...engine.review import MarkState, ReviewState, Target, finding_target, group_target
from ..navigation import Selection
from ..session import LEFT, RIGHT
from .controller import ReviewActions, ReviewController
from .files import ReviewFiles
from .picking import SentencePicker
from .review_panel import ReviewPanel

if TYPE_CHECKING:
    from ..main_window import MainWindow

_SKIPPED = (MarkState.REVIEWED, MarkState.IGNORED)


class ReviewUi(QObject):
    """Everything the review adds to a window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        session = self.session = window.session
        tr = window.tr
        self.acts = ReviewActions(window)
        self.undo = session.undo_stack.createUndoAction(window, tr("&Undo"))
        self.undo.setShortcut(QKeySequence("Ctrl+Z"))
        self.redo = session.undo_stack.createRedoAction(window, tr("&Redo"))
        self.redo.setShortcut(QKeySequence("Ctrl+Shift+Z"))
        self.save = QAction(tr("&Save Review"), window)
        self.save.setShortcut(QKeySequence("Ctrl+S"))
        self.save.setStatusTip(tr("Save the review (links, marks, notes) with both texts"))
        self.save_as = QAction(tr("Save Review &As…"), window)
        self.open_review = QAction(tr("Open Re&view…"), window)
        self.open_review.setStatusTip(tr("Open a saved review (.adiff)"))
        view = window.view
        self.picker = SentencePicker(view.left_pane, view.right_pane, window)
        self.controller = ReviewController(session, self.picker, self.acts, window.comparing.request,
                                           window.show_status, window)
        self.files = ReviewFiles(session, window.prefs, window, window.show_message,
                                 window.comparing.request, self._set_sensitivity)
        self.panel = ReviewPanel(window.side_panel.widget())
        layout = window.side_panel.widget().layout()
        layout.addWidget(self.panel, 1)
        self._last_finding: Finding | None = None
        self._menus()
        self._connect()
        self.acts.skip_reviewed.setChecked(window.prefs.value.skip_reviewed)
        self._refresh()
        QTimer.singleShot(0, self.files.offer_recovery)

    def _set_sensitivity(self, value: float) -> None:
        self.window.sensitivity_control.set_value(value)
        self.session.set_sensitivity(value)

    # -- menus ----------------------------------------------------------------------------------
    def _menus(self) -> None:
        w, tr = self.window, self.window.tr
        bar = w.menuBar()
        menus = {m.title().replace("&", ""): m for m in bar.findChildren(QMenu) if m.parent() is bar}
        file = menus.get("File")
        if file is not None:
            first = file.actions()[0] if file.actions() else None
            file.insertAction(first, self.open_review)
            self.recent_reviews = QMenu(tr("Recent Re&views"), file)
            self.recent_reviews.setObjectName("recentReviewsMenu")
            self.recent_reviews.aboutToShow.connect(self._fill_recent)
            file.insertMenu(first, self.recent_reviews)
            file.insertAction(first, self.save)
            file.insertAction(first, self.save_as)
            file.insertSeparator(first)
        edit = menus.get("Edit")
        if edit is not None:
            first = edit.actions()[0] if edit.actions() else None
            edit.insertAction(first, self.undo)
            edit.insertAction(first, self.redo)
            edit.insertSeparator(first)
        review = QMenu(tr("&Review"), w)
        review.setObjectName("reviewMenu")
        for a in self.acts.editing():
            review.addAction(a)
        review.addSeparator()
        for a in self.acts.marking():
            review.addAction(a)
        review.addSeparator()
        review.addAction(self.acts.skip_reviewed)
        go = menus.get("Go")
        bar.insertMenu(go.menuAction() if go is not None else None, review)
        self.review_menu = review
        tb = w.toolbar
        tb.addSeparator()
        tb.addAction(self.acts.link)
        tb.addAction(self.acts.unlink)
        tb.addAction(self.acts.flagged)
        for pane in (w.view.left_pane, w.view.right_pane):
            pane.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            pane.customContextMenuRequested.connect(partial(self._on_pane_context_menu, pane))

    def _fill_recent(self) -> None:
        menu = self.recent_reviews
        menu.clear()
        paths = self.window.prefs.value.recent_reviews
        if not paths:
            menu.addAction(self.window.tr("No recent reviews")).setEnabled(False)
        for path in paths:
            act = menu.addAction(path.replace("\\", "/").rsplit("/", 1)[-1])
            act.setStatusTip(path)
            act.triggered.connect(partial(self.files.open_review, path))

    def _on_pane_context_menu(self, pane: QWidget, pos: QPoint) -> None:
        self.controller.context_menu(None, pane.mapToGlobal(pos))

    # -- wiring ---------------------------------------------------------------------------------
    def _connect(self) -> None:
        w, s = self.window, self.session
        self.save.triggered.connect(self.files.save)
        self.save_as.triggered.connect(self.files.ask_save_as)
        self.open_review.triggered.connect(self.files.ask_open)
        self.files.saved.connect(lambda path: w.show_status(w.tr("Review saved: %1").replace("%1", path), 6000))
        s.comparison_changed.connect(self._on_session_comparison_changed)
        s.review_changed.connect(self._on_session_review_changed)
        self.panel.target_activated.connect(self._on_panel_target_activated)
        self.panel.context_requested.connect(self.controller.context_menu)
        self.acts.skip_reviewed.toggled.connect(lambda on: w.prefs.update(skip_reviewed=on))
        w.findings.finding_activated.connect(self._on_findings_finding_activated)
        a = w.acts
        a.next_change.triggered.disconnect()
        a.previous_change.triggered.disconnect()
        a.next_finding.triggered.disconnect()
        a.previous_finding.triggered.disconnect()
        a.next_change.triggered.connect(partial(self.step_change, True))
        a.previous_change.triggered.connect(partial(self.step_change, False))
        a.next_finding.triggered.connect(partial(self.step_finding, True))
        a.previous_finding.triggered.connect(partial(self.step_finding, False))

    def _refresh(self) -> None:
        c, state = self.session.comparison(), self.session.review()
        self.panel.show_data(c, state)
        self._mute(c, state)
        have = self.session.comparison() is not None
        self.save.setEnabled(have)
        self.save_as.setEnabled(have)

    def _mute(self, c: Comparison | None, state: ReviewState) -> None:
        """Ignored changes stay in the panes and the link map, and ignored findings in the
        findings panel, muted."""
        groups: list[int] = []
        unlinked: list[tuple[str, int]] = []
        if c is not None:
            ignored = {t for t, m in state.marks if m.state is MarkState.IGNORED and not t.is_finding}
            groups = [g for g, grp in enumerate(c.groups) if Target(grp.left, grp.right) in ignored]
            unlinked = [(LEFT, t.left[0]) for t in ignored if t.left and not t.right]
            unlinked += [(RIGHT, t.right[0]) for t in ignored if t.right and not t.left]
        self.window.view.set_muted(groups, unlinked)
        findings = c.findings if c is not None else ()
        self.window.findings.set_ignored(
            f for f in findings if state.mark(finding_target(f)).state is MarkState.IGNORED
        )

    def _on_session_comparison_changed(self, comparison: Comparison | None) -> None:
        self._refresh()

    def _on_session_review_changed(self, state: ReviewState) -> None:
        self._refresh()

    def _on_findings_finding_activated(self, finding: Finding) -> None:
        self._last_finding = finding
        self.controller.set_target(finding_target(finding))

    def _on_panel_target_activated(self, target: Target) -> None:
        c = self.session.comparison()
        if c is None:
            return
        if target.is_finding:
            side, index = (LEFT, target.left[0]) if target.left else (RIGHT, target.right[0])
            self.window.view.select_sentence(side, index)
        elif target.left and target.right:
            g = c.group_of_left(target.left[0])
            if g is not None:
                self.session.set_selection(Selection(group=g))
        elif target.left:
            self.session.set_selection(Selection(unlinked=(LEFT, target.left[0])))
        else:
            self.session.set_selection(Selection(unlinked=(RIGHT, target.right[0])))
        self.controller.set_target(target)

    # -- navigation that skips reviewed work ------------------------------------------------------
    def step_change(self, forward: bool) -> bool:
        """F7 / Shift+F7; with Review > Skip Reviewed and Ignored, past those marked so (a
        passage of unlinked sentences stops at its first one not marked so)."""
        w = self.window
        move = w.next_change if forward else w.previous_change
        return move(self._marked_done if self.acts.skip_reviewed.isChecked() else None)

    def _marked_done(self, entry: tuple[str, int]) -> bool:
        """Whether a reading-order entry is marked reviewed or ignored."""
        c = self.session.comparison()
        if c is None:
            return False
        kind, index = entry
        if kind == "group":
            target = group_target(c.groups[index].left, c.groups[index].right)
        else:
            target = group_target((index,), ()) if kind == LEFT else group_target((), (index,))
        return self.session.review().mark(target).state in _SKIPPED

    def step_finding(self, forward: bool) -> None:
        """F8 / Shift+F8, skipping reviewed and ignored findings when asked."""
        findings = self.window.findings
        step = findings.select_next if forward else findings.select_previous
        c = self.session.comparison()
        for _ in range(len(c.findings) if c else 1):
            step()
            f = self._last_finding
            if (not self.acts.skip_reviewed.isChecked() or f is None
                    or self.session.review().mark(finding_target(f)).state not in _SKIPPED):
                return
