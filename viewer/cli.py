"""Command line: open the window, or compare and export without one.

    article-diff [LEFT [RIGHT]]                 open the window
    article-diff REVIEW.adiff                    open a saved review in the window
    article-diff compare LEFT RIGHT [-o OUT]     compare; a summary, or a file by its extension
                                                 (.json, .html, .pdf, or .adiff: a review file)
    article-diff export REVIEW.adiff -o OUT      export a saved review (.pdf, .html, .json)
    article-diff batch MANIFEST --out DIR        compare many pairs, loading the model once
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from . import __version__
from .services.export_formats import FORMATS, format_keys

EXPORT_FORMATS = tuple(fmt.key for fmt in FORMATS)
"""The export formats' keys, from the one registry (viewer.services.export_formats)."""


def _extensions(*extra: str) -> str:
    """".pdf, .html or .json" (and any ``extra`` extensions), for a message."""
    names = [fmt.extension for fmt in FORMATS] + list(extra)
    return f"{', '.join(names[:-1])} or {names[-1]}"


def _compare_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("compare", help="compare two articles and print a summary or write a file")
    p.add_argument("left", help="the original article")
    p.add_argument("right", help="the rewrite")
    p.add_argument("-o", "--output", help="write the comparison here; the format comes from the "
                   f"extension ({', '.join(f.extension for f in FORMATS)}; .adiff saves a review "
                   "file to open in the window)")
    p.add_argument("--changes-only", action="store_true",
                   help="PDF and HTML: leave identical sentences out (each run becomes one line "
                   "saying how many)")
    _common(p)


def _export_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("export", help="export a saved review (.adiff) with its manual links and marks")
    p.add_argument("review", help="the review file (.adiff)")
    p.add_argument("-o", "--output", required=True,
                   help="the export; the format comes from the extension "
                   f"({', '.join(f.extension for f in FORMATS)})")
    p.add_argument("--model", help="a local sentence-transformers folder (default: "
                   "$ARTICLE_DIFF_MODEL, else the bundled all-MiniLM-L6-v2)")
    p.add_argument("--page-size", choices=("a4", "letter"), default="a4", help="PDF page size")
    p.add_argument("--no-cache", action="store_true", help="do not read or write the embedding cache")


def _batch_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("batch", help="compare every pair listed in a manifest")
    p.add_argument("manifest", help="one pair a line: LEFT<TAB>RIGHT<TAB>NAME")
    p.add_argument("--out", required=True, help="folder for NAME.<format> files")
    p.add_argument("--format", default="json",
                   help=f"comma-separated: {format_keys(',')} (default json)")
    where = p.add_mutually_exclusive_group()
    where.add_argument("--workers", type=int, metavar="N",
                       help="local Dask worker processes (default: the cores; needs the "
                       "cluster extra)")
    where.add_argument("--scheduler", metavar="ADDRESS",
                       help="run on an existing Dask cluster, e.g. tcp://host:8786")
    where.add_argument("--in-process", action="store_true",
                       help="compare every pair in this process, without Dask")
    p.add_argument("--resume", action="store_true",
                   help="skip pairs an earlier run into --out completed")
    p.add_argument("--skip-bad-lines", action="store_true",
                   help="compare the valid lines of a manifest that has bad ones, recording "
                   "those as skipped (default: stop before any work)")
    _common(p)


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--split", choices=("auto", "lines"), default="auto",
                   help="auto: sentences; lines: every non-empty line is one sentence")
    p.add_argument("--model", help="multilingual (USE Multilingual v3 for every pair), english "
                   "(all-MiniLM-L6-v2 for every pair), or a local sentence-transformers folder; "
                   "default: the multilingual model when a document is not English, else "
                   "$ARTICLE_DIFF_MODEL or the bundled all-MiniLM-L6-v2")
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


def _progress_printer(enabled: bool) -> Callable[[str, int, int], None] | None:
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


def _write(comparison, target: Path, fmt: str, page_size: str,  # type: ignore[no-untyped-def]
           changes_only: bool = False) -> None:
    from .services.export_formats import export

    export(comparison, fmt, target, page_size=page_size, changes_only=changes_only)


def _load(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from .services.workflow import make_model_switch

    embedder = make_model_switch(config=args.embed_config, use_cache=not args.no_cache)
    if not embedder.info.semantic:
        _err(f"warning: the sentence model could not be used, so links are based on "
             f"{embedder.info.note}.")
    return embedder


def cmd_compare(args: argparse.Namespace) -> int:
    from .engine.compare import compare
    from .services.atomic import ExportError, refuse_inputs
    from .services.documents import DocumentError, read_document
    from .services.export_text import render_summary
    from .services.workflow import split_document

    fmt = None
    if args.output:
        fmt = Path(args.output).suffix.lower().lstrip(".")
        if fmt not in (*EXPORT_FORMATS, "adiff"):
            _err(f"cannot tell the format of “{args.output}”: use {_extensions('.adiff')}")
            return 2
    try:
        if args.output:  # refuse before the work, not after it
            refuse_inputs(args.output, (args.left, args.right))
        left = read_document(args.left)
        right = read_document(args.right)
        # Split first: a side over the sentence limit stops here, before the model loads.
        left_sentences = split_document(left, args.split)
        right_sentences = split_document(right, args.split)
    except DocumentError as exc:
        _err(exc.message)
        return 1
    except ExportError as exc:
        _err(str(exc))
        return 1
    embedder = _load(args)
    comparison = compare(left, right, embedder=embedder, split=args.split,
                         sensitivity=args.sensitivity,
                         progress=_progress_printer(sys.stderr.isatty()),
                         left_sentences=left_sentences, right_sentences=right_sentences)
    if fmt is None:
        color = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
        width = shutil.get_terminal_size((100, 24)).columns
        sys.stdout.write(render_summary(comparison, color=color, width=min(width, 120)))
        return 0
    try:
        if fmt == "adiff":
            from .engine.review import ReviewState
            from .services.review_file import review_of, save_review

            save_review(review_of(comparison, ReviewState()), args.output)
        else:
            _write(comparison, Path(args.output), fmt, args.page_size, args.changes_only)
    except ExportError as exc:
        _err(str(exc))
        return 1
    _out(f"wrote {args.output}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """Compare a saved review's texts again with its decisions, and export it with its marks."""
    from .engine.compare import compare
    from .services.atomic import ExportError, refuse_inputs
    from .services.review_file import ReviewFileError, load_review

    fmt = Path(args.output).suffix.lower().lstrip(".")
    if fmt not in EXPORT_FORMATS:
        _err(f"cannot tell the format of “{args.output}”: use {_extensions()}")
        return 2
    try:
        review = load_review(args.review)
        refuse_inputs(args.output, (args.review, review.left.path, review.right.path))
    except ReviewFileError as exc:
        _err(exc.message)
        return 1
    except ExportError as exc:
        _err(str(exc))
        return 1
    embedder = _load(args)
    comparison = compare(
        review.left, review.right, embedder=embedder, split=review.settings.split,
        sensitivity=review.settings.sensitivity, left_sentences=review.left_sentences,
        right_sentences=review.right_sentences, review=review.state,
        progress=_progress_printer(sys.stderr.isatty()),
    )
    try:
        _write(comparison, Path(args.output), fmt, args.page_size)
    except ExportError as exc:
        _err(str(exc))
        return 1
    _out(f"wrote {args.output}")
    return 0


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on macOS or Windows
        return os.cpu_count() or 1


def cmd_batch(args: argparse.Namespace) -> int:
    from .services.batch.engines import (
        CLUSTER_EXTRA,
        ClusterError,
        dask_available,
        in_process,
        on_dask,
    )
    from .services.batch.manifest import ManifestError, read_manifest
    from .services.batch.pair import BatchSettings
    from .services.batch.progress import TerminalProgress
    from .services.batch.runner import run_batch

    term = TerminalProgress(sys.stderr)
    say = term.say
    formats = [f.strip().lower() for f in args.format.split(",") if f.strip()]
    bad = [f for f in formats if f not in EXPORT_FORMATS]
    if bad or not formats:
        say(f"article-diff: unknown format {', '.join(bad) or '(none)'}: "
            f"choose from {format_keys()}")
        return 2
    formats = list(dict.fromkeys(formats))
    if args.workers is not None and args.workers < 1:
        say("article-diff: --workers must be at least 1")
        return 2
    out = Path(args.out)
    try:
        manifest = read_manifest(args.manifest, out_dir=out, formats=formats)
    except ManifestError as exc:
        say(f"article-diff: {exc}")
        return 2
    for problem in manifest.problems:
        say(f"article-diff: {manifest.path.name} line {problem.line}: {problem.message}")
    if manifest.problems and not args.skip_bad_lines:
        lines = sorted(manifest.bad_lines)
        say(f"article-diff: {len(lines)} of {len(lines) + len(manifest.valid_pairs())} lines "
            "cannot be run; nothing was compared. Fix them, or add --skip-bad-lines to compare "
            "the others and record these as skipped.")
        return 2
    skipped = manifest.skipped_lines()
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        say(f"article-diff: cannot create the output folder {out}: {exc.strerror or exc}")
        return 2
    settings = BatchSettings(
        out_dir=str(out.resolve()), formats=tuple(formats), split=args.split,
        sensitivity=args.sensitivity, page_size=args.page_size, model=args.model,
        backend=args.embed_config.backend, use_cache=not args.no_cache,
    )
    pairs = manifest.valid_pairs()
    have_dask = dask_available()
    if args.scheduler and not have_dask:
        say(f"article-diff: --scheduler needs Dask: {CLUSTER_EXTRA}")
        return 2
    if args.in_process or not have_dask:
        if not have_dask and not args.in_process:
            say(f"article-diff: running in one process; for several workers or a cluster: "
                f"{CLUSTER_EXTRA}")
        engine = in_process
    else:
        workers = max(1, min(args.workers or _cores(), len(pairs)))
        # One worker a core, each running the model on one thread (not every worker on all).
        settings = replace(settings, threads=1)

        def engine(jobs):  # type: ignore[no-untyped-def]
            return on_dask(jobs, workers=workers, scheduler=args.scheduler)

    try:
        outcome = run_batch(pairs, settings, engine=engine, skipped=skipped, resume=args.resume,
                            listener=term, title=f"Article Diff batch: {manifest.path.name}")
    except ClusterError as exc:
        term.close()
        say(f"article-diff: {exc}")
        return 2
    term.close()
    ok, failed, skipped_n = (outcome.count(s) for s in ("ok", "failed", "skipped"))
    total = len(outcome.rows)
    line = f"{ok} of {total} pairs compared"
    if outcome.resumed:
        line += f" ({outcome.resumed} in an earlier run)"
    if failed:
        line += f", {failed} failed"
    if skipped_n:
        line += f", {skipped_n} skipped"
    say(f"article-diff: {line}; index: {out / 'index.html'}")
    if outcome.interrupted:
        say(f"article-diff: interrupted with {outcome.unfinished} pairs left: run the same "
            "command with --resume to finish")
        return 130
    return 1 if failed or skipped_n else 0


def open_window(argv: Sequence[str]) -> int:
    from .app import main as app_main

    return app_main(list(argv))


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] in (["--version"], ["-V"]):
        print(f"article-diff {__version__}")
        return 0
    if not argv or argv[0] not in ("compare", "batch", "export", "-h", "--help"):
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
    _export_parser(sub)
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
            commands = {"compare": cmd_compare, "batch": cmd_batch, "export": cmd_export}
            return commands[args.command](args)
    except KeyboardInterrupt:
        _err("interrupted; no partial file was left")
        return 130
    except Terminated as stop:
        _err(f"stopped by {stop.name}; no partial file was left")
        return 128 + stop.signum


if __name__ == "__main__":
    raise SystemExit(main())
