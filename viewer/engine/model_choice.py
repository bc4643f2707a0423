"""Which sentence encoder compares a pair: the English model, or the multilingual one.

The rule (``choice="auto"``): two English documents (or documents whose language could not be
told) keep the English model, exactly as before languages were detected; two documents in
different languages, or any document that is not English, use the multilingual model.
``choice="english"`` and ``choice="multilingual"`` override it (``--model english|multilingual``,
View > Sentence Model).

:class:`ModelSwitch` holds both encoders and loads the multilingual one the first time a pair
needs it, inside the comparison's background job (which reports it as the phase "load"). It is
itself an ``Embedder`` (the English one), so code that only wants "the model" keeps working.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence

import numpy as np

from .embed import Embedder
from .model import ModelInfo
from .progress import Cancel, Progress

__all__ = ["MODEL_CHOICES", "ModelSwitch", "wants_multilingual"]

MODEL_CHOICES = ("auto", "english", "multilingual")


def wants_multilingual(choice: str, left_language: str, right_language: str) -> bool:
    """Whether ``choice`` with documents in these languages ("" = unknown) takes the
    multilingual encoder."""
    if choice == "multilingual":
        return True
    if choice == "english":
        return False
    known = [lang for lang in (left_language, right_language) if lang]
    return any(lang != "en" for lang in known)


class ModelSwitch:
    """The English embedder, and a factory for the multilingual one (built once, when first
    needed). ``choice`` is the default rule; :meth:`choose` may be given another."""

    def __init__(
        self,
        english: Embedder,
        multilingual: Callable[[], Embedder] | None,
        *,
        choice: str = "auto",
    ) -> None:
        if choice not in MODEL_CHOICES:
            raise ValueError(f"unknown model choice {choice!r}: use one of {MODEL_CHOICES}")
        self.english = english
        self.choice = choice
        self._factory = multilingual
        self._multilingual: Embedder | None = None
        self._lock = threading.Lock()

    @property
    def info(self) -> ModelInfo:
        """The model used when nothing says otherwise (the window's status shows it)."""
        if self.choice == "multilingual":
            return self.multilingual().info
        return self.english.info

    def multilingual(self) -> Embedder:
        """The multilingual embedder, built now if it was not; the English one when there is
        no factory."""
        with self._lock:
            if self._multilingual is None:
                if self._factory is None:
                    return self.english
                self._multilingual = self._factory()
            return self._multilingual

    @property
    def multilingual_loaded(self) -> bool:
        return self._multilingual is not None

    def choose(
        self, left_language: str, right_language: str, *, choice: str | None = None
    ) -> Embedder:
        """The embedder for a pair in these languages, under ``choice`` (default: this
        switch's own)."""
        rule = choice or self.choice
        if wants_multilingual(rule, left_language, right_language):
            return self.multilingual()
        return self.english

    def encode(
        self,
        texts: Sequence[str],
        *,
        progress: Progress | None = None,
        cancel: Cancel | None = None,
    ) -> np.ndarray:
        """Embeds with the default model (English unless the choice is "multilingual")."""
        chosen = self.multilingual() if self.choice == "multilingual" else self.english
        return chosen.encode(texts, progress=progress, cancel=cancel)
