"""How long an editor's edit takes to show: re-aligning with manual decisions, no re-embedding.

    python bench/bench_review.py [--sizes 21,500,5000]

For each size (sentences a side; 21 is the sample pair) it compares the pair once with the
real model (embedding cache warm, as in the window after the first comparison) and pins one
link, as an editor would have. Then it times each kind of edit two ways:

- *from scratch*: ``realign`` with the comparison's memo dropped: the whole pair aligned again
  under the constraints (vectors reused), every group's kind and every finding worked out
  again; this is what an edit cost before the memo;
- *incremental*: ``realign`` with the memo: the programme re-runs only in the windows whose
  constraints changed, unchanged groups keep their word ops, kinds and findings.

Both give the same comparison (tests/engine/test_incremental.py). Each figure is the median of
three different edits of that kind (a memo that has seen an edit would answer it from memory),
with the load average.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("ARTICLE_DIFF_HOME", tempfile.mkdtemp(prefix="bench-review-"))


def _ms(fn: Callable[[], object]) -> float:
    t = time.perf_counter()
    fn()
    return 1000 * (time.perf_counter() - t)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="21,500,5000")
    args = parser.parse_args()
    from corpus import make_pair

    from viewer.services.documents import document_from_text, read_document
    from viewer.services.workflow import make_embedder

    print(f"bench_review: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}; command: python bench/bench_review.py --sizes {args.sizes}")
    embedder = make_embedder()
    for size in (int(x) for x in args.sizes.split(",")):
        if size == 21:
            left, right = read_document(ROOT / "seeds/original.txt"), read_document(ROOT / "seeds/rewrite.txt")
        else:
            pair = make_pair(size)
            left = document_from_text("\n\n".join(" ".join(p) for p in pair.left))
            right = document_from_text("\n\n".join(" ".join(p) for p in pair.right))
        _bench_pair(left, right, embedder)


def _bench_pair(left: Any, right: Any, embedder: Any) -> None:
    """Times each kind of edit on one pair, both ways, and prints them."""
    from viewer.engine import review as rv
    from viewer.engine.compare import compare, realign
    from viewer.engine.review import ReviewState

    c = compare(left, right, embedder=embedder)  # fills the embedding cache
    n, m = len(c.left_sentences), len(c.right_sentences)
    base_state = rv.link(ReviewState(), [n // 2], [m // 2])
    base = realign(c, embedder=embedder, review=base_state)

    def at(k: int) -> tuple[int, int]:
        """The k-th place (of three) an edit is made at, away from the pin."""
        return (k + 1) * n // 8, (k + 1) * m // 8

    def group_at(k: int) -> tuple[tuple[int, ...], tuple[int, ...]]:
        i, _ = at(k)
        g = base.group_of_left(i)
        while g is None:
            i += 1
            g = base.group_of_left(i)
        return base.groups[g].left, base.groups[g].right

    def link_at(k: int) -> tuple[ReviewState, float | None]:
        return rv.link(base_state, [at(k)[0]], [at(k)[1]]), None

    def unlink_at(k: int) -> tuple[ReviewState, float | None]:
        return rv.unlink(base_state, *group_at(k)), None

    def none_at(k: int) -> tuple[ReviewState, float | None]:
        return rv.set_no_counterpart(base_state, "left", at(k)[0]), None

    def slider(k: int) -> tuple[ReviewState, float | None]:
        return base_state, (0.55, 0.6, 0.45)[k]

    edits: dict[str, Callable[[int], tuple[ReviewState, float | None]]] = {
        "link by hand": link_at,
        "unlink a group": unlink_at,
        "no counterpart": none_at,
        "sensitivity move": slider,
    }
    print(f"\n{n} x {m} sentences (load {os.getloadavg()[0]:.1f}); median of 3 edits, ms")
    print(f"  {'edit':<20} {'from scratch':>14} {'incremental':>14}")
    for label, make in edits.items():
        scratch, incremental = [], []
        for k in range(3):
            state, sensitivity = make(k)
            scratch.append(_ms(partial(realign, replace(base, memo=None), embedder=embedder,
                                       review=state, sensitivity=sensitivity)))
            incremental.append(_ms(partial(realign, base, embedder=embedder, review=state,
                                           sensitivity=sensitivity)))
        print(f"  {label:<20} {statistics.median(scratch):14.1f} {statistics.median(incremental):14.1f}")


if __name__ == "__main__":
    main()
