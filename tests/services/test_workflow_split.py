"""``split_document``: the sentences ``split_sentences`` gives, split a group of paragraphs at
a time so that a window can follow the progress and cancel."""

from __future__ import annotations

from pathlib import Path

import pytest

from viewer.engine.progress import Cancelled
from viewer.engine.segment import split_sentences
from viewer.services.documents import document_from_text, read_document
from viewer.services.workflow import SPLIT_CHUNK_BLOCKS, split_document

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def _book():  # type: ignore[no-untyped-def]
    text = (SEEDS / "rewrite.txt").read_text(encoding="utf-8")
    return document_from_text("\n\n".join(f"Part {n}.\n\n{text}" for n in range(1, 9)))


@pytest.mark.parametrize("mode", ["auto", "lines"])
def test_the_same_sentences_as_splitting_at_once(mode):
    for document in (read_document(SEEDS / "original.txt"), _book()):
        assert split_document(document, mode) == split_sentences(document, mode)
    assert len(_book().blocks) > 2 * SPLIT_CHUNK_BLOCKS  # several groups really were split


def test_progress_counts_paragraphs_up_to_all_of_them():
    document = _book()
    seen = []
    split_document(document, progress=lambda phase, done, total: seen.append((phase, done,
                                                                              total)))
    total = len(document.blocks)
    assert seen[0] == ("split", 0, total) and seen[-1] == ("split", total, total)
    assert [d for _, d, _ in seen] == sorted(d for _, d, _ in seen)
    assert len(seen) >= 3


def test_cancel_stops_between_groups_of_paragraphs():
    document = _book()
    calls = []

    def cancel() -> bool:
        calls.append(1)
        return len(calls) > 2

    with pytest.raises(Cancelled):
        split_document(document, cancel=cancel)
    assert len(calls) == 3
