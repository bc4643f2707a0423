"""Is the comparison view fluid with a long pair? Opening, scrolling and jumping, per frame.

    python bench/bench_ui.py [--sizes 500,5000] [--steps 150] [--width 1400 --height 900]
                             [--window 20000]

Drives the real widgets offscreen (``viewer.ui.comparison_view.ComparisonView``, shown at the
given size with synchronised scrolling on) with a ``Comparison`` of a bench/corpus.py pair
made by ``compare()`` with the LexicalEmbedder (fast, deterministic; the view does not care
which embedder linked the sentences). For each size it times:

* set_documents: the texts shown before the alignment is ready (as the window does);
* set_comparison: tints, word marks, bands and markers, plus the first full repaint;
* settle: from set_comparison until the view is settled (both panes laid out in idle slices,
  rulers and scroll anchors final): the wall time, the time spent busy, and the longest single
  turn of the event loop (the longest the window could not answer);
* scrolling in the first seconds: the same opening again, with a wheel notch every 33 ms from
  the first moment on, while the panes are still being laid out: each frame is ``setValue``
  plus the posted events (the paint); the idle slices run between frames, and the longest
  turn of the event loop among them is what a wheel event may wait behind;
* scroll frames: the left pane's scroll bar moved by one wheel notch (3 lines), then
  ``processEvents``: the right pane follows (synchronised scrolling) and Qt paints every
  widget that changed, as one frame on screen; then each widget's synchronous ``repaint()``
  alone (both panes, the link map, the rulers), to show where the time goes;
* jump frames: the same after jumping to a random place (as a click on the ruler does);
* next change: ``next_change()`` (select and scroll to the next change), then the frame;
* the window (``--window``): a pair of files opened through the real ``MainWindow``: how soon
  the texts are in the panes, and the longest the GUI thread could not answer meanwhile,
  measured by a 2 ms timer (files are read and split on the reading thread).

Frame times are printed as median, 95th percentile and max, against the 16 ms of a 60 Hz
frame. The machine is shared: the load average is printed too.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("ARTICLE_DIFF_HOME", tempfile.mkdtemp(prefix="bench-ui-"))

FRAME_MS = 16.0


def load() -> str:
    return "{:.1f}/{:.1f}/{:.1f}".format(*os.getloadavg())


def stats(values: list[float]) -> str:
    v = sorted(values)
    p95 = v[min(len(v) - 1, round(0.95 * (len(v) - 1)))]
    over = sum(1 for x in v if x > FRAME_MS)
    worst = values.index(v[-1]) + 1
    return (f"median {statistics.median(v):6.1f}  p95 {p95:6.1f}  max {v[-1]:7.1f} ms "
            f"(frame {worst})  {over}/{len(v)} over {FRAME_MS:.0f} ms")


def comparison_for(n: int):  # type: ignore[no-untyped-def]
    from corpus import make_pair

    from viewer.engine.compare import compare
    from viewer.engine.embed import CachedEmbedder, LexicalEmbedder
    from viewer.services.documents import document_from_text

    pair = make_pair(n)
    left = document_from_text(pair.left_text, name=f"original-{n}.txt")
    right = document_from_text(pair.right_text, name=f"rewrite-{n}.txt")
    t0 = time.perf_counter()
    c = compare(left, right, embedder=CachedEmbedder(LexicalEmbedder(), None))
    return c, time.perf_counter() - t0


def PaintCounter(app):  # type: ignore[no-untyped-def]
    """An installed filter counting the paint events delivered (a frame really painted)."""
    from PySide6.QtCore import QEvent, QObject

    class Counter(QObject):
        count = 0

        def eventFilter(self, obj, event):  # type: ignore[no-untyped-def]
            if event.type() == QEvent.Type.Paint:
                self.count += 1
            return False

    counter = Counter()
    app.installEventFilter(counter)
    return counter


def settle_until_settled(app, view, limit_s: float = 20.0):  # type: ignore[no-untyped-def]
    """Process events until ``view.is_settled()``; returns (wall seconds, seconds busy, the
    longest single ``processEvents`` in seconds)."""
    start = time.perf_counter()
    busy = longest = 0.0
    while not view.is_settled() and time.perf_counter() - start < limit_s:
        t0 = time.perf_counter()
        app.processEvents()
        spent = time.perf_counter() - t0
        busy += spent
        longest = max(longest, spent)
        time.sleep(0.001)
    return time.perf_counter() - start, busy, longest


def settle(app, ms: float) -> float:  # type: ignore[no-untyped-def]
    """Process events for ``ms`` milliseconds; returns the time spent busy in them."""
    busy = 0.0
    end = time.perf_counter() + ms / 1000
    while time.perf_counter() < end:
        t0 = time.perf_counter()
        app.processEvents()
        busy += time.perf_counter() - t0
        time.sleep(0.002)  # a benchmark, not a test: let the timers come due
    return busy


def bench_size(app, n: int, steps: int, width: int, height: int) -> None:  # type: ignore[no-untyped-def]
    from viewer.ui.comparison_view import ComparisonView
    from viewer.ui.jobs import settle_garbage

    c, compare_s = comparison_for(n)
    print(f"\n{n:,} a side: {len(c.left_sentences):,} + {len(c.right_sentences):,} sentences, "
          f"{len(c.groups):,} groups, {len(c.links):,} links (lexical compare {compare_s:.1f} s)"
          f", load {load()}")
    view = ComparisonView()
    view.resize(width, height)
    view.set_sync_scrolling(True)
    view.show()
    settle(app, 200)

    parts = {"left pane": view.left_pane.viewport(), "right pane": view.right_pane.viewport(),
             "link map": view.link_map, "rulers": None}
    spent: dict[str, list[float]] = {k: [] for k in ["events", *parts]}

    def repaint_all() -> None:
        for name, w in parts.items():
            t = time.perf_counter()
            if w is None:
                view.left_overview.repaint()
                view.right_overview.repaint()
            else:
                w.repaint()
            spent[name].append((time.perf_counter() - t) * 1000)

    t0 = time.perf_counter()
    view.set_documents(c.left, c.right, c.left_sentences, c.right_sentences)
    app.processEvents()
    repaint_all()
    docs_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    view.set_comparison(c)
    settle_garbage()  # as the window does when a comparison arrives
    set_s = time.perf_counter() - t0
    app.processEvents()
    repaint_all()
    open_s = time.perf_counter() - t0
    wall, busy, longest = settle_until_settled(app, view)
    print(f"  set_documents + repaint            {docs_s * 1000:8.0f} ms")
    print(f"  set_comparison                     {set_s * 1000:8.0f} ms")
    print(f"  set_comparison + first repaint     {open_s * 1000:8.0f} ms   (target < 2,000)")
    print(f"  settled (laid out in idle slices, rulers, anchors) {(open_s + wall) * 1000:6.0f} ms "
          f"after set_comparison; busy {busy * 1000:.0f} ms; longest event-loop turn "
          f"{longest * 1000:.1f} ms")

    bar = view.left_pane.verticalScrollBar()
    notch = 3 * view.left_pane.fontMetrics().lineSpacing()

    # The same opening again, scrolled from the first moment on (sync scrolling on).
    bar.setValue(0)
    view.set_comparison(c)
    settle_garbage()
    app.processEvents()
    early, stalls = [], []
    value = 0
    start = time.perf_counter()
    while time.perf_counter() - start < 1.5:
        value = min(bar.maximum(), value + notch)
        t0 = time.perf_counter()
        bar.setValue(value)
        app.sendPostedEvents()  # the paint, without the idle slices that are due as well
        early.append((time.perf_counter() - t0) * 1000)
        until = time.perf_counter() + 0.033
        while time.perf_counter() < until:
            t0 = time.perf_counter()
            app.processEvents()
            stalls.append((time.perf_counter() - t0) * 1000)
            time.sleep(0.001)
    print(f"  scroll frames in the first 1.5 s   {stats(early)}")
    print(f"    longest event-loop turn between them (idle slices) {max(stalls):.1f} ms, "
          f"median {statistics.median(stalls):.1f} ms; settled within 1.5 s: "
          f"{view.is_settled()}")
    settle_until_settled(app, view)
    bar.setValue(0)
    app.processEvents()
    frames, maps = [], []
    value = 0
    for times in spent.values():
        times.clear()
    painted = PaintCounter(app)
    for _ in range(steps):
        value = min(bar.maximum(), value + notch)
        t0 = time.perf_counter()
        bar.setValue(value)
        app.processEvents()  # the right pane follows, and Qt paints what changed: one frame
        frames.append((time.perf_counter() - t0) * 1000)
        repaint_all()  # each widget's paint again, alone, to see where the time goes
        t0 = time.perf_counter()
        view.link_map.repaint()
        maps.append((time.perf_counter() - t0) * 1000)
    app.removeEventFilter(painted)
    print(f"  scroll frame (wheel notch)   {stats(frames)}")
    print(f"    {painted.count / steps:.1f} paint events per frame; each widget's repaint() "
          "alone (median ms): " + ", ".join(
              f"{k} {statistics.median(v):.1f}" for k, v in spent.items() if v))
    print(f"  link map repaint alone       {stats(maps)}")

    rng = random.Random(n)
    jumps = []
    for _ in range(max(10, steps // 3)):
        t0 = time.perf_counter()
        bar.setValue(rng.randint(0, bar.maximum()))
        app.processEvents()
        jumps.append((time.perf_counter() - t0) * 1000)
    print(f"  jump frame (random place)    {stats(jumps)}")

    bar.setValue(0)
    app.processEvents()
    nexts = []
    for _ in range(max(10, steps // 3)):
        t0 = time.perf_counter()
        view.next_change()
        app.processEvents()
        nexts.append((time.perf_counter() - t0) * 1000)
    print(f"  next change + repaint        {stats(nexts)}")
    view.close()
    view.deleteLater()
    app.processEvents()


def bench_window_open(app, n: int, width: int, height: int) -> None:  # type: ignore[no-untyped-def]
    """Open an ``n``-a-side pair of files through the real window: read and split on the
    reading thread while a 2 ms timer on the GUI thread measures how late it fires (the
    longest the window could not answer). The model is held back meanwhile (as if it were
    still loading), so that only reading competes with the GUI thread."""
    import threading

    from corpus import make_pair
    from PySide6.QtCore import QTimer

    from viewer.app import build_window
    from viewer.engine.embed import CachedEmbedder, LexicalEmbedder
    from viewer.services.documents import MAX_TEXT_CHARS

    folder = Path(tempfile.mkdtemp(prefix="bench-ui-files-"))
    pair = make_pair(n)
    left, right = folder / f"original-{n}.txt", folder / f"rewrite-{n}.txt"
    left.write_text(pair.left_text, encoding="utf-8")
    right.write_text(pair.right_text, encoding="utf-8")
    size = (left.stat().st_size + right.stat().st_size) / 1e6
    longest = max(len(pair.left_text), len(pair.right_text))
    if longest > MAX_TEXT_CHARS:  # the window would refuse it and the texts never come
        print(f"\nwindow: {n:,} a side skipped: a side holds {longest:,} characters, over the "
              f"readers' limit of {MAX_TEXT_CHARS:,}")
        return
    model_loaded = threading.Event()

    def factory():  # type: ignore[no-untyped-def]
        model_loaded.wait()
        return CachedEmbedder(LexicalEmbedder(), None)

    window = build_window((), embedder_factory=factory)
    # A known size, not the geometry an earlier run saved in this home (panes 90 px wide
    # once, which made the texts some 20 times taller than in a real window).
    window.resize(width + 420, height)  # the panes, plus the side panel
    settle(app, 300)
    shown = time.perf_counter
    blocks: list[float] = []
    before_texts: list[int] = []
    set_documents = window.view.set_documents

    def timed_set_documents(*args):  # type: ignore[no-untyped-def]
        before_texts.append(len(gaps))  # the ticks while reading, before the texts are put in
        t = shown()
        set_documents(*args)
        blocks.append(shown() - t)

    window.view.set_documents = timed_set_documents  # type: ignore[method-assign]
    gaps: list[float] = []
    last = [shown()]

    def tick() -> None:
        now = shown()
        gaps.append((now - last[0]) * 1000)
        last[0] = now

    probe = QTimer()
    probe.setInterval(2)
    probe.timeout.connect(tick)
    probe.start()
    t0 = shown()
    window.open_pair(left, right)
    while window.view.left_pane.sentence_count() == 0 and shown() - t0 < 120:
        app.processEvents()
        time.sleep(0.0005)
    texts_s = shown() - t0
    reading_gaps = gaps[: before_texts[0]] if before_texts else list(gaps)
    texts_in = len(gaps)
    while not window.view.is_settled() and shown() - t0 < 120:
        app.processEvents()
        time.sleep(0.0005)
    settled_s = shown() - t0
    probe.stop()
    if not blocks:  # refused or failed: say so instead of timing nothing
        print(f"\nwindow: {n:,} a side: the texts were not in the panes {texts_s:.0f} s after "
              f"open_pair (the window refused the files or reading failed)")
        model_loaded.set()
        window.close()
        return
    print(f"\nwindow: open {n:,} a side from files ({size:.1f} MB, "
          f"{window.view.left_pane.sentence_count():,} + "
          f"{window.view.right_pane.sentence_count():,} sentences; panes "
          f"{window.view.left_pane.viewport().width()} + "
          f"{window.view.right_pane.viewport().width()} px wide), load {load()}")
    print(f"  texts in the panes                 {texts_s * 1000:8.0f} ms after open_pair "
          f"(read and split on the reading thread)")
    print(f"  longest GUI-thread stall while reading {max(reading_gaps or [0]):6.1f} ms "
          f"(2 ms timer, {len(reading_gaps)} ticks); then putting the texts in the panes "
          f"(set_documents) {blocks[0] * 1000:.0f} ms")
    print(f"  panes laid out (idle slices)       {settled_s * 1000:8.0f} ms after open_pair; "
          f"longest stall after the texts {max(gaps[texts_in:] or [0]):.1f} ms")
    model_loaded.set()
    window.close()
    window.deleteLater()
    app.processEvents()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="500,5000")
    ap.add_argument("--steps", type=int, default=150)
    ap.add_argument("--width", type=int, default=1400)
    ap.add_argument("--height", type=int, default=900)
    ap.add_argument("--window", default="20000",
                    help="sizes to open from files through the real window ('' for none)")
    a = ap.parse_args()
    from viewer.ui.theme import guard_singleton_refcounts

    guard_singleton_refcounts()
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(["bench-ui"])
    app.setStyle("Fusion")
    print(f"bench_ui: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}, Qt platform {app.platformName()}, "
          f"view {a.width}x{a.height}, load {load()}")
    print(f"command: python {' '.join(sys.argv)}")
    from corpus import describe

    print(describe())
    for n in [int(s) for s in a.sizes.split(",") if s.strip()]:
        bench_size(app, n, a.steps, a.width, a.height)
    for n in [int(s) for s in a.window.split(",") if s.strip()]:
        bench_window_open(app, n, a.width, a.height)
    print(f"\nload average at the end: {load()}")


if __name__ == "__main__":
    main()
