"""Alignment quality in-process: link precision, recall and F1 on a gold JSONL set, and on the
sample pair against the links drawn by hand (tests/data/sample_gold.json).

The same measure as ../shared/eval/score_alignment.py (which runs the `batch` command), but
in one process so that settings can be compared quickly:

    ARTICLE_DIFF_HOME=/tmp/adhome python bench/eval_alignment.py ../shared/data/aesop_dev.jsonl
        [--sensitivity 0.5] [--lexical] [--verbose] [--cv]

``--verbose`` prints the missed and wrong links of each pair. ``--cv`` estimates how much of
the figure comes from choosing the two thresholds on the same data: five folds over the pairs,
the thresholds picked on four folds from a small grid and scored on the fifth (held-out F1).
The cost of the joined texts (merges and splits checked against the embedding of their joined
text) is printed as the number of extra texts embedded and their share of the align time.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import sys
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from viewer.engine.align import AlignSettings
from viewer.engine.compare import compare
from viewer.services.documents import document_from_text, read_document

GOLD_SAMPLE = ROOT / "tests" / "data" / "sample_gold.json"


class CountingEmbedder:
    """Passes through to the real embedder and counts the aligner's joined texts: every text
    embedded after the first call of a comparison (that call embeds the sentences)."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.info = inner.info
        self.joined = 0
        self.joined_seconds = 0.0
        self._sentences_done = False

    def new_comparison(self) -> None:
        self._sentences_done = False

    def encode(self, texts: Sequence[str], *, progress: Any = None, cancel: Any = None) -> np.ndarray:
        t0 = time.perf_counter()
        out = self.inner.encode(texts, progress=progress, cancel=cancel)
        if self._sentences_done:
            self.joined += len(texts)
            self.joined_seconds += time.perf_counter() - t0
        self._sentences_done = True
        return out


def prf(tp: int, npred: int, ngold: int) -> tuple[float, float, float]:
    P = tp / npred if npred else 0.0
    R = tp / ngold if ngold else 0.0
    return P, R, (2 * P * R / (P + R) if P + R else 0.0)


def counts(pairs: list[dict], embedder: Any, sensitivity: float, settings: AlignSettings | None,
           verbose: bool = False) -> tuple[int, int, int, float]:
    """(correct, predicted, gold, align seconds) over ``pairs``."""
    tp = npred = ngold = 0
    align_s = 0.0
    for p in pairs:
        left = document_from_text("\n".join(s.replace("\n", " ") for s in p["left"]), name="left")
        right = document_from_text("\n".join(s.replace("\n", " ") for s in p["right"]), name="right")
        if isinstance(embedder, CountingEmbedder):
            embedder.new_comparison()
        c = compare(left, right, embedder=embedder, split="lines", sensitivity=sensitivity, settings=settings)
        align_s += c.timings.get("align", 0.0)
        pred = {(k.left, k.right) for k in c.links}
        gold = {tuple(x) for x in p["links"]}
        tp += len(pred & gold)
        npred += len(pred)
        ngold += len(gold)
        if verbose:
            print(p["name"], "missed", sorted(gold - pred), "wrong", sorted(pred - gold))
    return tp, npred, ngold, align_s


def score(pairs, embedder, sensitivity=0.5, settings=None, verbose=False):  # type: ignore[no-untyped-def]
    """(P, R, F1) over ``pairs``."""
    tp, npred, ngold, _ = counts(pairs, embedder, sensitivity, settings, verbose)
    return prf(tp, npred, ngold)


def sample_pair(embedder: Any, sensitivity: float) -> tuple[tuple[float, float, float], list, list]:
    """(P, R, F1), wrong and missed links of the sample pair against the hand-drawn gold."""
    gold_doc = json.loads(GOLD_SAMPLE.read_text(encoding="utf-8"))
    gold = {(k["left"], k["right"]) for k in gold_doc["links"]}
    c = compare(read_document(ROOT / gold_doc["left"]), read_document(ROOT / gold_doc["right"]),
                embedder=embedder, split=gold_doc["split"], sensitivity=sensitivity)
    pred = {(k.left, k.right) for k in c.links}
    return prf(len(pred & gold), len(pred), len(gold)), sorted(pred - gold), sorted(gold - pred)


def cross_validate(pairs: list[dict], embedder: Any, sensitivity: float, folds: int = 5) -> tuple[float, float, float]:
    """Held-out (P, R, F1): thresholds chosen on the other folds from a small grid."""
    grid = [
        replace(AlignSettings(), match_threshold=a, group_threshold=b)
        for a, b in itertools.product((0.3, 0.34, 0.38, 0.42, 0.46, 0.5), (0.45, 0.5, 0.55, 0.6, 0.65))
    ]
    table = {}
    for k, settings in enumerate(grid):
        for f in range(folds):
            table[(k, f)] = counts(pairs[f::folds], embedder, sensitivity, settings)[:3]
    tp = npred = ngold = 0
    for f in range(folds):
        def train_f1(k: int, held_out: int = f) -> float:
            c = np.sum([table[(k, g)] for g in range(folds) if g != held_out], axis=0)
            return prf(int(c[0]), int(c[1]), int(c[2]))[2]

        best = max(range(len(grid)), key=train_f1)
        a, b, c = table[(best, f)]
        tp, npred, ngold = tp + a, npred + b, ngold + c
        print(f"  fold {f}: match {grid[best].match_threshold} group {grid[best].group_threshold}")
    return prf(tp, npred, ngold)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("gold")
    ap.add_argument("--sensitivity", type=float, default=0.5)
    ap.add_argument("--lexical", action="store_true", help="use the lexical fallback")
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--cv", action="store_true", help="held-out F1 with thresholds chosen per fold")
    a = ap.parse_args()
    with open(a.gold, encoding="utf-8") as f:
        pairs = [json.loads(line) for line in f if line.strip()]
    if a.lexical:
        from viewer.engine.embed import CachedEmbedder, LexicalEmbedder

        base: Any = CachedEmbedder(LexicalEmbedder(), None)
    else:
        from viewer.services.workflow import make_embedder

        base = make_embedder()
    embedder = CountingEmbedder(base)
    print(f"command: python {' '.join(sys.argv)}")
    print(f"machine: {platform.platform()} python={platform.python_version()} cores={os.cpu_count()}")
    t0 = time.perf_counter()
    tp, npred, ngold, align_s = counts(pairs, embedder, a.sensitivity, None, a.verbose)
    secs = time.perf_counter() - t0
    P, R, F = prf(tp, npred, ngold)
    print(f"model={embedder.info.name} pairs={len(pairs)} seconds={secs:.1f} align_seconds={align_s:.2f}")
    print(f"joined texts: {embedder.joined} looked up, {embedder.joined_seconds:.2f} s"
          " (embedded on a cold cache; cached like sentences after that)")
    print(f"links: gold={ngold} predicted={npred} correct={tp}")
    print(f"P={P:.3f} R={R:.3f} F1={F:.3f}")
    (sP, sR, sF), wrong, missed = sample_pair(embedder, a.sensitivity)
    print(f"sample pair vs hand gold: P={sP:.3f} R={sR:.3f} F1={sF:.3f} wrong={wrong} missed={missed}")
    if a.cv:
        cP, cR, cF = cross_validate(pairs, embedder, a.sensitivity)
        print(f"5-fold held-out: P={cP:.3f} R={cR:.3f} F1={cF:.3f}")


if __name__ == "__main__":
    main()
