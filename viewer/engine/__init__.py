"""The comparison engine: pure Python over frozen dataclasses, no Qt, no user-facing prose.

The public surface, importable from here (loaded on first use, so ``import viewer.engine.model``
stays cheap and the window opens before the aligner's libraries load):

* the data (``model``): ``Document``, ``Sentence``, ``Comparison``, ``Link``, ``Group``,
  ``IgnoreOptions`` (differences that do not count as changes),
  ``WordOp``, ``Finding``, ``ModelInfo``, ``Summary`` and their kinds;
* comparing: ``viewer.engine.compare.compare`` and ``realign`` (functions named like their
  module, so import them from it), with ``AlignSettings`` and ``KindSettings``;
* embedding: ``EmbedConfig``, ``load_embedder``, ``Embedder``, ``CachedEmbedder``,
  ``LexicalEmbedder``, ``ModelLoadError``, ``UnknownBackendError``;
* long work: ``Progress``, ``Cancel``, ``Cancelled``, ``check_cancel``;
* the editor's review: ``ReviewState`` and its pure edits in ``viewer.engine.review``;
* splitting: ``split_sentences``.

Every other module (``align_*``, ``dp``, ``embed_base``, ``onnx_embed``, ``names``,
``numbers``, ``quotes``, ``quote_changes``, ``name_changes``, ``stopwords``, ``word_diff``,
``classify``) is a part of those, with its own ``__all__`` for the engine's use and the tests.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .align import AlignSettings
    from .classify import KindSettings
    from .embed import CachedEmbedder, Embedder, LexicalEmbedder, load_embedder
    from .embed_base import ModelLoadError
    from .embed_config import EmbedConfig, UnknownBackendError
    from .model import (
        ChangeKind,
        Comparison,
        Document,
        Finding,
        FindingKind,
        Group,
        IgnoreOptions,
        Link,
        ModelInfo,
        Sentence,
        Summary,
        WordOp,
        WordOpKind,
    )
    from .progress import Cancel, Cancelled, Progress, check_cancel
    from .review import ReviewState
    from .segment import split_sentences

_HOME = {
    "AlignSettings": "align",
    "KindSettings": "classify",
    "CachedEmbedder": "embed",
    "Embedder": "embed",
    "LexicalEmbedder": "embed",
    "load_embedder": "embed",
    "ModelLoadError": "embed_base",
    "EmbedConfig": "embed_config",
    "UnknownBackendError": "embed_config",
    "ChangeKind": "model",
    "Comparison": "model",
    "Document": "model",
    "Finding": "model",
    "FindingKind": "model",
    "Group": "model",
    "IgnoreOptions": "model",
    "Link": "model",
    "ModelInfo": "model",
    "Sentence": "model",
    "Summary": "model",
    "WordOp": "model",
    "WordOpKind": "model",
    "Cancel": "progress",
    "Cancelled": "progress",
    "Progress": "progress",
    "check_cancel": "progress",
    "ReviewState": "review",
    "split_sentences": "segment",
}

__all__ = [
    "AlignSettings",
    "CachedEmbedder",
    "Cancel",
    "Cancelled",
    "ChangeKind",
    "Comparison",
    "Document",
    "EmbedConfig",
    "Embedder",
    "Finding",
    "FindingKind",
    "Group",
    "IgnoreOptions",
    "KindSettings",
    "LexicalEmbedder",
    "Link",
    "ModelInfo",
    "ModelLoadError",
    "Progress",
    "ReviewState",
    "Sentence",
    "Summary",
    "UnknownBackendError",
    "WordOp",
    "WordOpKind",
    "check_cancel",
    "load_embedder",
    "split_sentences",
]


def __getattr__(name: str) -> Any:
    """Load the module holding ``name`` on first use (PEP 562)."""
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
