"""The headless comparison workflow shared by the command line and the window's workers."""

from __future__ import annotations

import os
from dataclasses import replace

from ..engine.embed import (
    CachedEmbedder,
    EmbedConfig,
    Embedder,
    LexicalEmbedder,
    ModelLoadError,
    load_embedder,
)
from ..engine.language import detect_language, warm_up
from ..engine.limits import MAX_SENTENCES
from ..engine.model import Document, Sentence
from ..engine.model_choice import ModelSwitch
from ..engine.multilingual import MultilingualEmbedder
from ..engine.progress import Cancel, Progress, check_cancel, report
from ..engine.segment import split_sentences
from .cache import EmbeddingCache
from .config import embed_config, prepare_libraries
from .documents import too_many_sentences

PathLike = str | os.PathLike[str]


def make_embedder(
    model: PathLike | None = None,
    *,
    use_cache: bool = True,
    config: EmbedConfig | None = None,
) -> CachedEmbedder:
    """Load the model (slow: may import PyTorch) with the on-disk cache; the lexical fallback if
    the model cannot load (``embedder.info.semantic`` is then False and says why).

    ``config`` is what the composition root resolved; without it, it is resolved here from
    ``model`` and the environment (``viewer.services.config.embed_config``, which raises
    ``UnknownBackendError`` for a backend name that does not exist)."""
    if config is None:
        config = embed_config(model)
    prepare_libraries()
    return load_embedder(config, store=EmbeddingCache() if use_cache else None)


def make_model_switch(
    model: PathLike | None = None,
    *,
    use_cache: bool = True,
    config: EmbedConfig | None = None,
    progress: Progress | None = None,
) -> ModelSwitch:
    """The English embedder (loaded now, as :func:`make_embedder`) and the multilingual one
    (loaded when a pair first needs it), with the rule of ``config.choice``; both cache their
    vectors under their own key. The language detector is warmed up too (0.2 s), so the
    window's first comparison does not wait for it. ``progress`` hears each phase of the load
    as it starts (:data:`~viewer.engine.progress.MODEL_STEPS`)."""
    if config is None:
        config = embed_config(model)
    prepare_libraries()
    store = EmbeddingCache() if use_cache else None
    english = load_embedder(config, store=store, progress=progress)

    def multilingual() -> Embedder:
        inner = MultilingualEmbedder()
        try:
            inner.load()
        except ModelLoadError as exc:  # the package is missing: say so, compare by words
            return CachedEmbedder(LexicalEmbedder(reason=str(exc)), store)
        return CachedEmbedder(inner, store)

    switch = ModelSwitch(english, multilingual, choice=config.choice)
    if config.choice == "multilingual":
        switch.multilingual()
    report(progress, "model-language")
    warm_up()
    return switch


SPLIT_CHUNK_BLOCKS = 64
"""Paragraphs split between two looks at ``cancel`` (and two progress reports)."""


def split_document(
    document: Document,
    split: str = "auto",
    *,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> tuple[Sentence, ...]:
    """``split_sentences(document, split, its detected language)``, a few dozen paragraphs at a time: ``cancel`` is
    checked (raising ``Cancelled``) and ``progress("split", paragraphs done, total)`` called
    between them. A long book takes a second or two to split; this lets a window stop it.
    Sentences never cross a paragraph, so splitting the paragraphs in groups gives the same
    sentences as splitting the whole document at once. A document of more than
    ``MAX_SENTENCES`` raises ``DocumentError`` (``too_large``) as soon as that is known."""
    blocks = document.blocks
    language = detect_language(document.text) if split == "auto" else ""
    out: list[Sentence] = []
    for first in range(0, len(blocks), SPLIT_CHUNK_BLOCKS):
        check_cancel(cancel)
        if progress is not None:
            progress("split", first, len(blocks))
        part = replace(document, blocks=blocks[first : first + SPLIT_CHUNK_BLOCKS])
        out.extend(
            replace(s, block=s.block + first) if first else s
            for s in split_sentences(part, split, language)
        )
        if len(out) > MAX_SENTENCES:  # stop here: the rest would only cost memory
            raise too_many_sentences(document, len(out))
    if progress is not None:
        progress("split", len(blocks), len(blocks))
    return tuple(out)
