"""The .adiff review file: round trip, damaged files, atomic and safe saving, carry-over."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from viewer.engine import review as rv
from viewer.engine.review import Mark, MarkState, ReviewState, Target
from viewer.engine.segment import split_sentences
from viewer.services.atomic import ExportError
from viewer.services.documents import document_from_text, read_document
from viewer.services.review_file import (
    FORMAT,
    Review,
    ReviewFileError,
    ReviewSettings,
    carry_over,
    describe_lost,
    load_review,
    review_to_dict,
    save_review,
    source_status,
)

TEXT_L = "The truce held on Tuesday.\n\nOfficials said 40 people died. “We will win,” he said.\n\nAid arrived."
TEXT_R = "Officials said 45 people died.\n\nThe truce held on Tuesday. Aid arrived late."


def make_review(state: ReviewState = ReviewState(), left: str = TEXT_L, right: str = TEXT_R) -> Review:
    a = document_from_text(left, name="a.txt")
    b = document_from_text(right, name="b.txt")
    return Review(a, b, split_sentences(a), split_sentences(b), ReviewSettings(0.3, "auto", "m"), state)


def test_schema_has_the_documented_minimum():
    state = rv.set_note(rv.link(ReviewState(), [0], [1]), Target((1,), ()), "check\nthis")
    state = rv.unlink(state, [2], [0])
    d = review_to_dict(make_review(state))
    assert d["format"] == FORMAT and d["version"] == 1
    for side in ("left", "right"):
        assert {"path", "name", "format", "sha256", "text", "sentences"} <= set(d[side])
    assert d["settings"] == {"sensitivity": 0.3, "split": "auto", "model": "m"}
    assert d["manual_links"] == [{"left": [0], "right": [1]}]
    assert d["unlinked"] == [{"left": 2, "right": 0}]
    assert d["marks"] == [{"left": [1], "right": [], "state": None, "note": "check\nthis"}]


indices = st.lists(st.integers(0, 2), min_size=1, max_size=2)
note = st.text(max_size=40)


@st.composite
def states(draw) -> ReviewState:
    s = ReviewState()
    for _ in range(draw(st.integers(0, 8))):
        op = draw(st.integers(0, 5))
        ls, rs = draw(indices), draw(indices)
        if op == 0:
            s = rv.link(s, ls, rs)
        elif op == 1:
            s = rv.unlink(s, ls, rs)
        elif op == 2:
            s = rv.set_no_counterpart(s, draw(st.sampled_from(["left", "right"])), ls[0])
        else:
            finding = draw(st.sampled_from(["", "changed_number"]))
            t = Target(tuple(sorted(set(ls))), tuple(sorted(set(rs))) if op != 3 else (),
                       finding, draw(note) if finding else "")
            s = rv.set_mark(s, t, Mark(draw(st.sampled_from([None, *MarkState])), draw(note)))
    return s


texts = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=60)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(state=states(), extra=texts)
def test_round_trip(state, extra, tmp_path):
    # Any text (quotes, newlines, emoji, RTL, "<b>") survives, and so does every decision.
    review = make_review(state, left=TEXT_L + "\n\n" + extra.replace("\x00", "") + " end.")
    target = tmp_path / "r.adiff"
    if target.exists():
        target.unlink()
    save_review(review, target)
    back = load_review(target)
    assert back.state == state
    assert back.left.text == review.left.text and back.right.text == review.right.text
    assert back.left_sentences == review.left_sentences and back.right_sentences == review.right_sentences
    assert back.left.blocks == review.left.blocks
    assert back.settings == review.settings
    assert json.loads(target.read_text("utf-8"))["format"] == FORMAT


def test_damaged_truncated_foreign_and_newer_files_get_a_clear_message(tmp_path):
    good = tmp_path / "good.adiff"
    save_review(make_review(rv.link(ReviewState(), [0], [1])), good)
    data = good.read_bytes()
    cases = {
        "truncated": (data[: len(data) // 2], "incomplete"),
        "damaged": (data.replace(b'"version"', b'"version" 1,', 1), "damaged"),
        "foreign": (b'{"schema_version": 1, "links": []}', "not an Article Diff review file"),
        "not json": (b"The truce held.", "not a review file"),
        "binary": (b"\x89PNG\r\n\x1a\n\x00\x00", "not a review file"),
        "newer": (data.replace(b'"version": 1', b'"version": 7', 1), "newer Article Diff"),
        "empty": (b"", "empty"),
    }
    bad = json.loads(data)
    bad["manual_links"][0]["right"] = [99]
    cases["bad index"] = (json.dumps(bad).encode(), "sentence 99")
    bad["manual_links"] = "x"
    cases["bad type"] = (json.dumps(bad).encode(), "damaged")
    for name, (content, words) in cases.items():
        p = tmp_path / f"{name}.adiff"
        p.write_bytes(content)
        with pytest.raises(ReviewFileError) as info:
            load_review(p)
        assert words in info.value.message, (name, info.value.message)
        assert p.read_bytes() == content  # nothing changed
    with pytest.raises(ReviewFileError, match="Cannot find"):
        load_review(tmp_path / "missing.adiff")


def test_saving_never_replaces_an_article_or_a_foreign_file(tmp_path, seeds):
    article = tmp_path / "article.txt"
    article.write_text("The truce held. Aid arrived.\n", "utf-8")
    doc = read_document(article)
    review = Review(doc, doc, split_sentences(doc), split_sentences(doc), ReviewSettings(), ReviewState())
    before = article.read_bytes()
    with pytest.raises(ExportError, match="one of the files being compared"):
        save_review(review, article)
    other = tmp_path / "notes.txt"
    other.write_text("my notes", "utf-8")
    with pytest.raises(ExportError, match="not a review file"):
        save_review(review, other)
    assert article.read_bytes() == before and other.read_text("utf-8") == "my notes"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["article.txt", "notes.txt"]  # no .part left
    # An existing review is replaced.
    target = tmp_path / "r.adiff"
    save_review(review, target)
    save_review(Review(*list(review.__dict__.values())[:5], rv.link(ReviewState(), [0], [0])), target)
    assert load_review(target).state.links


def test_a_failed_save_leaves_the_old_review(tmp_path, monkeypatch):
    target = tmp_path / "r.adiff"
    save_review(make_review(), target)
    before = target.read_bytes()
    import viewer.services.review_file as mod

    def boom(*a, **k):
        raise RuntimeError("disk full")

    monkeypatch.setattr(mod, "review_to_dict", boom)
    with pytest.raises(RuntimeError):
        save_review(make_review(rv.link(ReviewState(), [0], [0])), target)
    assert target.read_bytes() == before and [p.name for p in tmp_path.iterdir()] == ["r.adiff"]


def test_changed_source_is_noticed_and_decisions_follow_unchanged_sentences(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(TEXT_L, "utf-8")
    b.write_text(TEXT_R, "utf-8")
    left, right = read_document(a), read_document(b)
    ls, rs = split_sentences(left), split_sentences(right)
    assert [s.text for s in ls][:2] == ["The truce held on Tuesday.", "Officials said 40 people died."]
    state = rv.link(ReviewState(), [0], [1])  # truce <-> truce
    state = rv.set_mark(state, Target((1,), (0,)), Mark(MarkState.FLAGGED, "40 or 45?"))
    state = rv.set_state(state, Target((3,), ()), MarkState.REVIEWED)  # "Aid arrived."
    review = Review(left, right, ls, rs, ReviewSettings(), state, None)
    assert [s.state for s in source_status(review)] == ["same", "same"]
    # The editor's original gains a sentence at the top and the figure sentence changes.
    a.write_text("A new lead.\n\n" + TEXT_L.replace("40 people", "41 people"), "utf-8")
    assert [s.state for s in source_status(review)] == ["changed", "same"]
    moved = carry_over(review, read_document(a), None)
    new = moved.review
    assert new.left.text.startswith("A new lead.") and new.right is review.right
    assert new.state.links == (rv.ManualLink((1,), (1,)),)  # followed the truce sentence
    assert new.state.mark(Target((4,), ())).state is MarkState.REVIEWED
    assert [x.what for x in moved.lost] == ["mark"]
    line = describe_lost(moved.lost[0], review)
    assert "L2" in line and "40 or 45?" in line and "flagged" in line
    os.remove(a)
    assert [s.state for s in source_status(review)] == ["missing", "same"]


def test_a_minimal_file_written_by_another_tool_opens(tmp_path):
    p = tmp_path / "other.adiff"
    p.write_text(json.dumps({
        "format": "article-diff-review", "version": 1,
        "left": {"path": None, "name": "a", "sha256": "", "text": "One. Two.\n\nThree."},
        "right": {"path": None, "name": "b", "sha256": "", "text": "Three. One."},
        "settings": {},
        "manual_links": [{"left": [0], "right": [1]}],
        "unlinked": [{"left": 2, "right": 0}],
        "marks": [{"left": [1], "right": [], "state": "ignored", "note": ""}],
    }), "utf-8")
    r = load_review(p)
    assert [s.text for s in r.left_sentences] == ["One.", "Two.", "Three."]
    assert r.state.pinned_pairs() == {(0, 1)} and r.state.forbidden == {(2, 0)}
    assert r.state.mark(Target((1,), ())).state is MarkState.IGNORED
    assert r.settings == ReviewSettings()
    assert Path(r.path or "").name == "other.adiff"
