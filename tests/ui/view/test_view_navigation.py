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


def test_stepping_visits_every_change_once_and_passes_identical_groups(
        crafted: Comparison) -> None:
    order = ReadingOrder(crafted)
    seen, selection = [], NO_SELECTION
    while (step := order.step(selection, +1)) is not None:
        seen.append(step)
        selection = step
    changes = [e for e in reading_order(crafted) if order.is_change(e)]
    assert len(seen) == len(changes)
    assert seen[0] == Selection(_group(crafted, ChangeKind.MINOR), None)
    assert Selection(-1, ("left", 6)) in seen and Selection(-1, ("right", 7)) in seen
    for s in seen:
        if s.group >= 0:
            assert crafted.groups[s.group].kind is not ChangeKind.IDENTICAL
    # backwards from the end gives the same stops in reverse; past either end: None
    back, selection = [], NO_SELECTION
    while (step := order.step(selection, -1)) is not None:
        back.append(step)
        selection = step
    assert back == seen[::-1]
    assert order.step(seen[-1], +1) is None and order.step(seen[0], -1) is None


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
