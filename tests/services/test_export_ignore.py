"""The ignore options a comparison was made with reach every export: the counts and marks
follow them, and the report says what was not counted."""

from __future__ import annotations

import json
from pathlib import Path

import pymupdf
import pytest

from viewer.engine.compare import realign
from viewer.engine.model import Comparison, IgnoreOptions
from viewer.services.export_html import export_html
from viewer.services.export_json import export_json
from viewer.services.export_pdf import export_pdf
from viewer.services.export_report import build_report
from viewer.services.export_text import render_summary


@pytest.fixture(autouse=True)
def _home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ARTICLE_DIFF_HOME", str(tmp_path / "home"))


@pytest.fixture(scope="module")
def ignoring(sample: Comparison, real_embedder) -> Comparison:  # type: ignore[no-untyped-def]
    everything = IgnoreOptions.from_names(IgnoreOptions.NAMES)
    return realign(sample, embedder=real_embedder, ignore=everything)


def test_the_sample_counts_follow_the_options(sample: Comparison, ignoring: Comparison) -> None:
    # The sample rewrite changes quotation marks, case and punctuation in places: ignoring them
    # never makes fewer identical sentences, and the links are the same.
    assert ignoring.summary.identical >= sample.summary.identical
    assert [(k.left, k.right) for k in ignoring.links] == [(k.left, k.right) for k in sample.links]


def test_json_pdf_html_and_text_say_what_was_not_counted(
    sample: Comparison, ignoring: Comparison, tmp_path: Path
) -> None:
    export_json(ignoring, tmp_path / "c.json")
    data = json.loads((tmp_path / "c.json").read_text(encoding="utf-8"))
    assert data["ignore"] == ["case", "punctuation", "quotes", "whitespace", "numbers"]
    assert data["summary"]["identical"] == ignoring.summary.identical
    export_json(sample, tmp_path / "d.json")
    assert json.loads((tmp_path / "d.json").read_text(encoding="utf-8"))["ignore"] == [
        "quotes", "whitespace"]

    facts = dict(build_report(ignoring).facts)
    assert facts["Not counted as changes"].startswith("letter case, punctuation")
    assert "number formatting" in facts["Not counted as changes"]
    assert dict(build_report(sample).facts)["Not counted as changes"] == (
        "quote style (curly or straight), white space")

    export_pdf(ignoring, tmp_path / "c.pdf")
    with pymupdf.open(tmp_path / "c.pdf") as pdf:
        first = " ".join(pdf[0].get_text().split())
    assert "Not counted as changes" in first and "letter case" in first
    export_html(ignoring, tmp_path / "c.html")
    assert "letter case, punctuation" in (tmp_path / "c.html").read_text(encoding="utf-8")
    assert "Not counted as changes: letter case" in render_summary(ignoring)
