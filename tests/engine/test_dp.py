"""The monotone alignment programme on hand-made score matrices (no model, no Qt)."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from viewer.engine import dp
from viewer.engine.dp import monotone_links, monotone_links_many

T_NEW, T_GROUP = 0.4, 0.55


def links(rows: list[list[float]], t_new: float = T_NEW, t_group: float = T_GROUP) -> list[tuple[int, int]]:
    return monotone_links(np.array(rows, dtype=float), t_new, t_group)


def test_one_to_one_diagonal():
    assert links([[0.9, 0.1, 0.2], [0.2, 0.8, 0.1], [0.1, 0.3, 0.7]]) == [(0, 0), (1, 1), (2, 2)]


def test_merge_two_left_into_one_right():
    assert links([[0.9, 0.1], [0.7, 0.2], [0.1, 0.8]]) == [(0, 0), (1, 0), (2, 1)]


def test_weak_second_member_does_not_make_a_merge():
    """0.5 clears the threshold of a new link but not the stricter one of a group."""
    assert links([[0.9, 0.1], [0.5, 0.2], [0.1, 0.8]]) == [(0, 0), (2, 1)]


def test_split_one_left_into_two_right():
    assert links([[0.9, 0.7, 0.1], [0.1, 0.2, 0.8]]) == [(0, 0), (0, 1), (1, 2)]


def test_unmatched_sentences_are_skipped():
    assert links([[0.9, 0.1, 0.1], [0.2, 0.1, 0.3], [0.1, 0.2, 0.8]]) == [(0, 0), (2, 2)]
    assert links([[0.9, 0.2, 0.1], [0.1, 0.3, 0.8]]) == [(0, 0), (1, 2)]


def test_everything_below_the_threshold_links_nothing():
    assert links([[0.3, 0.39], [0.1, 0.2]]) == []
    assert links([[0.35]]) == []


def test_empty_blocks():
    assert monotone_links(np.zeros((0, 4)), T_NEW, T_GROUP) == []
    assert monotone_links(np.zeros((3, 0)), T_NEW, T_GROUP) == []


def test_order_is_kept_crossing_pairs_give_one_link():
    assert links([[0.1, 0.9], [0.6, 0.1]]) == [(0, 1)]
    assert links([[0.1, 0.6], [0.9, 0.1]]) == [(1, 0)]


def test_n_shaped_group_one_sentence_feeds_two():
    """A0 and A1 feed B0 (a merge) and A1 also feeds B1 (a split): the chain turns a corner."""
    assert links([[0.9, 0.1], [0.75, 0.8]]) == [(0, 0), (1, 0), (1, 1)]


def test_a_repeated_sentence_links_its_first_copy_from_either_side():
    """The same sentence printed twice, matched loosely (too weakly for a split): one link, to
    the first copy, whichever side has the copies."""
    assert links([[0.5, 0.5, 0.1], [0.1, 0.1, 0.9]]) == [(0, 0), (1, 2)]
    assert links([[0.5, 0.1], [0.5, 0.1], [0.1, 0.9]]) == [(0, 0), (2, 1)]


def _brute_force_best(score: np.ndarray) -> float:
    """Best total over every set of pairs the programme may choose: sorted pairs where each
    next pair either moves forward on both sides (a new link) or one step on one side only
    (an extension of a merge or split)."""
    cells = [(i, j) for i in range(score.shape[0]) for j in range(score.shape[1])]
    best = 0.0
    for k in range(1, len(cells) + 1):
        for chosen in itertools.combinations(cells, k):
            total = score[chosen[0]] - T_NEW
            ok = True
            for (i0, j0), (i1, j1) in itertools.pairwise(chosen):
                if i1 > i0 and j1 > j0:
                    total += score[i1, j1] - T_NEW
                elif (i1 == i0 + 1 and j1 == j0) or (i1 == i0 and j1 == j0 + 1):
                    total += score[i1, j1] - T_GROUP
                else:
                    ok = False
                    break
            if ok:
                best = max(best, total)
    return best


def _total(score: np.ndarray, chosen: list[tuple[int, int]]) -> float:
    total = 0.0
    for k, (i, j) in enumerate(chosen):
        prev = chosen[k - 1] if k else None
        extends = prev is not None and (prev == (i - 1, j) or prev == (i, j - 1))
        total += score[i, j] - (T_GROUP if extends else T_NEW)
    return total


@pytest.mark.parametrize("seed", range(12))
def test_matches_brute_force_on_small_random_blocks(seed):
    rng = np.random.default_rng(seed)
    shape = (3, 3) if seed % 2 else (4, 3)
    score = rng.uniform(0.0, 1.0, size=shape)
    got = monotone_links(score, T_NEW, T_GROUP)
    assert _total(score, got) == pytest.approx(_brute_force_best(score), abs=1e-9)


@pytest.mark.parametrize("seed", range(20))
def test_transposed_scores_give_the_mirrored_links(seed):
    rng = np.random.default_rng(100 + seed)
    n, m = rng.integers(1, 30, size=2)
    score = rng.uniform(-0.1, 1.0, size=(n, m)) ** 2
    forward = monotone_links(score, T_NEW, T_GROUP)
    mirrored = monotone_links(score.T.copy(), T_NEW, T_GROUP)
    assert sorted((j, i) for i, j in mirrored) == forward


@pytest.mark.parametrize("seed", range(8))
def test_a_stack_of_blocks_gives_each_blocks_own_links(seed, monkeypatch):
    """Blocks programmed together (as the aligner does with many small windows) link exactly
    as each block programmed alone, ties included, whether traced on lists or on arrays."""
    rng = np.random.default_rng(300 + seed)
    n, m = (int(x) for x in rng.integers(1, 7, size=2))
    # Scores on a coarse grid, so that equal totals (ties) are common.
    stack = np.round(rng.uniform(0.0, 1.0, size=(50, n, m)), 1)
    stack[7] = stack[3]
    together = monotone_links_many(stack, T_NEW, T_GROUP)
    alone = [monotone_links_many(stack[b : b + 1], T_NEW, T_GROUP)[0] for b in range(len(stack))]
    assert together == alone
    assert together[7] == together[3]
    assert any(together)
    monkeypatch.setattr(dp, "_SMALL", 0)  # the trace over the numpy arrays
    assert monotone_links_many(stack, T_NEW, T_GROUP) == together
    assert [monotone_links(b, T_NEW, T_GROUP) for b in stack] == together


def test_an_empty_stack_of_blocks():
    assert monotone_links_many(np.zeros((3, 0, 2)), T_NEW, T_GROUP) == [[], [], []]
    assert monotone_links_many(np.zeros((0, 2, 2)), T_NEW, T_GROUP) == []
