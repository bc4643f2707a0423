"""An unexpected exception is logged, shown, and the app keeps running."""

from __future__ import annotations

import threading

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from viewer.services.paths import log_dir
from viewer.ui.crash import CrashReporter


def _dialog():
    for w in QApplication.topLevelWidgets():
        if isinstance(w, QMessageBox) and w.objectName() == "crashDialog" and w.isVisible():
            return w
    return None


def test_exception_in_a_slot_is_logged_and_shown(qtbot):
    reporter = CrashReporter().install()
    try:
        button = QPushButton("boom")
        qtbot.addWidget(button)

        def explode() -> None:
            raise ValueError("the <b>slot</b> failed")

        button.clicked.connect(explode)
        with qtbot.waitSignal(reporter.crashed, timeout=5000):
            button.click()
        qtbot.waitUntil(lambda: _dialog() is not None, timeout=5000)
        box = _dialog()
        assert "still running" in box.text()
        assert "&lt;b&gt;slot&lt;/b&gt;" in box.text()  # the message is escaped, not markup
        assert "ValueError" in box.detailedText()
        report = reporter.reports[-1]
        assert report.parent == log_dir() and "ValueError: the <b>slot</b> failed" in report.read_text()
        box.accept()
        # The app keeps running: the event loop still delivers timers.
        fired = []
        QTimer.singleShot(0, lambda: fired.append(True))
        qtbot.waitUntil(lambda: fired == [True], timeout=2000)
    finally:
        reporter.uninstall()


def test_exception_in_a_thread_is_reported(qtbot):
    reporter = CrashReporter().install()
    try:
        def work() -> None:
            raise RuntimeError("worker failed")

        with qtbot.waitSignal(reporter.crashed, timeout=5000) as blocker:
            t = threading.Thread(target=work)
            t.start()
            t.join()
        assert "RuntimeError: worker failed" in blocker.args[0]
        qtbot.waitUntil(lambda: _dialog() is not None, timeout=5000)
        _dialog().accept()
    finally:
        reporter.uninstall()


def test_unwritable_log_folder_still_shows_the_dialog(qtbot, monkeypatch, tmp_path):
    blocker_file = tmp_path / "not-a-folder"
    blocker_file.write_text("x")
    monkeypatch.setenv("ARTICLE_DIFF_HOME", str(blocker_file))
    reporter = CrashReporter().install()
    try:
        with qtbot.waitSignal(reporter.crashed, timeout=5000) as sig:
            reporter._hook(OSError, OSError("disk gone"), None)
        assert sig.args[2] == ""
        qtbot.waitUntil(lambda: _dialog() is not None, timeout=5000)
        assert "could not be saved" in _dialog().text()
        _dialog().accept()
    finally:
        reporter.uninstall()
