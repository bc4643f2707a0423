"""A small window (900×600): every toolbar action, Find included, stays on the toolbar."""

from __future__ import annotations

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
