"""Cut a long pair into windows so the alignment programme never sees an n x m matrix.

A short pair is one window. A long one is anchored on mutual nearest neighbours that form a
monotone chain (a heaviest increasing subsequence, n log n); the programme then runs in each
window between consecutive anchors. A window that is still too large (a long stretch with no
anchor) is covered by squares along its diagonal.
"""

from __future__ import annotations

import itertools

from .align_features import PairScorer
from .embed import Cancel

DENSE_LIMIT = 4_000_000
"""Up to this many sentence pairs, one window holds the whole pair."""
ANCHOR_MIN = 0.6
SQUARE = 1500

Window = tuple[int, int, int, int]


def plan_windows(scorer: PairScorer, *, cancel: Cancel | None = None) -> list[Window]:
    """(r0, r1, c0, c1) blocks that together cover every pair worth linking."""
    n, m = scorer.n, scorer.m
    if n * m <= DENSE_LIMIT:
        return [(0, n, 0, m)]
    best_r, best_rs, best_l, _ = scorer.nearest(cancel=cancel)
    mutual = [
        (i, int(best_r[i]), float(best_rs[i]))
        for i in range(n)
        if best_rs[i] >= ANCHOR_MIN and int(best_l[best_r[i]]) == i
    ]
    anchors = _heaviest_chain(mutual)
    corners = [(-1, -1)] + [(i, j) for i, j, _ in anchors] + [(n, m)]
    windows: list[Window] = []
    for (i0, j0), (i1, j1) in itertools.pairwise(corners):
        r0, r1 = max(0, i0), min(n, i1 + 1)
        c0, c1 = max(0, j0), min(m, j1 + 1)
        if r1 <= r0 or c1 <= c0:
            continue
        windows.extend(_cover(r0, r1, c0, c1))
    return windows


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
