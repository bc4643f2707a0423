"""Sentence alignment: which left sentences and right sentences say the same thing.

One public function, ``align``. It builds a context (the pair scores, the windows) and runs
``STAGES``, a pipeline of named functions that each take the links so far and return new ones:

0. (context) a score for each pair of sentences: the cosine of their embeddings, blended with
   the cosine of their contexts (each sentence averaged with its neighbours: a link whose
   neighbours disagree scores lower) and with the overlap of their rarer words (tf-idf over
   the two documents' sentences: names and numbers count, "the" does not), see
   ``align_features.py``; long pairs cut into windows (``align_windows.py``);
1. ``_link_in_order``: a monotone dynamic programme over those scores (``dp.py``) that links
   pairs above a threshold and lets a link grow into a split or a merge at a stricter
   threshold; a link may extend a merge and a split at once (an N-shaped group: A0 and A feed
   B1, A also feeds B2);
2. ``_pair_copies``: a sentence kept word for word keeps its copy as its only counterpart;
3. ``_prune_groups``: every other split or merge is checked against the embedding of its
   joined text (only those few joined texts are embedded, and the embedder caches them): an
   end member that does not make the joined text match better is dropped, unless the link is
   also needed by the other group it belongs to (the split view of a merge's member, and the
   reverse);
4. ``_pin``: the editor's pinned pairs become links;
5. ``_match_moves``: what is still unlinked on both sides is matched again, strongest first, at
   a stricter threshold: such a link is marked as moved when it breaks the order of the others.

Swapping the two documents mirrors the result (merges become splits): the thresholds are the
same both ways, and the pair is always aligned in one orientation (``align`` turns it round
when needed), so ties and rounding cannot make the two directions differ.

Long documents are cut into windows between confident anchors so that no n x m matrix is
ever built at large sizes (see ``align_windows.py``).
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace

import numpy as np

from . import align_constraints as _constrain
from . import align_memo as _memo
from .align_features import PairScorer
from .align_windows import Window
from .dp import monotone_links_many
from .embed import Embedder
from .progress import Cancel, Progress, check_cancel
from .review import AlignConstraints

__all__ = ["LEXICAL_SETTINGS", "STAGES", "AlignSettings", "RawLink", "Stage", "align"]


@dataclass(frozen=True)
class AlignSettings:
    """Thresholds on the pair score; ``scaled(sensitivity)`` gives the ones in force.

    ``match_threshold``: a new link needs a score above it; ``group_threshold``: a link that
    extends a neighbouring link into a merge or a split (same value both ways, so that the
    result mirrors); ``move_threshold``: a link that breaks the order; ``group_gain``: how much
    better a group's joined text must match with a member than without it to keep the member.
    """

    # Tuned on ../shared/data/aesop_dev.jsonl (50 fable pairs, link F1 by the official scorer)
    # with bench/eval_alignment.py: match and group thresholds picked from the grid
    # 0.30-0.50 x 0.45-0.65 that --cv sweeps (commits eaea607, f955bfd: F1 0.695 -> 0.699);
    # chosen on four folds and scored on the fifth the pick holds (held-out F1 0.702, README).
    match_threshold: float = 0.38
    group_threshold: float = 0.55
    # Set by hand when the aligner was first written (6b446bf) and never swept: a link that
    # breaks the order needs a close paraphrase. The figures above were measured with it.
    move_threshold: float = 0.72
    # Tuned with the thresholds on aesop_dev (eaea607: the blend took F1 from 0.669 to 0.695).
    context_weight: float = 0.2
    lexical_weight: float = 0.2
    # Not tuned: any joined-text gain keeps the member (ties below _TIE do not).
    group_gain: float = 0.0

    def scaled(self, sensitivity: float) -> AlignSettings:
        """Sensitivity 0..1 (0.5 keeps the defaults): higher links only closer rewrites; lower
        links looser paraphrases too (the kinds scale alike: ``classify.KindSettings``).

        Below 0.5 the thresholds shrink in proportion (0 halves them). Above 0.5 they rise
        in a straight line to ``_STRICTEST`` at 1, where only sentences kept nearly word for
        word stay linked: a proportional rise stopped having any effect past the middle,
        because most rewrites score well above 1.5 times the default threshold.
        """
        s = min(1.0, max(0.0, float(sensitivity)))
        if s <= 0.5:
            f = 0.5 + s
            match = self.match_threshold * f
            group = self.group_threshold * f
            move = self.move_threshold * f
        else:
            t = (s - 0.5) / 0.5
            match = _towards(self.match_threshold, _STRICTEST.match_threshold, t)
            group = _towards(self.group_threshold, _STRICTEST.group_threshold, t)
            move = _towards(self.move_threshold, _STRICTEST.move_threshold, t)
        return replace(
            self,
            match_threshold=match,
            group_threshold=group,
            move_threshold=move,
        )


def _towards(start: float, end: float, t: float) -> float:
    """``start`` moved a share ``t`` of the way to ``end`` (never down: a threshold set above
    the strictest one stays where it is)."""
    return max(start, start + (end - start) * t)


_STRICTEST = AlignSettings(match_threshold=0.95, group_threshold=1.0, move_threshold=1.0)
"""Thresholds at sensitivity 1. A pair's score is 0.8 x cosine + 0.2 x context cosine + 0.2 x
shared rare words, so a sentence copied word for word scores about 1.0-1.2 and a light edit
0.95 and up, while the sample pair's rewordings score 0.68-1.06: at 1 only the closest
rewrites remain linked."""


_TIE = 1e-6
"""Differences of joined-text scores below this are rounding, not evidence (a tie must not keep
a group member; commit 4ac8f37). Not tuned: far below any real difference of cosines."""

LEXICAL_SETTINGS = AlignSettings(match_threshold=0.3, group_threshold=0.4, move_threshold=0.55)
"""Defaults for the lexical fallback, whose cosines run lower than a model's. Set by hand in
eaea607 and never swept on a gold set (the fallback is a last resort, said in every output)."""

MULTILINGUAL_SETTINGS = AlignSettings(
    match_threshold=0.38, group_threshold=0.3, move_threshold=0.6
)
"""Defaults for the multilingual encoder (USE Multilingual v3): a sentence and its translation
score 0.55-0.9, unrelated sentences of one article 0.0-0.35."""


@dataclass(frozen=True)
class RawLink:
    """Left sentence ``left`` and right sentence ``right`` say the same thing; ``similarity`` is
    the cosine of their embeddings; ``moved`` when the link breaks the documents' order."""

    left: int
    right: int
    similarity: float
    moved: bool = False
    manual: bool = False
    """Pinned by the editor."""


def align(
    left: Sequence[str],
    right: Sequence[str],
    embedder: Embedder,
    settings: AlignSettings,
    *,
    left_vectors: np.ndarray | None = None,
    right_vectors: np.ndarray | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    constraints: AlignConstraints | None = None,
    memo: _memo.AlignMemo | None = None,
) -> list[RawLink]:
    """Links between sentences ``left`` and ``right`` (many-to-many), sorted by (left, right).

    ``constraints`` are the editor's decisions: its pinned pairs are links (``manual``), its
    forbidden pairs and fixed sentences get no other link, and the rest is aligned around the
    pins (see ``align_constraints.py``).

    ``left_vectors``/``right_vectors`` are the sentences' normalised embeddings if the caller
    has them already; ``embedder`` is still used for the joined texts of merges and splits.
    Raises ``Cancelled`` when ``cancel()`` turns true.

    ``memo``: what an earlier alignment of the same sentences and vectors left to reuse (see
    ``align_memo.py``); the links are the same with or without it, only faster.

    The pair is aligned in one fixed orientation (the document whose sentences sort first on
    the left) and turned round if needed, so swapping the documents mirrors the result
    exactly, ties and rounding included.
    """
    if not left or not right:
        return []
    ok = (constraints or AlignConstraints()).within(len(left), len(right))
    memo = memo if memo is not None else _memo.AlignMemo()
    if tuple(right) < tuple(left):
        turned = _align(
            right, left, embedder, settings, right_vectors, left_vectors, progress, cancel, ok.swapped(), memo
        )
        links = [RawLink(r.right, r.left, r.similarity, r.moved, r.manual) for r in turned]
        return sorted(links, key=lambda r: (r.left, r.right))
    return _align(left, right, embedder, settings, left_vectors, right_vectors, progress, cancel, ok, memo)


@dataclass(frozen=True)
class _Context:
    """What every stage reads and none changes: the texts, their vectors and pair scores, the
    windows to run the programme in, the settings and the editor's constraints."""

    left: Sequence[str]
    right: Sequence[str]
    el: np.ndarray
    er: np.ndarray
    scorer: PairScorer
    windows: Sequence[Window]
    embedder: Embedder
    settings: AlignSettings
    constraints: AlignConstraints
    progress: Progress | None
    cancel: Cancel | None
    memo: _memo.AlignMemo


@dataclass(frozen=True)
class _Draft:
    """The links so far, and the pair score (``PairScorer``) the monotone pass gave each of
    its links: the group pruning examines the weakest first."""

    links: Mapping[tuple[int, int], RawLink] = field(default_factory=dict)
    scores: Mapping[tuple[int, int], float] = field(default_factory=dict)


def _align(
    left: Sequence[str],
    right: Sequence[str],
    embedder: Embedder,
    settings: AlignSettings,
    left_vectors: np.ndarray | None,
    right_vectors: np.ndarray | None,
    progress: Progress | None,
    cancel: Cancel | None,
    constraints: AlignConstraints,
    memo: _memo.AlignMemo,
) -> list[RawLink]:
    """The pipeline: the context, then each of ``STAGES`` in turn on the links so far."""
    el = left_vectors if left_vectors is not None else embedder.encode(left, cancel=cancel)
    er = right_vectors if right_vectors is not None else embedder.encode(right, cancel=cancel)
    scorer, windows = memo.scorer(
        left, right, el, er, settings.context_weight, settings.lexical_weight, cancel=cancel
    )
    if not constraints.empty:
        windows = _constrain.cut_windows(windows, _constrain.segments(constraints, len(left), len(right)))
    ctx = _Context(
        left, right, el, er, scorer, windows, embedder, settings, constraints, progress, cancel, memo
    )
    draft = _Draft()
    for _name, stage in STAGES:
        draft = stage(ctx, draft)
    if progress:
        progress("align", len(windows) + 1, len(windows) + 1)
    return sorted(draft.links.values(), key=lambda r: (r.left, r.right))


def _link_in_order(ctx: _Context, draft: _Draft) -> _Draft:
    """Stage 1: the monotone programme (``dp.py``) in each window over the pair scores, at the
    match threshold for a new link and the group threshold for one that grows a merge or a
    split. Pairs the editor forbade or whose sentences are fixed score nothing.

    A window whose links the memo keeps (same window, thresholds and constraints inside it)
    is not run again; the links of all windows are then taken in one order, whichever were
    run, so a re-alignment gives the links of an alignment from scratch."""
    settings, scorer, memo = ctx.settings, ctx.scorer, ctx.memo
    thresholds = (settings.match_threshold, settings.group_threshold)
    keys = _memo.window_keys(ctx.windows, ctx.constraints)
    by_window = dict(zip(ctx.windows, keys))
    found: dict[Window, _memo.Found] = {}
    todo: list[Window] = []
    for w, key in zip(ctx.windows, keys):
        kept = memo.found(thresholds, key)
        if kept is None:
            todo.append(w)
        else:
            found[w] = kept
    memo.hits, memo.runs = len(found), len(todo)
    done = 0
    total = len(todo)
    for corners, score in _scored_windows(scorer, todo, stack=len(ctx.windows) > 1):
        check_cancel(ctx.cancel)
        h, w = score.shape[1:]
        _constrain.mask(ctx.constraints, corners, score)
        for (r0, c0), block, pairs in zip(
            corners, score, monotone_links_many(score, settings.match_threshold, settings.group_threshold)
        ):
            window = (r0, r0 + h, c0, c0 + w)
            links_here = [(r0 + i, c0 + j, float(block[i, j])) for i, j in pairs]
            found[window] = links_here
            memo.keep(thresholds, by_window[window], links_here)
        if ctx.progress and (done // 64 < (done + len(corners)) // 64 or done + len(corners) == total):
            ctx.progress("align", done + len(corners), total + 1)
        done += len(corners)
    links = dict(draft.links)
    scores = dict(draft.scores)
    # In the order a run from scratch takes the windows: where windows overlap (an anchor is
    # in both of its windows) the last one's score of the shared pair stands.
    for window in _window_order(ctx.windows, stack=len(ctx.windows) > 1):
        for a, b, s in found[window]:
            links[(a, b)] = RawLink(a, b, scorer.cosine(a, b))
            scores[(a, b)] = s
    return _Draft(links, scores)


def _pin(ctx: _Context, draft: _Draft) -> _Draft:
    """Stage 4: the editor's pinned pairs are links (``manual``), moved when they break the
    order of the other pins."""
    links = dict(draft.links)
    moved_pins = _constrain.pinned_moves(ctx.constraints)
    for a, b in ctx.constraints.pinned:
        links[(a, b)] = RawLink(a, b, ctx.scorer.cosine(a, b), moved=(a, b) in moved_pins, manual=True)
    return replace(draft, links=links)


_SMALL_WINDOW = 4096
"""Windows of up to this many pairs are scored and programmed together, a stack per shape.
Speed only (results are the same): chosen with bench/bench_scale.py at 2,000-20,000 sentences
a side (commit 1144a1c)."""
_STACK_ROWS = 8192
"""Sentences gathered per stack (bounds its memory); speed only, as ``_SMALL_WINDOW``."""


def _window_order(windows: Sequence[Window], *, stack: bool) -> list[Window]:
    """The order ``_scored_windows`` takes ``windows`` in: the large ones (or all, when they
    are not stacked) as they come, then the small ones by shape."""
    large: list[Window] = []
    small: dict[tuple[int, int], list[Window]] = {}
    for win in windows:
        r0, r1, c0, c1 = win
        h, w = r1 - r0, c1 - c0
        if h * w <= _SMALL_WINDOW and stack:
            small.setdefault((h, w), []).append(win)
        else:
            large.append(win)
    return large + [win for shape in sorted(small) for win in small[shape]]


def _scored_windows(
    scorer: PairScorer, windows: Sequence[Window], *, stack: bool
) -> Iterator[tuple[list[tuple[int, int]], np.ndarray]]:
    """The windows' pair scores: (top-left corners, k x h x w scores) for each stack of small
    windows of one shape, then each large window alone (a stack of one). Between anchors most
    windows are 2 x 2, and a call per window would cost more than its arithmetic. ``stack``
    is False for a pair that is one window (any short pair): it is scored by ``block`` as a
    whole. A window's scores do not depend on the others in its stack."""
    shapes: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for r0, r1, c0, c1 in windows:
        h, w = r1 - r0, c1 - c0
        if h * w <= _SMALL_WINDOW and stack:
            shapes.setdefault((h, w), []).append((r0, c0))
        else:
            yield [(r0, c0)], scorer.block(r0, r1, c0, c1)[None]
    for (h, w), corners in sorted(shapes.items()):
        step = max(1, min(_STACK_ROWS // (h + w), 16 * _SMALL_WINDOW // (h * w)))
        for b in range(0, len(corners), step):
            part = corners[b : b + step]
            at = np.array(part, dtype=np.int64)
            yield part, scorer.blocks(at[:, 0], at[:, 1], h, w)


def _pair_copies(ctx: _Context, draft: _Draft) -> _Draft:
    """Stage 2: a sentence kept word for word has one counterpart: its copy. Of the links between
    identical sentences, a one-to-one set is kept (nearest the diagonal first, where a
    sentence is repeated), and every other link of those sentences is dropped: the programme
    may have grown a copy into a merge or split with similar neighbours, or chained through
    the copies of a repeated sentence. What this leaves unlinked is matched again with the
    moved sentences."""
    scorer = ctx.scorer
    links = dict(draft.links)
    copies = [(i, j) for i, j in links if scorer.same_text(i, j)]
    if not copies:
        return draft
    n, m = scorer.n, scorer.m
    copies.sort(key=lambda ij: (round(abs(ij[0] / n - ij[1] / m), 9), ij[0] + ij[1], ij[0]))
    kept: set[tuple[int, int]] = set()
    kept_l: set[int] = set()
    kept_r: set[int] = set()
    for i, j in copies:
        if i not in kept_l and j not in kept_r:
            kept.add((i, j))
            kept_l.add(i)
            kept_r.add(j)
    for i, j in list(links):
        if (i in kept_l or j in kept_r) and (i, j) not in kept:
            del links[(i, j)]
    return replace(draft, links=links)


def _prune_groups(ctx: _Context, draft: _Draft) -> _Draft:
    """Stage 3: the members of merges and splits that their joined text does not need are
    dropped (``_GroupPruner``)."""
    links = dict(draft.links)
    _GroupPruner(
        ctx.left, ctx.right, ctx.el, ctx.er, ctx.embedder, links, draft.scores,
        ctx.settings.group_gain, ctx.cancel,
    ).run()
    return replace(draft, links=links)


class _GroupPruner:
    """Drops the members of merges and splits that their joined text does not need.

    A link (i, j) belongs to up to two groups: the merge around right j (the left sentences
    linked to j) and the split around left i (the right sentences linked to i). In a group of
    two or more, an end member is needed when the group's joined text matches its pivot better
    with the member than without it (by ``gain``); an inner member is always needed (dropping it
    would leave a hole). A link is dropped when none of its groups needs it. Candidates are
    examined weakest pair score first, and a drop re-examines the links around it.
    """

    def __init__(
        self,
        left: Sequence[str],
        right: Sequence[str],
        el: np.ndarray,
        er: np.ndarray,
        embedder: Embedder,
        links: dict[tuple[int, int], RawLink],
        scores: Mapping[tuple[int, int], float],
        gain: float,
        cancel: Cancel | None,
    ) -> None:
        self.left, self.right, self.el, self.er = left, right, el, er
        self.scores = scores
        self.embedder = embedder
        self.links = links
        self.gain = gain
        self.cancel = cancel
        self.by_left: dict[int, set[int]] = {}
        self.by_right: dict[int, set[int]] = {}
        for i, j in links:
            self.by_left.setdefault(i, set()).add(j)
            self.by_right.setdefault(j, set()).add(i)
        self._joined: dict[tuple[str, int, tuple[int, ...]], float] = {}
        self._vectors: dict[str, np.ndarray] = {}

    def _prefetch(self) -> None:
        """Embed every group's joined text in one embedder call (one cache look-up, one model
        batch) rather than one call each: the first examination of a group's end member needs
        it. The group less an end member is left to be embedded when asked for: about half of
        those are never needed (the other end is dropped first, or the member is kept)."""
        texts: dict[str, None] = {}
        for members_of, sentences in ((self.by_right, self.left), (self.by_left, self.right)):
            for members in members_of.values():
                if len(members) > 1:
                    texts[" ".join(sentences[x] for x in sorted(members))] = None
        if texts:
            self._vectors = dict(zip(texts, self.embedder.encode(list(texts), cancel=self.cancel)))

    def run(self) -> None:
        self._prefetch()
        heap: list[tuple[float, float, int, int, int]] = []
        for key in self.links:
            self._push(heap, key)
        while heap:
            *_, i, j = heapq.heappop(heap)
            if (i, j) not in self.links or not self._grouped(i, j) or self._needed(i, j):
                continue
            check_cancel(self.cancel)
            del self.links[(i, j)]
            self.by_left[i].discard(j)
            self.by_right[j].discard(i)
            for jj in self.by_left[i]:
                self._push(heap, (i, jj))
            for ii in self.by_right[j]:
                self._push(heap, (ii, j))

    def _grouped(self, i: int, j: int) -> bool:
        return len(self.by_left[i]) > 1 or len(self.by_right[j]) > 1

    def _push(self, heap: list[tuple[float, float, int, int, int]], key: tuple[int, int]) -> None:
        i, j = key
        if self._grouped(i, j):
            # Weakest pair score first; among equals (repeated sentences) the farthest from
            # the diagonal, then by position.
            off = abs(i / len(self.left) - j / len(self.right))
            heapq.heappush(heap, (round(self.scores[key], 6), -round(off, 9), i + j, i, j))

    def _needed(self, i: int, j: int) -> bool:
        return self._needed_by("merge", j, i) or self._needed_by("split", i, j)

    def _needed_by(self, kind: str, pivot: int, member: int) -> bool:
        group = sorted(self.by_right[pivot] if kind == "merge" else self.by_left[pivot])
        if len(group) < 2:
            return False
        if member not in (group[0], group[-1]):
            return True
        rest = [x for x in group if x != member]
        # A tie (the same words twice, rounding) does not make a member needed.
        return self._score(kind, pivot, rest) < self._score(kind, pivot, group) - max(self.gain, _TIE)

    def _score(self, kind: str, pivot: int, members: list[int]) -> float:
        key = (kind, pivot, tuple(members))
        if key not in self._joined:
            texts, target = (self.left, self.er[pivot]) if kind == "merge" else (self.right, self.el[pivot])
            if len(members) == 1:
                vec = (self.el if kind == "merge" else self.er)[members[0]]
            else:
                joined = " ".join(texts[x] for x in members)
                vec = self._vectors.get(joined)
                if vec is None:
                    vec = self.embedder.encode([joined], cancel=self.cancel)[0]
            self._joined[key] = float(np.dot(vec, target))
        return self._joined[key]


def _match_moves(ctx: _Context, draft: _Draft) -> _Draft:
    """Stage 5: pair sentences left unlinked on both sides, strongest first, at the move
    threshold. Such a link is marked as
    moved when it breaks the order of the links already made (it crosses one of them).
    Sentences the editor fixed and pairs the editor forbade are left alone."""
    scorer, constraints, cancel = ctx.scorer, ctx.constraints, ctx.cancel
    threshold = ctx.settings.move_threshold
    links = dict(draft.links)
    used_l = {i for i, _ in links} | constraints.fixed_left
    used_r = {j for _, j in links} | constraints.fixed_right
    free_l = [i for i in range(scorer.n) if i not in used_l]
    free_r = [j for j in range(scorer.m) if j not in used_r]
    if not free_l or not free_r:
        return draft
    # Highest right index linked to any earlier left sentence, lowest to any later one.
    right_of = np.full(scorer.n, -1, dtype=np.int64)
    low_of = np.full(scorer.n, scorer.m, dtype=np.int64)
    for i, j in links:
        right_of[i] = max(right_of[i], j)
        low_of[i] = min(low_of[i], j)
    before = np.concatenate([[-1], np.maximum.accumulate(right_of)[:-1]])
    after = np.concatenate([np.minimum.accumulate(low_of[::-1])[::-1][1:], [scorer.m]])
    pairs = scorer.strong_pairs(free_l, free_r, threshold, cancel=cancel)
    # Strongest first; ties by position along the diagonal.
    for s, i, j in sorted(pairs, key=lambda p: (-round(p[0], 6), p[1] + p[2], p[1])):
        if i in used_l or j in used_r or (i, j) in constraints.forbidden:
            continue
        crosses = bool(before[i] > j or after[i] < j)
        links[(i, j)] = RawLink(i, j, scorer.cosine(i, j), moved=crosses)
        used_l.add(i)
        used_r.add(j)
    return replace(draft, links=links)


Stage = Callable[[_Context, _Draft], _Draft]

STAGES: tuple[tuple[str, Stage], ...] = (
    ("link in order", _link_in_order),
    ("pair copies", _pair_copies),
    ("prune groups", _prune_groups),
    ("pin", _pin),
    ("match moves", _match_moves),
)
"""The aligner's stages, in order; each takes the links so far and returns new ones."""
