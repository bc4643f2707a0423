"""Findings when a document is not English, or the two are in different languages.

* Numbers: each side's figures are read with its language's rules
  (:mod:`viewer.engine.numbers_lang`) into English values, then compared as in English.
* Names: the English side's names come from the English name finder; other languages' from
  :mod:`viewer.engine.names_lang`; a name is compared with the other side's words, not names,
  so a name the other language writes in a compound or an inflection still counts as kept.
* Quotations across languages (:func:`translated_quote_findings`): a quotation of the original
  whose linked translation has no quotation at all ("unquoted_quote", detail "quotation
  missing in the translation"), or whose translation is far shorter or longer than the
  document's translations run ("altered_quote"). A quotation that was only translated is not
  a finding. Between two texts of one language the usual word-level checks run instead.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from .model import (
    ChangeKind,
    Comparison,
    Finding,
    FindingKind,
    Group,
    Sentence,
    paragraph_neighbours,
)
from .names import _GENERIC, Vocabulary, extract_names, parse
from .names_lang import GENERIC, LangName, candidate_names, name_changes, present, text_words
from .numbers import Figure, FigureChange, compare_figures
from .numbers_lang import extract_figures_in
from .quotes import find_quotations, word_count

__all__ = ["language_fact_findings", "number_findings", "translated_quote_findings"]

SHORT_QUOTE = 0.5
"""A translated quotation shorter than this share of what the document's ratio of lengths
predicts is "much shorter"."""
LONG_QUOTE = 2.0



class _Side:
    def __init__(self, sentences: Sequence[Sentence], language: str) -> None:
        self.sentences = sentences
        self.language = language or "en"
        self._figures: dict[int, list[Figure]] = {}
        self._names: dict[int, list[LangName]] = {}
        self._words: dict[int, list[str]] = {}
        self._vocabulary: Vocabulary | None = None

    def figures(self, indices: Sequence[int]) -> list[Figure]:
        out: list[Figure] = []
        for i in indices:
            if i not in self._figures:
                text = self.sentences[i].text
                self._figures[i] = extract_figures_in(text, self.language, sentence=i)
            out.extend(self._figures[i])
        return out

    def names(self, indices: Sequence[int]) -> list[LangName]:
        out: list[LangName] = []
        for i in indices:
            if i not in self._names:
                self._names[i] = self._find_names(i)
            out.extend(self._names[i])
        return out

    def _find_names(self, i: int) -> list[LangName]:
        text = self.sentences[i].text
        if self.language != "en":
            return candidate_names(text, self.language, sentence=i)
        if self._vocabulary is None:
            self._vocabulary = Vocabulary([s.text for s in self.sentences])
        return [
            LangName(n.text, n.words, i)
            for n in extract_names(parse(text), self._vocabulary, sentence=i)
            if not n.weak
        ]

    def words(self, indices: Sequence[int]) -> list[str]:
        out: list[str] = []
        for i in indices:
            if i not in self._words:
                self._words[i] = text_words(self.sentences[i].text)
            out.extend(self._words[i])
        return out


def _other_side_word(c: Comparison) -> str:
    return "translation" if c.cross_language else "rewrite"


def language_fact_findings(c: Comparison) -> list[Finding]:
    """``changed_number`` and ``changed_name`` findings, group by group, by each side's
    language."""
    left = _Side(c.left_sentences, c.left_language)
    right = _Side(c.right_sentences, c.right_language)
    other = _other_side_word(c)
    findings: list[Finding] = []
    for group in c.groups:
        if group.edit is ChangeKind.IDENTICAL:
            continue
        findings.extend(_numbers(c, group, left, right, other))
        findings.extend(_names(c, group, left, right, other))
    return findings


def _detail(left: str, right: str, other: str) -> str:
    if left and right:
        return f"{left} → {right}"
    if left:
        return f"{left} missing in the {other}"
    return f"{right} added in the {other}"


def _numbers(c: Comparison, group: Group, left: _Side, right: _Side, other: str) -> list[Finding]:
    lf, rf = left.figures(group.left), right.figures(group.right)
    if not lf and not rf:
        return []
    changes = compare_figures(
        lf,
        rf,
        left_nearby=left.figures(paragraph_neighbours(c.left_sentences, group.left)),
        right_nearby=right.figures(paragraph_neighbours(c.right_sentences, group.right)),
    )
    return number_findings(
        group,
        changes,
        lambda ch: _detail(ch.left.text if ch.left else "", ch.right.text if ch.right else "", other),
    )


def number_findings(
    group: Group, changes: Sequence[FigureChange], detail: Callable[[FigureChange], str]
) -> list[Finding]:
    """A ``changed_number`` finding for each of ``group``'s figure changes, placed at the
    figure's sentence (the group's first on a side that has none), described by ``detail``."""
    return [
        Finding(
            FindingKind.CHANGED_NUMBER,
            ch.left.sentence if ch.left else group.left[0],
            ch.right.sentence if ch.right else group.right[0],
            ch.left.text if ch.left else "",
            ch.right.text if ch.right else "",
            detail(ch),
        )
        for ch in changes
    ]


def _names(c: Comparison, group: Group, left: _Side, right: _Side, other: str) -> list[Finding]:
    left_words = left.words([*group.left, *paragraph_neighbours(c.left_sentences, group.left)])
    right_words = right.words([*group.right, *paragraph_neighbours(c.right_sentences, group.right)])
    generic = _GENERIC | GENERIC
    lost = [n for n in left.names(group.left) if not present(n.words, right_words, generic)]
    gained = [n for n in right.names(group.right) if not present(n.words, left_words, generic)]
    return [
        Finding(
            FindingKind.CHANGED_NAME,
            a.sentence if a else group.left[0],
            b.sentence if b else group.right[0],
            a.text if a else "",
            b.text if b else "",
            _detail(a.text if a else "", b.text if b else "", other),
        )
        for a, b in name_changes(lost, gained)
    ]


def _sentence_of(sentences: Sequence[Sentence], offset: int) -> int:
    for i, s in enumerate(sentences):
        if s.start <= offset < s.end:
            return i
    return -1


def translated_quote_findings(c: Comparison) -> list[Finding]:
    """Quotations missing from the translation, or translated far shorter or longer (see the
    module's docstring)."""
    left_quotes = [(q, _sentence_of(c.left_sentences, q.start)) for q in find_quotations(c.left)]
    right_quotes = [
        (q, _sentence_of(c.right_sentences, q.start)) for q in find_quotations(c.right)
    ]
    total_left = sum(len(c.left_sentences[i].text) for g in c.groups for i in g.left)
    total_right = sum(len(c.right_sentences[j].text) for g in c.groups for j in g.right)
    expected = total_right / total_left if total_left else 1.0
    findings: list[Finding] = []
    for group in c.groups:
        lq = [q for q, i in left_quotes if i in group.left]
        if not lq:
            continue
        rq = [q for q, j in right_quotes if j in group.right]
        first_left = next(i for q, i in left_quotes if i in group.left)
        if not rq:
            findings.append(
                Finding(
                    FindingKind.UNQUOTED_QUOTE,
                    first_left,
                    group.right[0],
                    lq[0].text,
                    " ".join(c.right_sentences[j].text for j in group.right),
                    "quotation missing in the translation",
                )
            )
            continue
        left_len = sum(len(q.text) for q in lq)
        right_len = sum(len(q.text) for q in rq)
        relative = right_len / left_len / expected if left_len and expected else 1.0
        if relative < SHORT_QUOTE or relative > LONG_QUOTE:
            how = "shorter" if relative < SHORT_QUOTE else "longer"
            lw = sum(word_count(q.text) for q in lq)
            rw = sum(word_count(q.text) for q in rq)
            findings.append(
                Finding(
                    FindingKind.ALTERED_QUOTE,
                    first_left,
                    next(j for q, j in right_quotes if j in group.right),
                    " … ".join(q.text for q in lq),
                    " … ".join(q.text for q in rq),
                    f"translated quotation much {how}: {lw} words → {rw} words",
                )
            )
    return findings
