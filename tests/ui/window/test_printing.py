"""File > Print through the PDF export's renderer (issue 17, point 1): the same pages as
Export as PDF, a page range, the orientation, "Changes only", and the preview."""

from __future__ import annotations

from pathlib import Path

import pymupdf
from PySide6.QtGui import QPageLayout, QPageSize
from PySide6.QtPrintSupport import QPrinter

from tests.ui.window.window_helpers import TIMEOUT, wait_for_comparison
from viewer.services.export_pdf import export_pdf
from viewer.ui.printing import PrintPreview, draw_pages, render_report


def _pdf_printer(target: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(target))
    return printer


def _print(qtbot, window, printer: QPrinter, **options: bool) -> None:
    """File > Print's path: laid out in the background, then put on the printer."""
    with qtbot.waitSignal(window.exporter.printed, timeout=TIMEOUT):
        assert window.print_to(printer, **options)


def _texts(path: Path) -> list[str]:
    with pymupdf.open(path) as doc:
        return [page.get_text() for page in doc]


def _edited_pair(tmp_path: Path, seeds: Path) -> tuple[Path, Path]:
    """The original and a light edit of it: most sentences kept word for word."""
    original = (seeds / "original.txt").read_text(encoding="utf-8")
    edited = original.replace("one senior US official told CNN", "a senior official said")
    edited = edited.replace("40% to 50%", "about half")
    left, right = tmp_path / "before.txt", tmp_path / "after.txt"
    left.write_text(original, encoding="utf-8")
    right.write_text(edited, encoding="utf-8")
    return left, right


def test_printing_to_a_file_gives_the_pdf_exports_pages(qtbot, make_window, pair, tmp_path):
    window = make_window(pair)
    comparison = wait_for_comparison(qtbot, window)
    printed, exported = tmp_path / "printed.pdf", tmp_path / "exported.pdf"
    printer = _pdf_printer(printed)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    _print(qtbot, window, printer, changes_only=False)
    export_pdf(comparison, exported, page_size="a4")
    got, want = _texts(printed), _texts(exported)
    assert len(got) == len(want) >= 3
    assert f"Page 1 of {len(want)}" in got[0] and f"Page {len(want)} of {len(want)}" in got[-1]
    assert got[1:] == want[1:]  # page 1 carries the export time; the rows are the same


def test_a_page_range_and_landscape(qtbot, make_window, pair, tmp_path):
    window = make_window(pair)
    wait_for_comparison(qtbot, window)
    target = tmp_path / "range.pdf"
    printer = _pdf_printer(target)
    printer.setPageOrientation(QPageLayout.Orientation.Landscape)
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 3)
    _print(qtbot, window, printer)
    with pymupdf.open(target) as doc:
        assert doc.page_count == 2
        assert doc[0].rect.width > doc[0].rect.height
        assert "Page 2 of" in doc[0].get_text() and "Page 3 of" in doc[1].get_text()


def test_a_paper_printer_gets_the_same_pages_as_images(qtbot, sample_comparison, tmp_path):
    """Any printer but a PDF file gets the pages drawn edge to edge (here a PDF printer is
    driven the way a paper one is, so the result can be read back)."""
    report = tmp_path / "report.pdf"
    count = render_report(sample_comparison, report, page_size="a4", landscape=False,
                          changes_only=False)
    target = tmp_path / "drawn.pdf"
    printer = _pdf_printer(target)
    draw_pages(report, [0, count - 1], printer)
    with pymupdf.open(target) as doc:
        assert doc.page_count == 2
        for page in doc:
            assert page.get_images() and not page.get_text().strip()


def test_changes_only_leaves_identical_sentences_out(qtbot, make_window, tmp_path, seeds):
    window = make_window(_edited_pair(tmp_path, seeds))
    comparison = wait_for_comparison(qtbot, window)
    assert comparison.summary.identical > 10
    full, changes = tmp_path / "full.pdf", tmp_path / "changes.pdf"
    _print(qtbot, window, _pdf_printer(full), changes_only=False)
    window.acts.changes_only.setChecked(True)  # remembered, and used by print and export
    assert window.settings().export_changes_only
    _print(qtbot, window, _pdf_printer(changes))
    full_text, changes_text = "".join(_texts(full)), "".join(_texts(changes))
    assert len(_texts(changes)) < len(_texts(full))
    assert "identical sentences not shown" in changes_text
    assert "identical sentences not shown" not in full_text
    assert "about half" in changes_text  # what changed is all there
    kept = next(s.text for s in comparison.left_sentences if "Khan Younis" in s.text)
    assert kept.split()[3] in full_text


def test_the_preview_draws_the_pages_and_redraws_for_changes_only(qtbot, make_window,
                                                                  tmp_path, seeds):
    window = make_window(_edited_pair(tmp_path, seeds))
    comparison = wait_for_comparison(qtbot, window)
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    preview = PrintPreview(comparison, printer, window)
    qtbot.addWidget(preview)
    preview.show()
    qtbot.waitUntil(lambda: preview.pages_drawn > 0, timeout=30_000)
    full = preview.pages_drawn
    preview.changes_only.setChecked(True)
    qtbot.waitUntil(lambda: 0 < preview.pages_drawn < full, timeout=30_000)
    preview.close()
