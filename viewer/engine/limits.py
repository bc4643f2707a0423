"""How much the engine compares: a sentence count a side, on top of the readers' character limit.

The character limit (``viewer.services.documents.MAX_TEXT_CHARS``) alone does not bound memory:
three million characters can be a million one-letter sentences, and every sentence costs an
embedding row (1.5 KB with the model, 4 KB in lexical mode) and its share of the alignment.
Together the two limits bound the worst case; ``bench/bench_memory.py`` measures it.
"""

from __future__ import annotations

__all__ = ["MAX_SENTENCES", "TooManySentences", "check_sentence_count"]

MAX_SENTENCES = 25_000
"""Most sentences compared a side: news prose at the character limit is about 20,000."""


class TooManySentences(Exception):
    """A side splits into more than :data:`MAX_SENTENCES` sentences. ``side`` is ``"left"`` or
    ``"right"``; ``count`` is how many were found before splitting stopped (at least
    ``limit + 1``). Callers word the message (the engine holds no user-facing prose)."""

    def __init__(self, side: str, count: int, limit: int = MAX_SENTENCES) -> None:
        super().__init__(side, count, limit)
        self.side = side
        self.count = count
        self.limit = limit


def check_sentence_count(side: str, count: int, limit: int = MAX_SENTENCES) -> None:
    """Raise :class:`TooManySentences` if ``count`` is over ``limit``."""
    if count > limit:
        raise TooManySentences(side, count, limit)
