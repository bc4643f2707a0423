"""The aligner under the editor's constraints: pins kept, forbidden pairs never linked, the rest
aligned around the pins (engine only, no Qt)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from viewer.engine import align_constraints as ac
from viewer.engine import review as rv
from viewer.engine.compare import compare, realign
from viewer.engine.review import ReviewState
from viewer.services.documents import document_from_text, read_document

WORDS = [
    "officials", "said", "the", "truce", "would", "hold", "Israel", "Gaza", "Hamas", "aid",
    "civilians", "north", "south", "40%", "$3", "billion", "talks", "Doha", "Thursday", "Blinken",
]
sentence = st.lists(st.sampled_from(WORDS), min_size=2, max_size=10).map(lambda ws: " ".join(ws).capitalize() + ".")
article = st.lists(sentence, min_size=1, max_size=9).map(" ".join)
PROPS = settings(max_examples=80, deadline=None,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


def check_honoured(c, state: ReviewState) -> None:
    pairs = [(k.left, k.right) for k in c.links]
    assert len(pairs) == len(set(pairs)), "a sentence linked twice to the same counterpart"
    linked = set(pairs)
    pinned = state.pinned_pairs()
    assert pinned <= linked
    assert not linked & state.forbidden
    cons = state.constraints()
    for i, j in linked - pinned:
        assert i not in cons.fixed_left and j not in cons.fixed_right, (i, j)
    assert all(k.manual == ((k.left, k.right) in pinned) for k in c.links)
    for g in c.groups:
        assert g.manual == any((i, j) in pinned for i in g.left for j in g.right)
    assert not {k.left for k in c.links} & state.no_counterpart_left
    assert not {k.right for k in c.links} & state.no_counterpart_right


@st.composite
def edits(draw, n: int, m: int) -> ReviewState:
    s = ReviewState()
    for _ in range(draw(st.integers(0, 6))):
        what = draw(st.sampled_from(["link", "unlink", "none_l", "none_r"]))
        ls = draw(st.sets(st.integers(0, n - 1), min_size=1, max_size=2))
        rs = draw(st.sets(st.integers(0, m - 1), min_size=1, max_size=2))
        if what == "link":
            s = rv.link(s, ls, rs)
        elif what == "unlink":
            s = rv.unlink(s, ls, rs)
        elif what == "none_l":
            s = rv.set_no_counterpart(s, "left", min(ls))
        else:
            s = rv.set_no_counterpart(s, "right", min(rs))
    return s


@PROPS
@given(data=st.data(), a=article, b=article, sensitivity=st.sampled_from([0.0, 0.5, 1.0]))
def test_random_pins_and_forbidden_pairs_are_always_honoured(data, a, b, sensitivity, lexical_embedder):
    left, right = document_from_text(a), document_from_text(b)
    plain = compare(left, right, embedder=lexical_embedder, sensitivity=sensitivity)
    n, m = len(plain.left_sentences), len(plain.right_sentences)
    state = data.draw(edits(n, m))
    c = realign(plain, embedder=lexical_embedder, review=state)
    check_honoured(c, state)
    # Swapping the documents mirrors the constrained result too.
    swapped = ReviewState(
        links=tuple(rv.ManualLink(k.right, k.left) for k in state.links),
        forbidden=frozenset((j, i) for i, j in state.forbidden),
        no_counterpart_left=state.no_counterpart_right,
        no_counterpart_right=state.no_counterpart_left,
    )
    back = compare(right, left, embedder=lexical_embedder, sensitivity=sensitivity, review=swapped)
    assert {(k.right, k.left) for k in back.links} == {(k.left, k.right) for k in c.links}


def test_pins_kept_at_every_sensitivity_on_the_sample_pair(sample_comparison, real_embedder):
    c = sample_comparison
    g = next(g for g in c.groups if len(g.left) + len(g.right) > 2)
    state = rv.unlink(ReviewState(), g.left, g.right)
    # A wrong link on purpose: an omitted sentence pinned to an added one far away.
    state = rv.link(state, [c.omitted[0]], [c.added[-1]])
    state = rv.set_no_counterpart(state, "right", c.groups[-1].right[0])
    for sensitivity in (0.0, 0.1, 0.25, 0.4, 0.5, 0.6, 0.75, 0.9, 1.0):
        r = realign(c, embedder=real_embedder, review=state, sensitivity=sensitivity)
        check_honoured(r, state)
        assert r.sensitivity == sensitivity


def test_realign_reuses_vectors_and_unchanged_word_ops(sample_comparison, real_embedder):
    c = sample_comparison
    before = real_embedder.hits + real_embedder.misses
    g = c.groups[4]
    r = realign(c, embedder=real_embedder, review=rv.unlink(ReviewState(), g.left, g.right))
    # Only joined texts of merges and splits may be looked up; no sentence is embedded again.
    assert real_embedder.hits + real_embedder.misses - before < len(c.left_sentences)
    old = {(h.left, h.right): h for h in c.groups}
    same = [h for h in r.groups if (h.left, h.right) in old]
    assert same and all(h.word_ops is old[(h.left, h.right)].word_ops for h in same)
    assert (g.left, g.right) not in {(h.left, h.right) for h in r.groups}


def test_automatic_links_never_cross_a_pin_in_order(seeds, real_embedder):
    left, right = read_document(seeds / "original.txt"), read_document(seeds / "rewrite.txt")
    c = compare(left, right, embedder=real_embedder)
    # Pin the first left sentence to the last right one: everything else must fit around it
    # (monotone links all before it on one side and after it on the other is impossible, so
    # the pin goes off the chain only if another pin is heavier; here it is the only one).
    state = rv.link(ReviewState(), [10], [12])
    r = realign(c, embedder=real_embedder, review=state)
    check_honoured(r, state)
    for k in r.links:
        if not k.manual and k.kind.value != "moved":
            assert (k.left < 10 and k.right < 12) or (k.left > 10 and k.right > 12), k


def test_sync_points_chain_and_segments():
    cons = rv.link(rv.link(rv.link(ReviewState(), [2], [3]), [5, 6], [8]), [4], [1]).constraints()
    # (4 -> 1) crosses (2 -> 3): the heavier chain keeps (2 -> 3) and (5, 6 -> 8).
    assert ac.sync_points(cons) == [(2, 2, 3, 3), (5, 6, 8, 8)]
    assert ac.pinned_moves(cons) == {(4, 1)}
    assert ac.segments(cons, 10, 10) == [(0, 2, 0, 3), (3, 5, 4, 8), (7, 10, 9, 10)]
    assert ac.cut_windows([(0, 10, 0, 10)], ac.segments(cons, 10, 10)) == [
        (0, 2, 0, 3), (3, 5, 4, 8), (7, 10, 9, 10)]


def test_pins_cut_the_windows_of_a_long_pair(monkeypatch):
    import numpy as np
    from planted import noisy, planted_texts, unit

    from viewer.engine import align_windows
    from viewer.engine.align import AlignSettings, align

    rng = np.random.default_rng(3)
    left = unit(rng, 400, 32)
    right = noisy(rng, left, 0.85)
    texts_l, texts_r, embedder = planted_texts(left, right)
    monkeypatch.setattr(align_windows, "DENSE_LIMIT", 2000)  # windows between anchors
    state = rv.unlink(rv.link(ReviewState(), [100], [130]), [200], [200])
    state = rv.set_no_counterpart(state, "left", 300)
    links = align(texts_l, texts_r, embedder, AlignSettings(lexical_weight=0.0),
                  constraints=state.constraints())
    pairs = {(k.left, k.right) for k in links}
    assert (100, 130) in pairs and (200, 200) not in pairs and 300 not in {i for i, _ in pairs}
    assert [k for k in links if k.manual] == [k for k in links if (k.left, k.right) == (100, 130)]
    for k in links:
        if not k.manual and not k.moved:
            assert (k.left < 100 and k.right < 130) or (k.left > 100 and k.right > 130), k
    # Away from the pin the planted diagonal is still found.
    assert sum((k, k) in pairs for k in range(150, 400)) > 230
