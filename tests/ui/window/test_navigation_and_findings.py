"""Moving between changes and findings, finding text, and the findings list itself."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt

from tests.ui.window.window_helpers import wait_for_comparison
from viewer.engine.model import ChangeKind, Finding, FindingKind
from viewer.services.palette import FINDING_LABELS


def test_next_and_previous_change_move_the_selection(qtbot, make_window, pair) -> None:
    window = make_window(pair)
    comparison = wait_for_comparison(qtbot, window)
    changes = [g for g in comparison.groups if g.kind is not ChangeKind.IDENTICAL]
    assert len(changes) + len(comparison.added) + len(comparison.omitted) >= 2

    def selection():  # type: ignore[no-untyped-def]
        return window.view.selected_group(), window.view.selected_sentence()

    assert selection() == (-1, None)
    window.acts.next_change.trigger()
    first = selection()
    assert first != (-1, None)
    window.acts.next_change.trigger()
    second = selection()
    assert second not in (first, (-1, None))
    window.acts.previous_change.trigger()
    assert selection() == first
    assert not window.previous_change()  # nothing before the first change
    assert selection() == first


def test_change_navigation_has_the_f7_shortcuts(qtbot, make_window) -> None:
    window = make_window()
    assert window.acts.next_change.shortcut().toString() == "F7"
    assert window.acts.previous_change.shortcut().toString() == "Shift+F7"
    assert window.acts.next_finding.shortcut().toString() == "F8"
    assert window.acts.previous_finding.shortcut().toString() == "Shift+F8"
    assert window.acts.reload.shortcut().toString() == "F5"


def test_find_bar_searches_both_panes(qtbot, make_window, pair) -> None:
    window = make_window(pair)
    wait_for_comparison(qtbot, window)
    assert window.find_bar.isHidden()
    window.acts.find.trigger()
    assert not window.find_bar.isHidden()
    qtbot.keyClicks(window.find_bar.edit, "Khan Younis")
    qtbot.keyClick(window.find_bar.edit, Qt.Key.Key_Return)
    assert window.find_bar.status.text().startswith("1 of ")
    window.find_bar.edit.setText("zzzz no such words zzzz")
    qtbot.keyClick(window.find_bar.edit, Qt.Key.Key_Return)
    assert window.find_bar.status.text() == "Not found"
    qtbot.keyClick(window.find_bar.edit, Qt.Key.Key_Escape)
    assert window.find_bar.isHidden()


def _with_findings(comparison):  # type: ignore[no-untyped-def]
    """The comparison with findings on real sentence pairs of it (the checks of issue 4 may not
    flag anything on this pair yet); one holds markup, which must be shown as text."""
    linked = [g for g in comparison.groups if g.left and g.right]
    a, b, c = linked[0], linked[1], linked[2]
    findings = (
        Finding(FindingKind.CHANGED_NAME, c.left[0], c.right[0], "Salem", "Salim"),
        Finding(FindingKind.CHANGED_NUMBER, b.left[0], b.right[0], "thousands", "2,000"),
        Finding(FindingKind.ALTERED_QUOTE, a.left[0], a.right[0],
                "“we <b>will</b> protect civilians”", "“we may protect civilians”"),
    )
    return dataclasses.replace(comparison, findings=findings)


def test_findings_are_listed_most_serious_first_and_escaped(qtbot, make_window, pair) -> None:
    window = make_window(pair)
    comparison = _with_findings(wait_for_comparison(qtbot, window))
    window.runner.finished.emit(window.runner.latest_id, comparison)
    panel = window.findings
    assert panel.count() == 3
    assert [f.kind for f in panel.findings()] == [
        FindingKind.ALTERED_QUOTE, FindingKind.CHANGED_NUMBER, FindingKind.CHANGED_NAME]
    first = panel.item_html(0)
    assert FINDING_LABELS[FindingKind.ALTERED_QUOTE] in first
    assert "&lt;b&gt;will&lt;/b&gt;" in first and "<b>will</b>" not in first
    assert "we may protect civilians" in first
    assert panel.title.text() == "Findings (3)"


def test_clicking_a_finding_selects_its_sentence_and_f8_walks_them(qtbot, make_window,
                                                                    pair) -> None:
    window = make_window(pair)
    comparison = _with_findings(wait_for_comparison(qtbot, window))
    window.runner.finished.emit(window.runner.latest_id, comparison)
    panel = window.findings
    target = panel.findings()[1]
    item = panel.list.item(1)
    rect = panel.list.visualItemRect(item)
    with qtbot.waitSignal(panel.finding_activated) as activated:
        qtbot.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert activated.args[0] == target
    assert window.view.selected_group() == comparison.group_of_left(target.left)
    window.acts.next_finding.trigger()
    assert panel.current_index() == 2
    assert window.view.selected_group() == comparison.group_of_left(panel.findings()[2].left)
    window.acts.next_finding.trigger()  # wraps to the most serious
    assert panel.current_index() == 0
    window.acts.previous_finding.trigger()
    assert panel.current_index() == 2


def test_no_findings_says_so(qtbot, make_window, pair) -> None:
    window = make_window(pair)
    comparison = wait_for_comparison(qtbot, window)
    window.runner.finished.emit(window.runner.latest_id, dataclasses.replace(comparison,
                                                                             findings=()))
    assert window.findings.count() == 0
    assert not window.findings.empty.isHidden()
    assert "No red flags" in window.findings.empty.text()
