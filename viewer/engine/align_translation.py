"""Two corrections to the aligner's links, applied only with the multilingual encoder.

Its cosines are lower and flatter than the English model's (a sentence and its translation
0.55-0.9, but a member of a split 0.3-0.45, and a headline against the lead 0.6-0.7), so a
group can take a neighbour that belongs elsewhere:

* a member of a split or merge in another paragraph than the group's best link is dropped
  (a headline is not half of the lead's translation; translators split and merge sentences
  inside a paragraph);
* a weak link between two sentences that each have a better link of their own is dropped
  (an N-shaped group: for a translation, one of its sentences is two groups' neighbour);
* a member at a group's edge that matches the unlinked sentence next to the group on the
  other side at least as well moves to it ("He said. «Quote»" against "«Short quote», dijo.":
  the short quotation is the quote's translation, not the second half of "He said").
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .align import RawLink
from .model import Sentence

__all__ = ["refine_translation_links"]


def refine_translation_links(
    links: Sequence[RawLink],
    left: Sequence[Sentence],
    right: Sequence[Sentence],
    left_vectors: np.ndarray,
    right_vectors: np.ndarray,
) -> list[RawLink]:
    """``links`` with the two corrections of this module's docstring."""
    out = list(links)
    out = _same_paragraph(out, left, right, side=0)
    out = _same_paragraph(out, left, right, side=1)
    out = _move_edges(out, left_vectors, right_vectors, side=0)
    out = _move_edges(out, left_vectors, right_vectors, side=1)
    out = _drop_bridges(out)
    return sorted(out, key=lambda r: (r.left, r.right))


def _ends(link: RawLink, side: int) -> tuple[int, int]:
    """(this side's sentence, the other side's) of ``link``."""
    return (link.left, link.right) if side == 0 else (link.right, link.left)


def _same_paragraph(
    links: list[RawLink], left: Sequence[Sentence], right: Sequence[Sentence], *, side: int
) -> list[RawLink]:
    """Drop the links that make a sentence of the other side reach into another paragraph of
    this side than its best link does."""
    sentences = left if side == 0 else right
    by_other: dict[int, list[RawLink]] = {}
    for r in links:
        by_other.setdefault(_ends(r, side)[1], []).append(r)
    dropped: set[tuple[int, int]] = set()
    for members in by_other.values():
        if len(members) < 2:
            continue
        best = max(members, key=lambda r: r.similarity)
        block = sentences[_ends(best, side)[0]].block
        for r in members:
            if sentences[_ends(r, side)[0]].block != block:
                dropped.add((r.left, r.right))
    return [r for r in links if (r.left, r.right) not in dropped]


def _move_edges(
    links: list[RawLink], lv: np.ndarray, rv: np.ndarray, *, side: int
) -> list[RawLink]:
    """Move a group member of this side at the group's edge to the unlinked sentence of the
    other side next to the group, when it matches that one at least as well."""
    linked_other = {_ends(r, side)[1] for r in links}
    by_other: dict[int, list[RawLink]] = {}
    for r in links:
        by_other.setdefault(_ends(r, side)[1], []).append(r)
    n_other = lv.shape[0] if side == 1 else rv.shape[0]
    out = list(links)
    for other, members in by_other.items():
        if len(members) < 2:
            continue
        best = max(members, key=lambda r: r.similarity)
        ordered = sorted(members, key=lambda r: _ends(r, side)[0])
        for edge, step in ((ordered[0], -1), (ordered[-1], 1)):
            if edge is best:
                continue
            target = other + step
            if not 0 <= target < n_other or target in linked_other:
                continue
            mine = _ends(edge, side)[0]
            i, j = (mine, target) if side == 0 else (target, mine)
            score = float(lv[i] @ rv[j])
            if score >= edge.similarity:
                out.remove(edge)
                out.append(RawLink(i, j, score, edge.moved))
                linked_other.add(target)
    return out


BRIDGE_SIMILARITY = 0.45
"""A link weaker than this whose two sentences both have better links is a bridge to drop."""


def _drop_bridges(links: list[RawLink]) -> list[RawLink]:
    best_left: dict[int, float] = {}
    best_right: dict[int, float] = {}
    for r in links:
        best_left[r.left] = max(best_left.get(r.left, -1.0), r.similarity)
        best_right[r.right] = max(best_right.get(r.right, -1.0), r.similarity)
    return [
        r
        for r in links
        if not (
            r.similarity < BRIDGE_SIMILARITY
            and best_left[r.left] > r.similarity
            and best_right[r.right] > r.similarity
        )
    ]
