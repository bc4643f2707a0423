"""Which model the embedder runs, on which backend, and where its exported files are kept.

The engine never reads the environment: the composition root (``viewer.app``, ``viewer.cli``,
through ``viewer.services.config``) resolves these from the command line, the settings and the
``ARTICLE_DIFF_*`` variables, and passes an :class:`EmbedConfig` down.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

__all__ = ["BACKENDS", "DEFAULT_BACKEND", "EmbedConfig", "UnknownBackendError", "parse_backend"]

BACKENDS = ("onnx-int8", "onnx", "torch", "torch-bf16")
"""What can run the model, fastest first by default (see ``viewer.engine.embed``)."""
DEFAULT_BACKEND = "onnx-int8"


class UnknownBackendError(ValueError):
    """A backend name that is not one of ``BACKENDS``; ``str()`` lists the valid names."""

    def __init__(self, name: str) -> None:
        super().__init__(
            f"unknown embedding backend {name!r}: use one of {', '.join(BACKENDS)}"
        )
        self.name = name


def parse_backend(name: str) -> str:
    """``name`` as one of ``BACKENDS`` (case and surrounding spaces ignored), or
    ``UnknownBackendError``: a typo must not silently run another backend."""
    chosen = name.strip().lower()
    if chosen not in BACKENDS:
        raise UnknownBackendError(name)
    return chosen


@dataclass(frozen=True)
class EmbedConfig:
    """``model_path``: a sentence-transformers folder (None: no model installed, so the lexical
    fallback). ``backend``: one of ``BACKENDS``. ``cache_dir``: where exported ONNX files are
    kept between runs (None: a temporary folder, used once and exported again next time).
    ``threads``: how many threads the model may run on (None: every core); a batch's workers
    take one each, as their cluster runs one worker a core."""

    model_path: Path | None
    backend: str = DEFAULT_BACKEND
    cache_dir: Path | None = None
    threads: int | None = None
    choice: str = "auto"
    """Which encoder compares a pair: "auto" (the multilingual one for a pair that is not all
    English), "english" (``model_path``'s, always) or "multilingual" (always); see
    ``viewer.engine.model_choice``."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "backend", parse_backend(self.backend))
        if self.model_path is not None:
            object.__setattr__(self, "model_path", Path(self.model_path).expanduser())
        if self.cache_dir is not None:
            object.__setattr__(self, "cache_dir", Path(self.cache_dir))
