"""The window's menus (File, Edit, View, Go, Help), its toolbar and the File > Open Recent list."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow, QMenu, QToolBar

from ..services.settings import RecentPair
from .actions import WindowActions
from .tooltips import plain_tooltip


def build_menus(window: QMainWindow, acts: WindowActions) -> QMenu:
    """File, Edit, View, Go and Help; returns the (empty) File > Recent submenu to fill."""
    tr = window.tr
    bar = window.menuBar()
    file = bar.addMenu(tr("&File"))
    file.addAction(acts.open_pair)
    file.addAction(acts.open_left)
    file.addAction(acts.open_right)
    recent = file.addMenu(tr("Open &Recent"))
    recent.setObjectName("recentMenu")
    file.addSeparator()
    file.addAction(acts.reload)
    file.addAction(acts.swap)
    file.addSeparator()
    file.addAction(acts.export_pdf)
    file.addAction(acts.export_html)
    file.addAction(acts.export_json)
    file.addAction(acts.print_)
    file.addAction(acts.changes_only)
    file.addSeparator()
    file.addAction(acts.quit)
    edit = bar.addMenu(tr("&Edit"))
    edit.addAction(acts.paste_left)
    edit.addAction(acts.paste_right)
    edit.addSeparator()
    edit.addAction(acts.find)
    edit.addAction(acts.copy_change)
    view = bar.addMenu(tr("&View"))
    view.addAction(acts.sync_scrolling)
    view.addAction(acts.show_panel)
    view.addSeparator()
    for a in (acts.zoom_in, acts.zoom_out, acts.zoom_reset):
        view.addAction(a)
    view.addSeparator()
    theme = view.addMenu(tr("&Theme"))
    theme.addAction(acts.theme_system)
    theme.addAction(acts.theme_light)
    theme.addAction(acts.theme_dark)
    model = view.addMenu(tr("Sentence &Model"))
    model.addAction(acts.model_auto)
    model.addAction(acts.model_english)
    model.addAction(acts.model_multilingual)
    go = bar.addMenu(tr("&Go"))
    go.addAction(acts.next_change)
    go.addAction(acts.previous_change)
    go.addSeparator()
    go.addAction(acts.next_finding)
    go.addAction(acts.previous_finding)
    help_ = bar.addMenu(tr("&Help"))
    help_.addAction(acts.open_sample)
    help_.addSeparator()
    help_.addAction(acts.about)
    return recent


def build_toolbar(window: QMainWindow, acts: WindowActions) -> QToolBar:
    """Opening, navigation between changes and findings, swapping and reloading."""
    bar = QToolBar(window.tr("Main"), window)
    bar.setObjectName("mainToolbar")
    bar.setMovable(False)
    bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    bar.addAction(acts.open_pair)
    bar.addAction(acts.reload)
    bar.addAction(acts.swap)
    bar.addSeparator()
    bar.addAction(acts.previous_change)
    bar.addAction(acts.next_change)
    bar.addSeparator()
    bar.addAction(acts.previous_finding)
    bar.addAction(acts.next_finding)
    bar.addSeparator()
    bar.addAction(acts.find)
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
    return bar


COMPACT_TOOLBAR_WIDTH = 1280
"""Below this window width (px) the toolbar shows icons only (text for actions without an
icon), so every action, Find included, stays on it rather than in the overflow menu."""


def fit_toolbar(bar: QToolBar, window_width: int) -> None:
    """Text beside the icons in a wide window, icons only in a narrow one."""
    style = (Qt.ToolButtonStyle.ToolButtonIconOnly if window_width < COMPACT_TOOLBAR_WIDTH
             else Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    if bar.toolButtonStyle() != style:
        bar.setToolButtonStyle(style)


def fill_recent_menu(menu: QMenu, pairs: Sequence[RecentPair],
                     open_pair: Callable[[str, str], object], clear: Callable[[], None]) -> None:
    """List ``pairs``, newest first; a pair whose files are gone is shown, disabled."""
    tr = menu.tr
    menu.clear()
    if not pairs:
        menu.addAction(tr("No recent pairs")).setEnabled(False)
        return
    for pair in pairs:
        label = f"{Path(pair.left).name} ↔ {Path(pair.right).name}"
        act = menu.addAction(label)
        act.setToolTip(plain_tooltip(f"{pair.left}\n{pair.right}"))
        act.setStatusTip(f"{pair.left} ↔ {pair.right}")
        if pair.exists():
            act.triggered.connect(partial(open_pair, pair.left, pair.right))
        else:
            act.setText(tr("%1 (missing)").replace("%1", label))
            act.setEnabled(False)
    menu.addSeparator()
    menu.addAction(tr("Clear Recent")).triggered.connect(clear)
