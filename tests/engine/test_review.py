"""ReviewState: pure edits, constraints, progress (engine only, no Qt)."""

from __future__ import annotations

import pytest

from viewer.engine import review as rv
from viewer.engine.model import ChangeKind
from viewer.engine.review import Mark, MarkState, ReviewState, Target


def test_link_pins_every_pair_and_takes_sentences_from_other_pins():
    s = rv.link(ReviewState(), [1, 0], [4])
    assert s.links == (rv.ManualLink((0, 1), (4,)),)
    assert s.pinned_pairs() == {(0, 4), (1, 4)}
    s = rv.link(s, [1], [5, 6])
    # Sentence 1 left its old pin; the old pin keeps sentence 0.
    assert set(s.links) == {rv.ManualLink((0,), (4,)), rv.ManualLink((1,), (5, 6))}
    c = s.constraints()
    assert c.fixed_left == {0, 1} and c.fixed_right == {4, 5, 6}


def test_unlink_one_pair_of_a_pin_forbids_it_and_keeps_the_rest():
    s = rv.link(ReviewState(), [0], [1, 2])
    s = rv.unlink(s, [0], [2])
    assert s.forbidden == {(0, 2)}
    assert s.links == (rv.ManualLink((0,), (1,)),)
    # Linking the pair again lifts the ban.
    s = rv.link(s, [0], [1, 2])
    assert not s.forbidden and s.pinned_pairs() == {(0, 1), (0, 2)}


def test_unlink_a_whole_pin_removes_it():
    s = rv.unlink(rv.link(ReviewState(), [3, 4], [7]), [3, 4], [7])
    assert not s.links and s.forbidden == {(3, 7), (4, 7)}
    assert not rv.allow(s, [(3, 7), (4, 7)]).has_decisions


def test_no_counterpart_takes_a_sentence_out_of_its_pin():
    s = rv.link(ReviewState(), [2], [3])
    s = rv.set_no_counterpart(s, "right", 3)
    assert not s.links and s.no_counterpart_right == {3}
    s = rv.link(s, [2], [3])
    assert not s.no_counterpart_right
    with pytest.raises(ValueError):
        rv.set_no_counterpart(s, "middle", 1)


def test_edits_return_new_states_and_leave_the_old_one():
    s0 = ReviewState()
    s1 = rv.link(s0, [0], [0])
    assert s0.empty and not s1.empty and s0 != s1
    assert rv.link(ReviewState(), [0], [0]) == s1


def test_marks_and_notes_are_independent_and_an_empty_mark_is_dropped():
    t = Target((1,), (2,))
    s = rv.set_state(ReviewState(), t, MarkState.FLAGGED)
    s = rv.set_note(s, t, "check the figure\nwith the desk")
    assert s.mark(t) == Mark(MarkState.FLAGGED, "check the figure\nwith the desk")
    s = rv.set_state(s, t, None)
    assert s.mark(t) == Mark(None, "check the figure\nwith the desk")
    s = rv.set_note(s, t, "")
    assert s.marks == () and s.mark(t).empty


def test_constraints_swap_and_clip():
    s = rv.unlink(rv.link(ReviewState(), [0, 1], [5]), [9], [9])
    c = s.constraints()
    w = c.swapped()
    assert w.pinned == {(5, 0), (5, 1)} and w.forbidden == {(9, 9)} and w.fixed_left == {5, 9} - {9}
    clipped = c.within(2, 6)
    assert clipped.forbidden == frozenset() and clipped.pinned == c.pinned


def test_progress_counts_changes_and_findings_and_leaves_ignored_out(sample_comparison):
    c = sample_comparison
    changes = rv.change_targets(c)
    assert len(changes) == (
        sum(1 for g in c.groups if g.kind is not ChangeKind.IDENTICAL) + len(c.omitted) + len(c.added)
    )
    s = ReviewState()
    s = rv.set_state(s, changes[0], MarkState.REVIEWED)
    s = rv.set_state(s, changes[1], MarkState.FLAGGED)
    s = rv.set_state(s, changes[2], MarkState.IGNORED)
    s = rv.set_note(s, changes[3], "a note")
    f = rv.finding_target(c.findings[0])
    s = rv.set_state(s, f, MarkState.REVIEWED)
    p = rv.review_progress(c, s)
    assert (p.changes, p.reviewed, p.flagged, p.ignored) == (len(changes) - 1, 1, 1, 1)
    assert (p.findings, p.findings_reviewed, p.notes) == (len(c.findings), 1, 1)
