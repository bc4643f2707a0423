"""Word .docx -> pieces, streamed: never more than a bounded amount inflated or held at once.

A .docx is a ZIP package. Its parts are inflated a chunk at a time with a running count of the
bytes that came out (:class:`_Inflated`), so a member that declares 3,000 bytes and inflates to
gigabytes is stopped at :data:`MAX_UNPACKED_BYTES` without trusting the declared size. The XML
is read with lxml's ``iterparse`` and each body paragraph or table is dropped from memory once
its text is taken, and style names are looked up in a table read once from ``styles.xml``:
python-docx scanned every style for each paragraph (80,000 paragraphs took 92 s), here reading
costs about what the XML's size does.

The text is what python-docx gives for the same file: paragraphs of the body and of table
cells in document order (a merged cell once), each run's ``w:t``, tabs, breaks and
non-breaking hyphens; headers, footers, notes, text boxes and deleted text are left out.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from typing import IO, Any

from viewer.engine.model import BlockRole

from . import ReadFailure
from .blocks import Piece

MAX_UNPACKED_BYTES = 256 * 1024 * 1024
"""Most bytes inflated from one .docx (a "zip bomb" or not an article past it)."""

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_BODY, _P, _TBL, _TC, _R, _HYPERLINK = (_W + t for t in ("body", "p", "tbl", "tc", "r", "hyperlink"))
_CONTAINERS = frozenset({_BODY, _TC})
"""Parents whose paragraphs and tables are read (python-docx's ``iter_inner_content``)."""
_RUN_TEXT = {
    _W + "t": None,  # its text
    _W + "tab": "\t",
    _W + "ptab": "\t",
    _W + "cr": "\n",
    _W + "noBreakHyphen": "-",
}
_BR = _W + "br"
_VAL = _W + "val"


class _Inflated(io.RawIOBase):
    """A ZIP member read a chunk at a time, refusing to give more than ``budget[0]`` bytes in
    all (the budget is shared by every part of one package)."""

    def __init__(self, member: IO[bytes], budget: list[int]) -> None:
        super().__init__()
        self._member = member
        self._budget = budget

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer)
        chunk = self._member.read(min(len(view), 1 << 16))
        self._budget[0] -= len(chunk)
        if self._budget[0] < 0:
            raise ReadFailure("too_large", variant="unpacked")
        view[: len(chunk)] = chunk
        return len(chunk)


def docx_pieces(data: bytes, max_chars: int) -> list[Piece]:
    """Body paragraphs and table cells in document order; headers, footers and notes left out.

    Raises ``ReadFailure`` (``too_large``) once the parts inflate past ``MAX_UNPACKED_BYTES`` or
    the text passes ``max_chars`` characters, and (``corrupt``) for a damaged package."""
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise ReadFailure("unsupported", variant="doc")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, EOFError, ValueError) as error:
        raise ReadFailure("corrupt", detail="it is not a complete .docx package") from error
    with archive:
        names = set(archive.namelist())
        if "word/document.xml" not in names:
            raise ReadFailure("corrupt", detail="the package holds no Word document")
        budget = [MAX_UNPACKED_BYTES]
        styles = _style_names(archive, budget) if "word/styles.xml" in names else ({}, "")
        pieces: list[Piece] = []
        total = 0
        with archive.open("word/document.xml") as member:
            for text, role in _paragraphs(_Inflated(member, budget), styles):
                total += len(text)
                if total > max_chars:
                    raise ReadFailure("too_large", variant="chars", detail=f"more than {max_chars:,}")
                pieces.append((text, role))
    return pieces


def _iterparse(stream: _Inflated, tags: tuple[str, ...]) -> Iterator[tuple[str, Any]]:
    """``end`` events of the elements named ``tags`` only: lxml skips the rest in C."""
    from lxml import etree

    reader = io.BufferedReader(stream, 1 << 16)
    parser = etree.iterparse(
        reader, events=("end",), tag=tags, resolve_entities=False, no_network=True,
        huge_tree=False, load_dtd=False, remove_comments=True, remove_pis=True,
    )
    try:
        yield from parser
    except etree.XMLSyntaxError as error:
        raise ReadFailure("corrupt", detail="its text part is not well-formed XML") from error


def _style_names(archive: zipfile.ZipFile, budget: list[int]) -> tuple[dict[str, str], str]:
    """Paragraph style id -> lower-case name, and the default paragraph style's name."""
    names: dict[str, str] = {}
    default = ""
    with archive.open("word/styles.xml") as member:
        for _, element in _iterparse(_Inflated(member, budget), (_W + "style",)):
            if element.get(_W + "type") == "paragraph":
                name_element = element.find(_W + "name")
                name = (name_element.get(_VAL) if name_element is not None else "") or ""
                style_id = element.get(_W + "styleId") or ""
                names[style_id] = name.lower()
                if element.get(_W + "default") in ("1", "true", "on"):
                    default = name.lower()
            element.clear()
    return names, default


def _paragraphs(stream: _Inflated, styles: tuple[dict[str, str], str]) -> Iterator[Piece]:
    merged_continuations: set[Any] = set()
    for _, element in _iterparse(stream, (_P, _TBL, _W + "vMerge")):
        tag = element.tag
        if tag == _W + "vMerge" and element.get(_VAL, "continue") == "continue":
            cell = element.getparent().getparent()  # w:tc / w:tcPr / w:vMerge
            if cell is not None and cell.tag == _TC:
                merged_continuations.add(cell)  # python-docx lists a merged cell once
            continue
        parent = element.getparent()
        if parent is None or parent.tag not in _CONTAINERS:
            continue  # a text box or a content control: python-docx leaves these out
        if tag == _P:
            if parent not in merged_continuations:
                yield _text(element), _role(element, styles)
            element.clear()
        if parent.tag == _BODY:  # the paragraph or table is done: free it
            element.clear()
            while element.getprevious() is not None:
                del parent[0]
            merged_continuations.clear()


def _text(paragraph: Any) -> str:
    out: list[str] = []
    for child in paragraph:
        if child.tag == _R:
            _run_text(child, out)
        elif child.tag == _HYPERLINK:
            for run in child:
                if run.tag == _R:
                    _run_text(run, out)
    return "".join(out)


def _run_text(run: Any, out: list[str]) -> None:
    for child in run:
        tag = child.tag
        if tag == _BR:
            if child.get(_W + "type", "textWrapping") == "textWrapping":
                out.append("\n")
        elif tag in _RUN_TEXT:
            fixed = _RUN_TEXT[tag]
            out.append(child.text or "" if fixed is None else fixed)


def _role(paragraph: Any, styles: tuple[dict[str, str], str]) -> BlockRole:
    names, default = styles
    properties = paragraph.find(_W + "pPr")
    name = default
    numbered = False
    if properties is not None:
        style = properties.find(_W + "pStyle")
        if style is not None:
            name = names.get(style.get(_VAL) or "", default)
        numbered = properties.find(_W + "numPr") is not None
    if name.startswith("heading") or name in ("title", "subtitle"):
        return BlockRole.HEADING
    if name == "caption":
        return BlockRole.CAPTION
    if name.startswith("list") or numbered:
        return BlockRole.LIST_ITEM
    return BlockRole.PARAGRAPH
