"""Markdown (markdown-it-py's token stream) and HTML (trafilatura, else ``html.parser``) -> pieces.

Nothing here executes, loads or fetches anything: scripts, styles, frames and images are dropped,
and character references decode to literal text (``&lt;b&gt;`` is the text "<b>").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from html.parser import HTMLParser
from typing import Any
from xml.etree import ElementTree

from viewer.engine.model import BlockRole

from .blocks import Piece, plain_text_pieces

_FRONT_MATTER = re.compile(
    r"\A---[ \t]*\n[A-Za-z_][\w-]*[ \t]*:.*?\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL
)
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")
_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)
_PAGE = re.compile(r"<(?:html|body)[\s>]", re.IGNORECASE)
# HTML forms do not nest: one <form> ... </form> at a time
_FORM = re.compile(r"<form\b[^>]*>(.*?)</form\s*>", re.IGNORECASE | re.DOTALL)
_PARAGRAPH = re.compile(r"<p[\s>]", re.IGNORECASE)


def _forms_with_paragraphs_as_divs(markup: str) -> str:
    """trafilatura deletes every <form> holding less than half the page's text (search and
    login boxes), and with it any article paragraph a page put inside one; a form that holds
    a <p> is article text: read it as a <div>."""

    def demote(m: re.Match[str]) -> str:
        return f"<div>{m.group(1)}</div>" if _PARAGRAPH.search(m.group(1)) else m.group(0)

    return _FORM.sub(demote, markup)
# Quote markers nested at the start of a line ("> > > text"): one level is kept. The depth
# carries no meaning for a comparison, and a 50,000-deep quote would pass the parser's limit.
_QUOTE_MARKERS = re.compile(r"^(?:[ \t]{0,3}>[ \t]?){2,}", re.MULTILINE)
_NOT_LETTER = re.compile(r"[\W_]+")
# What Markdown never shows as text: link and image targets, tags, reference definitions.
_NOT_WORDS = re.compile(r"\]\([^)\n]*\)|<[^>\n]*>|^[ \t]{0,3}\[[^\]\n]+\]:.*$", re.MULTILINE)


# --- Markdown -------------------------------------------------------------------------------


def markdown_pieces(source: str) -> list[Piece]:
    """Headings, paragraphs, list items, code and table cells of a CommonMark document, as text."""
    from markdown_it import MarkdownIt

    source = _QUOTE_MARKERS.sub("> ", _FRONT_MATTER.sub("", source, count=1))
    tokens = MarkdownIt("commonmark").enable("table").parse(source)
    pieces = _markdown_token_pieces(tokens)
    # markdown-it stops descending past its nesting limit (20 levels of lists or quotes) and
    # drops what is deeper: when most of the words did not come out, read it as plain text.
    words = _letters(_NOT_WORDS.sub(" ", source))
    if _letters(" ".join(text for text, _ in pieces)) < words // 2:
        return plain_text_pieces(source)
    return pieces


def _letters(text: str) -> int:
    return len(_NOT_LETTER.sub("", text))


def _markdown_token_pieces(tokens: Sequence[Any]) -> list[Piece]:
    pieces: list[Piece] = []
    lists = 0
    heading = False
    for token in tokens:
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            lists += 1
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists -= 1
        elif kind in ("heading_open", "heading_close"):
            heading = kind == "heading_open"
        elif kind == "inline":
            role = (
                BlockRole.HEADING
                if heading
                else BlockRole.LIST_ITEM
                if lists
                else BlockRole.PARAGRAPH
            )
            pieces.append((_inline_text(token.children or []), role))
        elif kind in ("fence", "code_block"):
            pieces.append((token.content, BlockRole.PARAGRAPH))
        elif kind == "html_block":
            pieces.extend(html_text_pieces(token.content))
    return pieces


def _inline_text(children: Sequence[Any]) -> str:
    """The words of an inline run: markers, link targets, images and inline HTML tags dropped."""
    out: list[str] = []
    for child in children:
        if child.type in ("text", "code_inline"):
            out.append(child.content)
        elif child.type == "softbreak":
            out.append(" ")  # a wrapped source line, not a line break of the rendered text
        elif child.type == "hardbreak" or (
            child.type == "html_inline" and _BR.fullmatch(child.content)
        ):
            out.append("\n")
    return "".join(out)


# --- HTML -----------------------------------------------------------------------------------


def html_pieces(markup: str) -> list[Piece]:
    """The article body of an HTML page: trafilatura's main text, else every visible text block.

    A fragment (no ``<html>`` or ``<body>`` tag, as pasted HTML often is) is taken whole: its
    author chose what it holds, and trafilatura drops short paragraphs as boilerplate.
    """
    pieces = _trafilatura_pieces(markup) if _PAGE.search(markup) else []
    if not any(text.strip() for text, _ in pieces):
        pieces = html_text_pieces(markup)
    return pieces


def _trafilatura_pieces(markup: str) -> list[Piece]:
    try:
        import trafilatura

        xml = trafilatura.extract(
            _forms_with_paragraphs_as_divs(markup),
            output_format="xml",
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            include_formatting=False,
            deduplicate=False,
            with_metadata=False,
        )
        if not xml:
            return []
        main = ElementTree.fromstring(xml).find("main")
    except Exception:  # noqa: BLE001 - missing, or failing on odd markup: the stdlib path works
        return []
    pieces: list[Piece] = []
    if main is not None:
        _walk(main, BlockRole.PARAGRAPH, pieces)
    return pieces


_XML_BLOCKS = frozenset(
    {"p", "head", "list", "item", "quote", "table", "row", "cell", "code", "div"}
)
_XML_ROLES = {"head": BlockRole.HEADING, "item": BlockRole.LIST_ITEM}


def _walk(element: ElementTree.Element, role: BlockRole, pieces: list[Piece]) -> None:
    """Emit ``element``'s own text as one piece and its block children as pieces of their own."""
    buffer = [_collapse(element.text)]
    for child in element:
        if child.tag in _XML_BLOCKS:
            pieces.append(("".join(buffer), role))
            _walk(child, _XML_ROLES.get(child.tag, role), pieces)
            buffer = []
        else:
            buffer.append(_inline_xml(child))
        buffer.append(_collapse(child.tail))
    pieces.append(("".join(buffer), role))


def _inline_xml(element: ElementTree.Element) -> str:
    if element.tag == "lb":
        return "\n"
    if element.tag == "graphic":
        return ""
    inner = "".join(_inline_xml(child) + _collapse(child.tail) for child in element)
    return _collapse(element.text) + inner


def _collapse(text: str | None) -> str:
    return _HTML_SPACE.sub(" ", text) if text else ""


_SKIPPED = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "iframe",
        "frame",
        "frameset",
        "object",
        "embed",
        "svg",
        "math",
        "canvas",
        "video",
        "audio",
        "head",
        "title",
        "nav",
        "aside",
        "form",
        "button",
        "select",
        "textarea",
        "dialog",
    }
)
_SKIPPED_OUTSIDE_ARTICLE = frozenset({"header", "footer"})  # kept inside <article>: headline, notes
_BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "section",
        "article",
        "main",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "blockquote",
        "pre",
        "table",
        "thead",
        "tbody",
        "tr",
        "td",
        "th",
        "caption",
        "figure",
        "figcaption",
        "address",
        "hr",
        "body",
        "html",
        "header",
        "footer",
    }
)
_VOID = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    }
)
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


def html_text_pieces(markup: str) -> list[Piece]:
    """Every visible text block of ``markup`` except navigation, scripts, styles and frames."""
    parser = _TextExtractor()
    parser.feed(markup)
    parser.close()
    return parser.pieces


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pieces: list[Piece] = []
        self._buffer: list[str] = []
        self._open: list[str] = []  # open non-void elements, innermost last
        self._skipping: list[str] = []  # open skipped elements

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            if tag == "br" and not self._skipping:
                self._buffer.append("\n")
            elif tag == "hr":
                self._flush()
        elif (
            self._skipping
            or tag in _SKIPPED
            or tag in _SKIPPED_OUTSIDE_ARTICLE
            and not self._in_article()
        ):
            self._skipping.append(tag)
        elif tag in _BLOCK_TAGS:
            self._flush()
            self._open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self._skipping:
            if tag in self._skipping:  # tolerate unclosed children of a skipped element
                del self._skipping[len(self._skipping) - 1 - self._skipping[::-1].index(tag) :]
            return
        if tag in _BLOCK_TAGS:
            self._flush()
            if tag in self._open:
                del self._open[len(self._open) - 1 - self._open[::-1].index(tag) :]

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self._buffer.append(_collapse(data))

    def close(self) -> None:
        super().close()
        self._flush()

    def _in_article(self) -> bool:
        return "article" in self._open or "main" in self._open

    def _flush(self) -> None:
        text = "".join(self._buffer)
        self._buffer = []
        if not text.strip():
            return
        if any(tag in _HEADINGS for tag in self._open):
            role = BlockRole.HEADING
        elif "li" in self._open:
            role = BlockRole.LIST_ITEM
        elif "figcaption" in self._open or "caption" in self._open:
            role = BlockRole.CAPTION
        else:
            role = BlockRole.PARAGRAPH
        self.pieces.append((text, role))
