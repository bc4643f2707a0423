"""Autosaved reviews, for recovery after a crash.

While a window has unsaved review work, it saves it every few minutes to
``data_dir()/autosave/review-<pid>-<n>.adiff`` (the review file format, written atomically).
A clean close deletes the file. At start, an autosave whose process is gone (it crashed or was
killed) is offered for recovery; one whose process still runs belongs to another window and
is left alone.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import time
from dataclasses import dataclass
from pathlib import Path

from .paths import data_dir
from .review_file import Review, ReviewFileError, load_review, save_review

INTERVAL_S = 180
"""How often a window with unsaved review work saves it."""
_STALE_S = 3 * INTERVAL_S
"""Where a process cannot be asked whether it lives: an autosave not refreshed for this long
is orphaned."""
_counter = itertools.count(1)


def autosave_dir() -> Path:
    return data_dir() / "autosave"


class Autosaver:
    """One window's autosave file: ``save`` replaces it, ``discard`` removes it."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or autosave_dir()
        self.path = self.folder / f"review-{os.getpid()}-{next(_counter)}.adiff"

    def save(self, review: Review) -> None:
        """Write ``review`` (raises ``ExportError`` if the folder cannot be written)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        save_review(review, self.path)

    def discard(self) -> None:
        with contextlib.suppress(OSError):
            self.path.unlink()


@dataclass(frozen=True)
class Recoverable:
    path: Path
    review: Review
    modified: float


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if os.name != "posix":
        return False  # decided by age instead
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def recoverable(folder: Path | None = None) -> list[Recoverable]:
    """Autosaves left by windows that did not close (newest first). Unreadable ones are
    skipped (and kept, for a person to look at)."""
    folder = folder or autosave_dir()
    out = []
    try:
        paths = sorted(folder.glob("review-*.adiff"))
    except OSError:
        return []
    for path in paths:
        try:
            pid = int(path.name.split("-")[1])
            modified = path.stat().st_mtime
        except (ValueError, IndexError, OSError):
            continue
        if _alive(pid) and (os.name == "posix" or time.time() - modified < _STALE_S):
            continue
        try:
            review = load_review(path)
        except ReviewFileError:
            continue
        out.append(Recoverable(path, review, modified))
    return sorted(out, key=lambda r: -r.modified)


def forget(item: Recoverable) -> None:
    """Delete a recovered (or declined) autosave."""
    with contextlib.suppress(OSError):
        item.path.unlink()
