"""The window's settings while it runs: one typed value, replaced (never mutated), saved at
close and when the recent list changes."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from ...services.atomic import ExportError
from ...services.settings import LoadedSettings, Settings, SettingsProblem, save_settings


class SettingsKeeper(QObject):
    """Holds the current :class:`~viewer.services.settings.Settings`; ``save_failed(reason)``
    when writing them fails (the window says so; the settings stay in memory)."""

    save_failed = Signal(str)

    def __init__(self, loaded: LoadedSettings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._settings = loaded.settings
        self._path = loaded.path
        self.loaded = loaded

    @property
    def value(self) -> Settings:
        return self._settings

    def update(self, **changes: Any) -> None:
        """Replace fields of the settings (``update(theme="dark")``)."""
        self._settings = replace(self._settings, **changes)

    def remember_pair(self, left: str, right: str) -> None:
        """Put a pair of files first in File > Open Recent, and save."""
        self._settings = self._settings.with_recent(left, right)
        self.save()

    def remember_folder(self, key: str, path: str) -> None:
        """``open_folder`` or ``export_folder``: the folder of ``path``, for the next dialog."""
        self.update(**{key: str(Path(path).parent)})

    def folder(self, key: str) -> str:
        return str(getattr(self._settings, key) or Path.home())

    def save(self) -> bool:
        try:
            save_settings(self._settings, self._path)
        except ExportError as exc:
            self.save_failed.emit(str(exc))
            return False
        return True

    def problem_text(self) -> str:
        """What to tell the user about the settings file read at start, or empty."""
        loaded = self.loaded
        if loaded.problem is None:
            return ""
        kept = (self.tr(" A copy of the old file was kept as %1.")
                .replace("%1", str(loaded.backup)) if loaded.backup else "")
        if loaded.problem is SettingsProblem.NEWER:
            text = self.tr("Your settings were saved by a newer version of Article Diff, so this "
                           "version started with its default settings.")
        elif loaded.problem is SettingsProblem.UNREADABLE:
            text = self.tr("Your settings file %1 could not be read, so Article Diff started with "
                           "its default settings.").replace("%1", str(loaded.path))
        else:
            text = self.tr("Your settings file was damaged, so Article Diff started with its "
                           "default settings.")
        return text + kept


__all__ = ["SettingsKeeper"]
