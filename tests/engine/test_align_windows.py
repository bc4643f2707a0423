"""The anchor search of long pairs: nearest neighbours in a band found coarse to fine (no Qt)."""

from __future__ import annotations

import numpy as np
import pytest
from planted import noisy, planted_texts, unit

from viewer.engine import align_windows
from viewer.engine.align import AlignSettings, align

SETTINGS = AlignSettings(lexical_weight=0.0)


@pytest.fixture
def bands(monkeypatch):  # type: ignore[no-untyped-def]
    """Records (rows, columns, pairs compared) of each nearest-neighbour search."""
    seen: list[tuple[int, int, int]] = []
    real = align_windows._nearest

    def spy(el, er, lo, hi, cancel, **kw):  # type: ignore[no-untyped-def]
        seen.append((len(el), len(er), int((hi - lo).sum())))
        return real(el, er, lo, hi, cancel, **kw)

    monkeypatch.setattr(align_windows, "_nearest", spy)
    return seen


@pytest.mark.parametrize("seed", range(4))
def test_nearest_in_a_band_is_the_best_among_the_pairs_in_it(seed):
    """Each row's best column and each column's best row among the pairs of the band,
    whatever the row blocks the search cuts the band into."""
    rng = np.random.default_rng(seed)
    n, m = int(rng.integers(50, 400)), int(rng.integers(50, 400))
    el, er = unit(rng, n, 8), unit(rng, m, 8)
    er[::7] = er[0]  # ties
    lo = rng.integers(0, m, size=n)
    hi = np.minimum(m, lo + rng.integers(1, 60, size=n))
    if seed == 0:
        lo, hi = np.zeros(n, dtype=np.int64), np.full(n, m, dtype=np.int64)
    s = (el.astype(np.float64) @ er.T.astype(np.float64)).astype(np.float32)
    cols = np.arange(m)
    s[(cols[None, :] < lo[:, None]) | (cols[None, :] >= hi[:, None])] = -np.inf
    reached = np.isfinite(s).any(axis=0)
    # Products of other shapes round differently (1e-7): a near tie may go either way.
    top = -np.sort(-np.where(np.isfinite(s), s, -9.0), axis=1)
    clear_r = top[:, 0] - top[:, 1] > 1e-5
    top = -np.sort(-np.where(np.isfinite(s), s, -9.0), axis=0)
    clear_l = reached & (top[0] - top[1] > 1e-5)
    for rows in (1, 5, align_windows.BAND_ROWS, n):
        best_r, best_rs, best_l = align_windows._nearest(el, er, lo, hi, None, rows=rows)
        np.testing.assert_allclose(best_rs, s.max(axis=1), rtol=0, atol=1e-6)
        assert (s[np.arange(n), best_r] >= s.max(axis=1) - 1e-6).all()  # in the band, and best
        assert (best_r[clear_r] == s.argmax(axis=1)[clear_r]).all()
        assert (s[best_l[reached], cols[reached]] >= s.max(axis=0)[reached] - 1e-6).all()
        assert (best_l[clear_l] == s.argmax(axis=0)[clear_l]).all()


def test_the_search_compares_a_band_not_every_pair(bands):
    """6,000 sentences a side, most rewritten closely and some new on both sides: the anchors
    come from a band of a few dozen pairs per sentence, not from all 36 million pairs."""
    rng = np.random.default_rng(4)
    n = 6000
    left = unit(rng, n)
    right = noisy(rng, left, 0.85)
    right[::10] = unit(rng, n // 10)
    texts_l, texts_r, embedder = planted_texts(left, right)
    anchors = align_windows._anchors(*(embedder.encode(t) for t in (texts_l, texts_r)), None)
    assert [(r, c) for r, c, _ in bands] == [(750, 750), (6000, 6000)]  # one level coarser
    assert bands[0][2] == 750 * 750  # the coarse pair is small: all its pairs
    assert bands[1][2] <= 40 * n  # the fine one: a band
    planted = {(k, k) for k in range(n) if k % 10}
    found = {(i, j) for i, j, _ in anchors}
    assert len(found & planted) >= 0.99 * len(planted) and found <= planted


def test_an_article_inside_a_book_is_found(bands):
    """1,500 sentences rewritten from the middle of 8,000: the coarse level finds where they
    sit, and every sentence is linked there."""
    rng = np.random.default_rng(12)
    book = unit(rng, 8000)
    article = noisy(rng, book[3000:4500], 0.85)
    texts_l, texts_r, embedder = planted_texts(article, book)
    got = {(r.left, r.right) for r in align(texts_l, texts_r, embedder, SETTINGS)}
    assert got == {(k, 3000 + k) for k in range(1500)}
    assert bands[-1][2] < 0.01 * 1500 * 8000  # the fine search: a band around the coarse anchors


def test_a_long_insertion_is_crossed(bands):
    """2,000 new sentences in the middle of the rewrite: the sentences after them are still
    linked, through a band that bends with the coarse anchors."""
    rng = np.random.default_rng(13)
    left = unit(rng, 5000)
    right = np.concatenate([noisy(rng, left[:2500], 0.85), unit(rng, 2000), noisy(rng, left[2500:], 0.85)])
    texts_l, texts_r, embedder = planted_texts(left, right)
    got = {(r.left, r.right) for r in align(texts_l, texts_r, embedder, SETTINGS)}
    assert got == {(k, k if k < 2500 else k + 2000) for k in range(5000)}
    assert bands[-1][2] <= 100 * 5000
