"""Markdown nested past the parser's limit is still read (issue 15, point 15)."""

from __future__ import annotations

from pathlib import Path

from viewer.services.documents import read_document


def test_a_50000_deep_quote_is_read_not_called_empty(tmp_path: Path) -> None:
    path = tmp_path / "deep.md"
    path.write_text("> " * 50_000 + "The council met on Monday and voted.\n\nThe mayor spoke.\n",
                    encoding="utf-8")
    doc = read_document(path)
    assert doc.text == "The council met on Monday and voted.\n\nThe mayor spoke."


def test_lists_nested_past_the_limit_keep_their_words(tmp_path: Path) -> None:
    path = tmp_path / "lists.md"
    lines = [" " * (2 * k) + f"- item number {k}" for k in range(60)]
    path.write_text("# Title\n\n" + "\n".join(lines) + "\n", encoding="utf-8")
    doc = read_document(path)
    for k in (0, 30, 59):
        assert f"item number {k}" in doc.text


def test_links_and_images_alone_do_not_make_it_plain_text(tmp_path: Path) -> None:
    path = tmp_path / "links.md"
    path.write_text(
        "# Reading list\n\n"
        + "\n".join(f"- [Story {k}](https://example.com/2024/01/a-very-long-address-{k}.html)"
                    for k in range(30))
        + "\n",
        encoding="utf-8",
    )
    doc = read_document(path)
    assert doc.text.startswith("Reading list\n\nStory 0") and "https" not in doc.text
