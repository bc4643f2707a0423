"""Progress reports and cancellation for long engine functions.

Every long engine function takes keyword-only ``progress`` and ``cancel`` callbacks and calls
``check_cancel`` between steps. They live here, apart from any one algorithm, so a caller that
only wants to report or stop work (the aligner, the UI's jobs, the command line) does not import
the embedding module to do it.
"""

from __future__ import annotations

from collections.abc import Callable

__all__ = ["MODEL_STEPS", "Cancel", "Cancelled", "Progress", "check_cancel", "report"]

Progress = Callable[[str, int, int], None]
"""``progress(phase, done, total)``: called from the working thread."""
Cancel = Callable[[], bool]
"""``cancel()`` returns True when the caller wants the work to stop."""


class Cancelled(Exception):
    """Raised inside engine functions when their ``cancel`` callback returned True."""


def check_cancel(cancel: Cancel | None) -> None:
    """Raise ``Cancelled`` if ``cancel`` says the caller wants the work to stop."""
    if cancel is not None and cancel():
        raise Cancelled()


MODEL_STEPS = (
    "model-libraries",  # first launch: import PyTorch, Transformers and ONNX (about 4 s)
    "model-weights",  # first launch: read the model's weights into PyTorch (about 4 s)
    "model-convert",  # first launch: export the model to ONNX (about 4 s)
    "model-shrink",  # first launch: quantize its feed-forward layers to int8 (about 3 s)
    "model-open",  # every launch: open the ONNX Runtime session on the kept file (0.3 s)
    "model-language",  # every launch: warm up the language detector (0.4 s)
)
"""The phases a model load reports, in order, each as ``progress(phase, 0, 1)`` when it
starts. The first four happen only when the model is prepared for this computer (first
launch: nothing kept in the cache yet); the PyTorch backend reports the first two only."""


def report(progress: Progress | None, phase: str, done: int = 0, total: int = 1) -> None:
    """Call ``progress(phase, done, total)`` if there is a ``progress``."""
    if progress is not None:
        progress(phase, done, total)
