"""Sentence alignment: which left sentences and right sentences say the same thing.

One public function, ``align``; everything else is a private step of it:

1. candidates: for each sentence, its nearest neighbours on the other side (cosine of
   normalised embeddings), computed in blocks so memory stays linear in length;
2. a monotone pass: the heaviest chain of candidates increasing on both sides, each weighing
   its similarity above a threshold (a weighted longest-increasing-subsequence: n·k·log m);
3. splits and merges: a sentence next to a linked one joins the link when the embedding of
   the joined text matches better than the single sentence did (only those few joined texts
   are embedded, and they are cached);
4. moves: what the monotone pass left unlinked is matched again, greedily, at a stricter
   threshold; such links break the order and are marked as moved.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Optional, Sequence

import numpy as np

from .embed import Cancel, Embedder, Progress, check_cancel

DENSE_LIMIT = 4_000_000
"""Up to this many sentence pairs the full similarity matrix is computed; beyond, blocks."""


@dataclass(frozen=True)
class AlignSettings:
    """Thresholds on cosine similarity; ``scaled(sensitivity)`` gives the ones in force."""

    match_threshold: float = 0.48
    move_threshold: float = 0.72
    part_threshold: float = 0.30
    group_gain: float = 0.015
    overlap_threshold: float = 0.62
    neighbours: int = 6
    max_group: int = 3
    minor_max_changed_words: int = 3
    minor_max_changed_share: float = 0.2

    def scaled(self, sensitivity: float) -> "AlignSettings":
        """Sensitivity 0..1, 0.5 leaving the defaults: higher links only closer rewrites
        and counts smaller edits as rewording; lower links looser paraphrases."""
        s = min(1.0, max(0.0, float(sensitivity)))
        f = 0.5 + s
        return replace(
            self,
            match_threshold=min(0.98, self.match_threshold * f),
            move_threshold=min(0.99, self.move_threshold * f),
            part_threshold=min(0.95, self.part_threshold * f),
            overlap_threshold=min(0.99, self.overlap_threshold * f),
            minor_max_changed_words=max(0, round(self.minor_max_changed_words * (2.0 - 2 * s))),
            minor_max_changed_share=self.minor_max_changed_share * (2.0 - 2 * s) / 1.0,
        )


LEXICAL_SETTINGS = AlignSettings(
    match_threshold=0.28, move_threshold=0.5, part_threshold=0.18, overlap_threshold=0.45
)
"""Defaults for the lexical fallback, whose cosines run lower than a model's."""


@dataclass(frozen=True)
class RawLink:
    left: int
    right: int
    similarity: float
    moved: bool = False


@dataclass
class _Ctx:
    left: Sequence[str]
    right: Sequence[str]
    el: np.ndarray
    er: np.ndarray
    embedder: Embedder
    settings: AlignSettings
    cancel: Optional[Cancel]

    def sim(self, i: int, j: int) -> float:
        return float(self.el[i] @ self.er[j])


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
    ctx = _Ctx(left, right, el, er, embedder, settings, cancel)
    if progress:
        progress("align", 0, 3)
    rows, cols, sims = _candidates(el, er, settings.neighbours, settings.part_threshold, cancel)
    chain = _monotone_chain(rows, cols, sims, settings.match_threshold)
    if progress:
        progress("align", 1, 3)
    links = {(i, j): RawLink(i, j, s) for i, j, s in chain}
    _grow_groups(ctx, links)
    if progress:
        progress("align", 2, 3)
    _match_moves(ctx, links, rows, cols, sims)
    if progress:
        progress("align", 3, 3)
    return sorted(links.values(), key=lambda r: (r.left, r.right))


def _candidates(
    el: np.ndarray, er: np.ndarray, k: int, floor: float, cancel: Optional[Cancel]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Pairs (i, j, sim) where j is among i's k nearest or i among j's, with sim >= floor."""
    n, m = len(el), len(er)
    k_r = min(k, m)
    k_c = min(k, n)
    pairs: dict[tuple[int, int], float] = {}
    col_best_s = np.full((k_c, m), -2.0, dtype=np.float32)
    col_best_i = np.zeros((k_c, m), dtype=np.int64)
    block = max(1, min(n, DENSE_LIMIT // max(m, 1), 2048))
    for b in range(0, n, block):
        check_cancel(cancel)
        s = el[b : b + block] @ er.T
        top = np.argpartition(-s, k_r - 1, axis=1)[:, :k_r] if k_r < m else np.tile(np.arange(m), (len(s), 1))
        for r in range(len(s)):
            for j in top[r]:
                v = float(s[r, j])
                if v >= floor:
                    pairs[(b + r, int(j))] = v
        # Merge this block's column leaders into the running k best per column.
        kk = min(k_c, len(s))
        part = np.argpartition(-s, kk - 1, axis=0)[:kk] if kk < len(s) else np.tile(np.arange(len(s))[:, None], (1, m))
        vals = np.take_along_axis(s, part, axis=0)
        all_s = np.concatenate([col_best_s, vals], axis=0)
        all_i = np.concatenate([col_best_i, part + b], axis=0)
        keep = np.argsort(-all_s, axis=0)[:k_c]
        col_best_s = np.take_along_axis(all_s, keep, axis=0)
        col_best_i = np.take_along_axis(all_i, keep, axis=0)
    for t in range(k_c):
        for j in range(m):
            v = float(col_best_s[t, j])
            if v >= floor:
                pairs[(int(col_best_i[t, j]), j)] = v
    if not pairs:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0, dtype=np.float32)
    keys = sorted(pairs)
    rows = np.fromiter((p[0] for p in keys), dtype=np.int64, count=len(keys))
    cols = np.fromiter((p[1] for p in keys), dtype=np.int64, count=len(keys))
    sims = np.fromiter((pairs[p] for p in keys), dtype=np.float32, count=len(keys))
    return rows, cols, sims


def _monotone_chain(
    rows: np.ndarray, cols: np.ndarray, sims: np.ndarray, threshold: float
) -> list[tuple[int, int, float]]:
    """The heaviest chain of pairs strictly increasing in both indices, weight = sim - threshold.

    Candidates are sorted by row; a Fenwick tree over columns holds the best chain ending at
    or before each column, updated only after a whole row is read (so rows stay strictly
    increasing).
    """
    keep = sims > threshold
    rows, cols, sims = rows[keep], cols[keep], sims[keep]
    if len(rows) == 0:
        return []
    m = int(cols.max()) + 1
    tree_v = [0.0] * (m + 1)
    tree_p = [-1] * (m + 1)
    best = [0.0] * len(rows)
    back = [-1] * len(rows)
    r_list, c_list, w_list = rows.tolist(), cols.tolist(), (sims - threshold).tolist()
    start = 0
    while start < len(r_list):
        end = start
        while end < len(r_list) and r_list[end] == r_list[start]:
            end += 1
        for k in range(start, end):
            # Prefix max over columns < c.
            v, p, x = 0.0, -1, c_list[k]
            while x > 0:
                if tree_v[x] > v:
                    v, p = tree_v[x], tree_p[x]
                x -= x & -x
            best[k] = v + w_list[k]
            back[k] = p
        for k in range(start, end):
            x = c_list[k] + 1
            while x <= m:
                if best[k] > tree_v[x]:
                    tree_v[x], tree_p[x] = best[k], k
                x += x & -x
        start = end
    k = max(range(len(best)), key=best.__getitem__)
    chain = []
    while k >= 0:
        chain.append((r_list[k], c_list[k], float(sims[k])))
        k = back[k]
    chain.reverse()
    return chain


def _joined_vectors(ctx: _Ctx, texts: list[str]) -> dict[str, np.ndarray]:
    if not texts:
        return {}
    unique = list(dict.fromkeys(texts))
    vecs = ctx.embedder.encode(unique, cancel=ctx.cancel)
    return {t: vecs[k] for k, t in enumerate(unique)}


def _grow_groups(ctx: _Ctx, links: dict[tuple[int, int], RawLink]) -> None:
    """Let unlinked neighbours of a one-to-one link join it when the joined text fits better."""
    st = ctx.settings
    for _ in range(st.max_group - 1):
        check_cancel(ctx.cancel)
        lefts_of: dict[int, list[int]] = {}
        rights_of: dict[int, list[int]] = {}
        for (i, j) in links:
            lefts_of.setdefault(j, []).append(i)
            rights_of.setdefault(i, []).append(j)
        used_l, used_r = set(rights_of), set(lefts_of)
        proposals: list[tuple[str, int, int, tuple[int, ...], tuple[int, ...]]] = []
        for (i, j) in list(links):
            lgroup = tuple(sorted(lefts_of[j]))
            rgroup = tuple(sorted(rights_of[i]))
            if len(rgroup) == 1:
                for ni in (lgroup[0] - 1, lgroup[-1] + 1):
                    if 0 <= ni < len(ctx.left) and ni not in used_l and ctx.sim(ni, j) >= st.part_threshold:
                        proposals.append(("L", ni, j, tuple(sorted(lgroup + (ni,))), (j,)))
            if len(lgroup) == 1:
                for nj in (rgroup[0] - 1, rgroup[-1] + 1):
                    if 0 <= nj < len(ctx.right) and nj not in used_r and ctx.sim(i, nj) >= st.part_threshold:
                        proposals.append(("R", i, nj, (i,), tuple(sorted(rgroup + (nj,)))))
        if not proposals:
            return
        texts = []
        for side, _a, _b, lg, rg in proposals:
            texts.append(" ".join(ctx.left[x] for x in lg) if side == "L" else " ".join(ctx.right[x] for x in rg))
        vecs = _joined_vectors(ctx, texts)
        accepted = False
        for (side, a, b, lg, rg), text in sorted(zip(proposals, texts), key=lambda p: -ctx.sim(p[0][1], p[0][2])):
            if (side == "L" and a in used_l) or (side == "R" and b in used_r):
                continue
            joined = vecs[text]
            if side == "L":
                before = _group_score(ctx, lg[:-1] if lg[-1] == a else lg[1:], rg)
                after = float(joined @ ctx.er[b])
            else:
                before = _group_score(ctx, lg, rg[:-1] if rg[-1] == b else rg[1:])
                after = float(ctx.el[a] @ joined)
            if after >= before + st.group_gain and after >= st.match_threshold:
                links[(a, b)] = RawLink(a, b, ctx.sim(a, b))
                used_l.add(a)
                used_r.add(b)
                accepted = True
        if not accepted:
            return


def _group_score(ctx: _Ctx, lg: tuple[int, ...], rg: tuple[int, ...]) -> float:
    if len(lg) == 1 and len(rg) == 1:
        return ctx.sim(lg[0], rg[0])
    left = ctx.el[list(lg)].sum(axis=0)
    right = ctx.er[list(rg)].sum(axis=0)
    denom = float(np.linalg.norm(left) * np.linalg.norm(right)) or 1.0
    return float(left @ right) / denom


def _match_moves(
    ctx: _Ctx,
    links: dict[tuple[int, int], RawLink],
    rows: np.ndarray,
    cols: np.ndarray,
    sims: np.ndarray,
) -> None:
    """Pair sentences left unlinked on both sides, strongest first, as moved links."""
    used_l = {i for i, _ in links}
    used_r = {j for _, j in links}
    order = np.argsort(-sims, kind="stable")
    threshold = ctx.settings.move_threshold
    for k in order.tolist():
        s = float(sims[k])
        if s < threshold:
            break
        i, j = int(rows[k]), int(cols[k])
        if i in used_l or j in used_r:
            continue
        links[(i, j)] = RawLink(i, j, s, moved=True)
        used_l.add(i)
        used_r.add(j)
