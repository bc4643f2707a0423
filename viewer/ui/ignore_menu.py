"""View > Display (changes marked, sentence tints only, or one inline column), View > Hide
Identical Sentences, and View > Ignore: the differences that do not count as changes, each a
checkable action.

Checking one compares again at once (the embeddings are reused: only the kinds and the word
marks change) and remembers the choice in the settings. The engine does the ignoring
(:class:`~viewer.engine.model.IgnoreOptions`); this module only offers and remembers it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu

from ..engine.model import IgnoreOptions

if TYPE_CHECKING:
    from .main_window import MainWindow


class IgnoreMenu(QObject):
    """The View > Display and View > Ignore Differences submenus of ``window``, and View >
    Hide Identical Sentences."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        tr = self.tr
        labels = {
            "case": (tr("Letter &Case"), tr("“Gaza” and “gaza” are the same word")),
            "punctuation": (tr("&Punctuation"), tr("Commas, full stops and dashes do not count")),
            "quotes": (tr("&Quote Style"), tr("Curly and straight quotation marks are the same")),
            "whitespace": (tr("&White Space"), tr("Extra spaces and line breaks do not count")),
            "numbers": (tr("&Number Formatting"), tr("“1,000” and “1000” are the same number")),
        }
        self.menu = QMenu(tr("&Ignore Differences"), window)
        self.menu.setObjectName("ignoreMenu")
        self.actions: dict[str, QAction] = {}
        chosen = set(window.prefs.value.ignore)
        for name in IgnoreOptions.NAMES:
            text, tip = labels[name]
            action = QAction(text, self.menu)
            action.setObjectName(f"action_ignore_{name}")
            action.setCheckable(True)
            action.setChecked(name in chosen)
            action.setToolTip(tip)
            action.setStatusTip(tip)
            action.toggled.connect(self._on_action_toggled)
            self.menu.addAction(action)
            self.actions[name] = action
        view = next(a.menu() for a in window.menuBar().actions() if a.objectName() == "viewMenu"
                    or a.text().replace("&", "") == tr("View"))
        view.addSeparator()
        self.display_menu = view.addMenu(tr("&Display"))
        self.display_menu.setObjectName("displayMenu")
        self.display_actions: dict[str, QAction] = {}
        group = QActionGroup(self)
        for mode, text, tip in (
            ("marked", tr("Changes &Marked"),
             tr("Sentences tinted by kind; removed words struck out, new words underlined")),
            ("clean", tr("&Sentence Tints Only"),
             tr("The texts as written, each sentence tinted by how it changed")),
            ("inline", tr("One &Inline Column"),
             tr("One reading column: removed words struck out beside the new ones, omitted "
                "and added sentences in place")),
        ):
            action = QAction(text, self.display_menu)
            action.setObjectName(f"action_display_{mode}")
            action.setCheckable(True)
            action.setToolTip(tip)
            action.setStatusTip(tip)
            group.addAction(action)
            self.display_menu.addAction(action)
            action.triggered.connect(lambda _=False, m=mode: self.set_display_mode(m))
            self.display_actions[mode] = action
        self.hide_identical = QAction(tr("&Hide Identical Sentences"), view)
        self.hide_identical.setObjectName("action_hide_identical")
        self.hide_identical.setCheckable(True)
        tip = tr("Each run of sentences that are the same in both texts shows as one line; "
                 "click it to show them")
        self.hide_identical.setToolTip(tip)
        self.hide_identical.setStatusTip(tip)
        self.hide_identical.setChecked(window.prefs.value.hide_identical)
        self.hide_identical.toggled.connect(self._on_hide_identical_toggled)
        view.addAction(self.hide_identical)
        window.view.set_hide_identical(window.prefs.value.hide_identical)
        view.addMenu(self.menu)
        window.comparing.ignore = self.options()
        self.set_display_mode(window.prefs.value.display_mode)

    def set_display_mode(self, mode: str) -> None:
        """Show the comparison in display ``mode`` ("marked", "clean" or "inline"), and
        remember it."""
        self.display_actions[mode].setChecked(True)
        self._window.view.set_display_mode(mode)
        self._window.prefs.update(display_mode=mode)

    def _on_hide_identical_toggled(self, on: bool) -> None:
        self._window.view.set_hide_identical(on)
        self._window.prefs.update(hide_identical=on)

    def options(self) -> IgnoreOptions:
        """The differences checked now."""
        return IgnoreOptions.from_names([n for n, a in self.actions.items() if a.isChecked()])

    def _on_action_toggled(self, checked: bool) -> None:
        options = self.options()
        self._window.prefs.update(ignore=options.names())
        self._window.comparing.set_ignore(options)


__all__ = ["IgnoreMenu"]
