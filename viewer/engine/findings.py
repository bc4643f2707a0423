"""Editorial checks on a comparison: the edits an editor must not miss.

- ``altered_quote``: words changed inside quotation marks (or a quotation of the rewrite that was
  the reporter's own words in the original: detail "new quotation");
- ``unquoted_quote``: a quotation of the original paraphrased without quotation marks;
- ``changed_number``: a number, date, percentage or sum that differs between linked sentences;
- ``changed_name``: a person, place or organisation named on one side of linked sentences only.

Only linked sentences are checked: an omitted or added sentence is already reported as such.
Each check lives in its own module (``quote_changes``, ``numbers``, ``names``); this one runs them
group by group and sorts what they find: altered quotations first, then by severity, then by
position in the original.
"""

from __future__ import annotations

from typing import Callable, Sequence, TypeVar

from .model import FINDING_SEVERITY, Comparison, Finding, FindingKind, Group, Sentence
from .names import Name, Presence, Vocabulary, compare_names, extract_names
from .numbers import Figure, compare_figures, extract_figures
from .quote_changes import quotation_findings

T = TypeVar("T")


def find_findings(comparison: Comparison) -> list[Finding]:
    """Every editorial red flag between the linked sentences of ``comparison``, sorted."""
    findings = quotation_findings(comparison)
    findings.extend(_fact_findings(comparison))
    findings.sort(key=_order)
    return findings


def _order(f: Finding) -> tuple[int, int, int, str]:
    return (FINDING_SEVERITY[f.kind], f.left if f.left >= 0 else 1 << 30, f.right, f.detail)


class _PerSentence:
    """Lazily computed, cached per-sentence analyses of one side."""

    def __init__(self, sentences: Sequence[Sentence], vocabulary: Vocabulary) -> None:
        self.sentences = sentences
        self.vocabulary = vocabulary
        self._figures: dict[int, list[Figure]] = {}
        self._names: dict[int, list[Name]] = {}
        self._presence: dict[int, Presence] = {}

    def figures(self, indices: Sequence[int]) -> list[Figure]:
        return _gather(self._figures, indices, lambda i: extract_figures(self.sentences[i].text, sentence=i))

    def names(self, indices: Sequence[int]) -> list[Name]:
        return _gather(
            self._names, indices, lambda i: extract_names(self.sentences[i].text, self.vocabulary, sentence=i)
        )

    def presence(self, indices: Sequence[int]) -> Presence:
        parts = [self._presence.setdefault(i, Presence.of([self.sentences[i].text])) for i in indices]
        return Presence.union(parts)

    def neighbours(self, indices: Sequence[int]) -> list[int]:
        """The sentences just before and after ``indices`` in the same paragraph."""
        out = []
        first, last = min(indices), max(indices)
        if first > 0 and self.sentences[first - 1].block == self.sentences[first].block:
            out.append(first - 1)
        if last + 1 < len(self.sentences) and self.sentences[last + 1].block == self.sentences[last].block:
            out.append(last + 1)
        return [i for i in out if i not in indices]


def _gather(cache: dict[int, list[T]], indices: Sequence[int], make: Callable[[int], list[T]]) -> list[T]:
    out: list[T] = []
    for i in indices:
        found = cache.get(i)
        if found is None:
            found = cache[i] = make(i)
        out.extend(found)
    return out


def _fact_findings(c: Comparison) -> list[Finding]:
    """``changed_number`` and ``changed_name`` findings, group by group."""
    if not c.groups:
        return []
    vocabulary = Vocabulary(s.text for s in (*c.left_sentences, *c.right_sentences))
    left = _PerSentence(c.left_sentences, vocabulary)
    right = _PerSentence(c.right_sentences, vocabulary)
    left_document = left.presence(range(len(c.left_sentences))).words
    findings: list[Finding] = []
    for group in c.groups:
        findings.extend(_number_findings(group, left, right))
        findings.extend(_name_findings(group, left, right, left_document))
    return findings


def _number_findings(group: Group, left: _PerSentence, right: _PerSentence) -> list[Finding]:
    lf, rf = left.figures(group.left), right.figures(group.right)
    if not lf and not rf:
        return []
    changes = compare_figures(
        lf,
        rf,
        left_nearby=left.figures(left.neighbours(group.left)),
        right_nearby=right.figures(right.neighbours(group.right)),
    )
    return [
        Finding(
            FindingKind.CHANGED_NUMBER,
            ch.left.sentence if ch.left else group.left[0],
            ch.right.sentence if ch.right else group.right[0],
            ch.left.text if ch.left else "",
            ch.right.text if ch.right else "",
            ch.detail,
        )
        for ch in changes
    ]


def _name_findings(
    group: Group, left: _PerSentence, right: _PerSentence, left_document: frozenset[str]
) -> list[Finding]:
    ln, rn = left.names(group.left), right.names(group.right)
    if not ln and not rn:
        return []
    changes = compare_names(
        ln,
        rn,
        left_present=left.presence([*group.left, *left.neighbours(group.left)]),
        right_present=right.presence([*group.right, *right.neighbours(group.right)]),
        left_document=left_document,
    )
    return [
        Finding(
            FindingKind.CHANGED_NAME,
            ch.left.sentence if ch.left else group.left[0],
            ch.right.sentence if ch.right else group.right[0],
            ch.left.text if ch.left else "",
            ch.right.text if ch.right else "",
            ch.detail,
        )
        for ch in changes
    ]
