"""Tests for viewer.engine.segment: sentence splitting with exact character offsets."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from viewer.engine import segment
from viewer.engine.model import Block, BlockRole, Document, Sentence
from viewer.engine.segment import MAX_SENTENCE_CHARS, SPLIT_MODES, split_sentences, split_text

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def texts(text: str, mode: str = "auto") -> list[str]:
    return [s.text for s in split_text(text, mode)]


def check_invariants(text: str, sentences: tuple[Sentence, ...]) -> None:
    """Offsets hold, sentences are stripped, ordered, disjoint, and lose no visible character."""
    covered = bytearray(len(text))
    previous_end = 0
    for sentence in sentences:
        assert sentence.text == text[sentence.start : sentence.end]
        assert sentence.text and sentence.text == sentence.text.strip()
        assert sentence.start >= previous_end
        previous_end = sentence.end
        covered[sentence.start : sentence.end] = b"\x01" * (sentence.end - sentence.start)
    lost = [i for i, char in enumerate(text) if not char.isspace() and not covered[i]]
    assert not lost, f"characters outside every sentence at {lost[:10]}"


# --- the API -------------------------------------------------------------------------------


def test_modes_are_auto_and_lines() -> None:
    assert SPLIT_MODES == ("auto", "lines")


def test_unknown_mode_raises() -> None:
    with pytest.raises(ValueError, match="words"):
        split_text("One. Two.", mode="words")
    with pytest.raises(ValueError):
        split_sentences(Document("One.", (Block(0, 4),)), mode="")


@pytest.mark.parametrize("mode", SPLIT_MODES)
@pytest.mark.parametrize("text", ["", " ", "\n\n", " \t\r\n \xa0\u2003\r"])
def test_empty_or_blank_text_has_no_sentences(text: str, mode: str) -> None:
    assert split_text(text, mode) == ()


def test_sentences_carry_offsets_and_block_index() -> None:
    text = "The vote failed. Democrats objected.\n\nA second paragraph follows."
    assert split_text(text) == (
        Sentence("The vote failed.", 0, 16, 0),
        Sentence("Democrats objected.", 17, 36, 0),
        Sentence("A second paragraph follows.", 38, 65, 1),
    )


def test_split_sentences_uses_the_documents_blocks_and_roles() -> None:
    parts = [
        "Gaza Truce Holds. For Now",
        "- Aid enters. Trucks wait.\n- Talks go on",
        "It ends. Or not.",
    ]
    text = "\n\n".join(parts)
    starts = [text.index(part) for part in parts]
    roles = [BlockRole.HEADING, BlockRole.LIST_ITEM, BlockRole.PARAGRAPH]
    blocks = tuple(Block(s, s + len(p), r) for s, p, r in zip(starts, parts, roles))
    sentences = split_sentences(Document(text, blocks))
    check_invariants(text, sentences)
    assert [(s.text, s.block) for s in sentences] == [
        ("Gaza Truce Holds. For Now", 0),
        ("- Aid enters. Trucks wait.", 1),
        ("- Talks go on", 1),
        ("It ends.", 2),
        ("Or not.", 2),
    ]


def test_a_sentence_never_crosses_a_block() -> None:
    # No final full stop before the blank line, and a lowercase start after it.
    sentences = split_text("The talks went on and on\n\nand on into the night.")
    assert [(s.text, s.block) for s in sentences] == [
        ("The talks went on and on", 0),
        ("and on into the night.", 1),
    ]


def test_engine_module_imports_no_qt_and_nothing_above_the_engine() -> None:
    tree = ast.parse(Path(segment.__file__).read_text(encoding="utf-8"))
    imported = {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    } | {
        ("." * node.level) + (node.module or "")
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom)
    }
    assert not {name for name in imported if re.match(r"PySide|PyQt|viewer\.(ui|services)", name)}
    assert not {name for name in imported if name.startswith("..")}


# --- lines mode -----------------------------------------------------------------------------


def test_lines_mode_gives_one_sentence_per_non_empty_line_whatever_the_punctuation() -> None:
    lines = [
        "He moved to the U.S. He liked it.",
        "“We will go. We will win,” he said. Then he left.",
        "no punctuation at all",
        "- a bullet. With two sentences.",
        "a. b. c.",
        "...",
        "  indented, with trailing space   ",
    ]
    text = "\n".join(lines[:3]) + "\n\n\n" + "\n".join(lines[3:]) + "\n"
    sentences = split_text(text, "lines")
    check_invariants(text, sentences)
    assert [s.text for s in sentences] == [line.strip() for line in lines]
    assert [s.block for s in sentences] == [0, 0, 0, 1, 1, 1, 1]


def test_lines_mode_does_not_cap_long_lines() -> None:
    line = "word " * 400
    assert len(texts(line + "\nshort", "lines")) == 2


# --- quotations -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "He said “we will go.” Then he left.",
            ["He said “we will go.”", "Then he left."],
        ),
        (
            'He said "we will go." Then he left.',
            ['He said "we will go."', "Then he left."],
        ),
        (
            "The minister said he was “very concerned about the outcome.” The talks resume Monday.",
            [
                "The minister said he was “very concerned about the outcome.”",
                "The talks resume Monday.",
            ],
        ),
        (
            (
                "Blinken said more aid “would be getting in.” “So clearly that’s something we want,” "
                "he said."
            ),
            [
                "Blinken said more aid “would be getting in.”",
                "“So clearly that’s something we want,” he said.",
            ],
        ),
    ],
)
def test_closing_quote_after_the_full_stop_belongs_to_the_sentence(
    text: str, expected: list[str]
) -> None:
    assert texts(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "“We will go. We will win,” he said.",
        '"We will go. We will win," he said.',
        (
            "“We did not start this war. We did not want it. But we will finish it,” the prime "
            "minister told reporters on Tuesday."
        ),
        (
            "\"Hamas initiated a terrorist attack. To perpetuate terror is to play into Hamas' hands. "
            "We cannot allow that,\" tweeted Biden's political account."
        ),
        "“Are we safe? Nobody knows!” said Amal, a mother of four.",
    ],
)
def test_a_quotation_of_several_sentences_inside_one_sentence_stays_whole(text: str) -> None:
    assert texts(text) == [text]


def test_a_quotation_that_ends_its_sentence_is_followed_by_a_new_one() -> None:
    text = "The spokesman was blunt. “We will go. We will win.” Then he left the podium."
    assert texts(text)[-1] == "Then he left the podium."
    assert texts(text)[0] == "The spokesman was blunt."


def test_an_unclosed_quotation_does_not_swallow_the_paragraph() -> None:
    # News style opens a quotation running on into the next paragraph without closing it.
    text = "“The situation is dire. We need more trucks. We need fuel. And we need them now."
    assert len(texts(text)) == 4


# --- abbreviations and numbers ------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The U.S. Senate voted at 3 p.m. on Tuesday.",
        "She spoke in the U.K. Parliament after meeting U.N. officials and E.U. diplomats.",
        "Dr. Jill Stein met Sen. Elizabeth Warren, Gov. Gavin Newsom and Mr. and Mrs. Lee.",
        "Ms. Park said Martin Luther King Jr. would have approved of the St. Louis plan.",
        "The talks begin at 9 a.m. Eastern time and end at 5 p.m. Friday in Doha.",
        "The deadline was moved from Jan. 5 to Feb. 12 and then to Sept. 30 by the court.",
        "Acme Inc. and Globex Corp. said the No. 5 plant would close.",
        "Some allies, e.g. France, and some agencies, i.e. the U.N., disagree.",
        "The case, Smith vs. Jones, reached the Supreme Court.",
        "Sen. Elizabeth Warren, D-Mass., said the vote was close.",
        "He averaged 3.5 pts. per game last season.",
        "Mr. Smith met George W. Bush and J. R. Jones in Washington.",
    ],
)
def test_abbreviations_inside_a_sentence_do_not_end_it(text: str) -> None:
    assert texts(text) == [text]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("He moved to the U.S. He liked it.", ["He moved to the U.S.", "He liked it."]),
        (
            "He moved to the U.K. The weather was bad.",
            ["He moved to the U.K.", "The weather was bad."],
        ),
        (
            "The vote is at 3 p.m. Jones will attend.",
            ["The vote is at 3 p.m.", "Jones will attend."],
        ),
        ("He lives on Main St. He likes it there.", ["He lives on Main St.", "He likes it there."]),
        (
            "It was built by Acme Inc. The firm is based in Ohio.",
            ["It was built by Acme Inc.", "The firm is based in Ohio."],
        ),
        (
            "Mr. Smith went to Washington, D.C. Mr. Smith came back.",
            ["Mr. Smith went to Washington, D.C.", "Mr. Smith came back."],
        ),
        (
            "The attack came on October 7. The army moved in.",
            ["The attack came on October 7.", "The army moved in."],
        ),
    ],
)
def test_abbreviations_at_the_end_of_a_sentence_end_it(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Structures damaged rose 40.5% to 1,200 in the north.",
        "The package is worth $3.2 billion, officials said.",
        "Version 2.0 of the app shipped with 3.14 times the speed.",
        "The index fell 0.5 points to 4,567.89 by noon.",
    ],
)
def test_numbers_never_split(text: str) -> None:
    assert texts(text) == [text]


# --- news furniture: headlines, captions, datelines, ellipses, lists ------------------------


def test_a_headline_without_final_punctuation_is_one_sentence() -> None:
    text = "US Urges Israel to Evacuate Civilians. Potential Attack Looms\n\nThe first paragraph."
    assert texts(text) == [
        "US Urges Israel to Evacuate Civilians. Potential Attack Looms",
        "The first paragraph.",
    ]


def test_a_photo_caption_keeps_its_credit_and_the_dateline_stands_alone() -> None:
    caption = (
        "Palestinian children walk among destroyed houses in Khan Younis, in the southern Gaza "
        "Strip, November 29, 2023. REUTERS/Mohammed Salem"
    )
    text = f"{caption}\nCNN  —\n\nBiden administration officials are talking."
    assert texts(text) == [caption, "CNN  —", "Biden administration officials are talking."]


@pytest.mark.parametrize("credit", ["AP Photo/Evan Vucci", "Getty Images", "Photo: Jane Doe"])
def test_other_photo_credits_stay_with_their_caption(credit: str) -> None:
    caption = f"Rescuers search the rubble after a strike in Rafah on Tuesday. {credit}"
    assert texts(caption) == [caption]


def test_a_dateline_block_is_its_own_sentence() -> None:
    assert texts("CNN  —\n\nThe Senate voted on Tuesday. It passed.") == [
        "CNN  —",
        "The Senate voted on Tuesday.",
        "It passed.",
    ]
    assert texts("GAZA CITY —\nThe strikes resumed at dawn.") == [
        "GAZA CITY —",
        "The strikes resumed at dawn.",
    ]


def test_an_inline_dateline_stays_in_its_sentence() -> None:
    assert texts("WASHINGTON (CNN) — The Senate voted on Tuesday. It passed.") == [
        "WASHINGTON (CNN) — The Senate voted on Tuesday.",
        "It passed.",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "He paused ... and then left the room.",
        "She waited… and then went home.",
        "The minister said the deal was “almost done... but not quite” on Monday.",
    ],
)
def test_an_ellipsis_before_lowercase_does_not_split(text: str) -> None:
    assert texts(text) == [text]


def test_bullet_list_items_are_one_sentence_each() -> None:
    text = (
        "Key points:\n"
        "- Israel and Hamas extended the truce. It now runs to Friday\n"
        "- Aid trucks entered from Egypt\n"
        "  through the Rafah crossing.\n"
        "• A third item\n"
        "* A fourth item."
    )
    assert texts(text) == [
        "Key points:",
        "- Israel and Hamas extended the truce. It now runs to Friday",
        "- Aid trucks entered from Egypt\n  through the Rafah crossing.",
        "• A third item",
        "* A fourth item.",
    ]


def test_numbered_list_items_are_one_sentence_each() -> None:
    text = "1. Release the hostages\n2. Extend the pause. Then talk\n3. Rebuild"
    assert texts(text) == [
        "1. Release the hostages",
        "2. Extend the pause. Then talk",
        "3. Rebuild",
    ]


def test_hard_wrapped_prose_is_joined_across_lines() -> None:
    text = (
        "Biden administration officials are discussing with their Israeli\n"
        "counterparts how to protect thousands of civilians who fled to the\n"
        "south. Israel has made clear it is bent on finishing its operations\n"
        "there, according to multiple US officials."
    )
    assert texts(text) == [
        text[: text.index(" Israel has")],
        text[text.index("Israel has") :],
    ]


def test_headline_lines_in_one_block_are_separate_sentences() -> None:
    text = "US Urges Israel to Evacuate Civilians\nBy Jane Doe, CNN\nUpdated 5:00 PM EST, Nov 29"
    assert texts(text) == text.split("\n")


# --- long, odd and foreign text -------------------------------------------------------------


def test_a_very_long_sentence_is_cut_at_clause_boundaries() -> None:
    clause = "the convoy moved slowly past the checkpoints and the ruined houses"
    text = ", ".join([clause] * 300) + "."  # about 20,000 characters, one "sentence"
    sentences = split_text(text)
    check_invariants(text, sentences)
    assert len(sentences) >= len(text) // MAX_SENTENCE_CHARS
    assert all(len(s.text) <= MAX_SENTENCE_CHARS for s in sentences)
    assert all(s.text.endswith(",") for s in sentences[:-1])


def test_a_long_sentence_prefers_a_semicolon_to_a_comma() -> None:
    text = "word, " * 100 + "word; " + "word, " * 150 + "end."
    first = split_text(text)[0]
    assert first.text.endswith(";")


def test_a_long_run_without_punctuation_is_cut_at_whitespace() -> None:
    text = " ".join(["convoy"] * 3000)  # 20,999 characters
    sentences = split_text(text)
    check_invariants(text, sentences)
    assert all(len(s.text) <= MAX_SENTENCE_CHARS for s in sentences)
    assert " ".join(s.text for s in sentences) == text


def test_text_without_any_whitespace_is_cut_hard() -> None:
    text = "x" * 20_000
    sentences = split_text(text)
    check_invariants(text, sentences)
    assert "".join(s.text for s in sentences) == text
    assert max(len(s.text) for s in sentences) <= MAX_SENTENCE_CHARS


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_crlf_and_lone_cr_count_as_newlines(newline: str) -> None:
    unix = "Headline Here\n\nThe vote failed. Democrats\nobjected strongly.\n\nA last one."
    text = unix.replace("\n", newline)
    sentences = split_text(text)
    check_invariants(text, sentences)
    expected = [t.replace("\n", newline) for t in texts(unix)]
    assert [s.text for s in sentences] == expected
    assert [s.block for s in sentences] == [0, 1, 1, 2]
    assert texts(text, "lines") == [
        "Headline Here",
        "The vote failed. Democrats",
        "objected strongly.",
        "A last one.",
    ]


def test_right_to_left_and_emoji_text_keeps_offsets() -> None:
    text = "مرحبا بالعالم. هذا اختبار؟\n\nשלום עולם. זה מבחן!\n\nGreat news 🎉. Next one 👍🏽! Done 👨‍👩‍👧."
    sentences = split_text(text)
    check_invariants(text, sentences)
    assert [s.text for s in sentences] == [
        "مرحبا بالعالم.",
        "هذا اختبار؟",
        "שלום עולם.",
        "זה מבחן!",
        "Great news 🎉.",
        "Next one 👍🏽!",
        "Done 👨‍👩‍👧.",
    ]


def test_repeated_sentences_get_their_own_offsets() -> None:
    text = "I saw it. I saw it. I saw it."
    assert [(s.start, s.end) for s in split_text(text)] == [(0, 9), (10, 19), (20, 29)]


def test_many_paragraphs_come_out_in_order() -> None:
    paragraph = "The U.S. Senate voted at 3 p.m. on Tuesday. “We will go. We will win,” he said."
    text = "\n\n".join([paragraph] * 500)
    sentences = split_text(text)
    check_invariants(text, sentences)
    assert len(sentences) == 1000
    assert [s.block for s in sentences] == [i // 2 for i in range(1000)]


# --- the seed article and its rewrite --------------------------------------------------------


@pytest.fixture(scope="module")
def original() -> tuple[str, tuple[Sentence, ...]]:
    text = (SEEDS / "original.txt").read_text(encoding="utf-8")
    return text, split_text(text)


@pytest.fixture(scope="module")
def rewrite() -> tuple[str, tuple[Sentence, ...]]:
    text = (SEEDS / "rewrite.txt").read_text(encoding="utf-8")
    return text, split_text(text)


def test_original_has_the_sentences_an_editor_would_count(
    original: tuple[str, tuple[Sentence, ...]],
) -> None:
    text, sentences = original
    check_invariants(text, sentences)
    # caption, dateline, then 1 + 2 + 2 + 2 + 2 + 2 + 2 + 2 + 2 + 1 + 1 in the paragraphs
    assert len(sentences) == 21
    assert [s.block for s in sentences[:4]] == [0, 0, 1, 2]
    assert sentences[0].text.startswith("Palestinian children walk among the houses")
    assert sentences[0].text.endswith("November 29, 2023. REUTERS/Mohammed Salem")
    assert sentences[1].text == "CNN \xa0—"
    assert sentences[10].text == (
        "That\xa0official\xa0did not say whether\xa0this was\xa0US or Israeli intelligence."
    )
    assert sentences[12].text == (
        "Instead, Israel must be “more cautious, more careful, more deliberate, and more precise "
        "in their targeting,” one senior administration official said."
    )
    assert sentences[14].text == (
        "“There is an understanding that a different type of campaign has to be conducted in the "
        "south than was conducted in the north,” another senior administration official said."
    )
    assert sentences[19].text.endswith("more assistance would be getting in.”")
    assert sentences[20].text == (
        "“So clearly that’s something we want, and I believe it’s also something that Israel "
        "wants,” said Blinken, who will have meetings in Israel on Thursday."
    )


def test_rewrite_has_the_sentences_an_editor_would_count(
    rewrite: tuple[str, tuple[Sentence, ...]],
) -> None:
    text, sentences = rewrite
    check_invariants(text, sentences)
    # headline twice, standfirst, then 3+4+2+2+2+3+2+1+1+1+3+3+2+3+3+3+1 in the paragraphs
    assert len(sentences) == 42
    headline = "US Urges Israel to Evacuate Civilians in Southern Gaza as Potential Attack Looms"
    assert (sentences[0].text, sentences[0].block) == (headline, 0)
    assert (sentences[1].text, sentences[1].block) == (headline, 1)
    assert sentences[1].start > sentences[0].end
    assert sentences[2].text.endswith(
        "should the IDF resume targeting the area after the ceasefire with Hamas"
    )
    assert sentences[15].text == (
        'Another senior administration official stated, "There is a recognition that a different '
        'approach must be taken in the south compared to the north."'
    )
    assert sentences[29].text == (
        '"Hamas initiated a terrorist attack out of fear of Israelis and Palestinians coexisting '
        "peacefully. To perpetuate terror, violence, death, and war is to play into Hamas' hands. "
        'We cannot allow that," tweeted Bidens political account.'
    )
    assert sentences[33].text == (
        "Some of the United States' allies believe that Hamas cannot be entirely defeated through "
        "military means."
    )
    assert sentences[-1].text == "Kaitlan Collins contributed to this story."


@pytest.mark.parametrize("name", ["original.txt", "rewrite.txt"])
def test_seeds_in_lines_mode_give_one_sentence_per_line(name: str) -> None:
    text = (SEEDS / name).read_text(encoding="utf-8")
    assert len(split_text(text, "lines")) == len(
        [line for line in text.splitlines() if line.strip()]
    )


# --- properties ------------------------------------------------------------------------------

_PIECES = st.sampled_from(
    [
        *"aAbZz .,;:!?…“”\"'’()-—\n\r\t\xa0",
        "U.S.",
        "Mr.",
        "p.m.",
        "e.g.",
        " He ",
        " the ",
        "- ",
        "1. ",
        "3.5",
        "REUTERS/X",
        "CNN —",
        "...",
        "مرحبا",
        "שלום",
        "🎉",
        "👍🏽",
        "e\u0301",
    ]
)
_TEXTS = st.one_of(st.text(), st.lists(_PIECES, max_size=60).map("".join))
_SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_SETTINGS
@given(text=_TEXTS, mode=st.sampled_from(SPLIT_MODES))
def test_property_offsets_order_and_coverage(text: str, mode: str) -> None:
    sentences = split_text(text, mode)
    check_invariants(text, sentences)
    if mode == "auto":
        assert all(len(s.text) <= MAX_SENTENCE_CHARS for s in sentences)


@_SETTINGS
@given(text=_TEXTS)
def test_property_lines_mode_counts_lines(text: str) -> None:
    lines = [line for line in re.split(r"\r\n|\r|\n", text) if line.strip()]
    assert texts(text, "lines") == [line.strip() for line in lines]


@_SETTINGS
@given(paragraphs=st.lists(_TEXTS, min_size=1, max_size=5), mode=st.sampled_from(SPLIT_MODES))
def test_property_documents_blocks_are_respected(paragraphs: list[str], mode: str) -> None:
    kept = [p.strip().replace("\r", "\n") for p in paragraphs]
    kept = [re.sub(r"\n\s*\n", "\n", p) for p in kept if p]
    text = "\n\n".join(kept)
    blocks, start = [], 0
    for paragraph in kept:
        blocks.append(Block(start, start + len(paragraph)))
        start += len(paragraph) + 2
    sentences = split_sentences(Document(text, tuple(blocks)), mode)
    check_invariants(text, sentences)
    for sentence in sentences:
        block = blocks[sentence.block]
        assert block.start <= sentence.start and sentence.end <= block.end


@_SETTINGS
@given(text=_TEXTS.map(lambda t: t.replace("\r", "")), mode=st.sampled_from(SPLIT_MODES))
def test_property_crlf_splits_like_lf(text: str, mode: str) -> None:
    crlf = text.replace("\n", "\r\n")
    assert texts(crlf, mode) == [t.replace("\n", "\r\n") for t in texts(text, mode)]
