"""The aligned rows every export renders, and the report built around them."""

from __future__ import annotations

import dataclasses
import os
from datetime import datetime
from pathlib import Path

import pytest
from export_support import make_doc

from viewer.engine.compare import compare
from viewer.engine.embed import LexicalEmbedder
from viewer.engine.model import (
    ChangeKind,
    Comparison,
    Finding,
    FindingKind,
    Group,
    Sentence,
    WordOp,
    WordOpKind,
)
from viewer.services.atomic import ExportError
from viewer.services.export_report import build_report, check_target
from viewer.services.export_rows import build_rows, sentence_spans, split_row

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture(autouse=True)
def _home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ARTICLE_DIFF_HOME", str(tmp_path / "home"))




LEFT = [
    "The council approved the new budget on Tuesday evening after a long debate.",
    "Residents had complained for months about potholes on Main Street.",
    "The mayor said the repairs would begin in the spring.",
    "Critics argued that the plan ignored the northern districts entirely.",
    "A final vote on the transport levy is expected next month.",
    "The library will close for renovation during the summer.",
]
RIGHT = [
    LEFT[0],
    LEFT[2],
    LEFT[3].replace("entirely", "completely"),
    LEFT[4],
    LEFT[1],
    "A brand new paragraph about football scores appears here.",
]


@pytest.fixture(scope="module")
def moved() -> Comparison:
    """L2 moved to the end, L4 lightly edited, L6 dropped, R6 new."""
    c = compare(
        make_doc(LEFT, "council.txt"), make_doc(RIGHT, "council-v2.txt"), embedder=LexicalEmbedder()
    )
    assert any(g.moved for g in c.groups), "the fixture needs a moved group"
    return c


def labels(cell) -> list[str]:  # type: ignore[no-untyped-def]
    return [s.label for s in cell.sentences]


def test_every_sentence_once_and_right_side_in_rewrite_order(sample: Comparison) -> None:
    rows = build_rows(sample)
    rights = [s.index for r in rows for s in r.right.sentences]
    lefts = [s.index for r in rows for s in r.left.sentences]
    assert rights == list(range(len(sample.right_sentences)))
    assert sorted(lefts) == list(range(len(sample.left_sentences)))
    for r in rows:
        for s in r.left.sentences:
            assert s.text == sample.left_sentences[s.index].text
        for s in r.right.sentences:
            assert s.text == sample.right_sentences[s.index].text


def test_omissions_and_additions_have_an_empty_side(sample: Comparison) -> None:
    rows = build_rows(sample)
    omitted = [r for r in rows if r.kind is ChangeKind.OMITTED]
    added = [r for r in rows if r.kind is ChangeKind.ADDED]
    assert [r.left.sentences[0].index for r in omitted] == list(sample.omitted)
    assert [r.right.sentences[0].index for r in added] == list(sample.added)
    assert all(not r.right.sentences and r.right.note == "omitted" for r in omitted)
    assert all(not r.left.sentences and r.left.note == "added" for r in added)


def test_rows_mark_the_word_ops_of_their_group(sample: Comparison) -> None:
    rows = [r for r in build_rows(sample) if r.group is not None and not r.pointer]
    assert rows
    for r in rows:
        g = sample.groups[r.group]
        assert [s.index for s in r.left.sentences] == list(g.left)
        deleted = "".join(
            sp.text for s in r.left.sentences for sp in s.spans if sp.change is WordOpKind.DELETE
        ).split()
        inserted = "".join(
            sp.text for s in r.right.sentences for sp in s.spans if sp.change is WordOpKind.INSERT
        ).split()
        want_del = " ".join(
            sample.left.text[o.left_start : o.left_end]
            for o in g.word_ops
            if o.op is WordOpKind.DELETE
        ).split()
        want_ins = " ".join(
            sample.right.text[o.right_start : o.right_end]
            for o in g.word_ops
            if o.op is WordOpKind.INSERT
        ).split()
        assert "".join(deleted) == "".join(want_del)
        assert "".join(inserted) == "".join(want_ins)
        assert not any(sp.change is WordOpKind.INSERT for s in r.left.sentences for sp in s.spans)
        assert not any(sp.change is WordOpKind.DELETE for s in r.right.sentences for sp in s.spans)
    assert any(
        sp.change is WordOpKind.DELETE for r in rows for s in r.left.sentences for sp in s.spans
    )


def test_space_between_two_deleted_words_is_deleted_too() -> None:
    text = "alpha beta gamma delta"
    sentence = Sentence(text, 0, len(text))
    group = Group(
        (0,),
        (0,),
        ChangeKind.REWORDED,
        ChangeKind.REWORDED,
        0.8,
        word_ops=(
            WordOp(WordOpKind.EQUAL, 0, 5, 0, 5),
            WordOp(WordOpKind.DELETE, 6, 10),
            WordOp(WordOpKind.DELETE, 11, 16),
            WordOp(WordOpKind.EQUAL, 17, 22, 6, 11),
        ),
    )
    spans = sentence_spans(text, sentence, group, "L")
    assert [(s.text, s.change) for s in spans] == [
        ("alpha ", WordOpKind.EQUAL),
        ("beta gamma", WordOpKind.DELETE),
        (" delta", WordOpKind.EQUAL),
    ]


def test_moved_group_shows_in_rewrite_order_with_a_pointer_where_it_left(moved: Comparison) -> None:
    rows = build_rows(moved)
    summary = [(r.kind, r.pointer, labels(r.left), labels(r.right)) for r in rows]
    assert summary[0] == (ChangeKind.IDENTICAL, False, ["L1"], ["R1"])
    # The place L2 left, right after L1, points to where it went.
    assert summary[1] == (ChangeKind.MOVED, True, [], [])
    assert rows[1].left.note.startswith("L2 moved → after R4")
    assert "Residents had complained" in rows[1].left.note
    main = next(r for r in rows if r.kind is ChangeKind.MOVED and not r.pointer)
    assert labels(main.left) == ["L2"] and labels(main.right) == ["R5"]
    assert main.left.note == "moved from its place after L1 in the original"
    # Reading the left column top to bottom, the pointer stands in for L2: original order.
    order = []
    for r in rows:
        order += (
            [s.index for s in r.left.sentences]
            if not r.pointer
            else list(moved.groups[r.group].left)
        )
    order = [i for k, i in enumerate(order) if i not in order[:k]]
    assert order[: len(order) - 1] == sorted(order[: len(order) - 1])
    assert labels(rows[-1].right) == ["R6"] and rows[-1].kind is ChangeKind.ADDED
    omitted = next(r for r in rows if r.kind is ChangeKind.OMITTED)
    assert labels(omitted.left) == ["L6"]


def test_a_huge_sentence_is_cut_into_rows_at_word_boundaries() -> None:
    words = [f"word{k}" for k in range(1200)]
    huge = " ".join(words) + "."
    left = make_doc([huge], "huge.txt")
    right = make_doc([huge.replace("word600", "changed")], "huge2.txt")
    c = compare(left, right, embedder=LexicalEmbedder(), split="lines")
    rows = build_rows(c, max_chars=1500)
    assert len(rows) >= len(huge) // 1500
    assert all(r.left.chars <= 1500 and r.right.chars <= 1500 for r in rows)
    assert "".join(s.text for r in rows for s in r.left.sentences) == huge
    assert "".join(s.text for r in rows for s in r.right.sentences) == right.text
    assert rows[1].left.sentences[0].label == "L1 (cont.)"
    assert rows[1].continued and not rows[0].continued
    pieces = [s.text for r in rows for s in r.left.sentences]
    assert all(p.startswith(" ") and not p.endswith(" ") for p in pieces[1:])  # cut at spaces


def test_a_forty_sentence_merge_is_broken_sentence_by_sentence() -> None:
    lefts = [
        f"Sentence number {k} tells a small part of a long story about the harbour."
        for k in range(40)
    ]
    text = " ".join(lefts)
    ls = []
    pos = 0
    for s in lefts:
        ls.append(Sentence(s, pos, pos + len(s)))
        pos += len(s) + 1
    left = make_doc([text], "l.txt")
    right = make_doc(["One sentence sums up the harbour story."], "r.txt")
    group = Group(tuple(range(40)), (0,), ChangeKind.REWORDED, ChangeKind.REWORDED, 0.6)
    c = Comparison(
        left,
        right,
        tuple(ls),
        (Sentence(right.text, 0, len(right.text)),),
        (),
        (group,),
        (),
        (),
        (),
        LexicalEmbedder().info,
        0.5,
    )
    row = build_rows(c)[0]
    parts = split_row(row, 800)
    assert len(parts) >= 4
    assert [s.index for p in parts for s in p.left.sentences] == list(range(40))
    assert labels(parts[0].right) == ["R1"] and all(not p.right.sentences for p in parts[1:])
    assert all(p.right.note == "(continued)" for p in parts[1:])


def test_findings_are_ordered_by_severity_and_attached_to_their_rows(sample: Comparison) -> None:
    g = next(g for g in sample.groups if not g.moved)
    findings = (
        Finding(FindingKind.CHANGED_NAME, g.left[0], g.right[0], "Biden", "Joe Biden"),
        Finding(FindingKind.ALTERED_QUOTE, g.left[0], g.right[0], "pause", "truce", "words differ"),
        Finding(FindingKind.CHANGED_NUMBER, sample.omitted[0], -1, "29", ""),
    )
    c = dataclasses.replace(sample, findings=findings)
    report = build_report(c)
    assert [e.finding.kind for e in report.findings] == [
        FindingKind.ALTERED_QUOTE,
        FindingKind.CHANGED_NUMBER,
        FindingKind.CHANGED_NAME,
    ]
    assert report.findings[0].label == "Altered quotation"
    assert report.findings[0].where == f"L{g.left[0] + 1} → R{g.right[0] + 1}"
    assert (
        report.findings[1].right is None and report.findings[1].where == f"L{sample.omitted[0] + 1}"
    )
    row = next(r for r in report.rows if r.group == sample.groups.index(g))
    assert row.findings == (1, 3)
    omitted_row = next(
        r
        for r in report.rows
        if r.kind is ChangeKind.OMITTED and r.left.sentences[0].index == sample.omitted[0]
    )
    assert omitted_row.findings == (2,)
    focus = [s for s in report.findings[0].left.spans if s.focus]
    assert [s.text for s in focus] == ["pause"]


def test_report_title_block_and_figures(sample: Comparison, tmp_path: Path) -> None:
    report = build_report(sample, now=datetime(2024, 3, 5, 9, 30))
    facts = dict(report.facts)
    mtime = datetime.fromtimestamp(os.stat(SEEDS / "original.txt").st_mtime)
    assert facts["Original"] == f"original.txt, modified {mtime:%Y-%m-%d %H:%M}"
    assert facts["Exported"] == "2024-03-05 09:30"
    assert facts["Similarity"].startswith("all-MiniLM-L6-v2")
    assert facts["Sensitivity"] == "0.50"
    assert report.warning == ""
    s = sample.summary
    text = " ".join(v for _, v in report.figures)
    assert f"{s.left_sentences} in the original, {s.right_sentences} in the rewrite" in text
    assert f"{s.reworded} reworded" in text and f"{s.omitted} omitted" in text
    assert f"{round(100 * s.kept_share)}%" in text and f"{round(100 * s.new_share)}%" in text
    assert [e.kind for e in report.legend] == [
        ChangeKind.IDENTICAL,
        ChangeKind.MINOR,
        ChangeKind.REWORDED,
        ChangeKind.MOVED,
        ChangeKind.OMITTED,
        ChangeKind.ADDED,
    ]


def test_pasted_text_and_lexical_fallback_are_said_plainly(moved: Comparison) -> None:
    report = build_report(moved)
    assert dict(report.facts)["Original"] == "council.txt (pasted text)"
    assert report.warning.startswith("Warning: the sentence model was not used")
    assert dict(report.facts)["Similarity"].startswith("lexical fallback")
    why = LexicalEmbedder(reason="the model folder is unreadable").info
    report = build_report(dataclasses.replace(moved, model=why))
    assert report.warning.endswith("linked wrongly. Reason: the model folder is unreadable.")


def test_an_export_never_targets_a_compared_file(sample: Comparison, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="one of the files being compared"):
        check_target(sample, SEEDS / "rewrite.txt")
    check_target(sample, tmp_path / "out.pdf")
