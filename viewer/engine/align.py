"""Sentence alignment: which left sentences and right sentences say the same thing.

One public function, ``align``; the steps are private:

1. a score for each pair of sentences: the cosine of their embeddings, blended with the cosine
   of their contexts (each sentence averaged with its neighbours: a link whose neighbours
   disagree scores lower) and with the overlap of their rarer words (tf-idf over the two
   documents' sentences: names and numbers count, "the" does not);
2. a monotone dynamic programme over those scores (``dp.py``) that links pairs above a
   threshold and lets a link grow into a split or a merge at a stricter threshold;
3. every split or merge is checked against the embedding of its joined text (only those few
   joined texts are embedded, and the embedder caches them): a member that does not make the
   joined text match better is dropped;
4. what is still unlinked on both sides is matched again, strongest first, at a stricter
   threshold: such links break the order and are marked as moved.

Long documents are cut into windows between confident anchors so that no n x m matrix is
ever built at large sizes (see ``windows.py``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Optional, Sequence

import numpy as np

from .align_features import PairScorer
from .align_windows import plan_windows
from .dp import monotone_links
from .embed import Cancel, Embedder, Progress, check_cancel


@dataclass(frozen=True)
class AlignSettings:
    """Thresholds on the pair score; ``scaled(sensitivity)`` gives the ones in force."""

    match_threshold: float = 0.42
    group_threshold: float = 0.55
    move_threshold: float = 0.72
    context_weight: float = 0.2
    lexical_weight: float = 0.2
    group_gain: float = 0.0
    minor_max_changed_words: int = 3
    minor_max_changed_share: float = 0.2

    def scaled(self, sensitivity: float) -> "AlignSettings":
        """Sensitivity 0..1 (0.5 keeps the defaults): higher links only closer rewrites and
        counts smaller edits as rewording; lower links looser paraphrases too."""
        s = min(1.0, max(0.0, float(sensitivity)))
        f = 0.5 + s
        return replace(
            self,
            match_threshold=min(0.98, self.match_threshold * f),
            group_threshold=min(0.98, self.group_threshold * f),
            move_threshold=min(0.99, self.move_threshold * f),
            minor_max_changed_words=max(0, round(self.minor_max_changed_words * (2.0 - 2 * s))),
            minor_max_changed_share=self.minor_max_changed_share * (2.0 - 2 * s),
        )


LEXICAL_SETTINGS = AlignSettings(match_threshold=0.3, group_threshold=0.4, move_threshold=0.55)
"""Defaults for the lexical fallback, whose cosines run lower than a model's."""


@dataclass(frozen=True)
class RawLink:
    left: int
    right: int
    similarity: float
    moved: bool = False


def align(
    left: Sequence[str],
    right: Sequence[str],
    embedder: Embedder,
    settings: AlignSettings,
    *,
    left_vectors: Optional[np.ndarray] = None,
    right_vectors: Optional[np.ndarray] = None,
    progress: Optional[Progress] = None,
    cancel: Optional[Cancel] = None,
) -> list[RawLink]:
    """Links between sentences ``left`` and ``right`` (many-to-many), sorted by (left, right)."""
    if not left or not right:
        return []
    el = left_vectors if left_vectors is not None else embedder.encode(left, cancel=cancel)
    er = right_vectors if right_vectors is not None else embedder.encode(right, cancel=cancel)
    scorer = PairScorer(left, right, el, er, settings.context_weight, settings.lexical_weight)
    windows = plan_windows(scorer, cancel=cancel)
    links: dict[tuple[int, int], RawLink] = {}
    for w, (r0, r1, c0, c1) in enumerate(windows):
        check_cancel(cancel)
        score = scorer.block(r0, r1, c0, c1)
        for i, j in monotone_links(score, settings.match_threshold, settings.group_threshold):
            a, b = r0 + i, c0 + j
            links[(a, b)] = RawLink(a, b, scorer.cosine(a, b))
        if progress and (w % 64 == 0 or w == len(windows) - 1):
            progress("align", w + 1, len(windows) + 1)
    _prune_groups(left, right, er, el, embedder, links, settings.group_gain, cancel)
    _match_moves(scorer, links, settings.move_threshold, cancel)
    if progress:
        progress("align", len(windows) + 1, len(windows) + 1)
    return sorted(links.values(), key=lambda r: (r.left, r.right))


def _prune_groups(
    left: Sequence[str],
    right: Sequence[str],
    er: np.ndarray,
    el: np.ndarray,
    embedder: Embedder,
    links: dict[tuple[int, int], RawLink],
    gain: float,
    cancel: Optional[Cancel],
) -> None:
    """Drop an end member of a merge (or split) when the joined text matches as well without it.

    Only the joined texts of actual groups are embedded: a handful per article.
    """
    for side in ("merge", "split"):
        members: dict[int, list[int]] = {}
        for i, j in links:
            if side == "merge":
                members.setdefault(j, []).append(i)
            else:
                members.setdefault(i, []).append(j)
        for pivot, group in members.items():
            if len(group) < 2:
                continue
            check_cancel(cancel)
            group.sort()
            texts, target = (left, er[pivot]) if side == "merge" else (right, el[pivot])
            while len(group) > 1:
                full = _joined_score(embedder, texts, group, target, cancel)
                dropped = False
                for end in (group[0], group[-1]):
                    rest = [x for x in group if x != end]
                    if _joined_score(embedder, texts, rest, target, cancel) >= full - gain:
                        key = (end, pivot) if side == "merge" else (pivot, end)
                        links.pop(key, None)
                        group = rest
                        dropped = True
                        break
                if not dropped:
                    break


def _joined_score(
    embedder: Embedder,
    texts: Sequence[str],
    members: list[int],
    target: np.ndarray,
    cancel: Optional[Cancel],
) -> float:
    joined = " ".join(texts[x] for x in members)
    vec = embedder.encode([joined], cancel=cancel)[0]
    return float(vec @ target)


def _match_moves(
    scorer: PairScorer,
    links: dict[tuple[int, int], RawLink],
    threshold: float,
    cancel: Optional[Cancel],
) -> None:
    """Pair sentences left unlinked on both sides, strongest first, as moved links."""
    used_l = {i for i, _ in links}
    used_r = {j for _, j in links}
    free_l = [i for i in range(scorer.n) if i not in used_l]
    free_r = [j for j in range(scorer.m) if j not in used_r]
    if not free_l or not free_r:
        return
    pairs = scorer.strong_pairs(free_l, free_r, threshold, cancel=cancel)
    for s, i, j in sorted(pairs, key=lambda p: (-p[0], p[1], p[2])):
        if i in used_l or j in used_r:
            continue
        links[(i, j)] = RawLink(i, j, s, moved=True)
        used_l.add(i)
        used_r.add(j)
