"""align(): long pairs in windows, moves, sensitivity, symmetry, cancel (engine only, no Qt)."""

from __future__ import annotations

import numpy as np
import pytest
from planted import PlantedEmbedder, noisy, planted_texts, unit

from viewer.engine import align_windows
from viewer.engine.align import AlignSettings, align
from viewer.engine.align_features import SAME_TEXT_BONUS, PairScorer
from viewer.engine.compare import compare
from viewer.engine.model import ChangeKind
from viewer.engine.progress import Cancelled
from viewer.services.documents import document_from_text, read_document


def _planted_pair(n: int = 6000, dim: int = 64, seed: int = 7):
    """Left and right of n sentences each. Most right sentences rewrite their left sentence
    closely (cosine 0.85): anchors. Sentences 2000..4499 rewrite loosely (cosine 0.5, below
    the anchors' bar): a 2,500 x 2,500 stretch with no anchor, too big for one window. Every
    tenth sentence elsewhere is new on both sides (no counterpart)."""
    rng = np.random.default_rng(seed)
    left = unit(rng, n, dim)
    right = noisy(rng, left, 0.85)
    loose = np.arange(2000, 4500)
    right[loose] = noisy(rng, left[loose], 0.5)
    unmatched = np.array([k for k in range(0, n, 10) if not 2000 <= k < 4500])
    right[unmatched] = unit(rng, len(unmatched), dim)
    planted = {(k, k) for k in range(n)} - {(k, k) for k in unmatched}
    texts_l, texts_r, embedder = planted_texts(left, right)
    return texts_l, texts_r, embedder, planted


@pytest.fixture(scope="module")
def long_pair():
    return _planted_pair()


SETTINGS = AlignSettings(lexical_weight=0.0)
"""Planted tokens share no words: tf-idf would only add noise."""


def test_long_pair_windows_stay_small(long_pair):
    texts_l, texts_r, embedder, _ = long_pair
    el, er = embedder.encode(texts_l), embedder.encode(texts_r)
    scorer = PairScorer(texts_l, texts_r, el, er, SETTINGS.context_weight, SETTINGS.lexical_weight)
    windows = align_windows.plan_windows(scorer)
    assert len(texts_l) * len(texts_r) > align_windows.DENSE_LIMIT  # so windows are needed
    sizes = [(r1 - r0) * (c1 - c0) for r0, r1, c0, c1 in windows]
    assert max(sizes) <= align_windows.DENSE_LIMIT
    assert max(sizes) > 1_000_000  # the stretch without anchors was cut into squares
    covered = np.zeros(len(texts_l), dtype=bool)
    for r0, r1, _, _ in windows:
        covered[r0:r1] = True
    assert covered.all()


def test_long_pair_finds_the_planted_diagonal(long_pair, monkeypatch):
    texts_l, texts_r, embedder, planted = long_pair
    biggest = []
    real_block = PairScorer.block

    def spy(self, r0, r1, c0, c1):  # type: ignore[no-untyped-def]
        biggest.append((r1 - r0) * (c1 - c0))
        return real_block(self, r0, r1, c0, c1)

    monkeypatch.setattr(PairScorer, "block", spy)
    got = {(r.left, r.right) for r in align(texts_l, texts_r, embedder, SETTINGS)}
    assert max(biggest) <= align_windows.DENSE_LIMIT  # never an n x m matrix
    found = len(got & planted)
    assert found >= 0.99 * len(planted), (found, len(planted))
    assert len(got - planted) <= 0.01 * len(planted)
    loose = {(k, k) for k in range(2000, 4500)}
    assert len(got & loose) >= 0.97 * len(loose)  # found inside the squares, too


def test_a_paragraph_moved_to_the_end_is_linked_and_marked_moved(real_embedder, seeds):
    original = read_document(seeds / "original.txt")
    paragraphs = original.text.split("\n\n")
    moved = paragraphs[4]  # "That challenge is one of the major reasons ..." (two sentences)
    rewrite = document_from_text("\n\n".join(paragraphs[:4] + paragraphs[5:] + [moved]), name="moved.txt")
    c = compare(original, rewrite, embedder=real_embedder)
    moved_groups = [g for g in c.groups if g.moved]
    assert {c.left_sentences[i].text for g in moved_groups for i in g.left} == {
        c.left_sentences[7].text,
        c.left_sentences[8].text,
    }
    assert all(g.kind is ChangeKind.MOVED for g in moved_groups)
    assert {c.right_sentences[j].text for g in moved_groups for j in g.right} == {
        c.right_sentences[-2].text,
        c.right_sentences[-1].text,
    }
    assert not c.omitted and not c.added
    others = [g for g in c.groups if not g.moved]
    assert others and all(g.kind is ChangeKind.IDENTICAL for g in others)


def test_higher_sensitivity_never_links_more(real_embedder, seeds):
    left, right = read_document(seeds / "original.txt"), read_document(seeds / "rewrite.txt")
    counts = [
        len(compare(left, right, embedder=real_embedder, sensitivity=s).links) for s in (0.1, 0.3, 0.5, 0.7, 0.9)
    ]
    assert counts == sorted(counts, reverse=True), counts
    assert counts[0] > counts[-1]


def test_swapping_sides_mirrors_merges_into_splits():
    """Two short sentences rewritten as one: a merge one way, a split the other way."""
    rng = np.random.default_rng(3)
    a, b, c, d = unit(rng, 4, 32)
    vectors = {
        "a": a, "b": b, "c": c,
        "ab": (a + b) / np.linalg.norm(a + b),
        "c2": noisy(rng, c[None, :], 0.9)[0],
        "x": d,
    }
    embedder = PlantedEmbedder(vectors)
    left, right = ["a", "b", "c"], ["ab", "x", "c2"]
    forward = align(left, right, embedder, SETTINGS)
    backward = align(right, left, embedder, SETTINGS)
    assert [(r.left, r.right) for r in forward] == [(0, 0), (1, 0), (2, 2)]
    assert sorted((r.right, r.left) for r in backward) == [(0, 0), (1, 0), (2, 2)]
    mirrored = sorted(backward, key=lambda r: (r.right, r.left))
    assert [r.similarity for r in forward] == pytest.approx([r.similarity for r in mirrored])


def test_a_member_the_joined_text_does_not_need_is_dropped():
    """b scores high enough to extend the merge, but a + b matches ab no better than a alone."""
    rng = np.random.default_rng(5)
    a = unit(rng, 1, 32)[0]
    b = noisy(rng, a[None, :], 0.75)[0]
    vectors = {"a": a, "b": b, "t": noisy(rng, a[None, :], 0.97)[0]}
    embedder = PlantedEmbedder(vectors)
    joined = embedder.encode(["a b"])[0] @ vectors["t"]
    assert joined < embedder.encode(["a"])[0] @ vectors["t"]  # the premise of the test
    got = [(r.left, r.right) for r in align(["a", "b"], ["t"], embedder, AlignSettings(lexical_weight=0.0, context_weight=0.0))]
    assert got == [(0, 0)]


def test_the_joined_texts_of_all_groups_are_embedded_in_one_call():
    """Three merges of two: their joined texts are checked against the model in one batch,
    not one embedder call each (a long pair has thousands)."""
    rng = np.random.default_rng(8)
    v = unit(rng, 6, 64)
    names = "abcdef"
    vectors = {names[k]: v[k] for k in range(6)}
    for x, y in ("ab", "cd", "ef"):
        vectors[x + y] = (vectors[x] + vectors[y]) / np.linalg.norm(vectors[x] + vectors[y])
    embedder = PlantedEmbedder(vectors)
    left, right = list(names), ["ab", "cd", "ef"]
    el, er = embedder.encode(left), embedder.encode(right)
    embedder.calls = 0
    got = align(left, right, embedder, SETTINGS, left_vectors=el, right_vectors=er)
    assert [(r.left, r.right) for r in got] == [(0, 0), (1, 0), (2, 1), (3, 1), (4, 2), (5, 2)]
    assert embedder.calls == 1


def test_nothing_to_align():
    embedder = PlantedEmbedder({})
    assert align([], ["x"], embedder, SETTINGS) == []
    assert align(["x"], [], embedder, SETTINGS) == []


def test_cancel_stops_a_long_alignment(long_pair):
    texts_l, texts_r, embedder, _ = long_pair
    calls = []

    def cancel() -> bool:
        calls.append(1)
        return len(calls) > 3

    with pytest.raises(Cancelled):
        align(texts_l, texts_r, embedder, SETTINGS, cancel=cancel)


def test_progress_reaches_the_end():
    rng = np.random.default_rng(11)
    vecs = unit(rng, 3, 16)
    embedder = PlantedEmbedder({"a": vecs[0], "b": vecs[1], "c": vecs[2]})
    seen: list[tuple[str, int, int]] = []
    align(["a", "b"], ["a", "c"], embedder, SETTINGS, progress=lambda *p: seen.append(p))
    assert seen and seen[-1][0] == "align" and seen[-1][1] == seen[-1][2]


@pytest.mark.parametrize("seed", range(6))
def test_move_candidates_are_each_rows_and_each_columns_strongest(seed):
    """The candidates for moves are the same whichever document is the left one: each free
    row's three strongest and each free column's three strongest above the threshold."""
    rng = np.random.default_rng(seed)
    n, m = (2500, 1800) if seed == 0 else tuple(int(x) for x in rng.integers(1, 40, size=2))
    el, er = unit(rng, n, 8), unit(rng, m, 8)
    rows = sorted(rng.choice(n, size=max(1, n // 2), replace=False).tolist())
    cols = sorted(rng.choice(m, size=max(1, m // 2), replace=False).tolist())
    got = {(i, j) for _, i, j in PairScorer(["a"] * n, ["b"] * m, el, er, 0.2, 0.0).strong_pairs(rows, cols, 0.3)}
    mirrored = {(i, j) for _, j, i in PairScorer(["b"] * m, ["a"] * n, er, el, 0.2, 0.0).strong_pairs(cols, rows, 0.3)}
    s = el[rows] @ er[cols].T
    want = set()
    for a in range(len(rows)):
        want |= {(rows[a], cols[t]) for t in np.argsort(-s[a])[:3] if s[a, t] >= 0.3}
    for b in range(len(cols)):
        want |= {(rows[t], cols[b]) for t in np.argsort(-s[:, b])[:3] if s[t, b] >= 0.3}
    assert got == want
    assert mirrored == want


def test_blocks_score_stacked_windows_as_block_scores_each(seeds):
    """The stacked scores of many small windows equal those of one window at a time: meaning,
    context, shared words (tf-idf) and the bonus of identical sentences."""
    texts = read_document(seeds / "original.txt").text.split(". ")
    rng = np.random.default_rng(9)
    left, right = texts[:40], texts[5:35] + texts[:3]
    el, er = unit(rng, len(left), 16), unit(rng, len(right), 16)
    scorer = PairScorer(left, right, el, er, 0.2, 0.2)
    for h, w in ((1, 1), (2, 2), (3, 5)):
        r0 = rng.integers(0, len(left) - h + 1, size=7)
        c0 = rng.integers(0, len(right) - w + 1, size=7)
        stacked = scorer.blocks(r0, c0, h, w)
        assert stacked.shape == (7, h, w)
        for b in range(7):
            one = scorer.block(int(r0[b]), int(r0[b]) + h, int(c0[b]), int(c0[b]) + w)
            np.testing.assert_allclose(stacked[b], one, rtol=0, atol=1e-6)
    # The same sentence on both sides: all its words shared (tf-idf cosine 1) and the bonus,
    # less half of it times the distance from the diagonal (row 5 of n against column 0).
    assert left[5] == right[0]
    meaning = 0.8 * float(el[5] @ er[0]) + 0.2 * float(scorer.cl[5] @ scorer.cr[0])
    same = scorer.blocks(np.array([5]), np.array([0]), 1, 1)[0, 0]
    bonus = SAME_TEXT_BONUS * (1 - 0.5 * 5 / len(left))
    assert same == pytest.approx(meaning + 0.2 * 1.0 + bonus, abs=1e-5)
    assert left[0] != right[0] and scorer.block(0, 1, 0, 1)[0, 0] == pytest.approx(
        0.8 * float(el[0] @ er[0]) + 0.2 * float(scorer.cl[0] @ scorer.cr[0])
        + 0.2 * float((scorer.tl[0] @ scorer.tr[0].T).toarray()[0, 0]), abs=1e-5)


def test_a_text_of_repeated_sentences_aligns_with_itself_one_to_one(lexical_embedder):
    """Sentences whose vectors all tie: every one links to its own copy, none is 'moved'."""
    from viewer.engine.align import LEXICAL_SETTINGS

    for k in (2, 3, 5, 8):
        texts = ["Officials officials."] * k
        got = align(texts, texts, lexical_embedder, LEXICAL_SETTINGS)
        assert [(r.left, r.right, r.moved) for r in got] == [(i, i, False) for i in range(k)]


def test_a_sentence_kept_word_for_word_has_only_its_copy(lexical_embedder):
    """The programme may grow a copied sentence into a split or merge with a similar neighbour
    (found by hypothesis: 0 fed 0, 1 and 2); a copy is linked to its copy alone, and the
    neighbour to its own copy."""
    from viewer.engine.align import LEXICAL_SETTINGS

    texts = ["Officials truce.", "Officials officials.", "Officials truce."]
    got = align(texts, texts, lexical_embedder, LEXICAL_SETTINGS)
    assert [(r.left, r.right, r.moved) for r in got] == [(i, i, False) for i in range(3)]
    kept = ["Officials truce.", "Aid trucks wait at Rafah."]
    grown = ["Officials truce.", "Officials officials truce.", "Aid trucks wait at Rafah."]
    got = align(kept, grown, lexical_embedder, LEXICAL_SETTINGS)
    assert [(r.left, r.right) for r in got] == [(0, 0), (1, 2)]


def test_ties_mirror_exactly(lexical_embedder):
    """Repeated and near-repeated sentences on both sides: ties and rounding cannot make the
    two directions differ, because the pair is always aligned in one orientation."""
    from viewer.engine.align import LEXICAL_SETTINGS

    a = ["Aid aid.", "Aid aid aid.", "Aid aid.", "Gaza talks resume in Doha.", "Aid aid."]
    b = ["Aid aid aid.", "Aid aid.", "Talks on Gaza resume in Doha.", "Aid aid.", "Aid."]
    forward = {(r.left, r.right, r.moved) for r in align(a, b, lexical_embedder, LEXICAL_SETTINGS)}
    backward = {(r.right, r.left, r.moved) for r in align(b, a, lexical_embedder, LEXICAL_SETTINGS)}
    assert forward == backward and forward


def test_a_sentence_found_again_in_order_is_not_marked_moved():
    """The second pass links sentences the first left out; only one that breaks the order of
    the other links is a move."""
    rng = np.random.default_rng(21)
    a, b, c, d = unit(rng, 4, 32)
    vectors = {"a": a, "b": b, "c": c, "d": d, "c2": noisy(rng, c[None, :], 0.8)[0]}
    embedder = PlantedEmbedder(vectors)
    # c2 rewrites c closely enough for a move (0.8 >= 0.72) but the strict match threshold
    # below keeps it out of the first pass.
    strict = AlignSettings(lexical_weight=0.0, context_weight=0.0, match_threshold=0.9)
    in_order = align(["a", "c", "d"], ["a", "c2", "d"], embedder, strict)
    assert [(r.left, r.right, r.moved) for r in in_order] == [(0, 0, False), (1, 1, False), (2, 2, False)]
    out_of_order = align(["c", "a", "d"], ["a", "d", "c2"], embedder, strict)
    assert [(r.left, r.right, r.moved) for r in out_of_order] == [(0, 2, True), (1, 0, False), (2, 1, False)]
