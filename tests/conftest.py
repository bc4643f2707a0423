"""Shared test set-up: offscreen Qt, a private home for settings and cache, the real model."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ["ARTICLE_DIFF_HOME"] = _HOME = tempfile.mkdtemp(prefix="article-diff-test-home-")
atexit.register(shutil.rmtree, _HOME, ignore_errors=True)  # a run leaves no settings behind

import pytest
from hypothesis import settings

# Generated cases: random on a developer's machine (to find new failures), the same every run
# in CI (CI set), so that a submission's result does not depend on the draw. A failure found
# locally is kept as an @example on its test.
settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
settings.load_profile("ci" if os.environ.get("CI") else "default")

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def seeds() -> Path:
    """The folder holding the sample pair: original.txt and rewrite.txt."""
    return SEEDS


@pytest.fixture(scope="session")
def real_embedder():
    """The bundled all-MiniLM-L6-v2, loaded once for the whole run (with the on-disk cache)."""
    from viewer.services.workflow import make_embedder

    embedder = make_embedder()
    assert embedder.info.semantic, f"the bundled model did not load: {embedder.info.note}"
    return embedder


@pytest.fixture(scope="session")
def lexical_embedder():
    """A fast deterministic embedder for tests that need links but not meaning."""
    from viewer.engine.embed import CachedEmbedder, LexicalEmbedder

    return CachedEmbedder(LexicalEmbedder(), None)


@pytest.fixture(scope="session")
def sample_comparison(real_embedder):
    """The sample pair compared with the real model at the default sensitivity."""
    from viewer.engine.compare import compare
    from viewer.services.documents import read_document

    return compare(
        read_document(SEEDS / "original.txt"),
        read_document(SEEDS / "rewrite.txt"),
        embedder=real_embedder,
    )
