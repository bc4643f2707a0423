"""The whole view: selection, navigation, find, overview rulers, palettes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from tests.ui.view.view_helpers import background, close, make_view, sentence_point
from viewer.engine.model import ChangeKind
from viewer.services.palette import DARK, LIGHT


def test_clicking_a_sentence_selects_its_group_in_both_panes(crafted_view, crafted, qtbot):
    view = crafted_view
    minor = next(g for g, group in enumerate(crafted.groups) if group.kind is ChangeKind.MINOR)
    index = crafted.groups[minor].left[0]
    point = sentence_point(view.left_pane, index)
    with qtbot.waitSignals(
        [view.sentence_activated, view.group_selected],
        check_params_cbs=[lambda s, i: (s, i) == ("left", index), lambda g: g == minor],
    ):
        qtbot.mouseClick(view.left_pane.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert view.selected_group() == minor
    assert view.left_pane.highlighted() == crafted.groups[minor].left
    assert view.right_pane.highlighted() == crafted.groups[minor].right
    # The outline is really painted around the sentence, in the selection colour.
    rect = view.left_pane.line_rects(index)[0].translated(0, -view.left_pane.scroll_value())
    image = view.left_pane.viewport().grab().toImage()
    pixel = image.pixelColor(QPoint(round(rect.left() - 3), round(rect.center().y())))
    assert close(pixel, view.theme().selection, 60), pixel.name()


def test_clicking_an_unlinked_sentence(crafted_view, qtbot):
    view = crafted_view
    point = sentence_point(view.left_pane, 6)  # omitted
    with qtbot.waitSignals(
        [view.sentence_activated, view.group_selected],
        check_params_cbs=[lambda s, i: (s, i) == ("left", 6), lambda g: g == -1],
    ):
        qtbot.mouseClick(view.left_pane.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert view.selected_sentence() == ("left", 6)
    assert view.left_pane.highlighted() == (6,)
    assert view.right_pane.highlighted() == ()


def test_a_drag_selects_text_not_a_sentence(crafted_view, qtbot):
    pane = crafted_view.left_pane
    start = sentence_point(pane, 1)
    with qtbot.assertNotEmitted(pane.sentence_clicked):
        qtbot.mousePress(pane.viewport(), Qt.MouseButton.LeftButton, pos=start)
        qtbot.mouseMove(pane.viewport(), start + QPoint(60, 0))
        qtbot.mouseRelease(pane.viewport(), Qt.MouseButton.LeftButton, pos=start + QPoint(60, 0))
    assert pane.textCursor().hasSelection()


def test_next_and_previous_change_in_reading_order(crafted_view, crafted):
    view = crafted_view
    minor = next(g for g, group in enumerate(crafted.groups) if group.kind is ChangeKind.MINOR)
    reworded = next(
        g for g, group in enumerate(crafted.groups) if group.kind is ChangeKind.REWORDED
    )
    moved = next(g for g, group in enumerate(crafted.groups) if group.moved)
    assert view.next_change() == minor  # identical groups are skipped
    assert view.next_change() == reworded
    # the omitted L7 and the added R8 next to it are one passage: one stop, at its start
    assert view.next_change() == -1 and view.selected_sentence() == ("left", 6)
    assert view.left_pane.highlighted() == (6,)
    assert view.next_change() == moved
    assert view.next_change() == -1  # the end: the selection stays
    assert view.selected_group() == moved
    assert view.previous_change() == -1 and view.selected_sentence() == ("left", 6)
    assert view.previous_change() == reworded
    assert view.previous_change() == minor
    assert view.previous_change() == -1
    assert view.selected_group() == minor


def test_navigation_scrolls_the_change_into_view(qtbot, sample_lexical):
    view = make_view(qtbot, sample_lexical, width=1000, height=360)
    last = len(sample_lexical.groups) - 1
    view.select_group(last)
    group = sample_lexical.groups[last]
    assert view.left_pane.verticalScrollBar().value() > 0
    assert view.left_pane.is_span_visible(view.left_pane.sentence_span(group.left[0]))
    assert view.right_pane.is_span_visible(view.right_pane.sentence_span(group.right[0]))
    view.select_group(last, scroll=False)  # no change of selection: nothing emitted
    view.select_group(-1)
    assert view.selected_group() == -1 and view.left_pane.highlighted() == ()


def test_select_sentence_for_a_finding(qtbot, sample_lexical):
    view = make_view(qtbot, sample_lexical, width=1000, height=360)
    added = sample_lexical.added[-1]
    with qtbot.waitSignal(view.group_selected, check_params_cb=lambda g: g == -1, raising=False):
        view.select_sentence("right", added)
    assert view.selected_sentence() == ("right", added)
    assert view.right_pane.is_span_visible(view.right_pane.sentence_span(added))
    linked = sample_lexical.groups[5].right[0]
    with qtbot.waitSignal(view.group_selected, check_params_cb=lambda g: g == 5):
        view.select_sentence("right", linked)
    assert view.selected_group() == 5
    view.select_sentence("left", 10_000)  # out of range: ignored
    assert view.selected_group() == 5


def test_a_moved_group_shows_both_ends_with_sync_on(qtbot, crafted):
    view = make_view(qtbot, crafted, width=900, height=230)
    moved = next(g for g, group in enumerate(crafted.groups) if group.moved)
    view.select_group(moved)
    group = crafted.groups[moved]
    assert view.left_pane.is_span_visible(view.left_pane.sentence_span(group.left[0]))
    assert view.right_pane.is_span_visible(view.right_pane.sentence_span(group.right[0]))


def test_find_searches_both_panes_and_wraps(crafted_view):
    view = crafted_view
    assert view.find("VOTE WAS")  # case-insensitive, left first
    assert view.left_pane.textCursor().selectedText() == "vote was"
    assert view.find("vote was")
    assert view.right_pane.textCursor().selectedText() == "vote was"
    assert not view.left_pane.textCursor().hasSelection()
    assert view.find("vote was")  # wrapped back to the left
    assert view.left_pane.textCursor().hasSelection()
    assert view.find("bakery")  # only in the rewrite
    assert view.right_pane.textCursor().selectedText() == "bakery"
    assert not view.find("no such words anywhere")
    assert view.find("council", backwards=True)


def test_find_scrolls_to_the_match(qtbot, sample_lexical):
    view = make_view(qtbot, sample_lexical, width=1000, height=300)
    view.set_sync_scrolling(False)
    last = sample_lexical.left_sentences[-1].text
    phrase = " ".join(last.split()[-3:])
    assert phrase not in sample_lexical.left.text[: sample_lexical.left_sentences[-1].start]
    assert view.find(phrase)
    pane = view.left_pane
    assert pane.textCursor().selectedText() == phrase
    assert pane.verticalScrollBar().value() > 0
    assert pane.viewport().rect().contains(pane.cursorRect().center())


def test_overview_ticks_and_click_to_jump(qtbot, sample_lexical):
    view = make_view(qtbot, sample_lexical, width=1000, height=500)
    ruler, pane = view.right_overview, view.right_pane
    qtbot.waitUntil(lambda: len(ruler.ticks()) > 0)  # computed once the text is laid out
    ticks = ruler.ticks()
    changed = [j for j in range(len(sample_lexical.right_sentences))]
    assert len(ticks) == len(changed)  # the lexical sample has no identical sentence
    assert {kind for _, _, kind in ticks} >= {ChangeKind.ADDED, ChangeKind.REWORDED}
    assert all(0 <= top <= bottom <= 1 for top, bottom, _ in ticks)
    # A tick is painted in its kind's colour at its proportional height.
    image = ruler.grab().toImage()
    region = ruler.visible_region()
    clear = [
        t
        for t in ticks
        if (t[1] - t[0]) * ruler.height() >= 4
        and not region.top() - 2 <= (t[0] + t[1]) / 2 * ruler.height() <= region.bottom() + 2
    ]
    assert clear
    for top, bottom, kind in clear[-5:]:
        y = round((top + bottom) / 2 * ruler.height())
        assert close(image.pixelColor(ruler.width() // 2, y), view.theme().band(kind), 8), kind
    # Click three quarters down: that point comes to the middle of the viewport.
    view.set_sync_scrolling(False)
    point = QPoint(ruler.width() // 2, round(ruler.height() * 0.75))
    qtbot.mouseClick(ruler, Qt.MouseButton.LeftButton, pos=point)
    expected = point.y() / ruler.height() * pane.content_height() - pane.viewport().height() / 2
    assert abs(pane.verticalScrollBar().value() - expected) <= 2
    region = ruler.visible_region()
    assert abs(region.center().y() - point.y()) <= 3
    qtbot.mouseClick(ruler, Qt.MouseButton.LeftButton, pos=QPoint(5, 0))
    assert pane.verticalScrollBar().value() == 0
    # Dragging down the ruler drags the document along.
    values = []
    for y in (40, 120, 200):
        move = QMouseEvent(
            QEvent.Type.MouseMove,
            QPointF(5, y),
            QPointF(ruler.mapToGlobal(QPoint(5, y))),
            Qt.MouseButton.NoButton,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        )
        QApplication.sendEvent(ruler, move)
        values.append(pane.verticalScrollBar().value())
    assert values == sorted(values) and values[-1] > values[0] > 0


def test_dark_palette(crafted_view, crafted):
    view = crafted_view
    view.set_palette(DARK)
    pane = view.left_pane
    position = pane.sentence_range(0)[0] + 1
    assert background(pane, position) == DARK.style(ChangeKind.IDENTICAL).tint
    assert pane.palette().base().color().name() == DARK.window
    assert DARK.window in view.styleSheet()
    image = view.link_map.grab().toImage()
    pixel = image.pixelColor(view.link_map.width() // 2, view.link_map.height() - 2)
    assert pixel.name() == view.theme().header.name()
    assert view.theme().dark
    view.set_palette(LIGHT)
    assert background(pane, position) == LIGHT.style(ChangeKind.IDENTICAL).tint


def test_headers_name_the_documents_and_their_language(crafted_view):
    assert crafted_view.left_header.text() == "Original: council-v1.txt · English"
    assert crafted_view.right_header.text() == "Rewrite: council-v2.txt · English"


@pytest.mark.slow
def test_real_model_comparison_is_shown(qtbot, sample_comparison):
    """The sample pair as users see it: the bundled model's alignment, tinted and banded."""
    view = make_view(qtbot, sample_comparison, width=1400, height=800)
    c = sample_comparison
    assert c.model.semantic and c.groups
    for group in c.groups[:8]:
        pane = view.left_pane
        start, end = pane.sentence_range(group.left[0])
        tints = {background(pane, p) for p in range(start, end)}
        assert LIGHT.style(group.kind).tint in tints
    bands = view.link_map.bands()
    assert {b.group for b in bands if b.group >= 0}
    centres = [
        QPointF(
            view.link_map.width() / 2,
            (b.left_top + b.left_bottom + b.right_top + b.right_bottom) / 4,
        )
        for b in bands
        if b.group >= 0 and not b.moved
    ]
    inside = [p for p in centres if 0 < p.y() < view.link_map.height()]
    assert inside and all(view.link_map.band_at(p) is not None for p in inside)
    for j in c.added[:5]:
        start, end = view.right_pane.sentence_range(j)
        assert background(view.right_pane, start) == LIGHT.style(ChangeKind.ADDED).tint
