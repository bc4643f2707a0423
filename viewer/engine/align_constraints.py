"""The editor's decisions as constraints on the aligner (see ``review.AlignConstraints``).

As Meld splits a diff at the sync points a user pins, the monotone programme runs only
between pinned links: the pins that keep the documents' order (the heaviest chain of them)
cut the pair into segments, and each window of the plan is cut to those segments, so no
automatic link crosses a pin in order. Inside the segments, pinned sentences, sentences with
no counterpart and forbidden pairs are scored out (``mask``): the programme cannot link them.
A pin off the chain (the editor linked a sentence that moved) is a moved link.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Sequence

import numpy as np

from .align_windows import Window
from .review import AlignConstraints

__all__ = ["Segment", "cut_windows", "mask", "pinned_moves", "segments", "sync_points"]

_OUT = -1.0
"""Score of a pair the programme must not link: below every threshold, and a skip costs nothing."""

Segment = tuple[int, int, int, int]


def sync_points(c: AlignConstraints) -> list[tuple[int, int, int, int]]:
    """The pins that keep the order, as (first left, last left, first right, last right), in
    order: the heaviest chain of pins increasing on both sides (weight: its size)."""
    boxes = sorted(
        {(min(lft), max(lft), min(r), max(r)) for lft, r in c.pins if lft and r},
    )
    if not boxes:
        return []
    # A chain of boxes: each one starts after the previous one ends, on both sides. Few pins
    # (an editor's), so a quadratic longest-path is plenty.
    best = [0.0] * len(boxes)
    back = [-1] * len(boxes)
    for k, (a0, a1, b0, b1) in enumerate(boxes):
        weight = float(a1 - a0 + 1 + b1 - b0 + 1)
        best[k] = weight
        for p in range(k):
            if boxes[p][1] < a0 and boxes[p][3] < b0 and best[p] + weight > best[k]:
                best[k], back[k] = best[p] + weight, p
    k = max(range(len(boxes)), key=best.__getitem__)
    chain = []
    while k >= 0:
        chain.append(boxes[k])
        k = back[k]
    return chain[::-1]


def segments(c: AlignConstraints, n: int, m: int) -> list[Segment]:
    """The rectangles (r0, r1, c0, c1) between consecutive sync points (and the ends)."""
    corners = [(-1, -1, -1, -1), *sync_points(c), (n, n, m, m)]
    out = []
    for (_, a1, _, b1), (a0, _, b0, _) in itertools.pairwise(corners):
        r0, r1, c0, c1 = a1 + 1, a0, b1 + 1, b0
        if r1 > r0 and c1 > c0:
            out.append((r0, r1, c0, c1))
    return out


def cut_windows(windows: Sequence[Window], segs: Sequence[Segment]) -> list[Window]:
    """Each window cut to the segments it overlaps (segments increase on both sides, so a
    window meets a run of consecutive ones)."""
    starts = [s[0] for s in segs]
    out: list[Window] = []
    for r0, r1, c0, c1 in windows:
        k = max(0, bisect.bisect_right(starts, r0) - 1)
        while k < len(segs) and segs[k][0] < r1:
            s0, s1, t0, t1 = segs[k]
            a0, a1, b0, b1 = max(r0, s0), min(r1, s1), max(c0, t0), min(c1, t1)
            if a1 > a0 and b1 > b0:
                out.append((a0, a1, b0, b1))
            k += 1
    return out


def mask(c: AlignConstraints, corners: Sequence[tuple[int, int]], score: np.ndarray) -> None:
    """Score out, in place, the pairs of a stack of blocks (k x h x w, block b at ``corners[b]``)
    that the aligner may not link."""
    if c.empty or not len(corners):
        return
    _, h, w = score.shape
    at = np.asarray(corners, dtype=np.int64).reshape(-1, 2)
    for fixed, axis, size in ((c.fixed_left, 0, h), (c.fixed_right, 1, w)):
        if not fixed:
            continue
        end = int(at[:, axis].max()) + size
        lookup = np.zeros(end, dtype=bool)
        lookup[[x for x in fixed if 0 <= x < end]] = True
        hit = lookup[at[:, axis, None] + np.arange(size)]  # k x size
        where = hit[:, :, None] if axis == 0 else hit[:, None, :]
        score[np.broadcast_to(where, score.shape)] = _OUT
    for i, j in c.forbidden:
        di, dj = i - at[:, 0], j - at[:, 1]
        inside = np.flatnonzero((di >= 0) & (di < h) & (dj >= 0) & (dj < w))
        score[inside, di[inside], dj[inside]] = _OUT


def pinned_moves(c: AlignConstraints) -> set[tuple[int, int]]:
    """The pinned pairs that break the order of the sync points (their pin is off the chain)."""
    chain = set(sync_points(c))
    out: set[tuple[int, int]] = set()
    for lft, r in c.pins:
        if lft and r and (min(lft), max(lft), min(r), max(r)) not in chain:
            out.update((i, j) for i in lft for j in r if (i, j) in c.pinned)
    return out

