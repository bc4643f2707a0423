"""PDF (pypdf) -> pieces (Word .docx is read by :mod:`.word`).

It reads from bytes already in memory, so the file on disk is opened once, read-only.
"""

from __future__ import annotations

import io
import itertools
import re
import statistics
from collections import Counter
from dataclasses import dataclass
from typing import Any

from viewer.engine.model import BlockRole

from . import ReadFailure
from .blocks import Piece

# --- PDF ------------------------------------------------------------------------------------

_PAGE_NUMBER = re.compile(
    r"(?:page\s+)?[-–—]?\s*\d{1,4}\s*[-–—]?(?:\s*(?:/|of)\s*\d{1,4})?", re.IGNORECASE
)
_LIGATURES = str.maketrans(
    {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
)
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_LEADING_WORD = re.compile(r"^[^\W\d_]+")
_TRAILING_HYPHEN = re.compile(r"[^\W\d_]+[-\u00ad]$")
_ENDS_SENTENCE = tuple('.!?:;"”’)')


@dataclass
class _Line:
    text: str
    x: float | None
    y: float | None
    size: float


def pdf_pieces(data: bytes, max_chars: int) -> list[Piece]:
    """Paragraphs of a PDF's text layer: wrapped lines joined, line-break hyphens removed,
    page numbers dropped; a block in a clearly larger font than the body is a heading."""
    if b"%PDF-" not in data[:1024]:
        raise ReadFailure("corrupt", detail="it is not a PDF file")
    if b"%%EOF" not in data[-4096:]:
        raise ReadFailure("corrupt", detail="the end of the file is missing")
    from pypdf import PasswordType, PdfReader
    from pypdf.errors import DependencyError

    reader = PdfReader(io.BytesIO(data), strict=False)
    if reader.is_encrypted:
        try:
            opened = reader.decrypt("")
        except (DependencyError, NotImplementedError) as error:
            raise ReadFailure("unreadable", variant="encryption") from error
        if opened == PasswordType.NOT_DECRYPTED:
            raise ReadFailure("unreadable", variant="password")
    pages: list[list[_Line]] = []
    total = 0
    for page in reader.pages:
        pages.append(_page_lines(page))
        total += sum(len(line.text) for line in pages[-1])
        if total > max_chars:
            raise ReadFailure("too_large", variant="chars", detail=f"more than {max_chars:,}")
    body_size = _body_size([line for lines in pages for line in lines])
    paragraphs: list[tuple[list[_Line], BlockRole]] = []
    for lines in pages:
        for index, group in enumerate(_paragraphs(_drop_page_numbers(lines))):
            role = BlockRole.PARAGRAPH
            if (
                len(group) <= 3
                and body_size
                and min(line.size for line in group) > 1.15 * body_size
            ):
                role = BlockRole.HEADING
            if index == 0 and paragraphs and _continues(paragraphs[-1], group, role):
                paragraphs[-1][0].extend(group)  # a paragraph running on over a page break
            else:
                paragraphs.append((group, role))
    vocabulary = _vocabulary([line.text for lines in pages for line in lines])
    pieces = [
        (_join([line.text for line in group], vocabulary), role) for group, role in paragraphs
    ]
    if not any(text.strip() for text, _ in pieces):
        raise ReadFailure("no_text_layer")
    return pieces


def _page_lines(page: Any) -> list[_Line]:
    """The page's text lines (pypdf's reading order), each with where its first text sits."""
    chunks: list[tuple[str, list[float], list[float], float]] = []
    page.extract_text(
        visitor_text=lambda text, cm, tm, font, size: chunks.append((text, cm, tm, size))
    )
    lines: list[_Line] = []
    current: list[str] = []
    where: tuple[float | None, float | None, float] | None = None
    for text, cm, tm, size in chunks:
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        scale = (abs(tm[0] * tm[3] - tm[1] * tm[2]) * abs(cm[0] * cm[3] - cm[1] * cm[2])) ** 0.5
        placed = False
        for i, part in enumerate(text.translate(_LIGATURES).split("\n")):
            if i:
                lines.append(_Line("".join(current), *(where or (None, None, 0.0))))
                current, where = [], None
            if part and where is None:
                where = (x, y, size * scale) if not placed else (None, None, size * scale)
                placed = True
            current.append(part)
    lines.append(_Line("".join(current), *(where or (None, None, 0.0))))
    return [_Line(line.text.strip(), line.x, line.y, line.size) for line in lines]


def _body_size(lines: list[_Line]) -> float:
    """The font size most of the text is set in."""
    weights: Counter[float] = Counter()
    for line in lines:
        if line.size:
            weights[round(line.size, 1)] += len(line.text)
    return max(weights, key=lambda size: weights[size]) if weights else 0.0


def _drop_page_numbers(lines: list[_Line]) -> list[_Line]:
    filled = [i for i, line in enumerate(lines) if line.text]
    edges = set(filled[:1] + filled[-1:])
    return [
        line
        for i, line in enumerate(lines)
        if not (i in edges and _PAGE_NUMBER.fullmatch(line.text))
    ]


def _paragraphs(lines: list[_Line]) -> list[list[_Line]]:
    """Cut a page's lines where there is a blank line, a wider gap than the usual line pitch,
    a change of font size, or a first-line indent."""
    known = [
        (a.y - b.y) for a, b in itertools.pairwise(lines) if a.y is not None and b.y is not None
    ]
    pitch = statistics.median([gap for gap in known if gap > 0] or [0.0])
    xs = [line.x for line in lines if line.x is not None and line.text]
    margin = min(xs) if xs else 0.0
    groups: list[list[_Line]] = []
    previous: _Line | None = None
    for line in lines:
        if not line.text:
            previous = None
            continue
        if previous is None or _breaks(previous, line, pitch, margin):
            groups.append([])
        groups[-1].append(line)
        previous = line
    return groups


def _breaks(previous: _Line, line: _Line, pitch: float, margin: float) -> bool:
    if (
        previous.size
        and line.size
        and abs(previous.size - line.size) > 0.15 * max(previous.size, line.size)
    ):
        return True
    if pitch and previous.y is not None and line.y is not None:
        gap = previous.y - line.y
        if gap > 1.6 * pitch:
            return True
        if gap < -pitch and previous.text.endswith(_ENDS_SENTENCE):  # up to a new column
            return True
    if line.x is not None and previous.x is not None and line.size:
        return line.x - margin > line.size and abs(previous.x - margin) < 0.5 * line.size
    return False


def _continues(
    previous: tuple[list[_Line], BlockRole], group: list[_Line], role: BlockRole
) -> bool:
    last, first = previous[0][-1].text, group[0].text
    return (
        previous[1] == role == BlockRole.PARAGRAPH
        and not last.endswith(_ENDS_SENTENCE)
        and first[:1].islower()
    )


def _vocabulary(lines: list[str]) -> set[str]:
    """The words of the document, leaving out the halves of words hyphenated at a line end."""
    words: set[str] = set()
    hyphenated = False
    for line in lines:
        body = _LEADING_WORD.sub("", line, count=1) if hyphenated else line
        hyphenated = bool(_TRAILING_HYPHEN.search(line))
        words.update(w.lower() for w in _WORD.findall(_TRAILING_HYPHEN.sub("", body)))
    return words


def _join(lines: list[str], vocabulary: set[str]) -> str:
    """Reflow a paragraph's lines into one, removing hyphens that only a line break put there."""
    out = lines[0]
    for line in lines[1:]:
        head = re.search(r"([^\W\d_]+)([-\u00ad])$", out)
        tail = re.match(r"[^\W\d_]+", line)
        if head and tail:
            before, after = head.group(1), tail.group(0)
            joined, hyphenated = (before + after).lower(), f"{before}-{after}".lower()
            compound = hyphenated in vocabulary or (
                joined not in vocabulary
                and before.lower() in vocabulary
                and after.lower() in vocabulary
            )
            if head.group(2) == "\u00ad" or (after[0].islower() and not compound):
                out = out[:-1] + line
            else:
                out += line  # a compound ("well-known", "anti-Israel") broken at its own hyphen
        elif out.endswith(("—", "–")) and not out[-2:-1].isspace():
            out += line
        else:
            out += " " + line
    return out
