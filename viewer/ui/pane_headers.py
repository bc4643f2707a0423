"""The headers above the panes: which text each pane shows ("Original: a.txt · English"), or,
in the one-column display, what the column shows and how it marks the changes."""

from __future__ import annotations

from PySide6.QtCore import QLocale, QObject, Qt
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from ..engine.model import Comparison, Document


def header_label(parent: QWidget) -> QLabel:
    """An empty pane header (plain text: file names are data, never markup)."""
    label = QLabel(parent)
    label.setObjectName("paneHeader")
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    return label


class PaneHeaders(QObject):
    """The left and right headers, and the spacer above the link map between them."""

    def __init__(self, parent: QWidget, spacer_width: int) -> None:
        super().__init__(parent)
        self.left = header_label(parent)
        self.right = header_label(parent)
        self.spacer = header_label(parent)
        self.spacer.setFixedWidth(spacer_width)

    def show_documents(self, comparison: Comparison | None, left: Document, right: Document,
                       *, inline: bool = False) -> None:
        """Name ``left`` and ``right`` (with their languages once compared), or the one
        column's two texts when ``inline``."""
        if inline:
            self.left.setText(self.tr("One column: {left} → {right} (struck: removed, "
                                      "underlined: new)").format(left=left.display_name,
                                                                 right=right.display_name))
        else:
            self.left.setText(self.text(comparison, "left", left))
        self.right.setText(self.text(comparison, "right", right))

    def text(self, c: Comparison | None, side: str, document: Document) -> str:
        """The header of ``side`` showing ``document``."""
        translation = c is not None and c.cross_language
        title = self.tr("Original") if side == "left" else (
            self.tr("Translation") if translation else self.tr("Rewrite"))
        if not document.text and not document.name and not document.path:
            return title
        text = self.tr("{title}: {name}").format(title=title, name=document.display_name)
        code = "" if c is None else (c.left_language if side == "left" else c.right_language)
        if code:
            language = QLocale.languageToString(QLocale(code).language())
            text = self.tr("{header} · {language}").format(header=text, language=language)
        return text


__all__ = ["PaneHeaders", "header_label"]
