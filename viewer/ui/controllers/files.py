"""Getting documents in: open, recent pairs, drops, paste, swap, reload and the file watcher.

Files are read on the reading thread (:class:`~viewer.ui.reading.DocumentReader`); when both
sides are read, they go into the :class:`~viewer.ui.session.Session` in one step. A side that
cannot be read keeps what it showed (nothing, in an empty window) while the other side is
shown all the same; the message bar says why, with the file's full path.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QEvent, QFileSystemWatcher, QObject, QPoint, Signal
from PySide6.QtGui import QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QMenu, QWidget

from ...services.samples import SampleMissing, sample_pair
from ..dialogs import Level, ask_open_files, dropped_local_files
from ..menus import fill_recent_menu
from ..reading import DocumentReader, FileSource, ReadResult, SideProblem, Source, TextSource
from ..session import LEFT, OPENED, RELOADED, RIGHT, SWAPPED, Session
from . import Host
from .settings import SettingsKeeper


class FilesController(QObject):
    """Opens, pastes, swaps and reloads the session's documents; watches their files.

    ``reading_started(side, name)`` when a side starts being read (the empty window says so);
    ``reading_ended()`` when a read finished, failed or was cancelled; ``side_failed(side,
    name)`` after it, for each side whose file could not be read; ``changed_on_disk(name)``
    when an open file changed (the window offers to reload); ``disk_change_handled()`` when
    that offer is out of date (reloaded, or other documents).
    """

    reading_started = Signal(str, str)
    reading_ended = Signal()
    side_failed = Signal(str, str)
    changed_on_disk = Signal(str)
    disk_change_handled = Signal()

    def __init__(self, session: Session, settings: SettingsKeeper, host: Host,
                 dialog_parent: QWidget) -> None:
        super().__init__(dialog_parent)
        self.session = session
        self.settings = settings
        self.host = host
        self.parent_widget = dialog_parent
        self.reader = DocumentReader(self)
        self.watcher = QFileSystemWatcher(self)
        self.closed = False
        self._reload_id = 0  # the read request of the last File > Reload
        self.reader.finished.connect(self._on_reader_finished)
        self.reader.failed.connect(self._on_reader_failed)
        self.reader.cancelled.connect(self._on_reader_cancelled)
        self.watcher.fileChanged.connect(self._on_watcher_file_changed)
        session.documents_changed.connect(self._on_session_documents_changed)

    # -- opening -----------------------------------------------------------------------------
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
        self.reading_ended.emit()  # the empty window shows what is open, then what is read
        for side, source in ((LEFT, left), (RIGHT, right)):
            if isinstance(source, FileSource):
                self.reading_started.emit(side, Path(source.path).name)
            elif isinstance(source, TextSource):
                self.reading_started.emit(side, source.name)
        return rid

    def open_pair(self, left: str | os.PathLike[str], right: str | os.PathLike[str]) -> int:
        """Read both files and compare them; a file that cannot be read leaves its side as it
        was, and the other is shown all the same. Returns the read request's id: the files are
        read in the background."""
        s = self.session
        return self._open(FileSource(os.fspath(left), keep=s.side(LEFT)),
                          FileSource(os.fspath(right), keep=s.side(RIGHT)))

    def open_side(self, side: str, path: str | os.PathLike[str]) -> int:
        """Replace one side with the file at ``path`` (read in the background)."""
        return self._replace(side, FileSource(os.fspath(path), keep=self.session.side(side)))

    def _replace(self, side: str, source: Source) -> int:
        s = self.session
        return self._open(source if side == LEFT else s.side(LEFT),
                          source if side == RIGHT else s.side(RIGHT))

    def open_sample(self) -> None:
        """Help > Open Sample Pair: the news article and its rewrite shipped with the app."""
        try:
            left, right = sample_pair()
        except SampleMissing as exc:
            self.host.show_message(self.tr("The sample pair cannot be opened: %1. Reinstall "
                                           "Article Diff to get it back.").replace("%1", str(exc)))
            return
        self.open_pair(left, right)

    def paste_side(self, side: str) -> int:
        """Edit > Paste as Left/Right Text: the clipboard's text becomes that side. Returns the
        read request's id, or 0 (and a note) when the clipboard holds no text."""
        text = QApplication.clipboard().text()
        if not text.strip():
            self.host.show_message(self.tr("The clipboard holds no text to paste. Copy the "
                                           "article's text first, then paste it again."),
                                   Level.WARNING)
            return 0
        name = self.tr("pasted original") if side == LEFT else self.tr("pasted rewrite")
        return self._replace(side, TextSource(text, name, keep=self.session.side(side)))

    def swap_sides(self) -> None:
        """File > Swap Sides: the rewrite goes left, the original right."""
        if not self.session.has_any():
            return
        self.reader.cancel_pending()  # what was being read was meant for the old sides
        left, right = self.session.sides()
        self.session.set_sides(right, left, change=SWAPPED)

    def reload(self) -> int:
        """File > Reload: read the open files again; a file that fails keeps its old text.
        Returns the read request's id (0: nothing to reload)."""
        self.disk_change_handled.emit()
        sources: list[Source] = [
            FileSource(side.document.path, keep=side)
            if side is not None and side.document.path else side
            for side in self.session.sides()
        ]
        if not any(isinstance(source, FileSource) for source in sources):
            return 0
        self._reload_id = self._open(sources[0], sources[1])
        return self._reload_id

    def handle_drop(self, paths: Sequence[str], side: str) -> int:
        """Files dropped: one replaces ``side``; two fill both sides, the first on the left.
        Returns the read request's id, or 0 (and a note) for a drop that cannot be used."""
        if not paths:
            self.host.show_message(self.tr("Only files can be dropped here: drop the article's "
                                           "file, or two files to compare them."), Level.WARNING)
            return 0
        if len(paths) > 2:
            self.host.show_message(self.tr("%1 files were dropped. Drop one file to replace one "
                                           "side, or two files (the original first) to compare "
                                           "them.").replace("%1", str(len(paths))), Level.WARNING)
            return 0
        if len(paths) == 2:
            return self.open_pair(paths[0], paths[1])
        return self.open_side(side, paths[0])

    # -- dialogs -----------------------------------------------------------------------------
    def ask_open_pair(self) -> None:
        """File > Open Pair…: the original, then the rewrite (or both at once)."""
        first = ask_open_files(self.parent_widget,
                               self.tr("Open Pair: choose the original (left)"),
                               self.open_folder(), several=True)
        if not first:
            return
        self.settings.remember_folder("open_folder", first[0])
        if len(first) >= 2:
            self.open_pair(first[0], first[1])
            return
        second = ask_open_files(self.parent_widget,
                                self.tr("Open Pair: choose the rewrite (right)"),
                                self.open_folder(), several=False)
        if second:
            self.open_pair(first[0], second[0])

    def ask_open_side(self, side: str) -> None:
        title = (self.tr("Open the original (left)") if side == LEFT
                 else self.tr("Open the rewrite (right)"))
        paths = ask_open_files(self.parent_widget, title, self.open_folder(),
                               several=False)
        if paths:
            self.settings.remember_folder("open_folder", paths[0])
            self.open_side(side, paths[0])

    def open_folder(self) -> str:
        """Where an Open dialog starts: the folder of the open files (the left one first),
        else the folder last opened from, else the home folder."""
        for path in self.session.file_paths():
            folder = Path(path).parent
            if folder.is_dir():
                return str(folder)
        return self.settings.folder("open_folder")

    def fill_recent_menu(self, menu: QMenu) -> None:
        """File > Open Recent, as it is about to show."""
        fill_recent_menu(menu, self.settings.value.recent_pairs, self.open_pair,
                         self.clear_recent)

    def clear_recent(self) -> None:
        self.settings.update(recent_pairs=())
        self.settings.save()

    # -- results -----------------------------------------------------------------------------
    def _on_reader_finished(self, rid: int, result: ReadResult) -> None:
        if self.closed:
            return
        left, right = self.session.sides()
        if result.left is not left or result.right is not right:
            self.session.set_sides(result.left, result.right,
                                   change=RELOADED if rid == self._reload_id else OPENED)
        else:
            self.reading_ended.emit()
        if result.problems:  # after the sides: a new side would clear an error shown before
            self.host.show_message("\n\n".join(self._problem_text(p) for p in result.problems))
        for problem in result.problems:
            self.side_failed.emit(problem.side, problem.name)

    def _problem_text(self, problem: SideProblem) -> str:
        if problem.kept:
            which = (self.tr("The original (left) keeps the text it showed.")
                     if problem.side == LEFT
                     else self.tr("The rewrite (right) keeps the text it showed."))
        else:
            which = (self.tr("The original (left) was not opened.") if problem.side == LEFT
                     else self.tr("The rewrite (right) was not opened."))
        text = f"{which} {problem.message}"
        if problem.path:
            text += "\n" + self.tr("File: %1").replace("%1", problem.path)
        return text

    def _on_reader_failed(self, rid: int, message: str) -> None:
        self.reading_ended.emit()
        self.host.show_message(message)

    def _on_reader_cancelled(self, rid: int) -> None:
        self.reading_ended.emit()
        self.host.show_status(self.tr("Opening cancelled"), 4000)

    def _on_session_documents_changed(self) -> None:
        self.disk_change_handled.emit()
        self._watch_files()
        left, right = self.session.documents()
        if left is not None and right is not None and left.path and right.path:
            self.settings.remember_pair(left.path, right.path)

    # -- watching ----------------------------------------------------------------------------
    def _watch_files(self) -> None:
        watched = self.watcher.files()
        if watched:
            self.watcher.removePaths(watched)
        for path in self.session.file_paths():
            if os.path.isfile(path):
                self.watcher.addPath(path)

    def _on_watcher_file_changed(self, path: str) -> None:
        if os.path.isfile(path) and path not in self.watcher.files():
            self.watcher.addPath(path)  # editors that save by replacing drop the watch
        self.changed_on_disk.emit(Path(path).name)

    def shutdown(self) -> None:
        """The window closes: stop reading (waits for the reading thread)."""
        self.closed = True
        self.reader.shutdown()


class FileDrops(QObject):
    """Files dropped on ``window`` (an event filter): two fill both sides, one replaces the
    side of the pane under it (``panes``: left, right), else the half of the window."""

    def __init__(self, files: FilesController, window: QWidget,
                 panes: tuple[QWidget, QWidget]) -> None:
        super().__init__(window)
        self.files = files
        self.window = window
        self.panes = panes
        window.setAcceptDrops(True)
        window.installEventFilter(self)

    def side_at(self, pos: QPoint) -> str:
        """Which side a drop at ``pos`` (window coordinates) is for."""
        for side, pane in zip((LEFT, RIGHT), self.panes):
            if pane.isVisible() and pane.rect().contains(pane.mapFrom(self.window, pos)):
                return side
        return LEFT if pos.x() < self.window.width() / 2 else RIGHT

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if watched is not self.window or kind not in (
                QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop):
            return False
        assert isinstance(event, QDragMoveEvent | QDropEvent)
        mime = event.mimeData()
        if not mime.hasUrls():
            event.ignore()
            return True
        event.acceptProposedAction()
        side = self.side_at(event.position().toPoint())
        if kind == QEvent.Type.DragMove:
            if len(mime.urls()) == 2:
                hint = self.tr("Drop to compare the two files (the first is the original)")
            elif side == LEFT:
                hint = self.tr("Drop to replace the original (left)")
            else:
                hint = self.tr("Drop to replace the rewrite (right)")
            self.files.host.show_status(hint, 1500)
        elif kind == QEvent.Type.Drop:
            self.files.handle_drop(dropped_local_files(mime.urls()), side)
        return True


__all__ = ["FileDrops", "FilesController"]
