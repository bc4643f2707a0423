"""The link map: bands where the linked sentences are, clicks, tooltips, moves and wedges."""

from __future__ import annotations

import itertools

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QHelpEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QToolTip

from tests.ui.view.view_helpers import close, make_view
from viewer.engine.model import ChangeKind


def _origin(view, pane) -> float:
    """Link-map y of the pane viewport's top edge."""
    return view.link_map.mapFrom(view, pane.viewport().mapTo(view, QPoint(0, 0))).y()


def _line_rect(pane, position):
    cursor = QTextCursor(pane.document())
    cursor.setPosition(position)
    return pane.cursorRect(cursor)  # viewport coordinates, measured by Qt itself


def _centre(band, width) -> QPointF:
    # The Bézier edges pass through the average of their ends at mid-width.
    return QPointF(
        width / 2, (band.left_top + band.right_top + band.left_bottom + band.right_bottom) / 4
    )


def test_bands_for_visible_groups_span_their_sentences(sample_view, sample_lexical):
    view, c = sample_view, sample_lexical
    left, right = view.left_pane, view.right_pane
    bands = [b for b in view.link_map.bands() if b.group >= 0]
    assert len(bands) >= 5
    visible = set(left.visible_sentences())
    for g, group in enumerate(c.groups):
        if all(i not in visible for i in group.left) and all(
            j not in set(right.visible_sentences()) for j in group.right
        ):
            assert g not in {b.group for b in bands}
    dl, dr = _origin(view, left), _origin(view, right)
    for band in bands:
        group = c.groups[band.group]
        assert band.kind is group.kind
        first, last = group.left[0], group.left[-1]
        # A line shared with a neighbouring sentence is split between the two bands.
        top_line = _line_rect(left, left.sentence_range(first)[0])
        bottom_line = _line_rect(left, left.sentence_range(last)[1])
        top, bottom = top_line.top() + dl, bottom_line.bottom() + dl
        assert -1.5 <= band.left_top - top <= top_line.height() / 2 + 1.5
        assert -1.5 <= bottom - band.left_bottom <= bottom_line.height() / 2 + 1.5
        rtop_line = _line_rect(right, right.sentence_range(group.right[0])[0])
        rtop = rtop_line.top() + dr
        assert -1.5 <= band.right_top - rtop <= rtop_line.height() / 2 + 1.5
        assert band.left_top < band.left_bottom and band.right_top < band.right_bottom


def test_bands_follow_scrolling_and_skip_what_is_out_of_view(qtbot, sample_lexical):
    view = make_view(qtbot, sample_lexical, width=900, height=400)
    view.set_sync_scrolling(False)
    before = {b.group for b in view.link_map.bands() if b.group >= 0}
    bar = view.left_pane.verticalScrollBar()
    view.right_pane.verticalScrollBar().setValue(view.right_pane.verticalScrollBar().maximum())
    bar.setValue(bar.maximum())
    after = {b.group for b in view.link_map.bands() if b.group >= 0}
    assert before and after and not before & after
    assert len(before) < len(sample_lexical.groups)


def test_clicking_a_band_selects_its_group(crafted_view, crafted, qtbot):
    link_map = crafted_view.link_map
    reworded = next(
        g for g, group in enumerate(crafted.groups) if group.kind is ChangeKind.REWORDED
    )
    band = next(b for b in link_map.bands() if b.group == reworded)
    point = _centre(band, link_map.width())
    assert link_map.band_at(point).group == reworded
    with qtbot.waitSignal(crafted_view.group_selected, check_params_cb=lambda i: i == reworded):
        qtbot.mouseClick(link_map, Qt.MouseButton.LeftButton, pos=point.toPoint())
    assert crafted_view.selected_group() == reworded
    assert crafted_view.left_pane.highlighted() == crafted.groups[reworded].left
    assert crafted_view.right_pane.highlighted() == crafted.groups[reworded].right
    # The selected band is drawn on top in the selection colour.
    image = link_map.grab().toImage()
    outline_top = band.path(float(link_map.width())).elementAt(0).y  # inset by the gap
    edge = QPointF(2, outline_top)
    assert close(image.pixelColor(edge.toPoint()), crafted_view.theme().selection, 70)


def test_clicking_outside_every_band_does_nothing(crafted_view, qtbot):
    link_map = crafted_view.link_map
    point = QPoint(link_map.width() // 2, link_map.height() - 3)
    assert link_map.band_at(QPointF(point)) is None
    with qtbot.assertNotEmitted(crafted_view.group_selected):
        qtbot.mouseClick(link_map, Qt.MouseButton.LeftButton, pos=point)
    assert crafted_view.selected_group() == -1


def test_moved_groups_and_unlinked_sentences(crafted_view, crafted, qtbot):
    bands = crafted_view.link_map.bands()
    moved = [b for b in bands if b.moved]
    assert len(moved) == 1 and moved[0].kind is ChangeKind.MOVED
    group = crafted.groups[moved[0].group]
    assert group.moved and group.left == (7,) and group.right == (3,)
    # The move crosses the other bands: its left end is below its right end.
    assert moved[0].left_top > moved[0].right_bottom
    wedges = {(b.side, b.sentence): b for b in bands if b.group < 0}
    assert set(wedges) == {("left", 6), ("right", 7)}
    omitted, added = wedges[("left", 6)], wedges[("right", 7)]
    assert omitted.kind is ChangeKind.OMITTED and omitted.right_top == omitted.right_bottom
    assert added.kind is ChangeKind.ADDED and added.left_top == added.left_bottom
    with qtbot.waitSignal(
        crafted_view.sentence_activated, check_params_cb=lambda s, i: (s, i) == ("right", 7)
    ):
        qtbot.mouseClick(
            crafted_view.link_map,
            Qt.MouseButton.LeftButton,
            pos=QPoint(
                crafted_view.link_map.width() - 3, round((added.right_top + added.right_bottom) / 2)
            ),
        )
    assert crafted_view.selected_sentence() == ("right", 7)
    assert crafted_view.selected_group() == -1
    assert crafted_view.right_pane.highlighted() == (7,)


def test_tooltip_names_kind_and_similarity_escaped(crafted_view, crafted):
    link_map = crafted_view.link_map
    minor = next(g for g, group in enumerate(crafted.groups) if group.kind is ChangeKind.MINOR)
    band = next(b for b in link_map.bands() if b.group == minor)
    text = link_map.tooltip_text(band)
    assert "Minor edit" in text
    assert f"{crafted.groups[minor].similarity:.2f}" in text
    moved = next(b for b in link_map.bands() if b.moved)
    assert "Moved and identical" in link_map.tooltip_text(moved)
    wedge = next(b for b in link_map.bands() if b.group < 0 and b.side == "left")
    assert "Omitted" in link_map.tooltip_text(wedge)
    assert "<script" not in text and "&lt;" not in text  # only our own words, escaped


def test_hovering_a_band_shows_its_tooltip(crafted_view, crafted, qtbot):
    link_map = crafted_view.link_map
    minor = next(g for g, group in enumerate(crafted.groups) if group.kind is ChangeKind.MINOR)
    band = next(b for b in link_map.bands() if b.group == minor)
    point = _centre(band, link_map.width()).toPoint()
    event = QHelpEvent(QEvent.Type.ToolTip, point, link_map.mapToGlobal(point))
    QApplication.sendEvent(link_map, event)
    qtbot.waitUntil(QToolTip.isVisible)
    assert "Minor edit" in QToolTip.text()
    QToolTip.hideText()


# -- readable at a glance (issue 17, point 3) ---------------------------------------------------


def test_neighbouring_bands_never_overlap_and_are_drawn_apart(sample_view):
    """Sentences of one paragraph share a line: their bands used to overlap by that line and
    merge into one tan block. Each end now takes half of the shared line, and the drawn ends
    are inset, so a gap separates every pair of neighbours on both sides."""
    link_map = sample_view.link_map
    bands = sorted((b for b in link_map.bands() if b.group >= 0), key=lambda b: b.group)
    assert len(bands) >= 5
    width = float(link_map.width())
    shared = 0
    for a, b in itertools.pairwise(bands):
        if b.group != a.group + 1 or a.moved or b.moved:
            continue
        assert a.left_bottom <= b.left_top + 0.01 and a.right_bottom <= b.right_top + 0.01
        shared += abs(a.left_bottom - b.left_top) < 1 or abs(a.right_bottom - b.right_top) < 1
        path_a, path_b = a.path(width), b.path(width)
        for x in (1.0, width - 1.0):
            edge_y = (a.left_bottom + b.left_top) / 2 if x < width / 2 else (
                a.right_bottom + b.right_top) / 2
            assert not path_a.contains(QPointF(x, edge_y + 0.5)) or not path_b.contains(
                QPointF(x, edge_y + 0.5))
    assert shared, "the sample has neighbouring sentences that share a line"


def test_omission_and_addition_wedges_never_cross(qtbot, sample_lexical):
    """At the top of the sample, the caption and dateline are omitted and the headline is
    added: the wedges of the two sides used to cross. Each now keeps to its own half."""
    view = make_view(qtbot, sample_lexical)
    link_map = view.link_map
    width = float(link_map.width())
    wedges = [b for b in link_map.bands() if b.group < 0]
    assert {b.side for b in wedges} == {"left", "right"}
    for band in wedges:
        box = band.path(width).boundingRect()
        if band.side == "left":
            assert box.right() <= width / 2 + 0.5
        else:
            assert box.left() >= width / 2 - 0.5


def test_hovering_a_band_outlines_both_ends_in_the_panes(qtbot, crafted_view, crafted):
    link_map = crafted_view.link_map
    g = next(g for g, group in enumerate(crafted.groups) if not group.moved)
    band = next(b for b in link_map.bands() if b.group == g)
    with qtbot.waitSignal(link_map.hovered) as hovered:
        qtbot.mouseMove(link_map, _centre(band, link_map.width()).toPoint())
    assert hovered.args == [g, "", -1]
    assert crafted_view.left_pane.hovered() == crafted.groups[g].left
    assert crafted_view.right_pane.hovered() == crafted.groups[g].right
    assert crafted_view.selected_group() == -1  # hovering selects nothing
    wedge = next(b for b in link_map.bands() if b.group < 0 and b.side == "left")
    box = wedge.path(float(link_map.width())).boundingRect()
    qtbot.mouseMove(link_map, QPoint(int(box.left() + 8), int(band_middle(wedge))))
    assert link_map.hovered_band() == (-1, "left", wedge.sentence)
    assert crafted_view.left_pane.hovered() == (wedge.sentence,)
    assert crafted_view.right_pane.hovered() == ()


def test_tooltips_give_word_counts(crafted_view, crafted):
    link_map = crafted_view.link_map
    band = next(b for b in link_map.bands() if b.group >= 0)
    group = crafted.groups[band.group]
    words = sum(len(crafted.left_sentences[i].text.split()) for i in group.left)
    assert f"{words} words" in link_map.tooltip_text(band)


def test_dragging_an_edge_widens_the_link_map_and_reports_the_width(qtbot, crafted_view):
    link_map = crafted_view.link_map
    before = link_map.width()
    y = link_map.height() // 2
    qtbot.mousePress(link_map, Qt.MouseButton.LeftButton, pos=QPoint(before - 2, y))
    qtbot.mouseMove(link_map, QPoint(before + 18, y))
    with qtbot.waitSignal(link_map.width_chosen) as chosen:
        qtbot.mouseRelease(link_map, Qt.MouseButton.LeftButton, pos=QPoint(before + 18, y))
    assert link_map.width() > before + 20 and chosen.args == [link_map.width()]
    link_map.set_map_width(10_000)
    assert link_map.width() == 260  # MAX_WIDTH


def band_middle(band) -> float:
    """Mid-height of the wide end of a wedge (where it is widest, at its sentence)."""
    if band.side == "left":
        return (band.left_top + band.left_bottom) / 2
    return (band.right_top + band.right_bottom) / 2
