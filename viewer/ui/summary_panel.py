"""The summary: how many sentences were kept, reworded, moved, omitted and added, and how
much of the original survives and how much of the rewrite is new.

Every row pairs the kind's colour with its marker glyph and label, so colour is never the only
signal. Figures come from ``Comparison.summary``; nothing here counts on its own.
"""

from __future__ import annotations

from typing import Optional

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from ..engine.model import ChangeKind, Comparison, Summary
from ..services.palette import LABELS, LIGHT, MARKERS, Palette

_ROWS = (
    ChangeKind.IDENTICAL,
    ChangeKind.MINOR,
    ChangeKind.REWORDED,
    ChangeKind.MOVED,
    ChangeKind.OMITTED,
    ChangeKind.ADDED,
)


def _percent(share: float) -> str:
    return f"{round(100 * share)}%"


def count_for(summary: Summary, kind: ChangeKind) -> int:
    """The summary's sentence count for ``kind`` (left sentences for linked kinds)."""
    return {
        ChangeKind.IDENTICAL: summary.identical,
        ChangeKind.MINOR: summary.minor_edit,
        ChangeKind.REWORDED: summary.reworded,
        ChangeKind.MOVED: summary.moved,
        ChangeKind.OMITTED: summary.omitted,
        ChangeKind.ADDED: summary.added,
    }[kind]


class SummaryPanel(QWidget):
    """Counts by change kind and the kept / new shares of a comparison."""

    def __init__(self, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self._palette: Palette = LIGHT
        self._summary: Optional[Summary] = None
        self.title = QLabel(self.tr("Summary"), self)
        self.title.setObjectName("panelTitle")
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(3)
        self._swatches: dict[ChangeKind, QLabel] = {}
        self.counts: dict[ChangeKind, QLabel] = {}
        for row, kind in enumerate(_ROWS):
            swatch = QLabel(MARKERS[kind], self)
            swatch.setAlignment(Qt.AlignmentFlag.AlignCenter)
            swatch.setFixedSize(22, 20)
            name = QLabel(self.tr(LABELS[kind]), self)
            count = QLabel("–", self)
            count.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            count.setObjectName(f"count_{kind.value}")
            grid.addWidget(swatch, row, 0)
            grid.addWidget(name, row, 1)
            grid.addWidget(count, row, 2)
            self._swatches[kind] = swatch
            self.counts[kind] = count
        grid.setColumnStretch(1, 1)
        self.kept = QLabel(self)
        self.kept.setObjectName("keptShare")
        self.kept.setWordWrap(True)
        self.new = QLabel(self)
        self.new.setObjectName("newShare")
        self.new.setWordWrap(True)
        self.sentences = QLabel(self)
        self.sentences.setObjectName("panelHint")
        self.sentences.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.title)
        layout.addLayout(grid)
        layout.addWidget(self.kept)
        layout.addWidget(self.new)
        layout.addWidget(self.sentences)
        self.set_palette(LIGHT)
        self.set_comparison(None)

    def set_palette(self, palette: Palette) -> None:
        """Colour the swatches with ``palette``'s tints and bands."""
        self._palette = palette
        for kind, swatch in self._swatches.items():
            style = palette.style(kind)
            swatch.setStyleSheet(
                f"background:{style.tint}; border:1px solid {style.band}; border-radius:3px;"
                f"color:{palette.text}; font-weight:bold;"
            )

    def summary(self) -> Optional[Summary]:
        return self._summary

    def set_comparison(self, comparison: Optional[Comparison]) -> None:
        """Show ``comparison``'s figures (None: dashes and a hint)."""
        self._summary = summary = comparison.summary if comparison is not None else None
        if summary is None:
            for label in self.counts.values():
                label.setText("–")
            self.kept.setText(self.tr("Original kept: –"))
            self.new.setText(self.tr("Rewrite new: –"))
            self.sentences.setText(self.tr("Figures appear once both versions are compared."))
            return
        for kind, label in self.counts.items():
            label.setText(str(count_for(summary, kind)))
        self.kept.setText(self.tr("Original kept: <b>%1</b> of its text survives")
                          .replace("%1", _percent(summary.kept_share)))
        self.new.setText(self.tr("Rewrite new: <b>%1</b> of its text is new")
                         .replace("%1", _percent(summary.new_share)))
        self.sentences.setText(
            self.tr("%1 sentences in the original, %2 in the rewrite. Linked kinds count "
                    "sentences of the original; added counts the rewrite's.")
            .replace("%1", str(summary.left_sentences))
            .replace("%2", str(summary.right_sentences))
        )
