"""Ctrl+C (SIGINT) in the terminal closes the window as its close button does.

Qt's event loop runs in C++, so Python only sees a signal when it next runs Python code: a
timer wakes it a few times a second. The handler posts a close to the window, which asks about
unsaved work exactly as a click on the close button does (and may be refused); the process
then ends as it does when the window closes. SIGTERM is left to its default: a system that
terminates the app does not wait for a dialog.
"""

from __future__ import annotations

import signal
from types import FrameType
from typing import Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QWidget

WAKE_MS = 200
"""How often Python gets to run while Qt waits for events: the longest a Ctrl+C waits."""


class InterruptCloser(QObject):
    """While installed, SIGINT posts ``window.close()``. ``uninstall`` restores the old handler."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self._previous: Any = None
        self._timer = QTimer(self)
        self._timer.setInterval(WAKE_MS)
        self._timer.timeout.connect(lambda: None)  # only lets the interpreter run

    def install(self) -> InterruptCloser:
        self._previous = signal.signal(signal.SIGINT, self._on_signal)
        self._timer.start()
        return self

    def uninstall(self) -> None:
        self._timer.stop()
        if self._previous is not None:
            signal.signal(signal.SIGINT, self._previous)
            self._previous = None

    def _on_signal(self, signum: int, frame: FrameType | None) -> None:
        QTimer.singleShot(0, self._window.close)  # from the event loop, not inside a handler
