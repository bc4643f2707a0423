"""Text normalisation and the ``text``/``blocks`` layout that every reader's output ends up in."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from viewer.engine.model import Block, BlockRole

Piece = tuple[str, BlockRole]
"""A reader's raw output: some text (possibly with line breaks or blank lines) and its role."""

_LINE_BREAK = re.compile(r"\r\n|[\r\x0b\x0c\x85\u2028]")
# Control characters, and invisible ones that only get in the way of a comparison (zero-width
# space, word joiner, BOM, soft hyphen). ZWJ/ZWNJ are kept on purpose: they change how emoji and
# several scripts (Persian, Indic) are spelled.
_DROPPED = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\u200b\u2060\ufeff\u00ad\u180e]")
# Horizontal whitespace that collapses to one space. No-break spaces (U+00A0, U+202F) are kept.
_SPACES = re.compile(r"[ \t\u1680\u2000-\u200a\u205f\u3000]+")
_BLANK_LINES = re.compile(r"\n{2,}")

_FINAL_PUNCTUATION = tuple(".,;:!?…\"”’'»)]}—–-/")


_PIECE = 1 << 16
"""Characters normalised at a time. A regular-expression call holds the interpreter lock
throughout, and on the reading thread one call over a whole book (45 ms for 2.8 MB) keeps the
window from answering that long. Pieces end at a line end, where nothing joins across."""


_SURROGATE = re.compile(r"[\ud800-\udfff]")


def valid_unicode(text: str) -> str:
    """``text`` with nothing that cannot be encoded: a surrogate pair written as two code points
    (as UTF-7 and some PDF ToUnicode maps give) becomes the character it stands for, and a lone
    surrogate becomes U+FFFD, the replacement character. Every reader's text passes through
    here before it is parsed (:func:`viewer.services.documents`) and again in :func:`normalise`,
    so the tokenizer, the JSON export and the terminal never meet a string they cannot encode.
    """
    if not _SURROGATE.search(text):
        return text
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


def normalise(text: str) -> str:
    """Valid Unicode, NFC, "\\n" line ends, no invisible or control characters, one space
    between words.

    Lines are stripped at both ends, so a whitespace-only line becomes an empty line.
    Applying it twice gives the same result as applying it once.
    """
    text = valid_unicode(text)
    if len(text) <= _PIECE:
        return _normalise(text)
    pieces, start = [], 0
    while start < len(text):
        cut = text.find("\n", start + _PIECE)
        end = len(text) if cut < 0 else cut + 1
        pieces.append(_normalise(text[start:end]))
        start = end
    return "".join(pieces)


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = _LINE_BREAK.sub("\n", text).replace("\u2029", "\n\n")
    text = _DROPPED.sub("", text)
    text = "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    # Removing a character can bring a base letter and a combining mark together.
    return unicodedata.normalize("NFC", text)


def split_blocks(text: str) -> list[str]:
    """Normalise ``text`` and cut it at blank lines into non-empty blocks."""
    text = normalise(text)
    found, start = [], 0
    for gap in _BLANK_LINES.finditer(text):  # a short call a match, not one over the text
        found.append(text[start : gap.start()])
        start = gap.end()
    found.append(text[start:])
    return [b.strip("\n") for b in found if b.strip("\n")]


def build(pieces: Iterable[Piece]) -> tuple[str, tuple[Block, ...]]:
    """Lay pieces out as one text: blocks joined by exactly one blank line, with their offsets.

    A piece that contains blank lines becomes several blocks of the same role; an empty piece
    disappears.
    """
    parts: list[str] = []
    blocks: list[Block] = []
    position = 0
    for raw, role in pieces:
        for chunk in split_blocks(raw):
            if parts:
                position += 2
            blocks.append(Block(position, position + len(chunk), role))
            parts.append(chunk)
            position += len(chunk)
    return "\n\n".join(parts), tuple(blocks)


def plain_text_pieces(text: str) -> list[Piece]:
    """Plain text: blocks are separated by blank lines; single line breaks stay inside a block.

    A block is called a heading only on strong evidence (see :func:`_looks_like_heading`).
    """
    chunks = split_blocks(text)
    rest = sum(len(chunk) for chunk in chunks)
    pieces: list[Piece] = []
    for chunk in chunks:
        rest -= len(chunk)
        role = BlockRole.HEADING if _looks_like_heading(chunk, rest) else BlockRole.PARAGRAPH
        pieces.append((chunk, role))
    return pieces


def _looks_like_heading(chunk: str, rest: int) -> bool:
    """A headline or crosshead: one short line, capitalised, no final punctuation, followed by at
    least twice as much text (``rest`` characters). Bylines ("By ...") and datelines ending in a
    dash are left as paragraphs."""
    if "\n" in chunk or len(chunk) > 100 or rest < 2 * len(chunk):
        return False
    words = chunk.split()
    if not 2 <= len(words) <= 16 or chunk.endswith(_FINAL_PUNCTUATION):
        return False
    if chunk.lower().startswith("by "):
        return False
    first = chunk[0]
    return first.isupper() or first.isdigit() or first in "“‘\"'"
