"""The one place a linked group's kind is decided, with the one text normaliser.

Two texts are *the same* when they are equal after :func:`normalise`: white space collapsed and
typographic quotes made straight. The aligner uses that rule to pair a sentence kept word for
word with its copy (``align._pair_copies``) and to favour the very same text among ties
(``align_features.SAME_TEXT_BONUS``), and this module to call a group identical. The word diff
compares words with the same quotes made straight (:func:`straighten_quotes`), so a group called
identical never shows a changed word.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from .model import ChangeKind

__all__ = ["KindSettings", "edit_kind", "group_kind", "normalise", "same_text", "straighten_quotes"]

_STRAIGHT = str.maketrans({"’": "'", "“": '"', "”": '"'})


def straighten_quotes(text: str) -> str:
    """``text`` with curly apostrophes and double quotes made straight, one character for one
    (offsets into the result are offsets into ``text``)."""
    return text.translate(_STRAIGHT)


def normalise(text: str) -> str:
    """What "the same text" compares: quotes made straight, runs of white space one space, no
    white space at either end."""
    return " ".join(straighten_quotes(text).split())


def same_text(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` say the same words, as ``normalise`` sees them."""
    return normalise(a) == normalise(b)


@dataclass(frozen=True)
class KindSettings:
    """When an edit is minor rather than a rewording: at most ``minor_max_changed_words``
    changed words, or at most ``minor_max_changed_share`` of the group's words changed.

    Set by hand when the engine was written (commit 6b446bf) and never swept: no gold set
    labels kinds (Aesop labels links only). They change the kind shown, never the links.
    """

    minor_max_changed_words: int = 3
    minor_max_changed_share: float = 0.2

    def scaled(self, sensitivity: float) -> KindSettings:
        """Sensitivity 0..1 (0.5 keeps the defaults): higher counts smaller edits as
        rewording, lower counts larger ones as minor (both limits double at 0, vanish at 1)."""
        s = min(1.0, max(0.0, float(sensitivity)))
        return replace(
            self,
            minor_max_changed_words=max(0, round(self.minor_max_changed_words * (2.0 - 2 * s))),
            minor_max_changed_share=self.minor_max_changed_share * (2.0 - 2 * s),
        )


def edit_kind(
    left_texts: Sequence[str],
    right_texts: Sequence[str],
    word_counts: Callable[[], tuple[int, int]],
    settings: KindSettings,
) -> ChangeKind:
    """How a group's sentences ``left_texts`` (joined) became ``right_texts``: identical (the
    same text), a minor edit (few words changed, see ``KindSettings``) or reworded.
    ``word_counts()`` gives ``(changed, total)`` words of the group's word diff over both sides
    (``word_diff.changed_word_count``); it is not called for identical groups (about half of a
    long pair's)."""
    if same_text(" ".join(left_texts), " ".join(right_texts)):
        return ChangeKind.IDENTICAL
    changed_words, total_words = word_counts()
    if changed_words <= settings.minor_max_changed_words or (
        total_words and changed_words / total_words <= settings.minor_max_changed_share
    ):
        return ChangeKind.MINOR
    return ChangeKind.REWORDED


def group_kind(edit: ChangeKind, moved: bool) -> ChangeKind:
    """The kind an editor sees: moved wins over the edit kind."""
    return ChangeKind.MOVED if moved else edit
