"""What kind of translation each linked group of a two-language comparison is.

Word-level edits mean nothing between languages, so a group is judged by what can be measured
across them: its findings (a number, name or quotation that differs), its length against the
document's own ratio of lengths (German runs longer than English, so a fixed ratio would call
every German sentence long), and its similarity.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from .classify import group_kind
from .model import ChangeKind, Comparison, Finding, Group, TranslationKind

__all__ = ["SHORTENED_RATIO", "classify_translations", "translation_kind"]

SHORTENED_RATIO = 0.6
"""A group whose translation is shorter than this share of what the document's ratio of lengths
predicts is "translated, shortened"."""
LENGTHENED_RATIO = 1.8
"""Longer than this share of the prediction: material was added, so "changed"."""
CHANGED_SIMILARITY = 0.3
"""Linked, but below this similarity: the translation says something else."""
_EDIT = {
    TranslationKind.TRANSLATED: ChangeKind.MINOR,
    TranslationKind.SHORTENED: ChangeKind.REWORDED,
    TranslationKind.CHANGED: ChangeKind.REWORDED,
}


def translation_kind(
    group: Group, ratio: float, expected_ratio: float, has_finding: bool
) -> TranslationKind:
    """The kind of ``group``, whose right text is ``ratio`` times as long as its left text,
    where the document's translation runs ``expected_ratio`` times as long."""
    relative = ratio / expected_ratio if expected_ratio > 0 else 1.0
    if has_finding or relative > LENGTHENED_RATIO or group.similarity < CHANGED_SIMILARITY:
        return TranslationKind.CHANGED
    if relative < SHORTENED_RATIO:
        return TranslationKind.SHORTENED
    return TranslationKind.TRANSLATED


def classify_translations(c: Comparison, findings: Sequence[Finding]) -> tuple[Group, ...]:
    """``c.groups`` with ``translation`` set, and the edit kind an editor's colours follow:
    a faithful translation as a minor edit, a shortened or changed one as reworded."""
    lengths = [
        (
            sum(len(c.left_sentences[i].text) for i in g.left),
            sum(len(c.right_sentences[j].text) for j in g.right),
        )
        for g in c.groups
    ]
    total_left = sum(a for a, _ in lengths)
    total_right = sum(b for _, b in lengths)
    expected = total_right / total_left if total_left else 1.0
    flagged_left = {f.left for f in findings if f.left >= 0}
    flagged_right = {f.right for f in findings if f.right >= 0}
    out = []
    for g, (a, b) in zip(c.groups, lengths):
        has_finding = any(i in flagged_left for i in g.left) or any(
            j in flagged_right for j in g.right
        )
        kind = translation_kind(g, b / a if a else 1.0, expected, has_finding)
        edit = _EDIT[kind]
        out.append(
            replace(
                g,
                translation=kind,
                edit=edit,
                kind=group_kind(edit, g.moved),
            )
        )
    return tuple(out)
