"""How long an editor's edit takes to show: re-aligning with manual links, no re-embedding.

    python bench/bench_review.py [--sizes 21,500,5000]

For each size (sentences a side; 21 is the sample pair) it compares the pair once with the
real model (embedding cache warm, as in the window after the first comparison), then times
``realign`` (the constrained aligner, kinds, word diffs of the changed groups only, findings)
for: a sensitivity change with no decisions, one link by hand, one unlink, and ten links by
hand spread over the document; and, for comparison, a full ``compare`` with the same
decisions (which embeds again from the cache). Median of 3 runs each, with the load average.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("ARTICLE_DIFF_HOME", tempfile.mkdtemp(prefix="bench-review-"))


def _median_ms(fn, runs: int = 3) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return 1000 * statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="21,500,5000")
    args = parser.parse_args()
    from corpus import make_pair

    from viewer.engine import review as rv
    from viewer.engine.compare import compare, realign
    from viewer.engine.review import ReviewState
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
        c = compare(left, right, embedder=embedder)  # fills the cache
        n, m = len(c.left_sentences), len(c.right_sentences)
        g = c.groups[len(c.groups) // 2]
        one_link = rv.link(ReviewState(), [n // 3], [m // 3])
        one_unlink = rv.unlink(ReviewState(), g.left, g.right)
        ten = ReviewState()
        for k in range(1, 11):
            ten = rv.link(ten, [k * n // 11], [k * m // 11])
        cases = {
            "sensitivity 0.5 -> 0.6": partial(realign, c, embedder=embedder, sensitivity=0.6),
            "one link by hand": partial(realign, c, embedder=embedder, review=one_link),
            "one unlink": partial(realign, c, embedder=embedder, review=one_unlink),
            "ten links by hand": partial(realign, c, embedder=embedder, review=ten),
            "full compare, ten links (cache warm)": partial(compare, left, right, embedder=embedder, review=ten),
        }
        print(f"\n{n} x {m} sentences (load {os.getloadavg()[0]:.1f})")
        for label, fn in cases.items():
            print(f"  {label:<40} {_median_ms(fn):8.1f} ms")


if __name__ == "__main__":
    main()
