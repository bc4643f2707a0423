"""File > Print: the very pages Export as PDF lays out, on paper.

The comparison is laid out by the PDF export's renderer (reportlab: rows never cut where they
fit a page, tints inside the cells, finding cards whole, "Page n of N"), at the printer's page
size and orientation, with identical sentences left out when "Changes only" is on. Printing to
a PDF file writes that PDF itself (the pages of the chosen range); any other printer, and the
preview, get its pages drawn as images at up to 300 dpi by PDFium (pypdfium2), edge to edge,
so that the PDF's own margins are the margins on paper.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QCheckBox, QToolBar, QWidget

from ..engine.model import Comparison

MAX_DPI = 300
"""Pages are drawn at the printer's resolution, but never finer than this: 300 dpi is sharp
on paper, and an A4 page at 1200 dpi would take 140 MB of pixels."""


class PrintFailed(Exception):
    """The printer could not be started or the pages could not be laid out."""


def page_setup(printer: QPrinter) -> tuple[str, bool]:
    """(page size for the PDF renderer, landscape) from the printer's page layout: US Letter
    or Legal sizes give "letter", anything else A4."""
    layout = printer.pageLayout()
    size = layout.pageSize().id()
    letter = size in (QPageSize.PageSizeId.Letter, QPageSize.PageSizeId.Legal)
    landscape = layout.orientation() == QPageLayout.Orientation.Landscape
    return ("letter" if letter else "a4", landscape)


def render_report(
    comparison: Comparison, target: Path, *, page_size: str, landscape: bool, changes_only: bool
) -> int:
    """Lay ``comparison`` out into the PDF ``target`` with the export's renderer; its page
    count."""
    import pypdfium2 as pdfium

    from ..services.export_pdf import render_pdf

    render_pdf(
        comparison, target, page_size=page_size, landscape=landscape, changes_only=changes_only
    )
    document = pdfium.PdfDocument(str(target))
    try:
        return len(document)
    finally:
        document.close()


def chosen_pages(printer: QPrinter, count: int) -> list[int]:
    """0-based page numbers the print dialog chose (a range, or every page)."""
    first, last = printer.fromPage(), printer.toPage()
    if printer.printRange() == QPrinter.PrintRange.PageRange and first > 0:
        last = last or count
        return [n for n in range(first - 1, min(last, count))]
    return list(range(count))


def print_comparison(
    comparison: Comparison, printer: QPrinter, *, changes_only: bool = False
) -> int:
    """Print ``comparison`` on ``printer`` as the PDF export lays it out; the pages printed.
    Raises ``PrintFailed``."""
    page_size, landscape = page_setup(printer)
    with tempfile.TemporaryDirectory(prefix="article-diff-print-") as folder:
        pdf = Path(folder) / "report.pdf"
        try:
            count = render_report(
                comparison, pdf, page_size=page_size, landscape=landscape,
                changes_only=changes_only,
            )
        except Exception as exc:  # a layout failure is reported, never a crash
            raise PrintFailed(str(exc)) from exc
        return deliver(pdf, count, printer)


def deliver(pdf: Path, count: int, printer: QPrinter) -> int:
    """Put the pages of the report ``pdf`` (``count`` pages) that the print dialog chose on
    ``printer``: the PDF itself when printing to a PDF file, drawn pages otherwise. Returns
    the pages printed; raises ``PrintFailed``."""
    pages = chosen_pages(printer, count)
    target = printer.outputFileName()
    if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat and target:
        _write_pages(pdf, pages, Path(target))
    else:
        draw_pages(pdf, pages, printer)
    return len(pages)


def _write_pages(pdf: Path, pages: list[int], target: Path) -> None:
    """Printing to a PDF file: the renderer's PDF itself, cut to ``pages``."""
    import pypdfium2 as pdfium

    source = pdfium.PdfDocument(str(pdf))
    out = pdfium.PdfDocument.new()
    try:
        out.import_pages(source, pages)
        fd, part = tempfile.mkstemp(prefix=target.name, suffix=".part", dir=target.parent)
        os.close(fd)
        try:
            out.save(part)
            os.replace(part, target)
        except OSError as exc:
            Path(part).unlink(missing_ok=True)
            raise PrintFailed(str(exc)) from exc
    finally:
        out.close()
        source.close()


def draw_pages(pdf: Path, pages: list[int], printer: QPrinter) -> None:
    """Draw ``pages`` of ``pdf`` on ``printer``, one sheet each, edge to edge."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(pdf))
    printer.setFullPage(True)
    painter = QPainter()
    try:
        if not painter.begin(printer):
            raise PrintFailed("the printer could not be started")
        dpi = max(72, min(printer.resolution(), MAX_DPI))
        paper = printer.paperRect(QPrinter.Unit.DevicePixel)
        for k, n in enumerate(pages):
            if k and not printer.newPage():
                raise PrintFailed("the printer refused a new page")
            bitmap = document[n].render(scale=dpi / 72, rev_byteorder=True, prefer_bgrx=False)
            image = QImage(
                bytes(bitmap.buffer), bitmap.width, bitmap.height, bitmap.stride,
                QImage.Format.Format_RGB888 if bitmap.n_channels == 3 else
                QImage.Format.Format_RGBA8888,
            ).copy()  # own the pixels before PDFium frees its buffer
            painter.drawImage(QRectF(0, 0, paper.width(), paper.height()), image)
    finally:
        if painter.isActive():
            painter.end()
        document.close()


class PrintPreview(QPrintPreviewDialog):
    """Qt's print preview (zoom, orientation, page setup, Print with its page range) showing
    the export's pages, with a "Changes only" box on its toolbar."""

    def __init__(
        self,
        comparison: Comparison,
        printer: QPrinter,
        parent: QWidget | None = None,
        *,
        changes_only: bool = False,
        on_failure: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__(printer, parent)
        self.setWindowTitle(self.tr("Print Preview"))
        self._comparison = comparison
        self._on_failure = on_failure
        self.pages_drawn = 0
        self.changes_only = QCheckBox(self.tr("Changes only"), self)
        self.changes_only.setToolTip(self.tr("Leave identical sentences out of the printout"))
        self.changes_only.setChecked(changes_only)
        bar = self.findChild(QToolBar)
        if bar is not None:
            bar.addSeparator()
            bar.addWidget(self.changes_only)
        self.changes_only.toggled.connect(self._on_changes_only_toggled)
        self.paintRequested.connect(self._on_paint_requested)
        self.resize(900, 760)

    def _on_changes_only_toggled(self, _on: bool) -> None:
        from PySide6.QtPrintSupport import QPrintPreviewWidget

        widget = self.findChild(QPrintPreviewWidget)
        if widget is not None:
            widget.updatePreview()

    def _on_paint_requested(self, printer: QPrinter) -> None:
        try:
            self.pages_drawn = print_comparison(
                self._comparison, printer, changes_only=self.changes_only.isChecked()
            )
        except PrintFailed as exc:
            self.pages_drawn = 0
            if self._on_failure is not None:
                self._on_failure(str(exc))


__all__ = [
    "PrintFailed",
    "PrintPreview",
    "chosen_pages",
    "deliver",
    "draw_pages",
    "page_setup",
    "print_comparison",
    "render_report",
]
