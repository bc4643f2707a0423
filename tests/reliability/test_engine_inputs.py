"""Every odd input gets a DocumentError with the right reason, or a correct comparison."""

from __future__ import annotations

import os

import pytest
from bad_inputs import HOSTILE, PROSE

from viewer.engine.compare import compare
from viewer.services.documents import DocumentError, document_from_text, read_document

CASES = [
    "empty", "whitespace", "one_sentence", "no_punctuation", "binary_renamed", "nul_byte",
    "invalid_utf8", "crlf", "lone_cr", "rtl_mixed_emoji", "hostile_text", "hostile_html",
    "long_sentence", "truncated_docx", "corrupt_docx", "good_docx", "truncated_pdf",
    "corrupt_pdf", "scanned_pdf", "good_pdf", "unsupported", "fifty_mb", "folder", "missing",
]


@pytest.mark.parametrize("name", CASES)
def test_each_input_reads_or_explains(name, corpus, real_embedder):
    path, (outcome, reason) = corpus[name]
    if outcome == "error":
        with pytest.raises(DocumentError) as err:
            read_document(path)
        assert err.value.reason == reason, err.value.message
        assert path.name in err.value.message
        return
    doc = read_document(path)
    other = document_from_text(PROSE, name="other")
    c = compare(doc, other, embedder=real_embedder)
    assert len(c.left_sentences) >= 1
    for s in c.left_sentences:
        assert doc.text[s.start : s.end] == s.text
    assert {k.left for k in c.links} | set(c.omitted) == set(range(len(c.left_sentences)))


def test_text_survives_literally(corpus):
    doc = read_document(corpus["hostile_text"][0])
    assert "<b>bold</b> &amp; <script>alert('x')</script>" in doc.text
    html = read_document(corpus["hostile_html"][0])
    assert "alert" not in html.text and "Home | World" not in html.text
    assert "<script> stays text & so does this." in html.text


def test_line_ends_and_encodings(corpus):
    for name in ("crlf", "lone_cr"):
        doc = read_document(corpus[name][0])
        assert "\r" not in doc.text and len(doc.blocks) == 2
    assert "Café owners said “fine”" in read_document(corpus["invalid_utf8"][0]).text


def test_long_sentence_is_cut_into_bounded_pieces(corpus, real_embedder):
    from viewer.engine.segment import MAX_SENTENCE_CHARS, split_sentences

    doc = read_document(corpus["long_sentence"][0])
    sentences = split_sentences(doc)
    assert len(sentences) >= 15 and all(len(s.text) <= MAX_SENTENCE_CHARS for s in sentences)


def test_identical_articles(seeds, real_embedder):
    doc = read_document(seeds / "original.txt")
    c = compare(doc, doc, embedder=real_embedder)
    assert {(k.left, k.right) for k in c.links} == {(i, i) for i in range(len(c.left_sentences))}
    assert all(g.kind.value == "identical" for g in c.groups)
    assert not c.omitted and not c.added and not c.findings
    assert c.summary.kept_share == 1.0 and c.summary.new_share == 0.0


def test_articles_with_nothing_in_common(real_embedder):
    left = document_from_text(
        "The recipe needs two eggs and a cup of flour. Bake it for forty minutes at a low heat."
    )
    right = document_from_text(
        "The striker scored twice in the second half. The club now leads the league by four points."
    )
    c = compare(left, right, embedder=real_embedder)
    assert not c.links
    assert c.omitted == (0, 1) and c.added == (0, 1)


def test_one_side_empty_text_compares_to_nothing(real_embedder):
    c = compare(document_from_text(PROSE), document_from_text(""), embedder=real_embedder)
    assert not c.links and len(c.omitted) == len(c.left_sentences) and c.added == ()


def test_hostile_text_is_compared_as_text(real_embedder):
    c = compare(document_from_text(HOSTILE), document_from_text(HOSTILE.replace("fine", "good")),
                embedder=real_embedder)
    assert any("<script>" in s.text for s in c.left_sentences)


def test_file_deleted_between_choosing_and_reading(tmp_path):
    path = tmp_path / "soon-gone.txt"
    path.write_text(PROSE, encoding="utf-8")
    chosen = str(path)
    path.unlink()
    with pytest.raises(DocumentError) as err:
        read_document(chosen)
    assert err.value.reason == "not_found" and "soon-gone.txt" in err.value.message


def test_file_unreadable_between_choosing_and_reading(tmp_path, monkeypatch):
    path = tmp_path / "locked.txt"
    path.write_text(PROSE, encoding="utf-8")
    # Readers open files with os.open (services/files.read_regular); as root, chmod 000 would
    # not stop them, so the permission error is raised where the file is opened.
    real_open = os.open

    def deny(file, *args, **kwargs):
        if os.fspath(file) == str(path):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(os, "open", deny)
    with pytest.raises(DocumentError) as err:
        read_document(path)
    assert err.value.reason == "unreadable" and "locked.txt" in err.value.message
