"""Memory is bounded by the sentence count as well as the character count (issue 15, point 2).

The worst case itself (peak RSS at the limits, with the model and in lexical mode) is measured
by ``bench/bench_memory.py``; these tests check the limits and that no step builds a matrix
that grows with a whole side when it should be bounded by a block."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import numpy as np
import pytest

from viewer.engine.align_features import PairScorer
from viewer.engine.compare import compare
from viewer.engine.limits import MAX_SENTENCES, TooManySentences
from viewer.services.documents import DocumentError, document_from_text, read_document
from viewer.services.workflow import split_document


def test_more_paragraphs_than_the_sentence_limit_is_refused_when_read(tmp_path: Path) -> None:
    path = tmp_path / "letters.txt"
    letters = "abcdefghijklmnopqrstuvwxyz"
    path.write_text("\n\n".join(letters[k % 26] for k in range(MAX_SENTENCES + 1)), encoding="utf-8")
    assert path.stat().st_size < 3_000_000 / 10  # far under the character limit
    with pytest.raises(DocumentError) as caught:
        read_document(path)
    assert caught.value.reason == "too_large"
    assert f"{MAX_SENTENCES + 1:,} paragraphs" in caught.value.message
    assert f"up to {MAX_SENTENCES:,} sentences a side" in caught.value.message


def test_more_sentences_than_the_limit_stops_the_split(lexical_embedder) -> None:  # type: ignore[no-untyped-def]
    per_paragraph = 50
    paragraphs = (MAX_SENTENCES // per_paragraph) + 1
    text = "\n\n".join(" ".join(f"Item {k}." for k in range(per_paragraph)) for _ in range(paragraphs))
    doc = document_from_text(text, name="many.txt")
    with pytest.raises(DocumentError) as caught:
        split_document(doc)
    assert "too many sentences" in caught.value.message and "many.txt" in caught.value.message
    small = document_from_text("One sentence. Another one.")
    with pytest.raises(TooManySentences) as over:  # the engine's own guard, before embedding
        compare(doc, small, embedder=lexical_embedder)
    assert over.value.side == "left" and over.value.count > MAX_SENTENCES


def test_strong_pairs_scores_a_bounded_block_however_many_columns() -> None:
    rng = np.random.default_rng(0)
    n, m, d = 1100, 20_000, 8
    el = rng.standard_normal((n, d)).astype(np.float32)
    er = rng.standard_normal((m, d)).astype(np.float32)
    el /= np.linalg.norm(el, axis=1, keepdims=True)
    er /= np.linalg.norm(er, axis=1, keepdims=True)
    scorer = PairScorer(["x"] * n, ["y"] * m, el, er, 0.0, 0.0)
    tracemalloc.start()
    try:
        pairs = scorer.strong_pairs(list(range(n)), list(range(m)), 0.9)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert pairs  # it still finds the strong pairs
    # 1,100 x 20,000 pairs in one block would be 88 MB a copy and several copies.
    assert peak < 64 * 2**20, f"peak {peak / 2**20:.0f} MB"
