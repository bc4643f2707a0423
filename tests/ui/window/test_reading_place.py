"""Reading a comparison in the window (issue 17): F7 from where the reader is, a status bar
that describes what is selected now, reload and swap that keep the reader's place, panes that
open at the top, and the Open dialog that starts beside the open files."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QLabel

from tests.ui.window.window_helpers import wait_for_comparison
from viewer.ui.navigation import NO_SELECTION, ReadingOrder, Selection


def _status(window) -> str:  # type: ignore[no-untyped-def]
    """What the status bar shows on its left: a passing note, else its visible labels."""
    bar = window.statusBar()
    if bar.currentMessage():
        return bar.currentMessage()
    return " ".join(label.text() for label in bar.findChildren(QLabel)
                    if label.isVisible() and label.objectName() != "modelLabel")


def _wheel(pane, notches: int) -> None:  # type: ignore[no-untyped-def]
    """Turn the mouse wheel over ``pane`` (negative: down), as a reader does."""
    viewport = pane.viewport()
    centre = QPointF(viewport.width() / 2, viewport.height() / 2)
    for _ in range(abs(notches)):
        event = QWheelEvent(centre, QPointF(viewport.mapToGlobal(centre.toPoint())), QPoint(),
                            QPoint(0, 120 if notches > 0 else -120), Qt.MouseButton.NoButton,
                            Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
        QApplication.sendEvent(viewport, event)


def test_f7_after_the_wheel_starts_from_the_view(qtbot, make_window, pair) -> None:
    window = make_window(pair)
    window.resize(1100, 560)
    comparison = wait_for_comparison(qtbot, window)
    qtbot.waitUntil(window.view.is_settled)
    pane = window.view.left_pane
    bar = pane.verticalScrollBar()
    while bar.value() < bar.maximum() // 2:
        _wheel(pane, -1)
    top = bar.value()
    window.acts.next_change.trigger()
    selection = window.session.selection()
    first = ReadingOrder(comparison).step(NO_SELECTION, +1)
    assert selection not in (NO_SELECTION, first)  # not back to L1
    g = comparison.groups[selection.group] if selection.group >= 0 else None
    if g is not None:
        assert pane.sentence_span(g.left[-1])[1] > top
    assert bar.value() >= top - pane.viewport().height()  # the view did not jump to the top


def test_the_status_describes_the_item_selected_now(qtbot, make_window, pair) -> None:
    window = make_window(pair)
    comparison = wait_for_comparison(qtbot, window)
    order = ReadingOrder(comparison)
    stops, selection = [], NO_SELECTION
    while (step := order.step(selection, +1)) is not None:
        stops.append(step)
        selection = step
    reworded = next(s for s in stops if s.group >= 0)
    window.session.set_selection(reworded)
    group = comparison.groups[reworded.group]
    assert "similarity" in _status(window) and f"{group.similarity:.2f}" in _status(window)
    assert f"L{group.left[0] + 1}" in _status(window)
    # F7 onto the closing additions (the sample rewrite ends with a long run of them)
    window.session.set_selection(stops[-2])
    window.acts.next_change.trigger()
    assert window.session.selection() == stops[-1]
    assert stops[-1].unlinked is not None and stops[-1].unlinked[0] == "right"
    text = _status(window)
    assert "similarity" not in text
    assert "Added" in text and f"R{stops[-1].unlinked[1] + 1}" in text
    assert f"{order.passage_length(stops[-1])} sentences in this passage" in text
    window.session.set_selection(NO_SELECTION)
    assert "similarity" not in _status(window) and "Added" not in _status(window)


def test_the_status_follows_a_click_on_an_unlinked_sentence(qtbot, make_window, pair) -> None:
    window = make_window(pair)
    comparison = wait_for_comparison(qtbot, window)
    group = next(g for g, x in enumerate(comparison.groups) if x.left and x.right)
    window.session.set_selection(Selection(group, None))
    assert "similarity" in _status(window)
    window.view.select_sentence("left", comparison.omitted[0])
    assert "similarity" not in _status(window)
    assert f"Omitted · L{comparison.omitted[0] + 1}" in _status(window)


def test_skip_reviewed_still_works_with_passages(qtbot, make_window, pair) -> None:
    from viewer.engine import review as rv

    window = make_window(pair)
    comparison = wait_for_comparison(qtbot, window)
    order = ReadingOrder(comparison)
    stops, selection = [], NO_SELECTION
    while (step := order.step(selection, +1)) is not None:
        stops.append(step)
        selection = step
    last = stops[-1]
    assert last.unlinked is not None
    first_added = last.unlinked[1]
    state = rv.set_state(window.session.review(), rv.group_target((), (first_added,)),
                         rv.MarkState.REVIEWED)
    window.session.set_review(state)
    window.review.acts.skip_reviewed.setChecked(True)
    window.session.set_selection(stops[-2])
    window.acts.next_change.trigger()  # the passage's first sentence is reviewed: its second
    assert window.session.selection() == Selection(-1, ("right", first_added + 1))
    window.review.acts.skip_reviewed.setChecked(False)
    window.session.set_selection(stops[-2])
    window.acts.next_change.trigger()
    assert window.session.selection() == last


def test_f5_keeps_the_old_comparison_until_the_new_one_is_ready(qtbot, make_window,
                                                                 pair) -> None:
    window = make_window(pair)
    old = wait_for_comparison(qtbot, window)
    kinds = window.view.left_pane.content().kinds
    assert kinds and window.summary.counts
    counts = {k: label.text() for k, label in window.summary.counts.items()}
    seen = []

    def on_documents() -> None:  # what the window shows between the reload and the result
        seen.append((window.view.comparison(), window.view.left_pane.content().kinds,
                     {k: label.text() for k, label in window.summary.counts.items()}))

    window.session.documents_changed.connect(on_documents)
    with qtbot.waitSignal(window.comparison_ready, timeout=20_000) as ready:
        window.acts.reload.trigger()
    assert seen and all(c is old and k == kinds and n == counts for c, k, n in seen)
    assert window.view.comparison() is ready.args[0] is not old


def test_swap_sides_keeps_the_place(qtbot, make_window, pair) -> None:
    window = make_window(pair)
    window.resize(1100, 560)
    wait_for_comparison(qtbot, window)
    qtbot.waitUntil(window.view.is_settled)
    left, right = window.view.left_pane, window.view.right_pane
    left.verticalScrollBar().setValue(left.verticalScrollBar().maximum() // 2)
    first_right = right.sentence_at(QPoint(40, 4))  # the rewrite's sentence at the top
    assert first_right > 0
    with qtbot.waitSignal(window.comparison_ready, timeout=20_000):
        window.acts.swap.trigger()
    # the rewrite is on the left now, at the place it had: the same sentence at the top
    assert abs(left.sentence_at(QPoint(40, 4)) - first_right) <= 1
    assert left.verticalScrollBar().value() > 0


def test_paste_as_left_opens_both_panes_at_the_top(qtbot, make_window, pair) -> None:
    window = make_window(pair)
    wait_for_comparison(qtbot, window)
    right = window.view.right_pane.verticalScrollBar()
    right.setValue(right.maximum())
    QApplication.clipboard().setText("Officials said the vote was close. Schools get more.")
    with qtbot.waitSignal(window.comparison_ready, timeout=20_000):
        window.acts.paste_left.trigger()
    assert window.view.left_pane.verticalScrollBar().maximum() == 0  # a short pasted text
    assert right.maximum() > 0 and right.value() == 0


def test_the_first_open_dialog_starts_in_the_open_files_folder(qtbot, make_window, pair,
                                                               monkeypatch) -> None:
    from PySide6.QtWidgets import QFileDialog

    asked = []

    def fake(parent, title, folder, *args):  # type: ignore[no-untyped-def]
        asked.append(folder)
        return ([], "") if "Names" in fake.__name__ else ("", "")

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(fake))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(fake))
    window = make_window(pair)
    wait_for_comparison(qtbot, window)
    window.acts.open_pair.trigger()
    window.acts.open_right.trigger()
    assert asked == [str(pair[0].parent)] * 2
