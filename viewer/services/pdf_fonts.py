"""Font fallback for the PDF export: text in scripts the bundled DejaVu font lacks (Chinese,
Devanagari, Thai, Hangul, emoji…) is set in another font that has the characters.

Each character the main font's cmap lacks is looked up, first in the other fonts bundled in
``viewer/resources/fonts``, then in the system's fonts as fontconfig lists them (``fc-list``,
with each font's character set). Only fonts reportlab can embed are used (TrueType outlines,
``.ttf``/``.ttc``; a CFF/OpenType font fails to register and is skipped). Answers are cached
for the process.

Characters no font has are drawn as a visible placeholder (□) and collected, so the export can
say which characters could not be drawn: reportlab would otherwise draw an empty box and put
a NUL in the text layer.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.ttfonts import SUBSETN, TTFont

MAIN_FONT = "ArticleDiffSans"
MAIN_FILE = "DejaVuSansCondensed.ttf"
PLACEHOLDER = "\u25a1"  # □, in the main font
_EMBEDDABLE = (".ttf", ".ttc")
_RUN = re.compile(r"\s")


def _to_unicode_cmap(name: str, subset: list[int]) -> str:
    """reportlab's ToUnicode CMap for one font subset, with characters above U+FFFF written
    as UTF-16 surrogate pairs (reportlab writes five hex digits, which readers take for
    another character: U+1F600 read back as U+1F60), and the Arabic presentation forms
    HarfBuzz's joined glyphs are drawn as read back as the letters they are."""

    def utf16(code: int) -> str:
        text = chr(code)
        if _is_presentation_form(code):  # a shaped Arabic letter reads back as the letter
            text = unicodedata.normalize("NFKC", text)
        return text.encode("utf-16-be", "surrogatepass").hex().upper()

    return "\n".join(
        [
            "/CIDInit /ProcSet findresource begin",
            "12 dict begin",
            "begincmap",
            "/CIDSystemInfo",
            f"<< /Registry ({name})",
            f"/Ordering ({name})",
            "/Supplement 0",
            ">> def",
            f"/CMapName /{name} def",
            "/CMapType 2 def",
            "1 begincodespacerange",
            f"<00> <{len(subset) - 1:02X}>",
            "endcodespacerange",
            f"{len(subset)} beginbfchar",
            *(f"<{i:02X}> <{utf16(v)}>" for i, v in enumerate(subset)),
            "endbfchar",
            "endcmap",
            "CMapName currentdict /CMap defineresource pop",
            "end",
            "end",
        ]
    )


def _is_presentation_form(code: int) -> bool:
    return 0xFB50 <= code <= 0xFDFF or 0xFE70 <= code <= 0xFEFC


class EmbeddedFont(TTFont):
    """A TrueType font embedded in subsets, whose text layer is right for every character."""

    def addObjects(self, doc: Any) -> None:  # reportlab's name
        state = self.state.get(doc)
        subsets = [list(s) for s in state.subsets] if state is not None else []
        super().addObjects(doc)
        for n, subset in enumerate(subsets):
            if all(c <= 0xFFFF and not _is_presentation_form(c) for c in subset):
                continue  # reportlab's map is right
            base = b"".join((SUBSETN(n), b"+", self.face.name, self.face.subfontNameX))
            name = base.decode("pdfdoc")
            stream = doc.idToObject.get(f"toUnicodeCMap:{name}")
            if isinstance(stream, pdfdoc.PDFStream):
                stream.content = _to_unicode_cmap(name, subset)


@dataclass(frozen=True)
class FontFile:
    path: str
    index: int = 0


def bundled_dir() -> Path:
    return Path(str(resources.files("viewer") / "resources" / "fonts"))


@cache
def _cmap(font: FontFile) -> frozenset[int] | None:
    """The code points ``font`` draws, or None when reportlab cannot load/embed it."""
    try:
        face = TTFont("probe", font.path, subfontIndex=font.index).face
    except Exception:  # noqa: BLE001  # CFF outlines, damaged or unreadable files: unusable
        return None
    return frozenset(c for c, g in face.charToGlyph.items() if g)


def _parse_charset(text: str) -> list[tuple[int, int]]:
    ranges = []
    for part in text.split():
        lo, _, hi = part.partition("-")
        try:
            ranges.append((int(lo, 16), int(hi or lo, 16)))
        except ValueError:
            continue
    return ranges


# Faces of a family that are a second choice for body text
_SECONDARY = ("Serif", "Looped", "Mono", "Display", "Condensed", "UI", "Traditional")


def _preference(path: str) -> tuple[int, int, str]:
    """Sort key: a sans text face before serif, looped, UI or display ones, and a family's
    plain face (Name-Regular, Name) before its bold or italic ones."""
    stem = Path(path).stem
    family = stem.partition("-")[0]
    secondary = 1 if any(word in family for word in _SECONDARY) else 0
    weight = 0 if stem.endswith("-Regular") else 1 if "-" not in stem else 2
    return (weight, secondary, path)


@cache
def system_fonts() -> tuple[tuple[FontFile, tuple[tuple[int, int], ...]], ...]:
    """The system's embeddable fonts with their character ranges, as fontconfig lists them
    (empty when fontconfig is absent)."""
    exe = shutil.which("fc-list")
    if exe is None:
        return ()
    try:
        out = subprocess.run(
            [exe, "--format", "%{file}\t%{index}\t%{charset}\n"],
            capture_output=True,
            text=True,
            timeout=20,
            check=False,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return ()
    fonts = []
    for line in sorted(out.splitlines(), key=lambda line: _preference(line.partition("\t")[0])):
        path, _, rest = line.partition("\t")
        index, _, charset = rest.partition("\t")
        if not path.lower().endswith(_EMBEDDABLE) or not index.isdigit():
            continue
        fonts.append((FontFile(path, int(index)), tuple(_parse_charset(charset))))
    return tuple(fonts)


def _candidates(directory: Path | None) -> Iterator[FontFile]:
    folder = directory if directory is not None else bundled_dir()
    for path in sorted(folder.glob("*"), key=lambda p: _preference(str(p))):
        if path.suffix.lower() in _EMBEDDABLE and path.name != MAIN_FILE:
            yield FontFile(str(path))


@cache
def _registered(font: FontFile) -> str | None:
    """The reportlab name of ``font``, registered once; None when it cannot be embedded."""
    name = f"Fallback-{Path(font.path).stem}-{font.index}"
    _by_name[name] = font
    if name in pdfmetrics.getRegisteredFontNames():
        return name
    try:
        pdfmetrics.registerFont(EmbeddedFont(name, font.path, subfontIndex=font.index))
    except Exception:  # noqa: BLE001  # reportlab refuses it (CFF outlines): skip the font
        return None
    # Bold/italic markup around a fallback run keeps the fallback face (it has no bold).
    pdfmetrics.registerFontFamily(name, normal=name, bold=name, italic=name, boldItalic=name)
    return name


@cache
def fallbacks(char: str, directory: Path | None = None, system: bool = True) -> tuple[str, ...]:
    """The reportlab names of the fallback fonts that draw ``char``, best first: the bundled
    ones, then the system's (fontconfig's charset is a hint: each is checked against its real
    cmap)."""
    code = ord(char)
    names: list[str] = []
    for font in _candidates(directory):
        cmap = _cmap(font)
        if cmap is not None and code in cmap:
            name = _registered(font)
            if name:
                names.append(name)
    if system:
        for font, ranges in system_fonts():
            if any(lo <= code <= hi for lo, hi in ranges):
                cmap = _cmap(font)
                if cmap is not None and code in cmap:
                    name = _registered(font)
                    if name and name not in names:
                        names.append(name)
    return tuple(names)


@cache
def font_for(char: str, directory: Path | None = None, system: bool = True) -> str | None:
    """The reportlab font name to draw ``char`` in: MAIN_FONT when the bundled font has it, a
    fallback font's name, or None when no usable font has it."""
    code = ord(char)
    if code < 0x20 or _RUN.match(char) or code in _main_cmap():
        return MAIN_FONT
    found = fallbacks(char, directory, system)
    return found[0] if found else None


def covers(name: str, char: str) -> bool:
    """Whether the registered font ``name`` draws ``char``."""
    if name == MAIN_FONT:
        return ord(char) in _main_cmap()
    font = _by_name.get(name)
    cmap = _cmap(font) if font is not None else None
    return cmap is not None and ord(char) in cmap


_by_name: dict[str, FontFile] = {}


@cache
def _main_cmap() -> frozenset[int]:
    return _cmap(FontFile(str(bundled_dir() / MAIN_FILE))) or frozenset()


_missing: ContextVar[dict[str, None] | None] = ContextVar("pdf_missing", default=None)


@contextmanager
def collecting() -> Iterator[dict[str, None]]:
    """Collect, in order of first use, the characters ``markup`` could not draw."""
    found: dict[str, None] = {}
    token = _missing.set(found)
    try:
        yield found
    finally:
        _missing.reset(token)


def _keeps(name: str, char: str) -> bool:
    """Whether a fallback run in ``name`` goes on through ``char``: a character the main font
    lacks, or one that is not a letter (digits, punctuation, marks: "।" after Hindi, "。" or
    "3" in Chinese), when ``name`` has it. Shaping joins a word in one font, so a word stays
    in one font where it can."""
    if char.isspace():
        return True
    if not covers(name, char):
        return False
    return ord(char) not in _main_cmap() or not unicodedata.category(char).startswith("L")


def _best_fallback(text: str, at: int) -> str | None:
    """The fallback font for ``text[at]`` that also draws the most of the characters after it
    the main font lacks (a Chinese phrase in one CJK font, not a font a character)."""
    names = fallbacks(text[at])
    if len(names) <= 1:
        return names[0] if names else None
    ahead = [ch for ch in text[at + 1 : at + 48] if not ch.isspace()]

    def reach(name: str) -> int:
        n = 0
        for ch in ahead:
            if not _keeps(name, ch):
                break
            n += 1
        return n

    return max(names, key=reach)  # max keeps the first of equals: the preferred font


def markup(text: str) -> str:
    """``text`` escaped for reportlab paragraph markup, with each run of characters the main
    font lacks wrapped in ``<font name=...>`` of a font that has them; characters no font has
    become PLACEHOLDER and are recorded for ``collecting``."""
    out: list[str] = []
    run: list[str] = []
    current: str | None = MAIN_FONT

    def flush() -> None:
        if run:
            body = escape("".join(run))
            out.append(body if current == MAIN_FONT else f'<font name="{current}">{body}</font>')
            run.clear()

    for k, ch in enumerate(text):
        name: str | None
        if ch.isspace():  # a space stays in the run when the run goes on after it
            after = text[k:].lstrip()
            keep = current != MAIN_FONT and after != "" and _keeps(str(current), after[0])
            name = current if keep else MAIN_FONT
        elif current is not None and current != MAIN_FONT and _keeps(current, ch):
            name = current
        elif font_for(ch) == MAIN_FONT:
            name = MAIN_FONT
        else:
            name = _best_fallback(text, k)
        if name is None:
            found = _missing.get()
            if found is not None:
                found[ch] = None
            name, ch = MAIN_FONT, PLACEHOLDER
        if name != current:
            flush()
            current = name
        run.append(ch)
    flush()
    return "".join(out)


def describe(chars: list[str], limit: int = 12) -> str:
    """Say "U+0E01 THAI CHARACTER KO KAI, …" for at most ``limit`` characters, then "and N more"."""
    shown = [f"U+{ord(c):04X} {unicodedata.name(c, '(unnamed)')}" for c in chars[:limit]]
    text = ", ".join(shown)
    if len(chars) > limit:
        text += f", and {len(chars) - limit} more"
    return text
