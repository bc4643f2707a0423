"""Fixtures for the main-window tests: a private home per test, copies of the sample pair, a
fast lexical embedder factory and a window that is always closed (threads joined) afterwards."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest

from viewer.ui.theme import guard_singleton_refcounts

guard_singleton_refcounts()  # PySide6 6.12 on CPython < 3.12 (see viewer.ui.theme)

from tests.ui.window.window_helpers import lexical_factory

SEEDS = Path(__file__).resolve().parents[3] / "seeds"


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Settings and cache go to a fresh folder for every test."""
    folder = tmp_path / "home"
    monkeypatch.setenv("ARTICLE_DIFF_HOME", str(folder))
    return folder


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    """Copies of the sample pair (tests may change them on disk)."""
    folder = tmp_path / "articles"
    folder.mkdir()
    left, right = folder / "original.txt", folder / "rewrite.txt"
    shutil.copyfile(SEEDS / "original.txt", left)
    shutil.copyfile(SEEDS / "rewrite.txt", right)
    return left, right


@pytest.fixture
def make_window(qtbot) -> Iterator[Callable[..., object]]:  # type: ignore[no-untyped-def]
    """``make_window(paths=(), factory=lexical_factory)``: a shown MainWindow, closed at the end."""
    from viewer.app import build_window

    made = []

    def make(paths: Sequence[object] = (), factory: Callable[[], object] | None = None):  # type: ignore[no-untyped-def]
        window = build_window([str(p) for p in paths], embedder_factory=factory or lexical_factory)
        qtbot.addWidget(window)
        made.append(window)
        return window

    yield make
    for window in made:
        window.close()
        assert window.runner.active_threads() == 0
        assert window.reader.active_threads() == 0
