"""The side panel's dock (issue 17 point 7): hidden with the empty prompt, and where the user
put it (left or right, shown or closed, its width) kept in the settings between windows."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget

from tests.ui.window.window_helpers import TIMEOUT
from viewer.services.settings import settings_path

LEFT_AREA = Qt.DockWidgetArea.LeftDockWidgetArea
RIGHT_AREA = Qt.DockWidgetArea.RightDockWidgetArea


def test_the_dock_moves_floats_and_closes_but_never_docks_above_the_panes(qtbot,
                                                                          make_window) -> None:
    window = make_window()
    dock = window.panel_dock
    features = dock.features()
    for feature in (QDockWidget.DockWidgetFeature.DockWidgetMovable,
                    QDockWidget.DockWidgetFeature.DockWidgetClosable,
                    QDockWidget.DockWidgetFeature.DockWidgetFloatable):
        assert features & feature
    assert dock.isAreaAllowed(LEFT_AREA) and dock.isAreaAllowed(RIGHT_AREA)
    assert not dock.isAreaAllowed(Qt.DockWidgetArea.TopDockWidgetArea)
    assert not dock.isAreaAllowed(Qt.DockWidgetArea.BottomDockWidgetArea)
    assert dock.widget() is window.side_panel


def test_the_dock_hides_with_the_empty_prompt_and_shows_with_the_documents(qtbot, make_window,
                                                                           pair) -> None:
    window = make_window()
    qtbot.waitExposed(window)
    dock, action = window.panel_dock, window.acts.show_panel
    assert dock.isHidden() and not action.isEnabled()
    with qtbot.waitSignal(window.comparison_ready, timeout=TIMEOUT):
        window.open_pair(*pair)
    assert dock.isVisible() and action.isEnabled() and action.isChecked()
    assert window.side_panel.isVisible()


def test_where_the_dock_is_and_whether_it_is_shown_survive_a_new_window(qtbot, make_window,
                                                                         pair) -> None:
    window = make_window(pair)
    qtbot.waitSignal(window.comparison_ready, timeout=TIMEOUT).wait()
    window.resize(1400, 900)
    dock = window.panel_dock
    window.addDockWidget(LEFT_AREA, dock)  # as if dragged to the left edge
    window.resizeDocks([dock], [300], Qt.Orientation.Horizontal)
    qtbot.waitUntil(lambda: dock.width() == 300, timeout=TIMEOUT)
    dock.close()
    window.close()
    assert json.loads(settings_path().read_text(encoding="utf-8"))["window_state"]

    # A window closed before any documents were opened keeps that choice too.
    empty = make_window()
    qtbot.waitExposed(empty)
    assert empty.panel_dock.isHidden() and not empty.acts.show_panel.isChecked()
    empty.close()

    again = make_window(pair)
    qtbot.waitSignal(again.comparison_ready, timeout=TIMEOUT).wait()
    dock, action = again.panel_dock, again.acts.show_panel
    assert dock.isHidden() and action.isEnabled() and not action.isChecked()
    left, right = again.view.left_pane.width(), again.view.right_pane.width()
    action.trigger()
    qtbot.waitUntil(lambda: dock.isVisible() and dock.width() == 300, timeout=TIMEOUT)
    assert again.dockWidgetArea(dock) == LEFT_AREA
    assert dock.geometry().right() < again.view.mapTo(again, again.view.rect().topLeft()).x()
    assert again.view.left_pane.width() < left and again.view.right_pane.width() < right


def test_a_layout_saved_without_the_dock_is_not_applied(qtbot, make_window, pair) -> None:
    """Earlier versions saved a ``window_state`` of their own; the window's states carry a
    version number, so an unversioned one (here: this window's, saved without it) is
    ignored and the dock starts at the right, shown."""
    window = make_window()
    window.addDockWidget(LEFT_AREA, window.panel_dock)
    old_state = bytes(window.saveState().toBase64().data()).decode("ascii")
    window.close()
    path = settings_path()
    data = json.loads(path.read_text(encoding="utf-8"))
    data["window_state"] = old_state
    path.write_text(json.dumps(data), encoding="utf-8")
    again = make_window(pair)
    qtbot.waitSignal(again.comparison_ready, timeout=TIMEOUT).wait()
    assert again.panel_dock.isVisible()
    assert again.dockWidgetArea(again.panel_dock) == RIGHT_AREA
