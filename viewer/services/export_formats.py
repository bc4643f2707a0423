"""The one registry of export formats: PDF, HTML and JSON.

The window's File > Export menu, its print path and the command line (``compare -o``,
``batch --format``) all take formats from here: the key, the extension, the labels a file
dialog shows, the writer and the options it takes. A writer module is imported only when a
format is used (the PDF writer pulls in ReportLab), so an installation without one says
"not available" instead of failing to start.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..engine.model import Comparison

Target = str | os.PathLike[str]
Writer = Callable[..., None]
"""``writer(comparison, target, *, protect=(), **options)``: writes atomically, raises
``ExportError`` naming the file and saying why."""


class ExportUnavailable(Exception):
    """This installation has no writer for the format; ``str()`` is the format's key."""


@dataclass(frozen=True)
class ExportFormat:
    """One export format. ``label`` names the kind of file (a file dialog's filter),
    ``title`` the action; both are English, the window translates them."""

    key: str
    label: str
    title: str
    module: str
    function: str
    options: frozenset[str] = frozenset()
    """Keyword options the writer takes besides ``protect`` (e.g. ``page_size``)."""

    @property
    def extension(self) -> str:
        return "." + self.key

    def writer(self) -> Writer:
        """The writing function, imported now; ``ExportUnavailable`` if it is missing."""
        try:
            module = importlib.import_module(self.module)
        except ImportError as exc:
            raise ExportUnavailable(self.key) from exc
        function: Writer = getattr(module, self.function)
        return function

    def write(self, comparison: Comparison, target: Target, *,
              protect: Iterable[Target | None] = (), **options: Any) -> None:
        """Write ``comparison`` to ``target``; options this format does not take are left
        out (``page_size`` only matters to PDF), so one call serves every format."""
        taken = {k: v for k, v in options.items() if k in self.options and v is not None}
        self.writer()(comparison, target, protect=tuple(protect), **taken)


PDF = ExportFormat("pdf", "PDF document", "Export as PDF", "viewer.services.export_pdf",
                   "export_pdf", frozenset({"page_size", "changes_only"}))
HTML = ExportFormat("html", "Web page", "Export as HTML", "viewer.services.export_html",
                    "export_html", frozenset({"changes_only"}))
JSON = ExportFormat("json", "JSON data", "Export as JSON", "viewer.services.export_json",
                    "export_json")

FORMATS: tuple[ExportFormat, ...] = (PDF, HTML, JSON)
"""In the order of the File menu."""

PAGE_SIZES = ("a4", "letter")


def export_format(key: str) -> ExportFormat:
    """The format named ``key`` ("pdf", "html" or "json"); ``ValueError`` for another."""
    for fmt in FORMATS:
        if fmt.key == key.lower():
            return fmt
    raise ValueError(f"unknown export format {key!r}: choose from {format_keys()}")


def format_for_path(path: Target) -> ExportFormat | None:
    """The format a file name's extension asks for, or None."""
    suffix = Path(path).suffix.lower()
    return next((fmt for fmt in FORMATS if fmt.extension == suffix), None)


def format_keys(separator: str = ", ") -> str:
    """``"pdf, html, json"``: the keys, for a message."""
    return separator.join(fmt.key for fmt in FORMATS)


def export(comparison: Comparison, key: str, target: Target, *,
           protect: Iterable[Target | None] = (), page_size: str | None = None,
           changes_only: bool = False) -> None:
    """Write ``comparison`` to ``target`` in format ``key``: the call every caller makes.
    ``changes_only`` (PDF, HTML) leaves identical sentences out.

    Raises ``ValueError`` for an unknown key, ``ExportUnavailable`` when the writer is not
    installed and ``ExportError`` when the file cannot be written.
    """
    export_format(key).write(comparison, target, protect=protect, page_size=page_size,
                             changes_only=changes_only or None)


def printable_html(comparison: Comparison) -> str:
    """The report as HTML within Qt's rich-text subset, for ``QTextDocument`` and a printer
    (the HTML format's renderer); ``ExportUnavailable`` without it."""
    try:
        module = importlib.import_module(HTML.module)
    except ImportError as exc:
        raise ExportUnavailable(HTML.key) from exc
    return str(module.comparison_to_html(comparison, for_qt=True))


__all__ = [
    "FORMATS",
    "HTML",
    "JSON",
    "PAGE_SIZES",
    "PDF",
    "ExportFormat",
    "ExportUnavailable",
    "export",
    "export_format",
    "format_for_path",
    "format_keys",
    "printable_html",
]
