"""Exports and the printable report, written off the GUI thread.

A PDF of a long comparison takes seconds to lay out; on the GUI thread the window would freeze
under a wait cursor. :class:`ExportRunner` runs each request as a job on a thread of its own
(not the comparison's: an export never waits for the model), in the order asked. Every request
gets an increasing id and reports ``finished`` or ``failed`` back on the GUI thread. A newer
request for the same file supersedes an older one still waiting: the newest wins, and the file
is written once. The writers write atomically, so closing the
window waits for a running job rather than leaving half a file.
"""

from __future__ import annotations

import traceback
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from ..engine.model import Comparison
from .workers import CancellableJob, SingleThreadWorker

PRINT = "print"
"""The pseudo-format of a print request: the job lays the report out as the PDF export does,
into a temporary file (``ExportResult.pdf``) that the GUI thread puts on the printer."""


@dataclass(frozen=True)
class ExportRequest:
    """Write ``comparison`` as ``fmt`` to ``target`` (for ``PRINT``: the printer's name)."""

    id: int
    comparison: Comparison
    fmt: str
    target: str
    page_size: str | None = None
    changes_only: bool = False
    landscape: bool = False


@dataclass(frozen=True)
class ExportResult:
    """What a finished job hands back: the request, and for ``PRINT`` the report laid out in a
    temporary PDF file (``pdf``, in a folder of its own the receiver removes) of ``pages``
    pages."""

    request: ExportRequest
    pdf: str = ""
    pages: int = 0


class _ExportSignals(QObject):
    finished = Signal(int, object)  # request id, ExportResult
    failed = Signal(int, object, bool, str)  # request id, ExportRequest, unavailable, message
    cancelled = Signal(int)


class _ExportJob(CancellableJob):
    def __init__(self, request: ExportRequest, signals: _ExportSignals) -> None:
        super().__init__()
        self.request = request
        self._signals = signals

    def run(self) -> None:
        req = self.request
        if self.cancel_flag.is_set():
            self._signals.cancelled.emit(req.id)
            return
        # Imported here, on the export thread: the writers pull in ReportLab and the report.
        from ..services.atomic import ExportError
        from ..services.export_formats import ExportUnavailable, export

        try:
            if req.fmt == PRINT:
                result = _print_report(req)
            else:
                export(req.comparison, req.fmt, req.target, page_size=req.page_size,
                       changes_only=req.changes_only)
                result = ExportResult(req)
        except ExportUnavailable:
            self._signals.failed.emit(req.id, req, True, "")
        except ExportError as exc:
            self._signals.failed.emit(req.id, req, False, str(exc))
        except Exception as exc:  # noqa: BLE001 - a bug or odd input: say so, keep the window
            traceback.print_exc()
            self._signals.failed.emit(req.id, req, False, f"{type(exc).__name__}: {exc}")
        else:
            self._signals.finished.emit(req.id, result)


def _print_report(req: ExportRequest) -> ExportResult:
    """The report of a print request, laid out by the PDF export's renderer into a temporary
    file; ``ExportUnavailable`` without the PDF writer or PDFium."""
    import shutil
    import tempfile
    from pathlib import Path

    from ..services.export_formats import ExportUnavailable

    try:
        from .printing import render_report
    except ImportError as exc:
        raise ExportUnavailable("pdf") from exc
    folder = Path(tempfile.mkdtemp(prefix="article-diff-print-"))
    pdf = folder / "report.pdf"
    try:
        pages = render_report(req.comparison, pdf, page_size=req.page_size or "a4",
                              landscape=req.landscape, changes_only=req.changes_only)
    except ImportError as exc:  # PDFium or ReportLab missing from this installation
        shutil.rmtree(folder, ignore_errors=True)
        raise ExportUnavailable("pdf") from exc
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return ExportResult(req, str(pdf), pages)


class ExportRunner(SingleThreadWorker):
    """Runs export and print requests one after another on a thread of their own.

    ``started(id, request)`` when a request is taken; ``finished(id, result)``,
    ``failed(id, request, unavailable, message)`` (``unavailable``: the format's writer is not
    installed) or ``cancelled(id)`` when it is done. ``busy_changed`` while any is pending.
    """

    started = Signal(int, object)
    finished = Signal(int, object)
    failed = Signal(int, object, bool, str)
    cancelled = Signal(int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._signals = _ExportSignals(self)
        self._signals.finished.connect(self._on_job_finished)
        self._signals.failed.connect(self._on_job_failed)
        self._signals.cancelled.connect(self._on_job_cancelled)
        self._last_id = 0

    @property
    def latest_id(self) -> int:
        return self._last_id

    def request(self, comparison: Comparison, fmt: str, target: str, *,
                page_size: str | None = None, changes_only: bool = False,
                landscape: bool = False) -> int:
        """Write ``comparison`` in the background; returns the request id (0 after shutdown).
        A request still waiting for the same ``target`` is superseded."""
        if self._shut_down:
            return 0
        for job in self._jobs.values():
            if (isinstance(job, _ExportJob) and fmt != PRINT
                    and job.request.target == target):
                job.cancel_flag.set()  # not started yet: it will say so and write nothing
        self._last_id += 1
        req = ExportRequest(self._last_id, comparison, fmt, target, page_size, changes_only,
                            landscape)
        self._set_busy(True)
        self.started.emit(req.id, req)
        self._start_job(req.id, _ExportJob(req, self._signals))
        return req.id

    def _done(self, rid: int) -> bool:
        """Forget job ``rid``; True if its result is still wanted (not shut down)."""
        self._jobs.pop(rid, None)
        return not self._shut_down

    def _settle(self) -> None:
        # After the result's signal: whoever waits for "not busy" has the result already.
        if not self._jobs:
            self._set_busy(False)

    def _on_job_finished(self, rid: int, result: ExportResult) -> None:
        if self._done(rid):
            self.finished.emit(rid, result)
        self._settle()

    def _on_job_failed(self, rid: int, request: ExportRequest, unavailable: bool,
                       message: str) -> None:
        if self._done(rid):
            self.failed.emit(rid, request, unavailable, message)
        self._settle()

    def _on_job_cancelled(self, rid: int) -> None:
        if self._done(rid):
            self.cancelled.emit(rid)
        self._settle()

    def _stop(self) -> None:
        # Waiting requests are dropped; the one being written finishes (atomically).
        self._cancel_jobs()


__all__ = ["PRINT", "ExportRequest", "ExportResult", "ExportRunner"]
