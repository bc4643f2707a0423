"""End to end with the model users run: the bundled all-MiniLM-L6-v2 on the sample pair."""

from __future__ import annotations

import pytest

from viewer.services.workflow import make_embedder


@pytest.mark.slow
def test_sample_pair_with_the_real_model(qtbot, make_window, pair) -> None:
    window = make_window(pair, factory=make_embedder)
    # the window is up and shows the texts before the model has loaded
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.view, timeout=10_000)
    assert window.view.left_pane.toPlainText().startswith("Palestinian children")
    with qtbot.waitSignal(window.comparison_ready, timeout=180_000) as ready:
        pass
    comparison = ready.args[0]
    assert comparison.model.semantic
    assert comparison.model.name == "all-MiniLM-L6-v2"
    assert window.model_label.text() == "Model: all-MiniLM-L6-v2"
    assert window.model_bar.isHidden()
    summary = comparison.summary
    assert summary.reworded + summary.minor_edit + summary.identical >= 10
    assert window.findings.count() == len(comparison.findings)
    assert window.summary.counts  # figures shown
    assert window.cancel_button.isHidden() and window.progress.isHidden()
