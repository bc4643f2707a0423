"""The upper side panel: the sensitivity control, and the summary of how many sentences were
kept, reworded, moved, omitted and added, how much of the original has a counterpart and how
much of the rewrite is new.

Every row pairs the kind's colour with its marker glyph and label, so colour is never the only
signal. Figures come from ``Comparison.summary``; nothing here counts on its own.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QSlider, QVBoxLayout, QWidget

from ..engine.classify import KindSettings
from ..engine.model import ChangeKind, Comparison, Summary, percent
from ..services.palette import LABELS, LIGHT, MARKERS, Palette

_ROWS = (
    ChangeKind.IDENTICAL,
    ChangeKind.MINOR,
    ChangeKind.REWORDED,
    ChangeKind.MOVED,
    ChangeKind.OMITTED,
    ChangeKind.ADDED,
)


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

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._palette: Palette = LIGHT
        self._summary: Summary | None = None
        self.title = QLabel(self.tr("Summary"), self)
        self.title.setObjectName("panelTitle")
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(3)
        self._swatches: dict[ChangeKind, QLabel] = {}
        self.counts: dict[ChangeKind, QLabel] = {}
        self.names: dict[ChangeKind, QLabel] = {}
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
            self.names[kind] = name
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

    def summary(self) -> Summary | None:
        return self._summary

    def set_comparison(self, comparison: Comparison | None) -> None:
        """Show ``comparison``'s figures (None: dashes and a hint)."""
        self._summary = summary = comparison.summary if comparison is not None else None
        translation = comparison is not None and comparison.cross_language
        # Between two languages a faithful translation is coloured as a minor edit, a
        # shortened or changed one as reworded (viewer.engine.translation): say so.
        self.names[ChangeKind.MINOR].setText(
            self.tr("Translated") if translation else self.tr(LABELS[ChangeKind.MINOR]))
        self.names[ChangeKind.REWORDED].setText(
            self.tr("Shortened or changed") if translation
            else self.tr(LABELS[ChangeKind.REWORDED]))
        other = self.tr("translation") if translation else self.tr("rewrite")
        if summary is None:
            for label in self.counts.values():
                label.setText("–")
            self.kept.setText(self.tr("Original with a counterpart: –"))
            self.new.setText(self.tr("New in the rewrite: –"))
            self.sentences.setText(self.tr("Figures appear once both versions are compared."))
            return
        for kind, label in self.counts.items():
            label.setText(str(count_for(summary, kind)))
        self.kept.setText(self.tr("<b>%1</b> of the original has a counterpart in the %2")
                          .replace("%1", percent(summary.kept_share)).replace("%2", other))
        self.new.setText(self.tr("<b>%1</b> of the %2 is new (no counterpart in the original)")
                         .replace("%1", percent(summary.new_share)).replace("%2", other))
        self.kept.setToolTip(self.tr("Share of the original's text (by characters) in sentences "
                                     "linked to the %1, whether kept, edited or reworded.")
                             .replace("%1", other))
        self.new.setToolTip(self.tr("Share of the %1's text (by characters) in added "
                                    "sentences.").replace("%1", other))
        self.sentences.setText(
            self.tr("%1 sentences in the original, %2 in the %3. Linked kinds count "
                    "sentences of the original; added counts the %3's.")
            .replace("%1", str(summary.left_sentences))
            .replace("%2", str(summary.right_sentences))
            .replace("%3", other)
        )


class SensitivityControl(QWidget):
    """A 0..1 slider with its value, its two ends named, and a one-line explanation.

    ``changed(value)`` fires on every move; the window debounces it before re-aligning.
    """

    changed = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel(self.tr("Sensitivity"), self)
        title.setObjectName("panelTitle")
        self.slider = QSlider(Qt.Orientation.Horizontal, self)
        self.slider.setObjectName("sensitivitySlider")
        self.slider.setRange(0, 100)
        self.slider.setSingleStep(5)
        self.slider.setPageStep(10)
        self.slider.setTickInterval(25)
        self.slider.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.slider.setAccessibleName(self.tr("Sensitivity"))
        self.value_label = QLabel(self)
        self.value_label.setMinimumWidth(34)
        self.value_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        looser = QLabel(self.tr("Looser"), self)
        looser.setObjectName("panelHint")
        stricter = QLabel(self.tr("Stricter"), self)
        stricter.setObjectName("panelHint")
        # The ends are named under the slider, the value beside the title: the slider keeps
        # the panel's whole width however narrow the panel is.
        head = QHBoxLayout()
        head.addWidget(title)
        head.addStretch(1)
        head.addWidget(self.value_label)
        ends = QHBoxLayout()
        ends.addWidget(looser)
        ends.addStretch(1)
        ends.addWidget(stricter)
        self.explain = QLabel(self)
        self.explain.setObjectName("panelHint")
        self.explain.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(head)
        layout.addWidget(self.slider)
        layout.addLayout(ends)
        layout.addSpacing(4)
        layout.addWidget(self.explain)
        self.slider.valueChanged.connect(self._on_slider_value_changed)
        self.set_value(0.5)

    def value(self) -> float:
        return self.slider.value() / 100.0

    def set_value(self, value: float) -> None:
        """Move the slider to ``value`` (0..1) without emitting ``changed``."""
        blocked = self.slider.blockSignals(True)
        self.slider.setValue(round(min(1.0, max(0.0, value)) * 100))
        self.slider.blockSignals(blocked)
        self._show_value()

    def _show_value(self) -> None:
        self.value_label.setText(f"{self.value():.2f}")
        # The line under the slider says what is linked; the minor-edit limit is in its
        # tooltip and the slider's, so that a normal window shows the whole side panel.
        full = self.describe(self.value())
        self.explain.setText(full.split(". ", 1)[0].rstrip(".") + ".")
        self.explain.setToolTip(full)
        self.slider.setToolTip(full)

    def describe(self, value: float) -> str:
        """What ``value`` does, in the words of what the editor will see: which sentences are
        linked, and how many changed words still count as a minor edit (from the engine's
        own thresholds, so the words follow the slider over the whole range)."""
        if value < 0.2:
            links = self.tr("Links even loose paraphrases that keep only the gist.")
        elif value < 0.45:
            links = self.tr("Links paraphrases, looser ones included.")
        elif value <= 0.6:
            links = self.tr("Links sentences that say the same thing in other words.")
        elif value < 0.85:
            links = self.tr("Links only close rewrites; looser paraphrases show as omitted "
                            "and added.")
        else:
            links = self.tr("Links only sentences kept nearly word for word; rewrites show as "
                            "omitted and added.")
        words = KindSettings().scaled(value).minor_max_changed_words
        if words == 0:
            minor = self.tr("Every changed word makes a sentence reworded.")
        else:
            minor = self.tr("One changed word counts as a minor edit.") if words == 1 else (
                self.tr("Up to %1 changed words count as a minor edit.").replace("%1", str(words)))
        return f"{links} {minor}"

    def _on_slider_value_changed(self, position: int) -> None:
        self._show_value()
        self.changed.emit(position / 100.0)
