"""Ctrl+C in the terminal closes the window the way its close button does (issue 15, point 12)."""

from __future__ import annotations

import os
import signal

from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QWidget

from viewer.ui.interrupt import InterruptCloser


def test_sigint_closes_the_window_through_its_close_event(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    qtbot.waitExposed(window)
    closer = InterruptCloser(window).install()
    try:
        os.kill(os.getpid(), signal.SIGINT)  # what Ctrl+C in the terminal sends
        qtbot.waitUntil(lambda: not window.isVisible(), timeout=10_000)
    finally:
        closer.uninstall()
    assert window._closed  # the window's own close path ran (settings saved, workers stopped)
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


class _Unsaved(QWidget):
    """A window with unsaved work whose user answers "Cancel" to the close question."""

    asked = 0

    def closeEvent(self, event: QCloseEvent) -> None:
        self.asked += 1
        event.ignore()


def test_sigint_asks_and_a_refused_close_keeps_the_window(qtbot) -> None:  # type: ignore[no-untyped-def]
    window = _Unsaved()
    qtbot.addWidget(window)
    window.show()
    closer = InterruptCloser(window).install()
    try:
        os.kill(os.getpid(), signal.SIGINT)
        qtbot.waitUntil(lambda: window.asked == 1, timeout=10_000)
    finally:
        closer.uninstall()
    assert window.isVisible()
