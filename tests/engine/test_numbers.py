"""Figures (numbers, dates, percentages, money): one value written two ways is one value."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from viewer.engine.numbers import compare_figures, extract_figures


def changes(left: str, right: str) -> list[str]:
    return [ch.detail for ch in compare_figures(extract_figures(left), extract_figures(right))]


@pytest.mark.parametrize(
    "left, right",
    [
        ("an estimated 40 percent of structures", "an estimated 40% of structures"),
        ("five people were hurt", "5 people were hurt"),
        ("a fine of $1,000", "a fine of $1000"),
        ("a $3.2 billion deal", "a $3,200 million deal"),
        ("a $3.2 billion deal", "a deal worth 3.2 billion dollars"),
        ("on November 29, 2023", "on 29 November 2023"),
        ("on Nov. 29", "on November 29th"),
        ("between 40 and 50 percent", "between 40% and 50%"),
        ("dozens of people and twelve others", "Dozens of people and 12 others"),
        ("an attack like the one on October 7", "attacks like the one on October 7"),
        ("one of the major reasons", "a major factor"),  # "one" is not counted: too often a pronoun
        ("the F-16 and COVID-19", "the jets and the virus"),  # digits glued to letters are names
        # A value repeated on one side (the rewrite's summary restates it) changed nothing.
        ("thousands of civilians fled", "Thousands fled. Thousands of civilians fled south."),
    ],
)
def test_the_same_value_written_differently_is_no_change(left: str, right: str) -> None:
    assert changes(left, right) == []


@pytest.mark.parametrize(
    "left, right, expected",
    [
        ("a $3.2 billion deal", "a $2.3 billion deal", ["$3.2 billion → $2.3 billion"]),
        ("40% to 50% of structures", "40% to 55% of structures", ["50% → 55%"]),
        ("the attack on October 7", "the attack", ["October 7 missing in the rewrite"]),
        ("the attack", "the attack on October 8", ["October 8 added in the rewrite"]),
        ("on Wednesday", "on Thursday", ["Wednesday → Thursday"]),
        ("three soldiers", "four soldiers", ["three → four"]),
        ("thousands of civilians", "hundreds of civilians", ["thousands → hundreds"]),
        ("3,200 homes", "3,000 homes", ["3,200 → 3,000"]),
        ("two soldiers and two civilians", "two soldiers and three civilians", ["two → three"]),
        ("thousands fled and 5 died", "thousands fled, thousands hid and 6 died", ["5 → 6"]),
        ("40 percent", "40 percentage points", ["40 percent → 40 percentage points"]),
    ],
)
def test_a_changed_missing_or_added_value_is_reported(
    left: str, right: str, expected: list[str]
) -> None:
    assert changes(left, right) == expected


def test_figures_keep_how_they_were_written_and_their_kind() -> None:
    found = extract_figures("On November 29, 2023, $3.2 billion, 40 percent and dozens of trucks.")
    assert [(f.kind, f.text) for f in found] == [
        ("date", "November 29"),
        ("count", "2023"),
        ("money", "$3.2 billion"),
        ("percent", "40 percent"),
        ("count", "dozens"),
    ]


def test_a_figure_moved_into_a_neighbouring_sentence_is_not_missing() -> None:
    left = extract_figures("Satellite images show 40% of homes were damaged in the north.")
    right = extract_figures("Satellite images show homes were damaged in the north.")
    nearby = extract_figures("About 40% of them.")
    assert [c.detail for c in compare_figures(left, right)] == ["40% missing in the rewrite"]
    assert compare_figures(left, right, right_nearby=nearby) == []


@given(
    st.text(
        alphabet="0123456789 ,.$%€-–to and percent million two dozens October Oct. 7th 2023s",
        max_size=60,
    )
)
@settings(max_examples=300, deadline=None)
def test_any_text_gives_figures_that_compare_equal_to_themselves(text: str) -> None:
    found = extract_figures(text)
    assert all(0 <= f.start < len(text) for f in found)
    assert compare_figures(found, extract_figures(text)) == []


@given(st.text(alphabet="abc two Five dozens hundreds percent million dollars October May Wednesday ,.-", max_size=80))
@settings(max_examples=300, deadline=None)
def test_the_cheap_pattern_for_sentences_without_digits_finds_what_the_full_one_finds(text: str) -> None:
    from viewer.engine import numbers

    def spans(pattern: re.Pattern[str]) -> list[tuple[str | None, str]]:
        return [(m.lastgroup, m.group()) for m in pattern.finditer(text)]

    assert spans(numbers._WORD_FIGURE) == spans(numbers._FIGURE)
