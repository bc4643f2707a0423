"""Ignored changes stay in the panes, muted (issue 16): their sentences are laid over with a
faint grey and greyed ink (extra selections, so the text and its marks stay), in both panes,
the one column and the link map; search matches still show on top."""

from __future__ import annotations

from PySide6.QtGui import QTextCursor

from tests.ui.view.view_helpers import make_view
from viewer.engine.model import ChangeKind
from viewer.ui.pane_muting import muted_format


def _muted_ranges(pane) -> list[tuple[int, int]]:
    """The ranges laid over with the muted format."""
    muted = muted_format(pane.theme()).background().color()
    return [(s.cursor.selectionStart(), s.cursor.selectionEnd()) for s in pane.extraSelections()
            if s.format.background().color() == muted]


def test_muted_changes_are_grey_in_both_panes_and_the_link_map(qtbot, crafted):
    view = make_view(qtbot, crafted)
    g = next(k for k, grp in enumerate(crafted.groups) if grp.kind is ChangeKind.REWORDED)
    group = crafted.groups[g]
    omitted = crafted.omitted[0]
    assert not _muted_ranges(view.left_pane) and not _muted_ranges(view.right_pane)
    view.set_muted([g], [("left", omitted)])
    left, right = view.left_pane, view.right_pane
    assert set(left.muted()) == {*group.left, omitted} and set(right.muted()) == set(group.right)
    assert sorted(_muted_ranges(left)) == sorted(left.sentence_range(i) for i in left.muted())
    assert _muted_ranges(right) == [right.sentence_range(j) for j in group.right]
    selections = left.extraSelections()
    assert selections[0].format.foreground().color() != left.theme().text  # greyed ink
    assert view.link_map.is_muted(next(b for b in view.link_map.bands() if b.group == g))
    # Its markers in the margin are grey too (the glyph still says the kind).
    top, bottom = right.first_line_span(group.right[0])
    rows = right.gutter.muted_rows()
    assert any(a <= (top + bottom) / 2 - right.scroll_value() <= b for a, b in rows)
    assert len(rows) == len(group.right)
    # The text itself is untouched: its own formats (tints, word marks) are still there.
    cursor = QTextCursor(left.document())
    cursor.setPosition(left.sentence_range(group.left[0])[0] + 1)
    assert cursor.charFormat().background().color() == left.theme().tint(ChangeKind.REWORDED)
    # A search match is drawn above the muting.
    word = crafted.left_sentences[group.left[0]].text.split()[1]
    assert view.search(word).count >= 1
    selections = left.extraSelections()
    assert _muted_ranges(left) and selections[-1].format.background().color() \
        != muted_format(left.theme()).background().color()
    view.clear_search()
    # Another display mode and the hidden identical sentences keep it (same comparison).
    view.set_display_mode("clean")
    view.set_hide_identical(True)
    assert set(left.muted()) == {*group.left, omitted}
    view.set_display_mode("inline")
    rows = view.inline_pane.muted()
    assert len(rows) == 2 and _muted_ranges(view.inline_pane)
    view.set_display_mode("marked")
    view.set_muted([], [])
    assert not left.muted() and not _muted_ranges(left) and not _muted_ranges(right)
    assert not right.gutter.muted_rows()
    assert not any(view.link_map.is_muted(b) for b in view.link_map.bands())


def test_a_new_comparison_starts_unmuted(qtbot, crafted, sample_lexical):
    view = make_view(qtbot, crafted)
    view.set_muted([0, 1], [])
    assert view.left_pane.muted()
    view.set_comparison(sample_lexical)  # indices of another comparison mean nothing here
    assert not view.left_pane.muted() and not _muted_ranges(view.left_pane)
