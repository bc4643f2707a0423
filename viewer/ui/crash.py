"""The crash handler: an unexpected exception is logged and shown, and the app keeps running.

Every uncaught exception (in a slot, a worker thread or at start-up) is written with the
version and platform to a log file under platformdirs' user log dir, and a dialog tells the
user what happened, where the log is and what to report. The dialog is shown on the GUI
thread (a queued signal), at most one at a time.
"""

from __future__ import annotations

import datetime as _dt
import html
import logging
import platform
import sys
import threading
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from .. import __version__
from ..services.atomic import ExportError, write_text_atomic
from ..services.paths import log_dir

LOG_NAME = "article-diff.log"
log = logging.getLogger("article_diff")


def setup_logging() -> Path | None:
    """Log warnings and errors to ``log_dir()/article-diff.log``; None if it cannot be written."""
    try:
        folder = log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / LOG_NAME
        handler = logging.FileHandler(path, encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    return path


def write_crash_report(exc_type: type[BaseException], exc: BaseException,
                       tb: TracebackType | None) -> Path | None:
    """A crash-<time>.log file with the traceback and the environment; None if unwritable."""
    stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    text = "".join(traceback.format_exception(exc_type, exc, tb))
    body = (
        f"Article Diff {__version__} crash report, {_dt.datetime.now().isoformat(timespec='seconds')}\n"
        f"Python {platform.python_version()} on {platform.platform()}\n"
        f"Thread: {threading.current_thread().name}\n\n{text}"
    )
    try:
        folder = log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"crash-{stamp}.log"
        write_text_atomic(path, body)
    except (OSError, ExportError):
        return None
    log.error("unexpected error: %s", text)
    return path


class CrashReporter(QObject):
    """Installs itself as ``sys.excepthook`` and ``threading.excepthook``."""

    crashed = Signal(str, str, str)  # summary, details, log path ("" if none)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.reports: list[Path] = []
        self._showing = False
        self._box: QMessageBox | None = None
        self._previous = (sys.excepthook, threading.excepthook)
        self.crashed.connect(self._on_crashed, Qt.ConnectionType.QueuedConnection)

    def install(self) -> CrashReporter:
        sys.excepthook = self._hook
        threading.excepthook = self._thread_hook
        return self

    def uninstall(self) -> None:
        sys.excepthook, threading.excepthook = self._previous

    def _thread_hook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit:
            return
        self._hook(args.exc_type, args.exc_value or args.exc_type(), args.exc_traceback)

    def _hook(self, exc_type: type[BaseException], exc: BaseException,
              tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            QApplication.quit()
            return
        path = write_crash_report(exc_type, exc, tb)
        if path is not None:
            self.reports.append(path)
        summary = f"{exc_type.__name__}: {exc}"[:500]
        details = "".join(traceback.format_exception(exc_type, exc, tb))[-6000:]
        try:
            self.crashed.emit(summary, details, str(path or ""))
        except RuntimeError:  # the reporter is gone (shutting down): the log is enough
            pass

    @Slot(str, str, str)
    def _on_crashed(self, summary: str, details: str, path: str) -> None:
        if self._showing:
            return
        self._showing = True
        parent = QApplication.activeWindow()
        box = QMessageBox(parent if isinstance(parent, QWidget) else None)
        box.setObjectName("crashDialog")
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(self.tr("Article Diff: unexpected error"))
        box.setTextFormat(Qt.TextFormat.RichText)
        where = (
            self.tr("A report was saved to:<br><code>{path}</code>").format(path=html.escape(path))
            if path
            else self.tr("The report could not be saved (the log folder is not writable).")
        )
        box.setText(
            self.tr("<b>Something went wrong, but Article Diff is still running.</b><br><br>"
                    "{summary}<br><br>{where}<br><br>Please send that file, with a few words on "
                    "what you were doing, to the Article Diff developers. Your articles are not "
                    "included and were not changed.").format(summary=html.escape(summary), where=where)
        )
        box.setDetailedText(details)
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.finished.connect(self._on_box_finished)
        self._box = box  # a dialog without a parent lives only as long as a reference to it
        box.open()

    @Slot(int)
    def _on_box_finished(self, _result: int) -> None:
        self._showing = False
        if self._box is not None:
            self._box.deleteLater()
            self._box = None
