"""Finding quotation spans: every common mark style, apostrophes that are not quotes,
quotations of several sentences and quotations left open at a paragraph's end."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from viewer.engine.model import Block, Document
from viewer.engine.quotes import find_quotations, quote_words


def doc(*paragraphs: str) -> Document:
    """A document of these paragraphs, laid out as ``Document`` promises (blank-line joined)."""
    blocks = []
    pos = 0
    for p in paragraphs:
        blocks.append(Block(pos, pos + len(p)))
        pos += len(p) + 2
    return Document(text="\n\n".join(paragraphs), blocks=tuple(blocks))


def quotes(*paragraphs: str) -> list[str]:
    d = doc(*paragraphs)
    found = find_quotations(d)
    for q in found:
        assert d.text[q.start : q.end] == q.text
    return [q.text for q in found]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("He said “we will win” and left.", ["we will win"]),
        ('He said "we will win" and left.', ["we will win"]),
        ("Er sagte „wir werden gewinnen“ und ging.", ["wir werden gewinnen"]),
        ("Il a dit « nous allons gagner » puis il est parti.", ["nous allons gagner"]),
        ("Il a dit «nous allons gagner» puis il est parti.", ["nous allons gagner"]),
        ("Han sagde »vi vinder« og gik.", ["vi vinder"]),
        ("Il a dit ‹ oui › puis il est parti.", ["oui"]),
        ("Han sa ”vi vinner” och gick.", ["vi vinner"]),
        ("The minister called it ‘a complete failure’ on Monday.", ["a complete failure"]),
        ("The minister called it 'a complete failure' on Monday.", ["a complete failure"]),
        ("Er nannte es ‚einen Fehler‘ gestern.", ["einen Fehler"]),
    ],
)
def test_every_common_mark_style_opens_and_closes_a_quotation(
    text: str, expected: list[str]
) -> None:
    assert quotes(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "It’s not clear whether Israel would agree.",
        "The goal of eradicating Hamas’ ability to conduct an attack.",
        "The IDF’s military tactics and the Biden administration’s push.",
        "Music of the ’90s and rock ’n’ roll, don't you think, the players' union said.",
        "Music of the '90s and rock 'n' roll, it's the workers' choice.",
    ],
)
def test_apostrophes_are_not_quotation_marks(text: str) -> None:
    assert quotes(text) == []


def test_single_quotes_around_a_phrase_that_contains_a_plural_possessive() -> None:
    # The ’ of "voters’" is followed by a lower-case word: a possessive, not the closing mark.
    assert quotes("She called it ‘the voters’ choice’, then left.") == ["the voters’ choice"]


def test_a_single_opening_mark_without_a_clear_close_is_no_quotation() -> None:
    assert quotes("He said ‘maybe and left without another word") == []


def test_a_quotation_of_several_sentences_is_one_span() -> None:
    text = "“We will rebuild the bridge. It will take two years,” the mayor said. Then she left."
    assert quotes(text) == ["We will rebuild the bridge. It will take two years"]


def test_an_unclosed_quotation_closes_at_the_end_of_its_paragraph() -> None:
    # News style: a quotation running on reopens in the next paragraph without closing here.
    found = quotes(
        "“The first paragraph of the statement ends here.",
        "“And the second one closes it,” she said.",
        "No quotation in this one.",
    )
    assert found == [
        "The first paragraph of the statement ends here.",
        "And the second one closes it",
    ]


def test_nested_quotations_stay_inside_the_outer_one() -> None:
    found = quotes("“He told me ‘never again’ and I believed him,” she said, “every word.”")
    assert found == ["He told me ‘never again’ and I believed him", "every word."]


def test_several_straight_quotations_in_one_paragraph_alternate() -> None:
    found = quotes('"Clearly, this is something we desire," stated Blinken, "and so does Israel."')
    assert found == ["Clearly, this is something we desire", "and so does Israel."]


def test_quotations_are_found_in_each_block_with_offsets_into_the_whole_text() -> None:
    d = doc("Intro without quotes.", "He said “one” and “two words”.")
    found = find_quotations(d)
    assert [d.text[q.start : q.end] for q in found] == ["one", "two words"]
    assert all(q.start > d.blocks[1].start for q in found)


def test_quote_words_fold_case_apostrophes_and_punctuation() -> None:
    assert quote_words("So clearly that’s something we want,") == quote_words(
        "so clearly that's something  we want"
    )
    assert quote_words("We will win,") == ("we", "will", "win")
    assert quote_words("We will win") != quote_words("We will lose")


_QUOTEY = "“”„‘’‚«»‹›\"' .,!?:;—\nabcXYZ019’s"


@given(st.lists(st.text(alphabet=_QUOTEY, max_size=80), min_size=1, max_size=4))
@settings(max_examples=300, deadline=None)
def test_any_text_gives_well_formed_spans_inside_their_paragraph(paragraphs: list[str]) -> None:
    paragraphs = [p.strip() or "x" for p in (p.replace("\n", " ") for p in paragraphs)]
    d = doc(*paragraphs)
    found = find_quotations(d)
    assert [q.start for q in found] == sorted(q.start for q in found)
    for q in found:
        assert d.text[q.start : q.end] == q.text and q.text.strip() == q.text
        assert any(b.start <= q.start and q.end <= b.end for b in d.blocks)
