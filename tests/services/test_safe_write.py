"""Every writer goes through one check (never over an input article) and one atomic replace
(symbolic links kept, the umask honoured, names up to the file system's limit)."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from viewer.engine.compare import compare
from viewer.services.atomic import (
    ExportError,
    atomic_path,
    refuse_inputs,
    remember_input,
    write_text_atomic,
)
from viewer.services.documents import read_document
from viewer.services.export_html import export_html
from viewer.services.export_json import export_json
from viewer.services.export_pdf import export_pdf

ARTICLE = "The council met on Monday. It approved the budget.\n\nThe mayor said little.\n"
REWRITE = "The council met on Tuesday. It approved the budget.\n\nThe mayor said nothing.\n"


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    yield
    os.umask(old)


def _pair(tmp_path: Path, lexical_embedder, left_name: str = "a.json"):  # type: ignore[no-untyped-def]
    left = tmp_path / left_name
    right = tmp_path / "b.txt"
    left.write_text(ARTICLE, encoding="utf-8")
    right.write_text(REWRITE, encoding="utf-8")
    c = compare(read_document(left), read_document(right), embedder=lexical_embedder)
    return c, left, right


@pytest.mark.parametrize("exporter", [export_json, export_html, export_pdf])
def test_no_export_overwrites_an_article_being_compared(
    tmp_path: Path, lexical_embedder, exporter  # type: ignore[no-untyped-def]
) -> None:
    c, left, right = _pair(tmp_path, lexical_embedder)
    (tmp_path / "link.json").symlink_to(left)
    os.link(right, tmp_path / "hard.json")
    for target in (left, right, tmp_path / "link.json", tmp_path / "hard.json",
                   tmp_path / "sub" / ".." / "a.json"):
        (tmp_path / "sub").mkdir(exist_ok=True)
        with pytest.raises(ExportError, match="one of the files being compared"):
            exporter(c, target)
    assert left.read_text(encoding="utf-8") == ARTICLE
    assert right.read_text(encoding="utf-8") == REWRITE
    assert (tmp_path / "link.json").is_symlink()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]


def test_protect_names_the_inputs_of_other_pairs(tmp_path: Path, lexical_embedder) -> None:  # type: ignore[no-untyped-def]
    """A batch passes every input of its manifest: pair 2's output may not replace pair 1's input."""
    c, _, _ = _pair(tmp_path, lexical_embedder)
    other = tmp_path / "other-input.txt"
    other.write_text("untouched", encoding="utf-8")
    with pytest.raises(ExportError):
        export_json(c, other, protect=[str(other), None])
    with pytest.raises(ExportError):
        refuse_inputs(tmp_path / "." / "other-input.txt", [other])
    assert other.read_text(encoding="utf-8") == "untouched"
    refuse_inputs(tmp_path / "fresh.json", [other, None])  # anything else is allowed


def test_every_article_read_is_protected_even_when_not_named(tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    read_document(article)
    with pytest.raises(ExportError):
        write_text_atomic(tmp_path / "article.txt", "overwritten")
    assert article.read_text(encoding="utf-8") == ARTICLE
    remember_input(tmp_path / "never-read.txt")
    with pytest.raises(ExportError):
        write_text_atomic(tmp_path / "never-read.txt", "x")


def test_export_through_a_symlink_writes_its_target_and_keeps_the_link(
    tmp_path: Path, umask_022: None
) -> None:
    reports = tmp_path / "reports"
    reports.mkdir()
    real = reports / "today.json"
    real.write_text("old", encoding="utf-8")
    real.chmod(0o640)
    link = tmp_path / "out.json"
    link.symlink_to(real)
    write_text_atomic(link, "new")
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text(encoding="utf-8") == "new"
    assert stat.S_IMODE(real.stat().st_mode) == 0o640  # a replaced file keeps its mode
    assert sorted(p.name for p in reports.iterdir()) == ["today.json"]
    # A link to a file that does not exist yet: the file is created where the link points.
    dangling = tmp_path / "next.json"
    dangling.symlink_to(reports / "tomorrow.json")
    write_text_atomic(dangling, "later")
    assert dangling.is_symlink()
    assert (reports / "tomorrow.json").read_text(encoding="utf-8") == "later"
    assert stat.S_IMODE((reports / "tomorrow.json").stat().st_mode) == 0o644


@pytest.mark.parametrize("umask, mode", [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_new_files_honour_the_umask(tmp_path: Path, umask: int, mode: int) -> None:
    old = os.umask(umask)
    try:
        write_text_atomic(tmp_path / "new.json", "{}")
        link = tmp_path / "link.json"
        link.symlink_to(tmp_path / "made.json")
        write_text_atomic(link, "{}")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.json").stat().st_mode) == mode
    assert stat.S_IMODE((tmp_path / "made.json").stat().st_mode) == mode


def test_a_name_as_long_as_the_file_system_allows_can_be_written(tmp_path: Path) -> None:
    target = tmp_path / ("n" * 250 + ".json")  # 255 bytes: the usual limit
    write_text_atomic(target, "{}")
    assert target.read_text(encoding="utf-8") == "{}"
    wide = tmp_path / ("é" * 125 + ".json")  # 255 bytes in UTF-8
    write_text_atomic(wide, "{}")
    assert wide.exists()


def test_a_failed_write_leaves_nothing(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    with pytest.raises(RuntimeError), atomic_path(target) as tmp:
        tmp.write_text("half", encoding="utf-8")
        raise RuntimeError("renderer failed")
    assert list(tmp_path.iterdir()) == []
