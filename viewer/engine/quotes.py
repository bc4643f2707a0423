"""Quotations: where they are in a document, and what a rewrite did to them.

Quotation spans are found on the whole ``Document.text``, block by block, so a quotation of
several sentences is one span; an unclosed double quotation closes at the end of its block,
because news style reopens a quotation that runs on in the next paragraph. Double marks of every
common style open a quotation (“…” „…“ «…» »…« ‹…› ”…” "…" 「…」); single marks (‘…’ ‚…‘ '…')
only count when they clearly open before a word and clearly close after one, so the apostrophes of
"it’s", "Hamas’ ability" or "’90s" are never taken for quotation marks.

A quotation of the original is compared with the quotations of the rewrite's sentences linked to
its own: words differ inside quotation marks → ``altered_quote``; no quotation left but the linked
text paraphrases it → ``unquoted_quote``. Words are compared after folding case, curly and straight
apostrophes and punctuation, so a comma moved outside the quotation is no alteration.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass
from typing import Optional, Sequence

from .model import Comparison, Document, Finding, FindingKind, Group

MIN_UNQUOTED_WORDS = 3
"""A quotation shorter than this (a scare-quoted term) losing its marks is not reported."""
MIN_NEW_QUOTE_WORDS = 3
"""A quotation of the rewrite with no quotation in the linked original sentences is reported
as a ``new quotation`` from this many words on."""
MATCH_SHARE = 0.3
"""Share of the shorter quotation's words that two quotations must have in common to be taken
for the same quotation (before and after the rewrite)."""
PARAPHRASE_SHARE = 0.3
"""Share of a quotation's content words that the linked rewrite text must echo to count as an
unquoted paraphrase of it (otherwise the quotation was simply dropped)."""

_DOUBLE_CLOSERS = {
    "“": "”",
    "„": "“”",
    "«": "»",
    "»": "«»",
    "‹": "›",
    "”": "”",
    '"': '"',
    "「": "」",
    "『": "』",
}
_UNAMBIGUOUS_OPENERS = frozenset("“„«‹「『")
_SINGLE_CLOSERS = {"‘": "’", "‚": "‘’", "'": "'"}
_MARKS = re.compile("[" + re.escape("".join(_DOUBLE_CLOSERS) + "”»›」』‘’‚'") + "]")
_BEFORE_OPENER = frozenset(" \t\n([{—–-/:;\"“„«»‹”")
_ELISION = re.compile(r"(?:\d0s|em|til|cause|tis|twas|n)\b", re.I)
_WORD = re.compile(r"\w+(?:['’]\w+)*")
_STOP = frozenset(
    "a an the and or but of to in on at for with by from as is are was were be been being it its "
    "this that these those he she they we you i me us him them his her their our your my not no "
    "will would shall should can could may might must has have had do does did so if than then "
    "there here which who whom what when where while also into about that's it's there's just "
    "very more most much many some any all".split()
)


@dataclass(frozen=True)
class Quotation:
    """The words between a pair of quotation marks: ``document.text[start:end]`` (marks excluded)."""

    start: int
    end: int
    text: str

    @property
    def words(self) -> tuple[str, ...]:
        return quote_words(self.text)


def quote_words(text: str) -> tuple[str, ...]:
    """The words of ``text`` folded for comparison: lower case, straight apostrophes, no punctuation."""
    return tuple(w.replace("’", "'") for w in _WORD.findall(text.lower().replace("_", " ")))


def find_quotations(document: Document) -> list[Quotation]:
    """Every top-level quotation of ``document``, in order; nested quotations stay inside theirs."""
    text = document.text
    found: list[Quotation] = []
    for block in document.blocks:
        for start, end in _block_quotations(text, block.start, block.end):
            while start < end and text[start].isspace():
                start += 1
            # The comma before "he said" is the reporter's, not the speaker's.
            while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
                end -= 1
            if start < end and any(ch.isalnum() for ch in text[start:end]):
                found.append(Quotation(start, end, text[start:end]))
    return found


def _block_quotations(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    marks = [(m.start(), m.group()) for m in _MARKS.finditer(text, start, end)]
    k = 0
    while k < len(marks):
        pos, ch = marks[k]
        k += 1
        if ch in _DOUBLE_CLOSERS and _opens(text, pos, start, end, double=True):
            closers = _DOUBLE_CLOSERS[ch]
            depth = 0
            close = end  # unclosed: the quotation runs to the end of its paragraph
            while k < len(marks):
                p, c = marks[k]
                k += 1
                if c in closers and depth == 0 and (c != ch or ch in '"”' or not _opens(text, p, start, end, True)):
                    close = p
                    break
                if c in closers:
                    depth -= 1
                elif c == ch:
                    depth += 1
            spans.append((pos + 1, close))
        elif ch in _SINGLE_CLOSERS and _opens(text, pos, start, end, double=False):
            found = _single_close(text, marks, k, _SINGLE_CLOSERS[ch], end)
            if found is not None:
                k, close = found
                spans.append((pos + 1, close))
    return spans


def _opens(text: str, pos: int, start: int, end: int, double: bool) -> bool:
    """Whether the mark at ``pos`` stands before a word, after a space or an opening sign."""
    before = text[pos - 1] if pos > start else " "
    after = text[pos + 1] if pos + 1 < end else " "
    if double:
        if text[pos] in _UNAMBIGUOUS_OPENERS:
            return True  # French style puts a space inside: « texte »
        # A mark that also closes opens only before a word, after a space or an opening sign.
        return not after.isspace() and before in _BEFORE_OPENER
    if after.isspace():
        return False
    if before not in _BEFORE_OPENER or not after.isalnum():
        return False
    return not _ELISION.match(text, pos + 1, end)


def _single_close(
    text: str, marks: list[tuple[int, str]], k: int, closers: str, end: int
) -> Optional[tuple[int, int]]:
    """The closing single mark for an opener, as (next mark index, offset), preferring one that is
    not a plural possessive ("the Hamas’ ability"): followed by punctuation or the paragraph end."""
    weak: Optional[tuple[int, int]] = None
    for n in range(k, len(marks)):
        p, c = marks[n]
        if c not in closers or text[p - 1].isspace():
            continue
        after = text[p + 1] if p + 1 < end else " "
        if after.isalnum():
            continue  # an apostrophe inside a word: it’s, don't
        possessive = text[p - 1] in "sS" and after == " " and p + 2 < end and text[p + 2].islower()
        if not possessive:
            return n + 1, p
        if weak is None:
            weak = (n + 1, p)
    return weak


# --- the check -------------------------------------------------------------------------------


def _content(words: Sequence[str]) -> list[str]:
    return [_stem(w) for w in words if w not in _STOP]


def _stem(word: str) -> str:
    # A crude prefix stem: "cautious"/"caution", "precise"/"precision" must meet; only used to
    # judge whether a text echoes a quotation, never to report anything.
    return word[:4] if len(word) > 4 else word


def _overlap(a: Sequence[str], b: Sequence[str]) -> int:
    return sum((Counter(a) & Counter(b)).values())


def _match_score(q: Sequence[str], r: Sequence[str]) -> float:
    """How much two quotations look like versions of each other (0 when no content word shared)."""
    if not q or not r:
        return 0.0
    shared_content = _overlap(_content(q), _content(r))
    if shared_content == 0:
        return 0.0
    shared = _overlap([_stem(w) for w in q], [_stem(w) for w in r])
    score = shared / min(len(q), len(r))
    return score if score >= MATCH_SHARE or shared_content >= 2 else 0.0


def _contains(haystack: Sequence[str], needle: Sequence[str]) -> bool:
    """Whether ``needle`` occurs as a contiguous run of words in ``haystack``."""
    if not needle:
        return True
    return f" {' '.join(needle)} " in f" {' '.join(haystack)} "


def _spans_in(spans: list[tuple[int, int]], starts: list[int], start: int, end: int) -> range:
    """Indices of ``spans`` (sorted, non-overlapping) overlapping ``[start, end)``."""
    lo = bisect_right(starts, start)
    if lo and spans[lo - 1][1] > start:
        lo -= 1
    hi = bisect_left(starts, end)
    return range(lo, hi)


def _sentences_of(q: Quotation, spans: list[tuple[int, int]], starts: list[int]) -> list[int]:
    return list(_spans_in(spans, starts, q.start, q.end))


def quotation_findings(c: Comparison) -> list[Finding]:
    """``altered_quote`` and ``unquoted_quote`` findings of a comparison whose groups are final."""
    lq = find_quotations(c.left)
    rq = find_quotations(c.right)
    if not lq and not rq:
        return []
    # Our own maps, not Comparison.group_of_*: their cache would land in the draft's __dict__,
    # which compare() copies into the finished Comparison.
    group_of_left = {i: g for g, group in enumerate(c.groups) for i in group.left}
    group_of_right = {j: g for g, group in enumerate(c.groups) for j in group.right}
    ls_spans = [(s.start, s.end) for s in c.left_sentences]
    rs_spans = [(s.start, s.end) for s in c.right_sentences]
    ls_starts = [a for a, _ in ls_spans]
    rs_starts = [a for a, _ in rs_spans]
    lq_sents = [_sentences_of(q, ls_spans, ls_starts) for q in lq]
    rq_sents = [_sentences_of(q, rs_spans, rs_starts) for q in rq]
    quotes_of_right: dict[int, list[int]] = {}
    for n, sents in enumerate(rq_sents):
        for j in sents:
            quotes_of_right.setdefault(j, []).append(n)

    # Each left quotation's region: the groups of the linked sentences it overlaps.
    region: list[tuple[int, ...]] = []
    for sents in lq_sents:
        gs = {group_of_left.get(i) for i in sents}
        region.append(tuple(sorted(g for g in gs if g is not None)))
    left_quotes_of_group: dict[int, list[int]] = {}
    for n, gs in enumerate(region):
        for g in gs:
            left_quotes_of_group.setdefault(g, []).append(n)

    # Each right quotation in a group goes to the left quotation of that group it most resembles.
    lwords = [q.words for q in lq]
    rwords = [q.words for q in rq]
    assigned: dict[int, list[int]] = {}
    unmatched_right: list[int] = []
    for r, sents in enumerate(rq_sents):
        groups = {group_of_right.get(j) for j in sents} - {None}
        candidates = sorted({n for g in groups for n in left_quotes_of_group.get(g, ())})  # type: ignore[arg-type]
        best, best_score = -1, 0.0
        for n in candidates:
            score = _match_score(lwords[n], rwords[r])
            if score > best_score:
                best, best_score = n, score
        if best >= 0:
            assigned.setdefault(best, []).append(r)
        elif groups:
            unmatched_right.append(r)

    findings: list[Finding] = []
    for n, q in enumerate(lq):
        if not region[n]:
            continue  # omitted: already an omission, not a quotation finding
        groups = [c.groups[g] for g in region[n]]
        left_first = min(i for i in lq_sents[n] if i in group_of_left)
        mine = assigned.get(n, [])
        if mine:
            # Verbatim as long as each quotation of the rewrite is a run of the original's quoted
            # words (a quotation cut short, split in two or two merged into one stay verbatim).
            original = [w for m in sorted({m for g in region[n] for m in left_quotes_of_group[g]}) for w in lwords[m]]
            changed = [r for r in mine if not _contains(original, rwords[r])]
            if changed:
                findings.append(
                    Finding(
                        FindingKind.ALTERED_QUOTE,
                        left_first,
                        rq_sents[changed[0]][0],
                        q.text,
                        " … ".join(rq[r].text for r in changed),
                        _altered_detail(lwords[n], [w for r in changed for w in rwords[r]]),
                    )
                )
            continue
        if len(lwords[n]) < MIN_UNQUOTED_WORDS:
            continue
        unquoted = _paraphrase(c, q, lwords[n], groups, rq, quotes_of_right)
        if unquoted is not None:
            j, verbatim = unquoted
            detail = "quotation marks removed" if verbatim else "quotation paraphrased without quotation marks"
            findings.append(
                Finding(FindingKind.UNQUOTED_QUOTE, left_first, j, q.text, c.right_sentences[j].text, detail)
            )

    for r in unmatched_right:
        finding = _new_quotation(c, group_of_right, rq[r], rwords[r], rq_sents[r], lq_sents)
        if finding is not None:
            findings.append(finding)
    return findings


def _paraphrase(
    c: Comparison,
    q: Quotation,
    words: Sequence[str],
    groups: Sequence[Group],
    rq: Sequence[Quotation],
    quotes_of_right: dict[int, list[int]],
) -> Optional[tuple[int, bool]]:
    """The linked right sentence that echoes quotation ``q`` outside quotation marks, if any, and
    whether it holds the quoted words verbatim."""
    content = _content(words)
    if not content:
        return None
    best: Optional[tuple[int, bool]] = None
    best_shared = 0
    for j in sorted({j for g in groups for j in g.right}):
        s = c.right_sentences[j]
        text = s.text
        # Quotations of the rewrite say somebody else's words: cut them out before comparing.
        for r in sorted(quotes_of_right.get(j, ()), key=lambda r: -rq[r].start):
            a, b = max(rq[r].start, s.start) - s.start, min(rq[r].end, s.end) - s.start
            text = text[:a] + " " + text[b:]
        rw = quote_words(text)
        shared = _overlap(content, _content(rw))
        if shared > best_shared:
            best, best_shared = (j, _contains(rw, words)), shared
    if best is None or best_shared < max(1.0, PARAPHRASE_SHARE * len(content)):
        return None
    return best


def _new_quotation(
    c: Comparison,
    group_of_right: dict[int, int],
    q: Quotation,
    words: Sequence[str],
    sents: Sequence[int],
    lq_sents: Sequence[Sequence[int]],
) -> Optional[Finding]:
    """A quotation of the rewrite in a linked sentence whose original sentences quote nothing,
    but whose words come from the original: the rewrite put quotation marks around the
    reporter's words."""
    if len(words) < MIN_NEW_QUOTE_WORDS:
        return None
    groups = sorted({group_of_right[j] for j in sents if j in group_of_right})
    left = sorted({i for g in groups for i in c.groups[g].left})
    quoted_left = {i for ss in lq_sents for i in ss}
    if not left or quoted_left.intersection(left):
        return None
    left_words = [w for i in left for w in quote_words(c.left_sentences[i].text)]
    content = _content(words)
    if not content or _overlap(content, _content(left_words)) < max(2.0, 0.5 * len(content)):
        return None
    right_first = min(j for j in sents if j in group_of_right)
    return Finding(
        FindingKind.ALTERED_QUOTE,
        left[0],
        right_first,
        " ".join(c.left_sentences[i].text for i in left),
        q.text,
        "new quotation",
    )


def _altered_detail(left: Sequence[str], right: Sequence[str]) -> str:
    """e.g. ``quoted words changed: 11 of 23 kept; removed: understanding, type; added: recognition``"""
    lc, rc = Counter(left), Counter(right)
    kept = sum((lc & rc).values())
    removed = [w for w in dict.fromkeys(left) if lc[w] > rc[w]]
    added = [w for w in dict.fromkeys(right) if rc[w] > lc[w]]
    parts = [f"quoted words changed: {kept} of {len(left)} kept"]
    if removed:
        parts.append("removed: " + ", ".join(removed[:6]) + (", …" if len(removed) > 6 else ""))
    if added:
        parts.append("added: " + ", ".join(added[:6]) + (", …" if len(added) > 6 else ""))
    return "; ".join(parts)
