"""View > Theme: system, light or dark; the palette applied to the application and the window.

The controller resolves the setting to a :class:`~viewer.services.palette.Palette` and emits
``palette_changed``; the window and each of its widgets recolour themselves from it.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from ...services.palette import Palette, palette
from .. import actions as ui_actions
from ..actions import WindowActions
from ..theme import qt_palette
from .settings import SettingsKeeper

THEMES = ("system", "light", "dark")


class ThemeController(QObject):
    """Keeps the theme actions, the settings and the application's palette in step."""

    palette_changed = Signal(object)  # Palette

    def __init__(self, settings: SettingsKeeper, acts: WindowActions,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.acts = acts
        self._palette: Palette = palette("light")
        hints = QGuiApplication.styleHints()
        if hasattr(hints, "colorSchemeChanged"):
            hints.colorSchemeChanged.connect(self._on_system_color_scheme_changed)

    def set_theme(self, theme: str) -> None:
        """``"system"``, ``"light"`` or ``"dark"`` (anything else: system)."""
        theme = theme if theme in THEMES else "system"
        self.settings.update(theme=theme)
        for name, act in (("system", self.acts.theme_system), ("light", self.acts.theme_light),
                          ("dark", self.acts.theme_dark)):
            ui_actions.set_checked_silently(act, name == theme)
        self._apply(palette(ui_actions.resolve_theme(theme)))

    def current_palette(self) -> Palette:
        return self._palette

    def _apply(self, pal: Palette) -> None:
        self._palette = pal
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.setPalette(qt_palette(pal))
        ui_actions.apply_icons(self.acts, pal)
        self.palette_changed.emit(pal)

    def _on_system_color_scheme_changed(self, *_: object) -> None:
        if self.settings.value.theme == "system":
            self._apply(palette(ui_actions.system_theme()))


__all__ = ["THEMES", "ThemeController"]
