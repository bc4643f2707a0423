"""Time each phase of comparing the sample pair: cold (empty embedding cache) and warm.

    python bench/bench_phases.py [LEFT RIGHT]

Prints the machine's core count, the command, and one line per phase. The cold run uses a
fresh, empty cache folder; the warm run a new embedder (empty memory) over the cache the cold
run filled, as a second launch of the app would.
"""

from __future__ import annotations

import os
import platform
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["ARTICLE_DIFF_HOME"] = tempfile.mkdtemp(prefix="bench-phases-")


def run(left: str, right: str, label: str) -> None:
    from viewer.engine import align as align_mod
    from viewer.engine.classify import KindSettings
    from viewer.engine.compare import build_groups
    from viewer.engine.segment import split_sentences
    from viewer.services.documents import read_document
    from viewer.services.workflow import make_embedder

    t = {}
    t0 = time.perf_counter()
    ld, rd = read_document(left), read_document(right)
    t["read"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    ls, rs = split_sentences(ld), split_sentences(rd)
    t["split"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    embedder = make_embedder()
    t["load model"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    vecs = embedder.encode([s.text for s in ls] + [s.text for s in rs])
    t["embed"] = time.perf_counter() - t0
    settings = align_mod.AlignSettings().scaled(0.5)
    t0 = time.perf_counter()
    raw = align_mod.align([s.text for s in ls], [s.text for s in rs], embedder, settings,
                          left_vectors=vecs[: len(ls)], right_vectors=vecs[len(ls):])
    t["align"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    groups = build_groups(raw, ld, rd, ls, rs, KindSettings().scaled(0.5))
    t["word diff"] = time.perf_counter() - t0
    from viewer.engine.compare import compare

    t0 = time.perf_counter()
    c = compare(ld, rd, embedder=embedder)
    t["compare() again, model loaded"] = time.perf_counter() - t0
    t["findings"] = c.timings.get("findings", 0.0)
    print(f"\n{label}: {len(ls)} + {len(rs)} sentences, {len(groups)} groups, model {embedder.info.name}")
    for k, v in t.items():
        print(f"  {k:<32} {v * 1000:9.1f} ms")
    ready = t["read"] + t["split"] + t["embed"] + t["align"] + t["word diff"] + t["findings"]
    print(f"  {'comparison ready (model loaded)':<32} {ready * 1000:9.1f} ms")


def main() -> None:
    left = sys.argv[1] if len(sys.argv) > 2 else str(ROOT / "seeds/original.txt")
    right = sys.argv[2] if len(sys.argv) > 2 else str(ROOT / "seeds/rewrite.txt")
    print(f"bench_phases: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}")
    print(f"command: python {' '.join(sys.argv)}")
    run(left, right, "cold (empty cache)")
    import viewer.engine.embed  # noqa: F401  (modules stay imported: the warm run is a 2nd launch's work)

    run(left, right, "warm cache")


if __name__ == "__main__":
    main()
