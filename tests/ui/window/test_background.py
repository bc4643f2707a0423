"""Background work: the slider re-aligns after a pause, the newest request wins, Cancel keeps
the comparison, and closing mid-comparison leaves no thread running."""

from __future__ import annotations

from tests.ui.window.window_helpers import (
    TIMEOUT,
    GatedEmbedder,
    lexical_factory,
    wait_for_comparison,
)


def test_slider_realigns_once_after_the_pause(qtbot, make_window, pair) -> None:
    window = make_window(pair)
    first = wait_for_comparison(qtbot, window)
    assert first.sensitivity == 0.5
    requests = window.runner.latest_id
    with qtbot.waitSignal(window.comparison_ready, timeout=TIMEOUT) as ready:
        for value in (60, 70, 85):
            window.slider.setValue(value)
        assert window.runner.latest_id == requests  # debounced: nothing asked yet
    assert ready.args[0].sensitivity == 0.85
    assert window.runner.latest_id == requests + 1  # one request for three moves
    assert window.slider_value.text() == "0.85"
    # a stricter threshold links fewer pairs of the sample
    assert len(ready.args[0].links) != len(first.links)


def test_stale_result_is_dropped_and_only_the_newest_is_shown(qtbot, make_window, pair) -> None:
    window = make_window(pair)
    wait_for_comparison(qtbot, window)
    shown = []
    window.comparison_ready.connect(shown.append)
    window.slider.setValue(30)
    window.debounce.timeout.emit()  # request 2, without waiting for the pause
    # Request 2 finishes in the worker; its result waits in the GUI thread's event queue...
    assert window.runner.wait_for_idle(TIMEOUT)
    # ...when request 3 arrives and makes it stale.
    window.slider.setValue(90)
    window.debounce.timeout.emit()
    assert window.runner.latest_id == 3
    qtbot.waitUntil(lambda: len(shown) == 1, timeout=TIMEOUT)
    assert window.runner.wait_for_idle(TIMEOUT)
    qtbot.wait(50)  # any other queued result would arrive now: there must be none
    assert window.runner.stale_results == 1
    assert [c.sensitivity for c in shown] == [0.9]
    assert window.comparison() is shown[0]
    assert window.view.comparison() is shown[0]


def test_cancel_keeps_the_previous_comparison(qtbot, make_window, pair) -> None:
    gated = GatedEmbedder(obey_cancel=True)
    gated.gate.set()
    window = make_window(pair, factory=lambda: gated)
    first = wait_for_comparison(qtbot, window)
    gated.gate.clear()
    gated.entered.clear()
    window.slider.setValue(20)
    window.debounce.timeout.emit()
    qtbot.waitUntil(gated.entered.is_set, timeout=TIMEOUT)
    assert not window.cancel_button.isHidden()
    with qtbot.waitSignal(window.runner.cancelled, timeout=TIMEOUT):
        window.cancel_button.click()
    assert window.cancel_button.isHidden()
    assert window.comparison() is first
    assert window.view.comparison() is first


def test_closing_during_a_comparison_cancels_and_joins_the_worker(qtbot, make_window,
                                                                   pair) -> None:
    gated = GatedEmbedder(obey_cancel=True)
    window = make_window(pair, factory=lambda: gated)
    qtbot.waitUntil(gated.entered.is_set, timeout=TIMEOUT)
    assert window.runner.active_threads() == 1
    assert window.runner.is_busy()
    window.close()
    assert window.runner.active_threads() == 0
    assert gated.finished_calls == 1  # the job saw the cancel flag and stopped
    assert window.comparison() is None


def test_the_model_loads_once_for_many_comparisons(qtbot, make_window, pair) -> None:
    made = []

    def factory():  # type: ignore[no-untyped-def]
        made.append(1)
        return lexical_factory()

    window = make_window(pair, factory=factory)
    wait_for_comparison(qtbot, window)
    with qtbot.waitSignal(window.comparison_ready, timeout=TIMEOUT):
        window.swap_sides()
    with qtbot.waitSignal(window.comparison_ready, timeout=TIMEOUT):
        window.reload()
    assert made == [1]


def test_a_failing_model_factory_falls_back_and_says_why(qtbot, make_window, pair) -> None:
    def broken():  # type: ignore[no-untyped-def]
        raise OSError("no space left on device")

    window = make_window(pair, factory=broken)
    comparison = wait_for_comparison(qtbot, window)
    assert not comparison.model.semantic
    assert "no space left on device" in window.model_bar.message()


def test_garbage_from_an_earlier_comparison_is_freed_by_the_next(qtbot, make_window, pair) -> None:
    """A comparison on screen is exempted from automatic collections (smooth scrolling), but a
    reference cycle left over from it must not live for the rest of the session."""
    import gc
    import weakref

    class Node:
        pass

    window = make_window(pair)
    wait_for_comparison(qtbot, window)  # settles garbage and freezes what is alive
    cycle = Node()
    cycle.me = cycle  # type: ignore[attr-defined]
    alive = weakref.ref(cycle)
    with qtbot.waitSignal(window.comparison_ready, timeout=TIMEOUT):
        window.slider.setValue(70)  # a new comparison arrives: settles and freezes again
    del cycle
    assert alive() is not None  # frozen with that comparison: no automatic collection sees it
    gc.collect()
    assert alive() is not None
    with qtbot.waitSignal(window.comparison_ready, timeout=TIMEOUT):
        window.slider.setValue(40)  # the next comparison returns it to the collector
    assert alive() is None
