"""Planted vectors for the aligner's tests: sentences are tokens naming vectors the test chose."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from viewer.engine.model import ModelInfo


class PlantedEmbedder:
    """Vectors chosen by the test: each "sentence" is a token naming its vector; a joined text
    (tokens separated by spaces) gets the normalised sum of its tokens' vectors."""

    def __init__(self, vectors: dict[str, np.ndarray]) -> None:
        self.vectors = vectors
        self.info = ModelInfo(name="planted", semantic=True)
        self.calls = 0

    def encode(self, texts: Sequence[str], *, progress=None, cancel=None) -> np.ndarray:  # type: ignore[no-untyped-def]
        self.calls += 1
        rows = [sum(self.vectors[t] for t in text.split()) for text in texts]
        out = np.array(rows, dtype=np.float32).reshape(len(texts), -1)
        return out / np.linalg.norm(out, axis=1, keepdims=True)


def unit(rng: np.random.Generator, n: int, dim: int = 64) -> np.ndarray:
    """``n`` random unit vectors."""
    v = rng.standard_normal((n, dim)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def noisy(rng: np.random.Generator, base: np.ndarray, cos: float) -> np.ndarray:
    """Unit vectors at roughly cosine ``cos`` from the rows of ``base``."""
    noise = unit(rng, len(base), base.shape[1])
    noise -= (noise * base).sum(axis=1, keepdims=True) * base
    noise /= np.linalg.norm(noise, axis=1, keepdims=True)
    return cos * base + np.sqrt(1 - cos * cos) * noise


def planted_texts(left: np.ndarray, right: np.ndarray) -> tuple[list[str], list[str], PlantedEmbedder]:
    """Sentences "l0".. and "r0".. standing for the rows of ``left`` and ``right``."""
    vectors = {f"l{k}": v for k, v in enumerate(left)} | {f"r{k}": v for k, v in enumerate(right)}
    return [f"l{k}" for k in range(len(left))], [f"r{k}" for k in range(len(right))], PlantedEmbedder(vectors)
