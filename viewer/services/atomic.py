"""Atomic file writes: the target is replaced only by a complete file, or left as it was."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import Callable, Iterator, Union

Writer = Callable[[Path], None]


class ExportError(Exception):
    """A file could not be written; the message names it and says why."""


@contextlib.contextmanager
def atomic_path(target: Union[str, os.PathLike[str]]) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; on success it replaces ``target`` atomically.

    On any exception the temporary file is removed and ``target`` is untouched.
    """
    target = Path(target)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise ExportError(f"Cannot write {target.name}: the folder {folder} does not exist.")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise ExportError(f"Cannot write {target.name} in {folder}: {exc.strerror or exc}.") from exc
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        if not tmp_path.exists() or tmp_path.stat().st_size == 0:
            raise ExportError(f"Nothing was written for {target.name}.")
        with open(tmp_path, "rb+") as fh:
            os.fsync(fh.fileno())
        mode = 0o644
        if target.exists():
            mode = target.stat().st_mode & 0o777
        os.chmod(tmp_path, mode)
        os.replace(tmp_path, target)
    except OSError as exc:
        raise ExportError(f"Cannot write {target.name}: {exc.strerror or exc}.") from exc
    finally:
        with contextlib.suppress(OSError):
            if tmp_path.exists():
                tmp_path.unlink()


def write_bytes_atomic(target: Union[str, os.PathLike[str]], data: bytes) -> None:
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)


def write_text_atomic(target: Union[str, os.PathLike[str]], text: str) -> None:
    write_bytes_atomic(target, text.encode("utf-8"))
