"""The benchmarks' corpus finds the shared Aesop fables from a git worktree as well.

It looked only in the checkout's parent, so from ``/work/wt/NAME`` it silently built its pairs
from the sample pair alone: other, longer texts (the 20,000 pair went over the readers'
character limit and bench_ui's window run waited 120 s, then failed with an IndexError).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.corpus import AESOP_NAME, find_aesop


def _fables(base: Path) -> Path:
    path = base / AESOP_NAME
    path.parent.mkdir(parents=True)
    path.write_text('{"left": [], "right": []}\n', encoding="utf-8")
    return path


def test_found_beside_the_main_checkout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ARTICLE_DIFF_AESOP", raising=False)
    fables = _fables(tmp_path)
    assert find_aesop(tmp_path / "main") == fables


def test_found_from_a_worktree_two_levels_down(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("ARTICLE_DIFF_AESOP", raising=False)
    fables = _fables(tmp_path)
    assert find_aesop(tmp_path / "wt" / "someone") == fables


def test_the_nearest_copy_wins_and_the_variable_overrides(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("ARTICLE_DIFF_AESOP", raising=False)
    _fables(tmp_path)
    near = _fables(tmp_path / "wt")
    assert find_aesop(tmp_path / "wt" / "someone") == near
    monkeypatch.setenv("ARTICLE_DIFF_AESOP", str(tmp_path / "elsewhere.jsonl"))
    assert find_aesop(tmp_path / "wt" / "someone") == tmp_path / "elsewhere.jsonl"


def test_missing_everywhere_names_the_usual_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("ARTICLE_DIFF_AESOP", raising=False)
    root = tmp_path / "wt" / "someone"
    if any((folder / AESOP_NAME).is_file() for folder in tmp_path.parents):
        pytest.skip("a folder above the temporary folder holds the fables")
    assert find_aesop(root) == tmp_path / "wt" / AESOP_NAME
