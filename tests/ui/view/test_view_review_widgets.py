"""Review widgets on real panes: picking sentences (click, Ctrl/Shift+click, keys, drag to link),
the review panel (progress, filter, muted ignored items), the note editor."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialogButtonBox

from tests.ui.view.view_helpers import sentence_point
from viewer.engine import review as rv
from viewer.engine.review import Mark, MarkState, ReviewState, Target
from viewer.ui.review.note_dialog import NoteDialog
from viewer.ui.review.picking import SentencePicker
from viewer.ui.review.review_panel import ReviewPanel


def test_ctrl_and_shift_click_pick_sentences_and_outline_them(qtbot, crafted_view):
    view = crafted_view
    picker = SentencePicker(view.left_pane, view.right_pane, view)
    left = view.left_pane
    with qtbot.waitSignal(picker.picked_changed):
        qtbot.mouseClick(left.viewport(), Qt.MouseButton.LeftButton,
                         Qt.KeyboardModifier.ControlModifier, sentence_point(left, 1))
    assert picker.picked() == ((1,), ())
    qtbot.mouseClick(left.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.ShiftModifier, sentence_point(left, 3))
    assert picker.picked() == ((1, 2, 3), ())
    assert left.highlighted() == (1, 2, 3)
    qtbot.mouseClick(left.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.ControlModifier, sentence_point(left, 2))
    assert picker.picked() == ((1, 3), ())
    right = view.right_pane
    qtbot.mouseClick(right.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.ControlModifier, sentence_point(right, 4))
    assert picker.picked() == ((1, 3), (4,))


def test_keyboard_moves_and_extends_a_pick(qtbot, crafted_view):
    view = crafted_view
    picker = SentencePicker(view.left_pane, view.right_pane, view)
    picker.set_picked([2], [])
    view.left_pane.setFocus()
    qtbot.keyClick(view.left_pane, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert picker.picked() == ((3,), ())
    qtbot.keyClick(view.left_pane, Qt.Key.Key_Down,
                   Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier)
    assert picker.picked() == ((3, 4), ())


def test_dragging_from_one_pane_to_the_other_links(qtbot, crafted_view):
    view = crafted_view
    picker = SentencePicker(view.left_pane, view.right_pane, view)
    left, right = view.left_pane, view.right_pane
    start = sentence_point(left, 2)
    end_global = right.viewport().mapToGlobal(sentence_point(right, 5))
    end = left.viewport().mapFromGlobal(end_global)
    with qtbot.waitSignal(picker.link_dropped) as dropped:
        qtbot.mousePress(left.viewport(), Qt.MouseButton.LeftButton, pos=start)
        qtbot.mouseMove(left.viewport(), start + QPoint(30, 0))
        qtbot.mouseMove(left.viewport(), end)
        qtbot.mouseRelease(left.viewport(), Qt.MouseButton.LeftButton, pos=end)
    assert dropped.args == [2, 5]


def test_review_panel_counts_filters_and_mutes(qtbot, crafted):
    panel = ReviewPanel()
    qtbot.addWidget(panel)
    changes = rv.change_targets(crafted)
    state = rv.set_state(ReviewState(), changes[0], MarkState.REVIEWED)
    state = rv.set_mark(state, changes[1], Mark(MarkState.FLAGGED, "ask the desk\nsecond line"))
    state = rv.set_state(state, changes[2], MarkState.IGNORED)
    panel.show_data(crafted, state)
    text = panel.progress.text()
    assert f"1 of {len(changes) - 1} changes reviewed, 1 flagged" in text and "(1 ignored)" in text
    assert len(panel.targets()) == len(changes) + len(crafted.findings)
    panel.set_filter("flagged")
    assert panel.targets() == [changes[1]]
    assert "ask the desk" in panel.list.item(0).text()
    panel.set_filter("notes")
    assert panel.targets() == [changes[1]]
    panel.set_filter("unreviewed")
    assert changes[0] not in panel.targets() and changes[3] in panel.targets()
    panel.set_filter("all")
    ignored = panel.list.item(panel.targets().index(changes[2]))
    normal = panel.list.item(panel.targets().index(changes[3]))
    assert ignored.foreground().color() != normal.foreground().color()
    with qtbot.waitSignal(panel.target_activated) as got:
        panel.list.itemClicked.emit(normal)
    assert got.args == [changes[3]]


def test_note_dialog_keeps_lines(qtbot):
    dialog = NoteDialog("Note on L2:", "first", None)
    qtbot.addWidget(dialog)
    dialog.editor.setPlainText("line one\nline <b>two</b>\n\n")
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert dialog.text() == "line one\nline <b>two</b>"
    assert Target((1,), ()) == rv.group_target([1], [])


def test_links_by_hand_look_different_and_say_so(qtbot, crafted):
    from tests.ui.view.view_helpers import make_view
    from viewer.engine.compare import realign
    from viewer.engine.embed import LexicalEmbedder

    c = crafted
    i, j = c.omitted[0], c.added[0]
    state = rv.link(ReviewState(), [i], [j])
    r = realign(c, embedder=LexicalEmbedder(), review=state)
    view = make_view(qtbot, r)
    g = r.group_of_left(i)
    assert r.groups[g].manual
    view.left_pane.scroll_to_span(view.left_pane.sentence_span(i))
    qtbot.waitUntil(lambda: any(b.group == g for b in view.link_map.bands()))
    band = next(b for b in view.link_map.bands() if b.group == g)
    assert band.manual and not any(b.manual for b in view.link_map.bands() if b.group != g)
    assert "Linked by hand" in view.link_map.tooltip_text(band)
    assert view.left_pane.content().manual == {i} and view.right_pane.content().manual == {j}
    assert view.left_pane.gutter.pins()  # the pin is drawn beside the sentence
