"""Files are read and split on a thread of their own: the window keeps answering while a long
article is read, shows what it is reading, can cancel it, lets the newest request win, and
still names a file it cannot read."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer

from tests.ui.window.window_helpers import TIMEOUT, wait_for_comparison
from viewer.engine.segment import split_sentences
from viewer.services import documents, workflow

SEEDS = Path(__file__).resolve().parents[3] / "seeds"


@pytest.fixture
def book(tmp_path: Path) -> Path:
    """A long article: the sample original, 60 numbered chapters (about 1,300 sentences)."""
    text = (SEEDS / "original.txt").read_text(encoding="utf-8")
    path = tmp_path / "book.txt"
    path.write_text("\n\n".join(f"Chapter {n}.\n\n{text}" for n in range(1, 61)),
                    encoding="utf-8")
    return path


class Gate:
    """Holds a function at its call, on whatever thread calls it, until ``open()``."""

    def __init__(self, function):  # type: ignore[no-untyped-def]
        self.function = function
        self.entered = threading.Event()
        self.released = threading.Event()
        self.threads: list[threading.Thread] = []
        self.calls = 0

    def __call__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        self.calls += 1
        self.threads.append(threading.current_thread())
        self.entered.set()
        if not self.released.wait(TIMEOUT / 1000):  # never hang the test run
            raise TimeoutError("the gate was never opened")
        return self.function(*args, **kwargs)

    def open(self) -> None:
        self.released.set()


@pytest.fixture
def gated(qtbot, make_window, pair, monkeypatch):  # type: ignore[no-untyped-def]
    """The sample pair compared in a window; then every file read waits at a gate."""
    window = make_window(pair)
    first = wait_for_comparison(qtbot, window)
    gate = Gate(documents.read_document)
    monkeypatch.setattr(documents, "read_document", gate)
    return window, first, gate


def test_the_window_keeps_answering_while_a_long_file_is_read(qtbot, gated, book) -> None:
    window, first, gate = gated
    ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(5)
    window.open_side("right", book)
    qtbot.waitUntil(gate.entered.is_set, timeout=TIMEOUT)
    # The reading thread is held inside read_document: the GUI thread runs on.
    qtbot.waitUntil(lambda: len(ticks) >= 5, timeout=TIMEOUT)
    assert gate.threads[0] is not threading.main_thread()
    qtbot.waitUntil(lambda: "book.txt" in window.indicator.label.text())
    assert window.indicator.label.text() == "Reading “book.txt”…"
    assert not window.cancel_button.isHidden() and window.acts.cancel.isEnabled()
    assert window.comparison() is first and window.view.comparison() is first
    gate.open()
    with qtbot.waitSignal(window.comparison_ready, timeout=TIMEOUT) as ready:
        pass
    timer.stop()
    right = ready.args[0].right
    assert right.path == str(book)
    assert ready.args[0].right_sentences == split_sentences(right)
    assert window.view.right_pane.sentence_count() == len(ready.args[0].right_sentences)
    assert window.windowTitle() == "Article Diff — original.txt ↔ book.txt"


def test_the_empty_window_says_what_it_is_reading(qtbot, make_window, pair, monkeypatch) -> None:
    gate = Gate(documents.read_document)
    monkeypatch.setattr(documents, "read_document", gate)
    window = make_window(pair)
    qtbot.waitUntil(gate.entered.is_set, timeout=TIMEOUT)
    assert window.stack.currentWidget() is window.empty_state
    left, right = window.empty_state.side_names()
    assert left == "Reading “original.txt”…" and right == "Reading “rewrite.txt”…"
    gate.open()
    wait_for_comparison(qtbot, window)
    assert window.stack.currentWidget() is window.view


def test_cancel_while_reading_keeps_what_is_on_screen(qtbot, gated, pair, book) -> None:
    window, first, gate = gated
    changed = []
    window.documents_changed.connect(lambda: changed.append(1))
    window.open_pair(book, pair[1])
    qtbot.waitUntil(gate.entered.is_set, timeout=TIMEOUT)
    with qtbot.waitSignal(window.reader.cancelled, timeout=TIMEOUT):
        window.cancel_button.click()
    assert window.cancel_button.isHidden() and window.indicator.label.isHidden()
    assert "cancelled" in window.statusBar().currentMessage()
    gate.open()  # the thread finishes reading the file, sees the flag and stops
    assert window.reader.wait_for_idle(TIMEOUT)
    qtbot.wait(50)  # a late result would arrive now: there must be none
    assert changed == [] and gate.calls == 1  # the rewrite was never read
    assert window.documents()[0].path == str(pair[0])
    assert window.comparison() is first and window.view.comparison() is first
    assert window.runner.latest_id == 1


def test_cancel_while_splitting_stops_between_paragraphs(qtbot, make_window, pair, book,
                                                         monkeypatch) -> None:
    window = make_window(pair)
    first = wait_for_comparison(qtbot, window)
    chunks = []
    split_gate = Gate(split_sentences)

    def counting_split(document, mode="auto", language=""):  # type: ignore[no-untyped-def]
        chunks.append(len(document.blocks))
        return (split_gate if len(chunks) == 2 else split_sentences)(document, mode, language)

    monkeypatch.setattr(workflow, "split_sentences", counting_split)
    window.open_side("left", book)
    qtbot.waitUntil(split_gate.entered.is_set, timeout=TIMEOUT)  # in the second group
    with qtbot.waitSignal(window.reader.cancelled, timeout=TIMEOUT):
        window.acts.cancel.trigger()
    split_gate.open()
    assert window.reader.wait_for_idle(TIMEOUT)
    qtbot.wait(50)
    blocks = len(documents.read_document(book).blocks)
    assert blocks > 3 * workflow.SPLIT_CHUNK_BLOCKS
    assert len(chunks) == 2  # the job stopped at the next group of paragraphs
    assert window.documents()[0].path == str(pair[0])
    assert window.comparison() is first


def test_the_newest_request_wins_and_a_bad_file_still_gets_its_message(
        qtbot, gated, pair, book, tmp_path) -> None:
    window, first, gate = gated
    window.open_side("right", book)  # held at the gate
    qtbot.waitUntil(gate.entered.is_set, timeout=TIMEOUT)
    blob = tmp_path / "notes.txt"
    blob.write_bytes(bytes(range(256)) * 64)
    window.open_side("right", blob)  # the newer request: queued behind the held one
    gate.open()
    with qtbot.waitSignal(window.message_shown, timeout=TIMEOUT):
        pass
    assert "“notes.txt”" in window.message_bar.message()
    assert window.reader.wait_for_idle(TIMEOUT)
    qtbot.wait(50)
    assert window.documents()[1].path == str(pair[1])  # the book's result was dropped
    assert window.comparison() is first and window.runner.latest_id == 1


def test_reload_keeps_a_file_that_fails_and_says_so(qtbot, make_window, pair) -> None:
    window = make_window(pair)
    wait_for_comparison(qtbot, window)
    left, right = pair
    right.write_text(right.read_text(encoding="utf-8") + "\n\nOne more sentence on disk.\n",
                     encoding="utf-8")
    left.unlink()
    with qtbot.waitSignal(window.comparison_ready, timeout=TIMEOUT) as ready:
        window.reload()
    assert "One more sentence on disk." in ready.args[0].right.text
    assert ready.args[0].left.path == str(left)  # kept from before
    assert "“original.txt”" in window.message_bar.message()


def test_the_comparison_uses_the_sentences_the_reading_thread_split(qtbot, make_window, pair,
                                                                     monkeypatch) -> None:
    """A long book is split once, on the reading thread, not a second time by the comparison."""
    from viewer.engine import compare as compare_module

    calls = []
    monkeypatch.setattr(compare_module, "split_sentences",
                        lambda *a, **k: calls.append(a) or split_sentences(*a, **k))
    window = make_window(pair)
    comparison = wait_for_comparison(qtbot, window)
    left, right = window._sides
    assert comparison.left_sentences is left.sentences
    assert comparison.right_sentences is right.sentences
    assert calls == []
