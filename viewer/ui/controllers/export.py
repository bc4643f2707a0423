"""File > Export as PDF/HTML/JSON and File > Print: the session's comparison written out.

Formats come from the one registry (:mod:`viewer.services.export_formats`); the writing runs
as a background job (:class:`~viewer.ui.exporting.ExportRunner`), so the window stays
responsive while a long PDF is laid out. Progress goes to the status bar, failures to the
message bar.
"""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QObject, Signal
from PySide6.QtWidgets import QWidget

from ...engine.model import Comparison
from ...services.export_formats import export_format
from ..dialogs import ask_export_path
from ..exporting import PRINT, ExportRequest, ExportResult, ExportRunner
from ..session import Session
from . import Host
from .settings import SettingsKeeper

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter


def default_page_size() -> str:
    """``"letter"`` where the system's locale measures in US units, else ``"a4"``."""
    us = QLocale.system().measurementSystem() == QLocale.MeasurementSystem.ImperialUSSystem
    return "letter" if us else "a4"


class ExportController(QObject):
    """Asks where to save (or which printer), then writes in the background.

    ``exported(id, path)`` once a file is written; ``printed(id)`` once the report went to
    the printer; ``export_failed(id, message)`` with the message the window shows.
    """

    exported = Signal(int, str)
    printed = Signal(int)
    export_failed = Signal(int, str)

    def __init__(self, session: Session, settings: SettingsKeeper, host: Host,
                 dialog_parent: QWidget) -> None:
        super().__init__(dialog_parent)
        self.session = session
        self.settings = settings
        self.host = host
        self.parent_widget = dialog_parent
        self.runner = ExportRunner(self)
        self._printers: dict[int, QPrinter] = {}
        self.runner.started.connect(self._on_runner_started)
        self.runner.finished.connect(self._on_runner_finished)
        self.runner.failed.connect(self._on_runner_failed)
        self.runner.cancelled.connect(self._on_runner_cancelled)

    # -- exports -----------------------------------------------------------------------------
    def ask_export(self, key: str) -> None:
        """File > Export as …: ask where, then write."""
        comparison = self._comparison()
        if comparison is None:
            return
        path = ask_export_path(self.parent_widget, comparison, export_format(key),
                               self.settings.value.export_folder)
        if path:
            self.settings.remember_folder("export_folder", path)
            self.export_to(key, path)

    def _comparison(self) -> Comparison | None:
        """The comparison with the session's review (marks and notes made since it was
        aligned), as the exports show it."""
        c = self.session.comparison()
        review = self.session.review()
        if c is None or (c.review is None and review.empty):
            return c
        return replace(c, review=review)

    def export_to(self, key: str, path: str) -> int:
        """Write the comparison as ``key`` ("pdf", "html", "json") to ``path`` in the
        background. Returns the request id (0: nothing to export); the result comes as
        ``exported`` or ``export_failed``."""
        comparison = self._comparison()
        if comparison is None:
            return 0
        fmt = export_format(key)
        page_size = default_page_size() if "page_size" in fmt.options else None
        return self.runner.request(comparison, fmt.key, path, page_size=page_size,
                                   changes_only=self.settings.value.export_changes_only)

    # -- printing ----------------------------------------------------------------------------
    def ask_print(self) -> None:
        """File > Print…: a preview of the pages Export as PDF lays out (orientation, page
        setup, "Changes only"); its Print button asks for the printer and the page range."""
        comparison = self._comparison()
        if comparison is None:
            return
        from PySide6.QtPrintSupport import QPrinter

        from ..printing import PrintPreview

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        preview = PrintPreview(comparison, printer, self.parent_widget,
                               changes_only=self.settings.value.export_changes_only,
                               on_failure=self._on_preview_failed)
        preview.exec()
        preview.deleteLater()

    def _on_preview_failed(self, why: str) -> None:
        self.host.show_message(self.tr("Printing failed: %1").replace("%1", why))

    def print_to(self, printer: QPrinter, *, changes_only: bool | None = None) -> int:
        """Print the comparison on ``printer`` as the PDF export lays it out (at the
        printer's page size and orientation): the pages are laid out in the background, then
        printed. Returns the request id (0: nothing to print); ``printed`` or
        ``export_failed`` follows."""
        comparison = self._comparison()
        if comparison is None:
            return 0
        from ..printing import page_setup

        if changes_only is None:
            changes_only = self.settings.value.export_changes_only
        page_size, landscape = page_setup(printer)
        rid = self.runner.request(comparison, PRINT, printer.printerName(), page_size=page_size,
                                  changes_only=changes_only, landscape=landscape)
        if rid:
            self._printers[rid] = printer
        return rid

    # -- results -----------------------------------------------------------------------------
    def _on_runner_started(self, rid: int, request: ExportRequest) -> None:
        if request.fmt == PRINT:
            text = self.tr("Preparing the report for printing…")
        else:
            text = self.tr("Saving “%1”…").replace("%1", Path(request.target).name)
        self.host.show_status(text, 0)

    def _on_runner_finished(self, rid: int, result: ExportResult) -> None:
        request = result.request
        if request.fmt != PRINT:
            self.host.show_status(self.tr("Saved %1").replace("%1", request.target), 8000)
            self.exported.emit(rid, request.target)
            return
        printer = self._printers.pop(rid, None)
        pdf = Path(result.pdf)
        try:
            if printer is None:
                return
            from ..printing import PrintFailed, deliver

            try:
                deliver(pdf, result.pages, printer)  # the pages are drawn on this thread
            except PrintFailed as exc:
                self._on_runner_failed(rid, request, False, str(exc))
                return
        finally:
            shutil.rmtree(pdf.parent, ignore_errors=True)
        self.host.show_status(self.tr("Sent to the printer"), 5000)
        self.printed.emit(rid)

    def _on_runner_failed(self, rid: int, request: ExportRequest, unavailable: bool,
                          message: str) -> None:
        self._printers.pop(rid, None)
        self.host.show_status("", 0)
        if request.fmt == PRINT and unavailable:
            text = self.tr("Printing needs the PDF export, which is not available in this "
                           "installation of Article Diff.")
        elif request.fmt == PRINT:
            text = self.tr("Printing failed: %1").replace("%1", message)
        elif unavailable:
            text = self.tr("Exporting as %1 is not available in this installation of Article "
                           "Diff. Try another format, or update Article Diff.").replace(
                               "%1", request.fmt.upper())
        else:
            text = self.tr("The export failed: %1 Choose another folder or file name and try "
                           "again.").replace("%1", message)
        self.host.show_message(text)
        self.export_failed.emit(rid, text)

    def _on_runner_cancelled(self, rid: int) -> None:
        self._printers.pop(rid, None)

    def shutdown(self) -> None:
        """The window closes: drop waiting requests, let the one being written finish."""
        self.runner.shutdown()
        self._printers.clear()


__all__ = ["ExportController", "default_page_size"]
