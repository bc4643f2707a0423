"""The batch manifest: one pair a line, ``LEFT<TAB>RIGHT<TAB>NAME``, checked before any work.

Every line is checked and every problem is reported with its line number before a single pair
is compared: missing columns, names that are unsafe, too long or used twice (a repeated NAME,
an explicit name equal to a generated ``pairN``, two names differing only in case, or the
batch's own ``index``), paths that do not exist, and outputs that would replace an input.
Reading is bounded: a manifest over :data:`MAX_MANIFEST_BYTES` or with a line over
:data:`MAX_LINE_CHARS` is refused as a whole (``/dev/zero`` given as a manifest stops at once).
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

MAX_MANIFEST_BYTES = 64 * 1024 * 1024
"""About 300,000 lines of two long paths and a name: far past any batch one folder holds."""
MAX_LINE_CHARS = 3 * 4096 + 1024
"""Two paths of PATH_MAX and a name, with room to spare."""
MAX_NAME_BYTES = 255 - len(".json")
"""A file name is at most 255 bytes on every common file system; ``NAME.json``, ``NAME.html``
and ``NAME.pdf`` must all fit."""
RESERVED_NAMES = ("index",)
"""``DIR/index.jsonl`` and ``DIR/index.html`` belong to the batch itself."""
RESERVED_FILES = ("index.jsonl", "index.html")
_NAME_FORBIDDEN = ("/", "\\", "\0")


class ManifestError(Exception):
    """The manifest as a whole cannot be used (unreadable, too big, not text)."""


@dataclass(frozen=True)
class Pair:
    """One line of the manifest: the two articles (absolute paths) and the output name."""

    line: int
    left: str
    right: str
    name: str
    explicit_name: bool = True


@dataclass(frozen=True)
class LineProblem:
    """Why manifest line ``line`` cannot be run."""

    line: int
    message: str


@dataclass(frozen=True)
class Manifest:
    """The pairs that can run and the lines that cannot, in manifest order."""

    path: Path
    pairs: tuple[Pair, ...]
    problems: tuple[LineProblem, ...]

    @property
    def bad_lines(self) -> frozenset[int]:
        return frozenset(p.line for p in self.problems)

    def skipped_lines(self) -> list[tuple[Pair | None, LineProblem]]:
        """Each bad line once, with its pair (if it has one) and all its problems joined."""
        by_line = {p.line: p for p in self.pairs}
        messages: dict[int, list[str]] = defaultdict(list)
        for q in self.problems:
            messages[q.line].append(q.message)
        return [(by_line.get(n), LineProblem(n, "; ".join(m))) for n, m in messages.items()]

    def valid_pairs(self) -> tuple[Pair, ...]:
        bad = self.bad_lines
        return tuple(p for p in self.pairs if p.line not in bad)


def _lines(fh: BinaryIO, name: str) -> Iterator[tuple[int, str]]:
    limit = MAX_LINE_CHARS * 4 + 2  # bytes: four a character at most, and the line end
    too_long = (f"{name} line {{n}} is longer than {MAX_LINE_CHARS:,} characters: "
                "is it a manifest?")
    total = 0
    n = 0
    while True:
        raw = fh.readline(limit)
        if not raw:
            return
        n += 1
        total += len(raw)
        if total > MAX_MANIFEST_BYTES:
            raise ManifestError(
                f"{name} is larger than {MAX_MANIFEST_BYTES // (1024 * 1024)} MB: "
                "split it into several batches"
            )
        if len(raw) >= limit and not raw.endswith(b"\n"):
            raise ManifestError(too_long.format(n=n))
        try:
            text = raw.decode("utf-8-sig" if n == 1 else "utf-8")
        except UnicodeDecodeError:
            raise ManifestError(f"{name} line {n} is not UTF-8 text") from None
        text = text.rstrip("\r\n")
        if len(text) > MAX_LINE_CHARS:
            raise ManifestError(too_long.format(n=n))
        yield n, text


def _name_problem(name: str) -> str:
    if any(c in name for c in _NAME_FORBIDDEN) or name in (".", ".."):
        return f"the name {name!r} must not contain a path (/ or \\)"
    if name.startswith("."):
        return f"the name {name!r} must not start with a dot (hidden and temporary files do)"
    if any(ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 for c in name):
        return f"the name {name!r} holds control characters"
    size = len(name.encode("utf-8", "surrogatepass"))
    if size > MAX_NAME_BYTES:
        return f"the name is too long ({size} bytes; at most {MAX_NAME_BYTES})"
    if name.casefold() in RESERVED_NAMES:
        return f"the name {name!r} is reserved for the batch's index files"
    return ""


def _path_problem(label: str, path: str) -> str:
    if not path:
        return f"the {label} path is empty"
    if "\0" in path:
        return f"the {label} path holds a NUL character"
    try:
        if not os.path.exists(path):
            return f"{label} {path} does not exist"
        if os.path.isdir(path):
            return f"{label} {path} is a folder, not a file"
    except (OSError, ValueError) as exc:
        return f"{label} {path} cannot be checked ({exc})"
    return ""


def _absolute(base: Path, path: str) -> str:
    """``path`` taken from the manifest's folder, made absolute: workers on a cluster run in
    other folders."""
    return os.path.abspath(base / path) if path else ""


def parse_lines(lines: Iterable[tuple[int, str]], base: Path, source: str) -> Manifest:
    """The pairs and the per-line problems of already-read manifest lines (no file checks yet)."""
    pairs: list[Pair] = []
    problems: list[LineProblem] = []
    for n, line in lines:
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) < 2:
            problems.append(LineProblem(n, "expected LEFT<TAB>RIGHT<TAB>NAME"))
            continue
        left, right = parts[0].strip(), parts[1].strip()
        given = parts[2].strip() if len(parts) > 2 else ""
        name = given or f"pair{n}"
        pair = Pair(n, _absolute(base, left), _absolute(base, right), name,
                    explicit_name=bool(given))
        pairs.append(pair)
        why = _name_problem(name)
        if why:
            problems.append(LineProblem(n, why))
    return Manifest(Path(source), tuple(pairs), tuple(problems))


def _collisions(pairs: Sequence[Pair], skip: frozenset[int]) -> list[LineProblem]:
    by_key: dict[str, list[Pair]] = defaultdict(list)
    for p in pairs:
        if p.line not in skip:
            by_key[p.name.casefold()].append(p)
    out: list[LineProblem] = []
    for group in by_key.values():
        if len(group) < 2:
            continue
        for p in group:
            others = ", ".join(str(q.line) for q in group if q is not p)
            how = "" if p.explicit_name else " (the name given to a line without one)"
            out.append(LineProblem(
                p.line,
                f"the name {p.name!r}{how} is also used on line {others}: "
                "their outputs would overwrite each other",
            ))
    return out


def _real(path: str) -> str:
    try:
        return os.path.realpath(path)
    except (OSError, ValueError):
        return path


def check_pairs(
    manifest: Manifest, *, out_dir: Path | None = None, formats: Sequence[str] = ()
) -> Manifest:
    """``manifest`` with the problems that need the file system and the whole list: colliding
    names, missing inputs, and outputs (``out_dir/NAME.<format>``) that are inputs."""
    problems = list(manifest.problems)
    bad = manifest.bad_lines
    problems += _collisions(manifest.pairs, frozenset(bad))
    inputs: dict[str, int] = {}
    for p in manifest.pairs:
        if p.line in bad:
            continue
        for label, path in (("LEFT", p.left), ("RIGHT", p.right)):
            why = _path_problem(label, path)
            if why:
                problems.append(LineProblem(p.line, why))
            elif path:
                inputs.setdefault(_real(path), p.line)
    if out_dir is not None:
        for own in RESERVED_FILES:
            line = inputs.get(_real(str(out_dir / own)))
            if line is not None:
                problems.append(LineProblem(
                    line, f"the batch's own {out_dir / own} would replace this line's article"))
        for p in manifest.pairs:
            if p.line in bad:
                continue
            for fmt in formats:
                target = out_dir / f"{p.name}.{fmt}"
                line = inputs.get(_real(str(target)))
                if line is not None:
                    problems.append(LineProblem(
                        p.line,
                        f"the output {target} would replace the article on line {line}",
                    ))
    problems.sort(key=lambda q: q.line)
    return Manifest(manifest.path, manifest.pairs, tuple(dict.fromkeys(problems)))


def read_manifest(
    path: str | os.PathLike[str],
    *,
    out_dir: Path | None = None,
    formats: Sequence[str] = (),
) -> Manifest:
    """Read and check the manifest at ``path``; relative paths in it are taken from its folder.

    Raises :class:`ManifestError` when the file cannot be used at all; problems of single lines
    are in ``Manifest.problems``, every one of them, in line order.
    """
    path = Path(path)
    try:
        with open(path, "rb") as fh:
            lines = list(_lines(fh, path.name))
    except OSError as exc:
        raise ManifestError(f"cannot read the manifest {path}: {exc.strerror or exc}") from exc
    manifest = parse_lines(lines, path.parent, str(path))
    if not manifest.pairs and not manifest.problems:
        raise ManifestError(f"{path.name} lists no pairs")
    return check_pairs(manifest, out_dir=out_dir, formats=formats)
