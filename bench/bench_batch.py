"""Pairs per second of ``article-diff batch``: one process, local Dask workers, and a Dask
scheduler and worker started separately on this machine; the peak memory of each worker.

    python bench/bench_batch.py [--aesop N] [--seeds N] [--runs in-process,w1,w2,scheduler]
                                [--aesop-file PATH] [--format json]

Two sets of pairs, built in a temporary folder (nothing is copied into the repository):
N Aesop-sized pairs (default 200; the fables of /work/shared/data/aesop_dev.jsonl, each
used four ways: as given, sides swapped, the rewrite's sentences in reverse order, the
original against a shortened rewrite) and N seed-sized pairs (default 50; seeds/original.txt
and seeds/rewrite.txt in the same kinds of variations); every sentence is tagged with its
pair's number, so no pair reuses another's embeddings (the worker keeps recent vectors in
memory). Every run is the real command in a
subprocess with the real model and ``--no-cache`` (each pair's sentences are embedded, as in
an archive of distinct articles), into a fresh output folder; the wall time includes starting
the cluster's workers and loading the model in each. The separate scheduler and worker are
started (and stopped) here on 127.0.0.1 before the timed command. Prints the load average
(``uptime``) before and after each run: this machine's 2 cores are shared.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from typing_extensions import Self  # typing.Self is 3.11+


ROOT = Path(__file__).resolve().parent.parent
AESOP = Path("/work/shared/data/aesop_dev.jsonl")
ENV = dict(os.environ, PYTHONPATH=str(ROOT))


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load {one:.2f} {five:.2f} {fifteen:.2f}"


def tag(text: str, k: int) -> str:
    """Every sentence of ``text`` made unique to pair ``k`` (a ``[k]`` before it), so that no
    pair reuses another's embeddings: an archive's articles are distinct. Both sides of a pair
    get the same tags, so what changed between them is unchanged."""
    text = re.sub(r"(?m)^(?=\S)", f"[{k}] ", text)
    return re.sub(r"([.!?][\u201d\"\u2019]?) (?=\S)", rf"\1 [{k}] ", text)


def aesop_pairs(folder: Path, n: int, source: Path) -> Path:
    fables = [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines()
              if line.strip()]
    lines = []
    for k in range(n):
        fable = fables[k % len(fables)]
        left, right = list(fable["left"]), list(fable["right"])
        way = (k // len(fables)) % 4
        if way == 1:
            left, right = right, left
        elif way == 2:
            right = right[::-1]
        elif way == 3:
            right = right[: max(1, len(right) * 2 // 3)]
        (folder / f"a{k}l.txt").write_text(tag(" ".join(left), k) + "\n", encoding="utf-8")
        (folder / f"a{k}r.txt").write_text(tag(" ".join(right), k) + "\n", encoding="utf-8")
        lines.append(f"a{k}l.txt\ta{k}r.txt\taesop{k}\n")
    manifest = folder / "aesop.tsv"
    manifest.write_text("".join(lines), encoding="utf-8")
    return manifest


def seed_pairs(folder: Path, n: int) -> Path:
    original = (ROOT / "seeds/original.txt").read_text(encoding="utf-8")
    rewrite = (ROOT / "seeds/rewrite.txt").read_text(encoding="utf-8")
    paragraphs = [p for p in rewrite.split("\n\n") if p.strip()]
    lines = []
    for k in range(n):
        way = k % 4
        left, right = original, rewrite
        if way == 1:
            left, right = rewrite, original
        elif way == 2:
            right = "\n\n".join(paragraphs[::-1])
        elif way == 3:
            right = "\n\n".join(p for i, p in enumerate(paragraphs) if i % 3 != k % 3)
        (folder / f"s{k}l.txt").write_text(tag(left, k), encoding="utf-8")
        (folder / f"s{k}r.txt").write_text(tag(right, k), encoding="utf-8")
        lines.append(f"s{k}l.txt\ts{k}r.txt\tseed{k}\n")
    manifest = folder / "seeds.tsv"
    manifest.write_text("".join(lines), encoding="utf-8")
    return manifest


class SeparateCluster:
    """``dask scheduler`` and ``dask worker`` processes on 127.0.0.1, as a user starts them."""

    def __init__(self, folder: Path, workers: int) -> None:
        self.folder, self.workers, self.procs = folder, workers, []
        self.address = ""

    def _start(self, module: str, *args: str) -> None:
        with open(self.folder / f"{module}.{len(self.procs)}.log", "w") as log:
            self.procs.append(subprocess.Popen(
                [sys.executable, "-m", module, *args], env=ENV, cwd=self.folder,
                stdout=subprocess.DEVNULL, stderr=log, start_new_session=True))

    def __enter__(self) -> Self:
        file = self.folder / "scheduler.json"
        file.unlink(missing_ok=True)
        self._start("distributed.cli.dask_scheduler", "--host", "127.0.0.1", "--port", "0",
                    "--no-dashboard", "--scheduler-file", str(file))
        deadline = time.monotonic() + 60
        while not file.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        time.sleep(0.3)
        self.address = json.loads(file.read_text())["address"]
        self._start("distributed.cli.dask_worker", self.address, "--host", "127.0.0.1",
                    "--nworkers", str(self.workers), "--nthreads", "1", "--no-dashboard")
        return self

    def __exit__(self, *exc: object) -> None:
        for proc in reversed(self.procs):
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()


def timed(manifest: Path, out: Path, extra: list[str], fmt: str) -> tuple[float, list[dict]]:
    cmd = [sys.executable, "-m", "viewer", "batch", str(manifest), "--out", str(out),
           "--format", fmt, "--no-cache", *extra]
    t0 = time.perf_counter()
    r = subprocess.run(cmd, env=ENV, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - t0
    if r.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({r.returncode}):\n{r.stderr[-2000:]}")
    rows = [json.loads(x) for x in (out / "index.jsonl").read_text().splitlines() if x.strip()]
    return wall, rows


def report(label: str, wall: float, rows: list[dict], before: str) -> None:
    peaks: dict[str, float] = {}
    for row in rows:
        peaks[row["worker"]] = max(peaks.get(row["worker"], 0.0), row.get("worker_peak_mb", 0.0))
    busy = sum(r["seconds"] for r in rows)
    print(f"  {label:<28} {len(rows) / wall:6.2f} pairs/s  wall {wall:6.1f} s  "
          f"{busy / len(rows):5.2f} s a pair in its worker  "
          f"peak RSS a worker {', '.join(f'{v:.0f}' for v in sorted(peaks.values()))} MB  "
          f"[{before} -> {load()}]", flush=True)


RUNS = {
    "in-process": ("one process (--in-process)", ["--in-process"], 0),
    "w1": ("local Dask, --workers 1", ["--workers", "1"], 0),
    "w2": ("local Dask, --workers 2", ["--workers", "2"], 0),
    "scheduler": ("dask scheduler + 1 worker", [], 1),
    "scheduler2": ("dask scheduler + 2 workers", [], 2),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--aesop", type=int, default=200)
    parser.add_argument("--seeds", type=int, default=50)
    parser.add_argument("--runs", default="in-process,w1,w2,scheduler,scheduler2")
    parser.add_argument("--aesop-file", type=Path, default=AESOP)
    parser.add_argument("--format", default="json")
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="bench-batch-"))
    ENV["ARTICLE_DIFF_HOME"] = str(home / "home")
    print(f"{platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"command: python bench/bench_batch.py {' '.join(sys.argv[1:])}".rstrip())
    sets = []
    if args.aesop:
        sets.append((f"{args.aesop} Aesop-sized pairs", aesop_pairs(home, args.aesop,
                                                                     args.aesop_file)))
    if args.seeds:
        sets.append((f"{args.seeds} seed-sized pairs", seed_pairs(home, args.seeds)))
    # Export the model to ONNX once, before any timing (a first launch does it once per machine).
    warm = home / "warm.tsv"
    warm.write_text(f"{ROOT / 'seeds/original.txt'}\t{ROOT / 'seeds/rewrite.txt'}\tw\n")
    timed(warm, home / "warm-out", ["--in-process"], "json")
    for title, manifest in sets:
        print(f"\n{title} (--format {args.format}, --no-cache; wall time includes starting the "
              "workers and loading the model in each):")
        for key in args.runs.split(","):
            label, extra, separate = RUNS[key]
            out = home / f"out-{manifest.stem}-{key}"
            before = load()
            if separate:
                with SeparateCluster(home, separate) as cluster:
                    wall, rows = timed(manifest, out, ["--scheduler", cluster.address],
                                       args.format)
            else:
                wall, rows = timed(manifest, out, extra, args.format)
            report(label, wall, rows, before)


if __name__ == "__main__":
    main()
