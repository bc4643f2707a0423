"""Helpers for the window tests: waiting for a comparison, the fast lexical embedder, and one
that waits at a gate. Imported as ``tests.ui.window.window_helpers``."""

from __future__ import annotations

import threading
from collections.abc import Sequence

import numpy as np

from viewer.engine.embed import CachedEmbedder, LexicalEmbedder
from viewer.engine.model import ModelInfo
from viewer.engine.progress import Cancelled

TIMEOUT = 20_000
"""Milliseconds a window test waits for a signal (reading and comparing in the background)."""


def wait_for_comparison(qtbot, window):  # type: ignore[no-untyped-def]
    """Wait until ``window`` shows its next comparison, and return it."""
    blocker = qtbot.waitSignal(window.comparison_ready, timeout=TIMEOUT)
    blocker.wait()
    return blocker.args[0]


def lexical_factory() -> CachedEmbedder:
    return CachedEmbedder(LexicalEmbedder(), None)


class GatedEmbedder:
    """A lexical embedder that waits at a gate inside ``encode``.

    ``obey_cancel`` False makes it finish even when cancelled (to produce a stale result).
    ``entered`` is set when a call reaches the gate; ``left_encode`` counts calls that returned.
    """

    def __init__(self, *, obey_cancel: bool) -> None:
        self.inner = LexicalEmbedder()
        self.info = ModelInfo(name="gated lexical", semantic=False, note="for tests")
        self.gate = threading.Event()
        self.entered = threading.Event()
        self.obey_cancel = obey_cancel
        self.calls = 0
        self.finished_calls = 0

    def encode(self, texts: Sequence[str], *, progress=None, cancel=None) -> np.ndarray:  # type: ignore[no-untyped-def]
        self.calls += 1
        self.entered.set()
        try:
            while not self.gate.wait(0.005):
                if self.obey_cancel and cancel is not None and cancel():
                    raise Cancelled()
            return self.inner.encode(texts, progress=progress)
        finally:
            self.finished_calls += 1
