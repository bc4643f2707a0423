"""Speed and memory of a comparison from an article to a book: 100 to 20,000 sentences a side.

    python bench/bench_scale.py [--sizes 100,500,5000,20000] [--stop-at 5000] [--sample 2000]
                                [--home DIR] [--backend onnx-int8|onnx|torch|torch-bf16]
                                [--no-throughput]
                                [--rate SENT_PER_S] [--no-cancel]

Inputs come from bench/corpus.py (real prose, shuffled and edited deterministically) and are
written as .txt files so the "read" phase reads real files. Every measurement runs in its own
subprocess, so each size's peak RSS is its own.

1. Model throughput: sentences per second of ``SentenceTransformer.encode`` alone (PyTorch,
   the reference) and of the app's embedders (ONNX Runtime int8 and float32, PyTorch and
   PyTorch bfloat16 backends) on the same ``--sample`` distinct sentences, with no cache.
2. For each size, once: the pair is compared with the model and an on-disk cache under
   ``--home`` (default: a folder beside the system temp dir, kept between runs), which fills
   the cache. Embedding 40,000 sentences takes minutes; later runs skip this step.
3. For each size: a fresh process loads the model as the app does, reads the files and runs
   ``compare()`` with the warm cache, timing each phase (compare's own timings) and the peak
   RSS. The embedding time a user would wait with a cold cache is *extrapolated* from the
   measured throughput (sentences / sentences per second) and printed as such.
4. Progress and cancel at 5,000 a side: the progress events seen per phase, and how long
   ``compare()`` takes to raise ``Cancelled`` after another thread sets the flag a while into
   embedding (cold cache, the real model) or into alignment (warm cache).

The machine is shared: the load average is printed with every figure.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

DEFAULT_HOME = Path(tempfile.gettempdir()) / "article-diff-bench-scale"


def load() -> str:
    return "{:.1f}/{:.1f}/{:.1f}".format(*os.getloadavg())


def rss_mb() -> float:
    """Peak resident memory of this process so far, in MB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def current_rss_mb() -> float:
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except OSError:
        return float("nan")


def inputs(home: Path, n: int) -> tuple[Path, Path]:
    """The pair of ``n`` sentences a side, written once under ``home/inputs``."""
    from corpus import make_pair

    folder = home / "inputs"
    folder.mkdir(parents=True, exist_ok=True)
    left, right = folder / f"{n}-original.txt", folder / f"{n}-rewrite.txt"
    if not (left.is_file() and right.is_file()):
        pair = make_pair(n)
        left.write_text(pair.left_text, encoding="utf-8")
        right.write_text(pair.right_text, encoding="utf-8")
    return left, right


def emit(result: dict) -> None:
    print("RESULT " + json.dumps(result), flush=True)


# -- the subprocess phases ------------------------------------------------------------------


def phase_throughput(sample: int, rounds: int) -> None:
    """Sentences per second: SentenceTransformer.encode alone, then each app backend."""
    from corpus import make_pair

    pair = make_pair(max(sample, 2000))
    texts = list(dict.fromkeys(s for p in pair.left + pair.right for s in p))[:sample]
    from viewer.engine.embed import SentenceTransformerEmbedder, default_model_path
    from viewer.engine.onnx_embed import OnnxEmbedder

    path = default_model_path()
    out: dict = {"sentences": len(texts), "chars": sum(map(len, texts))}
    st = SentenceTransformerEmbedder(path)
    t0 = time.perf_counter()
    st.load()
    out["torch_load_s"] = time.perf_counter() - t0
    model = st._model
    import torch

    out["torch_threads"] = torch.get_num_threads()
    model.encode(texts[:64], batch_size=32)  # warm-up
    half = texts[: len(texts) // 2]
    for bs in (32, 64, 128):  # which batch size suits the reference here (half the sample)
        t0 = time.perf_counter()
        model.encode(half, batch_size=bs, normalize_embeddings=True, show_progress_bar=False)
        out[f"st_encode_bs{bs}"] = len(half) / (time.perf_counter() - t0)
        out[f"st_encode_bs{bs}_load"] = load()
    from viewer.services.config import embed_config

    export_dir = embed_config().cache_dir
    onnx = OnnxEmbedder(path, export_dir=export_dir)
    t0 = time.perf_counter()
    onnx.load()
    out["onnx_load_s"] = time.perf_counter() - t0
    int8 = OnnxEmbedder(path, export_dir=export_dir, int8=True)
    t0 = time.perf_counter()
    int8.load()
    out["int8_load_s"] = time.perf_counter() - t0
    for name, embedder, batches in (("onnx", onnx, (8, 16, 32, 64)), ("int8", int8, (1, 8, 32))):
        embedder.encode(texts[:64])
        for bs in batches:
            embedder.batch_size = bs
            t0 = time.perf_counter()
            embedder.encode(half)
            out[f"app_{name}_bs{bs}"] = len(half) / (time.perf_counter() - t0)
            out[f"app_{name}_bs{bs}_load"] = load()
    # The A/B that decides the default. The machine is shared and its load drifts, so the
    # sample is cut into chunks and each chunk is embedded by every contender in turn
    # (rotating who goes first): the ratio within a chunk is fair even when the load is not.
    onnx.batch_size = 32
    int8.batch_size = 1
    st.batch_size = 64
    bf16 = SentenceTransformerEmbedder(path, bf16=True)
    bf16._model = model  # the same weights, run under bfloat16 autocast
    contenders = {
        "st": lambda chunk: model.encode(chunk, batch_size=64, normalize_embeddings=True,
                                         show_progress_bar=False),
        "torch": st.encode,
        "onnx": onnx.encode,
        "int8": int8.encode,
        "bf16": bf16.encode,
    }
    runs: dict[str, list[float]] = {k: [] for k in contenders}
    size = max(50, len(texts) // (10 * rounds))
    chunks = [texts[b : b + size] for b in range(0, len(texts), size)] * rounds
    for c, chunk in enumerate(chunks):
        names = list(contenders)
        names = names[c % len(names):] + names[: c % len(names)]
        for name in names:
            t0 = time.perf_counter()
            contenders[name](chunk)
            runs[name].append(len(chunk) / (time.perf_counter() - t0))
    out["rounds"] = runs
    out["chunk"] = size
    out["rounds_load"] = load()
    emit(out)


def _compare(n: int, home: Path, backend: str, *, progress=None, cancel=None):  # type: ignore[no-untyped-def]
    from viewer.engine.compare import compare
    from viewer.services.documents import read_document
    from viewer.services.workflow import make_embedder

    t0 = time.perf_counter()
    embedder = make_embedder()
    model_s = time.perf_counter() - t0
    if not embedder.info.semantic:
        raise SystemExit(f"the model did not load: {embedder.info.note}")
    base_rss = current_rss_mb()
    left, right = inputs(home, n)
    t0 = time.perf_counter()
    ld, rd = read_document(left), read_document(right)
    read_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    c = compare(ld, rd, embedder=embedder, progress=progress, cancel=cancel)
    total_s = time.perf_counter() - t0
    return embedder, c, {"model_s": model_s, "read": read_s, "compare_s": total_s,
                         "base_rss_mb": base_rss}


def phase_preembed(n: int, home: Path, backend: str) -> None:
    embedder, c, t = _compare(n, home, backend)
    emit({"n": n, "left": len(c.left_sentences), "right": len(c.right_sentences),
          "embedded": embedder.misses, "embed_s": c.timings.get("embed", 0.0),
          "backend": embedder.backend, "load": load(), **t})


def phase_measure(n: int, home: Path, backend: str) -> None:
    events: dict[str, list[tuple[int, int]]] = {}

    def progress(phase: str, done: int, total: int) -> None:
        events.setdefault(phase, []).append((done, total))

    embedder, c, t = _compare(n, home, backend, progress=progress)
    emit({"n": n, "left": len(c.left_sentences), "right": len(c.right_sentences),
          "links": len(c.links), "groups": len(c.groups), "findings": len(c.findings),
          "misses": embedder.misses, "timings": c.timings, "peak_rss_mb": rss_mb(),
          "progress": {k: [len(v), v[-1][0], v[-1][1]] for k, v in events.items()},
          "backend": embedder.backend, "load": load(), **t})


CANCEL_AFTER = {"embed": 1.5, "align": 0.2}
"""Seconds after a phase's first progress event when the flag is set. Alignment with a warm
cache takes about 2 s at 20,000 a side and reports first after its windows are planned."""


def phase_cancel(n: int, home: Path, backend: str, when: str) -> None:
    """Set the cancel flag from another thread (as the GUI's Cancel button does) a while into
    phase ``when`` (``CANCEL_AFTER`` seconds after its first progress event: mid-batch,
    mid-alignment), then time how long compare() takes to raise Cancelled."""
    from viewer.engine.progress import Cancelled

    flag = threading.Event()
    set_at: list[float] = []
    started = threading.Event()
    last: list[tuple[str, int, int]] = []

    def progress(phase: str, done: int, total: int) -> None:
        last[:] = [(phase, done, total)]
        if phase == when:
            started.set()

    def press_cancel() -> None:
        started.wait()
        time.sleep(CANCEL_AFTER[when])
        set_at.append(time.perf_counter())
        flag.set()

    threading.Thread(target=press_cancel, daemon=True).start()
    try:
        _compare(n, home, backend, progress=progress, cancel=flag.is_set)
        emit({"n": n, "when": when, "cancelled": False, "load": load()})
    except Cancelled:
        emit({"n": n, "when": when, "cancelled": True, "load": load(),
              "latency_s": time.perf_counter() - set_at[0], "last": last[0]})


# -- the driver -----------------------------------------------------------------------------


def run(args: list[str], home: Path, backend: str) -> dict:
    env = {**os.environ, "ARTICLE_DIFF_HOME": str(home), "ARTICLE_DIFF_BACKEND": backend,
           "PYTHONWARNINGS": "ignore"}
    proc = subprocess.run([sys.executable, __file__, *args], env=env, capture_output=True,
                          text=True, cwd=ROOT, check=False)
    for line in proc.stdout.splitlines():
        if line.startswith("RESULT "):
            return json.loads(line[7:])
    raise SystemExit(f"{' '.join(args)} failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f}" if seconds < 100 else f"{seconds:,.0f} s"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="100,500,5000,20000")
    ap.add_argument("--stop-at", type=int, default=0, help="skip sizes above this")
    ap.add_argument("--sample", type=int, default=2000, help="sentences for throughput")
    ap.add_argument("--rounds", type=int, default=3, help="alternated throughput rounds")
    ap.add_argument("--home", type=Path, default=DEFAULT_HOME)
    ap.add_argument("--backend", default=os.environ.get("ARTICLE_DIFF_BACKEND", "onnx-int8"))
    ap.add_argument("--no-throughput", action="store_true")
    ap.add_argument("--rate", type=float, default=0.0,
                    help="with --no-throughput: the model throughput (sent/s) that 'embed (model)' assumes")
    ap.add_argument("--no-cancel", action="store_true")
    ap.add_argument("--phase", help=argparse.SUPPRESS)
    ap.add_argument("--n", type=int, default=0, help=argparse.SUPPRESS)
    ap.add_argument("--when", default="embed", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.phase == "throughput":
        return phase_throughput(a.sample, a.rounds)
    if a.phase == "preembed":
        return phase_preembed(a.n, a.home, a.backend)
    if a.phase == "measure":
        return phase_measure(a.n, a.home, a.backend)
    if a.phase == "cancel":
        return phase_cancel(a.n, a.home, a.backend, a.when)

    sizes = [int(s) for s in a.sizes.split(",") if s.strip()]
    if a.stop_at:
        sizes = [s for s in sizes if s <= a.stop_at]
    a.home.mkdir(parents=True, exist_ok=True)
    print(f"bench_scale: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}, backend {a.backend}, load {load()}")
    print(f"command: python {' '.join(sys.argv)}")
    print(f"cache and inputs: {a.home}")

    rate = a.rate
    if not a.no_throughput:
        r = run(["--phase", "throughput", "--sample", str(a.sample), "--rounds", str(a.rounds)], a.home, a.backend)
        print(f"\nModel throughput, no cache, {r['sentences']} distinct sentences "
              f"(avg {r['chars'] / r['sentences']:.0f} chars); PyTorch {r['torch_threads']} "
              f"threads, ONNX Runtime {os.cpu_count()} threads")
        print(f"  batch size check on {r['sentences'] // 2} sentences:")
        for bs in (32, 64, 128):
            print(f"    SentenceTransformer.encode, batch {bs:<3} {r[f'st_encode_bs{bs}']:6.0f} "
                  f"sent/s   load {r[f'st_encode_bs{bs}_load']}")
        for name, label, batches in (("onnx", "ONNX Runtime float32", (8, 16, 32, 64)),
                                     ("int8", "ONNX Runtime int8   ", (1, 8, 32))):
            for bs in batches:
                print(f"    {label}, batch {bs:<3} {r[f'app_{name}_bs{bs}']:6.0f} "
                      f"sent/s   load {r[f'app_{name}_bs{bs}_load']}")
        import statistics

        names = {"st": "SentenceTransformer.encode alone (batch 64)",
                 "torch": "app, PyTorch backend (batch 64)",
                 "onnx": "app, ONNX Runtime float32 backend (batch 32)",
                 "int8": "app, ONNX Runtime int8 backend (batch 1)",
                 "bf16": "app, PyTorch bfloat16 backend (batch 64)"}
        runs = r["rounds"]
        print(f"  {len(runs['st'])} chunks of {r['chunk']} sentences, each embedded by all five "
              f"in turn (sent/s: best / median), load at the end {r['rounds_load']}:")
        for k, label in names.items():
            print(f"    {label:<48} {max(runs[k]):6.0f} / {statistics.median(runs[k]):6.0f}")
        for fast, ref in (("onnx", "torch"), ("int8", "st"), ("int8", "torch"), ("int8", "onnx"),
                          ("bf16", "torch"), ("bf16", "int8")):
            ratios = [o / t for o, t in zip(runs[fast], runs[ref])]
            print(f"  {names[fast].split(' (')[0]} / {names[ref].split(' (')[0]}: median of "
                  f"per-chunk ratios "
                  f"{statistics.median(ratios):.2f}x (quartiles "
                  f"{statistics.quantiles(ratios, n=4)[0]:.2f}-{statistics.quantiles(ratios, n=4)[2]:.2f})")
        print(f"  model load: PyTorch {r['torch_load_s']:.1f} s (imports torch), "
              f"ONNX Runtime {r['onnx_load_s']:.1f} s float32, {r['int8_load_s']:.1f} s int8 "
              "(exported and quantized files cached; the first run builds them)")
        key = {"onnx-int8": "int8", "onnx": "onnx", "torch-bf16": "bf16"}.get(a.backend, "torch")
        rate = statistics.median(runs[key])

    rows = []
    for n in sizes:
        marker = a.home / f"embedded-{n}.json"
        if not marker.is_file():
            print(f"\npre-embedding {n} a side into the cache (once)...", flush=True)
            pre = run(["--phase", "preembed", "--n", str(n)], a.home, a.backend)
            marker.write_text(json.dumps(pre))
            print(f"  {pre['embedded']} texts embedded in {pre['embed_s']:.1f} s "
                  f"({pre['embedded'] / max(pre['embed_s'], 1e-9):.0f} sent/s, "
                  f"{pre['backend']}), load {pre['load']}")
        m = run(["--phase", "measure", "--n", str(n)], a.home, a.backend)
        m["pre"] = json.loads(marker.read_text())
        rows.append(m)
        t = m["timings"]
        print(f"  {n}: measured (load {m['load']}, cache misses {m['misses']}, "
              f"align {t['align']:.2f} s, peak RSS {m['peak_rss_mb']:.0f} MB)", flush=True)

    print("\nPhase times in ms with a warm embedding cache, the model loaded "
          f"(backend {a.backend}); 'embed (model)' is extrapolated from the throughput"
          f" ({'given with --rate' if a.no_throughput else 'median chunk'}, {rate:.0f} sent/s)" if rate else "")
    head = (f"{'a side':>7} {'sentences':>13} {'read':>7} {'split':>7} {'embed':>7} "
            f"{'align':>8} {'word diff':>9} {'findings':>8} {'others':>8} "
            f"{'embed (model)':>13} {'others/embed':>12} {'peak RSS':>9}")
    print(head)
    print("-" * len(head))
    for m in rows:
        t = m["timings"]
        others = t["split"] + t["align"] + t["word_diff"] + t["findings"]
        texts = m["pre"]["embedded"]
        model_s = texts / rate if rate else float("nan")
        share = f"{others / model_s * 100:.1f}%" if rate else "n/a"
        print(f"{m['n']:>7,} {m['left']:>6,}+{m['right']:<6,} {ms(m['read']):>7} "
              f"{ms(t['split']):>7} {ms(t['embed']):>7} {ms(t['align']):>8} "
              f"{ms(t['word_diff']):>9} {ms(t['findings']):>8} {ms(others):>8} "
              f"{ms(model_s):>13} {share:>12} {m['peak_rss_mb']:>6,.0f} MB")
    print("others = split + align + word diff + findings; embed = cache look-up only;")
    print("embed (model) = distinct texts embedded on the cold run / model throughput above.")
    for m in rows:
        p = m["progress"]
        print(f"progress at {m['n']:,}: " + ", ".join(
            f"{k}: {v[0]} events, last {v[1]}/{v[2]}" for k, v in p.items()))

    if not a.no_cancel:
        n = 5000 if 5000 in sizes else sizes[-1]
        cold = a.home / "cancel-cold"
        print(f"\nCancel at {n:,} a side: the flag set from another thread {CANCEL_AFTER['embed']} s into "
              f"embedding, {CANCEL_AFTER['align']} s after alignment's first progress event; "
              "time until compare() raised Cancelled:")
        for when, home in (("embed", cold), ("align", a.home)):
            if when == "embed" and cold.exists():
                import shutil

                shutil.rmtree(cold)  # cold cache: the model is really running
            r = run(["--phase", "cancel", "--n", str(n), "--when", when], home, a.backend)
            state = (f"{r['latency_s'] * 1000:5.0f} ms (last progress: {r['last'][0]} "
                     f"{r['last'][1]}/{r['last'][2]})" if r["cancelled"] else "NOT cancelled")
            print(f"  during {when:<6} {state}   load {r['load']}")
    print(f"\nload average at the end: {load()}")


if __name__ == "__main__":
    main()
