"""A report of an article against its translation (issue 18): the title block, the figures,
the legend and the findings call the right side the translation and count translation kinds,
never "Rewrite" or "minor edits". The English and German test pair, the real multilingual
model."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from viewer.engine.compare import compare
from viewer.engine.embed import CachedEmbedder
from viewer.engine.model import ChangeKind, Comparison
from viewer.engine.multilingual import MultilingualEmbedder
from viewer.services.documents import read_document
from viewer.services.export_html import export_html
from viewer.services.export_report import build_report

DATA = Path(__file__).resolve().parents[1] / "data" / "translation"


@pytest.fixture(scope="module")
def translation() -> Comparison:
    embedder = CachedEmbedder(MultilingualEmbedder(), None)
    c = compare(read_document(DATA / "en.txt"), read_document(DATA / "de.txt"), embedder=embedder)
    assert c.cross_language and c.findings
    return c


def test_title_block_names_the_translation_and_its_language(translation: Comparison) -> None:
    r = build_report(translation)
    assert r.title == "Article Diff: translation"
    facts = dict(r.facts)
    assert "Rewrite" not in facts
    assert facts["Original"].startswith("en.txt") and facts["Original"].endswith("in English")
    assert facts["Translation"].startswith("de.txt") and facts["Translation"].endswith("in German")
    assert r.right_heading == "Translation: de.txt"


def test_figures_count_translation_kinds(translation: Comparison) -> None:
    figures = dict(build_report(translation).figures)
    assert "Rewrite" not in figures
    assert figures["Translation"].startswith("1 added")
    original = figures["Original"]
    assert "minor edit" not in original and "reworded" not in original
    counts = {k: int(n) for n, k in re.findall(
        r"(\d+) (translated but shortened|translated|changed|moved|omitted)", original)}
    s = translation.summary
    assert counts["translated"] == s.minor_edit  # a faithful translation is coloured as minor
    assert counts["translated but shortened"] + counts["changed"] == s.reworded
    assert counts["omitted"] == s.omitted == 1
    assert "has a counterpart in the translation" in original


def test_legend_and_marks_speak_of_translations(translation: Comparison) -> None:
    r = build_report(translation)
    legend = {e.kind: (e.label, e.meaning) for e in r.legend}
    assert ChangeKind.IDENTICAL not in legend  # cannot happen between two languages
    assert legend[ChangeKind.MINOR][0] == "Translated"
    assert legend[ChangeKind.REWORDED][0] == "Shortened or changed"
    assert "rewrite" not in " ".join(m for _, m in legend.values())
    marks = " ".join(meaning for _, meaning in r.marks)
    assert "struck" not in marks and "inserted" not in marks  # no word marks across languages


def test_findings_say_translation(translation: Comparison, tmp_path: Path) -> None:
    r = build_report(translation)
    assert {(e.left_title, e.right_title) for e in r.findings} == {("Original", "Translation")}
    target = tmp_path / "report.html"
    export_html(translation, target)
    page = target.read_text(encoding="utf-8")
    assert "<b>Translation</b>" in page and "<b>Rewrite</b>" not in page
    assert "Rewrite" not in page


def test_an_english_pair_still_says_rewrite(sample_comparison) -> None:
    r = build_report(sample_comparison)
    assert r.title == "Article Diff: comparison"
    assert "Rewrite" in dict(r.facts) and r.right_heading.startswith("Rewrite: ")
    assert {e.right_title for e in r.findings} == {"Rewrite"}


def test_terminal_summary_counts_translation_kinds(translation: Comparison) -> None:
    """``article-diff compare`` on a translation: no "minor edits" or "rewrite", each link
    labelled by how faithful it is."""
    from viewer.services.export_text import render_summary

    text = render_summary(translation)
    head = "\n".join(text.splitlines()[:6])
    assert "minor edit" not in head and "rewrite" not in head
    assert re.search(r"\d+ translated, \d+ translated but shortened, \d+ changed", head)
    assert "of the translation is new" in head
    assert re.search(r"\[(translated|translated, shortened|changed), \d\.\d\d\]", text)
    assert "minor edit," not in text
    # no word edits between languages: each linked group shows both sides as written
    first = translation.groups[0]
    assert f"L: {translation.left_sentences[first.left[0]].text[:30]}" in text
    assert f"R: {translation.right_sentences[first.right[0]].text[:30]}" in text
