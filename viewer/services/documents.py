"""Read an article from a file (or pasted text) into a :class:`~viewer.engine.model.Document`.

Formats are chosen by name extension (see :data:`SUPPORTED_SUFFIXES`). A file with no extension or
an unfamiliar one is looked at: a PDF, a .docx or an HTML page is read as such, other clearly
textual content as plain text; anything else is refused as unsupported. Known non-article formats
(.doc, .rtf, .odt, images, ...) are refused by extension.

Every problem comes out as a :class:`DocumentError` whose message names the file and says what to
do; no parser exception escapes. Files are opened once, read-only, and never written.
Messages are plain English: this module has no Qt; the UI may map ``reason`` to translated text.
"""

from __future__ import annotations

import hashlib
import io
import os
import zipfile
from collections.abc import Callable

from viewer.engine.limits import MAX_SENTENCES
from viewer.engine.model import Block, Document

from .atomic import remember_input
from .files import FileProblem, read_regular
from .readers import ReadFailure
from .readers.blocks import Piece, build, plain_text_pieces, valid_unicode
from .readers.encoding import decode_html, decode_text, describe_magic
from .readers.markup import html_pieces, markdown_pieces
from .readers.office import pdf_pieces
from .readers.word import MAX_UNPACKED_BYTES, docx_pieces

MAX_FILE_BYTES: int = 64 * 1024 * 1024
"""Largest file opened (64 MiB), checked with ``os.stat`` before anything is read."""
MAX_TEXT_CHARS: int = 3_000_000
"""Most characters of extracted text compared: about 20,000 sentences of news prose, the size
the aligner and the window are measured at (see bench/)."""

_FORMATS = {
    ".txt": "text", ".text": "text",
    ".md": "markdown", ".markdown": "markdown",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".docx": "docx",
    ".pdf": "pdf",
}  # fmt: skip
SUPPORTED_SUFFIXES: tuple[str, ...] = tuple(_FORMATS)
_FORMAT_LIST = (
    "plain text (.txt, .text), Markdown (.md, .markdown), HTML (.html, .htm, .xhtml), "
    "Word (.docx) and PDF (.pdf)"
)
_FORMAT_NAMES = {
    "text": "a text file", "markdown": "a Markdown file", "html": "a web page",
    "docx": "a Word document", "pdf": "a PDF document",
}  # fmt: skip
# Refused without looking: formats that are not articles, or that need a reader we do not have.
_OTHER_SUFFIXES = frozenset(
    [
        ".doc",
        ".dot",
        ".docm",
        ".dotx",
        ".rtf",
        ".odt",
        ".ott",
        ".pages",
        ".wpd",
        ".wps",
        ".epub",
        ".mobi",
        ".azw3",
        ".djvu",
        ".ps",
        ".eps",
        ".xps",
        ".xls",
        ".xlsx",
        ".ods",
        ".csv",
        ".ppt",
        ".pptx",
        ".odp",
        ".key",
        ".numbers",
        ".png",
        ".jpg",
        ".jpeg",
        ".gif",
        ".tif",
        ".tiff",
        ".bmp",
        ".webp",
        ".heic",
        ".svg",
        ".zip",
        ".gz",
        ".7z",
        ".rar",
        ".tar",
        ".exe",
        ".dll",
        ".so",
        ".dylib",
        ".bin",
        ".mp3",
        ".mp4",
        ".mov",
        ".wav",
    ]
)
_TRY_ELSEWHERE = "or paste the article's text"


class DocumentError(Exception):
    """A file that cannot be compared, with a message a user understands that names the file.

    ``reason`` is one of ``not_found``, ``unreadable``, ``empty``, ``binary``, ``unsupported``,
    ``no_text_layer``, ``too_large``, ``corrupt``, ``is_directory``.
    """

    def __init__(self, message: str, path: str | None = None, reason: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.reason = reason

    def __str__(self) -> str:
        return self.message

    def __reduce__(self) -> tuple[type[DocumentError], tuple[str, str | None, str]]:
        return type(self), (self.message, self.path, self.reason)


def is_supported(path: str | os.PathLike[str]) -> bool:
    """Whether ``path``'s extension is one Article Diff reads (the file itself is not looked at)."""
    return os.path.splitext(os.fspath(path))[1].lower() in _FORMATS


def document_from_text(
    text: str, *, name: str = "pasted text", path: str | None = None, format: str = "text"
) -> Document:
    """A document from text already in memory, such as pasted text.

    ``format`` is ``"text"`` (blocks are separated by blank lines; single line breaks are kept),
    ``"markdown"`` or ``"html"``. Empty or whitespace-only text gives a document with no blocks.
    Raises ``ValueError`` for another format and :class:`DocumentError` (``too_large``) past
    :data:`MAX_TEXT_CHARS`.
    """
    readers: dict[str, Callable[[str], list[Piece]]] = {
        "text": plain_text_pieces, "markdown": markdown_pieces, "html": html_pieces,
    }  # fmt: skip
    if format not in readers:
        raise ValueError(f"format must be one of {sorted(readers)}, not {format!r}")
    try:
        if len(text) > 3 * MAX_TEXT_CHARS:  # spare the work of normalising a huge paste
            raise ReadFailure("too_large", variant="chars")
        content, blocks = _laid_out(readers[format](valid_unicode(text)))
    except ReadFailure as failure:
        raise _error(failure, name, path, format) from None
    return Document(content, blocks, path=path, name=name, format=format, encoding=None)


def read_document(path: str | os.PathLike[str]) -> Document:
    """Read the article in the file at ``path``; raise :class:`DocumentError` if it cannot be."""
    full = os.path.abspath(os.fspath(path))
    # A name shown everywhere (window, exports): undecodable bytes of a file name become U+FFFD.
    name = valid_unicode(os.path.basename(full) or full)
    suffix = os.path.splitext(name)[1].lower()
    fmt = _FORMATS.get(suffix, "")
    try:
        data = _read_bytes(full, suffix)
        remember_input(full)  # from now on no export may replace it
        if not data.strip():
            raise ReadFailure("empty")
        fmt = fmt or _sniff(data, suffix)
        content, blocks, encoding = _read(fmt, data)
        if not blocks:
            raise ReadFailure("empty")
    except ReadFailure as failure:
        raise _error(failure, name, full, fmt) from None
    except Exception as error:  # a parser's own exception: the file is not what it claims to be
        raise _error(ReadFailure("corrupt"), name, full, fmt) from error
    return Document(
        content, blocks, path=full, name=name, format=fmt, encoding=encoding,
        sha256=hashlib.sha256(data).hexdigest(),
    )


def _read_bytes(path: str, suffix: str) -> bytes:
    if suffix in _OTHER_SUFFIXES:  # refused by name, but a missing file is still "not found"
        if not os.path.lexists(path):
            raise ReadFailure("not_found")
        if os.path.isdir(path):
            raise ReadFailure("is_directory")
        raise ReadFailure("unsupported")
    try:
        return read_regular(path, MAX_FILE_BYTES)
    except FileProblem as problem:
        raise _failure(problem) from None


def _failure(problem: FileProblem) -> ReadFailure:
    kind = problem.kind
    if kind in ("not_found", "is_directory"):
        return ReadFailure(kind)
    if kind in ("special", "loop"):
        return ReadFailure("unreadable", variant=kind)
    if kind == "permission":
        return ReadFailure("unreadable")
    if kind == "too_large":
        size = _size(problem.size) if problem.size >= 0 else f"more than {_size(MAX_FILE_BYTES)}"
        return ReadFailure("too_large", detail=size)
    return ReadFailure("unreadable", variant="io", detail=problem.detail)


def _sniff(data: bytes, suffix: str) -> str:
    """The format of a file whose extension does not say: PDF, .docx, HTML or plain text."""
    head = data[:1024].lstrip().lower()
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                if "word/document.xml" in archive.namelist():
                    return "docx"
        except (zipfile.BadZipFile, EOFError, ValueError):
            pass
    if describe_magic(data) or head.startswith(b"{\\rtf"):
        raise ReadFailure("unsupported")
    try:
        decode_text(data)
    except ReadFailure:
        raise ReadFailure("unsupported") from None
    if head.startswith((b"<!doctype html", b"<html")):
        return "html"
    return "text"


def _read(fmt: str, data: bytes) -> tuple[str, tuple[Block, ...], str | None]:
    if fmt in ("text", "markdown", "html"):
        decoded, encoding = decode_html(data) if fmt == "html" else decode_text(data)
        decoded = valid_unicode(decoded)  # before a parser meets a lone surrogate (UTF-7)
        if len(decoded) > 3 * MAX_TEXT_CHARS:  # markup included; spare the parsers
            raise ReadFailure("too_large", variant="chars")
        pieces = {"text": plain_text_pieces, "markdown": markdown_pieces, "html": html_pieces}
        return (*_laid_out(pieces[fmt](decoded)), encoding)
    if fmt == "docx":
        return (*_laid_out(docx_pieces(data, MAX_TEXT_CHARS)), None)
    return (*_laid_out(pdf_pieces(data, MAX_TEXT_CHARS)), None)


def _laid_out(pieces: list[Piece]) -> tuple[str, tuple[Block, ...]]:
    content, blocks = build(pieces)
    if len(content) > MAX_TEXT_CHARS:
        raise ReadFailure("too_large", variant="chars", detail=f"{len(content):,}")
    if len(blocks) > MAX_SENTENCES:  # every paragraph is at least one sentence
        raise ReadFailure("too_large", variant="sentences", detail=f"{len(blocks):,} paragraphs")
    return content, blocks


def too_many_sentences(document: Document, count: int) -> DocumentError:
    """The error for ``document`` splitting into ``count`` sentences, over ``MAX_SENTENCES``."""
    failure = ReadFailure("too_large", variant="sentences", detail=f"more than {count - 1:,} sentences")
    return _error(failure, document.display_name, document.path, document.format)


def _error(failure: ReadFailure, name: str, path: str | None, fmt: str) -> DocumentError:
    return DocumentError(_message(failure, name, fmt), path, failure.reason)


def _message(failure: ReadFailure, name: str, fmt: str) -> str:
    quoted = f"“{name}”"
    reason, variant, detail = failure.reason, failure.variant, failure.detail
    if reason == "not_found":
        return (
            f"Article Diff cannot find {quoted}. It may have been moved, renamed or deleted; "
            "choose the file again."
        )
    if reason == "is_directory":
        return f"{quoted} is a folder, not a file. Choose the article's file inside it."
    if reason == "unreadable":
        return {
            "password": f"{quoted} is protected by a password. Open it in a PDF reader, save a "
            f"copy without the password and open that copy, {_TRY_ELSEWHERE}.",
            "encryption": f"{quoted} is encrypted in a way Article Diff cannot open. Save a copy "
            f"without protection from a PDF reader and open that copy, {_TRY_ELSEWHERE}.",
            "special": f"{quoted} is not a regular file (it is a device, a pipe or a socket). "
            "Choose the file that holds the article.",
            "loop": f"{quoted} is a symbolic link that leads round in a loop of links, so there "
            "is no file behind it. Choose the article's file itself, or fix the link.",
            "io": f"Article Diff could not read {quoted} ({detail or 'input/output error'}). Check "
            "that the disk or network drive it is on is available, then try again.",
        }.get(
            variant,
            f"Article Diff is not allowed to read {quoted}. Check the file's "
            "permissions, or copy it to a folder you can read and open the copy.",
        )
    if reason == "empty":
        return (
            f"{quoted} is empty: there is no text in it to compare. Choose the file that "
            f"holds the article, {_TRY_ELSEWHERE}."
        )
    if reason == "binary":
        looks = f" (it looks like {detail})" if detail else ""
        return (
            f"{quoted} does not contain text{looks}. Article Diff reads {_FORMAT_LIST}; choose "
            f"one of those, {_TRY_ELSEWHERE}."
        )
    if reason == "unsupported":
        if variant == "doc":
            return (
                f"{quoted} is an older Word document (.doc), which Article Diff cannot read. "
                "Open it in Word or LibreOffice and save it as a .docx file, then open that."
            )
        suffix = os.path.splitext(name)[1]
        kind = f"“{suffix}” files such as {quoted}" if suffix else f"a file like {quoted}"
        return (
            f"Article Diff cannot read {kind}. It reads {_FORMAT_LIST}. Save the article in "
            f"one of these formats, {_TRY_ELSEWHERE}."
        )
    if reason == "no_text_layer":
        return (
            f"{quoted} has no text layer: its pages seem to be scanned images, so there is no "
            "text to compare. Run it through OCR (text recognition, for example with your PDF "
            f"reader or OCRmyPDF) and open the result, {_TRY_ELSEWHERE}."
        )
    if reason == "too_large":
        shorter = f"Open a file that holds just the article, {_TRY_ELSEWHERE}."
        if variant == "chars":
            count = f" ({detail} characters)" if detail else ""
            return (
                f"{quoted} holds too much text{count}; Article Diff compares up to "
                f"{MAX_TEXT_CHARS:,} characters (about 20,000 sentences). {shorter}"
            )
        if variant == "sentences":
            return (
                f"{quoted} holds too many sentences ({detail}); Article Diff compares up to "
                f"{MAX_SENTENCES:,} sentences a side. {shorter}"
            )
        if variant == "unpacked":
            return (
                f"{quoted} unpacks to more than {_size(MAX_UNPACKED_BYTES)}, far more than an "
                f"article. {shorter}"
            )
        limit = _size(MAX_FILE_BYTES)
        return f"{quoted} is {detail}; Article Diff opens files up to {limit}. {shorter}"
    what = _FORMAT_NAMES.get(fmt, "an article")
    why = f" ({detail})" if detail else ""
    return (
        f"{quoted} seems to be damaged or incomplete, so Article Diff cannot read it as {what}"
        f"{why}. Open it in the program that made it and save it again, {_TRY_ELSEWHERE}."
    )


def _size(count: int) -> str:
    """A byte count as people read it: "80.3 MB", "64 MB", "12 KB", "900 bytes"."""
    for unit, scale in (("MB", 1 << 20), ("KB", 1 << 10)):
        if count >= scale:
            return f"{count / scale:.1f}".removesuffix(".0") + f" {unit}"
    return f"{count} bytes"
