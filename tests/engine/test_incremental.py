"""A re-alignment after an edit reuses the work of the last one (``Comparison.memo``) and gives
exactly the comparison a constrained alignment from scratch gives (engine only, no Qt)."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st
from test_align_constraints import PROPS, article, edits

from bench.corpus import make_pair
from viewer.engine import review as rv
from viewer.engine.compare import compare, realign
from viewer.engine.model import IgnoreOptions
from viewer.engine.review import ReviewState
from viewer.services.documents import document_from_text, read_document


def _from_scratch(previous, embedder, state, sensitivity=None, ignore=None):
    """The same re-alignment with nothing kept but the vectors."""
    return realign(replace(previous, memo=None), embedder=embedder, review=state, sensitivity=sensitivity,
                   ignore=ignore)


def _edits_of(c) -> list[tuple[str, ReviewState, float | None, IgnoreOptions | None]]:
    """A review session on ``c``: links, unlinks, no counterpart, a slider move, ignore
    options, an undo."""
    n, m = len(c.left_sentences), len(c.right_sentences)
    big = next(g for g in c.groups if len(g.left) + len(g.right) > 2)
    s1 = rv.link(ReviewState(), [n // 3], [m // 3])
    s2 = rv.unlink(s1, big.left, big.right)
    s3 = rv.link(s2, [c.omitted[0]] if c.omitted else [n - 1], [m // 2])
    s4 = rv.set_no_counterpart(s3, "right", c.groups[-1].right[0])
    s5 = rv.link(s4, [2 * n // 3, 2 * n // 3 + 1], [2 * m // 3])
    case = IgnoreOptions(case=True, punctuation=True)
    return [
        ("link", s1, None, None), ("unlink a group", s2, None, None),
        ("link an omitted sentence", s3, None, None), ("no counterpart", s4, None, None),
        ("a merge by hand", s5, None, None), ("slider up", s5, 0.7, None),
        ("slider back", s5, 0.5, None), ("ignore case and punctuation", s5, 0.5, case),
        ("count them again", s5, 0.5, IgnoreOptions()), ("undo", s4, 0.5, None),
        ("undo all", ReviewState(), 0.5, None),
    ]


def _check_session(c, embedder) -> None:
    current = c
    for label, state, sensitivity, ignore in _edits_of(c):
        fast = realign(current, embedder=embedder, review=state, sensitivity=sensitivity, ignore=ignore)
        slow = _from_scratch(current, embedder, state, sensitivity, ignore)
        assert fast == slow, label
        assert fast.links == slow.links and fast.groups == slow.groups, label
        assert fast.findings == slow.findings, label
        current = fast


def test_incremental_equals_full_on_the_sample_pair(seeds, real_embedder):
    left, right = read_document(seeds / "original.txt"), read_document(seeds / "rewrite.txt")
    _check_session(compare(left, right, embedder=real_embedder), real_embedder)


def test_incremental_equals_full_on_a_long_generated_pair(lexical_embedder):
    # Long enough to be cut into windows between anchors (over 2,000 sentences a side).
    pair = make_pair(2400)
    left = document_from_text("\n\n".join(" ".join(p) for p in pair.left))
    right = document_from_text("\n\n".join(" ".join(p) for p in pair.right))
    c = compare(left, right, embedder=lexical_embedder)
    assert len(c.left_sentences) * len(c.right_sentences) > 4_000_000
    _check_session(c, lexical_embedder)
    # An edit re-runs the programme only in the windows around it.
    state = rv.link(ReviewState(), [100], [100])
    first = realign(c, embedder=lexical_embedder, review=state)
    again = realign(first, embedder=lexical_embedder, review=rv.link(state, [1200], [1210]))
    memo = again.memo.align
    assert memo.runs and memo.hits > 20 * memo.runs


@PROPS
@given(data=st.data(), a=article, b=article)
def test_random_edit_chains_give_the_result_from_scratch(data, a, b, lexical_embedder):
    c = compare(document_from_text(a), document_from_text(b), embedder=lexical_embedder)
    n, m = len(c.left_sentences), len(c.right_sentences)
    for _ in range(3):
        state = data.draw(edits(n, m))
        sensitivity = data.draw(st.sampled_from([None, 0.2, 0.5, 0.8]))
        fast = realign(c, embedder=lexical_embedder, review=state, sensitivity=sensitivity)
        assert fast == _from_scratch(c, lexical_embedder, state, sensitivity)
        c = fast
