"""View > Ignore Differences: each option compares again, changes what the panes mark, reaches
the exports and is remembered."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtWidgets import QMenu

from tests.ui.window.window_helpers import wait_for_comparison
from viewer.engine.model import ChangeKind
from viewer.services.settings import load_settings


def _pair(tmp_path: Path) -> tuple[Path, Path]:
    left, right = tmp_path / "a.txt", tmp_path / "b.txt"
    left.write_text("The Truce ends on Friday, officials said.\n\nSome 1,000 people fled north.\n",
                    encoding="utf-8")
    right.write_text("The truce ends on Friday officials said.\n\nSome 1000 people fled north.\n",
                     encoding="utf-8")
    return left, right


def test_ignoring_case_punctuation_and_numbers_makes_the_sentences_identical(
        qtbot, make_window, tmp_path):  # type: ignore[no-untyped-def]
    left, right = _pair(tmp_path)
    window = make_window([left, right])
    c = wait_for_comparison(qtbot, window)
    assert all(g.kind is not ChangeKind.IDENTICAL for g in c.groups)
    assert window.view.left_pane.content().word_spans  # "Truce", "," and "1,000" struck
    menu = window.findChild(QMenu, "ignoreMenu")
    assert menu is not None and [a.isChecked() for a in menu.actions()] == [
        False, False, True, True, False]
    for name in ("case", "punctuation", "numbers"):
        action = window.ignore_menu.actions[name]
        assert action in menu.actions()
        action.setChecked(True)
        c = wait_for_comparison(qtbot, window)
    assert c.ignore.names() == ("case", "punctuation", "quotes", "whitespace", "numbers")
    assert [g.kind for g in c.groups] == [ChangeKind.IDENTICAL, ChangeKind.IDENTICAL]
    assert window.view.left_pane.content().word_spans == ()
    assert window.view.right_pane.content().kinds == (ChangeKind.IDENTICAL, ChangeKind.IDENTICAL)
    out = tmp_path / "c.json"
    window.export_to("json", str(out))
    qtbot.waitUntil(out.exists, timeout=20_000)
    assert json.loads(out.read_text(encoding="utf-8"))["ignore"] == list(c.ignore.names())
    window.close()
    assert load_settings().settings.ignore == c.ignore.names()


def test_the_remembered_options_are_used_by_the_next_window(
        qtbot, make_window, tmp_path, home):  # type: ignore[no-untyped-def]
    from viewer.services.settings import Settings, save_settings

    save_settings(Settings(ignore=("case", "punctuation", "numbers")))
    left, right = _pair(tmp_path)
    window = make_window([left, right])
    c = wait_for_comparison(qtbot, window)
    assert c.ignore.names() == ("case", "punctuation", "numbers")
    assert [g.kind for g in c.groups] == [ChangeKind.IDENTICAL, ChangeKind.IDENTICAL]
    assert window.ignore_menu.actions["case"].isChecked()
    assert not window.ignore_menu.actions["quotes"].isChecked()


def test_display_sentence_tints_only_drops_the_word_marks_and_is_remembered(
        qtbot, make_window, pair):  # type: ignore[no-untyped-def]
    window = make_window(pair)
    c = wait_for_comparison(qtbot, window)
    view = window.view
    assert view.left_pane.content().word_spans and view.right_pane.content().word_spans
    menu = window.findChild(QMenu, "displayMenu")
    assert menu is not None
    clean = window.ignore_menu.display_actions["clean"]
    assert clean in menu.actions()
    clean.trigger()
    assert view.display_mode() == "clean"
    assert view.left_pane.content().word_spans == () and view.right_pane.content().word_spans == ()
    # The sentences keep their tints.
    assert view.left_pane.content().kinds == tuple(
        c.groups[c.group_of_left(i)].kind if c.group_of_left(i) is not None else ChangeKind.OMITTED
        for i in range(len(c.left_sentences)))
    window.close()
    assert load_settings().settings.display_mode == "clean"
    window.ignore_menu.display_actions["marked"].trigger()
    assert view.left_pane.content().word_spans


def test_one_inline_column_replaces_the_two_panes_and_follows_the_selection(
        qtbot, make_window, pair):  # type: ignore[no-untyped-def]
    window = make_window(pair)
    c = wait_for_comparison(qtbot, window)
    view = window.view
    assert not view.inline_pane.isVisible()
    window.ignore_menu.display_actions["inline"].trigger()
    assert view.display_mode() == "inline"
    assert view.inline_pane.isVisible()
    assert not view.right_pane.isVisible() and not view.link_map.isVisible()
    # its header spans the column (it kept the left pane's half width)
    qtbot.waitUntil(lambda: view.left_header.width() >= view.inline_pane.width() - 2)
    content = view.inline_pane.content()
    text = content.document.text
    # Every omitted sentence is there struck whole, every added one underlined whole.
    for i in c.omitted:
        words = " ".join(c.left_sentences[i].text.split())
        start = text.index(words)
        assert any(a <= start < b for a, b in content.word_spans)
    for j in c.added:
        words = " ".join(c.right_sentences[j].text.split())
        start = text.index(words)
        assert any(a <= start < b for a, b in content.inserted_spans)
    # A reworded group shows its removed words struck next to the new ones.
    assert content.word_spans and content.inserted_spans
    assert len(content.sentences) == len(c.groups) + len(c.omitted) + len(c.added)
    # Clicking an inline sentence selects what it shows; F7 highlights it in the column.
    n = next(k for k, s in enumerate(content.sentences) if content.kinds[k] is ChangeKind.REWORDED)
    view.inline_pane.sentence_clicked.emit(n)
    assert view.selected_group() >= 0
    assert c.groups[view.selected_group()].kind is ChangeKind.REWORDED
    assert view.inline_pane.highlighted() == (n,)
    window.next_change()
    assert view.inline_pane.highlighted() and view.inline_pane.highlighted() != (n,)
    window.ignore_menu.display_actions["marked"].trigger()
    qtbot.waitUntil(lambda: view.left_header.width() < view.width() // 2)
    window.ignore_menu.display_actions["inline"].trigger()
    window.close()
    assert load_settings().settings.display_mode == "inline"


def test_hide_identical_sentences_is_a_view_option_and_is_remembered(
        qtbot, make_window):  # type: ignore[no-untyped-def]
    notes = Path(__file__).resolve().parents[2] / "data" / "identical"
    window = make_window([notes / "notes-v1.txt", notes / "notes-v2.txt"])
    c = wait_for_comparison(qtbot, window)
    action = window.ignore_menu.hide_identical
    view_menu = next(a.menu() for a in window.menuBar().actions() if a.objectName() == "viewMenu"
                     or a.text().replace("&", "") == "View")
    assert action in view_menu.actions() and action.isCheckable() and not action.isChecked()
    identical = c.left_sentences[c.groups[2].left[0]].text
    assert c.groups[2].kind is ChangeKind.IDENTICAL
    assert identical in window.view.left_pane.document().toPlainText()
    action.trigger()
    assert window.view.hide_identical()
    assert identical not in window.view.left_pane.document().toPlainText()
    assert window.view.left_pane.placeholders() and window.view.right_pane.placeholders()
    window.close()
    assert load_settings().settings.hide_identical
    again = make_window([notes / "notes-v1.txt", notes / "notes-v2.txt"])
    wait_for_comparison(qtbot, again)
    assert again.ignore_menu.hide_identical.isChecked() and again.view.hide_identical()
    assert identical not in again.view.left_pane.document().toPlainText()
    again.ignore_menu.hide_identical.trigger()
    assert identical in again.view.left_pane.document().toPlainText()
    again.close()
    assert not load_settings().settings.hide_identical
