"""Go and Find: the next or previous change (F7, Shift+F7) and finding (F8, Shift+F8), a
finding clicked in the side panel, and Edit > Find with its bar under the panes.

The steps are the comparison view's (:meth:`~viewer.ui.comparison_view.ComparisonView.
step_change`); this controller connects the actions to them and says in the status bar when
there is nothing further to go to.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject

from ...engine.model import Finding
from ..actions import WindowActions
from ..comparison_view import ComparisonView
from ..dialogs import FindBar
from ..findings_panel import FindingsPanel
from ..navigation import Skip
from ..session import LEFT, RIGHT


class GoController(QObject):
    """Moves the selection from change to change and finding to finding, and finds text."""

    def __init__(self, view: ComparisonView, findings: FindingsPanel, find_bar: FindBar,
                 acts: WindowActions, show_status: Callable[[str, int], None],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self.find_bar = find_bar
        self._show_status = show_status
        acts.next_change.triggered.connect(self._on_next_change_triggered)
        acts.previous_change.triggered.connect(self._on_previous_change_triggered)
        acts.next_finding.triggered.connect(findings.select_next)
        acts.previous_finding.triggered.connect(findings.select_previous)
        acts.find.triggered.connect(find_bar.open_bar)
        findings.finding_activated.connect(self._on_findings_finding_activated)
        find_bar.find_requested.connect(self._on_find_bar_find_requested)
        find_bar.closed.connect(view.clear_search)

    def next_change(self, skip: Skip | None = None) -> bool:
        """The next change from the selection if it is in view, else from the view; False
        (and a note) when there is none after it. ``skip``: entries to pass over."""
        moved = self.view.step_change(+1, skip) is not None
        if not moved:
            self._show_status(self.tr("No more changes after this one"), 3000)
        return moved

    def previous_change(self, skip: Skip | None = None) -> bool:
        """The previous change; see :meth:`next_change`."""
        moved = self.view.step_change(-1, skip) is not None
        if not moved:
            self._show_status(self.tr("No changes before this one"), 3000)
        return moved

    # The actions' ``triggered(checked)`` must not reach ``skip``.
    def _on_next_change_triggered(self) -> None:
        self.next_change()

    def _on_previous_change_triggered(self) -> None:
        self.previous_change()

    def _on_findings_finding_activated(self, finding: Finding) -> None:
        if finding.left >= 0:
            self.view.select_sentence(LEFT, finding.left)
        elif finding.right >= 0:
            self.view.select_sentence(RIGHT, finding.right)

    def _on_find_bar_find_requested(self, text: str, backwards: bool) -> None:
        result = self.view.search(text, backwards=backwards)
        self.find_bar.show_count(result.index, result.count, result.wrapped, backwards)


__all__ = ["GoController"]
