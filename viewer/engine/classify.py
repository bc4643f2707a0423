"""The one place a linked group's kind is decided, with the one text normaliser.

Two texts are *the same* when they are equal after :func:`normalise`: white space collapsed and
typographic quotes made straight (and, with :class:`~viewer.engine.model.IgnoreOptions`, letter
case, punctuation or the grouping of digits set aside, or white space and quotes kept). The aligner uses that rule to pair a sentence kept word for
word with its copy (``align._pair_copies``) and to favour the very same text among ties
(``align_features.SAME_TEXT_BONUS``), and this module to call a group identical. The word diff
compares words under the same options (:func:`token_key`), so a group called identical never
shows a changed word.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from .model import ChangeKind, IgnoreOptions

__all__ = [
    "DEFAULT_IGNORE",
    "KindSettings",
    "edit_kind",
    "group_kind",
    "normalise",
    "same_text",
    "straighten_quotes",
    "token_key",
    "ungroup_digits",
]

_STRAIGHT = str.maketrans({"’": "'", "“": '"', "”": '"'})
DEFAULT_IGNORE = IgnoreOptions()
_DIGIT_GROUP = re.compile(r"(?<=\d)[,\u00a0\u202f\u2009](?=\d{3}(?!\d))")
"""A thousands separator between digits: a comma, a no-break or a thin space (a full stop is
left alone: "1.500" is a decimal in English)."""
_PUNCTUATION = re.compile(r"[^\w\s]+")


def ungroup_digits(text: str) -> str:
    """``text`` with the thousands separators inside numbers taken out ("1,000" -> "1000")."""
    return _DIGIT_GROUP.sub("", text)


def straighten_quotes(text: str) -> str:
    """``text`` with curly apostrophes and double quotes made straight, one character for one
    (offsets into the result are offsets into ``text``)."""
    return text.translate(_STRAIGHT)


def normalise(text: str, ignore: IgnoreOptions = DEFAULT_IGNORE) -> str:
    """What "the same text" compares. By default: quotes made straight, runs of white space one
    space, no white space at either end; ``ignore`` may also set aside letter case,
    punctuation and the grouping of digits, or keep quotes and white space as they are."""
    if ignore.quotes:
        text = straighten_quotes(text)
    if ignore.numbers:
        text = ungroup_digits(text)
    if ignore.punctuation:
        text = _PUNCTUATION.sub("", text)
    if ignore.case:
        text = text.casefold()
    return " ".join(text.split()) if ignore.whitespace else text.strip()


def same_text(a: str, b: str, ignore: IgnoreOptions = DEFAULT_IGNORE) -> bool:
    """True when ``a`` and ``b`` say the same words, as ``normalise`` sees them."""
    return normalise(a, ignore) == normalise(b, ignore)


def token_key(token: str, ignore: IgnoreOptions = DEFAULT_IGNORE) -> str:
    """What the word diff compares of one word, number or punctuation token (quotes already
    straightened in the sentence when ``ignore.quotes``)."""
    if ignore.numbers and token[:1].isdigit():
        token = ungroup_digits(token)
    return token.casefold() if ignore.case else token


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
    ignore: IgnoreOptions = DEFAULT_IGNORE,
) -> ChangeKind:
    """How a group's sentences ``left_texts`` (joined) became ``right_texts``: identical (the
    same text), a minor edit (few words changed, see ``KindSettings``) or reworded.
    ``word_counts()`` gives ``(changed, total)`` words of the group's word diff over both sides
    (``word_diff.changed_word_count``); it is not called for identical groups (about half of a
    long pair's). ``ignore``: the differences that do not make a group a change."""
    if same_text(" ".join(left_texts), " ".join(right_texts), ignore):
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
