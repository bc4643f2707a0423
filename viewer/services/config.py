"""The embedding configuration, resolved once from arguments, settings and the environment.

The engine reads no environment variable; the composition root (``viewer.app``, ``viewer.cli``)
calls :func:`embed_config` and passes the result down. The variables:

``ARTICLE_DIFF_MODEL``
    a sentence-transformers folder to use instead of the bundled model;
``ARTICLE_DIFF_BACKEND``
    what runs it: one of ``onnx-int8`` (default), ``onnx``, ``torch``, ``torch-bf16``; any other
    name is an error (:class:`~viewer.engine.embed_config.UnknownBackendError`), not a fallback;
``ARTICLE_DIFF_HOME``
    one folder for settings, caches and logs (``viewer.services.paths``); the exported ONNX
    files go to its ``cache/onnx``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from ..engine.embed_config import DEFAULT_BACKEND, EmbedConfig, UnknownBackendError, parse_backend
from ..engine.model_choice import MODEL_CHOICES
from .paths import cache_dir
from .resources import bundled_model_path

__all__ = [
    "BACKEND_ENV",
    "MODEL_ENV",
    "UnknownBackendError",
    "embed_config",
    "prepare_libraries",
]

MODEL_ENV = "ARTICLE_DIFF_MODEL"
BACKEND_ENV = "ARTICLE_DIFF_BACKEND"

LIBRARY_ENVIRONMENT = {
    # Everything the model needs is in its folder: the Hugging Face libraries never go online.
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    # The tokenizers' own thread pool warns (and may deadlock) when a process forks after it ran.
    "TOKENIZERS_PARALLELISM": "false",
    # No download or weight-loading progress bars on the user's terminal.
    "TRANSFORMERS_VERBOSITY": "error",
    "HF_HUB_DISABLE_PROGRESS_BARS": "1",
}
"""Set (unless the user set them) before the model libraries are imported."""


def model_path(
    model: str | os.PathLike[str] | None = None, *, environ: Mapping[str, str] | None = None
) -> Path | None:
    """The model folder to use: ``model``, else ``$ARTICLE_DIFF_MODEL``, else the bundled one
    (None when none is installed)."""
    env = os.environ if environ is None else environ
    if model:
        return Path(model).expanduser()
    chosen = env.get(MODEL_ENV)
    if chosen:
        return Path(chosen).expanduser()
    return bundled_model_path()


def embed_config(
    model: str | os.PathLike[str] | None = None,
    *,
    backend: str | None = None,
    environ: Mapping[str, str] | None = None,
) -> EmbedConfig:
    """The configuration to load the embedder with. ``model`` (a folder, e.g. from ``--model``
    or the settings) and ``backend`` win over the environment. Raises ``UnknownBackendError``
    (its message lists the valid names) for a backend that does not exist."""
    env = os.environ if environ is None else environ
    name = backend or env.get(BACKEND_ENV) or DEFAULT_BACKEND
    choice = "auto"
    if model is not None and str(model) in MODEL_CHOICES:
        choice, model = str(model), None  # --model english|multilingual|auto
    elif model:
        choice = "english"  # a folder named on purpose is used for every pair
    return EmbedConfig(
        model_path=model_path(model, environ=env),
        backend=parse_backend(name),
        cache_dir=cache_dir() / "onnx",
        choice=choice,
    )


def prepare_libraries() -> None:
    """Put ``LIBRARY_ENVIRONMENT`` in ``os.environ`` (a value already there is kept).

    The one place Article Diff writes the environment. It must be the environment, not an
    argument: huggingface_hub and transformers read these variables into module constants when
    they are first imported, and the tokenizers library reads its own from Rust, so no call
    can pass them. Called before the model loads, by the command line and the window alike.
    """
    for name, value in LIBRARY_ENVIRONMENT.items():
        os.environ.setdefault(name, value)
