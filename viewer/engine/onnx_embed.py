"""The same sentence-transformers model run by ONNX Runtime: several times faster on a CPU.

The bundled model folder holds PyTorch weights only. At first use the transformer is exported
to ONNX with ``torch.onnx`` (a few seconds, no network) and the file is kept under the user
cache dir, keyed by the weights; later launches load that file directly and never import
PyTorch at all. Tokenisation uses the folder's own ``tokenizer.json`` (the ``tokenizers``
package, as sentence-transformers does), pooling is the mean over real tokens, as the
folder's ``1_Pooling`` config asks, and rows are L2-normalised: the vectors match
:class:`~viewer.engine.embed.SentenceTransformerEmbedder`'s to float rounding (cosine
> 0.9999), so both share one cache key.

Only folders made of ``Transformer`` + mean ``Pooling`` (+ ``Normalize``) are supported;
anything else, or a missing ``onnxruntime``/``onnx``, raises ``ModelLoadError`` and
``load_embedder`` falls back to PyTorch.
"""

from __future__ import annotations

import json
import os
import tempfile
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from .embed import (
    DEFAULT_MODEL_NAME,
    Cancel,
    ModelLoadError,
    Progress,
    _normalise,
    check_cancel,
    weights_key,
)
from .model import ModelInfo

HOME_ENV = "ARTICLE_DIFF_HOME"
EXPORT_VERSION = 1
"""Bumped when the exported graph changes, so old files in the cache are not reused."""
_SUPPORTED = ("Transformer", "Pooling", "Normalize")


def default_export_dir() -> Path:
    """Where exported models are kept: ``$ARTICLE_DIFF_HOME/cache/onnx``, else the user cache.

    The same rule as ``viewer.services.paths.cache_dir`` (the engine may not import services);
    callers that know the cache dir pass it to :class:`OnnxEmbedder` instead.
    """
    home = os.environ.get(HOME_ENV)
    if home:
        return Path(home) / "cache" / "onnx"
    import platformdirs

    return Path(platformdirs.user_cache_dir("article-diff", appauthor=False)) / "onnx"


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelLoadError(f"cannot read {path.name} in {path.parent}: {exc}") from exc


def check_folder(path: Path) -> int:
    """The model's maximum sequence length if ONNX Runtime can run this folder as
    sentence-transformers would; raises ``ModelLoadError`` saying why not."""
    if not path.is_dir():
        raise ModelLoadError(f"model folder not found: {path}")
    modules = _read_json(path / "modules.json")
    kinds = [str(m.get("type", "")).rsplit(".", 1)[-1] for m in modules if isinstance(m, dict)]
    if not kinds or kinds[0] != "Transformer" or any(k not in _SUPPORTED for k in kinds):
        raise ModelLoadError(f"modules {kinds} are not Transformer + Pooling + Normalize")
    if "Normalize" not in kinds:
        raise ModelLoadError("the model does not normalise its vectors")
    for m in modules:
        if str(m.get("type", "")).endswith("Pooling"):
            pooling = _read_json(path / m.get("path", "") / "config.json")
            mean = pooling.get("pooling_mode_mean_tokens")
            others = [k for k, v in pooling.items() if k.startswith("pooling_mode_") and v and
                      k != "pooling_mode_mean_tokens"]
            if not mean or others:
                raise ModelLoadError("only mean pooling is supported by the ONNX backend")
    if not (path / "tokenizer.json").is_file():
        raise ModelLoadError("the model folder has no tokenizer.json")
    config = path / "sentence_bert_config.json"
    max_len = _read_json(config).get("max_seq_length") if config.is_file() else None
    return int(max_len or 256)


def export_onnx(model_path: Path, target: Path) -> None:
    """Export the folder's transformer to ``target`` (slow: imports PyTorch; no network).

    Written to a temporary file in the same folder and renamed, so a crash or a second
    process never leaves a half-written model behind.
    """
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    try:
        import onnx  # noqa: F401  (torch.onnx needs it to write the file)
        import torch
        from transformers import AutoModel
    except ImportError as exc:
        raise ModelLoadError(f"cannot export to ONNX: {exc}") from exc

    from .embed import _quiet_libraries

    _quiet_libraries()
    try:
        bert = AutoModel.from_pretrained(
            str(model_path), local_files_only=True, attn_implementation="eager"
        ).eval()
    except Exception as exc:
        raise ModelLoadError(f"could not load the model in {model_path}: {exc}") from exc

    class _Hidden(torch.nn.Module):
        def __init__(self, inner: torch.nn.Module) -> None:
            super().__init__()
            self.inner = inner

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            return self.inner(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state

    names = ["input_ids", "attention_mask", "token_type_ids"]
    ids = torch.ones(2, 16, dtype=torch.long)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=target.stem, suffix=".tmp", dir=target.parent)
    os.close(fd)
    try:
        import warnings

        with warnings.catch_warnings(), torch.no_grad():
            warnings.simplefilter("ignore")
            torch.onnx.export(
                _Hidden(bert),
                (ids, torch.ones_like(ids), torch.zeros_like(ids)),
                tmp,
                input_names=names,
                output_names=["last_hidden_state"],
                dynamic_axes={n: {0: "batch", 1: "tokens"} for n in [*names, "last_hidden_state"]},
                opset_version=17,
                dynamo=False,
            )
        os.replace(tmp, target)
    except (ModelLoadError, OSError):
        raise
    except Exception as exc:
        raise ModelLoadError(f"could not export the model to ONNX: {exc}") from exc
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


class OnnxEmbedder:
    """A sentence-transformers folder run by ONNX Runtime, exported once and cached on disk.

    ``threads`` defaults to every core. ONNX Runtime's worker threads do not spin while
    waiting (``allow_spinning`` off): on a busy machine (the GUI thread, other programs)
    spinning threads starve each other and run several times slower.
    """

    backend = "onnx"

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        export_dir: Path | None = None,
        batch_size: int = 32,
        threads: int | None = None,
    ) -> None:
        self.path = Path(path)
        self.export_dir = Path(export_dir) if export_dir else default_export_dir()
        self.batch_size = batch_size
        self.threads = threads or os.cpu_count() or 1
        self._session: Any = None
        self._tokenizer: Any = None
        self._lock = threading.Lock()
        name = self.path.name if self.path.name != "model" else DEFAULT_MODEL_NAME
        self.info = ModelInfo(name=name, semantic=True, path=str(self.path))

    @property
    def key(self) -> str:
        """The cache key of the weights: the same as the PyTorch backend's (same vectors)."""
        return weights_key(self.path, self.info.name)

    @property
    def onnx_path(self) -> Path:
        return self.export_dir / f"{self.key}-v{EXPORT_VERSION}.onnx"

    @property
    def loaded(self) -> bool:
        return self._session is not None

    def load(self) -> None:
        """Export if needed, then open the session. Raises ``ModelLoadError``."""
        with self._lock:
            if self._session is not None:
                return
            max_len = check_folder(self.path)
            try:
                import onnxruntime as ort  # type: ignore[import-untyped]
                from tokenizers import Tokenizer
            except ImportError as exc:
                raise ModelLoadError(f"ONNX Runtime is not installed: {exc}") from exc
            session = self._open_session(ort)
            try:
                tokenizer = Tokenizer.from_file(str(self.path / "tokenizer.json"))
            except Exception as exc:
                raise ModelLoadError(f"cannot read tokenizer.json in {self.path}: {exc}") from exc
            tokenizer.enable_truncation(max_length=max_len)
            pad = tokenizer.token_to_id("[PAD]")
            tokenizer.enable_padding(pad_id=0 if pad is None else pad, pad_token="[PAD]")
            self._inputs = {i.name for i in session.get_inputs()}
            self._tokenizer = tokenizer
            self._session = session

    def _open_session(self, ort: Any) -> Any:
        """The session on the cached export; exported first if missing or damaged. When the
        cache cannot be written the export goes to a temporary folder, used once."""
        options = ort.SessionOptions()
        options.intra_op_num_threads = self.threads
        options.inter_op_num_threads = 1
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        options.log_severity_level = 3

        def open_file(path: Path) -> Any:
            return ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])

        target = self.onnx_path
        if target.is_file():
            try:
                return open_file(target)
            except Exception:  # noqa: BLE001, S110  (damaged file: export it again)
                pass
        try:
            export_onnx(self.path, target)
            return open_file(target)
        except OSError:
            pass  # the cache folder cannot be written
        except Exception as exc:
            if isinstance(exc, ModelLoadError):
                raise
            raise ModelLoadError(f"ONNX Runtime cannot run {target}: {exc}") from exc
        with tempfile.TemporaryDirectory(prefix="article-diff-onnx-") as tmp:
            once = Path(tmp) / target.name
            export_onnx(self.path, once)
            try:
                return open_file(once)
            except Exception as exc:
                raise ModelLoadError(f"ONNX Runtime cannot run the exported model: {exc}") from exc

    def encode(
        self,
        texts: Sequence[str],
        *,
        progress: Progress | None = None,
        cancel: Cancel | None = None,
    ) -> np.ndarray:
        self.load()
        out: np.ndarray | None = None
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        # Longest first in batches: padding is per batch, so similar lengths waste least.
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        done = 0
        for b in range(0, len(order), self.batch_size):
            check_cancel(cancel)
            idx = order[b : b + self.batch_size]
            vecs = self._run([texts[i] for i in idx])
            if out is None:
                out = np.zeros((len(texts), vecs.shape[1]), dtype=np.float32)
            out[idx] = vecs
            done += len(idx)
            if progress:
                progress("embed", done, len(texts))
        assert out is not None
        return _normalise(out)

    def _run(self, batch: list[str]) -> np.ndarray:
        encodings = self._tokenizer.encode_batch(batch)
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        hidden = self._session.run(None, {k: v for k, v in feeds.items() if k in self._inputs})[0]
        weights = mask[..., None].astype(np.float32)
        summed = (hidden * weights).sum(axis=1)
        return np.asarray(summed / np.maximum(weights.sum(axis=1), 1e-9), dtype=np.float32)
