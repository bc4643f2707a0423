"""The one registry of export formats: what the window, printing and the command line use."""

from __future__ import annotations

import json
from pathlib import Path

import pymupdf
import pytest

from viewer.engine.compare import compare
from viewer.engine.embed import LexicalEmbedder
from viewer.engine.model import Comparison
from viewer.services.documents import read_document
from viewer.services.export_formats import (
    FORMATS,
    ExportFormat,
    ExportUnavailable,
    export,
    export_format,
    format_for_path,
    format_keys,
    printable_html,
)

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture(scope="module")
def comparison() -> Comparison:
    return compare(read_document(SEEDS / "original.txt"), read_document(SEEDS / "rewrite.txt"),
                   embedder=LexicalEmbedder())


def test_every_format_is_found_by_key_and_by_extension() -> None:
    assert [f.key for f in FORMATS] == ["pdf", "html", "json"]
    assert format_keys() == "pdf, html, json"
    for fmt in FORMATS:
        assert export_format(fmt.key) is fmt and export_format(fmt.key.upper()) is fmt
        assert format_for_path(f"/tmp/Report{fmt.extension.upper()}") is fmt
    assert format_for_path("report.txt") is None and format_for_path("report") is None
    with pytest.raises(ValueError, match="choose from pdf, html, json"):
        export_format("docx")


def test_each_writer_writes_its_format(comparison: Comparison, tmp_path: Path) -> None:
    for fmt in FORMATS:
        target = tmp_path / f"report{fmt.extension}"
        export(comparison, fmt.key, target)
        data = target.read_bytes()
        if fmt.key == "pdf":
            assert data.startswith(b"%PDF")
        elif fmt.key == "html":
            assert b"<html" in data[:200].lower()
        else:
            assert len(json.loads(data)["left"]["sentences"]) == len(comparison.left_sentences)


def test_options_go_only_to_the_formats_that_take_them(comparison: Comparison,
                                                       tmp_path: Path) -> None:
    widths = {}
    for size in ("a4", "letter"):
        target = tmp_path / f"{size}.pdf"
        export(comparison, "pdf", target, page_size=size)
        with pymupdf.open(target) as pdf:
            widths[size] = round(pdf[0].rect.width)
    assert widths == {"a4": 595, "letter": 612}
    export(comparison, "json", tmp_path / "r.json", page_size="letter")  # ignored, no error
    assert (tmp_path / "r.json").is_file()


def test_a_missing_writer_is_unavailable_not_a_crash(comparison: Comparison,
                                                     tmp_path: Path) -> None:
    gone = ExportFormat("odt", "Text document", "Export as ODT",
                        "viewer.services.export_odt_not_installed", "export_odt")
    with pytest.raises(ExportUnavailable, match="odt"):
        gone.write(comparison, tmp_path / "r.odt")
    assert not (tmp_path / "r.odt").exists()


def test_printable_html_is_the_qt_flavour_of_the_html_report(comparison: Comparison) -> None:
    html = printable_html(comparison)
    assert "<style" not in html.lower()  # Qt's rich-text subset: no page style sheet
    assert comparison.left.display_name in html
