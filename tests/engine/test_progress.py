"""Long comparisons report progress with counts and stop promptly when cancelled.

A book-length pair (5,000 sentences a side, from bench/corpus.py: real prose shuffled and
edited deterministically) compared with the fast LexicalEmbedder. How long a cancel takes in
seconds is measured by bench/bench_scale.py; here the work done after the flag is counted.
"""

from __future__ import annotations

import pytest

from bench.corpus import make_pair
from viewer.engine.compare import compare
from viewer.engine.embed import CachedEmbedder, LexicalEmbedder
from viewer.engine.progress import Cancelled
from viewer.services.documents import document_from_text

pytestmark = pytest.mark.slow
SIZE = 5000


@pytest.fixture(scope="module")
def book():
    pair = make_pair(SIZE)
    assert pair.left_count == SIZE and pair.right_count > SIZE * 0.9
    return (document_from_text(pair.left_text, name="original"),
            document_from_text(pair.right_text, name="rewrite"))


def lexical() -> CachedEmbedder:
    return CachedEmbedder(LexicalEmbedder(), None)


def test_progress_counts_embedding_and_alignment(book):
    events: list[tuple[str, int, int]] = []
    c = compare(*book, embedder=lexical(), progress=lambda *e: events.append(e))
    texts = {s.text for s in c.left_sentences} | {s.text for s in c.right_sentences}
    assert len(c.left_sentences) > 4500 and len(c.links) > 4000

    embed = [(d, t) for p, d, t in events if p == "embed"]
    first_total = embed[0][1]
    first_run = [e for e in embed if e[1] == first_total]
    assert first_total == len(texts)  # every distinct sentence, counted once
    assert len(first_run) >= 10  # a count every few hundred sentences, not one at the end
    assert [d for d, _ in first_run] == sorted(d for d, _ in first_run)
    assert first_run[-1] == (first_total, first_total)

    align = [(d, t) for p, d, t in events if p == "align"]
    assert len(align) >= 3, "a long pair is aligned in windows, each reported"
    assert all(0 < d <= t for d, t in align)
    assert [d for d, _ in align] == sorted(d for d, _ in align)
    assert align[-1][0] == align[-1][1]
    first_align = next(k for k, e in enumerate(events) if e[0] == "align")
    assert all(p == "embed" for p, _, _ in events[:first_align])  # phases in order


def _cancel_during(book, phase: str, after: int):
    """Compare, setting the flag at the ``after``-th progress event of ``phase``; returns the
    events seen after the flag was set."""
    flag = {"set": False}
    seen = {"n": 0}
    late: list[tuple[str, int, int]] = []

    def progress(p: str, done: int, total: int) -> None:
        if flag["set"]:
            late.append((p, done, total))
        elif p == phase:
            seen["n"] += 1
            if seen["n"] >= after:
                flag["set"] = True

    with pytest.raises(Cancelled):
        compare(*book, embedder=lexical(), progress=progress, cancel=lambda: flag["set"])
    assert flag["set"]
    return late


def test_cancel_during_embedding_stops_before_the_next_batch(book):
    late = _cancel_during(book, "embed", after=3)
    assert late == []  # not one more batch embedded, nothing aligned


def test_cancel_during_alignment_stops_before_the_next_window(book):
    late = _cancel_during(book, "align", after=1)
    assert late == []  # no further window, no groups, no findings
