"""Synchronised scrolling: linked sentences level, both ends reachable, wrapped text, toggle."""

from __future__ import annotations

import pytest

from tests.ui.view.view_helpers import level_check, make_view
from viewer.ui.sync_scroll import Anchors, sync_fraction, target_value


def test_anchors_interpolate_piecewise_linearly():
    anchors = Anchors.build([(100, 200, 100, 150), (300, 400, 500, 600)], 1000, 800)
    assert anchors.left_to_right(0) == 0
    assert anchors.left_to_right(100) == 100
    assert anchors.left_to_right(150) == 125  # inside a group: its own scale
    assert anchors.left_to_right(250) == pytest.approx(325)  # between groups
    assert anchors.left_to_right(1000) == 800
    assert anchors.right_to_left(550) == 350
    assert anchors.right_to_left(anchors.left_to_right(333)) == pytest.approx(333)


def test_anchors_skip_edges_that_would_go_backwards():
    # The second group is out of order on the right (a move the caller did not filter).
    anchors = Anchors.build(
        [(100, 200, 500, 600), (300, 400, 100, 200), (500, 600, 700, 750)], 800, 900
    )
    assert anchors.right == sorted(anchors.right) and anchors.left == sorted(anchors.left)
    assert anchors.left_to_right(550) == pytest.approx(725)


def test_pure_insertions_and_omissions_keep_the_map_monotone():
    # Left 200..300 has nothing on the right (omitted); right 300..500 nothing on the left.
    anchors = Anchors.build(
        [(0, 100, 0, 100), (300, 400, 100, 200), (400, 500, 400, 500)], 600, 700
    )
    assert anchors.left_to_right(250) == 100  # the right pane waits while the omission passes
    assert anchors.right_to_left(300) == 400  # and the left waits for the insertion
    ys = [anchors.left_to_right(x) for x in range(0, 601, 10)]
    assert ys == sorted(ys)


def test_the_sync_point_slides_from_top_to_bottom():
    assert sync_fraction(0, 1000) == 0
    assert sync_fraction(1000, 1000) == 1
    assert sync_fraction(250, 1000) == 0.25
    identity = Anchors.build([], 1500, 1500)
    assert target_value(identity, "left", 1000, 1000, 500, 1000, 500) == 1000
    assert target_value(identity, "left", 0, 1000, 500, 1000, 500) == 0


def test_linked_sentences_stay_level_with_wrapped_text(qtbot, sample_lexical):
    view = make_view(qtbot, sample_lexical, width=760, height=520)
    left, right = view.left_pane, view.right_pane
    assert left.verticalScrollBar().maximum() > 0 and right.verticalScrollBar().maximum() > 0
    # Narrow panes: sentences wrap over several lines, and differently on each side.
    middle = [g for g in sample_lexical.groups[3:-3] if not g.moved]
    assert len(middle) >= 5
    wrapped = 0
    for group in middle:
        ls = left.sentence_span(group.left[0])
        wrapped += (ls[1] - ls[0]) > 2 * left.fontMetrics().height()
        src_y, dst_y = level_check(view, group, "left")
        assert abs(src_y - dst_y) <= 3, (group, src_y, dst_y)
        src_y, dst_y = level_check(view, group, "right")
        assert abs(src_y - dst_y) <= 3, (group, src_y, dst_y)
    assert wrapped >= 3


def test_level_again_after_a_resize_rewraps_the_text(qtbot, sample_lexical):
    view = make_view(qtbot, sample_lexical, width=1300, height=520)
    group = sample_lexical.groups[len(sample_lexical.groups) // 2]
    wide = view.left_pane.sentence_span(group.left[0])
    view.resize(720, 520)

    def settled():  # the rewrapped layout is finished and the scroll ranges follow it
        return all(
            pane.viewport().width() < 300
            and pane.verticalScrollBar().maximum() + pane.viewport().height()
            == round(pane.document().documentLayout().documentSize().height())
            for pane in (view.left_pane, view.right_pane)
        )

    qtbot.waitUntil(settled)
    narrow = view.left_pane.sentence_span(group.left[0])
    assert narrow[0] > wide[0] + 50  # the layout really changed
    src_y, dst_y = level_check(view, group, "left")
    assert abs(src_y - dst_y) <= 3


def test_both_panes_reach_top_and_bottom(sample_view):
    left, right = (
        sample_view.left_pane.verticalScrollBar(),
        sample_view.right_pane.verticalScrollBar(),
    )
    assert left.maximum() > 0 and right.maximum() > 0 and left.maximum() != right.maximum()
    left.setValue(left.maximum())
    assert right.value() == right.maximum()
    left.setValue(0)
    assert right.value() == 0
    right.setValue(right.maximum())
    assert left.value() == left.maximum()
    right.setValue(0)
    assert left.value() == 0


def test_sync_can_be_turned_off_and_on(sample_view):
    left, right = (
        sample_view.left_pane.verticalScrollBar(),
        sample_view.right_pane.verticalScrollBar(),
    )
    sample_view.set_sync_scrolling(False)
    assert not sample_view.sync_scrolling()
    left.setValue(left.maximum() // 2)
    assert right.value() == 0
    right.setValue(right.maximum())
    assert left.value() == left.maximum() // 2
    sample_view.set_sync_scrolling(True)
    assert sample_view.sync_scrolling()
    assert left.value() == left.maximum()  # the pane scrolled last leads: the left lines up
    left.setValue(left.maximum() // 2)
    assert 0 < right.value() < right.maximum()
    right.setValue(0)
    assert left.value() == 0


def test_scrolling_without_a_comparison_is_proportional(qtbot, sample_lexical):
    view = make_view(qtbot, None, width=900, height=500)
    c = sample_lexical
    view.set_documents(c.left, c.right, c.left_sentences, c.right_sentences)
    left, right = view.left_pane.verticalScrollBar(), view.right_pane.verticalScrollBar()
    left.setValue(left.maximum())
    assert right.value() == right.maximum()
    left.setValue(left.maximum() // 2)
    assert 0 < right.value() < right.maximum()


def _bottom_ys(view, group):
    """Viewport y of ``group``'s last sentence's bottom in each pane."""
    left, right = view.left_pane, view.right_pane
    y_left = left.sentence_span(group.left[-1])[1] - left.verticalScrollBar().value()
    y_right = right.sentence_span(group.right[-1])[1] - right.verticalScrollBar().value()
    return y_left, y_right


def test_linked_sentences_stay_level_down_to_the_end(qtbot, crafted):
    """The tails after the last linked group differ a little: at the end of both panes that
    group is level, the pane with the shorter tail scrolling past its end (issue 17, point 8)."""
    view = make_view(qtbot, crafted, width=1000, height=240)
    qtbot.waitUntil(view.is_settled)
    last = [g for g in crafted.groups if g.left and g.right and not g.moved][-1]
    left, right = view.left_pane, view.right_pane
    padded = left if left.bottom_padding() else right
    assert padded.bottom_padding() > left.fontMetrics().height()  # a real difference
    assert padded.bottom_padding() < padded.viewport().height() / 2  # below the cap
    for source in (right, left):
        bar = source.verticalScrollBar()
        bar.setValue(bar.maximum())
        y_left, y_right = _bottom_ys(view, last)
        assert abs(y_left - y_right) <= 3, (y_left, y_right)
        bar.setValue(bar.maximum() // 2)


def test_a_pane_scrolled_past_its_end_still_shows_its_last_text(qtbot, sample_lexical):
    """The rewrite ends with a long run of additions, longer than the viewport: the original
    scrolls past its end only so far that, at the end, its last linked group and at least a
    third of the viewport of text stay in view (issue 17, point 8: never a blank pane)."""
    view = make_view(qtbot, sample_lexical, width=1000, height=420)
    qtbot.waitUntil(view.is_settled)
    last = [g for g in sample_lexical.groups if g.left and g.right and not g.moved][-1]
    left, right = view.left_pane, view.right_pane
    page = left.viewport().height()
    text_l = left.content_height() - left.bottom_padding()
    tail_l = text_l - left.sentence_span(last.left[-1])[1]
    tail_r = right.content_height() - right.sentence_span(last.right[-1])[1]
    assert tail_r - tail_l > page  # padding by the whole difference would blank the pane
    assert 0 < left.bottom_padding() <= page * 2 / 3 + 1 and right.bottom_padding() == 0
    for source in (right, left):
        bar = source.verticalScrollBar()
        bar.setValue(bar.maximum())
        assert left.verticalScrollBar().value() == left.verticalScrollBar().maximum()
        shown = text_l - left.verticalScrollBar().value()  # text still in the viewport
        assert shown >= page / 3 - 1, (shown, page)
        top = left.sentence_span(last.left[0])[0] - left.verticalScrollBar().value()
        assert 0 <= top < page  # the last linked group is in view
        bar.setValue(bar.maximum() // 2)


def test_the_cap_follows_the_viewport_height(qtbot, sample_lexical):
    """A taller window may scroll further past the end (the cap is a share of the viewport);
    the padding follows a change of height."""
    view = make_view(qtbot, sample_lexical, width=1000, height=420)
    qtbot.waitUntil(view.is_settled)
    short = view.left_pane.bottom_padding()
    view.resize(1000, 640)
    qtbot.waitUntil(lambda: view.left_pane.bottom_padding() > short)
    page = view.left_pane.viewport().height()
    assert view.left_pane.bottom_padding() <= page * 2 / 3 + 1
