"""Which proper names of linked sentences the rewrite changed, dropped or brought in.

Two names are the same when the last identifying word of one (its "head": "Warren" of "Sen.
Elizabeth Warren", "Gaza" of "Gaza Strip") occurs among the capitalised words of the other side,
or when one is the acronym of the other ("IDF", "Israel Defense Forces"). A possessive is the
same word ("Biden’s" is Biden) but a plural or a typo is not: "Bidens" (for "Biden's") is a
different name, and a rewrite that writes it is reported, because an editor wants it fixed.

Weak names (nationalities, "US officials") are reported only when swapped for another weak name:
dropping one shortens an attribution, it does not lose a name.
"""

from __future__ import annotations

from collections.abc import Container, Iterable, Sequence
from dataclasses import dataclass

from .names import Name, Text, acronyms, parse
from .numbers import change_detail

__all__ = ["NameChange", "Presence", "compare_names"]


@dataclass(frozen=True)
class Presence:
    """Every capitalised word of some sentences, and the acronyms of their capitalised runs: what
    tells whether a name from the other side is there."""

    words: frozenset[str]
    acronyms: frozenset[str]

    @classmethod
    def of(cls, sentences: Iterable[Text]) -> Presence:
        words: set[str] = set()
        found: set[str] = set()
        for sentence in sentences:
            parsed = parse(sentence)
            for t in parsed.tokens:
                words.add(t.key)
                words.update(t.key.split("-"))
            found |= acronyms(parsed)
        return cls(frozenset(words), frozenset(found))

    @classmethod
    def union(cls, parts: Sequence[Presence]) -> Presence:
        if len(parts) == 1:
            return parts[0]
        return cls(
            frozenset().union(*(p.words for p in parts)),
            frozenset().union(*(p.acronyms for p in parts)),
        )

    def holds(self, name: Name) -> bool:
        if name.head in self.words:
            return True
        if name.acronym and name.acronym in self.words:
            return True
        return len(name.words) == 1 and name.words[0] in self.acronyms


@dataclass(frozen=True)
class NameChange:
    """A name of the original that the rewrite changed to ``right``, or a name on one side only."""

    left: Name | None
    right: Name | None

    @property
    def detail(self) -> str:
        return change_detail(self.left.text if self.left else None, self.right.text if self.right else None)


def compare_names(
    left: Sequence[Name],
    right: Sequence[Name],
    *,
    left_present: Presence,
    right_present: Presence,
    left_document: Container[str],
) -> list[NameChange]:
    """What differs between the names of linked sentences.

    ``left_present``/``right_present`` hold the capitalised words of each side's sentences (the
    group and its neighbours in the same paragraph, so a name moved across a sentence boundary is
    not lost); ``left_document`` the capitalised words of the whole original. A missing name
    pairs with a new name of the same strength, in order ("Warren → Sanders"). A weak name alone
    is never reported; a new name alone only when the original never mentions it (a name it
    already uses is the rewrite making a reference explicit).
    """
    missing = _unique([n for n in left if not right_present.holds(n)])
    new = _unique([n for n in right if not left_present.holds(n)])
    changes: list[NameChange] = []
    for weak in (False, True):
        lost = [n for n in missing if n.weak == weak]
        gained = [n for n in new if n.weak == weak]
        changes.extend(NameChange(a, b) for a, b in zip(lost, gained))
        if weak:
            continue
        changes.extend(NameChange(a, None) for a in lost[len(gained) :])
        changes.extend(
            NameChange(None, b) for b in gained[len(lost) :] if b.head not in left_document
        )
    changes.sort(key=_order)
    return changes


def _order(change: NameChange) -> tuple[int, int, int, int]:
    a, b = change.left, change.right
    return (
        a.sentence if a else 1 << 30,
        a.start if a else 0,
        b.sentence if b else 0,
        b.start if b else 0,
    )


def _unique(names: list[Name]) -> list[Name]:
    seen: set[str] = set()
    out = []
    for n in names:
        if n.head not in seen:
            seen.add(n.head)
            out.append(n)
    return out
