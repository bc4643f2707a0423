"""``article-diff batch`` on real Dask clusters: a local one of two worker processes, and a
scheduler and workers started separately (``dask scheduler``, ``dask worker`` on 127.0.0.1
only). The same manifest must give the same links as one process, with the real model, and a
worker killed halfway must cost nothing but time."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("distributed")

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
ENV = dict(os.environ, PYTHONPATH=str(ROOT))
FOX = (
    "A hungry Fox saw some fine bunches of Grapes hanging from a vine. She did her best to "
    "reach them by jumping as high as she could into the air. But it was all in vain, for they "
    "were just out of reach. So she gave up trying, and walked away with an air of dignity, "
    "saying: \"I thought those Grapes were ripe, but I see now they are quite sour.\"\n"
)
FOX_REWRITE = (
    "One day a starving Fox noticed grapes hanging from a vine. She jumped as high as she "
    "could, 12 times, to reach them. It was useless: they stayed out of reach. She walked off "
    "proudly, saying: \"Those grapes were never ripe; they are sour.\"\n"
)


def run(*args: str, timeout: int = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "viewer", *args], check=False, env=ENV,
                          capture_output=True, text=True, timeout=timeout)


def links(out: Path, name: str) -> tuple:
    data = json.loads((out / f"{name}.json").read_text(encoding="utf-8"))
    return (
        [(k["left"], k["right"], k["kind"]) for k in data["links"]],
        [(g["left"], g["right"], g["kind"]) for g in data["groups"]],
        data["omitted"], data["added"],
        [(f["kind"], f["left"], f["right"]) for f in data["findings"]],
    )


def rows(out: Path) -> list[dict]:
    return [json.loads(x) for x in (out / "index.jsonl").read_text(encoding="utf-8").splitlines()
            if x.strip()]


@pytest.fixture
def manifest(tmp_path: Path) -> Path:
    (tmp_path / "fox.txt").write_text(FOX, encoding="utf-8")
    (tmp_path / "fox2.txt").write_text(FOX_REWRITE, encoding="utf-8")
    m = tmp_path / "m.tsv"
    m.write_text(
        f"{SEEDS / 'original.txt'}\t{SEEDS / 'rewrite.txt'}\tsample\n"
        f"{SEEDS / 'rewrite.txt'}\t{SEEDS / 'original.txt'}\tbackwards\n"
        "fox.txt\tfox2.txt\tfox\n",
        encoding="utf-8")
    return m


class Scheduler:
    """A ``dask scheduler`` on 127.0.0.1 and the ``dask worker`` processes started against it;
    every process is stopped (its whole process group) when the test ends."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.file = folder / "scheduler.json"
        self.procs: list[subprocess.Popen] = []
        self.address = ""

    def _start(self, module: str, *args: str) -> subprocess.Popen:
        with open(self.folder / f"{module}.{len(self.procs)}.log", "w") as log:
            proc = subprocess.Popen(
                [sys.executable, "-m", module, *args], env=ENV, cwd=self.folder,
                stdout=subprocess.DEVNULL, stderr=log, start_new_session=True)
        self.procs.append(proc)
        return proc

    def start(self) -> str:
        self._start("distributed.cli.dask_scheduler", "--host", "127.0.0.1", "--port", "0",
                    "--no-dashboard", "--scheduler-file", str(self.file))
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not self.file.exists():
            time.sleep(0.1)
        assert self.file.exists(), "the scheduler did not start in 60 s"
        time.sleep(0.2)  # the file is written whole, but give it a moment to be complete
        self.address = json.loads(self.file.read_text())["address"]
        assert self.address.startswith("tcp://127.0.0.1:")
        return self.address

    def worker(self) -> subprocess.Popen:
        return self._start("distributed.cli.dask_worker", self.address, "--host", "127.0.0.1",
                           "--nworkers", "1", "--nthreads", "1", "--no-dashboard",
                           "--death-timeout", "60")

    @staticmethod
    def kill(proc: subprocess.Popen) -> None:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)

    def stop(self) -> None:
        for proc in reversed(self.procs):
            try:
                os.killpg(proc.pid, signal.SIGTERM)
                proc.wait(timeout=10)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                pass
            if proc.poll() is None:
                self.kill(proc)


@pytest.fixture
def scheduler(tmp_path: Path) -> Iterator[Scheduler]:
    s = Scheduler(tmp_path)
    try:
        s.start()
        yield s
    finally:
        s.stop()


def test_same_links_in_one_process_on_two_workers_and_on_a_separate_cluster(
    tmp_path, manifest, scheduler, real_embedder
):
    # real_embedder: the model exported to ONNX once in the tests' home, before the workers
    # (which share that home) load it.
    outs = {k: tmp_path / k for k in ("here", "local", "remote")}
    r = run("batch", str(manifest), "--out", str(outs["here"]), "--in-process")
    assert r.returncode == 0, r.stderr
    r = run("batch", str(manifest), "--out", str(outs["local"]), "--workers", "2")
    assert r.returncode == 0, r.stderr
    # No traceback of ours; distributed itself may log a heartbeat or closed-comm traceback
    # from its own threads when the machine is loaded, which says nothing about the batch.
    assert "viewer/" not in r.stderr.partition("Traceback")[2], r.stderr
    workers = {row["worker"] for row in rows(outs["local"])}
    assert len(workers) == 2  # two processes shared the three pairs
    scheduler.worker()
    r = run("batch", str(manifest), "--out", str(outs["remote"]), "--scheduler",
            scheduler.address)
    assert r.returncode == 0, r.stderr
    for name in ("sample", "backwards", "fox"):
        first = links(outs["here"], name)
        assert first[0], "no links at all"
        assert links(outs["local"], name) == first, name
        assert links(outs["remote"], name) == first, name
    here = {r["name"]: r for r in rows(outs["here"])}
    for kind in ("local", "remote"):
        for row in rows(outs[kind]):
            assert row["summary"] == here[row["name"]]["summary"]
            assert row["findings"] == here[row["name"]]["findings"]
    assert here["sample"]["findings"]["altered_quote"] >= 1


def test_a_lost_worker_costs_time_not_pairs(tmp_path, scheduler, real_embedder):
    pairs = []
    for k in range(8):
        (tmp_path / f"l{k}.txt").write_text(FOX.replace("Fox", f"Fox {k}"), encoding="utf-8")
        (tmp_path / f"r{k}.txt").write_text(FOX_REWRITE.replace("12", str(k + 20)),
                                            encoding="utf-8")
        pairs.append(f"l{k}.txt\tr{k}.txt\tp{k}\n")
    (tmp_path / "m.tsv").write_text("".join(pairs), encoding="utf-8")
    out = tmp_path / "out"
    first = scheduler.worker()
    batch = subprocess.Popen(
        [sys.executable, "-m", "viewer", "batch", str(tmp_path / "m.tsv"), "--out", str(out),
         "--format", "json,pdf", "--scheduler", scheduler.address],
        env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline and batch.poll() is None:
            if (out / "index.jsonl").exists() and rows(out):
                break
            time.sleep(0.05)
        assert batch.poll() is None and rows(out), "no pair finished before the deadline"
        Scheduler.kill(first)  # the worker dies mid-batch, its pair with it
        scheduler.worker()      # and another one joins
        _, err = batch.communicate(timeout=300)
    finally:
        if batch.poll() is None:
            batch.kill()
            batch.wait()
    assert batch.returncode == 0, err
    final = rows(out)
    assert sorted(r["name"] for r in final) == [f"p{k}" for k in range(8)]
    assert all(r["status"] == "ok" for r in final)
    assert len({r["worker"] for r in final}) == 2
    for k in range(8):
        assert json.loads((out / f"p{k}.json").read_text(encoding="utf-8"))["links"]
        assert (out / f"p{k}.pdf").read_bytes().startswith(b"%PDF")
    assert not [p for p in out.iterdir() if p.name.endswith(".part")]
