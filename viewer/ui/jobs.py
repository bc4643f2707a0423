"""Background work for the window: load the model once, then compare off the GUI thread.

One job object per long operation, run on a private ``QThreadPool`` of one thread; the jobs'
signals live on a separate ``QObject`` in the GUI thread, so results arrive there as queued
signals. Every comparison request gets an increasing id: a newer request cancels the older one
through its cancel flag, and a result that is not the newest is dropped.

The pool has a single thread on purpose: the model is loaded before any comparison starts, and
two comparisons never share the embedder (and its cache) at the same time.
"""

from __future__ import annotations

import gc
import inspect
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QRunnable, Signal

from ..engine.embed import CachedEmbedder, Embedder, LexicalEmbedder
from ..engine.model import Comparison, Document, IgnoreOptions, Sentence
from ..engine.progress import Cancelled
from ..engine.review import ReviewState
from .workers import CancellableJob, SingleThreadWorker

EmbedderFactory = Callable[[], Embedder]
"""Builds the embedder (slow: may import PyTorch); called once, in the background. A factory
with a ``progress`` keyword is given one, and the runner passes on what it hears
(``model_progressed``)."""


def takes_progress(factory: Callable[..., object]) -> bool:
    """Whether ``factory`` accepts a ``progress`` keyword argument."""
    try:
        return "progress" in inspect.signature(factory).parameters
    except (TypeError, ValueError):  # a builtin or a C function: no signature to read
        return False

_PROGRESS_INTERVAL = 0.05  # seconds between progress signals, so the GUI queue never floods


class _JobSignals(QObject):
    """Signals emitted from the worker thread; connected (queued) to the runner."""

    model_loaded = Signal(object)  # the embedder
    model_failed = Signal(str)
    model_progressed = Signal(str, int, int)  # phase, done, total
    finished = Signal(int, object)  # request id, Comparison
    failed = Signal(int, str)
    cancelled = Signal(int)
    progressed = Signal(int, str, int, int)  # request id, phase, done, total


@dataclass(frozen=True)
class CompareRequest:
    """What to compare and how; ``id`` increases with every request."""

    id: int
    left: Document
    right: Document
    sensitivity: float
    split: str = "auto"
    left_sentences: tuple[Sentence, ...] | None = None
    """``left`` already split with ``split`` (by the reading thread), or None to split it."""
    right_sentences: tuple[Sentence, ...] | None = None
    model_choice: str = "auto"
    review: ReviewState | None = None
    """The editor's decisions the aligner keeps (and the marks the exports show)."""
    previous: Comparison | None = None
    """An earlier comparison of the same texts: its embeddings and word diffs are reused."""
    ignore: IgnoreOptions | None = None
    """Differences that do not count as changes (None: ``previous``'s, else the defaults)."""
    """Which sentence model: "auto" (multilingual for a pair that is not all English),
    "english" or "multilingual"."""


class _ModelJob(QRunnable):
    def __init__(self, factory: EmbedderFactory, signals: _JobSignals) -> None:
        super().__init__()
        self._factory = factory
        self._signals = signals

    def _progress(self, phase: str, done: int, total: int) -> None:
        self._signals.model_progressed.emit(phase, done, total)

    def run(self) -> None:
        try:
            if takes_progress(self._factory):
                embedder = self._factory(progress=self._progress)  # type: ignore[call-arg]
            else:
                embedder = self._factory()
        except Exception as exc:  # noqa: BLE001 - any failure means "no model"; reported
            self._signals.model_failed.emit(f"{type(exc).__name__}: {exc}")
            return
        self._signals.model_loaded.emit(embedder)


class _CompareJob(CancellableJob):
    def __init__(self, request: CompareRequest, embedder: Embedder, signals: _JobSignals) -> None:
        super().__init__()
        self.request = request
        self._embedder = embedder
        self._signals = signals
        self._last_progress = 0.0

    def _progress(self, phase: str, done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - self._last_progress < _PROGRESS_INTERVAL:
            return
        self._last_progress = now
        self._signals.progressed.emit(self.request.id, phase, done, total)

    def run(self) -> None:
        rid = self.request.id
        if self.cancel_flag.is_set():
            self._signals.cancelled.emit(rid)
            return
        try:
            # Imported here, on the worker thread: the aligner pulls in scipy, which would
            # otherwise cost the window a quarter of a second before it can show.
            from ..engine.compare import compare

            comparison = compare(
                self.request.left,
                self.request.right,
                embedder=self._embedder,
                split=self.request.split,
                sensitivity=self.request.sensitivity,
                progress=self._progress,
                cancel=self.cancel_flag.is_set,
                left_sentences=self.request.left_sentences,
                right_sentences=self.request.right_sentences,
                model_choice=self.request.model_choice,
                review=self.request.review,
                previous=self.request.previous,
                ignore=self.request.ignore,
            )
        except Cancelled:
            self._signals.cancelled.emit(rid)
            return
        except Exception as exc:  # noqa: BLE001 - a bug or odd input: say so, keep the window
            traceback.print_exc()
            self._signals.failed.emit(rid, f"{type(exc).__name__}: {exc}")
            return
        self._signals.finished.emit(rid, comparison)


class ComparisonRunner(SingleThreadWorker):
    """Loads the embedder once and runs comparison requests; the newest request wins.

    Signals carry the request id; only the newest request's ``finished`` is ever emitted.
    ``busy_changed`` is True from a request until its result (or cancellation) arrives.
    """

    model_loading = Signal()
    model_progressed = Signal(str, int, int)  # phase (engine.progress.MODEL_STEPS), done, total
    model_ready = Signal(object)  # the embedder's ModelInfo
    model_failed = Signal(str)
    started = Signal(int)
    progressed = Signal(int, str, int, int)
    finished = Signal(int, object)  # request id, Comparison
    failed = Signal(int, str)
    cancelled = Signal(int)

    def __init__(self, embedder_factory: EmbedderFactory, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._factory = embedder_factory
        self._signals = _JobSignals(self)
        self._signals.model_loaded.connect(self._on_job_model_loaded)
        self._signals.model_failed.connect(self._on_job_model_failed)
        self._signals.model_progressed.connect(self._on_job_model_progressed)
        self._signals.finished.connect(self._on_job_finished)
        self._signals.failed.connect(self._on_job_failed)
        self._signals.cancelled.connect(self._on_job_cancelled)
        self._signals.progressed.connect(self._on_job_progressed)
        self._embedder: Embedder | None = None
        self._model_error = ""
        self._loading = False
        self._last_id = 0
        self._pending: CompareRequest | None = None  # waiting for the model
        self.stale_results = 0
        """How many finished comparisons were dropped because a newer request existed."""

    # -- the model ---------------------------------------------------------------------------
    @property
    def embedder(self) -> Embedder | None:
        """The loaded embedder, or None before it is ready."""
        return self._embedder

    @property
    def model_error(self) -> str:
        """Why the embedder factory failed, or empty."""
        return self._model_error

    @property
    def model_is_loading(self) -> bool:
        return self._loading

    def load_model(self) -> None:
        """Start loading the embedder in the background (once; later calls do nothing)."""
        if self._embedder is not None or self._loading or self._shut_down:
            return
        self._loading = True
        self._model_error = ""
        self.model_loading.emit()
        self._pool.start(_ModelJob(self._factory, self._signals))

    def _on_job_model_progressed(self, phase: str, done: int, total: int) -> None:
        if self._loading and not self._shut_down:
            self.model_progressed.emit(phase, done, total)

    def _on_job_model_loaded(self, embedder: Embedder) -> None:
        self._loading = False
        self._embedder = embedder
        self.model_ready.emit(embedder.info)
        if self._pending is not None and not self._shut_down:
            request, self._pending = self._pending, None
            self._start(request)

    def _on_job_model_failed(self, message: str) -> None:
        # Comparisons still work, on shared words: the window says so (info.semantic is False).
        self._loading = False
        self._model_error = message
        self._embedder = CachedEmbedder(LexicalEmbedder(reason=message), None)
        self.model_failed.emit(message)
        self.model_ready.emit(self._embedder.info)
        if self._pending is not None and not self._shut_down:
            request, self._pending = self._pending, None
            self._start(request)

    # -- comparisons -------------------------------------------------------------------------
    @property
    def latest_id(self) -> int:
        """The id of the newest request (0 before any)."""
        return self._last_id

    def request(self, left: Document, right: Document, *, sensitivity: float,
                split: str = "auto", left_sentences: tuple[Sentence, ...] | None = None,
                right_sentences: tuple[Sentence, ...] | None = None,
                model_choice: str = "auto", review: ReviewState | None = None,
                previous: Comparison | None = None,
                ignore: IgnoreOptions | None = None) -> int:
        """Compare ``left`` and ``right``; cancels any older request. Returns the request id.

        ``left_sentences``/``right_sentences``: the documents as already split with ``split``,
        so that the comparison does not split them again."""
        if self._shut_down:
            return 0
        self._cancel_all()
        self._last_id += 1
        req = CompareRequest(self._last_id, left, right, float(sensitivity), split,
                             left_sentences, right_sentences, model_choice, review, previous,
                             ignore)
        self._set_busy(True)
        self.started.emit(req.id)
        if self._embedder is None:
            self._pending = req
            self.load_model()
        else:
            self._start(req)
        return req.id

    def _start(self, request: CompareRequest) -> None:
        assert self._embedder is not None
        self._start_job(request.id, _CompareJob(request, self._embedder, self._signals))

    def cancel(self) -> None:
        """Cancel every request still running or waiting; the current comparison stays.

        ``cancelled`` is emitted for the newest request, now if it was waiting for the model,
        else when its job notices the flag.
        """
        if self._pending is not None:
            self.cancelled.emit(self._pending.id)
        self._cancel_all()
        self._set_busy(False)

    def _cancel_all(self) -> None:
        self._pending = None
        self._cancel_jobs()

    def _stop(self) -> None:
        self.cancel()

    def _done(self, rid: int) -> bool:
        """Forget job ``rid``; True if it is the newest request."""
        self._jobs.pop(rid, None)
        newest = rid == self._last_id
        if newest:
            self._set_busy(False)
        return newest and not self._shut_down

    def _on_job_finished(self, rid: int, comparison: Comparison) -> None:
        if self._done(rid):
            self.finished.emit(rid, comparison)
        else:
            self.stale_results += 1

    def _on_job_failed(self, rid: int, message: str) -> None:
        if self._done(rid):
            self.failed.emit(rid, message)

    def _on_job_cancelled(self, rid: int) -> None:
        if self._done(rid):
            self.cancelled.emit(rid)

    def _on_job_progressed(self, rid: int, phase: str, done: int, total: int) -> None:
        if rid == self._last_id and not self._shut_down:
            self.progressed.emit(rid, phase, done, total)



def settle_garbage() -> None:
    """Collect garbage once, now, and exempt what survives from later automatic collections.

    Called when a comparison has just been put on screen (the GUI thread is busy then anyway).
    A comparison of 5,000 sentences a side brings tens of thousands of objects; left to
    themselves, the automatic full collections that follow walk all of them, 10 to 25 ms each,
    in the middle of a scroll frame. Frozen objects are still freed by reference counting when
    the comparison is replaced; a reference cycle among them is freed at the next call, which
    first returns everything frozen before to the collector (one full collection a comparison,
    so garbage cannot pile up over a long session of comparisons).
    """
    gc.unfreeze()
    gc.collect()
    gc.freeze()
