"""Cut a long pair into windows so the alignment programme never sees an n x m matrix.

A short pair is one window. A long one is anchored on mutual nearest neighbours that form a
monotone chain (a heaviest increasing subsequence, n log n); the programme then runs in each
window between consecutive anchors. A window that is still too large (a long stretch with no
anchor) is covered by squares along its diagonal.

The neighbours are found coarse to fine, as vecalign does: every 8 sentences averaged into
one, the coarse pair anchored the same way (recursively, until it is small enough to compare
all pairs), and each sentence then compared only with the sentences in the coarse windows
around it. Time and memory grow about linearly with length. Paragraphs moved far away are
not looked for here: the aligner matches what is left unlinked afterwards."""

from __future__ import annotations

import itertools

import numpy as np

from .align_features import PairScorer
from .progress import Cancel, check_cancel

__all__ = ["Anchor", "Window", "plan_windows"]

DENSE_LIMIT = 4_000_000
"""Up to this many sentence pairs (2,000 a side), one window holds the whole pair: every
pair and gold set measured so far is far below it, so their figures never depend on the
windows. Chosen for memory (a float32 matrix of 16 MB), not tuned on quality."""
ANCHOR_MIN = 0.6
"""A mutual nearest neighbour anchors a window only with a cosine this high. Set by hand in
eaea607 (a confident paraphrase for all-MiniLM-L6-v2), never swept; tests/engine/
test_align_windows.py checks what it must allow (an article found inside a book, a long
insertion crossed)."""
SQUARE = 1500
"""A window still larger than this many sentences a side is covered by squares of this size
along its diagonal; bounds memory and time only (set in eaea607)."""
COARSE = 8
"""Sentences averaged into one at the next coarser level of the anchor search."""
BAND_ROWS = 16
"""Rows per product in the nearest-neighbour search. The band is a few dozen sentences wide,
so each product is small, and products this small run on one BLAS thread: on a busy 2-core
machine, thousands of two-thread products took 0.3-2.5 s at 20,000 sentences a side where
one thread takes 0.1 s."""
BAND_BLOCK = 1 << 20
"""At most this many pairs scored at a time (bounds the memory of the dense levels)."""

Window = tuple[int, int, int, int]
Anchor = tuple[int, int, float]


def plan_windows(scorer: PairScorer, *, cancel: Cancel | None = None) -> list[Window]:
    """(r0, r1, c0, c1) blocks that together cover every pair worth linking."""
    n, m = scorer.n, scorer.m
    if n * m <= DENSE_LIMIT:
        return [(0, n, 0, m)]
    return _windows(_anchors(scorer.el, scorer.er, cancel), n, m)


def _anchors(el: np.ndarray, er: np.ndarray, cancel: Cancel | None) -> list[Anchor]:
    """The heaviest monotone chain of mutual nearest neighbours (cosine >= ``ANCHOR_MIN``).

    Neighbours are looked for in a band, never among all n x m pairs: the same search one
    level coarser (every ``COARSE`` sentences averaged into one, recursively until the pair
    is small) gives a chain of coarse anchors, and each sentence is compared only with those
    in the windows between them, widened by a coarse sentence on either side. Time and memory
    grow with the band, about linearly in length. A pair whose sentences are each other's
    nearest within the band but not overall (the true partner moved far away) may become an
    anchor; it still has to score ``ANCHOR_MIN`` and fit the chain.
    """
    n, m = len(el), len(er)
    if n * m <= DENSE_LIMIT:  # every pair, in as few products as memory allows
        lo, hi, rows = np.zeros(n, dtype=np.int64), np.full(n, m, dtype=np.int64), n
    else:
        coarse = _anchors(_coarsen(el), _coarsen(er), cancel)
        lo, hi = _band(_windows(coarse, n, m, scale=COARSE), n, m, margin=COARSE)
        rows = BAND_ROWS
    best_r, best_rs, best_l = _nearest(el, er, lo, hi, cancel, rows=rows)
    mutual = [
        (i, int(best_r[i]), float(best_rs[i]))
        for i in np.flatnonzero(best_rs >= ANCHOR_MIN).tolist()
        if int(best_l[best_r[i]]) == i
    ]
    return _heaviest_chain(mutual)


def _coarsen(vectors: np.ndarray) -> np.ndarray:
    """Every ``COARSE`` consecutive rows summed into one (the last block may be shorter), normalised."""
    n, d = vectors.shape
    padded = np.zeros((-(-n // COARSE) * COARSE, d), dtype=np.float32)
    padded[:n] = vectors
    total = padded.reshape(-1, COARSE, d).sum(axis=1)
    norms = np.linalg.norm(total, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    out: np.ndarray = total / norms
    return out


def _windows(anchors: list[Anchor], n: int, m: int, *, scale: int = 1) -> list[Window]:
    """The windows between consecutive anchors (each anchor in both of its windows), in
    sentences; anchors found on a level ``scale`` times coarser cover ``scale`` sentences each."""
    corners = [(-1, -1)] + [(i, j) for i, j, _ in anchors] + [(-(-n // scale), -(-m // scale))]
    windows: list[Window] = []
    for (i0, j0), (i1, j1) in itertools.pairwise(corners):
        r0, r1 = max(0, i0) * scale, min(n, (i1 + 1) * scale)
        c0, c1 = max(0, j0) * scale, min(m, (j1 + 1) * scale)
        if r1 <= r0 or c1 <= c0:
            continue
        windows.extend(_cover(r0, r1, c0, c1))
    return windows


def _band(windows: list[Window], n: int, m: int, *, margin: int) -> tuple[np.ndarray, np.ndarray]:
    """For each left sentence, the right sentences lo..hi-1 of the windows holding it, widened by ``margin``."""
    lo = np.full(n, m, dtype=np.int64)
    hi = np.zeros(n, dtype=np.int64)
    for r0, r1, c0, c1 in windows:
        np.minimum(lo[r0:r1], c0 - margin, out=lo[r0:r1])
        np.maximum(hi[r0:r1], c1 + margin, out=hi[r0:r1])
    return np.clip(lo, 0, m), np.clip(hi, 0, m)


def _nearest(
    el: np.ndarray,
    er: np.ndarray,
    lo: np.ndarray,
    hi: np.ndarray,
    cancel: Cancel | None,
    *,
    rows: int = BAND_ROWS,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Within the band (left i against right lo[i]..hi[i]-1): each left sentence's best right one
    and its cosine, and each right sentence's best left one (the first on a tie, both ways).
    Rows go in blocks of at most ``rows`` (and ``BAND_BLOCK`` pairs), each against the columns
    its rows' bands span."""
    n, m = len(el), len(er)
    best_r = np.zeros(n, dtype=np.int64)
    best_rs = np.full(n, -2.0, dtype=np.float32)
    best_l = np.zeros(m, dtype=np.int64)
    best_ls = np.full(m, -2.0, dtype=np.float32)
    los, his = lo.tolist(), hi.tolist()
    b = 0
    while b < n:
        check_cancel(cancel)
        c0, c1, e = los[b], his[b], b + 1
        while e < n and e - b < rows and (e + 1 - b) * (max(c1, his[e]) - min(c0, los[e])) <= BAND_BLOCK:
            c0, c1, e = min(c0, los[e]), max(c1, his[e]), e + 1
        s = el[b:e] @ er[c0:c1].T
        if (lo[b:e] > c0).any() or (hi[b:e] < c1).any():
            cols = np.arange(c0, c1)
            s[(cols[None, :] < lo[b:e, None]) | (cols[None, :] >= hi[b:e, None])] = -np.inf
        best_r[b:e] = c0 + s.argmax(axis=1)
        best_rs[b:e] = s.max(axis=1)
        col = s.argmax(axis=0)
        colv = s[col, np.arange(c1 - c0)]
        better = colv > best_ls[c0:c1]
        best_ls[c0:c1][better] = colv[better]
        best_l[c0:c1][better] = col[better] + b
        b = e
    return best_r, best_rs, best_l


def _cover(r0: int, r1: int, c0: int, c1: int) -> list[Window]:
    """The window itself, or squares along its diagonal when it is too large."""
    rows, cols = r1 - r0, c1 - c0
    if rows * cols <= DENSE_LIMIT:
        return [(r0, r1, c0, c1)]
    steps = max(1, -(-max(rows, cols) // SQUARE))
    out = []
    for k in range(steps):
        a0 = r0 + rows * k // steps
        a1 = r0 + rows * (k + 1) // steps
        b0 = c0 + cols * k // steps
        b1 = c0 + cols * (k + 1) // steps
        # Overlap the next square a little so a link across the seam is not lost.
        out.append((a0, min(r1, a1 + 50), b0, min(c1, b1 + 50)))
    return out


def _heaviest_chain(pairs: list[tuple[int, int, float]]) -> list[tuple[int, int, float]]:
    """The heaviest subsequence strictly increasing in both indices (pairs sorted by row,
    at most one per row): a Fenwick tree of prefix maxima over columns."""
    if not pairs:
        return []
    m = max(j for _, j, _ in pairs) + 1
    tree_v = [0.0] * (m + 1)
    tree_p = [-1] * (m + 1)
    best = [0.0] * len(pairs)
    back = [-1] * len(pairs)
    for k, (_, j, s) in enumerate(pairs):
        v, p, x = 0.0, -1, j
        while x > 0:
            if tree_v[x] > v:
                v, p = tree_v[x], tree_p[x]
            x -= x & -x
        best[k], back[k] = v + s, p
        x = j + 1
        while x <= m:
            if best[k] > tree_v[x]:
                tree_v[x], tree_p[x] = best[k], k
            x += x & -x
    k = max(range(len(best)), key=best.__getitem__)
    chain = []
    while k >= 0:
        chain.append(pairs[k])
        k = back[k]
    chain.reverse()
    return chain
