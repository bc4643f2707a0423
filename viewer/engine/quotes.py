"""Quotations: where they are in a document.

Quotation spans are found on the whole ``Document.text``, block by block, so a quotation of
several sentences is one span; an unclosed double quotation closes at the end of its block,
because news style reopens a quotation that runs on in the next paragraph. Double marks of every
common style open a quotation (“…” „…“ «…» »…« ‹…› ”…” "…" 「…」); single marks (‘…’ ‚…‘ '…')
only count when they clearly open before a word and clearly close after one, so the apostrophes of
"it’s", "Hamas’ ability" or "’90s" are never taken for quotation marks.

``quote_words`` folds case, curly and straight apostrophes and punctuation, so that a comma moved
outside the quotation is no change; ``quote_changes`` compares the quotations of two documents.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Document

__all__ = ["Quotation", "find_quotations", "quote_words", "word_count"]

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
_BEFORE_OPENER = frozenset(' \t\n([{—–-/:;"“„«»‹”')
_ELISION = re.compile(r"(?:\d0s|em|til|cause|tis|twas|n)\b", re.IGNORECASE)
_WORD = re.compile(r"\w+(?:['’]\w+)*")


@dataclass(frozen=True)
class Quotation:
    """The words between a pair of quotation marks: ``document.text[start:end]``, marks excluded."""

    start: int
    end: int
    text: str

    @property
    def words(self) -> tuple[str, ...]:
        return quote_words(self.text)


def word_count(text: str) -> int:
    """How many words ``quote_words`` finds in ``text``."""
    return len(_WORD.findall(text))


def quote_words(text: str) -> tuple[str, ...]:
    """The words of ``text`` folded for comparison: lower case, straight apostrophes, no stops."""
    return tuple(_WORD.findall(text.lower().replace("’", "'").replace("_", " ")))


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
                if (
                    c in closers
                    and depth == 0
                    and (c != ch or ch in '"”' or not _opens(text, p, start, end, True))
                ):
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
) -> tuple[int, int] | None:
    """The closing single mark for an opener, as (next mark index, offset), preferring one that is
    not a plural possessive ("the Hamas’ ability"): followed by punctuation or the paragraph end."""
    weak: tuple[int, int] | None = None
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
