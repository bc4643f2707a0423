"""One pair of a batch, as a worker runs it: read, compare, write every format, report a row.

This is the function Dask ships to its workers (and the one-process batch calls directly), so
it takes and returns plain picklable data and never raises for a pair's own trouble: a
document that cannot be read, an export that fails, or any unexpected error becomes a
``failed`` row with the reason, and the batch goes on. Only an interrupt (Ctrl+C) passes.

The model is loaded once a process (:func:`embedder_for`), and kept for every later pair.
Outputs are written atomically by the exporters (a temporary file beside the target replaces
it only once complete), so a worker killed halfway leaves the previous file or none.
"""

from __future__ import annotations

import os
import socket
import sys
import threading
import time
from collections import Counter
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from ...engine.embed import CachedEmbedder
from ...engine.model import Comparison, FindingKind


@dataclass(frozen=True)
class BatchSettings:
    """What every pair of one batch shares."""

    out_dir: str
    formats: tuple[str, ...] = ("json",)
    split: str = "auto"
    sensitivity: float = 0.5
    page_size: str = "a4"
    model: str | None = None
    backend: str | None = None
    use_cache: bool = True
    threads: int | None = None
    """Threads the model runs on in each worker (None: every core of its machine)."""


@dataclass(frozen=True)
class PairJob:
    """One pair to compare: the manifest line, its output name and its two articles."""

    line: int
    name: str
    left: str
    right: str
    settings: BatchSettings


_embedders: dict[tuple[str | None, str | None, bool, int | None], CachedEmbedder] = {}
_embedders_lock = threading.Lock()


def embedder_for(settings: BatchSettings) -> CachedEmbedder:
    """The embedder ``settings`` ask for, loaded on the first call in this process and kept
    for every later pair. The model folder is found on the machine running the pair (a
    cluster's machines need not install it at the same path); the backend is the one the
    batch was started with, so every worker computes the same vectors."""
    key = (settings.model, settings.backend, settings.use_cache, settings.threads)
    with _embedders_lock:
        found = _embedders.get(key)
        if found is None:
            from ..config import embed_config
            from ..workflow import make_embedder

            config = replace(embed_config(settings.model, backend=settings.backend),
                             threads=settings.threads)
            found = make_embedder(config=config, use_cache=settings.use_cache)
            _embedders[key] = found
        return found


def output_paths(job: PairJob) -> list[Path]:
    out = Path(job.settings.out_dir)
    return [out / f"{job.name}.{fmt}" for fmt in job.settings.formats]


def outputs_complete(job: PairJob) -> bool:
    """Every requested output of ``job`` is in place (written whole: the writes are atomic)."""
    try:
        return all(p.is_file() and p.stat().st_size > 0 for p in output_paths(job))
    except OSError:
        return False


def findings_by_kind(c: Comparison) -> dict[str, int]:
    counts = Counter(f.kind.value for f in c.findings)
    return {k.value: counts.get(k.value, 0) for k in FindingKind}


def _write(c: Comparison, target: Path, fmt: str, job: PairJob) -> None:
    # Every export refuses (ExportError) a target that is one of the pair's articles or any
    # article read in this process (viewer.services.atomic.refuse_inputs); the manifest check
    # has already refused outputs equal to any input of the whole batch.
    from ..export_formats import export

    export(c, fmt, target, protect=(job.left, job.right), page_size=job.settings.page_size)


def _reason(exc: BaseException) -> str:
    from ..atomic import ExportError
    from ..documents import DocumentError

    if isinstance(exc, DocumentError):
        return exc.message
    if isinstance(exc, ExportError):
        return str(exc)
    if isinstance(exc, MemoryError):
        return "not enough memory to compare this pair"
    return f"unexpected error ({type(exc).__name__}: {exc})"


def settings_record(settings: BatchSettings) -> dict[str, Any]:
    """What in ``settings`` changes a pair's result (its row keeps it, so that ``--resume``
    compares again a pair done with other settings): the split, the sensitivity, the model."""
    return {"split": settings.split, "sensitivity": settings.sensitivity,
            "model": settings.model, "backend": settings.backend}


def base_row(job: PairJob) -> dict[str, Any]:
    return {"name": job.name, "line": job.line, "left": job.left, "right": job.right,
            "settings": settings_record(job.settings)}


def run_pair(job: PairJob) -> dict[str, Any]:
    """Compare ``job``'s pair, write its outputs, and return its index row (never raises for
    the pair's own failure; see the module docstring)."""
    from ...engine import compare as engine_compare
    from ..atomic import ExportError
    from ..documents import read_document

    row = base_row(job)
    s = job.settings
    started = time.perf_counter()
    try:
        if not Path(s.out_dir).is_dir():
            raise ExportError(
                f"the output folder {s.out_dir} does not exist on {socket.gethostname()}: "
                "every worker must see it at the same path"
            )
        embedder = embedder_for(s)
        started = time.perf_counter()  # a pair's seconds leave out loading the model
        left, right = read_document(job.left), read_document(job.right)
        c = engine_compare.compare(left, right, embedder=embedder, split=s.split,
                                   sensitivity=s.sensitivity)
        for target, fmt in zip(output_paths(job), s.formats):
            _write(c, target, fmt, job)
    except Exception as exc:  # noqa: BLE001 - a pair's failure is data, the batch goes on
        row.update(status="failed", error=_reason(exc))
    else:
        row.update(
            status="ok",
            error="",
            summary=asdict(c.summary),
            findings=findings_by_kind(c),
            semantic=c.model.semantic,
            outputs=[p.name for p in output_paths(job)],
        )
    row["seconds"] = round(time.perf_counter() - started, 3)
    row["worker"] = f"{socket.gethostname()}:{os.getpid()}"
    row["worker_peak_mb"] = _peak_rss_mb()
    return row


def _peak_rss_mb() -> float:
    """The peak resident memory of this process so far (MB): what a worker needs."""
    try:
        import resource
    except ImportError:  # Windows
        return 0.0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(peak / (1024 * 1024 if sys.platform == "darwin" else 1024), 1)
