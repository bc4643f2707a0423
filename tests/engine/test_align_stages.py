"""The aligner as a pipeline of named stages, each returning new links (engine only, no Qt)."""

from __future__ import annotations

import pytest

from viewer.engine import align as align_mod
from viewer.engine.align import LEXICAL_SETTINGS, STAGES, align
from viewer.engine.review import ReviewState, link

FIRST = [
    "The council approved the budget on Monday.",
    "It includes money for new buses.",
    "Critics said the plan was rushed.",
    "The mayor praised the vote.",
    "The mayor praised the vote.",
    "Work begins in spring.",
]
SECOND = [
    "On Monday the council approved the budget.",
    "The mayor praised the vote.",
    "It includes money for new buses and for trams.",
    "Work begins in spring.",
    "The mayor praised the vote.",
    "Opponents called the plan rushed.",
]


# The aligner works in the orientation whose left side sorts first; these are in it, so the
# stages see the indices the test uses.
LEFT, RIGHT = SECOND, FIRST
assert tuple(LEFT) < tuple(RIGHT)


def test_the_stages_run_in_order_by_name():
    assert [name for name, _ in STAGES] == [
        "link in order", "pair copies", "prune groups", "pin", "match moves",
    ]


def test_each_stage_returns_new_links_and_leaves_its_input_alone(monkeypatch, lexical_embedder):
    seen: list[tuple[str, dict, dict]] = []

    def watched(name, stage):
        def run(ctx, draft):
            before = dict(draft.links)
            out = stage(ctx, draft)
            assert dict(draft.links) == before, f"{name} changed its input"
            assert out is draft or out.links is not draft.links
            seen.append((name, before, dict(out.links)))
            return out

        return run

    plain = align(LEFT, RIGHT, lexical_embedder, LEXICAL_SETTINGS)
    monkeypatch.setattr(align_mod, "STAGES", tuple((n, watched(n, s)) for n, s in STAGES))
    review = link(ReviewState(), [5], [2])  # "Opponents called ..." -> "Critics said ..."
    watched_links = align(
        LEFT, RIGHT, lexical_embedder, LEXICAL_SETTINGS, constraints=review.constraints()
    )
    assert [name for name, *_ in seen] == [name for name, _ in STAGES]
    final = {(r.left, r.right) for r in watched_links}
    assert final == set(seen[-1][2])
    assert (5, 2) in final and (5, 2) not in {(r.left, r.right) for r in plain} | set(seen[0][2])
    # After "pair copies" a repeated sentence has at most its copy; "match moves" pairs the
    # copy the order kept apart, as moved.
    for i in (1, 4):
        assert len([k for k in seen[1][2] if k[0] == i]) <= 1
    assert {k for k in final if k[0] in (1, 4)} == {(1, 3), (4, 4)}
    assert [r.moved for r in watched_links if (r.left, r.right) == (1, 3)] == [True]


@pytest.mark.parametrize("sensitivity", [0.2, 0.5, 0.8])
def test_the_pipeline_gives_what_align_gave(lexical_embedder, sensitivity):
    settings = LEXICAL_SETTINGS.scaled(sensitivity)
    forward = align(LEFT, RIGHT, lexical_embedder, settings)
    backward = align(RIGHT, LEFT, lexical_embedder, settings)
    assert {(r.left, r.right) for r in forward} == {(r.right, r.left) for r in backward}
