"""What a re-alignment of the same sentences can reuse from the last one.

An editor's edit (a link, an unlink, a sentence with no counterpart) changes the constraints
only around the sentences it touches. The aligner's expensive parts are pure functions of
inputs that such an edit leaves alone:

- the pair scorer (context vectors, tf-idf) and the windows planned on it depend on the texts,
  the vectors and the score weights only;
- the monotone programme in one window depends on that window's scores, the thresholds and the
  constraints *inside the window* (fixed rows and columns, forbidden pairs); the pins cut the
  windows at the sync points, so a new pin changes the windows of the segment it falls in
  and no other (Meld re-diffs only between the sync points around a change).

``AlignMemo`` keeps those, keyed by exactly what they depend on, so a re-alignment re-runs the
programme only in the windows whose inputs changed: by construction its links are those of an
alignment from scratch. The stages after the programme (copies, pruning, pins, moves) run on
the whole pair; they are cheap next to it.

One memo serves one pair of sentence lists; given other inputs it starts afresh. It is safe to
share between threads (a stale job may add entries; each is a pure function of its key).
"""

from __future__ import annotations

import bisect
import threading
from collections.abc import Sequence

import numpy as np

from .align_features import PairScorer
from .align_windows import Window, plan_windows
from .progress import Cancel
from .review import AlignConstraints

__all__ = ["AlignMemo", "WindowKey", "window_keys"]

WindowKey = tuple[Window, tuple[int, ...], tuple[int, ...], tuple[tuple[int, int], ...]]
"""A window and the constraints inside it: fixed rows, fixed columns, forbidden pairs."""

Found = list[tuple[int, int, float]]
"""The programme's links in a window, as (left, right, pair score), in document coordinates."""

_THRESHOLD_SETS = 4
"""Threshold settings whose window results are kept: a slider moved back and forth finds its
earlier positions. Bounds memory only."""


class AlignMemo:
    """The scorer, the window plan and each window's links, for one pair of sentence lists."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._inputs: tuple[object, ...] | None = None
        self._scorer: PairScorer | None = None
        self._windows: list[Window] | None = None
        self._found: dict[tuple[float, float], dict[WindowKey, Found]] = {}
        self.hits = 0
        """Windows whose links were reused by the last alignment (for tests and benchmarks)."""
        self.runs = 0
        """Windows the last alignment ran the programme in."""

    def __getstate__(self) -> dict[str, object]:
        # A comparison sent to another process (the batch) travels without its memo.
        return {"dropped": True}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__init__()  # type: ignore[misc]

    def scorer(
        self,
        left: Sequence[str],
        right: Sequence[str],
        el: np.ndarray,
        er: np.ndarray,
        context_weight: float,
        lexical_weight: float,
        *,
        cancel: Cancel | None = None,
    ) -> tuple[PairScorer, list[Window]]:
        """The pair scorer and the planned windows for these inputs: the kept ones if the
        inputs are those of the last call (the same vector arrays, equal texts and weights),
        else new ones (and every kept window result is dropped)."""
        with self._lock:
            inputs = self._inputs
            same = (
                inputs is not None
                and inputs[0] is el
                and inputs[1] is er
                and inputs[2] == (context_weight, lexical_weight)
                and inputs[3] == list(left)
                and inputs[4] == list(right)
            )
            if same and self._scorer is not None and self._windows is not None:
                return self._scorer, self._windows
        scorer = PairScorer(left, right, el, er, context_weight, lexical_weight)
        windows = plan_windows(scorer, cancel=cancel)
        with self._lock:
            self._inputs = (el, er, (context_weight, lexical_weight), list(left), list(right))
            self._scorer, self._windows = scorer, windows
            self._found = {}
        return scorer, windows

    def found(self, thresholds: tuple[float, float], key: WindowKey) -> Found | None:
        """The links kept for a window, or None."""
        return self._found.get(thresholds, {}).get(key)

    def keep(self, thresholds: tuple[float, float], key: WindowKey, links: Found) -> None:
        with self._lock:
            table = self._found.get(thresholds)
            if table is None:
                while len(self._found) >= _THRESHOLD_SETS:
                    del self._found[next(iter(self._found))]
                table = self._found[thresholds] = {}
            table[key] = links


def window_keys(windows: Sequence[Window], c: AlignConstraints) -> list[WindowKey]:
    """Each window with the constraints that fall inside it (what its programme depends on)."""
    fixed_l = sorted(c.fixed_left)
    fixed_r = sorted(c.fixed_right)
    forbidden = sorted(c.forbidden)
    keys: list[WindowKey] = []
    for w in windows:
        r0, r1, c0, c1 = w
        rows = tuple(fixed_l[bisect.bisect_left(fixed_l, r0) : bisect.bisect_left(fixed_l, r1)])
        cols = tuple(fixed_r[bisect.bisect_left(fixed_r, c0) : bisect.bisect_left(fixed_r, c1)])
        lo, hi = bisect.bisect_left(forbidden, (r0, -1)), bisect.bisect_left(forbidden, (r1, -1))
        banned = tuple(p for p in forbidden[lo:hi] if c0 <= p[1] < c1)
        keys.append((w, rows, cols, banned))
    return keys
