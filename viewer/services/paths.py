"""Where Article Diff keeps its own files: settings, embedding cache, logs.

``$ARTICLE_DIFF_HOME`` puts all three under one folder (tests point it at a temporary one);
otherwise platformdirs gives each its platform's usual place.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "article-diff"
HOME_ENV = "ARTICLE_DIFF_HOME"


def _dir(kind: str) -> Path:
    home = os.environ.get(HOME_ENV)
    if home:
        return Path(home) / kind
    if kind == "config":
        return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))
    if kind == "data":
        return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    if kind == "cache":
        return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    return _dir("config")


def cache_dir() -> Path:
    return _dir("cache")


def log_dir() -> Path:
    return _dir("log")


def data_dir() -> Path:
    """The user's data folder: autosaved reviews."""
    return _dir("data")
