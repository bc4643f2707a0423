"""The monotone alignment programme over a block of pair scores.

``D[i, j]`` is the best total for the first i left and j right sentences; ``M[i, j]`` the
best total in which left i-1 and right j-1 are linked. A new link earns ``score - t_new``; a
link that extends the previous one (a second left sentence for the same right one: a merge,
or the reverse: a split) earns ``score - t_group``; skipping a sentence costs nothing. A chain
of extensions may turn a corner (A0 and A with B1, then A with B2): an N-shaped group where one
sentence feeds two. Each row is computed with whole-array operations: the within-row
recurrence ``M[j] = max(a[j], M[j-1] + w[j])`` is a running maximum of ``a - cumsum(w)``.

Ties (equal totals, as with a sentence printed twice) are broken the same way whichever
document is on the left: a skip wins over a link, so a repeated sentence links its first copy;
between skipping a left or a right sentence (or extending down or across), the programme
steps back along the longer of the two remaining prefixes. Swapping the documents transposes
the result.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeAlias

import numpy as np

__all__ = ["Grid", "monotone_links", "monotone_links_many"]

_NEG = -1e18
_SMALL = 4096
"""Blocks up to this many cells are traced on nested lists, larger ones on the arrays. Speed
only (the same trace either way): chosen with bench/bench_scale.py (commit 1144a1c)."""

Grid: TypeAlias = np.ndarray | Sequence[Sequence[float]]


def monotone_links(score: np.ndarray, t_new: float, t_group: float) -> list[tuple[int, int]]:
    """The pairs (i, j) of the best monotone alignment of ``score`` (n x m), in order."""
    n, m = score.shape
    if n == 0 or m == 0:
        return []
    return monotone_links_many(score[None], t_new, t_group)[0]


def monotone_links_many(scores: np.ndarray, t_new: float, t_group: float) -> list[list[tuple[int, int]]]:
    """``monotone_links`` of each block of a stack of equal-shape blocks (k x n x m), the
    programme run on all of them at once: many small windows cost one pass, not k. The
    arithmetic is that of one block, so the links are exactly those of one call per block."""
    k, n, m = scores.shape
    if n == 0 or m == 0:
        return [[] for _ in range(k)]
    w_new = scores.astype(np.float64) - t_new
    w_grp = scores.astype(np.float64) - t_group
    D = np.zeros((k, n + 1, m + 1))
    M = np.full((k, n + 1, m + 1), _NEG)
    for i in range(1, n + 1):
        a = np.maximum(D[:, i - 1, :-1] + w_new[:, i - 1], M[:, i - 1, 1:] + w_grp[:, i - 1])
        csum = np.cumsum(w_grp[:, i - 1], axis=1)
        M[:, i, 1:] = csum + np.maximum.accumulate(a - csum, axis=1)
        D[:, i] = np.maximum.accumulate(np.maximum(D[:, i - 1], M[:, i]), axis=1)
    if n * m <= _SMALL:  # nested lists index faster than numpy scalars in the trace
        return [_trace(*(x.tolist() for x in (D[b], M[b], w_new[b], w_grp[b]))) for b in range(k)]
    return [_trace(D[b], M[b], w_new[b], w_grp[b]) for b in range(k)]


def _close(a: float, b: float) -> bool:
    return bool(abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b)))


def _trace(D: Grid, M: Grid, w_new: Grid, w_grp: Grid) -> list[tuple[int, int]]:
    links: list[tuple[int, int]] = []
    i, j = len(D) - 1, len(D[0]) - 1
    in_link = False
    while i > 0 and j > 0:
        if not in_link:
            up = _close(D[i][j], D[i - 1][j])
            back = _close(D[i][j], D[i][j - 1])
            if up and (not back or i >= j):
                i -= 1
            elif back:
                j -= 1
            else:
                in_link = True
            continue
        links.append((i - 1, j - 1))
        here = M[i][j]
        if _close(here, D[i - 1][j - 1] + w_new[i - 1][j - 1]):
            i, j, in_link = i - 1, j - 1, False
            continue
        down = i > 1 and M[i - 1][j] > _NEG / 2 and _close(here, M[i - 1][j] + w_grp[i - 1][j - 1])
        across = j > 1 and M[i][j - 1] > _NEG / 2 and _close(here, M[i][j - 1] + w_grp[i - 1][j - 1])
        if down and (not across or i >= j):
            i -= 1
        elif across:
            j -= 1
        else:  # rounding left no exact match: follow the larger predecessor
            if i > 1 and (j == 1 or M[i - 1][j] >= M[i][j - 1]):
                i -= 1
            else:
                j -= 1
    links.reverse()
    return links
