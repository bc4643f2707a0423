"""The side panel's words (issue 17, points 5 and 12): the sensitivity control says what each
part of the range does, and the summary says what its percentage is."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt

from viewer.ui.fitted_label import FittedLabel, fit_lines
from viewer.ui.summary_panel import SensitivityControl, SummaryPanel


def test_the_explanation_follows_the_slider_over_the_whole_range(qtbot) -> None:
    control = SensitivityControl()
    qtbot.addWidget(control)
    texts = []
    for value in (0, 25, 50, 75, 100):
        control.slider.setValue(value)
        texts.append(control.explain.toolTip())
    assert len(set(texts)) == len(texts), texts
    assert "minor edit" in texts[2] and "3" in texts[2]
    assert "word for word" in texts[-1] and "Every changed word" in texts[-1]
    assert "omitted and added" in texts[3]
    control.set_value(0.5)
    assert control.explain.toolTip() == texts[2]
    assert control.explain.text() in texts[2] and control.value_label.text() == "0.50"


def test_the_slider_moves_with_the_keyboard_and_reports(qtbot) -> None:
    control = SensitivityControl()
    qtbot.addWidget(control)
    with qtbot.waitSignal(control.changed) as moved:
        qtbot.keyClick(control.slider, Qt.Key.Key_PageUp)
    assert moved.args == [0.6]


def test_the_summary_names_what_its_percentages_measure(qtbot, sample_comparison) -> None:
    panel = SummaryPanel()
    qtbot.addWidget(panel)
    panel.set_comparison(sample_comparison)
    assert sample_comparison.summary.identical == 0
    kept = panel.kept.text()
    assert "93%" in kept and "has a counterpart" in kept and "survives" not in kept
    assert "47%" in panel.new.text() and "new" in panel.new.text()


def test_the_summary_never_rounds_an_omission_away(qtbot, sample_comparison) -> None:
    panel = SummaryPanel()
    qtbot.addWidget(panel)
    c = sample_comparison
    shortest = min(c.omitted, key=lambda i: len(c.left_sentences[i].text))  # the "CNN —" dateline
    nearly_all = replace(c, omitted=(shortest,))
    # one short sentence omitted: a share just under 1 must not read 100%
    left = sum(len(s.text) for s in nearly_all.left_sentences)
    short = len(nearly_all.left_sentences[nearly_all.omitted[0]].text)
    assert short / left < 0.005
    panel.set_comparison(nearly_all)
    assert "99%" in panel.kept.text() and "100%" not in panel.kept.text()


def test_fitted_lines_break_after_commas_and_cut_only_what_cannot_fit(qtbot) -> None:
    label = FittedLabel()
    qtbot.addWidget(label)
    metrics = label.fontMetrics()
    text = "3 of 41 changes reviewed, 1 flagged\n2 of 7 findings reviewed, 0 flagged"
    wide = max(metrics.horizontalAdvance(line) for line in text.split("\n"))
    assert fit_lines(text, metrics, wide) == text.split("\n")
    narrow = metrics.horizontalAdvance("3 of 41 changes reviewed,") + 2
    assert fit_lines(text, metrics, narrow) == [
        "3 of 41 changes reviewed,", "1 flagged", "2 of 7 findings reviewed,", "0 flagged"]
    tiny = fit_lines(text, metrics, metrics.horizontalAdvance("3 of 41"))
    assert all(metrics.horizontalAdvance(line) <= metrics.horizontalAdvance("3 of 41")
               for line in tiny)
    assert any(line.endswith("…") for line in tiny)


def test_a_fitted_label_grows_a_line_rather_than_asking_for_width(qtbot) -> None:
    label = FittedLabel()
    qtbot.addWidget(label)
    label.setText("3 of 41 changes reviewed, 1 flagged")
    label.show()
    qtbot.waitExposed(label)
    one_line = label.sizeHint().height()
    assert label.minimumSizeHint().width() < label.fontMetrics().horizontalAdvance(label.text())
    label.resize(label.fontMetrics().horizontalAdvance("3 of 41 changes reviewed,") + 4, 100)
    assert label.shown_lines() == ["3 of 41 changes reviewed,", "1 flagged"]
    assert label.sizeHint().height() > one_line and not label.is_cut()
    assert label.toolTip() == ""
    label.resize(label.fontMetrics().horizontalAdvance("3 of"), 100)
    assert label.is_cut() and "41 changes reviewed" in label.toolTip()
    assert label.text() == "3 of 41 changes reviewed, 1 flagged"
