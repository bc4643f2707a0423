"""Issue 15, point 15: a paragraph of the article inside a <form> was dropped by trafilatura
(it deletes every form holding less than half the page's text); a search or login form is
still left out."""

from __future__ import annotations

from viewer.services.readers.markup import html_pieces

BODY = (
    "<p>The council met on Tuesday to discuss the new budget for the coming year, which "
    "residents had long awaited.</p>"
) * 3


def _text(markup: str) -> str:
    return " ".join(text for text, _ in html_pieces(markup))


def test_a_paragraph_inside_a_form_is_kept() -> None:
    page = (
        f"<html><body><article><h1>Budget</h1>{BODY}<form action='/vote'><p>The final vote "
        f"was nine to two in favour of the budget.</p></form>{BODY}</article></body></html>"
    )
    assert "The final vote was nine to two" in _text(page)


def test_a_paragraph_after_a_search_form_is_kept_and_the_form_left_out() -> None:
    page = (
        f"<html><body><article><h1>Budget</h1>{BODY}<form action='/s'><label>Search the "
        "site</label><input name=q><button>Go</button></form><p>The final vote was nine to "
        f"two in favour of the budget.</p>{BODY}</article></body></html>"
    )
    text = _text(page)
    assert "The final vote was nine to two" in text
    assert "Search the site" not in text and "Go" not in text.split()
