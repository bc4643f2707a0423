"""Editorial findings on real comparisons: the sample pair with the real model, and small
hand-written pairs for each kind (and for the look-alikes that must not be findings)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from viewer.engine.compare import compare
from viewer.engine.embed import Embedder
from viewer.engine.findings import find_findings
from viewer.engine.model import FINDING_SEVERITY, Comparison, Finding, FindingKind
from viewer.services.documents import document_from_text, read_document
from viewer.services.export_json import comparison_to_dict

Pair = Callable[..., Comparison]
SEEDS = Path(__file__).resolve().parents[2] / "seeds"
ALTERED, UNQUOTED = FindingKind.ALTERED_QUOTE, FindingKind.UNQUOTED_QUOTE
NUMBER, NAME = FindingKind.CHANGED_NUMBER, FindingKind.CHANGED_NAME
NEW_QUOTE, CREDIT = FindingKind.NEW_QUOTE, FindingKind.DROPPED_ATTRIBUTION


@pytest.fixture(scope="module")
def sample(real_embedder: Embedder) -> Comparison:
    """The sample pair compared with the bundled model, once for this module."""
    return compare(
        read_document(SEEDS / "original.txt"),
        read_document(SEEDS / "rewrite.txt"),
        embedder=real_embedder,
    )


@pytest.fixture(scope="module")
def pair(real_embedder: Embedder) -> Pair:
    """Compare two pasted texts with the bundled model."""

    def run(left: str, right: str, split: str = "auto") -> Comparison:
        return compare(
            document_from_text(left), document_from_text(right), embedder=real_embedder, split=split
        )

    return run


def _spaced(text: str) -> str:
    return " ".join(text.split())  # the sample's original has no-break spaces between words


def left_index(c: Comparison, words: str) -> int:
    """The one left sentence holding ``words``."""
    (found,) = [i for i, s in enumerate(c.left_sentences) if words in _spaced(s.text)]
    return found


def right_index(c: Comparison, words: str) -> int:
    """The one right sentence holding ``words``."""
    (found,) = [j for j, s in enumerate(c.right_sentences) if words in _spaced(s.text)]
    return found


def kinds(c: Comparison) -> list[FindingKind]:
    return [f.kind for f in c.findings]


def only(c: Comparison, kind: FindingKind) -> Finding:
    (found,) = [f for f in c.findings if f.kind is kind]
    return found


# --- the sample pair: every quotation of the original and what the rewrite did to it ----------


def test_more_cautious_quotation_became_unquoted_paraphrase(sample: Comparison) -> None:
    left, right = (
        left_index(sample, "more cautious, more careful"),
        right_index(sample, "greater caution"),
    )
    (f,) = [f for f in sample.findings if f.left == left]
    assert (f.kind, f.right) == (UNQUOTED, right)
    assert (
        f.left_text
        == "more cautious, more careful, more deliberate, and more precise in their targeting"
    )
    assert f.right_text == sample.right_sentences[right].text


def test_there_is_an_understanding_quotation_was_altered(sample: Comparison) -> None:
    left, right = (
        left_index(sample, "There is an understanding"),
        right_index(sample, "There is a recognition"),
    )
    (f,) = [f for f in sample.findings if f.left == left]
    assert (f.kind, f.right) == (ALTERED, right)
    assert f.left_text.startswith("There is an understanding that a different type of campaign")
    assert f.right_text.startswith("There is a recognition that a different approach must be taken")
    assert "recognition" in f.detail and "understanding" in f.detail


def test_blinken_quotations_humanitarian_pause_kept_continuation_unquoted(
    sample: Comparison,
) -> None:
    left, right = (
        left_index(sample, "humanitarian pause"),
        right_index(sample, "humanitarian pause"),
    )
    (f,) = [f for f in sample.findings if f.left == left]  # nothing about "humanitarian pause"
    assert (f.kind, f.right) == (UNQUOTED, right)
    assert f.left_text.startswith("its continuation, by definition, means that more hostages")
    assert "humanitarian pause" not in f.left_text


def test_so_clearly_quotation_was_altered(sample: Comparison) -> None:
    left, right = (
        left_index(sample, "So clearly that’s something"),
        right_index(sample, "Clearly, this is"),
    )
    (f,) = [f for f in sample.findings if f.left == left]
    assert (f.kind, f.right) == (ALTERED, right)
    assert (
        f.left_text
        == "So clearly that’s something we want, and I believe it’s also something that Israel wants"
    )
    assert (
        f.right_text
        == "Clearly, this is something we desire, and I believe it is also what Israel desires"
    )


def test_sample_has_no_other_quotation_finding_and_no_number_finding(sample: Comparison) -> None:
    quoted = sorted(
        (f.left, f.kind.value) for f in sample.findings if f.kind in (ALTERED, UNQUOTED)
    )
    assert quoted == sorted(
        [
            (left_index(sample, "more cautious"), "unquoted_quote"),
            (left_index(sample, "There is an understanding"), "altered_quote"),
            (left_index(sample, "its continuation"), "unquoted_quote"),
            (left_index(sample, "So clearly"), "altered_quote"),
        ]
    )
    # 40% to 50%, October 7, "thousands", Wednesday, Thursday all survive; the caption's date
    # is in an omitted sentence, which is an omission and not a finding.
    assert NUMBER not in kinds(sample)


def test_sample_names_dropped_from_linked_sentences(sample: Comparison) -> None:
    # "told CNN" went from two linked sentences: the credit to the news organisation is lost,
    # a milder finding of its own; the IDF went from the air-strikes sentence, a changed name.
    # Dropped nationalities ("US officials" → "officials") are not reported.
    def found(kind: FindingKind) -> list[tuple[int, int, str, str]]:
        return sorted(
            (f.left, f.right, f.left_text, f.right_text) for f in sample.findings if f.kind is kind
        )

    told = left_index(sample, "one senior US official told CNN")
    strikes = left_index(sample, "including President Joe Biden himself")
    strikes_r = right_index(sample, "including President Joe Biden,")
    assert found(NAME) == [(strikes, strikes_r, "IDF", "")]
    assert found(CREDIT) == sorted(
        [
            (told, right_index(sample, "One senior US official mentioned"), "CNN", ""),
            (strikes, strikes_r, "CNN", ""),
        ]
    )
    assert all(
        f.detail == "attribution to CNN missing in the rewrite"
        for f in sample.findings
        if f.kind is CREDIT
    )
    assert FINDING_SEVERITY[CREDIT] > FINDING_SEVERITY[NAME]
    assert [f.kind for f in sample.findings][-2:] == [CREDIT, CREDIT]


def test_swapped_sample_names_a_paraphrase_turned_into_a_quotation(real_embedder) -> None:
    swapped = compare(
        read_document(SEEDS / "rewrite.txt"), read_document(SEEDS / "original.txt"),
        embedder=real_embedder,
    )
    (new,) = [f for f in swapped.findings if f.kind is NEW_QUOTE]
    assert new.right_text.startswith("more cautious, more careful")
    assert "Instead, they are urging Israel" in new.left_text
    assert not [f for f in swapped.findings if f.kind is ALTERED and f.right == new.right]


@pytest.mark.parametrize(
    "left, right, credited",
    [
        ("The talks stalled on Monday, a senior official told Reuters.",
         "The talks stalled on Monday, a senior official said.", True),
        ("According to the BBC, the talks stalled on Monday night.",
         "The talks stalled on Monday night, officials said.", True),
        ("The talks with Reuters executives stalled on Monday night.",
         "The talks with executives stalled on Monday night.", False),
    ],
)
def test_a_dropped_credit_is_an_attribution_not_a_changed_name(
    pair: Pair, left: str, right: str, credited: bool
) -> None:
    c = pair(left, right)
    assert [f.kind for f in c.findings] == [CREDIT if credited else NAME]


def test_findings_only_concern_linked_sentences(sample: Comparison) -> None:
    linked_left = {i for g in sample.groups for i in g.left}
    linked_right = {j for g in sample.groups for j in g.right}
    assert sample.findings
    for f in sample.findings:
        assert f.left in linked_left and f.right in linked_right


def test_findings_are_sorted_and_exported(sample: Comparison) -> None:
    keys = [(FINDING_SEVERITY[f.kind], f.left) for f in sample.findings]
    assert keys == sorted(keys)
    assert sample.findings[0].kind is ALTERED
    exported = comparison_to_dict(sample)["findings"]
    assert [(e["kind"], e["left"], e["right"], e["left_text"]) for e in exported] == [
        (f.kind.value, f.left, f.right, f.left_text) for f in sample.findings
    ]
    assert list(sample.findings) == find_findings(sample)


# --- hand-written pairs ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "left, right, quoted_left, quoted_right",
    [
        (
            "The minister said: « We will never give in to pressure from abroad ». The vote is on Monday.",
            "The minister said: « We will not give in to foreign pressure ». The vote is on Monday.",
            "We will never give in to pressure from abroad",
            "We will not give in to foreign pressure",
        ),
        (
            "The chancellor said „the budget is balanced and sound“ at the press conference.",
            "At the press conference, the chancellor said „the budget is not balanced“.",
            "the budget is balanced and sound",
            "the budget is not balanced",
        ),
        (
            "The minister called the plan ‘a complete and utter failure’ after the vote. It’s the voters’ choice now.",
            "After the vote, the minister called the plan ‘a total failure’. It’s the voters’ choice now.",
            "a complete and utter failure",
            "a total failure",
        ),
    ],
)
def test_altered_quotation_in_every_mark_style(
    pair: Pair, left: str, right: str, quoted_left: str, quoted_right: str
) -> None:
    c = pair(left, right)
    f = only(c, ALTERED)
    assert (f.left_text, f.right_text, f.left, f.right) == (quoted_left, quoted_right, 0, 0)


def test_altered_quotation_spanning_two_sentences(pair: Pair) -> None:
    left = (
        "The mayor spoke on Tuesday. “We will rebuild the bridge before the winter comes. It will take "
        "two more years to finish the road.” She left."
    )
    c = pair(left, left.replace("two more years", "three more years"))
    assert len(c.left_sentences) == 4  # the quotation is two sentences
    f = only(c, ALTERED)
    assert f.left_text.startswith("We will rebuild the bridge") and f.left_text.endswith(
        "finish the road."
    )
    assert "three more years" in f.right_text
    assert "removed: two; added: three" in f.detail
    assert only(c, NUMBER).detail == "two → three"


def test_quotation_cut_short_in_the_rewrite_is_not_altered(pair: Pair) -> None:
    left = (
        "The mayor spoke on Tuesday. “We will rebuild the bridge before the winter comes. It will take "
        "two more years to finish the road.” She left."
    )
    right = "The mayor spoke on Tuesday. “We will rebuild the bridge before the winter comes.” She left."
    assert pair(left, right).findings == ()


@pytest.mark.parametrize(
    "left, right",
    [
        (
            "“We will rebuild the bridge, whatever it costs, before the winter comes,” the mayor said.",
            "“We will rebuild the bridge … before the winter comes,” the mayor said.",
        ),
        (
            "“He will sign the bill next week,” the spokesman said.",
            "“[Biden] will sign the bill next week,” the spokesman said.",
        ),
    ],
)
def test_an_ellipsis_or_a_bracketed_insertion_is_a_legitimate_cut(
    pair: Pair, left: str, right: str
) -> None:
    assert pair(left, right).findings == ()


def test_a_quotation_reworded_beyond_recognition_in_linked_sentences_is_altered(pair: Pair) -> None:
    # No content word in common, but each quotation is what its sentence says and the
    # sentences are linked: the rewrite put other words in the senator's mouth.
    c = pair(
        "“This is a very grave error,” the senator said.",
        "“What a terrible blunder,” the senator said.",
    )
    f = only(c, ALTERED)
    assert (f.left_text, f.right_text) == ("This is a very grave error", "What a terrible blunder")


def test_a_quotation_that_was_the_whole_sentence_paraphrased_in_other_words(pair: Pair) -> None:
    c = pair(
        "“This is a very grave error,” the senator said.",
        "The senator called it a terrible blunder.",
    )
    assert only(c, UNQUOTED).right_text == "The senator called it a terrible blunder."


def test_quotation_kept_intact_inside_a_reworded_sentence_is_no_finding(pair: Pair) -> None:
    c = pair(
        "Speaking on Tuesday, the senator called the bill “a betrayal of working families” and vowed to fight it.",
        "The senator vowed to fight the bill, which she called “a betrayal of working families,” on Tuesday.",
    )
    assert c.groups and c.findings == ()


def test_comma_moved_outside_and_straight_marks_are_no_alteration(pair: Pair) -> None:
    c = pair(
        "“We will win this election,” he told supporters.",
        '"We will win this election", he told supporters.',
    )
    assert c.findings == ()


def test_quotation_paraphrased_without_marks(pair: Pair) -> None:
    c = pair(
        "The mayor said the storm was “the worst we have seen in our lifetime” as crews cleared roads.",
        "As crews cleared roads, the mayor said the storm was the worst in living memory.",
    )
    f = only(c, UNQUOTED)
    assert f.left_text == "the worst we have seen in our lifetime"
    assert f.right_text == c.right_sentences[0].text
    assert f.detail == "quotation paraphrased without quotation marks"


def test_quotation_marks_removed_from_the_same_words(pair: Pair) -> None:
    c = pair(
        "She said “we are not going anywhere” after the ruling was announced.",
        "After the ruling was announced, she said we are not going anywhere.",
    )
    assert (only(c, UNQUOTED).detail, len(c.findings)) == ("quotation marks removed", 1)


def test_quotation_in_an_omitted_sentence_is_an_omission_not_a_finding(pair: Pair) -> None:
    c = pair(
        "The mayor spoke to reporters. Later, he said the city was “broke and broken beyond repair.” "
        "The council did not reply.",
        "The mayor spoke to reporters. The council did not reply.",
    )
    assert c.omitted == (1,) and c.findings == ()


def test_reporters_words_turned_into_a_quotation(pair: Pair) -> None:
    c = pair(
        "The governor said the budget would be balanced by next spring without new taxes.",
        'The governor said "the budget would be balanced by next spring without new taxes."',
    )
    f = only(c, NEW_QUOTE)
    assert (f.detail, f.right_text) == (
        "words the original does not quote are quoted in the rewrite",
        "the budget would be balanced by next spring without new taxes.",
    )


def test_a_title_put_in_quotation_marks_is_not_a_new_quotation(pair: Pair) -> None:
    c = pair(
        "The committee published its report Lessons From The Flood Season on Friday morning.",
        'The committee published its report "Lessons From The Flood Season" on Friday morning.',
    )
    assert c.groups and c.findings == ()


@pytest.mark.parametrize(
    "left, right, expected",
    [
        (
            "Turnout reached 40 percent in the northern districts, officials said.",
            "Officials said turnout reached 40% in the northern districts.",
            [],
        ),
        (
            "The company agreed to a $3.2 billion settlement with regulators.",
            "The company agreed to a $2.3 billion settlement with regulators.",
            [("$3.2 billion", "$2.3 billion", "$3.2 billion → $2.3 billion")],
        ),
        (
            "Five people were hurt in the fire, which caused $1,000 of damage on October 7.",
            "The fire, which caused $1000 of damage, hurt 5 people.",
            [("October 7", "", "October 7 missing in the rewrite")],
        ),
    ],
)
def test_changed_numbers(
    pair: Pair, left: str, right: str, expected: list[tuple[str, str, str]]
) -> None:
    c = pair(left, right)
    assert c.groups
    assert [
        (f.left_text, f.right_text, f.detail) for f in c.findings if f.kind is NUMBER
    ] == expected


@pytest.mark.parametrize(
    "left, right, expected",
    [
        (
            "The bill was opposed by Sen. Elizabeth Warren and most Democrats.",
            "Most Democrats and Warren opposed the bill.",
            [],
        ),
        (
            "The bill was opposed by Warren, who called it reckless.",
            "The bill was opposed by Sanders, who called it reckless.",
            [("Warren", "Sanders", "Warren → Sanders")],
        ),
        (
            "The truce brokered by the US, Qatar and Egypt could soon end, US officials said.",
            "The truce brokered by Qatar and Egypt could soon end, officials said.",
            [("US", "", "US missing in the rewrite")],  # the broker, not the "US officials"
        ),
        (
            "The plan was rejected by the Palestinian Authority on Monday.",
            "The plan was rejected by the Authority on Monday.",
            [("Palestinian Authority", "", "Palestinian Authority missing in the rewrite")],
        ),
        (
            "Israeli and Egyptian officials met in Cairo on Monday.",
            "Officials met in Cairo on Monday.",
            [],
        ),
    ],
)
def test_changed_names(
    pair: Pair, left: str, right: str, expected: list[tuple[str, str, str]]
) -> None:
    c = pair(left, right)
    assert c.groups
    assert [(f.left_text, f.right_text, f.detail) for f in c.findings if f.kind is NAME] == expected


def test_findings_work_with_the_lexical_fallback_too(lexical_embedder: Embedder) -> None:
    c = compare(
        document_from_text(
            "The bill was opposed by Warren, who said it was “a reckless gamble with our future.”"
        ),
        document_from_text(
            "The bill was opposed by Sanders, who said it was “a gamble with the future.”"
        ),
        embedder=lexical_embedder,
    )
    assert kinds(c) == [ALTERED, NAME]


_WORDS = st.sampled_from(
    'the said “We will win” ‘no’ "yes" Biden Warren $3.2 billion 40% five October 7 , . it’s '
    "Hamas’ US officials told CNN on Wednesday « oui » „ja“".split(" ")
)
_ARTICLE = st.lists(
    st.lists(_WORDS, min_size=1, max_size=25).map(" ".join), min_size=1, max_size=5
).map("\n\n".join)


@given(_ARTICLE, _ARTICLE)
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_any_pair_gives_sorted_findings_about_linked_sentences(
    lexical_embedder: Embedder, left: str, right: str
) -> None:
    c = compare(document_from_text(left), document_from_text(right), embedder=lexical_embedder)
    linked_left = {i for g in c.groups for i in g.left}
    linked_right = {j for g in c.groups for j in g.right}
    for f in c.findings:
        assert f.left in linked_left and f.right in linked_right
    keys = [(FINDING_SEVERITY[f.kind], f.left) for f in c.findings]
    assert keys == sorted(keys)
