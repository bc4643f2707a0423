"""Every text is valid Unicode from the reader boundary on (issue 15, point 5): arbitrary code
points, lone surrogates included, go through reading, comparing and every text export."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from viewer.engine.compare import compare
from viewer.services.documents import DocumentError, document_from_text, read_document
from viewer.services.export_html import comparison_to_html
from viewer.services.export_json import comparison_to_json, export_json
from viewer.services.export_text import render_summary

ANY_CODE_POINT = st.characters(min_codepoint=0, max_codepoint=0x10FFFF, exclude_categories=())
PROPS = settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
OTHER = "Officials said the truce would hold. Aid reached the north on Thursday."


def _encodable(text: str) -> None:
    text.encode("utf-8")  # raises on a surrogate


@PROPS
@given(text=st.text(ANY_CODE_POINT, max_size=300), fmt=st.sampled_from(["text", "markdown", "html"]))
@example(text="Hello \ud800 world. Second \udbff\udfff one.", fmt="text")
@example(text="<p>A \udc00 quote.</p>", fmt="html")
def test_any_code_points_survive_reading_comparing_and_exporting(
    text: str, fmt: str, lexical_embedder  # type: ignore[no-untyped-def]
) -> None:
    doc = document_from_text(text, format=fmt)
    _encodable(doc.text)
    c = compare(doc, document_from_text(OTHER), embedder=lexical_embedder)
    for sentence in (*c.left_sentences, *c.right_sentences):
        _encodable(sentence.text)
    data = comparison_to_json(c)
    _encodable(data)
    json.loads(data)
    _encodable(render_summary(c, color=True))
    _encodable(comparison_to_html(c))


@PROPS
@given(text=st.text(ANY_CODE_POINT, min_size=1, max_size=200))
def test_any_code_points_in_a_file_read_as_utf16(text: str, tmp_path_factory) -> None:  # type: ignore[no-untyped-def]
    """UTF-16 with a BOM can carry lone surrogates (written with surrogatepass)."""
    path = tmp_path_factory.mktemp("u16") / "article.txt"
    path.write_bytes(b"\xff\xfe" + text.encode("utf-16-le", "surrogatepass"))
    try:
        doc = read_document(path)
    except DocumentError:  # a refusal with a message is fine (empty, binary): never a crash
        return
    _encodable(doc.text)


def test_utf7_page_keeps_the_rest_of_a_paragraph_after_a_surrogate(tmp_path: Path) -> None:
    body = "".join(
        f"<p>Paragraph {n} of the report says the council met and voted on the budget.</p>"
        for n in range(1, 6)
    )
    page = (
        '<html><head><meta charset="utf-7"><title>t</title></head><body><article>'
        "<h1>Council votes on the budget</h1>"
        f"{body}<p>The mayor +2AA- said the rest of this sentence must stay in the text.</p>"
        f"{body}</article></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_bytes(page.encode("ascii"))
    doc = read_document(path)
    assert "\ufffd said the rest of this sentence must stay in the text." in doc.text
    _encodable(doc.text)


def test_a_lone_surrogate_with_the_real_model(real_embedder, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    left = document_from_text("The minister \ud800 resigned on Monday. Parliament was told later.")
    right = document_from_text("The minister resigned on Monday. Parliament heard about it later.")
    c = compare(left, right, embedder=real_embedder)
    assert c.model.semantic
    assert any(k.left == 0 and k.right == 0 for k in c.links)
    export_json(c, tmp_path / "out.json")
    json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file names are bytes")
def test_a_file_name_that_is_not_utf8(tmp_path: Path, lexical_embedder) -> None:  # type: ignore[no-untyped-def]
    raw = os.path.join(os.fsencode(tmp_path), b"caf\xe9 \x1b[2J.txt")
    with open(raw, "wb") as handle:
        handle.write(b"The cafe opened on Monday. It sold coffee.\n")
    doc = read_document(os.fsdecode(raw))
    c = compare(doc, document_from_text(OTHER), embedder=lexical_embedder)
    _encodable(comparison_to_json(c))
    summary = render_summary(c)
    _encodable(summary)
    assert "\x1b" not in summary and "\\x1b[2J" in summary
    _encodable(comparison_to_html(c))
