"""One definition of "the same text" and of a group's kind, used by the aligner and compare()."""

from __future__ import annotations

from viewer.engine.classify import (
    KindSettings,
    edit_kind,
    group_kind,
    normalise,
    same_text,
    straighten_quotes,
)
from viewer.engine.compare import compare
from viewer.engine.model import Block, ChangeKind, Document, WordOpKind


def _paragraphs(text: str) -> Document:
    """One block a paragraph (paragraphs separated by a blank line)."""
    blocks, start = [], 0
    for part in text.split("\n\n"):
        blocks.append(Block(start, start + len(part)))
        start += len(part) + 2
    return Document(text=text, blocks=tuple(blocks))


def test_normalise_folds_white_space_and_quote_style_only():
    assert normalise("  “It’s   done,”\u00a0he said.\n") == "\"It's done,\" he said."
    assert same_text("He said “yes”.", 'He said  "yes".')
    assert not same_text("He said yes.", "He said Yes.")
    assert not same_text("He said yes.", "He said yes!")
    text = "“It’s” — fine"
    assert len(straighten_quotes(text)) == len(text)  # offsets stand


def test_edit_kind_thresholds_and_sensitivity():
    defaults = KindSettings()
    never = lambda: (_ for _ in ()).throw(AssertionError("not needed"))
    assert edit_kind(["A b c."], ["A  b c."], never, defaults) is ChangeKind.IDENTICAL
    assert edit_kind(["A", "b c."], ["A b", "c."], never, defaults) is ChangeKind.IDENTICAL
    assert edit_kind(["x"], ["y"], lambda: (3, 40), defaults) is ChangeKind.MINOR
    assert edit_kind(["x"], ["y"], lambda: (5, 25), defaults) is ChangeKind.MINOR  # a fifth
    assert edit_kind(["x"], ["y"], lambda: (6, 25), defaults) is ChangeKind.REWORDED
    strict = defaults.scaled(1.0)
    assert strict == KindSettings(minor_max_changed_words=0, minor_max_changed_share=0.0)
    assert edit_kind(["x"], ["y"], lambda: (1, 40), strict) is ChangeKind.REWORDED
    assert defaults.scaled(0.5) == defaults
    assert defaults.scaled(0.0) == KindSettings(6, 0.4)
    assert group_kind(ChangeKind.MINOR, True) is ChangeKind.MOVED
    assert group_kind(ChangeKind.MINOR, False) is ChangeKind.MINOR


def test_a_change_of_quote_style_or_spacing_is_identical_everywhere(lexical_embedder):
    left = _paragraphs("He said “it’s over” on Monday.\n\nThe talks resume in May.")
    right = _paragraphs('He said "it\'s over"  on Monday.\n\nThe talks resume in May.')
    c = compare(left, right, embedder=lexical_embedder)
    assert [(g.left, g.right, g.kind) for g in c.groups] == [
        ((0,), (0,), ChangeKind.IDENTICAL),
        ((1,), (1,), ChangeKind.IDENTICAL),
    ]
    # The word diff agrees: nothing but kept words.
    assert all(op.op is WordOpKind.EQUAL for g in c.groups for op in g.word_ops)


def test_a_sentence_kept_with_other_spacing_pairs_with_its_copy(lexical_embedder):
    # Repeated sentence: each copy stays with the copy in its own place, though one side
    # spaces it differently.
    left = _paragraphs("Prices rose.\n\nWages fell.\n\nPrices rose.")
    right = _paragraphs("Prices  rose.\n\nWages fell sharply.\n\nPrices rose.")
    c = compare(left, right, embedder=lexical_embedder)
    assert {(k.left, k.right) for k in c.links} >= {(0, 0), (2, 2)}
    assert c.groups[0].kind is ChangeKind.IDENTICAL
