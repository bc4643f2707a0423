"""Edit > Copy Change as Text (Ctrl+Shift+C, and the panes' context menu): the selected change
on the clipboard as text, both versions with their sentence numbers."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ui.window.window_helpers import TIMEOUT
from viewer.engine.model import ChangeKind


def test_ctrl_shift_c_copies_the_selected_pair_as_text(qtbot, make_window, pair) -> None:
    window = make_window(pair)
    qtbot.waitSignal(window.comparison_ready, timeout=TIMEOUT).wait()
    c = window.comparison()
    index = next(i for i, g in enumerate(c.groups) if g.kind == ChangeKind.REWORDED)
    group = c.groups[index]
    window.view.select_group(index)
    QApplication.clipboard().clear()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=TIMEOUT)
    qtbot.keyClick(window, Qt.Key.Key_C,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    lines = QApplication.clipboard().text().split("\n")
    assert lines[0] == f"Reworded · similarity {group.similarity:.2f}"
    assert lines[1].startswith(f"Original (L{group.left[0] + 1}")
    assert c.left_sentences[group.left[0]].text in lines[1]
    assert lines[2].startswith(f"Rewrite (R{group.right[0] + 1}")
    assert c.right_sentences[group.right[-1]].text in lines[2]


def test_the_pane_context_menu_offers_the_copy(qtbot, make_window, pair) -> None:
    window = make_window(pair)
    qtbot.waitSignal(window.comparison_ready, timeout=TIMEOUT).wait()
    menu = window.review.controller.context_menu(None, window.mapToGlobal(window.rect().center()))
    assert window.acts.copy_change in menu.actions()
    menu.close()
