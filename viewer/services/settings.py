"""The window's settings: one typed, versioned object saved as JSON, atomically.

Plain Python (no Qt): the window stores its geometry as a base64 string it produced itself.
A damaged file (not JSON, wrong types) or one written by a newer version is never trusted:
:func:`load_settings` returns the defaults, keeps a copy of the file as ``settings.json.bad``
and says what happened in :attr:`LoadedSettings.problem`, for the window to tell the user.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, fields, replace
from enum import Enum
from pathlib import Path
from typing import Any, Union

from ..engine.model import IgnoreOptions
from ..engine.model_choice import MODEL_CHOICES
from .atomic import ExportError, write_bytes_atomic, write_text_atomic
from .paths import config_dir

SETTINGS_VERSION = 1
SETTINGS_FILE = "settings.json"
BACKUP_SUFFIX = ".bad"
MAX_RECENT = 10
THEMES = ("system", "light", "dark")
DISPLAY_MODES = ("marked", "clean", "inline")

PathLike = Union[str, "os.PathLike[str]"]


class SettingsProblem(str, Enum):
    """Why a settings file was replaced by the defaults."""

    DAMAGED = "damaged"  # not JSON, not an object, or a value of the wrong type
    NEWER = "newer"  # written by a newer version of Article Diff
    UNREADABLE = "unreadable"  # the file exists but cannot be read (permissions, I/O)


@dataclass(frozen=True)
class RecentPair:
    """Two files compared together, remembered for File > Recent."""

    left: str
    right: str

    def exists(self) -> bool:
        """Whether both files are still there."""
        return Path(self.left).is_file() and Path(self.right).is_file()


@dataclass(frozen=True)
class Settings:
    """Everything the window remembers between runs."""

    version: int = SETTINGS_VERSION
    window_geometry: str = ""  # base64 of QWidget.saveGeometry()
    window_state: str = ""
    """base64 of QMainWindow.saveState(): where the side panel is docked, its width, whether
    it is shown, and the toolbar."""
    theme: str = "system"
    sensitivity: float = 0.5
    sync_scrolling: bool = True
    link_map_width: int = 0  # px; 0: the link map's default width
    reading_size: float = 0.0  # the panes' font size in points (View > Zoom); 0: the default
    export_changes_only: bool = False  # PDF, HTML and print leave identical sentences out
    recent_pairs: tuple[RecentPair, ...] = ()
    recent_reviews: tuple[str, ...] = ()
    """Review files (.adiff) opened or saved, newest first."""
    skip_reviewed: bool = False
    """F7/F8 pass over changes and findings marked reviewed or ignored."""
    model_folder: str = ""  # empty: the bundled model (or $ARTICLE_DIFF_MODEL)
    model_choice: str = "auto"  # View > Sentence Model: auto, english, multilingual
    display_mode: str = "marked"
    """View > Display: "marked" (changed words marked), "clean" (sentence tints only) or
    "inline" (one reading column)."""
    hide_identical: bool = False
    """View > Hide Identical Sentences: each run of them is one placeholder line per pane."""
    ignore: tuple[str, ...] = IgnoreOptions().names()
    """View > Ignore: the differences that do not count as changes (IgnoreOptions.NAMES)."""
    export_folder: str = ""
    open_folder: str = ""

    def with_recent(self, left: PathLike, right: PathLike) -> Settings:
        """A copy with the pair first in the recent list (once), at most ``MAX_RECENT`` long."""
        pair = RecentPair(os.path.abspath(os.fspath(left)), os.path.abspath(os.fspath(right)))
        rest = tuple(p for p in self.recent_pairs if p != pair)
        return replace(self, recent_pairs=((pair,) + rest)[:MAX_RECENT])

    def with_recent_review(self, path: PathLike) -> Settings:
        """A copy with the review file first in the recent reviews (once)."""
        full = os.path.abspath(os.fspath(path))
        rest = tuple(p for p in self.recent_reviews if p != full)
        return replace(self, recent_reviews=((full,) + rest)[:MAX_RECENT])

    def without_recent(self, pair: RecentPair) -> Settings:
        """A copy without ``pair`` in the recent list."""
        return replace(self, recent_pairs=tuple(p for p in self.recent_pairs if p != pair))


@dataclass(frozen=True)
class LoadedSettings:
    """What :func:`load_settings` found: the settings to use, and any problem with the file."""

    settings: Settings
    path: Path
    problem: SettingsProblem | None = None
    backup: Path | None = None  # where the rejected file was copied
    detail: str = ""  # a short technical reason, for the notice's tooltip or the log


class _Invalid(Exception):
    pass


def settings_path() -> Path:
    """``config_dir()/settings.json``."""
    return config_dir() / SETTINGS_FILE


def _check_str(name: str, value: Any) -> str:
    if not isinstance(value, str):
        raise _Invalid(f"{name} should be text")
    return value


def _check_bool(name: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise _Invalid(f"{name} should be true or false")
    return value


def _parse(data: Any) -> Settings:
    """Build ``Settings`` from decoded JSON, raising ``_Invalid`` at the first wrong value.

    Missing keys keep their defaults (an older file); unknown keys are ignored.
    """
    if not isinstance(data, dict):
        raise _Invalid("the file does not hold a JSON object")
    out: dict[str, Any] = {}
    known = {f.name for f in fields(Settings)}
    for key, value in data.items():
        if key not in known or key == "version":
            continue
        if key in ("window_geometry", "window_state", "model_folder", "export_folder",
                   "open_folder"):
            out[key] = _check_str(key, value)
        elif key == "theme":
            if value not in THEMES:
                raise _Invalid(f"theme should be one of {', '.join(THEMES)}")
            out[key] = value
        elif key == "sensitivity":
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise _Invalid("sensitivity should be a number")
            if not 0.0 <= float(value) <= 1.0:
                raise _Invalid("sensitivity should be between 0 and 1")
            out[key] = float(value)
        elif key == "model_choice":
            if value not in MODEL_CHOICES:
                raise _Invalid(f"model_choice should be one of {', '.join(MODEL_CHOICES)}")
            out[key] = value
        elif key in ("sync_scrolling", "skip_reviewed", "export_changes_only", "hide_identical"):
            out[key] = _check_bool(key, value)
        elif key == "reading_size":
            if isinstance(value, bool) or not isinstance(value, (int, float)) \
                    or not (value == 0 or 6 <= value <= 48):
                raise _Invalid("reading_size should be 0 or a font size from 6 to 48 points")
            out[key] = float(value)
        elif key == "link_map_width":
            if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 2000:
                raise _Invalid("link_map_width should be a whole number of pixels")
            out[key] = value
        elif key == "display_mode":
            if value not in DISPLAY_MODES:
                raise _Invalid(f"display_mode should be one of {', '.join(DISPLAY_MODES)}")
            out[key] = value
        elif key == "ignore":
            if not isinstance(value, list) or not all(v in IgnoreOptions.NAMES for v in value):
                raise _Invalid("ignore should be a list of: " + ", ".join(IgnoreOptions.NAMES))
            out[key] = tuple(n for n in IgnoreOptions.NAMES if n in value)
        elif key == "recent_reviews":
            if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
                raise _Invalid("recent_reviews should be a list of paths")
            out[key] = tuple(dict.fromkeys(value))[:MAX_RECENT]
        elif key == "recent_pairs":
            out[key] = _parse_recent(value)
    return Settings(**out)


def _parse_recent(value: Any) -> tuple[RecentPair, ...]:
    if not isinstance(value, list):
        raise _Invalid("recent_pairs should be a list")
    pairs: list[RecentPair] = []
    for item in value:
        if not isinstance(item, dict):
            raise _Invalid("each recent pair should be an object")
        left, right = item.get("left"), item.get("right")
        if not isinstance(left, str) or not isinstance(right, str) or not left or not right:
            raise _Invalid("each recent pair needs a left and a right path")
        pair = RecentPair(left, right)
        if pair not in pairs:
            pairs.append(pair)
    return tuple(pairs[:MAX_RECENT])


def _backup(path: Path) -> Path | None:
    target = path.with_name(path.name + BACKUP_SUFFIX)
    try:
        write_bytes_atomic(target, path.read_bytes())
    except (OSError, ExportError):
        return None
    return target


def load_settings(path: Path | None = None) -> LoadedSettings:
    """Read the settings; never raises.

    No file gives the defaults silently. A damaged file, or one from a newer version, gives the
    defaults, a copy of the file as ``settings.json.bad`` and a ``problem``; the defaults are
    written over it so the notice is shown once.
    """
    path = Path(path) if path else settings_path()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return LoadedSettings(Settings(), path)
    except OSError as exc:
        return LoadedSettings(Settings(), path, SettingsProblem.UNREADABLE,
                              detail=exc.strerror or str(exc))
    problem: SettingsProblem | None = None
    detail = ""
    try:
        data = json.loads(raw.decode("utf-8"))
        version = data.get("version") if isinstance(data, dict) else None
        if isinstance(version, int) and not isinstance(version, bool) \
                and version > SETTINGS_VERSION:
            problem = SettingsProblem.NEWER
            detail = f"version {version}; this program understands up to {SETTINGS_VERSION}"
        else:
            if version is not None and (not isinstance(version, int) or isinstance(version, bool)):
                raise _Invalid("version should be a whole number")
            return LoadedSettings(_parse(data), path)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        problem, detail = SettingsProblem.DAMAGED, f"not valid JSON ({exc})"
    except _Invalid as exc:
        problem, detail = SettingsProblem.DAMAGED, str(exc)
    backup = _backup(path)
    defaults = Settings()
    try:
        save_settings(defaults, path)
    except ExportError:
        pass  # a read-only config folder: the defaults still apply for this run
    return LoadedSettings(defaults, path, problem, backup, detail)


def settings_to_json(settings: Settings) -> str:
    """The JSON text saved for ``settings`` (the current version number, sorted keys)."""
    data = asdict(replace(settings, version=SETTINGS_VERSION))
    data["ignore"] = list(settings.ignore)
    data["recent_pairs"] = [{"left": p.left, "right": p.right} for p in settings.recent_pairs]
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def save_settings(settings: Settings, path: Path | None = None) -> None:
    """Write ``settings`` atomically, creating the folder. Raises ``ExportError`` on failure."""
    path = Path(path) if path else settings_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(f"Cannot create the settings folder {path.parent}: "
                          f"{exc.strerror or exc}.") from exc
    write_text_atomic(path, settings_to_json(settings))
