"""File > Export as PDF/HTML/JSON and File > Print: the session's comparison written out."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QApplication, QWidget

from ...services.atomic import ExportError
from ..dialogs import ExportUnavailable, ask_export_path, comparison_html, run_export
from ..session import Session
from . import Host
from .settings import SettingsKeeper

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter


class ExportController(QObject):
    """Asks where to save (or which printer), then writes; failures go to the message bar."""

    def __init__(self, session: Session, settings: SettingsKeeper, host: Host,
                 dialog_parent: QWidget) -> None:
        super().__init__(dialog_parent)
        self.session = session
        self.settings = settings
        self.host = host
        self.parent_widget = dialog_parent

    def ask_export(self, fmt: str) -> None:
        comparison = self.session.comparison()
        if comparison is None:
            return
        path = ask_export_path(self.parent_widget, comparison, fmt,
                               self.settings.value.export_folder)
        if path:
            self.settings.remember_folder("export_folder", path)
            self.export_to(fmt, path)

    def export_to(self, fmt: str, path: str) -> bool:
        """Write the comparison as ``fmt`` to ``path``; failures go to the message bar."""
        comparison = self.session.comparison()
        if comparison is None:
            return False
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            run_export(comparison, fmt, path)
        except ExportUnavailable:
            self.host.show_message(self.tr("Exporting as %1 is not available in this "
                                           "installation of Article Diff. Try another format, "
                                           "or update Article Diff.").replace("%1", fmt.upper()))
            return False
        except ExportError as exc:
            self.host.show_message(self.tr("The export failed: %1 Choose another folder or file "
                                           "name and try again.").replace("%1", str(exc)))
            return False
        finally:
            QApplication.restoreOverrideCursor()
        self.host.show_status(self.tr("Saved %1").replace("%1", path), 8000)
        return True

    def ask_print(self) -> None:
        """File > Print…: the report (as for the HTML export) through the print dialog."""
        if self.session.comparison() is None:
            return
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self.parent_widget)
        if dialog.exec() == QPrintDialog.DialogCode.Accepted:
            self.print_to(printer)

    def print_to(self, printer: QPrinter) -> bool:
        """Print the comparison on ``printer``; a missing HTML export goes to the message bar."""
        comparison = self.session.comparison()
        if comparison is None:
            return False
        try:
            html_text = comparison_html(comparison)
        except ExportUnavailable:
            self.host.show_message(self.tr("Printing needs the HTML export, which is not "
                                           "available in this installation of Article Diff."))
            return False
        from PySide6.QtGui import QTextDocument

        document = QTextDocument(self)
        document.setHtml(html_text)
        document.print_(printer)
        return True


__all__ = ["ExportController"]
