"""Selection and change navigation as plain functions (viewer.ui.navigation): no widget."""

from __future__ import annotations

from viewer.engine.model import ChangeKind, Comparison
from viewer.ui.navigation import (
    NO_SELECTION,
    ReadingOrder,
    Selection,
    disjoint,
    pane_marks,
    reading_order,
    selected_indices,
    sentence_selection,
)


def _group(c: Comparison, kind: ChangeKind) -> int:
    return next(g for g, group in enumerate(c.groups) if group.kind is kind)


def test_reading_order_places_additions_and_omissions(crafted: Comparison) -> None:
    order = reading_order(crafted)
    assert len(order) == len(crafted.groups) + len(crafted.omitted) + len(crafted.added)
    assert order[-4:] == [("group", 5), ("left", 6), ("right", 7), ("group", 6)]
    assert [e for e in order if e[0] == "group"] == [
        ("group", g) for g in range(len(crafted.groups))
    ]


def test_stepping_visits_every_stop_once_and_passes_identical_groups(
        crafted: Comparison) -> None:
    order = ReadingOrder(crafted)
    seen, selection = [], NO_SELECTION
    while (step := order.step(selection, +1)) is not None:
        seen.append(step)
        selection = step
    # Each changed group is a stop; the omitted L7 and the added R8 that follow each other
    # are one passage (replaced), one stop that selects its first sentence.
    assert seen == [Selection(_group(crafted, ChangeKind.MINOR), None),
                    Selection(_group(crafted, ChangeKind.REWORDED), None),
                    Selection(-1, ("left", 6)),
                    Selection(next(g for g, x in enumerate(crafted.groups) if x.moved), None)]
    n = order.position(Selection(-1, ("left", 6)))
    assert n is not None and order.entries[n:order.stop_end(n)] == [("left", 6), ("right", 7)]
    assert order.passage_length(Selection(-1, ("right", 7))) == 2
    # backwards from the end gives the same stops in reverse; past either end: None
    back, selection = [], NO_SELECTION
    while (step := order.step(selection, -1)) is not None:
        back.append(step)
        selection = step
    assert back == seen[::-1]
    assert order.step(seen[-1], +1) is None and order.step(seen[0], -1) is None
    # from inside the passage, back goes to its start and on goes past it
    assert order.step(Selection(-1, ("right", 7)), -1) == Selection(-1, ("left", 6))
    assert order.step(Selection(-1, ("right", 7)), +1) == seen[-1]


def test_a_run_of_added_sentences_is_one_stop(sample_lexical: Comparison) -> None:
    """The sample pair ends with 19 added sentences in a row: one stop, not 19."""
    c = sample_lexical
    order = ReadingOrder(c)
    tail = len(order.entries)
    while order.entries[tail - 1][0] == "right":
        tail -= 1
    assert len(order.entries) - tail >= 15  # a long run of additions closes the rewrite
    stops, selection = [], NO_SELECTION
    while (step := order.step(selection, +1)) is not None:
        stops.append(step)
        selection = step
    assert stops[-1] == order.selection_at(tail)
    assert order.stop_end(tail) == len(order.entries)
    changed_groups = sum(g.kind is not ChangeKind.IDENTICAL for g in c.groups)
    assert len(stops) < changed_groups + len(c.added) + len(c.omitted) - 15
    # Passing over the run's first two sentences (marked reviewed) stops at the third.
    done = {order.entries[tail], order.entries[tail + 1]}
    assert order.step(stops[-2], +1, skip=done.__contains__) == order.selection_at(tail + 2)
    assert order.step(stops[-2], +1, skip=lambda e: e[0] == "right") is None


def test_an_empty_order_has_nowhere_to_go() -> None:
    order = ReadingOrder(None)
    assert order.entries == [] and order.step(NO_SELECTION, +1) is None
    assert order.position(Selection(3, None)) is None


def test_a_sentence_selects_its_group_or_itself(crafted: Comparison) -> None:
    minor = _group(crafted, ChangeKind.MINOR)
    left = crafted.groups[minor].left[0]
    assert sentence_selection(crafted, "left", left) == Selection(minor, None)
    assert sentence_selection(crafted, "right", 7) == Selection(-1, ("right", 7))
    assert sentence_selection(None, "left", 2) == Selection(-1, ("left", 2))
    group = crafted.groups[minor]
    assert selected_indices(crafted, Selection(minor, None)) == (group.left, group.right)
    assert selected_indices(crafted, Selection(-1, ("left", 6))) == ((6,), ())
    assert selected_indices(crafted, Selection(-1, ("right", 7))) == ((), (7,))
    assert selected_indices(crafted, NO_SELECTION) == ((), ())
    assert NO_SELECTION.empty and not Selection(0, None).empty


def test_pane_marks_give_every_sentence_its_kind_and_merge_word_spans(
        crafted: Comparison) -> None:
    left, right = pane_marks(crafted)
    assert len(left.kinds) == len(crafted.left_sentences)
    assert len(right.kinds) == len(crafted.right_sentences)
    assert left.kinds[6] is ChangeKind.OMITTED and right.kinds[7] is ChangeKind.ADDED
    reworded = crafted.groups[_group(crafted, ChangeKind.REWORDED)]
    assert left.kinds[reworded.left[0]] is ChangeKind.REWORDED
    assert left.words and right.words  # a minor edit and a rewording delete and insert words
    for spans in (left.words, right.words):
        assert all(a < b for a, b in spans)
        assert all(spans[k][1] < spans[k + 1][0] for k in range(len(spans) - 1))
    assert disjoint([(5, 9), (0, 2), (2, 4), (8, 12)]) == ((0, 4), (5, 12))
    assert disjoint([]) == ()
