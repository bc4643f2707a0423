"""A long pair in the view: laid out in idle slices (the window keeps answering), linked
sentences level even before the layout is done, and what is on screen after scrolling by
moved pixels is what a full repaint draws."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from tests.ui.view.view_helpers import make_view
from viewer.engine.compare import compare
from viewer.engine.embed import LexicalEmbedder
from viewer.engine.model import Comparison
from viewer.services.documents import document_from_text
from viewer.ui.jobs import settle_garbage
from viewer.ui.sync_scroll import sync_fraction

SEEDS = Path(__file__).resolve().parents[3] / "seeds"
COPIES = 40  # 880 + 1,720 sentences, 154,000 characters on the left: laid out in slices
TIMEOUT = 20_000


@pytest.fixture(scope="module")
def long_pair() -> Comparison:
    """The sample pair's texts, each chapter numbered so that no two are the same."""

    def book(name: str) -> str:
        text = (SEEDS / name).read_text(encoding="utf-8")
        return "\n\n".join(f"Chapter {n}.\n\n{text}" for n in range(1, COPIES + 1))

    return compare(
        document_from_text(book("original.txt"), name="original-book.txt"),
        document_from_text(book("rewrite.txt"), name="rewrite-book.txt"),
        embedder=LexicalEmbedder(),
    )


def _level(view, group) -> float:  # type: ignore[no-untyped-def]
    """Scroll the left pane so that the synchronised point is on the group's first line; how far
    apart the two sides of the group are then, in pixels.

    The point is put at or just below the group's top, never above it: between two groups the
    map can be steep (a gap of 20 px on the left before a group that follows an insertion of
    1,600 px on the right maps to all of it), so half a pixel of rounding above the top would
    measure the insertion, not the group, and by how much would depend on the font's metrics."""
    left, right = view.left_pane, view.right_pane
    top, first_bottom = left.first_line_span(group.left[0])
    bar = left.verticalScrollBar()
    total = bar.maximum() + left.viewport().height()
    bar.setValue(math.ceil(top * bar.maximum() / total))
    point = bar.value() + sync_fraction(bar.value(), bar.maximum()) * left.viewport().height()
    assert top <= point < first_bottom, (top, point, first_bottom)
    src_y = top - bar.value()
    dst_y = right.sentence_span(group.right[0])[0] - right.verticalScrollBar().value()
    return abs(src_y - dst_y)


def test_a_long_pair_is_laid_out_in_idle_slices_while_events_flow(qtbot, long_pair):
    view = make_view(qtbot, None, width=1200, height=700)
    ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(view.is_settled()))
    timer.start(0)
    slices = []
    view.left_pane.layout_progressed.connect(lambda: slices.append(1))
    view.set_comparison(long_pair)
    assert not view.left_pane.layout_complete() and not view.is_settled()
    assert view.left_overview.ticks() == ()  # the rulers wait for the whole layout
    with qtbot.waitSignal(view.settled, timeout=TIMEOUT):
        pass
    timer.stop()
    assert len(slices) >= 3  # the left pane alone took several slices
    assert ticks.count(False) >= len(slices)  # and the timer ran between them
    assert view.left_pane.layout_complete() and view.right_pane.layout_complete()
    changed = [k for k in view.left_pane.content().kinds if k is not None]
    assert 0 < len(view.left_overview.ticks()) <= len(changed)
    document = view.left_pane.document()
    height = round(document.documentLayout().documentSize().height())
    # the scroll range is the final one (plus the padding that levels the two tails)
    assert view.left_pane.content_height() - view.left_pane.bottom_padding() == height


def test_linked_sentences_are_level_before_and_after_the_layout_is_done(qtbot, long_pair):
    view = make_view(qtbot, long_pair, width=1000, height=600)
    assert not view.is_settled()
    groups = [g for g in long_pair.groups if not g.moved]
    early = groups[len(groups) // 10]  # well inside what the idle pass has not reached yet
    assert view.left_pane.measured_count() <= early.left[0]
    assert _level(view, early) <= 3
    assert not view.is_settled()
    qtbot.waitUntil(view.is_settled, timeout=TIMEOUT)
    for group in (early, groups[len(groups) // 2], groups[-5]):
        assert _level(view, group) <= 3, group


def _window_image(view) -> QImage:  # type: ignore[no-untyped-def]
    """What the window's backing store holds: what is on screen."""
    return QApplication.primaryScreen().grabWindow(view.winId()).toImage()


def _same(a: QImage, b: QImage) -> bool:
    """Equal but for antialiasing: no pixel differs by more than a few levels."""
    if a.size() != b.size():
        return False
    for y in range(a.height()):
        for x in range(0, a.width(), 2):
            p, q = a.pixelColor(x, y), b.pixelColor(x, y)
            if max(abs(p.red() - q.red()), abs(p.green() - q.green()),
                   abs(p.blue() - q.blue())) > 24:
                return False
    return True


def test_scrolled_pixels_match_a_full_repaint(qtbot, long_pair):
    """The panes are scrolled by moving pixels and repaint only what changed (the strip that
    comes into view, the outline of a new selection): the result must be what a full repaint
    draws."""
    view = make_view(qtbot, long_pair, width=900, height=500)
    qtbot.waitUntil(view.is_settled, timeout=TIMEOUT)
    settle_garbage()
    bar = view.left_pane.verticalScrollBar()
    notch = 3 * view.left_pane.fontMetrics().lineSpacing()
    for step in range(6):
        if step % 2:
            view.next_change()
        else:
            bar.setValue(bar.value() + notch)
        QApplication.processEvents()
        shown = _window_image(view)
        view.repaint()
        for widget in view.findChildren(type(view.left_pane.viewport())):
            widget.repaint()
        QApplication.processEvents()
        assert _same(shown, _window_image(view)), f"step {step}"
