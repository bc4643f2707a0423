"""View > Hide Identical Sentences (issue 17, point 11): each run of identical linked sentences
is one placeholder line in each pane; the link map joins the placeholders with one thin band;
the panes stay level; a click on a placeholder, or selecting a hidden sentence, shows the run;
Find searches the text shown; F7 steps through the same changes."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor

from tests.ui.view.view_helpers import level_check, make_view
from viewer.engine.model import ChangeKind
from viewer.ui.identical_runs import identical_runs
from viewer.ui.navigation import NO_SELECTION

RUNS = [((0, 0), 1), ((2, 4), 3), ((7, 9), 3), ((12, 19), 8), ((22, 24), 3), ((27, 29), 3)]
"""The runs of the repeated pair: left (and right) sentences, and how many."""


def _text(pane) -> str:
    return pane.document().toPlainText()


def test_the_runs_of_identical_groups(repeated):
    runs = identical_runs(repeated)
    assert [(r.left, r.left[1] - r.left[0] + 1) for r in runs] == RUNS
    assert [r.right for r in runs] == [r.left for r in runs]
    for run in runs:
        for g in range(run.first_group, run.last_group + 1):
            assert repeated.groups[g].kind is ChangeKind.IDENTICAL


def test_hidden_runs_become_placeholders_and_come_back(qtbot, repeated):
    view = make_view(qtbot, repeated, width=1100, height=500)
    shown = {side: _text(pane) for side, pane in (("left", view.left_pane),
                                                    ("right", view.right_pane))}
    view.set_hide_identical(True)
    assert view.hide_identical()
    for side, pane in (("left", view.left_pane), ("right", view.right_pane)):
        text = _text(pane)
        sentences = repeated.left_sentences if side == "left" else repeated.right_sentences
        hidden = {i for (a, b), _ in RUNS for i in range(a, b + 1)}
        for i, sentence in enumerate(sentences):
            if i in hidden:
                assert sentence.text not in text, (side, i)
            else:
                assert sentence.text in text, (side, i)
        assert [(first, last) for first, last, _, _ in pane.placeholders()] == [r for r, _ in RUNS]
        labels = [label for _, _, label, _ in pane.placeholders()]
        assert labels == ["⋯ 1 identical sentence hidden"] + [
            f"⋯ {n} identical sentences hidden" for _, n in RUNS[1:]]
        for label in labels:
            assert label in text
        assert text.count("identical sentence") == len(RUNS)
        assert pane.sentence_count() == len(sentences)  # indices stay the comparison's
    view.set_hide_identical(False)
    assert _text(view.left_pane) == shown["left"] and _text(view.right_pane) == shown["right"]
    assert not view.left_pane.placeholders() and not view.right_pane.placeholders()


def test_the_link_map_draws_one_thin_band_per_hidden_run(qtbot, repeated):
    view = make_view(qtbot, repeated, width=1100, height=900)
    view.set_hide_identical(True)
    qtbot.waitUntil(view.is_settled)
    bands = view.link_map.bands()
    runs = identical_runs(repeated)
    hidden = [b for b in bands if b.hidden]
    assert sorted(b.hidden for b in hidden) == sorted(
        r.last_group - r.first_group + 1 for r in runs if r.first_group in {b.group for b in bands})
    assert len(hidden) >= 4
    inner = {g for r in runs for g in range(r.first_group + 1, r.last_group + 1)}
    assert not {b.group for b in bands} & inner  # no band of its own for a hidden group
    height = view.left_pane.fontMetrics().height()
    for band in hidden:
        assert band.left_bottom - band.left_top < height / 2  # thin
        assert band.right_bottom - band.right_top < height / 2
        assert "click to show" in view.link_map.tooltip_text(band)


def test_linked_groups_around_hidden_runs_stay_level(qtbot, repeated):
    view = make_view(qtbot, repeated, width=900, height=300)
    view.set_hide_identical(True)
    qtbot.waitUntil(view.is_settled)
    assert view.left_pane.verticalScrollBar().maximum() > 0
    runs = identical_runs(repeated)
    # The changed groups, and the runs' first groups (their placeholders), mid-document.
    groups = [repeated.groups[g] for g in range(5, 27)
              if any(r.first_group == g for r in runs) or not any(r.holds_group(g) for r in runs)]
    assert len(groups) >= 8
    for group in groups:
        for source in ("left", "right"):
            src_y, dst_y = level_check(view, group, source)
            assert abs(src_y - dst_y) <= 3, (group, source, src_y, dst_y)


def test_a_click_on_a_placeholder_shows_its_run_only(qtbot, repeated):
    view = make_view(qtbot, repeated, width=1100, height=900)
    view.set_hide_identical(True)
    pane = view.right_pane
    first, last, _, (start, _end) = pane.placeholders()[2]  # sentences 7-9
    cursor = QTextCursor(pane.document())
    cursor.setPosition(start + 2)
    rect = pane.cursorRect(cursor)
    qtbot.mouseClick(pane.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(rect.center().x(), rect.center().y()))
    assert (first, last) == (7, 9)
    for i in range(7, 10):
        assert repeated.right_sentences[i].text in _text(pane)
        assert repeated.left_sentences[i].text in _text(view.left_pane)
    assert [(a, b) for a, b, _, _ in pane.placeholders()] == [r for r, _ in RUNS if r != (7, 9)]
    assert view.hide_identical()
    # Turning the option off and on hides every run again.
    view.set_hide_identical(False)
    view.set_hide_identical(True)
    assert len(pane.placeholders()) == len(RUNS)


def test_selecting_a_hidden_sentence_shows_its_run(qtbot, repeated):
    view = make_view(qtbot, repeated, width=1100, height=400)
    view.set_hide_identical(True)
    group = repeated.group_of_left(13)
    view.select_group(group)
    assert view.selected_group() == group
    assert repeated.left_sentences[13].text in _text(view.left_pane)
    assert (12, 19) not in [(a, b) for a, b, _, _ in view.left_pane.placeholders()]
    assert view.left_pane.highlighted() == (13,)
    top, bottom = view.left_pane.sentence_span(13)
    assert view.left_pane.is_span_visible((top, bottom))


def test_find_searches_the_text_shown(qtbot, repeated):
    view = make_view(qtbot, repeated, width=1100, height=500)
    view.set_hide_identical(True)
    assert view.search("read aloud").count == 0  # only in hidden sentences
    assert view.search("identical").count == 0  # the placeholders are not text
    assert view.search("postponed").count == 2 * 6 - 2  # item 3's last sentence is hidden
    view.set_hide_identical(False)
    assert view.search("read aloud").count == 12


def test_next_change_steps_through_the_same_changes(qtbot, repeated):
    def stops(view):
        out, seen = [], set()
        while (target := view.step_change(+1)) is not None and target not in seen:
            seen.add(target)
            out.append(target)
        return out

    view = make_view(qtbot, repeated, width=1100, height=300)
    every = stops(view)
    view.set_hide_identical(True)
    view.left_pane.verticalScrollBar().setValue(0)
    view.set_selection(NO_SELECTION)
    assert stops(view) == every and len(every) >= 10
    assert len(view.left_pane.placeholders()) == len(RUNS)  # stepping opened none


def test_hiding_in_the_one_column_and_with_sentence_tints_only(qtbot, repeated):
    view = make_view(qtbot, repeated, width=1100, height=500)
    view.set_hide_identical(True)
    view.set_display_mode("clean")
    assert len(view.left_pane.placeholders()) == len(RUNS)
    assert repeated.left_sentences[3].text not in _text(view.left_pane)
    view.set_display_mode("inline")
    pane = view.inline_pane
    assert [label for _, _, label, _ in pane.placeholders()] == [
        "⋯ 1 identical sentence hidden"] + [f"⋯ {n} identical sentences hidden"
                                            for _, n in RUNS[1:]]
    assert repeated.right_sentences[3].text not in _text(pane)
    assert repeated.right_sentences[1].text in _text(pane)  # a reworded one stays
    view.set_hide_identical(False)
    assert repeated.right_sentences[3].text in _text(pane) and not pane.placeholders()


def test_where_the_placeholders_are(qtbot, repeated):
    view = make_view(qtbot, repeated, width=1100, height=900)
    view.set_hide_identical(True)
    pane = view.left_pane
    for n, (first, last, label, (start, end)) in enumerate(pane.placeholders()):
        assert pane.placeholder_of(start) == n and pane.placeholder_of(end - 1) == n
        assert pane.placeholder_of(start - 1) == -1  # the paragraph before it
        assert end - start == len(label)
        # Its sentences all sit on its line; clicking there is not clicking a sentence.
        assert pane.sentence_span(first) == pane.sentence_span(last)
        cursor = QTextCursor(pane.document())
        cursor.setPosition(start + 2)
        rect = pane.cursorRect(cursor)
        point = QPoint(rect.center().x(), rect.center().y())
        if 0 <= point.y() < pane.viewport().height():
            assert pane.placeholder_at(point) == (first, last)
            assert pane.sentence_at(point) == -1
            tip = view.tooltips.placeholder_text(last - first + 1)
            assert "Click to show" in tip
            assert (f"These {last - first + 1} sentences" if last > first else "This sentence") \
                in tip
    text_point = QPoint(80, round(pane.sentence_span(1)[0] - pane.scroll_value()) + 4)
    assert pane.placeholder_at(text_point) is None and pane.sentence_at(text_point) == 1


def test_a_click_on_the_band_of_a_hidden_run_shows_it(qtbot, repeated):
    view = make_view(qtbot, repeated, width=1100, height=900)
    view.set_hide_identical(True)
    band = next(b for b in view.link_map.bands() if b.hidden == 3)
    centre = band.path(view.link_map.width()).boundingRect().center()
    qtbot.mouseClick(view.link_map, Qt.MouseButton.LeftButton, pos=centre.toPoint())
    run = next(r for r in identical_runs(repeated) if r.first_group == band.group)
    assert view.selected_group() == band.group
    for i in range(run.left[0], run.left[1] + 1):
        assert repeated.left_sentences[i].text in _text(view.left_pane)
    assert len(view.left_pane.placeholders()) == len(RUNS) - 1


def test_a_click_on_a_placeholder_in_the_one_column_shows_its_run(qtbot, repeated):
    view = make_view(qtbot, repeated, width=1100, height=900)
    view.set_hide_identical(True)
    view.set_display_mode("inline")
    pane = view.inline_pane
    first, last, label, _ = pane.placeholders()[1]
    assert label == "⋯ 3 identical sentences hidden"
    pane.placeholder_clicked.emit(first, last)
    assert repeated.right_sentences[3].text in _text(pane)
    assert len(pane.placeholders()) == len(RUNS) - 1


def test_copy_across_placeholders_copies_the_hidden_text(qtbot, repeated):
    """Copying a passage with a placeholder in it gives the passage, not the label."""
    view = make_view(qtbot, repeated, width=1100, height=500)
    shown = _text(view.left_pane)
    view.set_hide_identical(True)
    pane = view.left_pane
    pane.selectAll()
    copied = pane.createMimeDataFromSelection().text()
    assert "identical sentence" not in copied
    assert copied.split() == shown.split()  # every word, in order
    # part of a paragraph through one placeholder
    (first, last, label, (p_start, p_end)) = pane.placeholders()[1]
    cursor = pane.textCursor()
    cursor.setPosition(p_start - 5)
    cursor.setPosition(p_end + 5, QTextCursor.MoveMode.KeepAnchor)
    pane.setTextCursor(cursor)
    part = pane.createMimeDataFromSelection().text()
    assert label not in part
    for i in range(first, last + 1):
        assert repeated.left_sentences[i].text in part
