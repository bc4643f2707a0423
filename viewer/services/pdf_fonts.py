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
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

MAIN_FONT = "ArticleDiffSans"
MAIN_FILE = "DejaVuSansCondensed.ttf"
PLACEHOLDER = "\u25a1"  # □, in the main font
_EMBEDDABLE = (".ttf", ".ttc")
_RUN = re.compile(r"\s")


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


def _preference(path: str) -> tuple[int, str]:
    """Sort key: a family's plain face (Name-Regular, Name) before its bold or italic ones."""
    stem = Path(path).stem
    return (0 if stem.endswith("-Regular") else 1 if "-" not in stem else 2, path)


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
    if name in pdfmetrics.getRegisteredFontNames():
        return name
    try:
        pdfmetrics.registerFont(TTFont(name, font.path, subfontIndex=font.index))
    except Exception:  # noqa: BLE001  # reportlab refuses it (CFF outlines): skip the font
        return None
    # Bold/italic markup around a fallback run keeps the fallback face (it has no bold).
    pdfmetrics.registerFontFamily(name, normal=name, bold=name, italic=name, boldItalic=name)
    return name


@cache
def font_for(char: str, directory: Path | None = None, system: bool = True) -> str | None:
    """The reportlab font name to draw ``char`` in: MAIN_FONT when the bundled font has it, a
    fallback font's name, or None when no usable font has it."""
    code = ord(char)
    if code < 0x20 or _RUN.match(char) or code in _main_cmap():
        return MAIN_FONT
    for font in _candidates(directory):
        cmap = _cmap(font)
        if cmap is not None and code in cmap:
            name = _registered(font)
            if name:
                return name
    if system:
        for font, ranges in system_fonts():
            if any(lo <= code <= hi for lo, hi in ranges):
                cmap = _cmap(font)  # fontconfig's charset is a hint: check the real cmap
                if cmap is not None and code in cmap:
                    name = _registered(font)
                    if name:
                        return name
    return None


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

    for ch in text:
        name = font_for(ch)
        if name is None:
            found = _missing.get()
            if found is not None:
                found[ch] = None
            name, ch = MAIN_FONT, PLACEHOLDER
        elif name != MAIN_FONT and current != MAIN_FONT and _RUN.match(ch):
            name = current  # keep a space inside a fallback run: one run per phrase
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
