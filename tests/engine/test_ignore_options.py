"""Ignore options: differences that do not count as changes (letter case, punctuation, quote
style, white space, digit grouping) decide the identical test, the edit kind and the word marks,
never the links."""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from viewer.engine.classify import KindSettings, edit_kind, normalise, same_text
from viewer.engine.compare import compare, realign
from viewer.engine.model import ChangeKind, IgnoreOptions, Sentence, WordOpKind
from viewer.engine.word_diff import word_ops
from viewer.services.documents import document_from_text

NONE = IgnoreOptions(quotes=False, whitespace=False)


def _marked(left: str, right: str, ignore: IgnoreOptions) -> tuple[list[str], list[str]]:
    ops = word_ops([Sentence(left, 0, len(left))], [Sentence(right, 0, len(right))], [0], [0], ignore)
    return ([left[o.left_start : o.left_end] for o in ops if o.op is WordOpKind.DELETE],
            [right[o.right_start : o.right_end] for o in ops if o.op is WordOpKind.INSERT])


@pytest.mark.parametrize(
    ("name", "left", "right"),
    [
        ("case", "The Truce ends on Friday.", "the truce ends on friday."),
        ("punctuation", "The truce, officials said, ends.", "The truce officials said ends!"),
        ("quotes", "He said “it’s over”.", "He said \"it's over\"."),
        ("whitespace", "The truce  ends\u00a0on Friday.", "The truce ends on Friday."),
        ("numbers", "Some 1,000 people and 12\u202f500 more fled.", "Some 1000 people and 12500 more fled."),
    ],
)
def test_each_option_makes_its_difference_no_change(name, left, right):
    ignoring = IgnoreOptions.from_names([name])
    assert not same_text(left, right, NONE)
    assert same_text(left, right, ignoring)
    never = lambda: (_ for _ in ()).throw(AssertionError("an identical group needs no word counts"))
    assert edit_kind([left], [right], never, KindSettings(), ignoring) is ChangeKind.IDENTICAL
    assert _marked(left, right, ignoring) == ([], [])
    deleted, inserted = _marked(left, right, NONE)
    assert deleted or inserted, f"{name}: the difference is marked when it counts"


def test_options_ignore_only_their_own_difference():
    case_only = IgnoreOptions.from_names(["case"])
    assert not same_text("The truce ends.", "the truce ends!", case_only)
    deleted, inserted = _marked("The truce ends, officials said.", "the truce ends officials said.", case_only)
    assert deleted == [","] and inserted == []
    numbers = IgnoreOptions.from_names(["numbers"])
    assert not same_text("1,000 people", "1,500 people", numbers)
    assert _marked("Some 1,000 people fled.", "Some 1,500 people fled.", numbers) == (["1,000"], ["1,500"])


def test_the_defaults_are_the_old_rule():
    assert IgnoreOptions().names() == ("quotes", "whitespace")
    assert normalise("  “It’s   done,”\u00a0he said.\n") == "\"It's done,\" he said."
    assert IgnoreOptions.from_names(IgnoreOptions().names()) == IgnoreOptions()
    # Quote style that counts marks a curly quotation mark against a straight one.
    deleted, inserted = _marked("He said “no”.", 'He said "no".', NONE)
    assert "“" in "".join(deleted) and '"' in "".join(inserted)


def test_compare_honours_the_options_and_realign_keeps_the_links(real_embedder):
    left = document_from_text(
        "The Truce was brokered by the US, Qatar and Egypt.\n\n"
        "Some 1,000 people fled the north on Monday.\n\n"
        "Blinken will have meetings in Israel on Thursday."
    )
    right = document_from_text(
        "The truce was brokered by the US, Qatar and Egypt!\n\n"
        "Some 1000 people fled the north on Monday.\n\n"
        "Blinken will have meetings in Israel on Thursday."
    )
    plain = compare(left, right, embedder=real_embedder)
    assert plain.ignore == IgnoreOptions()
    assert [g.kind for g in plain.groups] == [ChangeKind.MINOR, ChangeKind.MINOR, ChangeKind.IDENTICAL]
    ignoring = IgnoreOptions.from_names(["case", "punctuation", "numbers", "quotes", "whitespace"])
    again = realign(plain, embedder=real_embedder, ignore=ignoring)
    assert again.ignore == ignoring
    assert [g.kind for g in again.groups] == [ChangeKind.IDENTICAL] * 3
    assert [(k.left, k.right) for k in again.links] == [(k.left, k.right) for k in plain.links]
    assert all(o.op is WordOpKind.EQUAL for g in again.groups for o in g.word_ops)
    assert again.summary.identical == 3
    # A later re-alignment keeps the options it was made with.
    assert realign(again, embedder=real_embedder, sensitivity=0.6).ignore == ignoring



WORDS = st.sampled_from("The the 1,000 1000 “quote” \"quote\" truce, ends . aid  North north".split(" "))
OPTIONS = st.builds(IgnoreOptions, st.booleans(), st.booleans(), st.booleans(), st.booleans(), st.booleans())


@settings(max_examples=150, deadline=None)
@given(st.lists(WORDS, min_size=1, max_size=20), st.lists(WORDS, min_size=1, max_size=20), OPTIONS)
def test_ops_under_any_options_stay_in_order_inside_the_texts(lw, rw, ignore):
    left, right = " ".join(lw), " ".join(rw)
    ops = word_ops([Sentence(left, 0, len(left))], [Sentence(right, 0, len(right))], [0], [0], ignore)
    for side, text in (("left", left), ("right", right)):
        spans = [(getattr(o, f"{side}_start"), getattr(o, f"{side}_end")) for o in ops
                 if getattr(o, f"{side}_start") >= 0]
        assert all(0 <= a <= b <= len(text) for a, b in spans)
        assert all(b <= c for (_, b), (c, _) in pairwise(spans))
    if same_text(left, right, ignore):
        assert all(o.op is WordOpKind.EQUAL for o in ops)
