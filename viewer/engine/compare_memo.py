"""What a re-alignment of a comparison's sentences can reuse: ``ComparisonMemo``.

A comparison keeps one (``Comparison.memo``) and ``realign`` hands it on, so an editor's edit
recomputes only what it changed: the aligner re-runs its programme only in the windows whose
constraints changed (``align_memo``), a group whose sentences and links are as before keeps
its word ops and kind, and a group already checked keeps its findings (``FindingsMemo``).
Everything kept is a pure function of what it is keyed by, so the result is that of a
comparison from scratch.
"""

from __future__ import annotations

import threading

from .align_memo import AlignMemo
from .classify import KindSettings
from .findings import FindingsMemo
from .model import Group, IgnoreOptions

__all__ = ["ComparisonMemo", "GroupKey"]

GroupKey = tuple[tuple[int, ...], tuple[int, ...], bool, float, bool]
"""A group as the aligner made it: left and right sentences, moved, similarity, manual."""

_KIND_SETS = 4
"""Kind settings (sensitivities) and ignore options whose groups are kept. Bounds memory only."""


class ComparisonMemo:
    """The aligner's memo, the groups built at each kind setting, and the findings' memo, for
    one pair of sentence lists."""

    def __init__(self) -> None:
        self.align = AlignMemo()
        self.findings = FindingsMemo()
        self._groups: dict[tuple[KindSettings, IgnoreOptions], dict[GroupKey, Group]] = {}
        self._lock = threading.Lock()

    def __getstate__(self) -> dict[str, object]:
        # A comparison sent to another process (the batch) travels without its memo.
        return {"dropped": True}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__init__()  # type: ignore[misc]

    def groups(self, kinds: KindSettings, ignore: IgnoreOptions) -> dict[GroupKey, Group]:
        """The groups built with ``kinds`` and ``ignore``, by key (add to it)."""
        with self._lock:
            table = self._groups.get((kinds, ignore))
            if table is None:
                while len(self._groups) >= _KIND_SETS:
                    del self._groups[next(iter(self._groups))]
                table = self._groups[(kinds, ignore)] = {}
            return table
