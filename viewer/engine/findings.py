"""Editorial checks on a comparison: the edits an editor must not miss.

- ``altered_quote``: words changed inside quotation marks;
- ``new_quote``: a quotation of the rewrite that was the reporter's own words (or a paraphrase)
  in the original;
- ``unquoted_quote``: a quotation of the original paraphrased without quotation marks;
- ``changed_number``: a number, date, percentage or sum that differs between linked sentences;
- ``changed_name``: a person, place or organisation named on one side of linked sentences only;
- ``dropped_attribution``: the milder case of a name the rewrite dropped where the original
  credited a source with it ("..., one official told CNN", "according to Reuters"): the rewrite
  lost the credit, not a name from the story.

``left``/``right`` index the sentences concerned; ``left_text``/``right_text`` are the quotations
(the right sentence for an unquoted one), the figures or the names as written, "" for a side
where it is missing; ``detail`` says e.g. "40% → 45%", "October 7 missing in the rewrite",
"CNN missing in the rewrite" or "quoted words changed: 12 of 23 kept; removed: …; added: …".

Only linked sentences are checked: an omitted or added sentence is already reported as such.
Figures and names are compared per linked group; one found in a sentence next to the group in
the same paragraph counts as kept, because the aligner may have cut the rewrite's sentences
differently. Identical groups are skipped. Each check lives in its own modules (``quotes`` and ``quote_changes``, ``numbers``, ``names`` and
``name_changes``); this one runs them group by group, each sentence read once, and sorts what they
find: altered quotations first, then by severity, then by position in the original.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TypeVar

from .findings_lang import language_fact_findings, number_findings, translated_quote_findings
from .model import (
    FINDING_SEVERITY,
    ChangeKind,
    Comparison,
    Finding,
    FindingKind,
    Group,
    Sentence,
    paragraph_neighbours,
)
from .name_changes import Presence, compare_names
from .names import (
    Name,
    ParsedSentence,
    Vocabulary,
    extract_names,
    name_words,
    only_weak,
    parse,
)
from .numbers import Figure, compare_figures, extract_figures
from .quote_changes import QuoteSides, quotation_findings

__all__ = ["FindingsMemo", "find_findings"]

T = TypeVar("T")


class FindingsMemo:
    """What finding the findings of a re-alignment of the same sentences can reuse: each side's
    parsed sentences and quotations (they depend on the texts only) and the fact findings of
    each group already checked (they depend on its sentences and their paragraph neighbours
    only). Filled by ``find_findings``; a memo serves one pair of sentence lists."""

    def __init__(self) -> None:
        self.facts: _Facts | None = None
        self.groups: dict[tuple[tuple[int, ...], tuple[int, ...]], list[Finding]] = {}
        self.quote_sides: QuoteSides | None = None


def find_findings(comparison: Comparison, *, memo: FindingsMemo | None = None) -> list[Finding]:
    """Every editorial red flag between the linked sentences of ``comparison``, sorted.

    ``memo``: analyses kept from an earlier call on the same sentences (see ``FindingsMemo``);
    the findings are the same with or without it."""
    english = comparison.left_language in ("", "en") and comparison.right_language in ("", "en")
    if comparison.cross_language:
        findings = translated_quote_findings(comparison)
    else:
        sides = memo.quote_sides if memo is not None else None
        findings, sides = quotation_findings(comparison, sides=sides)
        if memo is not None:
            memo.quote_sides = sides
    if english:
        findings.extend(_fact_findings(comparison, memo))
    else:
        findings.extend(language_fact_findings(comparison))
    findings.sort(key=_order)
    return findings


def _order(f: Finding) -> tuple[int, int, int, str]:
    return (FINDING_SEVERITY[f.kind], f.left if f.left >= 0 else 1 << 30, f.right, f.detail)


class _PerSentence:
    """Per-sentence analyses of one side, each computed once and only when a group needs it."""

    def __init__(
        self,
        sentences: Sequence[Sentence],
        parsed: Sequence[ParsedSentence],
        vocabulary: Vocabulary,
    ) -> None:
        self.sentences = sentences
        self.parsed = parsed
        self.vocabulary = vocabulary
        self._figures: dict[int, list[Figure]] = {}
        self._names: dict[int, list[Name]] = {}
        self._presence: dict[int, Presence] = {}
        self._words: dict[int, frozenset[str]] = {}
        self._name_words: dict[int, set[str]] = {}

    def figures(self, indices: Sequence[int]) -> list[Figure]:
        return _gather(
            self._figures, indices, lambda i: extract_figures(self.sentences[i].text, sentence=i)
        )

    def names(self, indices: Sequence[int]) -> list[Name]:
        return _gather(
            self._names,
            indices,
            lambda i: extract_names(self.parsed[i], self.vocabulary, sentence=i),
        )

    def presence(self, indices: Sequence[int]) -> Presence:
        parts = []
        for i in indices:
            found = self._presence.get(i)
            if found is None:
                found = self._presence[i] = Presence.of([self.parsed[i]])
            parts.append(found)
        return Presence.union(parts)

    def words(self, indices: Sequence[int]) -> set[str]:
        """The folded capitalised words of sentences (and the parts of hyphenated ones)."""
        out: set[str] = set()
        for i in indices:
            found = self._words.get(i)
            if found is None:
                keys = [t.key for t in self.parsed[i].tokens]
                parts = [p for k in keys if "-" in k for p in k.split("-")]
                found = self._words[i] = frozenset(keys + parts)
            out |= found
        return out

    def name_words(self, indices: Sequence[int]) -> set[str]:
        """The capitalised words of sentences that could identify a name."""
        out: set[str] = set()
        for i in indices:
            found = self._name_words.get(i)
            if found is None:
                found = self._name_words[i] = name_words(self.parsed[i], self.vocabulary)
            out |= found
        return out

    def neighbours(self, indices: Sequence[int]) -> list[int]:
        """The sentences just before and after ``indices`` in the same paragraph."""
        return paragraph_neighbours(self.sentences, indices)


def _unchanged(
    lost: set[str], gained: set[str], left_words: set[str], left_document: frozenset[str]
) -> bool:
    """Whether capitalised words only on one side can make no name finding (``compare_names``):
    none at all; only nationalities lost (weak, reported only when swapped); only words gained
    that the original uses elsewhere (reported only when new to the article)."""
    if not gained:
        return only_weak(lost, left_words)
    return not lost and gained <= left_document


def _gather(
    cache: dict[int, list[T]], indices: Sequence[int], make: Callable[[int], list[T]]
) -> list[T]:
    out: list[T] = []
    for i in indices:
        found = cache.get(i)
        if found is None:
            found = cache[i] = make(i)
        out.extend(found)
    return out


class _Facts:
    """Both sides' per-sentence analyses for the fact checks."""

    def __init__(self, c: Comparison) -> None:
        left_parsed = [parse(s.text) for s in c.left_sentences]
        right_parsed = [parse(s.text) for s in c.right_sentences]
        vocabulary = Vocabulary([*left_parsed, *right_parsed], texts=[c.left.text, c.right.text])
        self.left = _PerSentence(c.left_sentences, left_parsed, vocabulary)
        self.right = _PerSentence(c.right_sentences, right_parsed, vocabulary)
        self.left_document = frozenset(
            w for p in left_parsed for t in p.tokens for w in (t.key, *t.key.split("-"))
        )


def _fact_findings(c: Comparison, memo: FindingsMemo | None = None) -> list[Finding]:
    """``changed_number`` and ``changed_name`` findings, group by group."""
    if not c.groups:
        return []
    facts = memo.facts if memo is not None else None
    if facts is None:
        facts = _Facts(c)
        if memo is not None:
            memo.facts = facts
    known = memo.groups if memo is not None else {}
    findings: list[Finding] = []
    for group in c.groups:
        if group.edit is ChangeKind.IDENTICAL:
            continue  # the same words: no figure or name can differ
        key = (group.left, group.right)
        found = known.get(key)
        if found is None:
            found = _number_findings(group, facts.left, facts.right)
            found.extend(_name_findings(group, facts.left, facts.right, facts.left_document))
            known[key] = found
        findings.extend(found)
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
    return number_findings(group, changes, lambda ch: ch.detail)


def _name_findings(
    group: Group, left: _PerSentence, right: _PerSentence, left_document: frozenset[str]
) -> list[Finding]:
    # A name is made of capitalised words: when each side's are all on the other, none changed.
    left_words, right_words = left.name_words(group.left), right.name_words(group.right)
    lost, gained = left_words - right.words(group.right), right_words - left.words(group.left)
    if _unchanged(lost, gained, left_words, left_document):
        return []
    left_context = [*group.left, *left.neighbours(group.left)]
    right_context = [*group.right, *right.neighbours(group.right)]
    lost, gained = left_words - right.words(right_context), right_words - left.words(left_context)
    if _unchanged(lost, gained, left_words, left_document):
        return []
    left_present, right_present = left.presence(left_context), right.presence(right_context)
    changes = compare_names(
        left.names(group.left),
        right.names(group.right),
        left_present=left_present,
        right_present=right_present,
        left_document=left_document,
    )
    findings = []
    for ch in changes:
        li = ch.left.sentence if ch.left else group.left[0]
        kind, detail = FindingKind.CHANGED_NAME, ch.detail
        if ch.left and not ch.right and _credits(left.sentences[li].text, ch.left.text):
            kind = FindingKind.DROPPED_ATTRIBUTION
            detail = f"attribution to {ch.left.text} missing in the rewrite"
        findings.append(
            Finding(
                kind,
                li,
                ch.right.sentence if ch.right else group.right[0],
                ch.left.text if ch.left else "",
                ch.right.text if ch.right else "",
                detail,
            )
        )
    return findings


_CREDIT_BEFORE = (
    r"(?:told|according\s+to|reported\s+by|said\s+to|speaking\s+to|in\s+an\s+interview\s+with|via)"
)
_CREDIT_AFTER = r"(?:reported|reports|has\s+learned|learned|has\s+reported|was\s+told|understands)"


def _credits(sentence: str, name: str) -> bool:
    """True when ``sentence`` names ``name`` as the source it got the story from ("told CNN",
    "according to Reuters", "CNN has learned"), not as a party to the story."""
    n = re.escape(name)
    before = rf"\b{_CREDIT_BEFORE}\s+(?:the\s+)?{n}\b"
    after = rf"\b{n}\s+{_CREDIT_AFTER}\b"
    return re.search(before, sentence, re.IGNORECASE) is not None or re.search(
        after, sentence
    ) is not None
