"""The same sentence-transformers model run by ONNX Runtime, in float32 or with int8 layers.

The bundled model folder holds PyTorch weights only. At first use the transformer is exported
to ONNX with ``torch.onnx`` (a few seconds, no network) and the file is kept under the user
cache dir, keyed by the weights; later launches load that file directly and never import
PyTorch at all. Tokenisation uses the folder's own ``tokenizer.json`` (the ``tokenizers``
package, as sentence-transformers does), pooling is the mean over real tokens, as the
folder's ``1_Pooling`` config asks, and rows are L2-normalised.

Two variants:

* float32 (backend ``onnx``): the vectors match
  :class:`~viewer.engine.embed.SentenceTransformerEmbedder`'s to float rounding (cosine
  > 0.9999), so both share one cache key.
* int8 feed-forward layers (backend ``onnx-int8``, the default): the float32 export's
  feed-forward MatMuls (two of the three matrix products of each layer, by work) are
  quantized with ONNX Runtime's dynamic quantization (int8 weights, per output channel;
  activations quantized at run time), once, locally, and the file is cached beside the
  export. The attention projections stay float32. Its vectors differ a little from the
  reference (cosine 0.984 at worst, 0.995 on average, bench/README.md), so it has its own
  cache key. It embeds one sentence per run: the activations' int8 scale is chosen per run,
  so in a batch a sentence's vector would depend on the sentences beside it (and so on what
  the cache already held); alone, it needs no padding either, which keeps it fast.

Only folders made of ``Transformer`` + mean ``Pooling`` (+ ``Normalize``) are supported;
anything else, or a missing ``onnxruntime``/``onnx``, raises ``ModelLoadError`` and
``load_embedder`` falls back to PyTorch.
"""

from __future__ import annotations

import json
import logging
import os
import re
import tempfile
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from .embed_base import ModelLoadError, model_name, normalise_rows, quiet_libraries, weights_key
from .model import ModelInfo
from .progress import Cancel, Progress, check_cancel, report

__all__ = ["DamagedExportError", "OnnxEmbedder", "check_folder", "export_onnx", "quantize_ffn"]

EXPORT_VERSION = 1
"""Bumped when the exported graph changes, so old files in the cache are not reused."""
QUANT_VERSION = 1
"""Bumped when the quantization recipe changes (it is part of the int8 file's name)."""
_SUPPORTED = ("Transformer", "Pooling", "Normalize")
_FFN_MATMUL = re.compile(r"/layer\.\d+/(intermediate|output)/dense/MatMul$")
"""The feed-forward MatMuls of a BERT layer, as torch.onnx names them (not the attention's
own ``attention/output/dense``)."""
_PROGRESS_EVERY = 32


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


def export_onnx(model_path: Path, target: Path, *, progress: Progress | None = None) -> None:
    """Export the folder's transformer to ``target`` (slow: imports PyTorch; no network).

    Written to a temporary file in the same folder and renamed, so a crash or a second
    process never leaves a half-written model behind. ``progress`` hears the phases
    ``model-libraries``, ``model-weights`` and ``model-convert`` as they start.
    """
    report(progress, "model-libraries")
    try:
        import onnx  # noqa: F401  (torch.onnx needs it to write the file)
        import torch
        from transformers import AutoModel
    except ImportError as exc:
        raise ModelLoadError(f"cannot export to ONNX: {exc}") from exc

    quiet_libraries()
    report(progress, "model-weights")
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

    report(progress, "model-convert")
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


class DamagedExportError(ModelLoadError):
    """The float32 export on disk cannot be read (export it again)."""


class _FromPackage(logging.Filter):
    """Drops the records a package logs straight to the root logger."""

    def __init__(self, package: str) -> None:
        super().__init__()
        self.package = package

    def filter(self, record: logging.LogRecord) -> bool:
        # A folder of the path, absolute in a checkout, relative in a frozen build.
        return self.package not in Path(record.pathname).parts[:-1]


def quantize_ffn(source: Path, target: Path, *, progress: Progress | None = None) -> None:
    """Write ``source`` (a float32 export) to ``target`` with int8 feed-forward layers.

    Dynamic quantization: int8 weights per output channel, activations quantized at run
    time. Only the feed-forward MatMuls: quantizing every MatMul, or per tensor instead of
    per channel, moved the vectors further from the reference (bench/README.md). Local and
    quick (about a second); written to a temporary file and renamed, as the export is.
    ``progress`` hears ``model-shrink`` as it starts.
    """
    report(progress, "model-shrink")
    try:
        import onnx
        from onnxruntime.quantization import (
            QuantType,
            quantize_dynamic,
        )
    except ImportError as exc:
        raise ModelLoadError(f"cannot quantize the ONNX model: {exc}") from exc
    try:
        graph = onnx.load(str(source), load_external_data=False).graph
    except Exception as exc:
        raise DamagedExportError(f"cannot read the exported model {source.name}: {exc}") from exc
    ffn = [n.name for n in graph.node if n.op_type == "MatMul" and _FFN_MATMUL.search(n.name)]
    if not ffn or len(ffn) % 2:
        raise ModelLoadError("the exported model's feed-forward layers were not found")
    fd, tmp = tempfile.mkstemp(prefix=target.stem, suffix=".tmp", dir=target.parent)
    os.close(fd)
    quiet = _FromPackage("onnxruntime")  # its advice to pre-process is for other models
    logging.getLogger().addFilter(quiet)
    try:
        quantize_dynamic(
            source,
            tmp,
            op_types_to_quantize=["MatMul"],
            nodes_to_quantize=ffn,
            per_channel=True,
            reduce_range=False,
            weight_type=QuantType.QInt8,
            extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT},
        )
        os.replace(tmp, target)
    except OSError:
        raise
    except Exception as exc:
        raise ModelLoadError(f"could not quantize the ONNX model: {exc}") from exc
    finally:
        logging.getLogger().removeFilter(quiet)
        if os.path.exists(tmp):
            os.unlink(tmp)


class OnnxEmbedder:
    """A sentence-transformers folder run by ONNX Runtime, exported once and cached on disk.

    ``int8`` runs the variant with int8 feed-forward layers (see the module doc), quantized
    once from the float32 export and cached beside it. ``batch_size`` defaults to 32 for
    float32 and 1 for int8. ``threads`` defaults to every core. ONNX Runtime's worker
    threads do not spin while waiting (``allow_spinning`` off): on a busy machine (the GUI
    thread, other programs) spinning threads starve each other and run several times slower.
    ``export_dir`` is where the exported files are kept between runs; None builds them in a
    temporary folder, used once (a few seconds each time).
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        export_dir: Path | None = None,
        batch_size: int | None = None,
        threads: int | None = None,
        int8: bool = False,
    ) -> None:
        self.path = Path(path)
        self.export_dir = Path(export_dir) if export_dir else None
        self.int8 = int8
        self.backend = "onnx-int8" if int8 else "onnx"
        self.batch_size = batch_size or (1 if int8 else 32)
        self.threads = threads or os.cpu_count() or 1
        self._session: Any = None
        self._tokenizer: Any = None
        self._inputs: set[str] = set()
        self._lock = threading.Lock()
        self.info = ModelInfo(name=model_name(self.path), semantic=True, path=str(self.path), backend=self.backend)

    @property
    def key(self) -> str:
        """The cache key: the PyTorch backend's for float32 (same vectors); int8 vectors
        differ, so they are kept apart."""
        return weights_key(self.path, self.info.name) + ("-int8ffn" if self.int8 else "")

    @property
    def onnx_name(self) -> str:
        """The float32 export's file name (the export is also the source of the int8 file)."""
        return f"{weights_key(self.path, self.info.name)}-v{EXPORT_VERSION}.onnx"

    @property
    def model_name(self) -> str:
        """The name of the file the session runs: the float32 export, or its int8 quantization."""
        if not self.int8:
            return self.onnx_name
        return f"{Path(self.onnx_name).stem}-int8ffn-q{QUANT_VERSION}.onnx"

    @property
    def onnx_path(self) -> Path:
        """The float32 export in ``export_dir`` (which must be set)."""
        return self._kept("onnx_path") / self.onnx_name

    @property
    def model_file(self) -> Path:
        """The file the session runs, in ``export_dir`` (which must be set)."""
        return self._kept("model_file") / self.model_name

    def _kept(self, what: str) -> Path:
        if self.export_dir is None:
            raise ValueError(f"{what}: this embedder keeps no files (export_dir is None)")
        return self.export_dir

    @property
    def loaded(self) -> bool:
        return self._session is not None

    def load(self, *, progress: Progress | None = None) -> None:
        """Export if needed, then open the session. Raises ``ModelLoadError``. ``progress``
        hears the phases of :data:`~viewer.engine.progress.MODEL_STEPS` it goes through."""
        with self._lock:
            if self._session is not None:
                return
            max_len = check_folder(self.path)
            try:
                import onnxruntime as ort
                from tokenizers import Tokenizer
            except ImportError as exc:
                raise ModelLoadError(f"ONNX Runtime is not installed: {exc}") from exc
            session = self._open_session(ort, progress)
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

    def _open_session(self, ort: Any, progress: Progress | None = None) -> Any:
        """The session on the cached file; built first if missing or damaged. When the cache
        cannot be written the file is built in a temporary folder, used once."""
        options = ort.SessionOptions()
        options.intra_op_num_threads = self.threads
        options.inter_op_num_threads = 1
        options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        options.log_severity_level = 3

        def open_file(path: Path) -> Any:
            report(progress, "model-open")
            return ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])

        if self.export_dir is not None:
            target = self.export_dir / self.model_name
            if target.is_file():
                try:
                    return open_file(target)
                except Exception:  # noqa: BLE001, S110  (damaged file: build it again)
                    pass
            try:
                return open_file(self._build(self.export_dir, progress))
            except OSError:
                pass  # the cache folder cannot be written
            except Exception as exc:
                if isinstance(exc, ModelLoadError):
                    raise
                raise ModelLoadError(f"ONNX Runtime cannot run {target}: {exc}") from exc
        with tempfile.TemporaryDirectory(prefix="article-diff-onnx-") as tmp:
            once = self._build(Path(tmp), progress)
            try:
                return open_file(once)
            except Exception as exc:
                raise ModelLoadError(f"ONNX Runtime cannot run the exported model: {exc}") from exc

    def _build(self, folder: Path, progress: Progress | None = None) -> Path:
        """Export (and for int8, quantize) into ``folder``; the file to run. A float32
        export already there is reused for the int8 file, and exported again if damaged."""
        fp32 = folder / self.onnx_name
        if not self.int8:
            export_onnx(self.path, fp32, progress=progress)
            return fp32
        fresh = not fp32.is_file()
        if fresh:
            export_onnx(self.path, fp32, progress=progress)
        target = folder / self.model_name
        try:
            quantize_ffn(fp32, target, progress=progress)
        except DamagedExportError:
            if fresh:
                raise
            export_onnx(self.path, fp32, progress=progress)
            quantize_ffn(fp32, target, progress=progress)
        return target

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
        # Longest first in batches: padding is per batch (to the batch's longest sentence),
        # so similar lengths waste least. Progress and cancel every few dozen sentences.
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        step = max(self.batch_size, _PROGRESS_EVERY // self.batch_size * self.batch_size)
        for g in range(0, len(order), step):
            check_cancel(cancel)
            for b in range(g, min(g + step, len(order)), self.batch_size):
                idx = order[b : b + self.batch_size]
                vecs = self._run([texts[i] for i in idx])
                if out is None:
                    out = np.zeros((len(texts), vecs.shape[1]), dtype=np.float32)
                out[idx] = vecs
            if progress:
                progress("embed", min(g + step, len(order)), len(texts))
        assert out is not None
        return normalise_rows(out)

    def _run(self, batch: list[str]) -> np.ndarray:
        encodings = self._tokenizer.encode_batch(batch)
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        hidden = self._session.run(None, {k: v for k, v in feeds.items() if k in self._inputs})[0]
        weights = mask[..., None].astype(np.float32)
        summed = (hidden * weights).sum(axis=1)
        return np.asarray(summed / np.maximum(weights.sum(axis=1), 1e-9), dtype=np.float32)
