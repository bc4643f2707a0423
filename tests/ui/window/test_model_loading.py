"""Loading the sentence model: the first launch says it is a one-time preparation and shows
its real steps; later launches only open what the first one kept."""

from __future__ import annotations

import threading

import pytest

from tests.ui.window.window_helpers import TIMEOUT, lexical_factory
from viewer.engine.progress import MODEL_STEPS


def _percent_and_label(window) -> tuple[int, str]:  # type: ignore[no-untyped-def]
    return window.progress.value(), window.indicator.label.text()


def test_the_first_launch_says_it_is_a_one_time_preparation_and_counts_its_steps(
        qtbot, make_window) -> None:
    """A factory that goes through the first launch's phases one at a time (each waits at a
    gate): the status bar names each step with 'step n of 6' and a bar that only moves
    forward, and the message bar says the preparation is done once."""
    gates = [threading.Event() for _ in MODEL_STEPS]

    def factory(progress=None):  # type: ignore[no-untyped-def]
        for phase, gate in zip(MODEL_STEPS, gates):
            progress(phase, 0, 1)
            assert gate.wait(TIMEOUT / 1000)
        return lexical_factory()

    window = make_window(factory=factory)
    seen: list[tuple[int, str]] = []
    for n, gate in enumerate(gates, start=1):
        qtbot.waitUntil(lambda n=n: f"step {n} of 6" in window.indicator.label.text(),
                        timeout=TIMEOUT)
        assert not window.progress.isHidden() and window.progress.maximum() == 100
        seen.append(_percent_and_label(window))
        message = window.model_bar.message()
        assert "First launch" in message and "done once" in message
        gate.set()
    with qtbot.waitSignal(window.runner.model_ready, timeout=TIMEOUT):
        pass
    percents = [p for p, _ in seen]
    assert percents == sorted(percents) and percents[0] == 0 and percents[-1] > 90
    assert len({label for _, label in seen}) == len(MODEL_STEPS)  # each step named
    assert "first launch only" in seen[0][1]
    assert window.progress.isHidden()


def test_a_later_launch_does_not_announce_a_preparation(qtbot, make_window) -> None:
    def factory(progress=None):  # type: ignore[no-untyped-def]
        for phase in MODEL_STEPS[-2:]:
            progress(phase, 0, 1)
        return lexical_factory()

    window = make_window(factory=factory)
    labels: list[str] = []
    window.runner.model_progressed.connect(
        lambda *_: labels.append(window.indicator.label.text()))
    with qtbot.waitSignal(window.runner.model_ready, timeout=TIMEOUT):
        pass
    assert "First launch" not in window.model_bar.message()  # (it warns of the stand-in)
    assert labels == ["Loading the model: step 1 of 2, opening it…",
                      "Loading the model: step 2 of 2, preparing language detection…"]


@pytest.mark.slow
def test_the_real_first_launch_reports_every_phase_then_a_second_launch_only_opens(
        qtbot, make_window, pair) -> None:
    """The real model in a fresh cache (this test's own home): the ONNX export and int8
    quantization are reported step by step; a second window finds them kept and only opens
    the model and warms up the language detector."""
    from viewer.services.workflow import make_model_switch

    phases: list[str] = []
    window = make_window(pair, factory=make_model_switch)
    window.runner.model_progressed.connect(lambda phase, done, total: phases.append(phase))
    qtbot.waitUntil(lambda: "First launch" in window.model_bar.message(), timeout=TIMEOUT)
    with qtbot.waitSignal(window.comparison_ready, timeout=180_000) as ready:
        pass
    assert ready.args[0].model.semantic
    assert phases == list(MODEL_STEPS)
    assert window.model_bar.isHidden()
    window.close()

    phases.clear()
    again = make_window(pair, factory=make_model_switch)
    again.runner.model_progressed.connect(lambda phase, done, total: phases.append(phase))
    with qtbot.waitSignal(again.comparison_ready, timeout=60_000):
        pass
    assert phases == list(MODEL_STEPS[-2:])
    assert again.model_bar.isHidden()
