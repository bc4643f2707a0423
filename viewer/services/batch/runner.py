"""A whole batch: plan (resume), run on an engine, record every row, write the index.

Nothing done is ever lost: each pair's outputs are written atomically before its row is
appended to ``index.jsonl``, so a batch killed at any moment leaves complete outputs, rows for
them, and at worst one pair to do again; ``--resume`` skips every pair whose row says ``ok``
and whose outputs are all there. Ctrl+C, SIGTERM and SIGHUP stop the batch the same way:
the workers are stopped, the index files are written for what was done, and the batch says
how to finish it.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any

from .index import INDEX_HTML, INDEX_JSONL, append_row, read_rows, write_index_html, write_rows
from .manifest import LineProblem, Pair
from .pair import BatchSettings, PairJob, base_row, outputs_complete, settings_record

Engine = Callable[[Sequence[PairJob]], Iterator[dict[str, Any]]]


@dataclass
class BatchOutcome:
    """What a batch did; ``rows`` holds one row a manifest line, in manifest order."""

    rows: list[dict[str, Any]] = field(default_factory=list)
    resumed: int = 0
    interrupted: bool = False

    def count(self, status: str) -> int:
        return sum(1 for r in self.rows if r.get("status") == status)

    @property
    def unfinished(self) -> int:
        return sum(1 for r in self.rows if r.get("status") not in ("ok", "failed", "skipped"))


class BatchListener:
    """What a batch tells whoever runs it; the command line shows it on the terminal."""

    def started(self, total: int, done: int, todo: int) -> None:
        """``total`` pairs, ``done`` kept from an earlier run, ``todo`` to compare now."""

    def finished_pair(self, row: dict[str, Any]) -> None:
        """A pair's row, as soon as it is recorded."""

    def stopping(self) -> None:
        """Interrupted: stopping the workers."""


def skipped_row(pair: Pair | None, problem: LineProblem) -> dict[str, Any]:
    row = {"name": pair.name if pair else "", "line": problem.line,
           "left": pair.left if pair else "", "right": pair.right if pair else ""}
    row.update(status="skipped", error=problem.message, seconds=0.0)
    return row


def _part_stem(name: str) -> str:
    """``.NAME.xxxxxxxx.part`` (an atomic write's temporary file) -> ``NAME``."""
    core = name[1:-len(".part")]
    return core.rsplit(".", 1)[0]


def remove_stale_parts(out_dir: Path, targets: Sequence[str]) -> int:
    """Delete temporary files a killed batch left for any of ``targets`` (file names)."""
    removed = 0
    with contextlib.suppress(OSError):
        for entry in os.scandir(out_dir):
            n = entry.name
            if not (n.startswith(".") and n.endswith(".part")) or not entry.is_file():
                continue
            stem = _part_stem(n)
            if stem and any(t.startswith(stem) for t in targets):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
                    removed += 1
    return removed


@contextlib.contextmanager
def _termination_as_interrupt() -> Iterator[None]:
    """SIGTERM and SIGHUP stop the batch as Ctrl+C does (cleanly), while it runs."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    kinds = [s for s in (getattr(signal, "SIGTERM", None), getattr(signal, "SIGHUP", None)) if s]
    previous = {s: signal.signal(s, interrupt) for s in kinds}
    try:
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)


def run_batch(
    pairs: Sequence[Pair],
    settings: BatchSettings,
    *,
    engine: Engine,
    skipped: Sequence[tuple[Pair | None, LineProblem]] = (),
    resume: bool = False,
    listener: BatchListener | None = None,
    title: str = "Batch comparison",
) -> BatchOutcome:
    """Run ``pairs`` on ``engine`` into ``settings.out_dir`` and write its index files.

    ``skipped`` lines (invalid, run anyway at the user's request) get a ``skipped`` row.
    With ``resume``, pairs recorded ``ok`` in an earlier ``index.jsonl`` whose outputs are all
    there are kept, not compared again. Returns when every pair has a row, or on interrupt.
    """
    listen = listener or BatchListener()
    out = Path(settings.out_dir)
    previous = read_rows(out) if resume else {}
    rows: dict[int, dict[str, Any]] = {}
    jobs: list[PairJob] = []
    for p in pairs:
        job = PairJob(p.line, p.name, p.left, p.right, settings)
        before = previous.get(p.name)
        # A pair done with another split, sensitivity or model is compared again (a row
        # written before rows kept their settings has none, and is compared again too).
        if (before and before.get("status") == "ok" and before.get("left") == p.left
                and before.get("right") == p.right
                and before.get("settings") == settings_record(settings)
                and outputs_complete(job)):
            rows[p.line] = dict(before, line=p.line)
        else:
            jobs.append(job)
    outcome = BatchOutcome(resumed=len(rows))
    for pair, problem in skipped:
        rows[problem.line] = skipped_row(pair, problem)
    targets = [f"{p.name}.{f}" for p in pairs for f in settings.formats]
    targets += [INDEX_JSONL, INDEX_HTML]
    remove_stale_parts(out, targets)
    inputs = [path for p in pairs for path in (p.left, p.right)]
    # index.jsonl is appended to without a check on each row: this atomic write, checked
    # against every article of the batch, has created it (or refused to) first.
    write_rows(out, [rows[k] for k in sorted(rows)], protect=inputs)
    listen.started(len(pairs) + len(skipped), outcome.resumed, len(jobs))
    results = engine(jobs) if jobs else iter(())
    try:
        with _termination_as_interrupt():
            for row in results:
                rows[row["line"]] = row
                append_row(out, row)
                listen.finished_pair(row)
    except KeyboardInterrupt:
        outcome.interrupted = True
        listen.stopping()
    finally:
        close = getattr(results, "close", None)
        if close is not None:
            with _termination_as_interrupt(), contextlib.suppress(KeyboardInterrupt):
                close()
    for job in jobs:
        if job.line not in rows:
            rows[job.line] = dict(base_row(job), status="unfinished", error="", seconds=0.0)
    outcome.rows = [rows[k] for k in sorted(rows)]
    done = [r for r in outcome.rows if r.get("status") != "unfinished"]
    # A worker killed while writing leaves its temporary file; its pair was run again.
    remove_stale_parts(out, targets)
    write_rows(out, done, protect=inputs)
    write_index_html(out, outcome.rows, formats=settings.formats, title=title, protect=inputs)
    return outcome
