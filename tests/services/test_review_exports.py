"""Exports of a reviewed comparison: manual links, marks and notes beside their rows, progress."""

from __future__ import annotations

import json

import fitz  # pymupdf
import pytest

from viewer.engine import review as rv
from viewer.engine.compare import realign
from viewer.engine.review import Mark, MarkState, ReviewState, Target
from viewer.services.export_html import comparison_to_html, export_html
from viewer.services.export_json import comparison_to_dict, export_json
from viewer.services.export_pdf import export_pdf
from viewer.services.export_rows import build_rows


@pytest.fixture(scope="module")
def reviewed(sample_comparison, real_embedder):
    c = sample_comparison
    state = rv.link(ReviewState(), [c.omitted[0]], [c.added[0]])
    g = next(g for g in c.groups if g.kind.value != "identical")
    state = rv.set_mark(state, rv.group_target(g.left, g.right), Mark(MarkState.FLAGGED, "Check <b>this</b>\nwith the desk & legal"))
    f = c.findings[0]
    state = rv.set_mark(state, rv.finding_target(f), Mark(MarkState.REVIEWED, "source confirmed"))
    state = rv.set_state(state, Target((), (c.added[-1],)), MarkState.IGNORED)
    return realign(c, embedder=real_embedder, review=state), state, g


def test_json_marks_manual_links_and_carries_marks_and_progress(reviewed):
    c, state, g = reviewed
    d = comparison_to_dict(c)
    manual = [k for k in d["links"] if k["manual"]]
    assert [(k["left"], k["right"]) for k in manual] == sorted(state.pinned_pairs())
    group = next(x for x in d["groups"] if x["left"] == list(g.left) and x["right"] == list(g.right))
    assert group["review"] == {"state": "flagged", "note": "Check <b>this</b>\nwith the desk & legal"}
    assert d["findings"][0]["review"]["note"] == "source confirmed"
    p = d["review"]["progress"]
    assert (p["flagged"], p["ignored"], p["findings_reviewed"]) == (1, 1, 1)
    assert d["review"]["manual_links"] == [{"left": list(k.left), "right": list(k.right)} for k in state.links]
    assert all(k["manual"] == ((k["left"], k["right"]) in state.pinned_pairs()) for k in d["links"])


def test_rows_carry_the_editors_word(reviewed):
    c, _, g = reviewed
    rows = build_rows(c)
    flagged = [r for r in rows if r.group is not None and c.groups[r.group].left == g.left]
    assert flagged[0].review.startswith("Flagged.") and "with the desk" in flagged[0].review
    manual = [r for r in rows if r.group is not None and c.groups[r.group].manual]
    assert manual and all(r.review.startswith("Linked by hand.") for r in manual)
    assert any(r.state is MarkState.IGNORED for r in rows)


def test_html_shows_notes_escaped_and_progress(reviewed, tmp_path):
    c, _, _ = reviewed
    html = comparison_to_html(c)
    assert "Check &lt;b&gt;this&lt;/b&gt;" in html and "<b>this</b>" not in html
    assert "Linked by hand." in html and "changes reviewed, 1 flagged" in html
    assert 'class="k-' in html and " ignored\"" in html
    export_html(c, tmp_path / "r.html")
    assert "source confirmed" in (tmp_path / "r.html").read_text("utf-8")


def test_pdf_shows_notes_beside_rows_and_progress(reviewed, tmp_path):
    c, _, _ = reviewed
    target = tmp_path / "r.pdf"
    export_pdf(c, target)
    text = "".join(page.get_text() for page in fitz.open(target))
    flat = " ".join(text.split())
    assert "Linked by hand." in flat
    assert "Flagged. Note: Check <b>this</b> with the desk & legal" in flat
    assert "Reviewed. Note: source confirmed" in flat
    assert "changes reviewed, 1 flagged" in flat


def test_json_file_round_trips(reviewed, tmp_path):
    c, _, _ = reviewed
    export_json(c, tmp_path / "r.json")
    assert json.loads((tmp_path / "r.json").read_text("utf-8"))["review"]["progress"]["flagged"] == 1
