"""What the window's background workers share: a private pool of one thread, jobs that can be
cancelled by request id, a busy flag for the window, and an orderly shutdown.

:class:`~viewer.ui.jobs.ComparisonRunner` (the model and the comparisons) and
:class:`~viewer.ui.reading.DocumentReader` (files read and split) each have one: reading must
not wait behind the model loading, and two comparisons never share the embedder at once.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class CancellableJob(QRunnable):
    """A job whose ``cancel_flag`` the window sets; the job looks at it between steps."""

    def __init__(self) -> None:
        super().__init__()
        self.cancel_flag = threading.Event()


class SingleThreadWorker(QObject):
    """Runs jobs one at a time on a thread of its own. ``busy_changed(busy)`` when the window
    should (or no longer should) show that this worker works for it."""

    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._pool.setExpiryTimeout(-1)
        self._jobs: dict[int, CancellableJob] = {}
        self._busy = False
        self._shut_down = False

    def is_busy(self) -> bool:
        return self._busy

    def _set_busy(self, busy: bool) -> None:
        if busy != self._busy:
            self._busy = busy
            self.busy_changed.emit(busy)

    def _start_job(self, rid: int, job: CancellableJob) -> None:
        job.setAutoDelete(False)  # kept in self._jobs so its cancel flag stays reachable
        self._jobs[rid] = job
        self._pool.start(job)

    def _cancel_jobs(self) -> None:
        for job in self._jobs.values():
            job.cancel_flag.set()

    def _stop(self) -> None:
        """Cancel everything, before shutting down (subclasses add what they must say)."""
        self._cancel_jobs()
        self._set_busy(False)

    def shutdown(self, timeout_ms: int = -1) -> bool:
        """Cancel everything and wait for the thread; True if it finished in time."""
        self._stop()
        self._shut_down = True
        done = self._pool.waitForDone(timeout_ms)
        self._jobs.clear()
        return bool(done)

    def wait_for_idle(self, timeout_ms: int = -1) -> bool:
        """Block until the thread has nothing to do (results may still be queued)."""
        return bool(self._pool.waitForDone(timeout_ms))

    def active_threads(self) -> int:
        """How many threads are running a job now (0 or 1)."""
        return int(self._pool.activeThreadCount())
