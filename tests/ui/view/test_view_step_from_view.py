"""Next and Previous Change start where the reader is: the selection if it is in view, else the
view (issue 17, point 2). Positions are measured from the panes, never assumed."""

from __future__ import annotations

from tests.ui.view.view_helpers import make_view
from viewer.engine.model import Comparison
from viewer.ui.comparison_view import ComparisonView
from viewer.ui.navigation import NO_SELECTION, ReadingOrder, Selection, selected_indices


def _spans(view: ComparisonView, selection: Selection) -> list[tuple[str, float, float]]:
    left, right = selected_indices(view.comparison(), selection)
    return ([("left", *view.left_pane.sentence_span(i)) for i in left]
            + [("right", *view.right_pane.sentence_span(j)) for j in right])


def _stops(order: ReadingOrder) -> list[Selection]:
    stops, selection = [], NO_SELECTION
    while (step := order.step(selection, +1)) is not None:
        stops.append(step)
        selection = step
    return stops


def _visible(view: ComparisonView, selection: Selection) -> bool:
    panes = {"left": view.left_pane, "right": view.right_pane}
    for side, top, bottom in _spans(view, selection):
        value = panes[side].scroll_value()
        if bottom > value and top < value + panes[side].viewport().height():
            return True
    return False


def _step(view: ComparisonView, direction: int) -> Selection | None:
    """F7 (+1) or Shift+F7 (-1) on the view: the new selection, None if it stayed."""
    before = view.selection()
    if direction > 0:
        view.next_change()
    else:
        view.previous_change()
    return None if view.selection() == before else view.selection()


def _middle(view: ComparisonView) -> tuple[float, float]:
    bar = view.left_pane.verticalScrollBar()
    assert bar.maximum() > 3 * view.left_pane.viewport().height() // 2
    bar.setValue(bar.maximum() // 2)
    return float(bar.value()), float(bar.value() + view.left_pane.viewport().height())


def test_next_change_starts_from_the_view_not_from_the_top(qtbot, sample_lexical: Comparison):
    view = make_view(qtbot, sample_lexical, width=1000, height=400)
    stops = _stops(ReadingOrder(sample_lexical))
    top, _ = _middle(view)
    assert view.selection() == NO_SELECTION
    target = _step(view, +1)
    assert target is not None and target != stops[0]  # not back to L1
    k = stops.index(target)
    # the first stop at or below the top of the view: the one before it lies above the top
    assert any(side == "left" and bottom > top for side, _, bottom in _spans(view, target))
    assert all(bottom <= top + 2 for side, _, bottom in _spans(view, stops[k - 1])
               if side == "left")
    assert _visible(view, target)


def test_previous_change_starts_from_the_bottom_of_the_view(qtbot, sample_lexical: Comparison):
    view = make_view(qtbot, sample_lexical, width=1000, height=400)
    stops = _stops(ReadingOrder(sample_lexical))
    _, bottom = _middle(view)
    target = _step(view, -1)
    assert target is not None and target != stops[-1]  # not the last change of the article
    k = stops.index(target)
    assert any(side == "left" and top < bottom for side, top, _ in _spans(view, target))
    assert all(top >= bottom - 2 for side, top, _ in _spans(view, stops[k + 1])
               if side == "left")
    assert _visible(view, target)


def test_an_old_selection_out_of_view_is_not_where_f7_continues(qtbot,
                                                                 sample_lexical: Comparison):
    """Select a change near the end, go to the top (Ctrl+Home): F7 starts at the top."""
    view = make_view(qtbot, sample_lexical, width=1000, height=400)
    stops = _stops(ReadingOrder(sample_lexical))
    view.set_selection(stops[-2], scroll=True)
    assert view.left_pane.verticalScrollBar().value() > 0
    view.left_pane.verticalScrollBar().setValue(0)
    assert _step(view, +1) == stops[0]
    # now the selection is in view: the steps go on from it, one stop at a time
    assert _step(view, +1) == stops[1]
    assert _step(view, +1) == stops[2]
    assert _step(view, -1) == stops[1]


def test_a_selection_in_view_leads_even_when_the_view_moved_a_little(
        qtbot, sample_lexical: Comparison):
    view = make_view(qtbot, sample_lexical, width=1000, height=400)
    stops = _stops(ReadingOrder(sample_lexical))
    _middle(view)
    first = _step(view, +1)
    assert first is not None
    bar = view.left_pane.verticalScrollBar()
    left, _ = selected_indices(sample_lexical, first)
    top = view.left_pane.sentence_span(left[0])[0]
    # scroll so the selection sits on the last lines of the view: still in view
    bar.setValue(round(top - view.left_pane.viewport().height() + 30))
    assert _visible(view, first)
    assert _step(view, +1) == stops[stops.index(first) + 1]


def test_the_sample_pairs_closing_additions_are_one_stop(qtbot, sample_lexical: Comparison):
    view = make_view(qtbot, sample_lexical, width=1000, height=400)
    stops = _stops(ReadingOrder(sample_lexical))
    view.set_selection(stops[-2], scroll=True)
    last = _step(view, +1)
    assert last == stops[-1] and last.unlinked is not None and last.unlinked[0] == "right"
    assert _step(view, +1) is None  # the 19 additions were one stop: nothing after
    assert view.selection() == last
