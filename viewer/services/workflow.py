"""The headless comparison workflow shared by the command line and the window's workers."""

from __future__ import annotations

import os
from typing import Optional, Union

from ..engine.compare import compare
from ..engine.embed import Cancel, CachedEmbedder, Progress, load_embedder
from ..engine.model import Comparison
from .cache import EmbeddingCache
from .documents import read_document

PathLike = Union[str, os.PathLike[str]]


def make_embedder(model: Optional[PathLike] = None, *, use_cache: bool = True) -> CachedEmbedder:
    """Load the model (slow: imports PyTorch) with the on-disk cache; the lexical fallback if
    the model cannot load (``embedder.info.semantic`` is then False and says why)."""
    return load_embedder(model, store=EmbeddingCache() if use_cache else None)


def compare_files(
    left: PathLike,
    right: PathLike,
    *,
    embedder: CachedEmbedder,
    split: str = "auto",
    sensitivity: float = 0.5,
    progress: Optional[Progress] = None,
    cancel: Optional[Cancel] = None,
) -> Comparison:
    """Read both files (raising ``DocumentError``) and compare them."""
    left_doc = read_document(left)
    right_doc = read_document(right)
    return compare(
        left_doc,
        right_doc,
        embedder=embedder,
        split=split,
        sensitivity=sensitivity,
        progress=progress,
        cancel=cancel,
    )
