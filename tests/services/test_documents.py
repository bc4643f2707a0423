"""Tests for viewer.services.documents: every format, every encoding, every error. No Qt.

Fixtures are made in ``tmp_path`` from the real article in ``seeds/original.txt``.
"""

from __future__ import annotations

import codecs
import io
import os
import pickle
import re
import unicodedata
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from viewer.engine.model import BlockRole, Document
from viewer.services import documents, files
from viewer.services.documents import (
    MAX_FILE_BYTES,
    MAX_TEXT_CHARS,
    SUPPORTED_SUFFIXES,
    DocumentError,
    document_from_text,
    is_supported,
    read_document,
)

SEED = Path(__file__).resolve().parents[2] / "seeds" / "original.txt"
ARTICLE = SEED.read_text(encoding="utf-8")
PARAGRAPHS = [p.strip() for p in ARTICLE.split("\n\n") if p.strip()]
PROSE = [p for p in PARAGRAPHS if len(p) > 200 and "\n" not in p]  # the body paragraphs
NEWS = (
    "“We are working on it,” the senior official told reporters at the café — "
    "the résumé of talks, he said, was ‘clear’. Israel’s army said 40% to 50% of "
    "structures were damaged.\n\nSo far the IDF has warned displaced Palestinians "
    "against returning from the south.\n"
)
NEWS_BLOCKS = [
    (
        "“We are working on it,” the senior official told reporters at the café — the résumé "
        "of talks, he said, was ‘clear’. Israel’s army said 40% to 50% of structures were damaged."
    ),
    "So far the IDF has warned displaced Palestinians against returning from the south.",
]


def check_layout(doc: Document) -> None:
    """The invariants every Document must keep."""
    assert [doc.text[b.start : b.end] for b in doc.blocks] == (
        doc.text.split("\n\n") if doc.text else []
    )
    assert "\n\n".join(doc.text[b.start : b.end] for b in doc.blocks) == doc.text
    for block in doc.blocks:
        chunk = doc.text[block.start : block.end]
        assert chunk and "\n\n" not in chunk and chunk == chunk.strip()
        assert isinstance(block.role, BlockRole)
    assert "\r" not in doc.text and "\ufeff" not in doc.text and "\u200b" not in doc.text
    assert all(line == line.strip() for line in doc.text.split("\n"))
    assert unicodedata.is_normalized("NFC", doc.text)


def block_texts(doc: Document) -> list[str]:
    return [doc.text[b.start : b.end] for b in doc.blocks]


def roles(doc: Document) -> dict[str, BlockRole]:
    return {doc.text[b.start : b.end]: b.role for b in doc.blocks}


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def read_error(path: Path, reason: str) -> DocumentError:
    with pytest.raises(DocumentError) as caught:
        read_document(path)
    error = caught.value
    assert error.reason == reason, error.message
    assert path.name in error.message
    assert error.path == os.path.abspath(path)
    return error


# --- plain text and encodings ---------------------------------------------------------------


def test_seed_article_reads_as_utf8_paragraphs() -> None:
    doc = read_document(SEED)
    check_layout(doc)
    assert (doc.format, doc.encoding, doc.name, doc.path) == (
        "text",
        "utf-8",
        "original.txt",
        str(SEED),
    )
    tidy = [
        "\n".join(re.sub(r"[ \t]+", " ", line).strip() for line in p.split("\n"))
        for p in PARAGRAPHS
    ]
    assert block_texts(doc) == tidy
    assert "\u00a0" in doc.text  # no-break spaces are kept as they are
    assert all(b.role is BlockRole.PARAGRAPH for b in doc.blocks)


@pytest.mark.parametrize(
    "data, encoding",
    [
        (NEWS.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + NEWS.encode("utf-8"), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + NEWS.encode("utf-16-le"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + NEWS.encode("utf-16-be"), "utf-16-be"),
        (codecs.BOM_UTF32_LE + NEWS.encode("utf-32-le"), "utf-32-le"),
        (NEWS.encode("cp1252"), "cp1252"),
        (NEWS.replace("\n", "\r\n").encode("cp1252"), "cp1252"),
        (NEWS.encode("utf-16-le"), "utf-16-le"),  # no BOM: every other byte is NUL
    ],
    ids=[
        "utf8",
        "utf8-bom",
        "utf16le-bom",
        "utf16be-bom",
        "utf32le-bom",
        "cp1252",
        "cp1252-crlf",
        "utf16le-nobom",
    ],
)
def test_encodings_decode_to_the_same_text(tmp_path: Path, data: bytes, encoding: str) -> None:
    doc = read_document(write(tmp_path / "article.txt", data))
    check_layout(doc)
    assert block_texts(doc) == NEWS_BLOCKS
    assert doc.encoding == encoding


def test_windows_1252_curly_quotes_and_accents_in_a_short_file(tmp_path: Path) -> None:
    doc = read_document(write(tmp_path / "short.txt", b"The caf\xe9 said \x93no\x94.\n"))
    assert doc.text == "The café said “no”."
    assert doc.encoding == "cp1252"


def test_invalid_utf8_that_is_windows_1252(tmp_path: Path) -> None:
    data = ARTICLE.replace("\u00a0", " ").encode("cp1252")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    doc = read_document(write(tmp_path / "legacy.txt", data))
    assert doc.encoding == "cp1252"
    assert doc.text == document_from_text(ARTICLE.replace("\u00a0", " ")).text


def test_cyrillic_windows_1251_is_not_mistaken_for_1252(tmp_path: Path) -> None:
    text = "Съешь же ещё этих мягких французских булок, да выпей чаю. " * 3
    doc = read_document(write(tmp_path / "ru.txt", text.encode("cp1251")))
    assert doc.text == text.strip()
    assert doc.encoding == "cp1251"


def test_line_ends_whitespace_and_invisible_characters_are_normalised(tmp_path: Path) -> None:
    raw = (
        "First\tline  of\u2003text   \r\nsecond\u200b line\rthird\u00a0line\n \t \n"
        "Next e\u0301 block\ufeff\n\n\n"
    )
    doc = read_document(write(tmp_path / "messy.txt", raw.encode("utf-8")))
    check_layout(doc)
    assert doc.text == "First line of text\nsecond line\nthird\u00a0line\n\nNext é block"
    assert len(doc.blocks) == 2


def test_plain_text_heading_heuristic_is_conservative() -> None:
    doc = document_from_text(
        "Gaza truce holds for a sixth day\n\nBy Jane Smith\n\n"
        + PROSE[0]
        + "\n\nA closing line\n\n"
        "It ends here.\n\nLast words"
    )
    found = roles(doc)
    assert found["Gaza truce holds for a sixth day"] is BlockRole.HEADING
    assert found["By Jane Smith"] is BlockRole.PARAGRAPH
    assert found["A closing line"] is BlockRole.PARAGRAPH  # the next block is not longer
    assert found["Last words"] is BlockRole.PARAGRAPH  # nothing follows


def test_document_from_text_keeps_single_line_breaks_and_labels() -> None:
    doc = document_from_text("one line\r\nnext line\r\n\r\n\r\nnew block", name="left")
    assert doc.text == "one line\nnext line\n\nnew block"
    assert (doc.name, doc.path, doc.format, doc.encoding) == ("left", None, "text", None)
    assert document_from_text("  \n\t\n").blocks == ()


def test_document_from_text_markdown_and_html_and_bad_format() -> None:
    assert (
        document_from_text("# Head\n\nBody *text*.", format="markdown").text == "Head\n\nBody text."
    )
    assert document_from_text("<p>A &amp; B</p><p>C</p>", format="html").text == "A & B\n\nC"
    with pytest.raises(ValueError):
        document_from_text("x", format="rtf")


def test_document_from_text_too_large(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(documents, "MAX_TEXT_CHARS", 50)
    with pytest.raises(DocumentError) as caught:
        document_from_text("word " * 40, name="pasted text")
    assert caught.value.reason == "too_large" and "pasted text" in caught.value.message


TEXTISH = st.lists(
    st.sampled_from(
        list("ab “”’.,éÅ\n\r\t\u00a0\u200b\ufeff\x00\x1c\x85\u2028\u2029\u3000\u2000")
        + ["e\u0301", "A\u030a", "\r\n", "\u0301", "By ", "Headline words"]
    ),
    max_size=120,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(TEXTISH)
def test_document_from_text_invariants(text: str) -> None:
    doc = document_from_text(text)
    check_layout(doc)
    again = document_from_text(doc.text)
    assert (again.text, again.blocks) == (doc.text, doc.blocks)  # normalising is idempotent


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.text(alphabet="abcXYZ.,“”’-é", min_size=1, max_size=8), max_size=30),
    st.lists(
        st.sampled_from([" ", "\n", "\r\n", "\t", "  ", "\n\n", "\n \n"]), min_size=30, max_size=30
    ),
)
def test_document_from_text_keeps_every_word(words: list[str], gaps: list[str]) -> None:
    text = "".join(word + gap for word, gap in zip(words, gaps))
    assert document_from_text(text).text.split() == text.split()


# --- binary content -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data, looks_like",
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "PNG"),
        (b"PK\x03\x04" + b"\x14\x00" * 200, "ZIP"),
        (b"\x7fELF\x02\x01\x01" + bytes(300), "program"),
        (b"GIF89a" + bytes(range(200)), "GIF"),
        (b"Hello\x00world\x00" + bytes(range(256)), ""),
        (bytes(range(1, 9)) * 200, ""),
    ],
    ids=["png", "zip", "elf", "gif", "nul", "controls"],
)
def test_binary_files_renamed_txt_are_refused(tmp_path: Path, data: bytes, looks_like: str) -> None:
    error = read_error(write(tmp_path / "photo.txt", data), "binary")
    assert looks_like in error.message
    assert ".docx" in error.message  # says what can be opened


# --- Markdown -------------------------------------------------------------------------------

MARKDOWN = f"""---
title: Gaza talks
author: Staff
---
# US and Israel discuss *civilian* safety

{PROSE[0]}

## What officials said

Officials cited [satellite analysis](https://example.com/a "source") by **independent**
researchers &amp; aid groups, and `40%` damage.

- Moving civilians *back north*
- Creating [protected areas](http://x.test) in the south
  1. Nested step

> “We are working on it,” the official said.

<div><script>alert("md")</script><p>Raw HTML paragraph</p></div>

![a photo](photo.png)
"""


def test_markdown_headings_lists_and_inline_markup(tmp_path: Path) -> None:
    doc = read_document(write(tmp_path / "story.md", MARKDOWN.encode("utf-8")))
    check_layout(doc)
    assert doc.format == "markdown" and doc.encoding == "utf-8"
    assert block_texts(doc) == [
        "US and Israel discuss civilian safety",
        PROSE[0],
        "What officials said",
        (
            "Officials cited satellite analysis by independent researchers & aid groups, and 40% damage."
        ),
        "Moving civilians back north",
        "Creating protected areas in the south",
        "Nested step",
        "“We are working on it,” the official said.",
        "Raw HTML paragraph",
    ]
    found = roles(doc)
    assert found["US and Israel discuss civilian safety"] is BlockRole.HEADING
    assert found["What officials said"] is BlockRole.HEADING
    assert found["Moving civilians back north"] is BlockRole.LIST_ITEM
    assert found["Nested step"] is BlockRole.LIST_ITEM
    assert found[PROSE[0]] is BlockRole.PARAGRAPH
    assert "alert" not in doc.text and "#" not in doc.text and "http" not in doc.text


def test_markdown_suffix_variant_and_hard_break(tmp_path: Path) -> None:
    doc = read_document(write(tmp_path / "a.markdown", b"Line one\\\nline two  \nline three\n"))
    assert doc.text == "Line one\nline two\nline three"


# --- HTML -----------------------------------------------------------------------------------


def news_page(body_extra: str = "", charset: str = "utf-8") -> str:
    paragraphs = "\n".join(f"<p>{p}</p>" for p in PROSE[:4])
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="{charset}"><title>Site title | News</title>
<style>body {{ color: red }} .evil::after {{ content: "styled text" }}</style>
<script>var injected = "script text"; document.write("written");</script>
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/politics">Politics</a></nav>
<header class="site"><div>Brand Masthead</div></header>
<article>
<h1>US and Israel discuss protecting civilians in southern Gaza</h1>
{paragraphs}
<h2>What comes next</h2>
<p>Officials said the plan uses &lt;b&gt; tags and “quotes” &amp; more, and the text
&lt;script&gt;alert(2)&lt;/script&gt; must stay literal in this long enough paragraph.</p>
<ul><li>Moving civilians back north once operations end there</li>
<li>Creating clearly protected areas in the south of the strip</li></ul>
<img src="x.png" onerror="alert(1)">
<iframe src="https://ads.example/frame"></iframe>
<script>alert("inline script")</script>
{body_extra}
</article>
<footer>Copyright 2023 Footer Corp. All rights reserved.</footer>
</body></html>"""


UNWANTED = (
    "script text",
    "written",
    "styled text",
    "alert(1)",
    "inline script",
    "Home",
    "Politics",
    "Brand Masthead",
    "Footer Corp",
    "Site title",
    "onerror",
    "ads.example",
    "color: red",
)


def test_html_article_body_without_boilerplate_or_active_content(tmp_path: Path) -> None:
    doc = read_document(write(tmp_path / "page.html", news_page().encode("utf-8")))
    check_layout(doc)
    assert doc.format == "html"
    for unwanted in UNWANTED:
        assert unwanted not in doc.text
    for paragraph in PROSE[:4]:
        assert paragraph.replace("\u00a0", " ") in doc.text.replace("\u00a0", " ")
    assert "uses <b> tags and “quotes” & more" in doc.text
    assert "<script>alert(2)</script>" in doc.text
    found = roles(doc)
    assert found["US and Israel discuss protecting civilians in southern Gaza"] is BlockRole.HEADING
    assert found["What comes next"] is BlockRole.HEADING
    assert found["Moving civilians back north once operations end there"] is BlockRole.LIST_ITEM


def test_html_declared_windows_1252(tmp_path: Path) -> None:
    page = news_page(charset="windows-1252").replace("\u00a0", " ")
    doc = read_document(write(tmp_path / "legacy.htm", page.encode("cp1252")))
    assert doc.encoding == "cp1252"
    assert "“quotes”" in doc.text


@pytest.mark.parametrize("suffix", [".html", ".htm", ".xhtml"])
def test_html_fragment_uses_the_stdlib_extractor(tmp_path: Path, suffix: str) -> None:
    fragment = (
        "<nav>Menu</nav><h2>Short &amp; sweet</h2><p>One line.<br>Second line.</p>"
        "<script>alert(1)</script><style>p{}</style><iframe src=x></iframe>"
        "<img src=x onerror=alert(1)>"
        "<figure><img src=a.jpg><figcaption>A caption</figcaption></figure>"
        "<ul><li>Item</li></ul><p>Use &lt;b&gt; for bold.</p><footer>Foot</footer>"
    )
    doc = read_document(write(tmp_path / f"fragment{suffix}", fragment.encode("utf-8")))
    check_layout(doc)
    assert block_texts(doc) == [
        "Short & sweet",
        "One line.\nSecond line.",
        "A caption",
        "Item",
        "Use <b> for bold.",
    ]
    assert [b.role for b in doc.blocks] == [
        BlockRole.HEADING,
        BlockRole.PARAGRAPH,
        BlockRole.CAPTION,
        BlockRole.LIST_ITEM,
        BlockRole.PARAGRAPH,
    ]


def test_tiny_html_page_falls_back_when_trafilatura_finds_nothing(tmp_path: Path) -> None:
    doc = read_document(
        write(
            tmp_path / "tiny.html", b"<html><body><p>Short.</p><script>x()</script></body></html>"
        )
    )
    assert doc.text == "Short."


def test_html_with_only_scripts_is_empty(tmp_path: Path) -> None:
    read_error(
        write(tmp_path / "blank.html", b"<html><script>alert(1)</script><nav>Home</nav></html>"),
        "empty",
    )


# --- Word -----------------------------------------------------------------------------------


def make_docx(path: Path) -> Path:
    import docx

    document = docx.Document()
    document.add_paragraph("US and Israel discuss civilian safety", style="Title")
    document.add_heading("Talks in Doha", level=1)
    for paragraph in PROSE[:3]:
        document.add_paragraph(paragraph)
    document.add_paragraph("Moving civilians back north", style="List Bullet")
    document.add_paragraph("Protected areas in the south", style="List Number")
    document.add_paragraph("Photo: Khan Younis, November 29", style="Caption")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Damaged structures"
    table.cell(0, 1).text = "40% to 50%"
    merged = table.cell(1, 0).merge(table.cell(1, 1))
    merged.text = "Source: satellite analysis"
    document.add_paragraph("A line\twith a tab and a")
    document.save(str(path))
    return path


def test_docx_paragraphs_headings_lists_and_tables(tmp_path: Path) -> None:
    doc = read_document(make_docx(tmp_path / "story.docx"))
    check_layout(doc)
    assert (doc.format, doc.encoding) == ("docx", None)
    assert block_texts(doc) == [
        "US and Israel discuss civilian safety",
        "Talks in Doha",
        *PROSE[:3],
        "Moving civilians back north",
        "Protected areas in the south",
        "Photo: Khan Younis, November 29",
        "Damaged structures",
        "40% to 50%",
        "Source: satellite analysis",
        "A line with a tab and a",
    ]
    assert [b.role for b in doc.blocks[:2]] == [BlockRole.HEADING, BlockRole.HEADING]
    assert roles(doc)["Moving civilians back north"] is BlockRole.LIST_ITEM
    assert roles(doc)["Protected areas in the south"] is BlockRole.LIST_ITEM
    assert roles(doc)["Photo: Khan Younis, November 29"] is BlockRole.CAPTION
    assert roles(doc)[PROSE[0]] is BlockRole.PARAGRAPH


def test_docx_damaged_or_not_a_docx(tmp_path: Path) -> None:
    good = make_docx(tmp_path / "good.docx").read_bytes()
    read_error(write(tmp_path / "truncated.docx", good[: len(good) // 2]), "corrupt")
    read_error(write(tmp_path / "text.docx", b"just some text, not a package"), "corrupt")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "not word")
    read_error(write(tmp_path / "other.docx", buffer.getvalue()), "corrupt")
    broken = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good)) as source, zipfile.ZipFile(broken, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            target.writestr(item, b"<w:document" if item.filename == "word/document.xml" else data)
    error = read_error(write(tmp_path / "badxml.docx", broken.getvalue()), "corrupt")
    assert "Word document" in error.message


def test_old_word_doc_is_unsupported_with_advice(tmp_path: Path) -> None:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512)
    error = read_error(write(tmp_path / "renamed.docx", ole), "unsupported")
    assert ".docx" in error.message
    read_error(write(tmp_path / "old.doc", ole), "unsupported")


def test_empty_docx_is_empty(tmp_path: Path) -> None:
    import docx

    docx.Document().save(str(tmp_path / "blank.docx"))
    read_error(tmp_path / "blank.docx", "empty")


# --- PDF ------------------------------------------------------------------------------------

fitz = pytest.importorskip("pymupdf")


def make_pdf(path: Path, pages: list[tuple[str | None, list[str]]], numbers: bool = True) -> Path:
    """One page per entry: an optional 20-point headline, then 11-point paragraphs."""
    document = fitz.open()
    for number, (headline, paragraphs) in enumerate(pages, start=1):
        page = document.new_page()
        top = 72
        if headline:
            page.insert_text((72, 90), headline, fontsize=20, fontname="helv")
            top = 110
        rest = page.insert_textbox(
            fitz.Rect(72, top, 523, 770), "\n\n".join(paragraphs), fontsize=11, fontname="helv"
        )
        assert rest >= 0, "text did not fit the page"
        if numbers:
            page.insert_text((297, 810), str(number), fontsize=9, fontname="helv")
    document.save(str(path))
    return path


def test_pdf_paragraphs_reflowed_headline_and_page_numbers_dropped(tmp_path: Path) -> None:
    pdf = make_pdf(
        tmp_path / "story.pdf", [("Civilians in southern Gaza", PROSE[:3]), (None, PROSE[3:5])]
    )
    doc = read_document(pdf)
    check_layout(doc)
    assert (doc.format, doc.encoding) == ("pdf", None)
    assert block_texts(doc) == ["Civilians in southern Gaza", *PROSE[:5]]
    assert doc.blocks[0].role is BlockRole.HEADING
    assert all(b.role is BlockRole.PARAGRAPH for b in doc.blocks[1:])


def test_pdf_dehyphenation_and_paragraph_over_a_page_break(tmp_path: Path) -> None:
    document = fitz.open()
    lines = [
        "The officials said the exam-",
        "ple was clear to a well-",
        "known envoy, and that well-known",
        "officials agreed with the long-",
        "term plan that the",
    ]
    page = document.new_page()
    for i, line in enumerate(lines):
        page.insert_text((72, 100 + 14 * i), line, fontsize=11, fontname="helv")
    page = document.new_page()
    page.insert_text((72, 100), "talks would go on next week.", fontsize=11, fontname="helv")
    document.save(str(tmp_path / "hyphens.pdf"))
    doc = read_document(tmp_path / "hyphens.pdf")
    assert doc.text == (
        "The officials said the example was clear to a well-known envoy, and that well-known "
        "officials agreed with the longterm plan that the talks would go on next week."
    )


def test_pdf_without_text_layer(tmp_path: Path) -> None:
    document = fitz.open()
    page = document.new_page()
    page.draw_rect(fitz.Rect(50, 50, 300, 300), color=(0, 0, 0), fill=(0.5, 0.5, 0.5))
    document.save(str(tmp_path / "scan.pdf"))
    error = read_error(tmp_path / "scan.pdf", "no_text_layer")
    assert "text layer" in error.message and "OCR" in error.message


def test_pdf_encrypted(tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path / "plain.pdf", [("Protected headline", PROSE[:1])])
    source = fitz.open(str(pdf))
    source.save(
        str(tmp_path / "locked.pdf"),
        encryption=fitz.PDF_ENCRYPT_AES_256,
        user_pw="secret",
        owner_pw="owner",
    )
    source.save(
        str(tmp_path / "owner.pdf"),
        encryption=fitz.PDF_ENCRYPT_AES_128,
        owner_pw="owner",
        permissions=fitz.PDF_PERM_PRINT,
    )
    error = read_error(tmp_path / "locked.pdf", "unreadable")
    assert "password" in error.message
    assert block_texts(read_document(tmp_path / "owner.pdf")) == ["Protected headline", PROSE[0]]


def test_pdf_damaged(tmp_path: Path) -> None:
    good = make_pdf(tmp_path / "good.pdf", [(None, PROSE[:2])]).read_bytes()
    read_error(write(tmp_path / "truncated.pdf", good[: len(good) // 2]), "corrupt")
    read_error(write(tmp_path / "fake.pdf", b"This is not a PDF at all, just text.\n"), "corrupt")
    garbled = good[:200] + bytes(range(256)) * 8 + good[-100:]
    read_error(write(tmp_path / "garbled.pdf", garbled), "corrupt")


# --- choosing a format ----------------------------------------------------------------------


def test_supported_suffixes_and_is_supported() -> None:
    assert set(SUPPORTED_SUFFIXES) == {
        ".txt",
        ".text",
        ".md",
        ".markdown",
        ".html",
        ".htm",
        ".xhtml",
        ".docx",
        ".pdf",
    }
    assert is_supported("a/b/Story.DOCX") and is_supported(Path("x.md"))
    assert not is_supported("story.rtf") and not is_supported("README")


def test_unknown_or_missing_suffix_is_read_when_clearly_text(tmp_path: Path) -> None:
    assert read_document(write(tmp_path / "notes.log", NEWS.encode("utf-8"))).text == "\n\n".join(
        NEWS_BLOCKS
    )
    assert read_document(write(tmp_path / "README", NEWS.encode("cp1252"))).format == "text"
    page = read_document(write(tmp_path / "saved", news_page().encode("utf-8")))
    assert page.format == "html" and "Footer Corp" not in page.text
    pdf = make_pdf(tmp_path / "x.pdf", [(None, PROSE[:1])]).read_bytes()
    assert read_document(write(tmp_path / "download", pdf)).format == "pdf"
    assert (
        read_document(
            write(tmp_path / "word.bin2", make_docx(tmp_path / "w.docx").read_bytes())
        ).format
        == "docx"
    )


@pytest.mark.parametrize(
    "name, data",
    [
        ("story.rtf", b"{\\rtf1\\ansi Hello}"),
        ("story.odt", b"PK\x03\x04whatever"),
        ("image.xyz", b"\x89PNG\r\n\x1a\n" + bytes(100)),
        ("noextension", bytes(range(256)) * 4),
        ("notes.foo", b"{\\rtf1\\ansi Hello}"),
    ],
)
def test_unsupported_formats_list_what_is_supported(tmp_path: Path, name: str, data: bytes) -> None:
    error = read_error(write(tmp_path / name, data), "unsupported")
    assert ".txt" in error.message and ".pdf" in error.message and ".docx" in error.message


# --- file-level errors ----------------------------------------------------------------------


def test_not_found(tmp_path: Path) -> None:
    error = read_error(tmp_path / "gone.txt", "not_found")
    assert "cannot find" in error.message


def test_directory(tmp_path: Path) -> None:
    (tmp_path / "folder.txt").mkdir()
    read_error(tmp_path / "folder.txt", "is_directory")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs POSIX named pipes")
def test_named_pipe_is_not_read(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    read_error(tmp_path / "pipe.txt", "unreadable")  # would block forever if it were opened


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root can read any file"
)
def test_unreadable_by_permissions(tmp_path: Path) -> None:
    path = write(tmp_path / "secret.txt", b"hidden")
    path.chmod(0)
    try:
        read_error(path, "unreadable")
    finally:
        path.chmod(0o600)


def test_unreadable_simulated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(files.os, "open", refuse)
    error = read_error(write(tmp_path / "locked.txt", b"text"), "unreadable")
    assert "permission" in error.message


def test_io_error_is_unreadable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: object, **kwargs: object) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(files.os, "open", fail)
    assert (
        "Input/output error"
        in read_error(write(tmp_path / "nas.txt", b"text"), "unreadable").message
    )


@pytest.mark.parametrize(
    "name, data",
    [
        ("zero.txt", b""),
        ("spaces.txt", b" \n\t\r\n  \n"),
        ("bom.txt", codecs.BOM_UTF8 + b"\n\n"),
        ("wide.txt", codecs.BOM_UTF16_LE + " \n \n".encode("utf-16-le")),
        ("zero.pdf", b""),
        ("zero.md", b"  "),
        ("invisible.txt", "\u200b\ufeff\u200b".encode("utf-8")),
    ],
)
def test_empty_files(tmp_path: Path, name: str, data: bytes) -> None:
    error = read_error(write(tmp_path / name, data), "empty")
    assert "empty" in error.message


def test_too_large_is_checked_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert MAX_FILE_BYTES == 64 * 1024 * 1024 and MAX_TEXT_CHARS == 3_000_000
    path = write(tmp_path / "huge.txt", b"x" * 3000)
    monkeypatch.setattr(documents, "MAX_FILE_BYTES", 1024)

    def must_not_open(*args: object, **kwargs: object) -> None:
        raise AssertionError("opened a file that is too large")

    monkeypatch.setattr(documents, "open", must_not_open, raising=False)
    error = read_error(path, "too_large")
    assert "2.9 KB" in error.message and "up to 1 KB" in error.message


def test_too_large_message_in_megabytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path / "big.txt", b"x")
    real_fstat = os.fstat

    class Huge:
        def __init__(self, info: os.stat_result) -> None:
            self.st_mode, self.st_size = info.st_mode, int(80.3 * 1024 * 1024)

    monkeypatch.setattr(files.os, "fstat", lambda fd: Huge(real_fstat(fd)))
    error = read_error(path, "too_large")
    assert "big.txt” is 80.3 MB; Article Diff opens files up to 64 MB." in error.message


def test_too_much_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(documents, "MAX_TEXT_CHARS", 500)
    read_error(write(tmp_path / "long.txt", ARTICLE.encode("utf-8")), "too_large")
    pdf = make_pdf(tmp_path / "long.pdf", [(None, PROSE[:4])])
    read_error(pdf, "too_large")


def test_unexpected_parser_failure_is_wrapped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(data: bytes, max_chars: int) -> None:
        raise RuntimeError("parser bug")

    monkeypatch.setattr(documents, "docx_pieces", explode)
    error = read_error(make_docx(tmp_path / "fine.docx"), "corrupt")
    assert isinstance(error.__cause__, RuntimeError)
    assert "parser bug" not in error.message


def test_document_error_shape() -> None:
    error = DocumentError("“a.txt” is empty.", "/x/a.txt", "empty")
    assert str(error) == error.message == "“a.txt” is empty."
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.message, copy.path, copy.reason) == (error.message, error.path, error.reason)
    assert DocumentError("plain").reason == "" and DocumentError("plain").path is None


def test_reading_never_changes_the_file(tmp_path: Path) -> None:
    files = [
        write(tmp_path / "a.txt", NEWS.encode("cp1252")),
        write(tmp_path / "b.md", MARKDOWN.encode("utf-8")),
        write(tmp_path / "c.html", news_page().encode("utf-8")),
        make_docx(tmp_path / "d.docx"),
        make_pdf(tmp_path / "e.pdf", [("Headline here", PROSE[:2])]),
    ]
    before = {
        path: (path.read_bytes(), path.stat().st_mtime_ns, path.stat().st_mode) for path in files
    }
    for path in files:
        path.chmod(0o444)  # would make any attempt to write fail loudly (unless root)
        check_layout(read_document(str(path)))
        path.chmod(before[path][2])
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns, p.stat().st_mode) for p in files} == before
    assert sorted(os.listdir(tmp_path)) == sorted(p.name for p in files)  # no stray files either


def test_relative_paths_become_absolute(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "rel.txt", b"Some text.")
    monkeypatch.chdir(tmp_path)
    doc = read_document("rel.txt")
    assert (
        doc.path == str(tmp_path / "rel.txt")
        and doc.name == "rel.txt"
        and doc.display_name == "rel.txt"
    )


_TRICKY = st.lists(
    st.sampled_from(
        ["a", "b", " ", "\t", "\n", "\r", "\r\n", "\u2028", "\u2029", "\u0085", "\x0c", "\u00ad",
         "\u200b", "e\u0301", "\u0301", "\u3000", "\n\n", "é"]
    ),
    max_size=300,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(text=_TRICKY, piece=st.integers(min_value=1, max_value=40))
def test_a_long_text_is_normalised_in_pieces_with_the_same_result(text, piece):
    """Long texts are normalised a piece at a time (so a reading thread never holds the
    interpreter lock for a whole book); the pieces end at line ends, where nothing joins, so
    the result is the same as in one go, blocks included."""
    from viewer.services.readers import blocks

    whole = blocks._normalise(text)
    whole_blocks = [b.strip("\n") for b in re.split(r"\n{2,}", whole) if b.strip("\n")]
    saved = blocks._PIECE
    blocks._PIECE = piece
    try:
        assert blocks.normalise(text) == whole
        assert blocks.split_blocks(text) == whole_blocks
    finally:
        blocks._PIECE = saved


def test_a_book_is_normalised_in_pieces_that_end_at_line_ends() -> None:
    from viewer.services.readers import blocks

    line = "Line {} of a long book,\u00a0with  spaces\u200b and a soft\u00adhyphen. "
    lines = [line.format(k) for k in range(9000)]
    text = "\r\n".join(lines) + "\r\n\r\n" + "\n".join(lines)
    assert len(text) > 4 * blocks._PIECE
    assert blocks.normalise(text) == blocks._normalise(text)
    assert blocks.split_blocks(text) == [b for b in blocks._normalise(text).split("\n\n") if b]
