"""A reportlab paragraph that lays out any script: right-to-left lines in visual order,
complex scripts shaped, and a text layer that reads back as the text that was written.

- Shaping: a paragraph holding Arabic, Hebrew, Indic, Thai... letters is shaped by HarfBuzz
  (reportlab's ``shaping``, through ``uharfbuzz``): joined Arabic letters, Devanagari
  conjuncts and vowel signs in place, Thai marks on their letters.
- Direction: reportlab only reorders single-style paragraphs, so the paragraph is first laid
  out in logical order, then each line's words are put in visual order (``pdf_bidi``) and the
  paragraph is laid out again with those lines; a right-to-left paragraph is right-aligned.
- Text layer: shaped glyphs, reordered words and characters above U+FFFF do not read back
  from glyph codes, so such a paragraph's glyphs are wrapped in one marked-content span with
  its real text as ``/ActualText`` (PDF 1.5, §14.9.4): copying and text extraction
  (MuPDF, PDFium, poppler) give the logical text.

The markup is the export's own (``pdf_fonts.markup`` wrapped in ``<font>``, ``<span>``,
``<b>``, ``<u>``, ``<strike>`` and ``<br/>``): every piece of document text in it is escaped.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape, unescape

from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Paragraph

from .pdf_bidi import (
    char_levels,
    has_rtl,
    is_rtl,
    mirrored,
    needs_shaping,
    visual_order,
    word_level,
)

_TOKEN = re.compile(r"<[^>]*>|[^<]+")
_TAG_NAME = re.compile(r"</?\s*([A-Za-z]+)")


@dataclass(frozen=True)
class _Char:
    ch: str
    tags: tuple[str, ...]  # the open tags around it, outermost first


def _tag_name(tag: str) -> str:
    m = _TAG_NAME.match(tag)
    return m.group(1).lower() if m else ""


def _styled_chars(markup: str) -> list[_Char]:
    """The characters of ``markup`` with their enclosing tags; ``<br/>`` becomes "\\n"."""
    out: list[_Char] = []
    stack: list[tuple[str, str]] = []
    for token in _TOKEN.findall(markup):
        if not token.startswith("<"):
            tags = tuple(t for _, t in stack)
            out.extend(_Char(ch, tags) for ch in unescape(token))
            continue
        m = _TAG_NAME.match(token)
        name = m.group(1).lower() if m else ""
        if name == "br":
            out.append(_Char("\n", tuple(t for _, t in stack)))
        elif token.startswith("</"):
            for k in range(len(stack) - 1, -1, -1):
                if stack[k][0] == name:
                    del stack[k:]
                    break
        elif not token.endswith("/>"):
            stack.append((name, token))
    return out


def plain_text(markup: str) -> str:
    """The text ``markup`` shows, in logical order."""
    return "".join(c.ch for c in _styled_chars(markup))


def _emit(chars: list[_Char]) -> str:
    """Markup for ``chars``: each run of equally styled characters in its own tags."""
    out: list[str] = []
    k = 0
    while k < len(chars):
        end = k
        while end < len(chars) and chars[end].tags == chars[k].tags:
            end += 1
        tags = chars[k].tags
        closing = "".join(f"</{_tag_name(t)}>" for t in reversed(tags))
        out.append("".join(tags) + escape("".join(c.ch for c in chars[k:end])) + closing)
        k = end
    return "".join(out)


def _words(chars: list[_Char]) -> list[tuple[int, int]]:
    """(start, end) of each whitespace-separated word, as reportlab splits a paragraph."""
    spans, k = [], 0
    while k < len(chars):
        if chars[k].ch.isspace():
            k += 1
            continue
        end = k
        while end < len(chars) and not chars[end].ch.isspace():
            end += 1
        spans.append((k, end))
        k = end
    return spans


def needs_actual_text(text: str) -> bool:
    """Whether the glyphs drawn for ``text`` do not read back as ``text`` on their own."""
    # Right-to-left text is left to the readers, which put its glyphs back in logical order
    # themselves (MuPDF drops an ActualText span it cannot place on a reordered line).
    if has_rtl(text):
        return False
    return needs_shaping(text) or any(ord(ch) > 0xFFFF for ch in text)


_shaped_styles: dict[tuple[int, bool], ParagraphStyle] = {}


def _style_for(style: ParagraphStyle, shaping: bool, rtl: bool) -> ParagraphStyle:
    if not shaping and not rtl:
        return style
    key = (id(style), rtl)
    found = _shaped_styles.get(key)
    if found is None or found.parent is not style:
        found = copy.copy(style)
        found.parent = style
        found.name = f"{style.name}-{'rtl' if rtl else 'shaped'}"
        found.shaping = 1
        if rtl and style.alignment == TA_LEFT:
            found.alignment = TA_RIGHT
        _shaped_styles[key] = found
    return found


def shaping_available(font_name: str) -> bool:
    """Whether reportlab can shape text in ``font_name`` (uharfbuzz is installed)."""
    return bool(getattr(pdfmetrics.getFont(font_name), "shapable", False))


class TextParagraph(Paragraph):
    """A Paragraph for document text in any script (see the module's docstring).

    ``rtl`` sets the paragraph direction; by default that of its first strong letter.
    """

    def __init__(
        self,
        text: Any,
        style: ParagraphStyle,
        bulletText: Any = None,  # reportlab's name: split() passes it so
        frags: Any = None,
        *args: Any,
        rtl: bool | None = None,
        **kwargs: Any,
    ) -> None:
        self._logical: str | None = None
        self._actual: str | None = None
        self._wrapped_at: float | None = None
        if frags is not None or not isinstance(text, str):  # a part made by split(): as laid out
            super().__init__(text, style, bulletText, frags, *args, **kwargs)
            return
        plain = plain_text(text)
        bidi = has_rtl(plain)
        self._rtl = is_rtl(plain) if rtl is None else rtl
        shaping = (bidi or needs_shaping(plain)) and shaping_available(style.fontName)
        self._shaping = shaping
        style = _style_for(style, shaping, self._rtl and bidi)
        if needs_actual_text(plain):
            self._actual = plain
        if bidi:
            self._logical = text
        super().__init__(text, style, bulletText, frags, *args, **kwargs)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if self._logical is not None and self._wrapped_at != availWidth:
            self._wrapped_at = availWidth
            visual = self._visual_markup(availWidth, availHeight)
            if visual is not None:
                Paragraph.__init__(self, visual, self.style)
        width, height = super().wrap(availWidth, availHeight)
        return width, height

    def _visual_markup(self, width: float, height: float) -> str | None:
        """The paragraph's markup with each line's words in visual order, lines joined by
        ``<br/>``; None when reportlab's lines cannot be matched to the words."""
        assert self._logical is not None
        first = Paragraph(self._logical, self.style)
        first.wrap(width, height)
        lines = getattr(first, "blPara", None)
        counts = [int(getattr(line, "wordCount", -1)) for line in getattr(lines, "lines", [])]
        chars = _styled_chars(self._logical)
        words = _words(chars)
        if not counts or min(counts) < 0 or sum(counts) != len(words):
            return None
        text = "".join(c.ch for c in chars)
        levels = char_levels(text, self._rtl)
        out: list[str] = []
        start = 0
        for count in counts:
            line = words[start : start + count]
            start += count
            word_levels = [word_level(text[a:b], levels[a:b]) for a, b in line]
            order = visual_order(word_levels)
            pieces: list[str] = []
            for n, k in enumerate(order):
                a, b = line[k]
                if n:
                    pieces.append(self._space(chars, line, order[n - 1], k))
                word = chars[a:b]
                if word_levels[k] % 2 and not self._shaping:  # no shaper: reverse it here
                    word = [_Char(mirrored(c.ch), c.tags) for c in reversed(word)]
                pieces.append(_emit(word))
            out.append("".join(pieces))
        return "<br/>".join(out)

    @staticmethod
    def _space(chars: list[_Char], line: list[tuple[int, int]], left: int, right: int) -> str:
        """The space between two words shown side by side: styled as the text between them
        when they are neighbours in the text too (a struck-through phrase stays one line)."""
        if abs(left - right) == 1:
            lo = min(left, right)
            gap = chars[line[lo][1] : line[lo + 1][0]]
            if gap:
                return _emit([_Char(" ", gap[0].tags)])
        return " "

    def draw(self) -> None:
        code = getattr(self.canv, "_code", None)
        if self._actual is None or code is None:
            super().draw()
            return
        hexed = "FEFF" + self._actual.encode("utf-16-be").hex().upper()
        code.append(f"/Span <</ActualText <{hexed}>>> BDC")
        super().draw()
        code.append("EMC")
