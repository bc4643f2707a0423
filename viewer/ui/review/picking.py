"""Picking sentences in the two panes for a review action, and linking by dragging.

A plain click selects a group as before (the session's selection); the picked sentences then
are that group's. Ctrl+click adds or removes one sentence of a side, Shift+click extends a
side's pick to the clicked sentence; Alt+Up/Down moves a side's pick by one sentence and
Shift+Alt+Up/Down extends it, Tab goes to the other pane keeping both picks (keyboard). Dragging from a sentence in one pane and releasing
over a sentence in the other emits ``link_dropped(left, right)``.

The picked sentences are outlined in their panes (``DocumentPane.set_highlight``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QCursor, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QApplication, QWidget

LEFT, RIGHT = "left", "right"


class Pane(Protocol):
    side: str

    def viewport(self) -> QWidget: ...

    def sentence_at(self, point: QPoint) -> int: ...

    def sentence_count(self) -> int: ...

    def set_highlight(self, indices: Iterable[int]) -> None: ...


class SentencePicker(QObject):
    """The sentences picked on each side, kept in step with clicks, keys and drags."""

    picked_changed = Signal()
    link_dropped = Signal(int, int)  # left sentence, right sentence

    def __init__(self, left: Pane, right: Pane, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.panes = {LEFT: left, RIGHT: right}
        self._picked: dict[str, tuple[int, ...]] = {LEFT: (), RIGHT: ()}
        self._anchor: dict[str, int] = {LEFT: -1, RIGHT: -1}
        self._drag: tuple[str, int, QPoint] | None = None
        self._dragging = False
        # Kept, not asked for in eventFilter: while a pane is being destroyed its viewport still
        # sends events, and asking the half-destroyed pane for its viewport raises.
        self._viewports = {LEFT: left.viewport(), RIGHT: right.viewport()}
        for pane in (left, right):
            pane.viewport().installEventFilter(self)
            if isinstance(pane, QWidget):
                pane.installEventFilter(self)

    # -- the pick -----------------------------------------------------------------------------
    def picked(self) -> tuple[tuple[int, ...], tuple[int, ...]]:
        return self._picked[LEFT], self._picked[RIGHT]

    def set_picked(self, left: Iterable[int], right: Iterable[int]) -> None:
        """Pick these sentences (the session's selection changed, or an action)."""
        new = {LEFT: tuple(sorted(set(left))), RIGHT: tuple(sorted(set(right)))}
        for side in (LEFT, RIGHT):
            self._anchor[side] = new[side][0] if new[side] else -1
        self._set(new)

    def _set(self, new: dict[str, tuple[int, ...]]) -> None:
        changed = new != self._picked
        self._picked = new
        for side, pane in self.panes.items():
            pane.set_highlight(new[side])
        if changed:
            self.picked_changed.emit()

    def _toggle(self, side: str, index: int) -> None:
        current = set(self._picked[side])
        current ^= {index}
        self._anchor[side] = index
        self._set({**self._picked, side: tuple(sorted(current))})

    def _extend(self, side: str, index: int) -> None:
        anchor = self._anchor[side] if self._anchor[side] >= 0 else index
        lo, hi = sorted((anchor, index))
        self._set({**self._picked, side: tuple(range(lo, hi + 1))})

    def step(self, side: str, delta: int, *, extend: bool) -> None:
        """Move (or extend) a side's pick by ``delta`` sentences (the keyboard's way)."""
        count = self.panes[side].sentence_count()
        current = self._picked[side]
        if count == 0:
            return
        if not current:
            target = 0 if delta > 0 else count - 1
        else:
            target = max(0, min(count - 1, (current[-1] if delta > 0 else current[0]) + delta))
        if extend:
            self._extend(side, target)
        else:
            self._anchor[side] = target
            self._set({**self._picked, side: (target,)})

    # -- events -------------------------------------------------------------------------------
    def _side_of(self, watched: QObject) -> str | None:
        for side, pane in self.panes.items():
            if watched is pane or watched is self._viewports[side]:
                return side
        return None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        side = self._side_of(watched)
        if side is None:
            return False
        kind = event.type()
        if kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            return self._key(side, event)
        if not isinstance(event, QMouseEvent) or watched is not self._viewports[side]:
            return False
        if kind == QEvent.Type.MouseButtonPress and event.button() == Qt.MouseButton.LeftButton:
            return self._press(side, event)
        if kind == QEvent.Type.MouseMove and self._drag is not None and not self._dragging:
            moved = (event.position().toPoint() - self._drag[2]).manhattanLength()
            if moved >= QApplication.startDragDistance():
                self._dragging = True
                QApplication.setOverrideCursor(QCursor(Qt.CursorShape.DragLinkCursor))
            return False
        if kind == QEvent.Type.MouseButtonRelease and self._drag is not None:
            return self._release(event)
        return False

    def _press(self, side: str, event: QMouseEvent) -> bool:
        index = self.panes[side].sentence_at(event.position().toPoint())
        mods = event.modifiers()
        if index >= 0 and mods & Qt.KeyboardModifier.ControlModifier:
            self._toggle(side, index)
            return True
        if index >= 0 and mods & Qt.KeyboardModifier.ShiftModifier:
            self._extend(side, index)
            return True
        self._drag = (side, index, event.position().toPoint()) if index >= 0 else None
        self._dragging = False
        return False

    def _release(self, event: QMouseEvent) -> bool:
        side, index, _ = self._drag or (LEFT, -1, QPoint())
        dragging, self._drag, self._dragging = self._dragging, None, False
        if not dragging:
            return False
        QApplication.restoreOverrideCursor()
        other = RIGHT if side == LEFT else LEFT
        target = self.panes[other]
        point = target.viewport().mapFromGlobal(event.globalPosition().toPoint())
        if not target.viewport().rect().contains(point):
            return False
        there = target.sentence_at(point)
        if there < 0:
            return False
        left, right = (index, there) if side == LEFT else (there, index)
        self.link_dropped.emit(left, right)
        return True

    def _key(self, side: str, event: QKeyEvent) -> bool:
        mods = event.modifiers()
        key = Qt.Key(event.key())
        if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and not mods & Qt.KeyboardModifier.ControlModifier:
            # Tab goes to the other pane, each side's pick kept: pick on the left, Tab, pick
            # on the right, Ctrl+L.
            other = self.panes[RIGHT if side == LEFT else LEFT]
            if isinstance(other, QWidget):
                other.setFocus(Qt.FocusReason.TabFocusReason)
                return True
            return False
        if not mods & Qt.KeyboardModifier.AltModifier:
            return False
        delta = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1}.get(Qt.Key(event.key()))
        if delta is None:
            return False
        self.step(side, delta, extend=bool(mods & Qt.KeyboardModifier.ShiftModifier))
        return True
