"""Word .docx read as a stream (issue 15, points 3 and 4): a running limit on inflated bytes
whatever the sizes declared, the speed of plain text, and python-docx's text exactly."""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path
from typing import Any

import pytest

from viewer.engine.model import BlockRole
from viewer.services import documents
from viewer.services.documents import DocumentError, read_document
from viewer.services.readers import word
from viewer.services.readers.blocks import build
from viewer.services.readers.word import docx_pieces

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _base_docx() -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("x")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _with_document_xml(body: bytes, *, declared: int | None = None, level: int = 6) -> bytes:
    """A .docx whose word/document.xml is ``body``; ``declared`` overrides its declared size."""
    source = zipfile.ZipFile(io.BytesIO(_base_docx()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            if info.filename != "word/document.xml":
                out.writestr(info, source.read(info))
        compressor = zlib.compressobj(level, zlib.DEFLATED, -15)
        data = compressor.compress(body) + compressor.flush()
        info = zipfile.ZipInfo("word/document.xml")
        info.compress_type = zipfile.ZIP_DEFLATED
        info.file_size = len(body) if declared is None else declared
        info.compress_size = len(data)
        info.CRC = zlib.crc32(body)
        info.header_offset = out.fp.tell()  # type: ignore[union-attr]
        out.fp.write(info.FileHeader(False))  # type: ignore[union-attr]
        out.fp.write(data)  # type: ignore[union-attr]
        out.start_dir = out.fp.tell()  # type: ignore[union-attr]
        out.filelist.append(info)
        out.NameToInfo[info.filename] = info
    return buffer.getvalue()


def test_a_member_that_lies_about_its_size_is_stopped_by_a_running_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The old reader inflated the whole member in one call (2.1 GB for a 2 MB file declaring
    3,000 bytes) before finding it damaged; now at most a chunk beyond the declared size."""
    head = f'<?xml version="1.0"?><w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>'.encode()
    body = head + b" " * (64 << 20) + b"</w:t></w:r></w:p></w:body></w:document>"
    path = tmp_path / "bomb.docx"
    path.write_bytes(_with_document_xml(body, declared=3000, level=9))
    assert path.stat().st_size < 200_000
    asked: list[int] = []
    real = zipfile.ZipExtFile.read

    def counting_read(self: Any, n: int = -1) -> bytes:
        asked.append(n)  # -1 (everything) or a bounded chunk
        return real(self, n) if 0 < n <= 1 << 20 else b""  # never inflate the whole bomb here

    monkeypatch.setattr(zipfile.ZipExtFile, "read", counting_read)
    with pytest.raises(DocumentError) as caught:
        read_document(path)
    assert caught.value.reason == "corrupt"
    assert asked and all(0 < n <= 1 << 20 for n in asked), "members must be read in chunks"


def test_the_running_limit_counts_bytes_actually_inflated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(word, "MAX_UNPACKED_BYTES", 4 << 20)
    monkeypatch.setattr(documents, "MAX_UNPACKED_BYTES", 4 << 20)
    head = f'<?xml version="1.0"?><w:document xmlns:w="{W}"><w:body>'.encode()
    paragraph = b"<w:p><w:r><w:t>" + b"word " * 20 + b"</w:t></w:r></w:p>"
    body = head + paragraph * 60_000 + b"</w:body></w:document>"  # 7 MB, honestly declared
    path = tmp_path / "big.docx"
    path.write_bytes(_with_document_xml(body))
    with pytest.raises(DocumentError) as caught:
        read_document(path)
    assert caught.value.reason == "too_large" and "unpacks to more than 4 MB" in caught.value.message


def test_eighty_thousand_paragraphs_are_read_as_fast_as_text(tmp_path: Path) -> None:
    """Work counted, not time: each paragraph's style is looked up in a table read once
    (python-docx scanned every style for every paragraph: 92 s for this file)."""
    import docx

    document = docx.Document()
    for k in range(40):
        document.add_paragraph(f"Heading {k}", style="Heading 1")
    buffer = io.BytesIO()
    document.save(buffer)
    styles_xml = zipfile.ZipFile(io.BytesIO(buffer.getvalue())).read("word/styles.xml")
    styles = styles_xml.count(b"<w:style ")
    assert styles > 100  # python-docx's template: every lookup scanned all of them
    head = f'<?xml version="1.0"?><w:document xmlns:w="{W}"><w:body>'.encode()
    paragraphs = b"".join(
        b'<w:p><w:pPr><w:pStyle w:val="%s"/></w:pPr><w:r><w:t>Line %d.</w:t></w:r></w:p>'
        % (b"Heading1" if k % 100 == 0 else b"Normal", k)
        for k in range(80_000)
    )
    data = _with_document_xml(head + paragraphs + b"</w:body></w:document>")
    path = tmp_path / "many.docx"
    path.write_bytes(data)
    looked_up = []
    real_role = word._role

    def counting_role(paragraph: Any, table: Any) -> BlockRole:
        looked_up.append(1)
        return real_role(paragraph, table)

    word._role = counting_role  # type: ignore[assignment]
    try:
        pieces = docx_pieces(data, 3_000_000)
    finally:
        word._role = real_role  # type: ignore[assignment]
    assert len(pieces) == 80_000 and len(looked_up) == 80_000
    assert pieces[0] == ("Line 0.", BlockRole.HEADING) and pieces[1] == ("Line 1.", BlockRole.PARAGRAPH)
    with pytest.raises(DocumentError) as caught:  # more paragraphs than sentences compared
        read_document(path)
    assert "80,000 paragraphs" in caught.value.message


def _python_docx_pieces(data: bytes) -> list[tuple[str, BlockRole]]:
    """The reader this replaced (python-docx), as the oracle for the text and roles."""
    import docx
    from docx.text.paragraph import Paragraph

    pieces: list[tuple[str, BlockRole]] = []

    def role(paragraph: Any) -> BlockRole:
        name = (paragraph.style.name or "").lower() if paragraph.style is not None else ""
        if name.startswith("heading") or name in ("title", "subtitle"):
            return BlockRole.HEADING
        if name == "caption":
            return BlockRole.CAPTION
        properties = paragraph._p.pPr
        if name.startswith("list") or (properties is not None and properties.numPr is not None):
            return BlockRole.LIST_ITEM
        return BlockRole.PARAGRAPH

    def collect(container: Any) -> None:
        for item in container.iter_inner_content():
            if isinstance(item, Paragraph):
                pieces.append((item.text, role(item)))
                continue
            seen: dict[int, Any] = {}
            for row in item.rows:
                for cell in row.cells:
                    if id(cell._tc) not in seen:
                        seen[id(cell._tc)] = cell._tc
                        collect(cell)

    collect(docx.Document(io.BytesIO(data)))
    return pieces


def test_same_text_and_roles_as_python_docx() -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("Budget approved", style="Title")
    document.add_heading("In the council", level=2)
    run_paragraph = document.add_paragraph("First ")
    run_paragraph.add_run("second").add_break()
    run_paragraph.add_run("after a break\tand a tab")
    document.add_paragraph("A bullet", style="List Bullet")
    document.add_paragraph("A caption", style="Caption")
    table = document.add_table(rows=3, cols=3)
    table.cell(0, 0).text = "top left"
    table.cell(0, 1).merge(table.cell(0, 2)).text = "wide"
    table.cell(1, 0).merge(table.cell(2, 0)).text = "tall"
    table.cell(1, 1).text = "middle"
    inner = table.cell(2, 2).add_table(rows=1, cols=2)
    inner.cell(0, 0).text = "nested a"
    inner.cell(0, 1).text = "nested b"
    document.add_paragraph("After the table")
    buffer = io.BytesIO()
    document.save(buffer)
    data = buffer.getvalue()
    expected = _python_docx_pieces(data)
    assert docx_pieces(data, 3_000_000) == expected
    assert build(docx_pieces(data, 3_000_000)) == build(expected)
