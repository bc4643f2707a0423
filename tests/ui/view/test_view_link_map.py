"""The link map: bands where the linked sentences are, clicks, tooltips, moves and wedges."""

from __future__ import annotations

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
        top = _line_rect(left, left.sentence_range(first)[0]).top() + dl
        bottom = _line_rect(left, left.sentence_range(last)[1]).bottom() + dl
        assert abs(band.left_top - top) <= 1.5
        assert abs(band.left_bottom - bottom) <= 1.5
        rtop = _line_rect(right, right.sentence_range(group.right[0])[0]).top() + dr
        assert abs(band.right_top - rtop) <= 1.5
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
    edge = QPointF(2, band.left_top)
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
