"""The review panel: how far the review has got, and every change and finding with its mark.

Progress reads "14 of 41 changes reviewed, 2 flagged" (ignored ones are out of the count);
the list can be filtered (all, unreviewed, flagged, with notes). Ignored items stay in the
list, muted. Clicking an item emits ``target_activated``; the context menu is the window's
(``context_requested``).
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...engine.model import Comparison
from ...engine.review import (
    MarkState,
    ReviewState,
    Target,
    change_targets,
    finding_target,
    review_progress,
)
from ...services.kind_text import LABELS
from ...services.palette import FINDING_LABELS, TRANSLATION_LABELS
from ..fitted_label import FittedLabel
from ..tooltips import plain_tooltip
from .commands import pair_label

_TARGET_ROLE = Qt.ItemDataRole.UserRole + 1
FILTERS = ("all", "unreviewed", "flagged", "notes")
_STATE_GLYPH = {None: "○", MarkState.REVIEWED: "✓", MarkState.FLAGGED: "⚑", MarkState.IGNORED: "–"}


class _List(QListWidget):
    """A list that asks for little height: the side panel's scroll area sizes its content
    to the preferred heights, and the findings list above should keep the room it had."""

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), 24)


class ReviewPanel(QWidget):
    """Progress, a filter and the list of changes and findings with their marks."""

    target_activated = Signal(object)  # Target
    context_requested = Signal(object, QPoint)  # Target, global position

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reviewPanel")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        title = QLabel(self.tr("Review"), self)
        title.setObjectName("panelTitle")
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        head = QHBoxLayout()
        head.addWidget(title)
        head.addStretch(1)
        layout.addLayout(head)
        self.progress = FittedLabel(self)
        self.progress.setObjectName("reviewProgress")
        # No word wrap: a wrapping label gives the side panel a height-for-width, and its
        # scroll area would then size it to its preferred height (scrolling a tall window).
        # A narrow panel breaks the lines after their commas instead (FittedLabel).
        layout.addWidget(self.progress)
        self.filter = QComboBox(self)
        self.filter.setObjectName("reviewFilter")
        for key, label in zip(
            FILTERS,
            (self.tr("All"), self.tr("Unreviewed"), self.tr("Flagged"), self.tr("With notes")),
        ):
            self.filter.addItem(label, key)
        self.filter.setToolTip(self.tr("Which changes and findings the list shows"))
        self.filter.currentIndexChanged.connect(self._on_filter_current_index_changed)
        head.addWidget(self.filter)
        self.list = _List(self)
        self.list.setObjectName("reviewList")
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setWordWrap(True)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.itemClicked.connect(self._on_list_item_clicked)
        self.list.itemActivated.connect(self._on_list_item_clicked)
        self.list.customContextMenuRequested.connect(self._on_list_context_menu_requested)
        layout.addWidget(self.list, 1)
        self._comparison: Comparison | None = None
        self._state = ReviewState()
        self.show_data(None, ReviewState())

    # -- data ------------------------------------------------------------------------------
    def show_data(self, comparison: Comparison | None, state: ReviewState) -> None:
        """Show ``comparison``'s changes and findings with their marks in ``state``."""
        self._comparison, self._state = comparison, state
        if comparison is None:
            self.progress.setText(self.tr("The review starts once both versions are compared."))
        else:
            p = review_progress(comparison, state)
            text = self.tr("%1 of %2 changes reviewed, %3 flagged").replace("%1", str(p.reviewed)).replace(
                "%2", str(p.changes)).replace("%3", str(p.flagged))
            if p.ignored:
                text += "\n" + self.tr("(%1 ignored)").replace("%1", str(p.ignored))
            text += "\n" + self.tr("%1 of %2 findings reviewed, %3 flagged").replace(
                "%1", str(p.findings_reviewed)).replace("%2", str(p.findings)).replace(
                "%3", str(p.findings_flagged))
            self.progress.setText(text)
        self._fill()

    def set_filter(self, key: str) -> None:
        self.filter.setCurrentIndex(FILTERS.index(key))

    def targets(self) -> list[Target]:
        """The targets the list shows now, in order."""
        return [self.list.item(n).data(_TARGET_ROLE) for n in range(self.list.count())]

    def _items(self) -> list[tuple[Target, str]]:
        c = self._comparison
        if c is None:
            return []
        out: list[tuple[Target, str]] = []
        kinds = {}
        for g in c.groups:
            # between two languages a group is named by how faithful it is ("translated")
            name = TRANSLATION_LABELS[g.translation] if g.translation else LABELS[g.kind]
            kinds[(g.left, g.right)] = self.tr(name).lower()
        for t in change_targets(c):
            kind = kinds.get((t.left, t.right)) or (self.tr("omitted") if t.left else self.tr("added"))
            manual = c.group_of_left(t.left[0]) if t.left else None
            by_hand = manual is not None and c.groups[manual].manual
            label = f"{pair_label(t.left, t.right)}  {kind}"
            if by_hand:
                label += "  " + self.tr("(linked by hand)")
            out.append((t, label))
        for f in c.findings:
            t = finding_target(f)
            name = self.tr(FINDING_LABELS.get(f.kind, f.kind.value))
            out.append((t, f"⚑ {name}  {pair_label(t.left, t.right)}: {f.detail}"))
        return out

    def _fill(self) -> None:
        key = self.filter.currentData()
        self.list.clear()
        muted = QBrush(self.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text))
        for target, label in self._items():
            mark = self._state.mark(target)
            if key == "unreviewed" and mark.state is not None:
                continue
            if key == "flagged" and mark.state is not MarkState.FLAGGED:
                continue
            if key == "notes" and not mark.note:
                continue
            text = f"{_STATE_GLYPH[mark.state]} {label}"
            if mark.note:
                first = mark.note.splitlines()[0] if mark.note.strip() else ""
                text += "\n    ✎ " + (first if len(first) <= 80 else first[:79] + "…")
            item = QListWidgetItem(text)
            item.setData(_TARGET_ROLE, target)
            item.setToolTip(plain_tooltip(mark.note))
            if mark.state is MarkState.IGNORED:
                item.setForeground(muted)
            self.list.addItem(item)

    # -- slots -----------------------------------------------------------------------------
    def _on_filter_current_index_changed(self, index: int) -> None:
        self._fill()

    def _on_list_item_clicked(self, item: QListWidgetItem) -> None:
        self.target_activated.emit(item.data(_TARGET_ROLE))

    def _on_list_context_menu_requested(self, pos: QPoint) -> None:
        item = self.list.itemAt(pos)
        if item is not None:
            self.list.setCurrentItem(item)
            self.context_requested.emit(item.data(_TARGET_ROLE), self.list.viewport().mapToGlobal(pos))
