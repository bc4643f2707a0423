"""Text direction and shaping needs for the PDF export: which paragraphs hold right-to-left
text, which need glyph shaping, and the visual order of a line's words.

reportlab lays a paragraph out left to right and only reorders right-to-left text for a
paragraph of one style run (and only with ReportLab's own ``rlbidi``, not on PyPI), so the
export reorders each laid-out line itself (``pdf_paragraph``): the resolved embedding levels
come from python-bidi's implementation of the Unicode Bidirectional Algorithm (UAX #9), the
words of a line are put in visual order by rule L2, and HarfBuzz (reportlab's shaping) puts
the letters of each right-to-left word in order and joins them.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from functools import cache
from typing import Any

_RTL = frozenset({"R", "AL"})
_NEUTRAL = frozenset({"WS", "ON", "BN", "S", "B", "CS", "ES", "ET", "NSM", "LRE", "RLE", "PDF",
                      "LRO", "RLO", "LRI", "RLI", "FSI", "PDI"})

# Scripts whose letters change shape or order with their neighbours: an OpenType shaper must
# lay them out (Arabic joining, Indic conjuncts and vowel signs, Thai and Lao marks, Tibetan,
# Myanmar, Khmer, Sinhala...). Combining marks anywhere need it too.
_SHAPED_RANGES = (
    (0x0590, 0x08FF),  # Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan, Mandaic, Arabic ext.
    (0x0900, 0x0DFF),  # Devanagari ... Sinhala
    (0x0E00, 0x0FFF),  # Thai, Lao, Tibetan
    (0x1000, 0x109F),  # Myanmar
    (0x1100, 0x11FF),  # Hangul conjoining jamo
    (0x1780, 0x17FF),  # Khmer
    (0x1800, 0x18AF),  # Mongolian
    (0xA8E0, 0xA8FF),  # Devanagari extended
    (0xFB1D, 0xFDFF),  # Hebrew and Arabic presentation forms
    (0xFE70, 0xFEFF),
)


@cache
def _needs_shaping_char(ch: str) -> bool:
    code = ord(ch)
    if any(lo <= code <= hi for lo, hi in _SHAPED_RANGES):
        return True
    return unicodedata.combining(ch) != 0 or code in (0x200C, 0x200D)  # ZWNJ, ZWJ


def needs_shaping(text: str) -> bool:
    """Whether ``text`` holds characters an OpenType shaper must lay out."""
    return any(_needs_shaping_char(ch) for ch in text if ord(ch) >= 0x0300)


def has_rtl(text: str) -> bool:
    """Whether ``text`` holds a right-to-left letter (Hebrew, Arabic, Syriac, Thaana...)."""
    return any(unicodedata.bidirectional(ch) in _RTL for ch in text if ord(ch) >= 0x0590)


def is_rtl(text: str) -> bool:
    """The paragraph direction of ``text`` by rules P2-P3: that of its first strong letter
    (left to right when it has none)."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in _RTL:
            return True
        if kind == "L":
            return False
    return False


def char_levels(text: str, rtl: bool) -> list[int]:
    """The resolved embedding level of each character of ``text`` (rules X1-I2 of UAX #9),
    in a paragraph of direction ``rtl``."""
    from bidi import algorithm  # python-bidi's reference implementation in Python

    storage: dict[str, Any] = algorithm.get_empty_storage()
    storage["base_level"] = 1 if rtl else 0
    storage["base_dir"] = "R" if rtl else "L"
    algorithm.get_embedding_levels(text, storage)
    algorithm.explicit_embed_and_overrides(storage)
    algorithm.resolve_weak_types(storage, False)
    algorithm.resolve_neutral_types(storage, False)
    algorithm.resolve_implicit_levels(storage, False)
    levels = [int(c["level"]) for c in storage["chars"]]
    if len(levels) != len(text):  # X9 removed a character: no levels to trust
        return [1 if rtl else 0] * len(text)
    return levels


def word_level(text: str, levels: Sequence[int]) -> int:
    """One word's level: that of its first character that is not neutral (a letter or a
    digit), else that of its first character."""
    for ch, level in zip(text, levels):
        if unicodedata.bidirectional(ch) not in _NEUTRAL:
            return level
    return levels[0] if levels else 0


def visual_order(levels: Sequence[int]) -> list[int]:
    """Rule L2: the indices of items at ``levels`` in the order they are shown, left to right
    (from the highest level down to the lowest odd one, reverse every run at that level or
    above)."""
    order = list(range(len(levels)))
    if not levels:
        return order
    top = max(levels)
    lowest_odd = min(level for level in levels) | 1
    for level in range(top, lowest_odd - 1, -1):
        k = 0
        while k < len(order):
            if levels[order[k]] >= level:
                end = k
                while end < len(order) and levels[order[end]] >= level:
                    end += 1
                order[k:end] = order[k:end][::-1]
                k = end
            else:
                k += 1
    return order


def mirrored(ch: str) -> str:
    """The mirror image of a bracket or similar character, drawn in a right-to-left run."""
    from bidi.mirror import MIRRORED

    return str(MIRRORED.get(ch, ch))
