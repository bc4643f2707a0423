"""The review in the window (pytest-qt, real widgets, the fast lexical embedder): link, unlink,
undo, redo, marks, notes, save, reopen, carry-over after a file changed, crash recovery."""

from __future__ import annotations

import shutil

from tests.ui.window.window_helpers import TIMEOUT, wait_for_comparison
from viewer.engine import review as rv
from viewer.engine.review import MarkState
from viewer.services.autosave import autosave_dir, recoverable
from viewer.services.review_file import load_review
from viewer.ui.navigation import Selection


def _linked(c):
    return {(k.left, k.right) for k in c.links}


def _settle(window):
    """Leave nothing unsaved, so closing the window does not ask."""
    window.session.undo_stack.setClean()


def test_link_unlink_undo_redo(qtbot, make_window, pair):
    window = make_window(pair)
    c = wait_for_comparison(qtbot, window)
    ui = window.review
    i, j = c.omitted[0], c.added[0]
    ui.picker.set_picked([i], [j])
    assert ui.acts.link.isEnabled()
    with qtbot.waitSignal(window.comparison_ready, timeout=TIMEOUT) as got:
        ui.acts.link.trigger()
    linked = got.args[0]
    assert (i, j) in _linked(linked) and linked.groups[linked.group_of_left(i)].manual
    assert window.windowTitle().startswith('*') and "Link L" in ui.undo.text()
    assert window.windowTitle().startswith("*")
    # Undo (Ctrl+Z) takes the link away, redo brings it back; each re-aligns.
    with qtbot.waitSignal(window.comparison_ready, timeout=TIMEOUT) as got:
        ui.undo.trigger()
    assert (i, j) not in _linked(got.args[0]) and not window.windowTitle().startswith('*')
    with qtbot.waitSignal(window.comparison_ready, timeout=TIMEOUT) as got:
        ui.redo.trigger()
    assert (i, j) in _linked(got.args[0])
    # Unlink a whole group picked by clicking it (the session's selection).
    c = got.args[0]
    n = next(k for k, g in enumerate(c.groups) if not g.manual and len(g.left) + len(g.right) == 2)
    g = c.groups[n]
    window.session.set_selection(Selection(group=n))
    assert ui.picker.picked() == (g.left, g.right)
    with qtbot.waitSignal(window.comparison_ready, timeout=TIMEOUT) as got:
        ui.acts.unlink.trigger()
    assert (g.left[0], g.right[0]) not in _linked(got.args[0])
    assert (g.left[0], g.right[0]) in window.session.review().forbidden
    # Moving the slider keeps every manual decision.
    with qtbot.waitSignal(window.comparison_ready, timeout=TIMEOUT) as got:
        window.session.set_sensitivity(0.9)
    assert (i, j) in _linked(got.args[0]) and (g.left[0], g.right[0]) not in _linked(got.args[0])
    _settle(window)


def test_marks_and_notes_show_in_the_panel_and_undo(qtbot, make_window, pair):
    window = make_window(pair)
    c = wait_for_comparison(qtbot, window)
    ui = window.review
    n = next(k for k, g in enumerate(c.groups) if g.kind.value != "identical")
    window.session.set_selection(Selection(group=n))
    target = rv.group_target(c.groups[n].left, c.groups[n].right)
    assert ui.controller.target() == target
    ui.acts.flagged.trigger()
    assert window.session.review().mark(target).state is MarkState.FLAGGED
    assert ", 1 flagged" in ui.panel.progress.text()

    def answer(dialog):
        dialog.editor.setPlainText("Ask the desk:\nis this the same quote?")
        dialog.accept()

    ui.controller.note_editor_opened.connect(answer)
    ui.acts.note.trigger()
    assert window.session.review().mark(target).note == "Ask the desk:\nis this the same quote?"
    assert "Note on" in ui.undo.text()
    ui.panel.set_filter("notes")
    assert ui.panel.targets() == [target]
    ui.undo.trigger()
    assert window.session.review().mark(target).note == ""
    assert window.session.review().mark(target).state is MarkState.FLAGGED
    # A finding gets a mark too (from the review panel).
    ui.panel.set_filter("all")
    f = rv.finding_target(c.findings[0])
    ui.panel.target_activated.emit(f)
    ui.acts.ignored.trigger()
    assert window.session.review().mark(f).state is MarkState.IGNORED
    # It stays in the findings panel, muted and said to be ignored.
    panel = window.findings
    rows = [r for r in range(len(panel.rows())) if c.findings[0] in panel.rows()[r].findings]
    assert rows and all(panel.is_ignored_row(r) for r in rows)
    assert "ignored" in panel.item_html(rows[0])
    assert not any(panel.is_ignored_row(r) for r in range(len(panel.rows())) if r not in rows)
    ui.undo.trigger()
    assert not any(panel.is_ignored_row(r) for r in range(len(panel.rows())))
    _settle(window)


def test_save_quit_and_reopen(qtbot, make_window, pair, tmp_path):
    window = make_window(pair)
    c = wait_for_comparison(qtbot, window)
    ui = window.review
    ui.picker.set_picked([c.omitted[0]], [c.added[0]])
    with qtbot.waitSignal(window.comparison_ready, timeout=TIMEOUT):
        ui.acts.link.trigger()
    window.session.set_selection(Selection(group=0))
    ui.acts.reviewed.trigger()
    target = tmp_path / "pair.adiff"
    assert ui.files.save_to(str(target)) and not window.windowTitle().startswith('*')
    saved = window.session.review()
    assert load_review(target).state == saved
    window.close()
    assert str(target) in window.prefs.value.recent_reviews

    again = make_window([target])  # article-diff pair.adiff
    c2 = wait_for_comparison(qtbot, again)
    assert again.session.review() == saved and not again.windowTitle().startswith('*')
    assert (c.omitted[0], c.added[0]) in {(k.left, k.right) for k in c2.links if k.manual}
    assert again.review.files.path == str(target)


def test_reopen_after_a_source_changed_carries_the_review_over(qtbot, make_window, pair, tmp_path):
    window = make_window(pair)
    c = wait_for_comparison(qtbot, window)
    ui = window.review
    i, j = c.omitted[0], c.added[0]
    ui.picker.set_picked([i], [j])
    with qtbot.waitSignal(window.comparison_ready, timeout=TIMEOUT):
        ui.acts.link.trigger()
    last = rv.group_target([], [len(c.right_sentences) - 1])
    window.review.controller.mark(MarkState.FLAGGED, last)
    target = tmp_path / "r.adiff"
    assert ui.files.save_to(str(target))
    left_path = pair[0]
    left_path.write_text("A new first paragraph.\n\n" + left_path.read_text("utf-8"), "utf-8")

    # Keep the saved texts: nothing moves.
    with qtbot.waitSignal(window.comparison_ready, timeout=TIMEOUT):
        assert ui.files.open_review(str(target), changed="keep")
    assert window.session.review() == load_review(target).state

    # Re-read: the link follows its sentence (now one further down); the report is empty.
    with qtbot.waitSignals([window.comparison_ready, ui.files.carried_over], timeout=TIMEOUT):
        assert ui.files.open_review(str(target), changed="reread")
    state = window.session.review()
    assert state.pinned_pairs() == {(i + 1, j)}
    assert window.session.documents()[0].text.startswith("A new first paragraph.")
    assert window.windowTitle().startswith('*')
    _settle(window)


def test_the_question_when_a_source_changed_and_what_could_not_be_carried(qtbot, make_window, pair, tmp_path):
    window = make_window(pair)
    c = wait_for_comparison(qtbot, window)
    ui = window.review
    i = c.omitted[0]
    ui.picker.set_picked([i], [c.added[0]])
    with qtbot.waitSignal(window.comparison_ready, timeout=TIMEOUT):
        ui.acts.link.trigger()
    target = tmp_path / "r.adiff"
    assert ui.files.save_to(str(target))
    sentence = c.left_sentences[i].text
    pair[0].write_text(pair[0].read_text("utf-8").replace(sentence, "An edited sentence."), "utf-8")

    def choose(box):
        reread = next(b for b in box.buttons() if "Re-read" in b.text())
        reread.click()

    ui.files.question_asked.connect(choose)
    with qtbot.waitSignal(ui.files.carried_over, timeout=TIMEOUT) as got:
        ui.files.open_review(str(target))
    lines = got.args[0]
    assert len(lines) == 1 and "link by hand" in lines[0] and f"L{i + 1}" in lines[0]
    assert not window.session.review().links
    _settle(window)


def test_crash_recovery_offers_the_autosaved_review(qtbot, make_window, pair):
    window = make_window(pair)
    wait_for_comparison(qtbot, window)
    ui = window.review
    window.session.set_selection(Selection(group=0))
    ui.acts.flagged.trigger()
    assert ui.files.autosave() and ui.files.autosaver.path.exists()
    # The window "crashes": its autosave stays behind under a process id that is gone.
    dead = autosave_dir() / "review-999999-1.adiff"
    shutil.copyfile(ui.files.autosaver.path, dead)
    state = window.session.review()
    _settle(window)
    window.close()
    assert not ui.files.autosaver.path.exists()  # a clean close removes its own autosave
    assert [r.path for r in recoverable()] == [dead]

    again = make_window([])
    qtbot.waitUntil(lambda: "closed without saving" in again.message_bar.text.text(), timeout=TIMEOUT)
    with qtbot.waitSignal(again.comparison_ready, timeout=TIMEOUT):
        again.review.files.recover(recoverable()[0])
    assert again.session.review() == state and again.windowTitle().startswith('*')
    assert not dead.exists()
    _settle(again)


def test_an_ignored_change_stays_in_the_link_map_muted_and_out_of_the_count(qtbot, make_window, pair):
    window = make_window(pair)
    c = wait_for_comparison(qtbot, window)
    ui = window.review
    link_map = window.view.link_map
    n = next(k for k, g in enumerate(c.groups) if g.kind.value != "identical")
    before = rv.review_progress(c, window.session.review()).changes
    window.session.set_selection(Selection(group=n))
    ui.acts.ignored.trigger()
    assert link_map.is_muted(next(b for b in link_map.bands() if b.group == n))
    assert not any(link_map.is_muted(b) for b in link_map.bands() if b.group != n)
    assert rv.review_progress(c, window.session.review()).changes == before - 1
    # The selection and the mute outlive a re-alignment (an edit elsewhere).
    i, j = c.omitted[0], c.added[0]
    ui.picker.set_picked([i], [j])
    with qtbot.waitSignal(window.comparison_ready, timeout=TIMEOUT) as got:
        ui.acts.link.trigger()
    now = got.args[0]
    g = now.group_of_left(c.groups[n].left[0])
    assert window.session.selection() != Selection() or g is None
    if g is not None and now.groups[g] == c.groups[n]:
        assert link_map.is_muted(next(b for b in link_map.bands() if b.group == g))
    ui.undo.trigger()  # the link
    ui.undo.trigger()  # the mark
    assert not any(link_map.is_muted(b) for b in link_map.bands())
    _settle(window)


def test_an_ignored_change_is_muted_in_the_panes_through_undo_redo_and_realignment(
        qtbot, make_window, pair):
    """Issue 16: the panes mute an ignored change too (a grey layer over its sentences), and
    follow the review state through undo, redo and a re-alignment."""
    window = make_window(pair)
    c = wait_for_comparison(qtbot, window)
    ui, left, right = window.review, window.view.left_pane, window.view.right_pane
    n = next(k for k, g in enumerate(c.groups) if g.kind.value == "reworded")
    window.session.set_selection(Selection(group=n))
    assert not left.muted() and not left.extraSelections()
    ui.acts.ignored.trigger()
    assert left.muted() == c.groups[n].left and right.muted() == c.groups[n].right
    start, end = left.sentence_range(c.groups[n].left[0])
    assert [(s.cursor.selectionStart(), s.cursor.selectionEnd())
            for s in left.extraSelections()] == [(start, end)]
    ui.undo.trigger()
    assert not left.muted() and not right.muted() and not left.extraSelections()
    ui.redo.trigger()
    assert left.muted() == c.groups[n].left
    # A link made elsewhere aligns again: the ignored group keeps its mute.
    ui.picker.set_picked([c.omitted[0]], [c.added[0]])
    with qtbot.waitSignal(window.comparison_ready, timeout=TIMEOUT) as got:
        ui.acts.link.trigger()
    now = got.args[0]
    g = now.group_of_left(c.groups[n].left[0])
    assert g is not None and now.groups[g].left == c.groups[n].left
    assert left.muted() == now.groups[g].left and right.muted() == now.groups[g].right
    ui.undo.trigger()  # the link
    ui.undo.trigger()  # the mark
    qtbot.waitUntil(lambda: not left.muted() and not right.muted())
    _settle(window)


def test_picking_on_both_sides_from_the_keyboard_then_link(qtbot, make_window, pair):
    from PySide6.QtCore import Qt

    window = make_window(pair)
    c = wait_for_comparison(qtbot, window)
    ui = window.review
    left, right = window.view.left_pane, window.view.right_pane
    alt, shift_alt = Qt.KeyboardModifier.AltModifier, Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier
    ui.picker.set_picked([], [])
    qtbot.keyClick(left, Qt.Key.Key_Down, alt)  # the first left sentence
    qtbot.keyClick(left, Qt.Key.Key_Down, shift_alt)  # and the next
    assert ui.picker.picked() == ((0, 1), ())
    qtbot.keyClick(left, Qt.Key.Key_Tab)  # to the right pane, the left pick kept
    assert ui.picker.picked() == ((0, 1), ())
    for _ in range(3):
        qtbot.keyClick(right, Qt.Key.Key_Down, alt)
    assert ui.picker.picked() == ((0, 1), (2,))
    qtbot.keyClick(right, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)  # back to the left
    assert ui.picker.picked() == ((0, 1), (2,))
    assert ui.acts.link.isEnabled()
    with qtbot.waitSignal(window.comparison_ready, timeout=TIMEOUT) as got:
        ui.acts.link.trigger()
    now = got.args[0]
    g = now.groups[now.group_of_left(0)]
    assert g.manual and g.left == (0, 1) and g.right == (2,)
    assert c is not now
    _settle(window)
