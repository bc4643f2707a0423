"""The sample pair against links drawn by hand (tests/data/sample_gold.json), with the real model.

What an editor expects, sentence by sentence (0-based indices of ``split_sentences``):

* L0, the photo caption with its REUTERS credit, and L1, the "CNN —" dateline, have no
  counterpart: the rewrite has no caption and no dateline. They are omitted.
* R0 and R1 are the rewrite's headline, printed twice. The original has no headline, and a
  headline is a new summary of the whole story, not a rewording of any one sentence (its
  "evacuate" is not even in the original): both copies are added material, linked to nothing.
* R2, the standfirst, restates the lede L2 in short ("US officials are in talks with Israel on
  safeguarding thousands of civilians who sought refuge in southern Gaza..."), and R3 rewords
  L2 in full: L2 links to both (a split), so that the editor checks the standfirst against
  the sentence it comes from.
* L5 ("So far the IDF has warned...") and the first half of L6 ("Moving civilians back north
  would represent a significant humanitarian challenge") are merged into R6; the second half
  of L6 (the 40% to 50% satellite figure) becomes R7: an N-shaped group, L6 feeding R6 and R7.
* L15 is split into R16 (constant contact on military tactics) and R17 (the truce may end).
* Every other sentence of the original has exactly one rewrite, in order (L3-R4 ... L20-R22).
* R23 to R41 are new material (hostage talks, Democratic rifts, Biden's tweet, safe zones,
  post-war governance, the credit line): added, linked to nothing; in particular R30 on safe
  zones in the south is new reporting, not a move of L8.

The assertion is the exact link set: no tolerance, because every link above is one an editor
would want, and any other would be a false lead on screen.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from viewer.engine.compare import compare
from viewer.services.documents import read_document

GOLD_PATH = Path(__file__).resolve().parent.parent / "data" / "sample_gold.json"


@pytest.fixture(scope="module")
def gold() -> dict:
    return json.loads(GOLD_PATH.read_text(encoding="utf-8"))


def _folded(text: str) -> str:
    return " ".join(text.split())


def _gold_links(gold: dict) -> set[tuple[int, int]]:
    return {(k["left"], k["right"]) for k in gold["links"]}


def test_gold_still_points_at_the_same_sentences(sample_comparison, gold):
    """If segmentation changes, the gold must be redrawn, not silently shifted."""
    c = sample_comparison
    assert len(c.left_sentences) == gold["left_sentences"]
    assert len(c.right_sentences) == gold["right_sentences"]
    for k in gold["links"]:
        assert _folded(c.left_sentences[k["left"]].text).startswith(k["left_starts"].rstrip()), k
        assert _folded(c.right_sentences[k["right"]].text).startswith(k["right_starts"].rstrip()), k


def test_links_are_exactly_the_hand_drawn_ones(sample_comparison, gold):
    got = {(k.left, k.right) for k in sample_comparison.links}
    want = _gold_links(gold)
    assert got - want == set(), "links an editor would not draw"
    assert want - got == set(), "links an editor expects but the aligner missed"


def test_headline_is_added_and_standfirst_is_linked_to_the_lede(sample_comparison):
    c = sample_comparison
    assert 0 in c.added and 1 in c.added
    assert _folded(c.right_sentences[0].text) == _folded(c.right_sentences[1].text)
    lede = c.group_of_left(2)
    assert lede is not None and c.groups[lede].right == (2, 3)
    assert 0 in c.omitted and 1 in c.omitted


def test_overlapping_group_and_split(sample_comparison):
    c = sample_comparison
    g = c.groups[c.group_of_left(6)]
    assert (g.left, g.right) == ((5, 6), (6, 7))
    g = c.groups[c.group_of_left(15)]
    assert (g.left, g.right) == ((15,), (16, 17))
    assert not any(g.moved for g in c.groups)


def test_new_material_is_added(sample_comparison):
    assert set(range(23, 42)) <= set(sample_comparison.added)


def test_swapping_the_documents_mirrors_the_links(sample_comparison, real_embedder, seeds):
    """compare(B, A) gives the same links as compare(A, B), each pair turned round."""
    swapped = compare(
        read_document(seeds / "rewrite.txt"), read_document(seeds / "original.txt"), embedder=real_embedder
    )
    forward = {(k.left, k.right) for k in sample_comparison.links}
    assert {(k.right, k.left) for k in swapped.links} == forward
    assert {(g.right, g.left) for g in swapped.groups} == {(g.left, g.right) for g in sample_comparison.groups}
