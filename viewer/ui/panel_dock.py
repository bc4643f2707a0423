"""The side panel as a dock, and the window's layout (geometry, dock, toolbar) kept between runs.

The panel (sensitivity, summary, findings, review) lives in a :class:`PanelDock`: the user can
move it to the left or right edge, float it, or close it, and View > Side Panel (F9), the dock's
own toggle action, brings it back, so the menu's check mark always says whether it is shown.
While the window shows its empty prompt (no pair yet) the dock is hidden and its action
disabled, as the panel was before it became a dock; the user's choice (shown or closed) returns
with the documents.

A small window gives the document panes the room: the dock starts at about a fifth of a 900 px
window (never under the panel's minimum), a quarter of a large one, and a window made narrower
than ``COMPACT_WIDTH`` shrinks a wider dock to that starting width; widened again, the window
gives the dock its width back. A width the user chose by dragging the dock's edge is theirs:
resizing the window no longer changes it (only a move to the other edge fits it again).

The dock's place and width and the toolbar are saved with ``QMainWindow.saveState()`` as base64
text (``Settings.window_state``), beside the geometry (``Settings.window_geometry``).
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QMainWindow, QWidget

COMPACT_WIDTH = 1280
"""Below this window width (px) the dock is kept to its starting width (``start_width``)."""
MAX_START_WIDTH = 360
"""The widest the dock starts (px), however wide the window."""
STATE_VERSION = 1
"""Given to saveState() and restoreState(): a state saved by an older layout (earlier versions
kept an unused ``window_state``) is not applied."""


def _encode(data: QByteArray) -> str:
    return bytes(data.toBase64().data()).decode("ascii")


def _decode(text: str) -> QByteArray:
    return QByteArray.fromBase64(text.encode("ascii"))


class PanelDock(QDockWidget):
    """The dock holding the side panel, at the right of ``window`` unless moved."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window.tr("Side Panel"), window)
        self._window = window
        self.setObjectName("sidePanelDock")  # saveState() finds the dock by this name
        self.setAllowedAreas(Qt.DockWidgetArea.LeftDockWidgetArea
                             | Qt.DockWidgetArea.RightDockWidgetArea)
        self.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetClosable
                         | QDockWidget.DockWidgetFeature.DockWidgetFloatable)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self)
        self._held = False  # hidden because the window shows its empty prompt
        self._wanted = True  # the user's choice while held: shown or closed
        self._held_state = QByteArray()  # the window's state from before the hold
        self._width_pending = True  # the starting width waits for the first showing
        self._shrunk_from = 0  # the width before a narrower window shrank the dock (0: none)
        self._fitted = 0  # the width this class last gave the dock (0: none yet)
        self._user_width = False  # the user dragged the dock's edge since (their width is kept)
        self.dockLocationChanged.connect(self._on_dock_location_changed)

    # -- shown or not --------------------------------------------------------------------------
    def set_held(self, held: bool) -> None:
        """Hide the dock (and disable its action) while the window has no documents; show it
        again, if the user had it shown, once they are there."""
        action = self.toggleViewAction()
        if held == self._held:
            return
        if held:
            self._wanted = not self.isHidden()
            self._held_state = self._window.saveState(STATE_VERSION)
            self._held = True
            self.hide()
            action.setEnabled(False)
            return
        self._held = False
        action.setEnabled(True)
        self.setVisible(self._wanted)
        if self._wanted and self._width_pending:
            self._width_pending = False
            self._fit(self.start_width(self._window.width()))

    # -- width ---------------------------------------------------------------------------------
    def minimum_width(self) -> int:
        """The narrowest the dock can be: its panel's minimum, and the title bar's."""
        return max(self.minimumSizeHint().width(), self.minimumWidth())

    def start_width(self, window_width: int) -> int:
        """The dock's width when it first shows in a window ``window_width`` px wide, and the
        most it keeps in a small one: about a fifth of a 900 px window (the panes need the
        room), a quarter of a 1400 px one, at most ``MAX_START_WIDTH``."""
        share = round(window_width * 0.36) - 120
        return max(self.minimum_width(), min(MAX_START_WIDTH, share))

    def set_width(self, width: int) -> None:
        """Make the docked panel ``width`` px wide (the panes take or give the difference)."""
        self._window.resizeDocks([self], [width], Qt.Orientation.Horizontal)

    def window_resized(self, old_width: int, new_width: int) -> None:
        """Made narrower than ``COMPACT_WIDTH``, the window's docked panel gives the panes the
        room beyond its small-window share; widened again, it gets its width back (unless the
        user has dragged it to another width since)."""
        if old_width <= 0 or new_width == old_width or self.isHidden() or self.isFloating():
            return
        current = self.width()
        if self._fitted and abs(current - self._fitted) > 2:
            self._user_width = True  # the user chose a width of their own since
            self._shrunk_from = 0
        if self._user_width:
            return
        small = new_width < COMPACT_WIDTH
        if new_width < old_width:
            if small and current > self.start_width(new_width):
                self._shrunk_from = self._shrunk_from or current
                self._fit(self.start_width(new_width))
        elif self._shrunk_from:
            target = min(self._shrunk_from, self.start_width(new_width)) if small \
                else self._shrunk_from
            if target > current:
                self._fit(target)
            if not small:
                self._shrunk_from = 0

    def _on_dock_location_changed(self, _area: Qt.DockWidgetArea) -> None:
        # Docked at the other edge, Qt gives the dock its preferred width, wider than a small
        # window can spare; once it is laid out there, keep it to the small-window width.
        if self._window.isVisible():
            QTimer.singleShot(0, self._fit_small_window)

    def _fit_small_window(self) -> None:
        width = self._window.width()
        if width < COMPACT_WIDTH and not self.isHidden() and not self.isFloating() \
                and self.width() > self.start_width(width):
            self._fit(self.start_width(width))

    def _fit(self, width: int) -> None:
        self._fitted = width
        self._user_width = False
        self.set_width(width)

    # -- kept between runs ---------------------------------------------------------------------
    def restore(self, geometry: str, state: str) -> None:
        """Restore the window's geometry and the dock's and toolbar's state from the settings'
        base64 texts (empty or unreadable: the defaults, a 1440×900 window)."""
        if not geometry or not self._window.restoreGeometry(_decode(geometry)):
            self._window.resize(1440, 900)
        if state and self._window.restoreState(_decode(state), STATE_VERSION):
            self._width_pending = False  # the saved width, not the starting one

    def saved_layout(self) -> tuple[str, str]:
        """The window's geometry and state, as base64 texts for the settings. While the dock
        is held back the state from before the hold is kept, so the user's choice survives a
        window closed before any documents were opened."""
        state = self._held_state if self._held else self._window.saveState(STATE_VERSION)
        return _encode(self._window.saveGeometry()), _encode(state)


def panel_dock(window: QMainWindow, panel: QWidget) -> PanelDock:
    """A :class:`PanelDock` in ``window`` holding ``panel``."""
    dock = PanelDock(window)
    dock.setWidget(panel)
    return dock


__all__ = ["COMPACT_WIDTH", "MAX_START_WIDTH", "STATE_VERSION", "PanelDock", "panel_dock"]
