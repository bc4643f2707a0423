"""Reading a file the user named, safely: only a regular file, never blocking, never unbounded.

The file is opened first (non-blocking, so a FIFO or a device cannot hang the open) and then the
opened descriptor is checked, not the path: a path swapped between a check and the open (a
regular file replaced by a FIFO, say) cannot fool it. At most ``limit`` bytes are read.
"""

from __future__ import annotations

import errno
import os
import stat


class FileProblem(Exception):
    """Why a file could not be read. ``kind`` is one of ``not_found``, ``is_directory``,
    ``special`` (a FIFO, device or socket), ``loop`` (symbolic links that lead in a circle),
    ``permission``, ``too_large`` (``size`` says how large, or ``-1`` if it grew while read)
    and ``io`` (``detail`` has the system's words)."""

    def __init__(self, kind: str, detail: str = "", size: int = 0) -> None:
        super().__init__(kind, detail)
        self.kind = kind
        self.detail = detail
        self.size = size


_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
_FLAGS |= getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)


def read_regular(path: str | os.PathLike[str], limit: int) -> bytes:
    """The bytes of the regular file at ``path``, at most ``limit`` of them.

    Raises :class:`FileProblem` for anything else: a missing file, a folder, a FIFO, a device,
    a symbolic-link loop, no permission, an input/output error, or more than ``limit`` bytes.
    """
    try:
        fd = os.open(path, _FLAGS)
    except OSError as error:
        raise _problem(error) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise FileProblem("is_directory")
        if not stat.S_ISREG(info.st_mode):
            raise FileProblem("special")
        if info.st_size > limit:
            raise FileProblem("too_large", size=info.st_size)
        chunks: list[bytes] = []
        total = 0
        while total <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:  # it grew after the fstat
            raise FileProblem("too_large", size=-1)
        return b"".join(chunks)
    except OSError as error:
        raise _problem(error) from None
    finally:
        os.close(fd)


def _problem(error: OSError) -> FileProblem:
    code = error.errno
    if code in (errno.ENOENT, errno.ENOTDIR):
        return FileProblem("not_found")
    if code == errno.EISDIR:
        return FileProblem("is_directory")
    if code == errno.ELOOP:
        return FileProblem("loop")
    if code in (errno.EACCES, errno.EPERM):
        return FileProblem("permission")
    if code in (errno.ENXIO, errno.ENODEV):  # a socket, or a device with nothing behind it
        return FileProblem("special")
    return FileProblem("io", detail=error.strerror or str(error))
