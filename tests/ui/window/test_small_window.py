"""A small window (900×600), issue 17 point 7: every toolbar action, Find included, stays on
the toolbar; the side panel, a dock, leaves the document panes a useful width, can be closed
(its room goes to the panes) and comes back with F9."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMenu

from tests.ui.window.window_helpers import TIMEOUT


def test_find_and_every_toolbar_action_are_reachable_at_900_by_600(qtbot, make_window,
                                                                     pair) -> None:
    window = make_window(pair)
    qtbot.waitSignal(window.comparison_ready, timeout=TIMEOUT).wait()
    window.resize(900, 600)
    qtbot.waitUntil(lambda: window.width() == 900, timeout=TIMEOUT)
    bar = window.toolbar
    qtbot.wait(50)  # the toolbar lays out its buttons
    for action in bar.actions():
        if action.isSeparator():
            continue
        button = bar.widgetForAction(action)
        assert button is not None and button.isVisible(), action.text()
        assert bar.rect().contains(button.geometry()), action.text()
    find = bar.widgetForAction(window.acts.find)
    assert find.isVisible()
    window.resize(1600, 1000)
    qtbot.waitUntil(lambda: window.width() == 1600, timeout=TIMEOUT)
    assert find.isVisible()


def _pane_widths(window) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    return window.view.left_pane.width(), window.view.right_pane.width()


def _resize(qtbot, window, width: int, height: int) -> None:  # type: ignore[no-untyped-def]
    window.resize(width, height)
    qtbot.waitUntil(lambda: window.width() == width, timeout=TIMEOUT)
    qtbot.wait(50)  # the dock's new width is laid out on the next pass


def test_at_900_by_600_the_panes_get_the_room_and_the_panel_fits_its_dock(qtbot, make_window,
                                                                           pair) -> None:
    """The side panel used to keep ~300 px at 900×600, leaving each pane ~240 px (three words
    a line); docked, it starts narrower and its contents wrap rather than force width."""
    window = make_window(pair)
    qtbot.waitSignal(window.comparison_ready, timeout=TIMEOUT).wait()
    _resize(qtbot, window, 900, 600)
    dock = window.panel_dock
    assert dock.isVisible() and not dock.isFloating()
    assert window.dockWidgetArea(dock) == Qt.DockWidgetArea.RightDockWidgetArea
    left, right = _pane_widths(window)
    assert min(left, right) >= 270, (left, right)
    assert left + right >= 0.6 * window.width()
    assert dock.width() <= 0.25 * window.width()
    # Nothing in the panel is wider than the panel: it wraps or breaks its lines instead.
    inner = window.side_panel.widget()
    assert inner.width() <= window.side_panel.viewport().width()
    findings = window.findings
    for widget in (findings.title, findings.kind_filter, findings.order):
        assert findings.rect().contains(widget.geometry()), widget.objectName()
    for combo in (findings.kind_filter, findings.order):
        assert combo.width() >= combo.sizeHint().width()  # on a line of its own, not clipped
    progress = window.review.panel.progress
    assert progress.width() <= inner.width()
    shown = progress.shown_lines()
    assert len(shown) > progress.text().count("\n") + 1  # broken after commas to fit
    assert " ".join(shown).split() == progress.text().split()  # every figure still there
    metrics = progress.fontMetrics()
    assert all(metrics.horizontalAdvance(line) <= progress.contentsRect().width()
               for line in shown)


def test_closing_the_dock_gives_the_panes_its_room_and_f9_brings_it_back(qtbot, make_window,
                                                                          pair) -> None:
    window = make_window(pair)
    qtbot.waitSignal(window.comparison_ready, timeout=TIMEOUT).wait()
    _resize(qtbot, window, 900, 600)
    dock, action = window.panel_dock, window.acts.show_panel
    assert action is dock.toggleViewAction() and action.isChecked() and action.isEnabled()
    assert action.shortcut() == QKeySequence("F9")
    view_menu = next(m for m in window.menuBar().findChildren(QMenu)
                     if m.title().replace("&", "") == "View")
    assert action in view_menu.actions() and action.text().replace("&", "") == "Side Panel"
    before, width = sum(_pane_widths(window)), dock.width()
    dock.close()  # its title bar's close button
    qtbot.waitUntil(lambda: sum(_pane_widths(window)) >= before + width - 2, timeout=TIMEOUT)
    assert not action.isChecked()
    action.trigger()  # View > Side Panel, F9
    qtbot.waitUntil(lambda: dock.isVisible() and sum(_pane_widths(window)) == before,
                    timeout=TIMEOUT)
    assert action.isChecked() and abs(dock.width() - width) <= 2


def test_a_window_made_small_narrows_the_dock_and_widened_gives_its_width_back(
        qtbot, make_window, pair) -> None:
    window = make_window(pair)
    qtbot.waitSignal(window.comparison_ready, timeout=TIMEOUT).wait()
    _resize(qtbot, window, 1600, 1000)
    dock = window.panel_dock
    wide = dock.width()
    _resize(qtbot, window, 900, 600)
    qtbot.waitUntil(lambda: dock.width() < wide, timeout=TIMEOUT)
    assert dock.width() <= dock.start_width(900) + 2
    assert min(_pane_widths(window)) >= 270
    _resize(qtbot, window, 1600, 1000)
    qtbot.waitUntil(lambda: abs(dock.width() - wide) <= 2, timeout=TIMEOUT)


def test_the_dock_moved_to_the_left_of_a_small_window_keeps_the_small_width(qtbot, make_window,
                                                                             pair) -> None:
    window = make_window(pair)
    qtbot.waitSignal(window.comparison_ready, timeout=TIMEOUT).wait()
    _resize(qtbot, window, 900, 600)
    dock = window.panel_dock
    width = dock.width()
    window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)  # as if dragged there
    qtbot.waitUntil(lambda: dock.x() < window.view.mapTo(window, window.view.rect().topLeft()).x(),
                    timeout=TIMEOUT)
    qtbot.waitUntil(lambda: abs(dock.width() - width) <= 2, timeout=TIMEOUT)
    assert min(_pane_widths(window)) >= 270


def test_a_width_the_user_dragged_is_kept_when_the_window_is_resized(qtbot, make_window,
                                                                     pair) -> None:
    """A dock widened by hand in a small window used to shrink back on the next resize."""
    window = make_window(pair)
    qtbot.waitSignal(window.comparison_ready, timeout=TIMEOUT).wait()
    _resize(qtbot, window, 900, 600)
    dock = window.panel_dock
    chosen = dock.width() + 60
    window.resizeDocks([dock], [chosen], Qt.Orientation.Horizontal)  # as if its edge were dragged
    qtbot.waitUntil(lambda: abs(dock.width() - chosen) <= 2, timeout=TIMEOUT)
    _resize(qtbot, window, 880, 600)
    assert abs(dock.width() - chosen) <= 2
    _resize(qtbot, window, 1000, 650)
    assert abs(dock.width() - chosen) <= 2
