"""Where a batch's pairs run: in this process, or on a Dask cluster (local or remote).

Both yield one index row per job, in the order the pairs finish, and stop their workers when
the generator is closed (at the end, or when Ctrl+C interrupts the loop that reads them).
"""

from __future__ import annotations

import contextlib
import importlib
import logging
import uuid
from collections.abc import Iterator, Sequence
from typing import Any

from .pair import PairJob, base_row, run_pair

CLUSTER_EXTRA = 'pip install -e ".[cluster]"'
WORKER_WAIT_SECONDS = 60.0
"""How long a batch waits for the first worker of an existing cluster."""


class ClusterError(Exception):
    """The Dask cluster could not be started or reached; the message says why."""


def dask_available() -> bool:
    """Whether ``dask.distributed`` (the ``cluster`` extra) is installed."""
    try:
        import distributed  # noqa: F401
    except ImportError:
        return False
    return True


def in_process(jobs: Sequence[PairJob]) -> Iterator[dict[str, Any]]:
    """Run every job here, one after another (the model is loaded once, by the first)."""
    for job in jobs:
        yield run_pair(job)


def _lost(job: PairJob, exc: BaseException) -> dict[str, Any]:
    row = base_row(job)
    name = type(exc).__name__
    if name == "KilledWorker":
        why = "the workers running it were lost (killed or out of memory) several times"
    else:
        why = f"the cluster could not run it ({name}: {exc})"
    row.update(status="failed", error=why, seconds=0.0, worker="")
    return row


def on_dask(
    jobs: Sequence[PairJob], *, workers: int, scheduler: str | None = None
) -> Iterator[dict[str, Any]]:
    """Run the jobs on a Dask cluster: the one at ``scheduler`` (``tcp://host:port``), or a
    local one of ``workers`` processes with one thread each, started here and stopped at the
    end. A worker lost halfway is replaced by Dask and its pair run again elsewhere."""
    # Dask ships no type hints; its calls are checked by the tests that start real clusters.
    dist: Any = importlib.import_module("distributed")
    cluster: Any = None
    try:
        if scheduler:
            client = dist.Client(scheduler, timeout="20s")
        else:
            cluster = dist.LocalCluster(
                n_workers=workers,
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",
                dashboard_address=None,
                silence_logs=logging.ERROR,
            )
            client = dist.Client(cluster)
    except (OSError, TimeoutError) as exc:
        where = scheduler or "a local cluster"
        raise ClusterError(f"cannot reach {where}: {exc}") from exc
    futures: list[Any] = []
    try:
        try:
            # A local cluster's every worker before the first pair: on a loaded machine a
            # worker still starting would otherwise see the pairs go to the first one.
            client.wait_for_workers(1 if scheduler else workers, timeout=WORKER_WAIT_SECONDS)
        except TimeoutError as exc:
            raise ClusterError(
                f"no worker joined the scheduler {scheduler} in {WORKER_WAIT_SECONDS:.0f} s"
            ) from exc
        batch = uuid.uuid4().hex[:8]
        futures = client.map(run_pair, list(jobs), pure=False,
                             key=[f"article-diff-{batch}-{j.line}" for j in jobs])
        job_of = {f.key: j for f, j in zip(futures, jobs)}
        for future in dist.as_completed(futures):
            job = job_of[future.key]
            try:
                row = future.result()
            except Exception as exc:  # noqa: BLE001 - a lost worker fails the pair, not the batch
                row = _lost(job, exc)
            future.release()
            yield row
    finally:
        if futures:
            with contextlib.suppress(Exception):  # shutting down; the scheduler may be gone
                client.cancel(futures)
        client.close()
        if cluster is not None:
            cluster.close()
