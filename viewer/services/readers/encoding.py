"""Bytes of a text file -> ``str``: byte-order marks, UTF-8, Windows-1252, then charset-normalizer.

Binary files (images, archives, programs, anything with NUL bytes that is not UTF-16) are refused
with ``ReadFailure("binary")``.
"""

from __future__ import annotations

import codecs
import re

from . import ReadFailure

_BOMS = (  # longest first: the UTF-32 LE mark starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

MAGIC = (
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive or an Office document"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an older Microsoft Office document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\x7fELF", "a program"),
    (b"\x1f\x8b", "a compressed (gzip) file"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
)

# What Western European prose in Windows-1252 decodes to outside ASCII.
_WESTERN = frozenset(
    "ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞßàáâãäåæçèéêëìíîïðñòóôõöøùúûüýþÿŒœŠšŽžŸ"
    "“”‘’„‚–—…€•«»‹›°©®™£¥¢§¶·´¨¸¿¡½¼¾†‡‰\u00a0"
)
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")
_SAMPLE = 200_000  # characters looked at to judge an 8-bit encoding
_HTML_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})"""
    rb"""|<\?xml[^>]{0,100}?encoding\s*=\s*["']([A-Za-z0-9_.:-]{1,40})""",
    re.IGNORECASE,
)


def describe_magic(data: bytes) -> str | None:
    """What a well-known binary file format this is, if its first bytes say so."""
    for magic, description in MAGIC:
        if data.startswith(magic):
            return description
    return None


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode the bytes of a text file; return the text and the Python name of its encoding."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            # A byte-order mark is a strong claim; a bad byte later on is damage, not binary.
            return data[len(bom) :].decode(codec.removesuffix("-sig"), "replace"), codec
    description = describe_magic(data)
    if description:
        raise ReadFailure("binary", detail=description)
    if b"\x00" in data:
        text, codec = _utf16_without_bom(data)
    else:
        text, codec = _decode_8bit(data)
    _refuse_control_characters(text)
    return text, codec


def decode_html(data: bytes) -> tuple[str, str]:
    """Decode an HTML file: byte-order mark, then its declared charset, then :func:`decode_text`."""
    if not any(data.startswith(bom) for bom, _ in _BOMS):
        match = _HTML_CHARSET.search(data[:4096])
        if match:
            declared = (match.group(1) or match.group(2)).decode("ascii").lower()
            # As browsers do (WHATWG): these labels mean Windows-1252 in practice.
            if declared in {"iso-8859-1", "latin1", "latin-1", "us-ascii", "ascii"}:
                declared = "cp1252"
            try:
                codec = codecs.lookup(declared).name
                return data.decode(codec), codec
            except (LookupError, UnicodeDecodeError):
                pass  # a wrong label is common; detect instead
    return decode_text(data)


def _utf16_without_bom(data: bytes) -> tuple[str, str]:
    """NUL bytes mean UTF-16 when every other byte is NUL (mostly-ASCII text), else binary."""
    if len(data) % 2 == 0:
        even, odd = data[0::2], data[1::2]
        for codec, zeros, letters in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
            if zeros.count(0) >= 0.9 * len(zeros) and letters.count(0) <= 0.05 * len(letters):
                try:
                    return data.decode(codec), codec
                except UnicodeDecodeError:
                    break
    raise ReadFailure("binary")


def _decode_8bit(data: bytes) -> tuple[str, str]:
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        western = data.decode("cp1252")
    except UnicodeDecodeError:
        western = None
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    guess = None if best is None else str(best)
    # charset-normalizer often names a sibling code page (cp1250) or, for short texts, an exotic
    # one (cp855) for what is Windows-1252, by far the commonest legacy encoding of Western news.
    if western is not None and (guess == western or _plausibly_western(western)):
        return western, "cp1252"
    if best is None or guess is None:
        raise ReadFailure("binary")
    return guess, codecs.lookup(best.encoding).name


def _plausibly_western(text: str) -> bool:
    """Every non-ASCII character is one Western prose uses, and accented letters are a minority."""
    letters = non_ascii_letters = 0
    for char in text[:_SAMPLE]:
        if char.isascii():
            letters += char.isalpha()
            continue
        if char not in _WESTERN:
            return False
        if char.isalpha():
            letters += 1
            non_ascii_letters += 1
    return non_ascii_letters <= 0.25 * max(letters, 1)


def _refuse_control_characters(text: str) -> None:
    """A few stray control characters are tolerated (and dropped later); many mean binary."""
    allowed = 0.01 * len(text)
    for count, _ in enumerate(_CONTROL.finditer(text), start=1):
        if count > allowed:
            raise ReadFailure("binary")
