"""Pair scores for the aligner: meaning, context and shared rare words.

The score of left i and right j is ``(1 - c) * cos(i, j) + c * cos(ctx_i, ctx_j) + l * tfidf(i, j)``
where ``ctx`` is a sentence's vector averaged with its neighbours' and tf-idf is computed over
the sentences of both documents; a pair of the same sentences (``classify.normalise``) gets a small
``SAME_TEXT_BONUS`` on top, so that among sentences whose vectors tie (a sentence repeated, a
text compared with itself) the one with the very same words wins. Scores are built for blocks only, never the full matrix of
a long pair.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

import numpy as np
from scipy import sparse

from .classify import normalise
from .progress import Cancel, check_cancel
from .stopwords import ALIGN_STOP

__all__ = ["SAME_TEXT_BONUS", "PairScorer"]

_WORD = re.compile(r"[^\W\d_]+|\d+(?:[.,]\d+)*", re.UNICODE)
_STOP = ALIGN_STOP
_SUFFIXES = ("ing", "ed", "es", "s", "ly")
SAME_TEXT_BONUS = 0.02
"""Small against real differences of pair scores, so it only breaks ties between vectors that are
equal or nearly (a repeated sentence, a text compared with itself); set by hand in 4ac8f37 for
those cases (tests/engine/test_align.py), with the Aesop and sample-pair figures unchanged."""
STRONG_BLOCK = 1 << 20
"""Most pairs ``strong_pairs`` scores at a time."""


def _stem(word: str) -> str:
    w = word.lower()
    for suf in _SUFFIXES:
        if len(w) > 4 and w.endswith(suf):
            return w[: -len(suf)]
    return w


def _is_term(word: str) -> bool:
    return word.lower() not in _STOP and (len(word) > 2 or word.isdigit())


def _context(vectors: np.ndarray) -> np.ndarray:
    """Each row averaged with its neighbours above and below, normalised."""
    total: np.ndarray = np.array(vectors, dtype=np.float32, copy=True)  # the one n x d copy
    total[1:] += vectors[:-1]
    total[:-1] += vectors[1:]
    norms = np.linalg.norm(total, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    total /= norms
    return total


def _tfidf(left: Sequence[str], right: Sequence[str]) -> tuple[sparse.csr_matrix, sparse.csr_matrix]:
    """Each sentence's tf-idf vector over the terms of both documents, normalised. A spelling
    is looked up (stop word? stem?) once, and scipy does the counting."""
    texts = list(left) + list(right)
    n_docs = len(texts)
    words = [_WORD.findall(t) for t in texts]
    vocab: dict[str, int] = {}
    term_of = {  # spelling -> term number, -1 for a word that is not a term
        w: vocab.setdefault(_stem(w), len(vocab)) if _is_term(w) else -1
        for w in dict.fromkeys(itertools.chain.from_iterable(words))
    }
    term_ids = np.array([term_of[w] for ws in words for w in ws], dtype=np.int64)
    doc_ids = np.repeat(np.arange(n_docs), [len(ws) for ws in words])
    keep = term_ids >= 0
    term_ids, doc_ids = term_ids[keep], doc_ids[keep]
    shape = (n_docs, max(1, len(vocab)))
    ones = np.ones(len(doc_ids), dtype=np.float64)
    counts = sparse.csr_matrix((ones, (doc_ids, term_ids)), shape=shape)  # duplicates summed
    counts.sum_duplicates()
    df = np.bincount(counts.indices, minlength=shape[1])
    idf = np.log(n_docs / np.maximum(df, 1))
    mat = sparse.csr_matrix(
        (counts.data * idf[counts.indices], counts.indices, counts.indptr), shape=shape, dtype=np.float32
    )
    norms = np.sqrt(np.asarray(mat.multiply(mat).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    unit = sparse.diags(1.0 / norms).dot(mat).tocsr()  # float64, as before
    return unit[: len(left)], unit[len(left) :]


class PairScorer:
    """Scores of sentence pairs, by block, for one comparison."""

    def __init__(
        self,
        left: Sequence[str],
        right: Sequence[str],
        el: np.ndarray,
        er: np.ndarray,
        context_weight: float,
        lexical_weight: float,
    ) -> None:
        self.n, self.m = len(left), len(right)
        self.el, self.er = el, er
        self.cl, self.cr = _context(el), _context(er)
        self.context_weight = context_weight
        self.lexical_weight = lexical_weight
        self.tl: sparse.csr_matrix | None = None
        self.tr: sparse.csr_matrix | None = None
        if lexical_weight:
            self.tl, self.tr = _tfidf(left, right)
        ids: dict[str, int] = {}
        self.text_l = np.array([ids.setdefault(normalise(t), len(ids)) for t in left], dtype=np.int64)
        self.text_r = np.array([ids.setdefault(normalise(t), len(ids)) for t in right], dtype=np.int64)

    def cosine(self, i: int, j: int) -> float:
        return float(self.el[i] @ self.er[j])

    def same_text(self, i: int, j: int) -> bool:
        """Left sentence ``i`` and right sentence ``j`` are the same text (``classify.same_text``)."""
        return bool(self.text_l[i] == self.text_r[j])

    def block(self, r0: int, r1: int, c0: int, c1: int) -> np.ndarray:
        """Pair scores for left rows r0..r1-1 and right columns c0..c1-1."""
        c = self.context_weight
        s: np.ndarray = (1 - c) * (self.el[r0:r1] @ self.er[c0:c1].T)
        if c:
            s += c * (self.cl[r0:r1] @ self.cr[c0:c1].T)
        if self.tl is not None and self.tr is not None:
            s += self.lexical_weight * (self.tl[r0:r1] @ self.tr[c0:c1].T).toarray()
        s += self._same_text(np.arange(r0, r1)[:, None], np.arange(c0, c1)[None, :])
        return s

    def _same_text(self, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        """``SAME_TEXT_BONUS`` where left ``rows`` and right ``cols`` (broadcast) hold the very
        same text, less up to half of it with the distance from the diagonal: of two copies of
        a repeated sentence, the one in the same place wins (a text compared with itself links
        each sentence to itself rather than chaining through the copies)."""
        same = self.text_l[rows] == self.text_r[cols]
        off = np.abs(rows / max(1, self.n) - cols / max(1, self.m))
        return np.asarray(SAME_TEXT_BONUS * same * (1.0 - 0.5 * off))

    def blocks(self, r0: np.ndarray, c0: np.ndarray, h: int, w: int) -> np.ndarray:
        """Pair scores of many small blocks of one shape (k x h x w): block b holds left rows
        ``r0[b]..r0[b]+h-1`` and right columns ``c0[b]..c0[b]+w-1``. The same sums as ``block``,
        without a call (and sparse slicing) per block."""
        rows = r0[:, None] + np.arange(h)  # k x h
        cols = c0[:, None] + np.arange(w)  # k x w
        c = self.context_weight
        s: np.ndarray = (1 - c) * (self.el[rows] @ self.er[cols].transpose(0, 2, 1))
        if c:
            s += c * (self.cl[rows] @ self.cr[cols].transpose(0, 2, 1))
        if self.tl is not None and self.tr is not None:
            ii = np.broadcast_to(rows[:, :, None], s.shape).ravel()
            jj = np.broadcast_to(cols[:, None, :], s.shape).ravel()
            lex = np.asarray(self.tl[ii].multiply(self.tr[jj]).sum(axis=1)).reshape(s.shape)
            s += self.lexical_weight * lex
        s += self._same_text(rows[:, :, None], cols[:, None, :])
        return s

    def strong_pairs(
        self, rows: list[int], cols: list[int], threshold: float, *, cancel: Cancel | None = None
    ) -> list[tuple[float, int, int]]:
        """(score, i, j) for i in ``rows``, j in ``cols`` with score >= threshold; only each
        row's and each column's few strongest are kept, so the list stays short. The score is
        the cosine, plus ``SAME_TEXT_BONUS`` for identical sentences, less a hair for distance
        from the diagonal so that ties (repeated sentences) go to the nearest copy.
        Computed in blocks of rows."""
        found: dict[tuple[int, int], float] = {}
        if not rows or not cols:
            return []
        er = self.er[cols]
        col_idx = np.asarray(cols)
        text_r = self.text_r[col_idx]
        col_pos = col_idx.astype(np.float32) / max(1, self.m)
        keep = 3
        # Running best of each column over the row blocks: values and row numbers.
        col_v = np.full((keep, len(cols)), -np.inf, dtype=np.float32)
        col_r = np.zeros((keep, len(cols)), dtype=np.int64)
        # Rows a block: at most STRONG_BLOCK pairs, so the block (and the copies argpartition
        # makes) stays a few tens of MB however many columns there are.
        step = max(1, min(1024, STRONG_BLOCK // len(cols)))
        for b in range(0, len(rows), step):
            check_cancel(cancel)
            idx = rows[b : b + step]
            s = self.el[idx] @ er.T
            np.add(s, SAME_TEXT_BONUS, out=s, where=self.text_l[idx][:, None] == text_r[None, :])
            pos = np.asarray(idx, dtype=np.float32)[:, None] / max(1, self.n) - col_pos[None, :]
            np.abs(pos, out=pos)
            pos *= 1e-6
            s -= pos
            del pos
            k = min(keep, s.shape[1])
            top = np.argpartition(-s, k - 1, axis=1)[:, :k]
            for r, i in enumerate(idx):
                for t in top[r]:
                    v = float(s[r, t])
                    if v >= threshold:
                        found[(i, int(col_idx[t]))] = v
            kk = min(keep, s.shape[0])
            part = np.argpartition(-s, kk - 1, axis=0)[:kk]
            cand_v = np.concatenate([col_v, np.take_along_axis(s, part, axis=0)])
            cand_r = np.concatenate([col_r, np.asarray(idx)[part]])
            best = np.argsort(-cand_v, axis=0, kind="stable")[:keep]
            col_v = np.take_along_axis(cand_v, best, axis=0)
            col_r = np.take_along_axis(cand_r, best, axis=0)
        for t, j in enumerate(cols):
            for q in range(keep):
                v = float(col_v[q, t])
                if v >= threshold:
                    found.setdefault((int(col_r[q, t]), j), v)
        return [(v, i, j) for (i, j), v in found.items()]
