"""Command line: open the window, or compare and export without one.

    article-diff [LEFT [RIGHT]]                 open the window
    article-diff compare LEFT RIGHT [-o OUT]     compare; a summary, or a file by its extension
    article-diff batch MANIFEST --out DIR        compare many pairs, loading the model once
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from pathlib import Path
from typing import Callable, Optional, Sequence

from . import __version__

EXPORT_FORMATS = ("json", "html", "pdf")


def _compare_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("compare", help="compare two articles and print a summary or write a file")
    p.add_argument("left", help="the original article")
    p.add_argument("right", help="the rewrite")
    p.add_argument("-o", "--output", help="write the comparison here; the format comes from the "
                   "extension (.json, .html, .pdf)")
    _common(p)


def _batch_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("batch", help="compare every pair listed in a manifest")
    p.add_argument("manifest", help="one pair a line: LEFT<TAB>RIGHT<TAB>NAME")
    p.add_argument("--out", required=True, help="folder for NAME.<format> files")
    p.add_argument("--format", default="json", help="comma-separated: json,html,pdf (default json)")
    _common(p)


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--split", choices=("auto", "lines"), default="auto",
                   help="auto: sentences; lines: every non-empty line is one sentence")
    p.add_argument("--model", help="a local sentence-transformers folder (default: "
                   "$ARTICLE_DIFF_MODEL, else the bundled all-MiniLM-L6-v2)")
    p.add_argument("--sensitivity", type=_unit_float, default=0.5,
                   help="0..1: higher links only close rewrites, lower links looser paraphrases "
                   "(default 0.5)")
    p.add_argument("--page-size", choices=("a4", "letter"), default="a4", help="PDF page size")
    p.add_argument("--no-cache", action="store_true", help="do not read or write the embedding cache")


def _unit_float(text: str) -> float:
    try:
        v = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not 0.0 <= v <= 1.0:
        raise argparse.ArgumentTypeError("sensitivity must be between 0 and 1")
    return v


def _err(msg: str) -> None:
    """Print a message to stderr; names and paths in it cannot drive the terminal."""
    from .services.terminal import terminal_safe

    print(f"article-diff: {terminal_safe(msg)}", file=sys.stderr)


def _out(msg: str) -> None:
    from .services.terminal import terminal_safe

    print(terminal_safe(msg))


def _progress_printer(enabled: bool) -> Optional[Callable[[str, int, int], None]]:
    if not enabled:
        return None
    last = [0.0]

    def show(phase: str, done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - last[0] < 0.1:
            return
        last[0] = now
        width = 30
        fill = int(width * done / total) if total else width
        sys.stderr.write(f"\r{phase:<8} [{'#' * fill}{'.' * (width - fill)}] {done}/{total}   ")
        if done >= total:
            sys.stderr.write("\r" + " " * 60 + "\r")
        sys.stderr.flush()

    return show


def _write(comparison, target: Path, fmt: str, page_size: str) -> None:  # type: ignore[no-untyped-def]
    if fmt == "json":
        from .services.export_json import export_json

        export_json(comparison, target)
    elif fmt == "html":
        from .services.export_html import export_html

        export_html(comparison, target)
    elif fmt == "pdf":
        from .services.export_pdf import export_pdf

        export_pdf(comparison, target, page_size=page_size)
    else:
        raise ValueError(fmt)


def _load(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from .services.workflow import make_embedder

    embedder = make_embedder(config=args.embed_config, use_cache=not args.no_cache)
    if not embedder.info.semantic:
        _err(f"warning: the sentence model could not be used, so links are based on "
             f"{embedder.info.note}.")
    return embedder


def cmd_compare(args: argparse.Namespace) -> int:
    from .engine.compare import compare
    from .services.atomic import ExportError, refuse_inputs
    from .services.documents import DocumentError, read_document
    from .services.export_text import render_summary

    fmt = None
    if args.output:
        fmt = Path(args.output).suffix.lower().lstrip(".")
        if fmt not in EXPORT_FORMATS:
            _err(f"cannot tell the format of “{args.output}”: use .json, .html or .pdf")
            return 2
    try:
        if args.output:  # refuse before the work, not after it
            refuse_inputs(args.output, (args.left, args.right))
        left = read_document(args.left)
        right = read_document(args.right)
    except DocumentError as exc:
        _err(exc.message)
        return 1
    except ExportError as exc:
        _err(str(exc))
        return 1
    embedder = _load(args)
    comparison = compare(left, right, embedder=embedder, split=args.split,
                         sensitivity=args.sensitivity,
                         progress=_progress_printer(sys.stderr.isatty()))
    if fmt is None:
        color = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
        width = shutil.get_terminal_size((100, 24)).columns
        sys.stdout.write(render_summary(comparison, color=color, width=min(width, 120)))
        return 0
    try:
        _write(comparison, Path(args.output), fmt, args.page_size)
    except ExportError as exc:
        _err(str(exc))
        return 1
    _out(f"wrote {args.output}")
    return 0


def read_manifest(path: Path) -> list[tuple[int, str, str, str]]:
    """``(line number, left, right, name)`` for each pair; relative paths are taken from the
    manifest's folder. Raises ``ValueError`` naming the line for a malformed one."""
    pairs = []
    base = path.parent
    text = path.read_text(encoding="utf-8-sig")
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        parts = line.rstrip("\r\n").split("\t")
        if len(parts) < 2:
            raise ValueError(f"{path.name} line {n}: expected LEFT<TAB>RIGHT<TAB>NAME")
        left, right = parts[0].strip(), parts[1].strip()
        name = parts[2].strip() if len(parts) > 2 and parts[2].strip() else f"pair{n}"
        if "/" in name or "\\" in name or name in (".", ".."):
            raise ValueError(f"{path.name} line {n}: the name {name!r} must not contain a path")
        pairs.append((n, str(base / left), str(base / right), name))
    return pairs


def cmd_batch(args: argparse.Namespace) -> int:
    from .engine.compare import compare
    from .services.atomic import ExportError
    from .services.documents import DocumentError, read_document

    formats = [f.strip().lower() for f in args.format.split(",") if f.strip()]
    bad = [f for f in formats if f not in EXPORT_FORMATS]
    if bad or not formats:
        _err(f"unknown format {', '.join(bad) or '(none)'}: choose from {', '.join(EXPORT_FORMATS)}")
        return 2
    manifest = Path(args.manifest)
    try:
        pairs = read_manifest(manifest)
    except (OSError, UnicodeDecodeError) as exc:
        _err(f"cannot read the manifest {manifest}: {getattr(exc, 'strerror', None) or exc}")
        return 2
    except ValueError as exc:
        _err(str(exc))
        return 2
    out = Path(args.out)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        _err(f"cannot create the output folder {out}: {exc.strerror or exc}")
        return 2
    embedder = _load(args)
    failed = 0
    tty = sys.stderr.isatty()
    for k, (n, left_path, right_path, name) in enumerate(pairs, 1):
        if tty:
            sys.stderr.write(f"\r[{k}/{len(pairs)}] {name[:50]:<50}")
            sys.stderr.flush()
        try:
            comparison = compare(read_document(left_path), read_document(right_path),
                                 embedder=embedder, split=args.split,
                                 sensitivity=args.sensitivity)
            for fmt in formats:
                _write(comparison, out / f"{name}.{fmt}", fmt, args.page_size)
        except (DocumentError, ExportError) as exc:
            failed += 1
            if tty:
                sys.stderr.write("\n")
            _err(f"pair {name} (line {n}) skipped: {getattr(exc, 'message', None) or exc}")
    if tty:
        sys.stderr.write("\n")
    done = len(pairs) - failed
    print(f"{done} of {len(pairs)} pairs compared" + (f", {failed} failed" if failed else ""),
          file=sys.stderr)
    return 1 if failed else 0


def open_window(argv: Sequence[str]) -> int:
    from .app import main as app_main

    return app_main(list(argv))


def main(argv: Optional[Sequence[str]] = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] in (["--version"], ["-V"]):
        print(f"article-diff {__version__}")
        return 0
    if not argv or argv[0] not in ("compare", "batch", "-h", "--help"):
        return open_window(argv)
    from .services.terminal import SafeArgumentParser

    parser = SafeArgumentParser(
        prog="article-diff",
        description="Show what changed between two versions of an article. "
        "Without a command: open the window (article-diff [LEFT RIGHT]).",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    _compare_parser(sub)
    _batch_parser(sub)
    args = parser.parse_args(argv)
    from .services.config import BACKEND_ENV, UnknownBackendError, embed_config

    try:
        args.embed_config = embed_config(args.model)
    except UnknownBackendError as exc:
        _err(f"{exc} (set in ${BACKEND_ENV})")
        return 2
    from .services.termination import Terminated, signals_raise

    try:
        with signals_raise():  # SIGTERM/SIGHUP unwind like Ctrl+C: no .part file is left
            return cmd_compare(args) if args.command == "compare" else cmd_batch(args)
    except KeyboardInterrupt:
        _err("interrupted; no partial file was left")
        return 130
    except Terminated as stop:
        _err(f"stopped by {stop.name}; no partial file was left")
        return 128 + stop.signum


if __name__ == "__main__":
    raise SystemExit(main())
