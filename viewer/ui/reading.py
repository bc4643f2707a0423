"""Reading articles off the GUI thread: files (or pasted text) in, split documents out.

A 3 MB file takes about two seconds to read and split into sentences, which on the GUI thread
would freeze the window. :class:`DocumentReader` does it on a thread of its own (not the
comparison worker's: reading must not wait for the model to load), reports progress per
paragraph, can be cancelled between paragraphs, and lets the newest request win, as
:class:`~viewer.ui.jobs.ComparisonRunner` does for comparisons. The readers and the splitter
are imported on that thread, so the window can show before them.
"""

from __future__ import annotations

import time
import traceback
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from ..engine.model import Document, Sentence
from ..engine.progress import Cancelled, check_cancel
from .workers import CancellableJob, SingleThreadWorker

_PROGRESS_INTERVAL = 0.05  # seconds between progress signals, so the GUI queue never floods


@dataclass(frozen=True)
class SplitDocument:
    """A document as read, with its sentences (what a pane shows before the comparison)."""

    document: Document
    sentences: tuple[Sentence, ...]


@dataclass(frozen=True)
class FileSource:
    """A file to read; ``keep``: what the side showed, kept if the file fails (Reload)."""

    path: str
    keep: SplitDocument | None = None


@dataclass(frozen=True)
class TextSource:
    """Text pasted from the clipboard, named ``name``; ``keep`` as for :class:`FileSource`."""

    text: str
    name: str
    keep: SplitDocument | None = None


Source = FileSource | TextSource | SplitDocument | None
"""One side of a request: something to read, a side read before, or nothing."""


@dataclass(frozen=True)
class SideProblem:
    """A side that could not be read: ``side`` ("left" or "right"), the file's full ``path``
    (empty for pasted text), its ``name``, the reader's ``message`` (which names the file) and
    whether the side ``kept`` a text it showed before."""

    side: str
    path: str
    name: str
    message: str
    kept: bool = False


@dataclass(frozen=True)
class ReadResult:
    """Both sides as they are now. A side that could not be read keeps what it showed (its
    source's ``keep``, None for a side that showed nothing) and has a ``problems`` entry; the
    other side is read and shown all the same."""

    left: SplitDocument | None
    right: SplitDocument | None
    problems: tuple[SideProblem, ...] = ()


class _ReadSignals(QObject):
    """Signals emitted from the reading thread; connected (queued) to the reader."""

    progressed = Signal(int, str, int, int)  # request id, file name, paragraphs done, total
    finished = Signal(int, object)  # request id, ReadResult
    failed = Signal(int, str)
    cancelled = Signal(int)


class _ReadJob(CancellableJob):
    def __init__(self, rid: int, left: Source, right: Source, split: str,
                 signals: _ReadSignals) -> None:
        super().__init__()
        self.rid = rid
        self._sources = (left, right)
        self._split = split
        self._signals = signals
        self._name = ""
        self._last_progress = 0.0

    def run(self) -> None:
        try:
            problems: list[SideProblem] = []
            left = self._side("left", self._sources[0], problems)
            right = self._side("right", self._sources[1], problems)
        except Cancelled:
            self._signals.cancelled.emit(self.rid)
        except Exception as exc:  # noqa: BLE001 - a bug or odd input: say so, keep the window
            traceback.print_exc()
            self._signals.failed.emit(self.rid, f"{type(exc).__name__}: {exc}")
        else:
            self._signals.finished.emit(self.rid, ReadResult(left, right, tuple(problems)))

    def _side(self, side: str, source: Source,
              problems: list[SideProblem]) -> SplitDocument | None:
        if source is None or isinstance(source, SplitDocument):
            return source
        check_cancel(self.cancel_flag.is_set)
        if isinstance(source, FileSource):
            self._name = source.path.replace("\\", "/").rsplit("/", 1)[-1]
        else:
            self._name = source.name
        self._report(0, 0)
        # Imported here, on the reading thread: the readers (trafilatura, pypdf, docx) and
        # the sentence splitter need not be loaded before the window shows.
        from ..services.documents import DocumentError, document_from_text, read_document
        from ..services.workflow import split_document

        try:
            if isinstance(source, FileSource):
                document = read_document(source.path)
            else:
                document = document_from_text(source.text, name=source.name)
            sentences = split_document(document, self._split, progress=self._progress,
                                       cancel=self.cancel_flag.is_set)  # may be too many
        except DocumentError as exc:
            # One bad side does not throw the other away: it keeps what it showed.
            path = exc.path or (source.path if isinstance(source, FileSource) else "")
            problems.append(SideProblem(side, path, self._name, exc.message,
                                        source.keep is not None))
            return source.keep
        return SplitDocument(document, sentences)

    def _progress(self, phase: str, done: int, total: int) -> None:
        self._report(done, total)

    def _report(self, done: int, total: int) -> None:
        now = time.monotonic()
        if 0 < done < total and now - self._last_progress < _PROGRESS_INTERVAL:
            return
        self._last_progress = now
        self._signals.progressed.emit(self.rid, self._name, done, total)


class DocumentReader(SingleThreadWorker):
    """Reads request after request on one thread of its own; the newest request wins.

    ``started(id)`` when a request is made; ``progressed(id, name, done, total)`` while a file
    (``name``) is read (``total`` 0) and split (paragraphs ``done`` of ``total``); then one of
    ``finished(id, ReadResult)`` (a file that cannot be read is a problem in the result: its
    side keeps what it showed), ``failed(id, message)`` (an unexpected error: nothing changes)
    or ``cancelled(id)``, for the newest request only. ``cancel()`` takes effect at
    once for the window (``cancelled`` is emitted, a late result is dropped); the thread stops
    at its next look at the flag, between paragraphs.
    """

    started = Signal(int)
    progressed = Signal(int, str, int, int)
    finished = Signal(int, object)  # request id, ReadResult
    failed = Signal(int, str)
    cancelled = Signal(int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._signals = _ReadSignals(self)
        self._signals.progressed.connect(self._on_job_progressed)
        self._signals.finished.connect(self._on_job_finished)
        self._signals.failed.connect(self._on_job_failed)
        self._signals.cancelled.connect(self._on_job_cancelled)
        self._last_id = 0

    @property
    def latest_id(self) -> int:
        """The id of the newest request (0 before any)."""
        return self._last_id

    def request(self, left: Source, right: Source, *, split: str = "auto") -> int:
        """Read and split both sides; cancels any older request. Returns the request id."""
        if self._shut_down:
            return 0
        self.cancel_pending()
        self._last_id += 1
        self._set_busy(True)
        self.started.emit(self._last_id)
        self._start_job(self._last_id, _ReadJob(self._last_id, left, right, split,
                                                self._signals))
        return self._last_id

    def cancel_pending(self) -> None:
        """Stop every request quietly (a newer one, or a document set another way, won)."""
        self._stop()

    def cancel(self) -> None:
        """The user's Cancel: stop reading; ``cancelled`` for the newest request, now."""
        busy = self._busy
        self.cancel_pending()
        if busy:
            self.cancelled.emit(self._last_id)

    def _current(self, rid: int) -> bool:
        """Forget job ``rid``; True if its result is still wanted."""
        job = self._jobs.pop(rid, None)
        wanted = (rid == self._last_id and job is not None and not job.cancel_flag.is_set()
                  and not self._shut_down)
        if wanted:
            self._set_busy(False)
        return wanted

    def _on_job_progressed(self, rid: int, name: str, done: int, total: int) -> None:
        job = self._jobs.get(rid)
        if rid == self._last_id and job is not None and not job.cancel_flag.is_set():
            self.progressed.emit(rid, name, done, total)

    def _on_job_finished(self, rid: int, result: ReadResult) -> None:
        if self._current(rid):
            self.finished.emit(rid, result)

    def _on_job_failed(self, rid: int, message: str) -> None:
        if self._current(rid):
            self.failed.emit(rid, message)

    def _on_job_cancelled(self, rid: int) -> None:
        self._current(rid)  # cancelled: the window was told when Cancel was pressed
