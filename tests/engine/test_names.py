"""Proper names without an NLP model: runs of capitals, titles, possessives, first words,
and when a name of the original counts as kept, changed, missing or added."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from viewer.engine.name_changes import Presence, compare_names
from viewer.engine.names import Vocabulary, extract_names


def names(text: str, *context: str) -> list[str]:
    """The names found in ``text``, with ``context`` sentences as the rest of the documents."""
    return [n.text for n in extract_names(text, Vocabulary([text, *context]))]


def changes(left: str, right: str, *context: str, left_document: str = "") -> list[str]:
    vocabulary = Vocabulary([left, right, *context])
    found = compare_names(
        extract_names(left, vocabulary),
        extract_names(right, vocabulary),
        left_present=Presence.of([left]),
        right_present=Presence.of([right]),
        left_document=Presence.of([left, left_document]).words,
    )
    return [ch.detail for ch in found]


def test_runs_of_capitals_with_titles_connectors_and_possessives() -> None:
    assert names(
        "Secretary of State Antony Blinken is continuing the Biden administration’s push."
    ) == [
        "Secretary of State Antony Blinken",
        "Biden",
    ]
    assert names("Officials met Prime Minister Benjamin Netanyahu in Tel Aviv on Monday.") == [
        "Prime Minister Benjamin Netanyahu",
        "Tel Aviv",
    ]
    assert names("It was the goal of eradicating Hamas’ ability, said J. K. Rowling.") == [
        "Hamas",
        "J. K. Rowling",
    ]
    assert names("They met Egyptian President Abdel Fattah al-Sisi in Cairo.") == [
        "Egyptian",
        "President Abdel Fattah al-Sisi",
        "Cairo",
    ]


def test_a_possessive_or_a_title_after_a_name_starts_another_name() -> None:
    assert names("He spoke with CNN's Kaitlan Collins.") == ["CNN", "Kaitlan Collins"]
    assert names("But Palestinian Authority President Mahmoud Abbas has refused.") == [
        "Palestinian Authority",
        "President Mahmoud Abbas",
    ]


def test_the_first_word_of_a_sentence_counts_only_when_the_documents_prove_it_a_name() -> None:
    # Unproven: a first word may be any word. Conservative on purpose (no false alarms).
    assert names("Warren opposed the bill.") == []
    assert names("Warren opposed the bill.", "The bill was opposed by Warren.") == ["Warren"]
    assert (
        names("Moving civilians back north would be a challenge.", "They are moving south.") == []
    )
    assert names("Instead, Israel must be careful.") == ["Israel"]
    assert names("Israeli officials have said so.", "He met Israeli officials.") == ["Israeli"]
    assert names("Power emphasized the talks.", "said Samantha Power on Monday.") == ["Power"]
    assert names("IDF troops entered the city.") == ["IDF"]  # an acronym is a name anywhere
    # The first word of a quotation is a first word too.
    assert names("He said: “There is an understanding with Egypt.”") == ["Egypt"]


def test_a_title_case_headline_keeps_only_words_known_as_names() -> None:
    headline = "US Urges Israel to Evacuate Civilians in Southern Gaza as Potential Attack Looms"
    context = "The US and Israel discussed Gaza, where civilians evacuate the southern part."
    assert names(headline, context) == ["US", "Israel", "Gaza"]


def test_a_surname_or_an_acronym_keeps_a_name() -> None:
    assert changes("Sen. Elizabeth Warren opposed the bill.", "Warren opposed the bill.") == []
    assert changes("Warren opposed the bill.", "Sen. Elizabeth Warren opposed the bill.") == []
    assert changes("President Joe Biden spoke.", "Biden’s speech came later.") == []
    assert changes("The Israel Defense Forces moved south.", "The IDF moved south.") == []
    assert changes("The IDF moved south.", "The Israel Defense Forces moved south.") == []
    assert changes("Children in the Gaza Strip.", "Children in Gaza.") == []


def test_a_name_changed_into_another_is_reported_with_both() -> None:
    assert changes("The bill was opposed by Warren.", "The bill was opposed by Sanders.") == [
        "Warren → Sanders"
    ]
    assert changes("President Joe Biden spoke.", "President Joe Manchin spoke.") == [
        "President Joe Biden → President Joe Manchin"
    ]


def test_a_plural_or_a_typo_is_a_different_name() -> None:
    # "Bidens" for "Biden's" is a typo in a name: an editor wants it fixed.
    assert changes(
        "It was tweeted by Biden's political team.", "It was tweeted by Bidens political team."
    ) == ["Biden → Bidens"]


def test_a_dropped_name_is_reported_but_a_dropped_nationality_is_not() -> None:
    assert changes(
        "Options are being discussed, one senior US official told CNN.",
        "One senior US official mentioned options.",
    ) == ["CNN missing in the rewrite"]
    assert (
        changes("Multiple US officials have stressed the need.", "There is emphasis on the need.")
        == []
    )
    assert (
        changes(
            "US and Israeli officials are deliberating.", "One senior US official is deliberating."
        )
        == []
    )
    # ...but one nationality swapped for another is.
    assert changes(
        "Israeli officials said so.",
        "Egyptian officials said so.",
        "He met Israeli and Egyptian officials.",
    ) == ["Israeli → Egyptian"]


def test_a_new_name_is_reported_only_when_the_original_never_mentions_it() -> None:
    assert changes("The plan would fail, he said.", "The plan would fail, said Blinken.") == [
        "Blinken added in the rewrite"
    ]
    assert (
        changes(
            "The plan would fail, he said.",
            "The plan would fail, said Blinken.",
            left_document="Secretary of State Antony Blinken arrived on Monday.",
        )
        == []
    )


@given(st.text(alphabet="AbcDEF al-Sisi J. U.S. of ’s'“”:.,!? \n\t—", max_size=80))
@settings(max_examples=300, deadline=None)
def test_any_text_gives_names_that_are_pieces_of_it_and_match_themselves(text: str) -> None:
    vocabulary = Vocabulary([text])
    found = extract_names(text, vocabulary)
    for n in found:
        assert text[n.start : n.start + len(n.text)] == n.text and n.words
    here = Presence.of([text])
    assert (
        compare_names(found, found, left_present=here, right_present=here, left_document=here.words)
        == []
    )
