"""Alignment quality in-process: link precision, recall and F1 on a gold JSONL set.

The same measure as ../shared/eval/score_alignment.py (which runs the `batch` command), but
in one process so that settings can be compared quickly:

    python bench/eval_alignment.py ../shared/data/aesop_dev.jsonl [--sensitivity 0.5] [--lexical]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from viewer.engine.compare import compare  # noqa: E402
from viewer.services.documents import document_from_text  # noqa: E402


def score(pairs, embedder, sensitivity=0.5, settings=None, verbose=False):  # type: ignore[no-untyped-def]
    tp = npred = ngold = 0
    for p in pairs:
        left = document_from_text("\n".join(s.replace("\n", " ") for s in p["left"]), name="left")
        right = document_from_text("\n".join(s.replace("\n", " ") for s in p["right"]), name="right")
        c = compare(left, right, embedder=embedder, split="lines", sensitivity=sensitivity, settings=settings)
        pred = {(k.left, k.right) for k in c.links}
        gold = {tuple(x) for x in p["links"]}
        tp += len(pred & gold)
        npred += len(pred)
        ngold += len(gold)
        if verbose:
            print(p["name"], "missed", sorted(gold - pred), "wrong", sorted(pred - gold))
    P = tp / npred if npred else 0.0
    R = tp / ngold if ngold else 0.0
    F = 2 * P * R / (P + R) if P + R else 0.0
    return P, R, F


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("gold")
    ap.add_argument("--sensitivity", type=float, default=0.5)
    ap.add_argument("--lexical", action="store_true", help="use the lexical fallback")
    ap.add_argument("--verbose", action="store_true")
    a = ap.parse_args()
    pairs = [json.loads(line) for line in open(a.gold, encoding="utf-8") if line.strip()]
    if a.lexical:
        from viewer.engine.embed import CachedEmbedder, LexicalEmbedder

        embedder = CachedEmbedder(LexicalEmbedder(), None)
    else:
        from viewer.services.workflow import make_embedder

        embedder = make_embedder()
    t0 = time.perf_counter()
    P, R, F = score(pairs, embedder, a.sensitivity, verbose=a.verbose)
    secs = time.perf_counter() - t0
    print(f"model={embedder.info.name} pairs={len(pairs)} cores={os.cpu_count()} seconds={secs:.1f}")
    print(f"P={P:.3f} R={R:.3f} F1={F:.3f}")


if __name__ == "__main__":
    main()
