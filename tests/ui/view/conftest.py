"""Fixtures for the comparison-view tests: real documents, real comparisons, a shown view."""

from __future__ import annotations

import os
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("ARTICLE_DIFF_HOME", tempfile.mkdtemp(prefix="article-diff-view-test-"))

from pathlib import Path

import pytest

from viewer.ui.theme import guard_singleton_refcounts

guard_singleton_refcounts()  # before pytest-qt makes its QApplication

from tests.ui.view.view_helpers import make_view
from viewer.engine.compare import compare
from viewer.engine.embed import LexicalEmbedder
from viewer.engine.model import Comparison
from viewer.services.documents import document_from_text, read_document
from viewer.ui.comparison_view import ComparisonView

SEEDS = Path(__file__).resolve().parents[3] / "seeds"

CRAFTED_LEFT = """City Council Passes Budget

The council approved the new budget on Tuesday after a long debate. Officials said the vote was close.

Local schools will receive more funding next year. The mayor praised the teachers for their patience during the strike.

Residents complained about dangerous potholes on Main Street near the old railway bridge. The river flooded twice last spring, damaging dozens of homes.

A spokesman for the city declined to comment on the pending lawsuit from the contractor."""

CRAFTED_RIGHT = """City Council Passes Budget

The council approved the new budget on Tuesday after a long debate. Officials said the vote was very close.

A spokesman for the city declined to comment on the pending lawsuit from the contractor.

Local schools will receive more funding next year. The mayor praised the teachers for their patience during the strike.

Residents grumbled about dangerous potholes on Main Street close to the old railway bridge, calling them a hazard for cyclists. A new bakery opened downtown on Friday."""


IDENTICAL = Path(__file__).resolve().parents[2] / "data" / "identical"
"""Council notes (real files): an identical heading, then per item a reworded first and last
sentence around three identical ones; items 3 and 4 join into one run of eight identical
sentences across a paragraph break."""


@pytest.fixture(scope="session")
def repeated() -> Comparison:
    """The council notes compared: runs of identical sentences between changed ones."""
    return compare(read_document(IDENTICAL / "notes-v1.txt"),
                   read_document(IDENTICAL / "notes-v2.txt"), embedder=LexicalEmbedder())


@pytest.fixture(scope="session")
def sample_lexical() -> Comparison:
    """The sample pair (real files) compared with the fast deterministic lexical embedder."""
    return compare(
        read_document(SEEDS / "original.txt"),
        read_document(SEEDS / "rewrite.txt"),
        embedder=LexicalEmbedder(),
    )


@pytest.fixture(scope="session")
def crafted() -> Comparison:
    """A small pair with every kind: identical, minor edit, reworded, moved, omitted, added."""
    return compare(
        document_from_text(CRAFTED_LEFT, name="council-v1.txt"),
        document_from_text(CRAFTED_RIGHT, name="council-v2.txt"),
        embedder=LexicalEmbedder(),
    )


@pytest.fixture
def sample_view(qtbot, sample_lexical) -> ComparisonView:
    return make_view(qtbot, sample_lexical)


@pytest.fixture
def crafted_view(qtbot, crafted) -> ComparisonView:
    return make_view(qtbot, crafted)
