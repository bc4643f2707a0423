"""The note editor: a multi-line plain-text note on a change or a finding."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)


class NoteDialog(QDialog):
    """Edit a note (plain text, any length, any lines). ``text()`` after ``exec()``."""

    def __init__(self, what: str, note: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noteDialog")
        self.setWindowTitle(self.tr("Note"))
        layout = QVBoxLayout(self)
        label = QLabel(what, self)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        layout.addWidget(label)
        self.editor = QPlainTextEdit(self)
        self.editor.setObjectName("noteEditor")
        self.editor.setPlainText(note)
        self.editor.setPlaceholderText(self.tr("A note for this change: what to check, what was decided…"))
        self.editor.setTabChangesFocus(True)
        layout.addWidget(self.editor)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(460, 260)
        self.editor.setFocus()

    def text(self) -> str:
        """The note, with trailing white space dropped (an empty note removes it)."""
        return self.editor.toPlainText().rstrip()
