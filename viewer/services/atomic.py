"""Every file Article Diff writes goes through here: one check, then an atomic replace.

The check (:func:`refuse_inputs`) refuses a target that is one of the articles being compared:
the paths a caller names (``protect``) and every article :mod:`documents` has read in this
process (:func:`remember_input`). It follows symbolic links and recognises hard links, so
``a.json`` reached as ``link.json`` or ``./x/../a.json`` is still ``a.json``.

The write (:func:`atomic_path`) goes to a temporary ``.NAME.xxxxxxxx.part`` file beside the
target, which replaces the target only once it is complete; on any exception (a failed export,
Ctrl+C, or SIGTERM/SIGHUP turned into an exception by the command line) the temporary file is
removed and the target is left as it was.

What a symbolic link as the target means: the file the link points to is replaced and the link
is kept (as editors do), so ``out.pdf -> reports/today.pdf`` updates ``reports/today.pdf``. A
new file gets the usual permissions (0666 less the umask, as ``open()`` gives); a replaced file
keeps its permissions.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Union

PathLike = Union[str, "os.PathLike[str]"]
Writer = Callable[[Path], None]
Translate = Callable[[str], str]

_TEMP_NAME_BYTES = 200
"""At most this much of the target's name goes into the temporary name, so that the temporary
name (``.`` + name + ``.`` + 8 + ``.part``) fits the usual 255-byte limit whenever the target's
name does."""


class ExportError(Exception):
    """A file could not be written; the message names it and says why."""


def _same(text: str) -> str:
    return text


_inputs: set[str] = set()
_inputs_lock = threading.Lock()


def remember_input(path: PathLike) -> None:
    """Record ``path`` as an article being compared: no writer will replace it in this process."""
    with contextlib.suppress(OSError, ValueError):
        real = os.path.realpath(os.fspath(path))
        with _inputs_lock:
            _inputs.add(real)


def refuse_inputs(
    target: PathLike, protect: Iterable[PathLike | None] = (), tr: Translate = _same
) -> None:
    """Raise :class:`ExportError` if writing ``target`` would replace an input article.

    Inputs are the paths in ``protect`` (``None`` entries are skipped, for pasted text) and every
    article read in this process. Symbolic links are followed and hard links recognised.
    """
    target = Path(target)
    try:
        real = os.path.realpath(target)
    except (OSError, ValueError):
        return
    with _inputs_lock:
        remembered = real in _inputs
    candidates = [os.fspath(p) for p in protect if p is not None]
    if remembered or any(_same_file(real, other) for other in candidates):
        raise ExportError(
            tr("Cannot write {name}: it is one of the files being compared.").format(
                name=target.name
            )
        )


def _same_file(real_target: str, other: str) -> bool:
    try:
        if os.path.realpath(other) == real_target:
            return True
        return os.path.exists(real_target) and os.path.samefile(real_target, other)
    except (OSError, ValueError):
        return False


def resolve_target(target: PathLike) -> Path:
    """Where writing ``target`` puts the bytes: ``target`` itself, or the file a symbolic link
    (or a chain of them) points to, even if that file does not exist yet."""
    target = Path(target)
    if not target.is_symlink():
        return target
    return Path(os.path.realpath(target))


@contextlib.contextmanager
def atomic_path(
    target: PathLike, *, protect: Iterable[PathLike | None] = (), tr: Translate = _same
) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; on success it replaces ``target`` atomically.

    Refuses (:class:`ExportError`) a target that is an input (see :func:`refuse_inputs`). On
    any exception the temporary file is removed and ``target`` is untouched.
    """
    shown = Path(target)
    refuse_inputs(shown, protect, tr)
    real = resolve_target(shown)
    folder = real.parent if str(real.parent) else Path(".")
    if not folder.is_dir():
        raise ExportError(f"Cannot write {shown.name}: the folder {folder} does not exist.")
    tmp_path = _create_temporary(real, folder, shown.name)
    try:
        yield tmp_path
        if not tmp_path.exists() or tmp_path.stat().st_size == 0:
            raise ExportError(f"Nothing was written for {shown.name}.")
        with open(tmp_path, "rb+") as fh:
            os.fsync(fh.fileno())
        with contextlib.suppress(FileNotFoundError):
            os.chmod(tmp_path, real.stat().st_mode & 0o7777)  # a replaced file keeps its mode
        os.replace(tmp_path, real)
    except OSError as exc:
        raise ExportError(f"Cannot write {shown.name}: {exc.strerror or exc}.") from exc
    finally:
        with contextlib.suppress(OSError):
            if tmp_path.exists():
                tmp_path.unlink()


def _create_temporary(real: Path, folder: Path, shown: str) -> Path:
    """An empty new file beside ``real``, created with mode 0666 so that the umask applies."""
    stem = os.fsencode(real.name)[:_TEMP_NAME_BYTES].decode("utf-8", "ignore") or "export"
    for _ in range(100):
        tmp = folder / f".{stem}.{secrets.token_hex(4)}.part"
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            continue
        except OSError as exc:
            raise ExportError(
                f"Cannot write {shown} in {folder}: {exc.strerror or exc}."
            ) from exc
        os.close(fd)
        return tmp
    raise ExportError(f"Cannot write {shown} in {folder}: {os.strerror(errno.EEXIST)}.")


def write_bytes_atomic(
    target: PathLike, data: bytes, *, protect: Iterable[PathLike | None] = ()
) -> None:
    """Write ``data`` to ``target`` through :func:`atomic_path`."""
    with atomic_path(target, protect=protect) as tmp:
        tmp.write_bytes(data)


def write_text_atomic(
    target: PathLike, text: str, *, protect: Iterable[PathLike | None] = ()
) -> None:
    """Write ``text`` as UTF-8 to ``target`` through :func:`atomic_path`."""
    write_bytes_atomic(target, text.encode("utf-8"), protect=protect)
