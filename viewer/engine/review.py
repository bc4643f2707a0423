"""An editor's review of a comparison: manual decisions about the alignment, and marks.

``ReviewState`` is frozen; every edit is a pure function returning a new state, so an undo
stack only has to keep states. Indices are sentence indices of the comparison's documents.

Manual decisions (the aligner takes them as constraints, see ``AlignConstraints``):

- a *pinned link* ``ManualLink(left, right)``: every left sentence of it is linked with every
  right one, except the pairs the editor unlinked; a pinned sentence gets no other counterpart;
- a *forbidden pair* (left i, right j): never linked;
- a *no counterpart* sentence: never linked (shown as omitted or added).

Marks: a ``Target`` (a group of sentences, an unlinked sentence, or a finding) carries a
``Mark``: a state (reviewed, flagged, ignored, or none) and a note. A mark whose target is not
in the current comparison (the sensitivity moved a group's edge) is kept, not lost: it applies
again when the group comes back.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from enum import Enum

from .model import ChangeKind, Comparison, Finding

__all__ = [
    "AlignConstraints",
    "Lost",
    "ManualLink",
    "Mark",
    "MarkState",
    "ReviewProgress",
    "ReviewState",
    "Target",
    "allow",
    "change_targets",
    "finding_target",
    "group_target",
    "link",
    "remap",
    "review_progress",
    "sentence_map",
    "set_mark",
    "set_no_counterpart",
    "set_note",
    "set_state",
    "unlink",
]


class MarkState(str, Enum):
    REVIEWED = "reviewed"
    FLAGGED = "flagged"
    IGNORED = "ignored"


@dataclass(frozen=True, order=True)
class ManualLink:
    """Left sentences ``left`` and right sentences ``right`` belong together, by the editor's word."""

    left: tuple[int, ...]
    right: tuple[int, ...]


@dataclass(frozen=True, order=True)
class Target:
    """What a mark is on: a group of linked sentences (both sides set), an unlinked sentence
    (one side empty), or a finding (``finding`` is its kind, ``detail`` its detail; ``left`` and
    ``right`` its sentences, empty for a side it has none on)."""

    left: tuple[int, ...]
    right: tuple[int, ...]
    finding: str = ""
    detail: str = ""

    @property
    def is_finding(self) -> bool:
        return bool(self.finding)


@dataclass(frozen=True)
class Mark:
    """A review state (None: only a note) and a note (plain text, any length)."""

    state: MarkState | None = None
    note: str = ""

    @property
    def empty(self) -> bool:
        return self.state is None and not self.note


def group_target(left: Iterable[int], right: Iterable[int]) -> Target:
    """The target of a change: a linked group, or one unlinked sentence (other side empty)."""
    return Target(tuple(sorted(set(left))), tuple(sorted(set(right))))


def finding_target(f: Finding) -> Target:
    return Target(
        (f.left,) if f.left >= 0 else (),
        (f.right,) if f.right >= 0 else (),
        f.kind.value,
        f.detail,
    )


@dataclass(frozen=True)
class AlignConstraints:
    """What the aligner must respect: ``pinned`` pairs are linked, ``fixed_left``/``fixed_right``
    sentences (pinned or with no counterpart) get no other link, ``forbidden`` pairs are never
    linked. ``pins`` are the pinned groups as (left, right) index tuples, for the order cuts."""

    pinned: frozenset[tuple[int, int]] = frozenset()
    forbidden: frozenset[tuple[int, int]] = frozenset()
    fixed_left: frozenset[int] = frozenset()
    fixed_right: frozenset[int] = frozenset()
    pins: tuple[tuple[tuple[int, ...], tuple[int, ...]], ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.pinned or self.forbidden or self.fixed_left or self.fixed_right)

    def swapped(self) -> AlignConstraints:
        """The same constraints with the two documents exchanged."""
        return AlignConstraints(
            frozenset((j, i) for i, j in self.pinned),
            frozenset((j, i) for i, j in self.forbidden),
            self.fixed_right,
            self.fixed_left,
            tuple((r, lft) for lft, r in self.pins),
        )

    def allowed(self, i: int, j: int) -> bool:
        """May the aligner link left ``i`` and right ``j`` on its own?"""
        return i not in self.fixed_left and j not in self.fixed_right and (i, j) not in self.forbidden

    def within(self, n: int, m: int) -> AlignConstraints:
        """Only what refers to sentences 0..n-1 and 0..m-1 (a saved review on shorter texts)."""
        def ok(i: int, j: int) -> bool:
            return 0 <= i < n and 0 <= j < m

        pins = tuple(
            (tuple(i for i in lft if 0 <= i < n), tuple(j for j in r if 0 <= j < m)) for lft, r in self.pins
        )
        return AlignConstraints(
            frozenset(p for p in self.pinned if ok(*p)),
            frozenset(p for p in self.forbidden if ok(*p)),
            frozenset(i for i in self.fixed_left if 0 <= i < n),
            frozenset(j for j in self.fixed_right if 0 <= j < m),
            tuple(p for p in pins if p[0] and p[1]),
        )


@dataclass(frozen=True)
class ReviewState:
    """Manual decisions and marks; edit it with the functions of this module."""

    links: tuple[ManualLink, ...] = ()
    forbidden: frozenset[tuple[int, int]] = frozenset()
    no_counterpart_left: frozenset[int] = frozenset()
    no_counterpart_right: frozenset[int] = frozenset()
    marks: tuple[tuple[Target, Mark], ...] = ()
    _index: dict[Target, Mark] = field(default_factory=dict, init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_index", dict(self.marks))

    @property
    def has_decisions(self) -> bool:
        """Does the alignment depend on this state (any pin, forbidden pair, no counterpart)?"""
        return bool(self.links or self.forbidden or self.no_counterpart_left or self.no_counterpart_right)

    @property
    def empty(self) -> bool:
        return not self.has_decisions and not self.marks

    def mark(self, target: Target) -> Mark:
        """The mark on ``target`` (an empty one if it has none)."""
        return self._index.get(target, _NO_MARK)

    def pinned_pairs(self) -> frozenset[tuple[int, int]]:
        return frozenset(
            (i, j) for link in self.links for i in link.left for j in link.right if (i, j) not in self.forbidden
        )

    def constraints(self) -> AlignConstraints:
        """The manual decisions as the aligner's constraints."""
        pinned = self.pinned_pairs()
        return AlignConstraints(
            pinned=pinned,
            forbidden=self.forbidden,
            fixed_left=frozenset(i for i, _ in pinned) | self.no_counterpart_left,
            fixed_right=frozenset(j for _, j in pinned) | self.no_counterpart_right,
            pins=tuple((link.left, link.right) for link in self.links),
        )

    def is_manual(self, left: Iterable[int], right: Iterable[int]) -> bool:
        """Is the group (left, right) made of pinned links?"""
        pinned = self.pinned_pairs()
        return any((i, j) in pinned for i in left for j in right)


_NO_MARK = Mark()


def _normal(left: Iterable[int], right: Iterable[int]) -> tuple[tuple[int, ...], tuple[int, ...]]:
    return tuple(sorted(set(left))), tuple(sorted(set(right)))


def _tidy_links(links: Iterable[ManualLink], forbidden: frozenset[tuple[int, int]]) -> tuple[ManualLink, ...]:
    """Drop pinned sentences left with no allowed pair, and pins left empty on a side."""
    out = []
    for link in links:
        left = tuple(i for i in link.left if any((i, j) not in forbidden for j in link.right))
        right = tuple(j for j in link.right if any((i, j) not in forbidden for i in link.left))
        if left and right:
            out.append(ManualLink(left, right))
    return tuple(sorted(set(out)))


def link(state: ReviewState, left: Iterable[int], right: Iterable[int]) -> ReviewState:
    """Pin ``left`` with ``right``: each of them leaves any pinned link it was in, loses its "no
    counterpart" mark, and the pairs between them are no longer forbidden."""
    lg, rg = _normal(left, right)
    if not lg or not rg:
        raise ValueError("a link needs at least one sentence on each side")
    ls, rs = set(lg), set(rg)
    others = [
        ManualLink(tuple(i for i in k.left if i not in ls), tuple(j for j in k.right if j not in rs))
        for k in state.links
    ]
    forbidden = frozenset(p for p in state.forbidden if not (p[0] in ls and p[1] in rs))
    return replace(
        state,
        links=_tidy_links([*others, ManualLink(lg, rg)], forbidden),
        forbidden=forbidden,
        no_counterpart_left=state.no_counterpart_left - ls,
        no_counterpart_right=state.no_counterpart_right - rs,
    )


def unlink(state: ReviewState, left: Iterable[int], right: Iterable[int]) -> ReviewState:
    """Forbid every pair between ``left`` and ``right`` (a whole group, or one pair of it): the
    aligner will not link them again. Pinned links lose those pairs."""
    lg, rg = _normal(left, right)
    forbidden = state.forbidden | {(i, j) for i in lg for j in rg}
    return replace(state, links=_tidy_links(state.links, forbidden), forbidden=forbidden)


def allow(state: ReviewState, pairs: Iterable[tuple[int, int]]) -> ReviewState:
    """Lift the ban on ``pairs`` (the aligner may link them again)."""
    forbidden = state.forbidden - set(pairs)
    return replace(state, links=_tidy_links(state.links, forbidden), forbidden=forbidden)


def set_no_counterpart(state: ReviewState, side: str, index: int, on: bool = True) -> ReviewState:
    """Mark (or unmark) sentence ``index`` of ``side`` ("left"/"right") as having no counterpart;
    marking it takes it out of any pinned link."""
    if side not in ("left", "right"):
        raise ValueError(side)
    left, right = state.no_counterpart_left, state.no_counterpart_right
    if not on:
        return replace(
            state,
            no_counterpart_left=left - {index} if side == "left" else left,
            no_counterpart_right=right - {index} if side == "right" else right,
        )
    links = [
        ManualLink(
            tuple(i for i in k.left if not (side == "left" and i == index)),
            tuple(j for j in k.right if not (side == "right" and j == index)),
        )
        for k in state.links
    ]
    return replace(
        state,
        links=_tidy_links(links, state.forbidden),
        no_counterpart_left=left | {index} if side == "left" else left,
        no_counterpart_right=right | {index} if side == "right" else right,
    )


def set_mark(state: ReviewState, target: Target, mark: Mark) -> ReviewState:
    """``target`` now carries ``mark`` (an empty mark removes it)."""
    marks = {t: m for t, m in state.marks if t != target}
    if not mark.empty:
        marks[target] = mark
    return replace(state, marks=tuple(sorted(marks.items(), key=lambda tm: tm[0])))


def set_state(state: ReviewState, target: Target, mark_state: MarkState | None) -> ReviewState:
    """Set the review state of ``target``, keeping its note."""
    return set_mark(state, target, replace(state.mark(target), state=mark_state))


def set_note(state: ReviewState, target: Target, note: str) -> ReviewState:
    """Set the note of ``target``, keeping its review state."""
    return set_mark(state, target, replace(state.mark(target), note=note))


# -- what there is to review ------------------------------------------------------------------


def change_targets(c: Comparison) -> list[Target]:
    """Every change of ``c`` an editor reviews, in reading order of the original: each group
    that is not identical, each omitted and each added sentence."""
    out = [group_target(g.left, g.right) for g in c.groups if g.kind is not ChangeKind.IDENTICAL]
    out.extend(Target((i,), ()) for i in c.omitted)
    out.extend(Target((), (j,)) for j in c.added)
    return sorted(out, key=lambda t: (t.left[0] if t.left else 1 << 30, t.right[0] if t.right else -1))


@dataclass(frozen=True)
class ReviewProgress:
    """How far a review has got. Ignored items are out of ``changes`` and ``findings``."""

    changes: int
    reviewed: int
    flagged: int
    ignored: int
    findings: int
    findings_reviewed: int
    findings_flagged: int
    findings_ignored: int
    notes: int


def _tally(targets: Sequence[Target], state: ReviewState) -> tuple[int, int, int, int]:
    counts = {s: 0 for s in MarkState}
    for t in targets:
        s = state.mark(t).state
        if s is not None:
            counts[s] += 1
    ignored = counts[MarkState.IGNORED]
    return len(targets) - ignored, counts[MarkState.REVIEWED], counts[MarkState.FLAGGED], ignored


def review_progress(c: Comparison, state: ReviewState) -> ReviewProgress:
    """Counts of the changes and findings of ``c`` by their marks in ``state``."""
    changes = change_targets(c)
    findings = [finding_target(f) for f in c.findings]
    total, reviewed, flagged, ignored = _tally(changes, state)
    ftotal, freviewed, fflagged, fignored = _tally(findings, state)
    notes = sum(1 for t in (*changes, *findings) if state.mark(t).note)
    return ReviewProgress(total, reviewed, flagged, ignored, ftotal, freviewed, fflagged, fignored, notes)


# -- carrying a review over to changed texts ---------------------------------------------------


def sentence_map(old: Sequence[str], new: Sequence[str]) -> dict[int, int]:
    """Old sentence index -> new index, for the sentences whose text is unchanged, in order
    (a longest common subsequence of the texts: a repeated sentence maps to its own copy)."""
    from difflib import SequenceMatcher

    matcher = SequenceMatcher(None, list(old), list(new), autojunk=False)
    out: dict[int, int] = {}
    for a, b, size in matcher.get_matching_blocks():
        for k in range(size):
            out[a + k] = b + k
    return out


@dataclass(frozen=True)
class Lost:
    """A decision or mark that could not be carried over: what it was, and on which sentences
    (old indices)."""

    what: str  # "link", "unlinked", "no_counterpart", "mark"
    left: tuple[int, ...]
    right: tuple[int, ...]
    mark: Mark | None = None
    finding: str = ""


def remap(
    state: ReviewState, left_map: dict[int, int], right_map: dict[int, int]
) -> tuple[ReviewState, list[Lost]]:
    """``state`` on new sentence indices; what refers to a sentence missing from a map (its
    text changed) is dropped and listed. A pinned link keeps the sentences that are left, if
    both sides keep one."""
    lost: list[Lost] = []

    def side(indices: Iterable[int], m: dict[int, int]) -> tuple[int, ...] | None:
        out = [m.get(i) for i in indices]
        return None if any(x is None for x in out) else tuple(sorted(x for x in out if x is not None))

    links = []
    for k in state.links:
        lg = tuple(sorted(left_map[i] for i in k.left if i in left_map))
        rg = tuple(sorted(right_map[j] for j in k.right if j in right_map))
        if len(lg) != len(k.left) or len(rg) != len(k.right):
            lost.append(Lost("link", k.left, k.right))
        if lg and rg:
            links.append(ManualLink(lg, rg))
    forbidden = set()
    for i, j in sorted(state.forbidden):
        if i in left_map and j in right_map:
            forbidden.add((left_map[i], right_map[j]))
        else:
            lost.append(Lost("unlinked", (i,), (j,)))
    none_l, none_r = set(), set()
    for i in sorted(state.no_counterpart_left):
        if i in left_map:
            none_l.add(left_map[i])
        else:
            lost.append(Lost("no_counterpart", (i,), ()))
    for j in sorted(state.no_counterpart_right):
        if j in right_map:
            none_r.add(right_map[j])
        else:
            lost.append(Lost("no_counterpart", (), (j,)))
    marks = []
    for t, m in state.marks:
        lg2, rg2 = side(t.left, left_map), side(t.right, right_map)
        if lg2 is None or rg2 is None:
            lost.append(Lost("mark", t.left, t.right, m, t.finding))
        else:
            marks.append((Target(lg2, rg2, t.finding, t.detail), m))
    frozen_forbidden = frozenset(forbidden)
    new = ReviewState(
        links=_tidy_links(links, frozen_forbidden),
        forbidden=frozen_forbidden,
        no_counterpart_left=frozenset(none_l),
        no_counterpart_right=frozenset(none_r),
        marks=tuple(sorted(dict(marks).items(), key=lambda tm: tm[0])),
    )
    return new, lost
