"""Reading the file a user named: the opened descriptor is checked, never the path."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from viewer.services import documents
from viewer.services.documents import DocumentError, read_document
from viewer.services.files import FileProblem, read_regular


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_path_swapped_for_a_fifo_after_the_check_does_not_hang(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    regular = tmp_path / "article.txt"
    regular.write_text("An article.", encoding="utf-8")
    fifo = tmp_path / "swapped.txt"
    os.mkfifo(fifo)
    real_stat = os.stat

    def stat_before_the_swap(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        # What a check made before the swap saw: a regular file at that path.
        if os.fspath(path) == str(fifo):
            return real_stat(regular)
        return real_stat(path, *args, **kwargs)

    monkeypatch.setattr(documents.os, "stat", stat_before_the_swap)
    outcome: list[object] = []
    reader = threading.Thread(target=lambda: outcome.append(_try_read(fifo)), daemon=True)
    reader.start()
    reader.join(20)  # a hang guard, not a timing
    if reader.is_alive():  # the old code blocks in open(): let it go before failing
        with open(fifo, "wb"):
            pass
        reader.join(5)
        pytest.fail("reading a FIFO blocked")
    (error,) = outcome
    assert isinstance(error, DocumentError) and error.reason == "unreadable"
    assert "not a regular file" in error.message


def _try_read(path: Path) -> object:
    try:
        return read_document(path)
    except DocumentError as error:
        return error


def test_a_symlink_loop_is_called_a_loop_not_a_permission_problem(tmp_path: Path) -> None:
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    with pytest.raises(DocumentError) as caught:
        read_document(tmp_path / "a.txt")
    assert "loop" in caught.value.message
    assert "permission" not in caught.value.message.lower()
    assert "a.txt" in caught.value.message


def test_read_regular_limits_and_kinds(tmp_path: Path) -> None:
    path = tmp_path / "f.txt"
    path.write_bytes(b"x" * 100)
    assert read_regular(path, 100) == b"x" * 100
    with pytest.raises(FileProblem) as caught:
        read_regular(path, 99)
    assert caught.value.kind == "too_large" and caught.value.size == 100
    for target, kind in ((tmp_path, "is_directory"), (tmp_path / "none", "not_found"),
                         (Path("/dev/null"), "special")):
        with pytest.raises(FileProblem) as caught:
            read_regular(target, 10)
        assert caught.value.kind == kind
