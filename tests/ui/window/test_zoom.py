"""View > Zoom In / Zoom Out / Actual Size (Ctrl++ / Ctrl+- / Ctrl+0): both panes, remembered."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.window.window_helpers import TIMEOUT


def _sizes(window) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    return (window.view.left_pane.reading_font().pointSizeF(),
            window.view.right_pane.reading_font().pointSizeF())


def test_ctrl_plus_and_minus_zoom_both_panes_and_the_size_is_remembered(
        qtbot, make_window, pair) -> None:
    from viewer.services.settings import load_settings

    window = make_window(pair)
    qtbot.waitSignal(window.comparison_ready, timeout=TIMEOUT).wait()
    left, right = _sizes(window)
    assert left == right
    height = window.view.left_pane.content_height()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=TIMEOUT)
    qtbot.keyClick(window, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    bigger = _sizes(window)
    assert bigger[0] == bigger[1] > left
    qtbot.waitUntil(lambda: window.view.left_pane.content_height() > height, timeout=TIMEOUT)
    window.close()
    assert load_settings().settings.reading_size == bigger[0]

    again = make_window(pair)
    assert _sizes(again) == bigger
    again.activateWindow()
    qtbot.waitUntil(again.isActiveWindow, timeout=TIMEOUT)
    qtbot.keyClick(again, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert _sizes(again)[0] < bigger[0]
    qtbot.keyClick(again, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert _sizes(again) == (left, right)
    again.close()
    assert load_settings().settings.reading_size == 0.0
