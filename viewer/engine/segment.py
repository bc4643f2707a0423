"""Text -> sentences with character offsets into ``Document.text``.

Mode ``"lines"`` makes every non-empty line one sentence. Mode ``"auto"`` is for news prose: each
block is cut into lines that stand alone (headlines, captions, datelines, list items) and runs of
prose, and each run is segmented with pysbd, a rule-based segmenter that knows English
abbreviations, decimals and quotations without a model. pysbd is slow (~0.3 MB/s) and its
character spans are unreliable, so only the stretches a cheap rule cannot settle are sent to it,
offsets are recomputed by searching, and post-passes fix what it gets wrong for news copy:
abbreviations, quotations of several sentences, photo credits and lowercase continuations.

Inside a block, a line break ends a sentence when the block is not hard-wrapped prose (lines of
similar width), the next line starts with a capital and the line does not end in a comma or a
word like "the"; a dateline ("CNN  —") always stands alone. Lines starting with a bullet
("-", "*", "•", "1.") are list items, one sentence each.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from itertools import pairwise
from typing import NamedTuple

import pysbd

from .model import Block, BlockRole, Document, Sentence
from .segment_rules import Rules, rules_for

__all__ = ["MAX_SENTENCE_CHARS", "SPLIT_MODES", "split_sentences", "split_text"]

SPLIT_MODES = ("auto", "lines")
MAX_SENTENCE_CHARS = 1000
"""Longest sentence "auto" mode returns; longer ones are cut at whitespace, by preference after
a clause boundary, so that alignment and word diffs downstream stay fast."""

_CHUNK_CHARS = 2000  # pysbd is superlinear in its input, so it never sees more than this
_GROUP_CHARS = 1000  # but stretches are grouped up to this, as each call has a fixed cost
_HEADLINE_CHARS = 150  # a run this short with no final punctuation is one sentence

_NEWLINE = re.compile(r"\r\n|\r(?!\n)|\n")
_BLANK_LINES = re.compile(r"(?:\r\n|\r(?!\n)|\n)(?:[^\S\r\n]*(?:\r\n|\r(?!\n)|\n))+")
_OTHER_SPACE = re.compile(r"[^\S ]")
_BULLET = re.compile(r"(?:[-*•‣◦▪●+]|\(?\d{1,2}[.)]|\(?[a-z]\))\s+\S")
_DATELINE = re.compile(r".{1,60}?\s[—–-]{1,2}")
_FINAL = re.compile(r"[.!?…:;؟。！？][\"”’'»)\]]*\Z")
_ABBREVIATION = re.compile(r"[A-Za-z]+(?:\.[A-Za-z]+)*")
_NEXT_WORD = re.compile(r"[\"“‘'(\[]*(\w[\w’'-]*)")
_CREDIT = re.compile(
    r"\(?(?:(?:photo|image|credit|pictured)\b.*|\S+(?: \S+){0,3}/\w.*|.*\bGetty Images\)?)",
    re.IGNORECASE,
)
_CLOSERS = "”’»)]\"'"


def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


_FUNCTION_WORDS = _words(
    "a an the of to in on at by for with from and or but as that than who which whose their "
    "its his her our your my this these those"
)
_CLOCK_WORDS = _words(
    "ET EST EDT CT CST CDT MT MST MDT PT PST PDT GMT UTC BST CET Eastern Central Mountain "
    "Pacific Monday Tuesday Wednesday Thursday Friday Saturday Sunday"
)


def split_sentences(
    document: Document, mode: str = "auto", language: str = ""
) -> tuple[Sentence, ...]:
    """Split ``document`` into sentences, in document order, never across a block.

    Each sentence is ``document.text[start:end]`` with no surrounding whitespace; ``block``
    indexes ``document.blocks``. Mode ``"lines"`` gives exactly one sentence per non-empty line;
    ``"auto"`` segments prose and caps sentences at ``MAX_SENTENCE_CHARS``. ``language`` (an
    ISO 639-1 code; "" or an unknown one: English) chooses pysbd's rules and the news rules of
    :mod:`viewer.engine.segment_rules`. Raises ``ValueError`` for a mode not in ``SPLIT_MODES``.
    """
    if mode not in SPLIT_MODES:
        raise ValueError(f"unknown split mode {mode!r}; expected one of {SPLIT_MODES}")
    text = document.text
    rules = rules_for(language)
    # cheap; unsafe to share by threads
    segmenter = pysbd.Segmenter(language=rules.pysbd, clean=False)
    sentences: list[Sentence] = []
    for index, block in enumerate(document.blocks):
        for start, end in _block_spans(text, block, mode, segmenter, rules):
            sentences.append(Sentence(text[start:end], start, end, index))
    return tuple(sentences)


def split_text(text: str, mode: str = "auto", language: str = "") -> tuple[Sentence, ...]:
    """Split raw ``text``, its blocks separated by blank lines ("\\r\\n" and "\\r" count as
    line ends); offsets are into ``text`` as given."""
    blocks = []
    start = 0
    for match in [*_BLANK_LINES.finditer(text), None]:
        end = match.start() if match else len(text)
        s, e = _strip(text, start, end)
        if s < e:
            blocks.append(Block(s, e))
        start = match.end() if match else end
    return split_sentences(Document(text=text, blocks=tuple(blocks)), mode, language)


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Stripped non-empty lines of ``text[start:end]``."""
    lines = []
    for match in [*_NEWLINE.finditer(text, start, end), None]:
        line_end = match.start() if match else end
        s, e = _strip(text, start, line_end)
        if s < e:
            lines.append((s, e))
        start = match.end() if match else end
    return lines


def _block_spans(
    text: str, block: Block, mode: str, segmenter: pysbd.Segmenter, rules: Rules
) -> Iterator[tuple[int, int]]:
    lines = _lines(text, block.start, block.end)
    if mode == "lines":
        yield from lines  # the evaluation harness relies on one sentence per line, uncapped
        return
    if block.role is BlockRole.HEADING:
        units = [([line], True) for line in lines]
    else:
        units = _units(text, lines, block.role is BlockRole.LIST_ITEM)
    for unit, whole in units:
        start, end = unit[0][0], unit[-1][1]
        spans = [(start, end)] if whole else _split_run(text, start, end, segmenter, rules)
        for s, e in spans:
            yield from _cap_length(text, s, e)


def _units(
    text: str, lines: list[tuple[int, int]], is_list: bool
) -> list[tuple[list[tuple[int, int]], bool]]:
    """Group a block's lines into list items (flagged: one sentence each) and runs of prose."""
    bullets = [_BULLET.match(text, s) is not None for s, _ in lines]
    units: list[tuple[list[tuple[int, int]], bool]] = []
    if is_list or (lines and bullets[0]) or sum(bullets) >= 2:
        for line, bullet in zip(lines, bullets):
            if bullet or not units or not units[-1][1]:
                units.append(([line], bullet or is_list))
            else:
                units[-1][0].append(line)  # a list item wrapped onto the next line
        return units
    widths = [e - s for s, e in lines[:-1]]
    wrapped = len(widths) >= 2 and min(widths) >= 40 and max(widths) - min(widths) <= 30
    for i, (s, e) in enumerate(lines):
        if i and _continues(text[lines[i - 1][0] : lines[i - 1][1]], text[s:e], wrapped):
            units[-1][0].append((s, e))
        else:
            units.append(([(s, e)], False))
    return units


def _continues(line: str, next_line: str, wrapped: bool) -> bool:
    """Whether the sentence at the end of ``line`` goes on in ``next_line``."""
    if _DATELINE.fullmatch(line) or _DATELINE.fullmatch(next_line):
        return False
    if wrapped or next_line[0].islower() or next_line[0] in ",;:)]":
        return True
    return line[-1] in ",-(" or line.rsplit(None, 1)[-1].lower() in _FUNCTION_WORDS


class _Candidate(NamedTuple):
    """A possible boundary: punctuation at ``at``, the next sentence would start at ``end``."""

    at: int
    end: int
    token: str  # the word the punctuation follows, with any inner periods ("U.S")


def _split_run(
    text: str, start: int, end: int, segmenter: pysbd.Segmenter, rules: Rules
) -> list[tuple[int, int]]:
    """Sentences of a run of prose ``text[start:end]``, which starts and ends with non-space."""
    if end - start <= _HEADLINE_CHARS and not _FINAL.search(text, start, end):
        return [(start, end)]
    run = _OTHER_SPACE.sub(" ", text[start:end])  # pysbd splits at newlines; here they wrap
    candidates = [
        _Candidate(m.start(), m.end(), _token_before(run, m.start()))
        for m in rules.candidate.finditer(run)
    ]
    cuts = {c.end for c in candidates if _is_obvious(run, c, rules)}
    cuts.update(_ask_pysbd(run, candidates, sorted(cuts), segmenter, rules))
    cuts = {c for c in (_strip(run, c, len(run))[0] for c in cuts) if 0 < c < len(run)}
    _fix_abbreviations(run, candidates, cuts, rules)
    _fix_continuations(run, cuts)
    _join_quotations(run, cuts)
    bounds = [0, *sorted(cuts), len(run)]
    spans = (_strip(text, start + s, start + e) for s, e in pairwise(bounds))
    return [(s, e) for s, e in spans if s < e]


def _token_before(run: str, at: int) -> str:
    start = at
    while start > 0 and (run[start - 1].isalnum() or run[start - 1] == "."):
        start -= 1
    return run[start:at]


def _is_obvious(run: str, candidate: _Candidate, rules: Rules) -> bool:
    """A full stop after an ordinary word or a number, or a quotation closed after a full stop,
    then a capital (or a letter of a script without case): a boundary pysbd would find too."""
    at, end, token = candidate
    follower = run[end + 1] if run[end] in rules.openers and end + 1 < len(run) else run[end]
    if not follower.isalpha() or follower.islower():
        return False
    if run[at] == "." and run[at + 1] in '”"»':
        return True  # pysbd misses these when another quotation follows
    if rules.closed_quote is not None and rules.closed_quote.match(run, at):
        return True  # French "… prêts. » Le …": pysbd does not cut after a spaced guillemet
    if token.isdigit() and rules.ordinal_before is not None:
        word = _NEXT_WORD.match(run, end)
        if word is not None and rules.ordinal_before(word[1]):
            return False  # German "am 24. Januar", "die 3. Liga": an ordinal, not an end
    plain = token.isdigit() or (len(token) >= 3 and token.isalpha())
    return plain and token.lower() not in rules.abbreviations


def _ask_pysbd(
    run: str,
    candidates: list[_Candidate],
    cuts: list[int],
    segmenter: pysbd.Segmenter,
    rules: Rules,
) -> Iterator[int]:
    """Cuts pysbd finds in the stretches between ``cuts`` that hold a boundary we cannot settle;
    neighbouring stretches go together, as each call to pysbd costs as much as 150 characters."""
    pending: tuple[int, int] | None = None
    starts = [c.at for c in candidates]
    for s, e in pairwise([0, *cuts, len(run)]):
        inside = candidates[bisect_left(starts, s) : bisect_left(starts, e)]
        if not any(c.end < e and _abbreviation_cut(run, c, rules) is None for c in inside):
            continue
        if pending and pending[1] == s and e - pending[0] <= _GROUP_CHARS:
            pending = (pending[0], e)
            continue
        if pending:
            yield from _pysbd_cuts(run, *pending, segmenter)
        pending = (s, e)
    if pending:
        yield from _pysbd_cuts(run, *pending, segmenter)


def _pysbd_cuts(run: str, start: int, end: int, segmenter: pysbd.Segmenter) -> Iterator[int]:
    """Sentence starts pysbd finds in ``run[start:end]``, in chunks of at most ``_CHUNK_CHARS``."""
    while start < end:
        stop = end
        if end - start > _CHUNK_CHARS:
            stop = _break_point(run, start, start + _CHUNK_CHARS, (r"[.!?]\s", r"\s"))
            yield stop
        chunk = run[start:stop]
        cursor = 0
        # Offsets come from searching, not from pysbd's char_span, which misplaces repeated
        # sentences; a piece pysbd altered is simply not found and stays with its neighbour.
        for piece in segmenter.segment(chunk):
            found = chunk.find(piece.strip(), cursor) if piece.strip() else -1
            if found > 0:
                yield start + found
            if found >= 0:
                cursor = found + len(piece.strip())
        start = stop


def _abbreviation_cut(run: str, candidate: _Candidate, rules: Rules) -> bool | None:
    """Whether a sentence ends at ``candidate`` if it follows an abbreviation; None where
    pysbd should judge (and for anything that is not an abbreviation)."""
    at, end, token = candidate
    if run[at] != "." or not run[at + 1].isspace() or not _ABBREVIATION.fullmatch(token):
        return None
    word_match = _NEXT_WORD.match(run, end)
    word = word_match[1] if word_match else run[end]
    key = token.lower()
    if len(token) == 1 and token.isupper() and token != "I":
        return None if word in rules.starters else False  # an initial, as pysbd has it
    if key in rules.titles or key in rules.never_final:
        return False
    if key in rules.before_number:
        return False if word[0].isdigit() else None
    if key in rules.places or key in rules.suffixes:
        if word[0].islower() or word[0].isdigit() or word in _CLOCK_WORDS:
            return False
        if word in rules.starters:
            return True
        return False if key in rules.places else None  # "U.S. Senate"; "Acme Inc. Shares fell."
    return None


def _fix_abbreviations(
    run: str, candidates: list[_Candidate], cuts: set[int], rules: Rules
) -> None:
    """Join or cut after abbreviations, judged by the word that follows them."""
    for candidate in candidates:
        cut = _abbreviation_cut(run, candidate, rules)
        if cut is None and rules.ordinal_before is not None and candidate.token.isdigit():
            word = _NEXT_WORD.match(run, candidate.end)
            if run[candidate.at] == "." and word is not None and rules.ordinal_before(word[1]):
                cut = False
        if cut is True:
            cuts.add(candidate.end)
        elif cut is False:
            cuts.discard(candidate.end)


def _fix_continuations(run: str, cuts: set[int]) -> None:
    """Move a cut that falls before a closing quotation mark to after it; then drop cuts before
    a lowercase word, a comma and the like, or a photo credit."""
    for cut in sorted(cuts):
        closers = 0
        while cut + closers < len(run) and run[cut + closers] in _CLOSERS:
            closers += 1
        if closers and (cut + closers == len(run) or run[cut + closers].isspace()):
            cuts.discard(cut)
            after, _ = _strip(run, cut + closers, len(run))
            if after < len(run):
                cuts.add(after)
    ordered = sorted(cuts)
    for cut, nxt in zip(ordered, [*ordered[1:], len(run)]):
        piece = run[cut:nxt].rstrip()
        word = _NEXT_WORD.match(piece)
        lowercase = piece[0].islower() and word is not None and word[1].islower()
        credit = len(piece) <= 80 and not _FINAL.search(piece) and _CREDIT.fullmatch(piece)
        if lowercase or credit or piece[0] in ",;:)]%":
            cuts.discard(cut)


_QUOTE_FAMILY = {"“": "“", "”": "“", '"': "“", "«": "«", "»": "«"}


def _join_quotations(run: str, cuts: set[int]) -> None:
    """Undo cuts inside a quotation whose sentence goes on after it ("…win,” he said.")."""
    ordered = sorted(cuts)
    opened: dict[str, int] = {}
    for match in re.finditer(r"[“”\"«»]", run):
        i, char = match.start(), match[0]
        family = _QUOTE_FAMILY[char]
        if char in "“«" or (char == '"' and (i == 0 or run[i - 1] in " ([{—–-/")):
            opened[family] = i  # an earlier quotation left open (a paragraph-long quote) is dropped
            continue
        opening = opened.pop(family, None)
        if opening is None or i - opening > MAX_SENTENCE_CHARS:
            continue
        inside = ordered[bisect_right(ordered, opening) : bisect_right(ordered, i)]
        after, _ = _strip(run, i + 1, len(run))
        if inside and after < len(run) and after not in cuts:
            cuts.difference_update(inside)


def _break_point(text: str, start: int, limit: int, patterns: tuple[str, ...]) -> int:
    """Where to cut ``text`` between the middle and ``limit``: just after the last match of the
    first pattern that matches there; failing all, at ``limit`` but not inside a character."""
    low = start + (limit - start) // 2
    for pattern in patterns:
        last = None
        for last in re.finditer(pattern, text[low:limit]):
            pass
        if last is not None:
            return low + last.end()
    point = limit
    while point > low and (unicodedata.combining(text[point]) or text[point] in "\u200d\ufe0f"):
        point -= 1
    return point if point > low else limit


def _cap_length(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """``text[start:end]`` in pieces of at most ``MAX_SENTENCE_CHARS``."""
    clauses = (r"[.!?;:]\s", r"[,—–]\s", r"\s")
    while end - start > MAX_SENTENCE_CHARS:
        point = _break_point(text, start, start + MAX_SENTENCE_CHARS, clauses)
        s, e = _strip(text, start, point)
        yield s, e
        start, end = _strip(text, point, end)
    if start < end:
        yield start, end
