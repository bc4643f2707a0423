"""The main window: the comparison view in the centre, the side panel docked beside it.

The window shows a :class:`~viewer.ui.session.Session` (documents, comparison, selection,
sensitivity, review state) and repaints when it changes. Controllers do the work behind the
menus: :class:`~viewer.ui.controllers.files.FilesController` gets documents in (read on a
thread of their own), :class:`~viewer.ui.controllers.comparing.ComparingController` compares
them in the background, :class:`~viewer.ui.controllers.export.ExportController` writes and
prints, :class:`~viewer.ui.controllers.theme.ThemeController` colours. The window opens and
paints before the model loads: texts are shown as soon as they are read. Problems (a file that
cannot be read, an export that fails, damaged settings) appear in an inline message bar;
whatever was on screen stays there.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QIcon, QResizeEvent
from PySide6.QtWidgets import QMainWindow, QVBoxLayout, QWidget

from ..engine.embed import Embedder
from ..engine.model import Comparison, Document
from ..services.palette import Palette
from ..services.settings import LoadedSettings, Settings
from . import actions as ui_actions
from .comparison_view import ComparisonView
from .controllers.comparing import ComparingController, default_embedder_factory
from .controllers.export import ExportController
from .controllers.files import FileDrops, FilesController
from .controllers.going import GoController
from .controllers.settings import SettingsKeeper
from .controllers.theme import ThemeController
from .controllers.zoom import ZoomController
from .dialogs import EmptyState, FindBar, Level, MessageBar
from .jobs import settle_garbage
from .menus import build_menus, build_toolbar, fit_toolbar
from .navigation import Selection, Skip
from .page_stack import PageStack
from .panel_dock import panel_dock
from .reading import SplitDocument
from .session import LEFT, RELOADED, RIGHT, SWAPPED, Session
from .side_panel import SidePanel
from .status import ModelStatus, ProgressIndicator, SelectionStatus

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

ICON = Path(__file__).resolve().parent.parent / "resources" / "icons" / "article-diff.svg"


class MainWindow(QMainWindow):
    """Article Diff's window. ``comparison_ready`` fires once a new comparison is on screen."""

    comparison_ready = Signal(object)  # Comparison
    documents_changed = Signal()
    message_shown = Signal(str)

    def __init__(self, loaded: LoadedSettings, *,
                 embedder_factory: Callable[[], Embedder] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.prefs = SettingsKeeper(loaded, self)
        self.session = Session(self, sensitivity=loaded.settings.sensitivity)
        factory = embedder_factory or default_embedder_factory(loaded.settings.model_folder)
        self.comparing = ComparingController(self.session, factory, self, self)
        self.comparing.model_choice = loaded.settings.model_choice
        self.files = FilesController(self.session, self.prefs, self, self)
        self.exporter = ExportController(self.session, self.prefs, self, self)
        self.runner = self.comparing.runner  # the jobs, as tests and the About dialog see them
        self.reader = self.files.reader
        self.debounce = self.comparing.debounce
        self.watcher = self.files.watcher
        self._closed = False
        self.setObjectName("mainWindow")
        self.setMinimumSize(720, 480)
        if ICON.is_file():
            self.setWindowIcon(QIcon(str(ICON)))
        self._build()
        self.theme = ThemeController(self.prefs, self.acts, self)
        self.zoom = ZoomController(self.view, self.prefs, self.acts, self)
        self.going = GoController(self.view, self.findings, self.find_bar, self.acts,
                                  self.show_status, self)
        self.drops = FileDrops(self.files, self, (self.view.left_pane, self.view.right_pane))
        self._connect()
        from .review.wiring import ReviewUi  # links by hand, marks, notes, review files

        self.review = ReviewUi(self)
        self.review.controller.extra_actions.append(self.acts.copy_change)
        from .ignore_menu import IgnoreMenu  # View > Ignore Differences

        self.ignore_menu = IgnoreMenu(self)
        self.session.undo_stack.cleanChanged.connect(self._on_undo_stack_clean_changed)
        self._restore(loaded)
        self._update_title()
        self._update_actions()

    # -- building ----------------------------------------------------------------------------
    def _build(self) -> None:
        self.side_panel = SidePanel(self)
        self.panel_dock = panel_dock(self, self.side_panel)  # movable, closable, floatable
        self.acts = ui_actions.build_actions(self, self.panel_dock.toggleViewAction())
        self.recent_menu = build_menus(self, self.acts)
        self.toolbar = build_toolbar(self, self.acts)
        self.message_bar = MessageBar(self)
        self.model_bar = MessageBar(self)
        self.reload_bar = MessageBar(self)
        self.empty_state = EmptyState(self)
        self.view = ComparisonView(self)
        self.sensitivity_control = self.side_panel.sensitivity_control
        self.slider = self.sensitivity_control.slider
        self.slider_value = self.sensitivity_control.value_label
        self.summary = self.side_panel.summary
        self.findings = self.side_panel.findings
        self.stack = PageStack(self)
        self.stack.addWidget(self.empty_state)
        self.stack.addWidget(self.view)
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
        # Panes and text views accept text drops themselves; files are the window's business.
        for child in self.view.findChildren(QWidget):
            child.setAcceptDrops(False)
        self.view.setAcceptDrops(False)

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.selection_status = SelectionStatus(bar)
        self.indicator = ProgressIndicator(self.runner, self.reader, bar)
        self.progress = self.indicator.progress
        self.cancel_button = self.indicator.cancel_button
        self.model_status = ModelStatus(bar, self.model_bar, self)
        self.model_label = self.model_status.label

    def _connect(self) -> None:
        a, files, exporter = self.acts, self.files, self.exporter
        a.open_pair.triggered.connect(files.ask_open_pair)
        a.open_left.triggered.connect(partial(files.ask_open_side, LEFT))
        a.open_right.triggered.connect(partial(files.ask_open_side, RIGHT))
        a.reload.triggered.connect(files.reload)
        a.swap.triggered.connect(files.swap_sides)
        a.export_pdf.triggered.connect(partial(exporter.ask_export, "pdf"))
        a.export_html.triggered.connect(partial(exporter.ask_export, "html"))
        a.export_json.triggered.connect(partial(exporter.ask_export, "json"))
        a.print_.triggered.connect(exporter.ask_print)
        a.changes_only.toggled.connect(self._on_changes_only_toggled)
        a.quit.triggered.connect(self.close)
        a.paste_left.triggered.connect(partial(files.paste_side, LEFT))
        a.paste_right.triggered.connect(partial(files.paste_side, RIGHT))
        a.copy_change.triggered.connect(self.copy_change)
        a.sync_scrolling.toggled.connect(self._on_sync_scrolling_toggled)
        a.theme_system.triggered.connect(partial(self.theme.set_theme, "system"))
        a.theme_light.triggered.connect(partial(self.theme.set_theme, "light"))
        a.theme_dark.triggered.connect(partial(self.theme.set_theme, "dark"))
        for choice, action in (("auto", a.model_auto), ("english", a.model_english),
                               ("multilingual", a.model_multilingual)):
            action.setChecked(choice == self.comparing.model_choice)
            action.triggered.connect(partial(self._on_model_choice_triggered, choice))
        a.cancel.triggered.connect(self.cancel_comparison)
        a.open_sample.triggered.connect(files.open_sample)
        a.about.triggered.connect(self._on_about_triggered)
        self.recent_menu.aboutToShow.connect(self._on_recent_menu_about_to_show)
        self.empty_state.open_pair_requested.connect(files.ask_open_pair)
        self.empty_state.open_sample_requested.connect(files.open_sample)
        self.empty_state.open_left_requested.connect(partial(files.ask_open_side, LEFT))
        self.empty_state.open_right_requested.connect(partial(files.ask_open_side, RIGHT))
        self.view.link_map.width_chosen.connect(self._on_link_map_width_chosen)
        self.view.selection_changed.connect(self._on_view_selection_changed)
        self.sensitivity_control.changed.connect(self._on_sensitivity_control_changed)
        files.reading_started.connect(self.empty_state.show_reading)
        files.reading_ended.connect(self._show_empty_state_sides)
        files.side_failed.connect(self._on_files_side_failed)
        files.changed_on_disk.connect(self._on_files_changed_on_disk)
        files.disk_change_handled.connect(self.reload_bar.hide)
        self.prefs.save_failed.connect(self._on_prefs_save_failed)
        self.theme.palette_changed.connect(self._on_theme_palette_changed)
        self.session.documents_changed.connect(self._on_session_documents_changed)
        self.session.comparison_changed.connect(self._on_session_comparison_changed)
        self.session.selection_changed.connect(self._on_session_selection_changed)
        self.runner.model_ready.connect(self.model_status.show_model)
        self.runner.model_progressed.connect(self.model_status.show_progress)
        self.runner.busy_changed.connect(self._on_worker_busy_changed)
        self.reader.busy_changed.connect(self._on_worker_busy_changed)

    def _restore(self, loaded: LoadedSettings) -> None:
        s = loaded.settings
        self.panel_dock.restore(s.window_geometry, s.window_state)
        self.panel_dock.set_held(True)  # until there are documents to show beside it
        self.sensitivity_control.set_value(s.sensitivity)
        ui_actions.set_checked_silently(self.acts.sync_scrolling, s.sync_scrolling)
        self.view.set_sync_scrolling(s.sync_scrolling)
        ui_actions.set_checked_silently(self.acts.changes_only, s.export_changes_only)
        if s.link_map_width:
            self.view.link_map.set_map_width(s.link_map_width)
        self.theme.set_theme(s.theme)
        if loaded.problem is not None:
            self.show_message(self.prefs.problem_text(), Level.WARNING, detail=loaded.detail)

    # -- public state ------------------------------------------------------------------------
    def settings(self) -> Settings:
        """The settings as they are now (geometry, side panel and toolbar included)."""
        self._capture_layout()
        return self.prefs.value

    def comparison(self) -> Comparison | None:
        """The comparison on screen, if any."""
        return self.session.comparison()

    def documents(self) -> tuple[Document | None, Document | None]:
        return self.session.documents()

    @property
    def _sides(self) -> tuple[SplitDocument | None, SplitDocument | None]:
        return self.session.sides()

    def sensitivity(self) -> float:
        return self.session.sensitivity()

    def current_palette(self) -> Palette:
        return self.theme.current_palette()

    def show_message(self, text: str, level: Level = Level.ERROR, *, action: str = "",
                     callback: Callable[[], None] | None = None, detail: str = "") -> None:
        """Show ``text`` in the inline message bar at the top of the window."""
        self.message_bar.show_message(text, level, action=action, callback=callback,
                                      detail=detail)
        self.message_shown.emit(text)

    def show_status(self, text: str, timeout_ms: int) -> None:
        """A passing note in the status bar."""
        self.statusBar().showMessage(text, timeout_ms)

    # -- the controllers' work, by its old names (menus, tests and scripts call these) --------
    def open_paths(self, paths: Sequence[str]) -> None:
        self.files.open_paths(paths)

    def open_pair(self, left: str | os.PathLike[str], right: str | os.PathLike[str]) -> int:
        return self.files.open_pair(left, right)

    def open_side(self, side: str, path: str | os.PathLike[str]) -> int:
        return self.files.open_side(side, path)

    def open_sample(self) -> None:
        self.files.open_sample()

    def paste_side(self, side: str) -> int:
        return self.files.paste_side(side)

    def swap_sides(self) -> None:
        self.files.swap_sides()

    def reload(self) -> int:
        return self.files.reload()

    def handle_drop(self, paths: Sequence[str], side: str) -> int:
        return self.files.handle_drop(paths, side)

    def ask_open_pair(self) -> None:
        self.files.ask_open_pair()

    def ask_open_side(self, side: str) -> None:
        self.files.ask_open_side(side)

    def ask_export(self, fmt: str) -> None:
        self.exporter.ask_export(fmt)

    def export_to(self, fmt: str, path: str) -> int:
        """Export in the background; see :meth:`ExportController.export_to`."""
        return self.exporter.export_to(fmt, path)

    def ask_print(self) -> None:
        self.exporter.ask_print()

    def print_to(self, printer: QPrinter, *, changes_only: bool | None = None) -> int:
        """Print in the background; see :meth:`ExportController.print_to`."""
        return self.exporter.print_to(printer, changes_only=changes_only)

    def set_theme(self, theme: str) -> None:
        self.theme.set_theme(theme)

    def start_model_loading(self) -> None:
        """Load the model in the background now, so the first comparison need not wait."""
        self.runner.load_model()

    def cancel_comparison(self) -> None:
        """Cancel (Esc, the status bar's button): stop reading and aligning; what is on
        screen stays."""
        self.reader.cancel()
        self.comparing.cancel()

    # -- the session, shown ------------------------------------------------------------------
    def _on_session_documents_changed(self) -> None:
        left, right = self.session.sides()
        if self.message_bar.level() == Level.ERROR.value:
            self.message_bar.hide()  # the error was about what is now replaced
        self._update_title()
        self._show_empty_state_sides()
        change = self.session.documents_change
        if left is not None and right is not None and change == RELOADED and \
                self.view.comparison() is not None and self.stack.currentWidget() is self.view:
            pass  # F5: the old comparison stays on screen until the new one is ready
        elif left is not None and right is not None:
            self.findings.set_comparison(None)
            self.summary.set_comparison(None)
            self.view.set_documents(left.document, right.document, left.sentences,
                                    right.sentences,
                                    place="swap" if change == SWAPPED else "top")
            self.stack.setCurrentWidget(self.view)
            self.panel_dock.set_held(False)
        else:
            self.stack.setCurrentWidget(self.empty_state)
            self.panel_dock.set_held(True)
        self._update_actions()
        self.documents_changed.emit()

    def _on_session_comparison_changed(self, comparison: Comparison | None) -> None:
        if comparison is None or self._closed:
            return
        self.view.set_comparison(comparison)
        self._show_selection_status()
        settle_garbage()
        self.findings.set_comparison(comparison)
        self.summary.set_comparison(comparison)
        self.model_status.show_model(comparison.model)
        self._update_actions()
        self.comparison_ready.emit(comparison)

    def _on_session_selection_changed(self, selection: Selection) -> None:
        if selection != self.view.selection():
            self.view.set_selection(selection, scroll=True)
        self._show_selection_status()

    def _show_selection_status(self) -> None:
        selection = self.session.selection()
        self.selection_status.show_selection(self.session.comparison(), self.view.reading_order(),
                                             selection)
        if not selection.empty:
            self.statusBar().clearMessage()  # a passing note must not hide what is selected

    def _on_view_selection_changed(self) -> None:
        self.session.set_selection(self.view.selection())

    def _show_empty_state_sides(self) -> None:
        left, right = self.session.documents()
        self.empty_state.set_sides(left.display_name if left else "",
                                   right.display_name if right else "")

    def _on_files_side_failed(self, side: str, name: str) -> None:
        if self.session.side(side) is None:
            self.empty_state.show_failed(side, name)

    def _on_files_changed_on_disk(self, name: str) -> None:
        self.reload_bar.show_message(
            self.tr("“%1” changed on disk.").replace("%1", name), Level.INFO,
            action=self.tr("Reload"), callback=self._on_reload_bar_action)

    def _on_reload_bar_action(self) -> None:
        self.files.reload()

    def _on_prefs_save_failed(self, reason: str) -> None:
        self.show_message(self.tr("Your settings could not be saved: %1").replace("%1", reason),
                          Level.WARNING)

    def _on_worker_busy_changed(self, busy: bool) -> None:
        self.acts.cancel.setEnabled(self.runner.is_busy() or self.reader.is_busy())

    def _on_model_choice_triggered(self, choice: str) -> None:
        self.prefs.update(model_choice=choice)
        self.comparing.set_model_choice(choice)

    def _on_sensitivity_control_changed(self, value: float) -> None:
        self.prefs.update(sensitivity=value)
        self.session.set_sensitivity(value)

    def copy_change(self) -> str:
        """Edit > Copy Change as Text: the selected change onto the clipboard; the text."""
        from PySide6.QtWidgets import QApplication

        from .copying import change_as_text

        text = change_as_text(self.session.comparison(), self.session.selection())
        if text:
            QApplication.clipboard().setText(text)
            self.show_status(self.tr("Change copied as text"), 3000)
        else:
            self.show_status(self.tr("Select a change first (click a sentence or press F7)"),
                             4000)
        return text

    # -- navigation (GoController) -------------------------------------------------------------
    def next_change(self, skip: Skip | None = None) -> bool:
        """Go > Next Change (F7); see :meth:`GoController.next_change`."""
        return self.going.next_change(skip)

    def previous_change(self, skip: Skip | None = None) -> bool:
        """Go > Previous Change (Shift+F7); see :meth:`GoController.previous_change`."""
        return self.going.previous_change(skip)

    # -- view options ------------------------------------------------------------------------
    def _on_changes_only_toggled(self, on: bool) -> None:
        self.prefs.update(export_changes_only=on)

    def _on_link_map_width_chosen(self, width: int) -> None:
        self.prefs.update(link_map_width=width)

    def _on_sync_scrolling_toggled(self, on: bool) -> None:
        self.prefs.update(sync_scrolling=on)
        self.view.set_sync_scrolling(on)

    def _on_theme_palette_changed(self, pal: Palette) -> None:
        self.setStyleSheet(ui_actions.stylesheet(pal))
        self.view.set_palette(pal)
        self.findings.set_palette(pal)
        self.summary.set_palette(pal)

    def _on_recent_menu_about_to_show(self) -> None:
        self.files.fill_recent_menu(self.recent_menu)

    def _on_about_triggered(self) -> None:
        from .about import AboutDialog  # Help > About (packaging): version, model, licences

        embedder = self.runner.embedder  # None while the model loads; the dialog then updates
        self.about_dialog = AboutDialog(self, embedder.info if embedder is not None else None)
        self.about_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.runner.model_ready.connect(self.about_dialog.set_model_info)
        self.about_dialog.open()

    # -- window ------------------------------------------------------------------------------
    def _update_title(self) -> None:
        left, right = self.session.documents()
        if left is None and right is None:
            self.setWindowTitle(self.tr("Article Diff"))
            return
        # "*" in front while the review has unsaved changes (its undo stack is not clean).
        dirty = "*" if not self.session.undo_stack.isClean() else ""
        self.setWindowTitle(dirty + self.tr("Article Diff — %1 ↔ %2")
                            .replace("%1", left.display_name if left else "…")
                            .replace("%2", right.display_name if right else "…"))

    def _on_undo_stack_clean_changed(self, clean: bool) -> None:
        self._update_title()

    def _update_actions(self) -> None:
        have = self.session.comparison() is not None
        for act in self.acts.comparison_only():
            act.setEnabled(have)
        self.acts.swap.setEnabled(self.session.has_any())
        self.acts.reload.setEnabled(bool(self.session.file_paths()))
        self.acts.find.setEnabled(self.session.has_pair())
        self.slider.setEnabled(True)

    def _capture_layout(self) -> None:
        geometry, state = self.panel_dock.saved_layout()
        self.prefs.update(window_geometry=geometry, window_state=state)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        fit_toolbar(self.toolbar, event.size().width())
        self.panel_dock.window_resized(event.oldSize().width(), event.size().width())

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._closed and not self.review.files.close_ok():
            event.ignore()  # unsaved review work, and the editor chose Cancel
            return
        if not self._closed:
            self.review.files.shutdown()
            self._closed = True
            self.comparing.debounce.stop()
            self._capture_layout()
            self.hide()  # feels closed at once, even while the workers finish their step
            self.files.shutdown()
            self.comparing.shutdown()
            self.exporter.shutdown()
            self.prefs.save()
        event.accept()
