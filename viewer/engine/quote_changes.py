"""What a rewrite did to the quotations of the original: ``altered_quote`` and ``unquoted_quote``.

Each quotation of the original is looked for among the quotations of the rewrite's sentences
linked to the sentences it overlaps (its "region"). A quotation of the rewrite there goes to the
original quotation it resembles most; failing that, in a linked pair where each quotation is most
of its sentences, the two are taken for the same quotation (the link itself says they mean the
same). Then:

- a quotation of the rewrite whose words are not a run of the original's quoted words is an
  ``altered_quote``; an ellipsis ("…", "...") or a bracketed insertion ("[the president]") in the
  rewrite's quotation marks a legitimate cut, so each piece between them only needs to be a run;
- an original quotation with no quotation in its region, but whose words the linked text echoes
  (or which is most of its sentence, so the link says it was paraphrased), is an
  ``unquoted_quote``; otherwise it was dropped, which is no finding of these kinds;
- a quotation of the rewrite in a linked sentence whose original quotes nothing, made of the
  original's words, is a ``new_quote``: the rewrite put quotation marks around the reporter's
  words (or, with the sides swapped, turned a paraphrase into a direct quotation).

A quotation in an omitted sentence is an omission, never a finding here.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from .model import Comparison, Document, Finding, FindingKind, Sentence
from .quotes import Quotation, find_quotations, quote_words, word_count
from .stopwords import QUOTE_STOP

__all__ = ["QuoteSides", "quotation_findings"]

MIN_UNQUOTED_WORDS = 3
"""A quotation shorter than this (a scare-quoted term) losing its marks is not reported."""
MIN_NEW_QUOTE_WORDS = 3
"""A quotation of the rewrite with no quotation in the linked original sentences is reported as a
"new quotation" from this many words on."""
MATCH_SHARE = 0.3
"""Share of the shorter quotation's words two quotations must have in common to be taken for the
same quotation before and after the rewrite (or two content words in common)."""
PARAPHRASE_SHARE = 0.3
"""Share of a quotation's content words the linked text must echo to count as a paraphrase."""
MOST_OF_SENTENCE = 0.5
"""A quotation making this share of its sentences' words is what the sentence says."""

_CUTS = re.compile(r"\.\.\.|…|\[[^\]]*\]")
_STOP = QUOTE_STOP


@dataclass
class _Side:
    """The quotations of one document, with the sentences each overlaps and the share of those
    sentences' words it makes."""

    quotes: list[Quotation]
    words: list[tuple[str, ...]]
    sentences: list[list[int]]
    coverage: list[float]
    matches: dict[tuple[int, int], float] = field(default_factory=dict)
    """``_match_score`` of this side's quotation n with the other side's r, by (n, r), as
    worked out (a re-alignment asks for the same pairs again)."""


QuoteSides = tuple[_Side, _Side]
"""Each document's quotations (they depend on its text and sentences only)."""


def _side(document: Document, sentences: Sequence[Sentence]) -> _Side:
    quotes = find_quotations(document)
    starts = [s.start for s in sentences]
    words = [q.words for q in quotes]
    overlapped: list[list[int]] = []
    coverage: list[float] = []
    sentence_words: dict[int, int] = {}
    for q, qw in zip(quotes, words):
        lo = bisect_right(starts, q.start)
        if lo and sentences[lo - 1].end > q.start:
            lo -= 1
        found = list(range(lo, bisect_left(starts, q.end)))
        overlapped.append(found)
        for i in found:
            if i not in sentence_words:
                sentence_words[i] = word_count(sentences[i].text)
        coverage.append(len(qw) / max(1, sum(sentence_words[i] for i in found)))
    return _Side(quotes, words, overlapped, coverage)


def _stem(word: str) -> str:
    # A crude prefix stem so that "cautious"/"caution" and "precise"/"precision" meet; only used
    # to judge whether two texts echo each other, never shown.
    return word[:4] if len(word) > 4 else word


def _content(words: Sequence[str]) -> list[str]:
    return [_stem(w) for w in words if w not in _STOP]


def _overlap(a: Sequence[str], b: Sequence[str]) -> int:
    return sum((Counter(a) & Counter(b)).values())


def _match_score(q: Sequence[str], r: Sequence[str]) -> float:
    """How much two quotations look like versions of each other (0: not at all)."""
    if not q or not r:
        return 0.0
    shared_content = _overlap(_content(q), _content(r))
    if shared_content == 0:
        return 0.0
    score = _overlap([_stem(w) for w in q], [_stem(w) for w in r]) / min(len(q), len(r))
    return score if score >= MATCH_SHARE or shared_content >= 2 else 0.0


def _contains(haystack: Sequence[str], needle: Sequence[str]) -> bool:
    """Whether ``needle`` occurs as a contiguous run of words in ``haystack``."""
    return not needle or f" {' '.join(needle)} " in f" {' '.join(haystack)} "


def _faithful(original: Sequence[str], quotation: str) -> bool:
    """Whether every piece of ``quotation`` between cuts is a run of the original's words."""
    return all(_contains(original, quote_words(piece)) for piece in _CUTS.split(quotation))


def quotation_findings(
    c: Comparison, *, sides: QuoteSides | None = None
) -> tuple[list[Finding], QuoteSides]:
    """``altered_quote`` and ``unquoted_quote`` findings of a comparison whose groups are final,
    and each side's quotations (``sides``: those of an earlier call on the same sentences,
    reused)."""
    if sides is None:
        sides = (_side(c.left, c.left_sentences), _side(c.right, c.right_sentences))
    left, right = sides
    if not left.quotes and not right.quotes:
        return [], sides
    # Plain dicts built once here: cheaper than a lookup method per sentence.
    group_of_left = {i: g for g, group in enumerate(c.groups) for i in group.left}
    group_of_right = {j: g for g, group in enumerate(c.groups) for j in group.right}
    region = [sorted({group_of_left[i] for i in ss if i in group_of_left}) for ss in left.sentences]
    left_quotes_of_group: dict[int, list[int]] = {}
    for n, gs in enumerate(region):
        for g in gs:
            left_quotes_of_group.setdefault(g, []).append(n)
    right_groups = [
        sorted({group_of_right[j] for j in ss if j in group_of_right}) for ss in right.sentences
    ]
    assigned = _assign(left, right, right_groups, left_quotes_of_group)

    findings: list[Finding] = []
    quotes_of_right: dict[int, list[int]] = {}
    for r, ss in enumerate(right.sentences):
        for j in ss:
            quotes_of_right.setdefault(j, []).append(r)
    for n, q in enumerate(left.quotes):
        if not region[n]:
            continue  # omitted: already an omission
        left_first = min(i for i in left.sentences[n] if i in group_of_left)
        mine = assigned.get(n, [])
        if mine:
            # Quotations cut short, split in two or merged into one stay verbatim.
            others = sorted({m for g in region[n] for m in left_quotes_of_group[g]})
            original = [w for m in others for w in left.words[m]]
            changed = [r for r in mine if not _faithful(original, right.quotes[r].text)]
            if changed:
                findings.append(
                    Finding(
                        FindingKind.ALTERED_QUOTE,
                        left_first,
                        right.sentences[changed[0]][0],
                        q.text,
                        " … ".join(right.quotes[r].text for r in changed),
                        _altered_detail(
                            left.words[n], [w for r in changed for w in right.words[r]]
                        ),
                    )
                )
        elif len(left.words[n]) >= MIN_UNQUOTED_WORDS:
            linked = sorted({j for g in region[n] for j in c.groups[g].right})
            found = _paraphrase(c, right, left.words[n], left.coverage[n], linked, quotes_of_right)
            if found is not None:
                j, verbatim = found
                detail = (
                    "quotation marks removed"
                    if verbatim
                    else "quotation paraphrased without quotation marks"
                )
                findings.append(
                    Finding(
                        FindingKind.UNQUOTED_QUOTE,
                        left_first,
                        j,
                        q.text,
                        c.right_sentences[j].text,
                        detail,
                    )
                )

    taken = {r for rs in assigned.values() for r in rs}
    quoted_left = {i for ss in left.sentences for i in ss}
    for r in range(len(right.quotes)):
        if r not in taken and right_groups[r]:
            finding = _new_quotation(c, right, r, right_groups[r], quoted_left, group_of_right)
            if finding is not None:
                findings.append(finding)
    return findings, sides


def _assign(
    left: _Side,
    right: _Side,
    right_groups: list[list[int]],
    left_quotes_of_group: dict[int, list[int]],
) -> dict[int, list[int]]:
    """Right quotation indices by the left quotation each is a version of."""
    assigned: dict[int, list[int]] = {}
    pending: list[tuple[int, list[int]]] = []
    for r, groups in enumerate(right_groups):
        candidates = sorted({n for g in groups for n in left_quotes_of_group.get(g, ())})
        best, best_score = -1, 0.0
        for n in candidates:
            score = left.matches.get((n, r))
            if score is None:
                score = left.matches[(n, r)] = _match_score(left.words[n], right.words[r])
            if score > best_score:
                best, best_score = n, score
        if best >= 0:
            assigned.setdefault(best, []).append(r)
        elif candidates:
            pending.append((r, candidates))
    # Linked sentences that each mostly quote somebody quote the same thing, however reworded.
    for r, candidates in pending:
        if right.coverage[r] < MOST_OF_SENTENCE:
            continue
        for n in candidates:
            if n not in assigned and left.coverage[n] >= MOST_OF_SENTENCE:
                assigned[n] = [r]
                break
    return assigned


def _paraphrase(
    c: Comparison,
    right: _Side,
    words: Sequence[str],
    coverage: float,
    linked: Sequence[int],
    quotes_of_right: dict[int, list[int]],
) -> tuple[int, bool] | None:
    """The linked right sentence that says a quotation's words without quotation marks, if any,
    and whether it has them verbatim."""
    content = _content(words)
    best: tuple[int, bool] | None = None
    best_shared = -1
    for j in linked:
        s = c.right_sentences[j]
        text = s.text
        # The rewrite's own quotations say somebody else's words: cut them out first.
        for r in sorted(quotes_of_right.get(j, ()), key=lambda r: -right.quotes[r].start):
            a = max(right.quotes[r].start, s.start) - s.start
            b = min(right.quotes[r].end, s.end) - s.start
            text = text[:a] + " " + text[b:]
        rw = quote_words(text)
        shared = _overlap(content, _content(rw))
        if shared > best_shared:
            best, best_shared = (j, _contains(rw, words)), shared
    if best is None:
        return None
    if best_shared >= max(1.0, PARAPHRASE_SHARE * len(content)) or coverage >= MOST_OF_SENTENCE:
        return best
    return None


def _new_quotation(
    c: Comparison,
    right: _Side,
    r: int,
    groups: Sequence[int],
    quoted_left: set[int],
    group_of_right: dict[int, int],
) -> Finding | None:
    """A quotation of the rewrite made of the words of linked original sentences that quote
    nothing: the rewrite put quotation marks around the reporter's words."""
    words = right.words[r]
    if len(words) < MIN_NEW_QUOTE_WORDS or _title(right.quotes[r].text):
        return None
    left = sorted({i for g in groups for i in c.groups[g].left})
    if quoted_left.intersection(left):
        return None
    content = _content(words)
    left_words = [w for i in left for w in quote_words(c.left_sentences[i].text)]
    if not content or _overlap(content, _content(left_words)) < max(2.0, 0.5 * len(content)):
        return None
    return Finding(
        FindingKind.NEW_QUOTE,
        left[0],
        min(j for j in right.sentences[r] if j in group_of_right),
        " ".join(c.left_sentences[i].text for i in left),
        right.quotes[r].text,
        "words the original does not quote are quoted in the rewrite",
    )


def _title(text: str) -> bool:
    """A title in quotation marks ("Gaza Under Fire"): most of its longer words capitalised."""
    long = [w for w in text.split() if len(w) > 3]
    return bool(long) and sum(w[0].isupper() for w in long) >= 0.7 * len(long)


def _altered_detail(left: Sequence[str], right: Sequence[str]) -> str:
    """``quoted words changed: 12 of 23 kept; removed: understanding, …; added: recognition``"""
    lc, rc = Counter(left), Counter(right)
    removed = [w for w in dict.fromkeys(left) if lc[w] > rc[w]]
    added = [w for w in dict.fromkeys(right) if rc[w] > lc[w]]
    parts = [f"quoted words changed: {sum((lc & rc).values())} of {len(left)} kept"]
    if removed:
        parts.append("removed: " + ", ".join(removed[:6]) + (", …" if len(removed) > 6 else ""))
    if added:
        parts.append("added: " + ", ".join(added[:6]) + (", …" if len(added) > 6 else ""))
    return "; ".join(parts)
