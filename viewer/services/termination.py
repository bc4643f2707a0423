"""Termination signals as exceptions, so that every ``finally`` runs.

By default SIGTERM and SIGHUP end a Python process on the spot: no ``finally`` block runs, and
an export in progress leaves its hidden ``.NAME.xxxxxxxx.part`` file behind. Inside
:func:`signals_raise` they raise :class:`Terminated` instead (as SIGINT raises
``KeyboardInterrupt``), so :func:`viewer.services.atomic.atomic_path` removes the temporary
file and the target is left as it was.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from types import FrameType
from typing import Any


class Terminated(BaseException):
    """The process was asked to stop by ``signum`` (SIGTERM or SIGHUP).

    A ``BaseException``, like ``KeyboardInterrupt``, so that ``except Exception`` clauses
    (a renderer's error handling) let it through.
    """

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum

    @property
    def name(self) -> str:
        return signal.Signals(self.signum).name


def _signals() -> list[signal.Signals]:
    return [getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]


@contextlib.contextmanager
def signals_raise() -> Iterator[None]:
    """While inside, SIGTERM and SIGHUP raise :class:`Terminated` in the main thread. A second
    signal while the first one's clean-up runs is ignored; the old handlers come back after."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous: dict[signal.Signals, Any] = {}

    def handler(signum: int, frame: FrameType | None) -> None:
        for other in previous:
            signal.signal(other, signal.SIG_IGN)  # let the clean-up finish
        raise Terminated(signum)

    for sig in _signals():
        previous[sig] = signal.signal(sig, handler)
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)
