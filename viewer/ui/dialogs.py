"""The window's dialogs, inline and modal: message bars, the find bar, the empty-window prompt,
and the file choosers for opening and exporting.

Inline bars are preferred to modal boxes: an error names the file and what to do, and the
comparison behind it stays on screen. Messages are set as plain text, so a file name can never
be taken for markup.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from enum import Enum
from pathlib import Path

from PySide6.QtCore import Qt, Signal, SignalInstance
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..engine.model import Comparison
from ..services.documents import SUPPORTED_SUFFIXES
from ..services.export_formats import ExportFormat
from .tooltips import plain_tooltip


class Level(str, Enum):
    """How a message bar looks: its object name selects the stylesheet colours."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"


class MessageBar(QFrame):
    """A one-message strip across the window: icon, text, an optional action, a close button."""

    action_triggered = Signal()
    closed = Signal()

    def __init__(self, parent: QWidget | None = None, *, closable: bool = True) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAutoFillBackground(True)
        self.glyph = QLabel(self)
        self.glyph.setObjectName("messageGlyph")
        self.text = QLabel(self)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setObjectName("messageText")
        self.action = QPushButton(self)
        self.action.setObjectName("messageAction")
        self.action.clicked.connect(self._on_action_clicked)
        self.close_button = QToolButton(self)
        self.close_button.setText("✕")
        self.close_button.setAutoRaise(True)
        self.close_button.setToolTip(self.tr("Dismiss"))
        self.close_button.clicked.connect(self.dismiss)
        self.close_button.setVisible(closable)
        self._callback: Callable[[], None] | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        layout.setSpacing(8)
        layout.addWidget(self.glyph, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.action, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()

    def show_message(self, text: str, level: Level = Level.INFO, *, action: str = "",
                     callback: Callable[[], None] | None = None, detail: str = "") -> None:
        """Show ``text`` (plain); ``action`` labels a button that calls ``callback``."""
        self.setObjectName(f"messageBar_{level.value}")
        self.setProperty("level", level.value)
        icon = {
            Level.INFO: QStyle.StandardPixmap.SP_MessageBoxInformation,
            Level.WARNING: QStyle.StandardPixmap.SP_MessageBoxWarning,
            Level.ERROR: QStyle.StandardPixmap.SP_MessageBoxCritical,
        }[level]
        self.glyph.setPixmap(self.style().standardIcon(icon).pixmap(18, 18))
        self.text.setText(text)
        self.setToolTip(plain_tooltip(detail))
        self.action.setText(action)
        self.action.setVisible(bool(action))
        self._callback = callback
        self.style().unpolish(self)
        self.style().polish(self)
        self.show()

    def message(self) -> str:
        """The text shown, or empty when hidden."""
        return "" if self.isHidden() else self.text.text()

    def level(self) -> str:
        return str(self.property("level") or "")

    def dismiss(self) -> None:
        self.hide()
        self.closed.emit()

    def _on_action_clicked(self) -> None:
        callback = self._callback
        self.hide()
        self.action_triggered.emit()
        if callback is not None:
            callback()


class FindBar(QFrame):
    """Find text in both versions: Enter for the next match, Shift+Enter for the previous."""

    find_requested = Signal(str, bool)  # text, backwards
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findBar")
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(self.tr("Find in both versions"))
        self.edit.setClearButtonEnabled(True)
        self.edit.returnPressed.connect(lambda: self._find(False))
        self.previous = QPushButton(self.tr("Previous"), self)
        self.previous.clicked.connect(lambda: self._find(True))
        self.next = QPushButton(self.tr("Next"), self)
        self.next.clicked.connect(lambda: self._find(False))
        self.status = QLabel(self)
        self.status.setObjectName("panelHint")
        close = QToolButton(self)
        close.setText("✕")
        close.setAutoRaise(True)
        close.setToolTip(self.tr("Close the find bar (Esc)"))
        close.clicked.connect(self.close_bar)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(QLabel(self.tr("Find:"), self))
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.previous)
        layout.addWidget(self.next)
        layout.addWidget(self.status)
        layout.addWidget(close)
        self.hide()

    def open_bar(self) -> None:
        self.show()
        self.edit.setFocus()
        self.edit.selectAll()

    def close_bar(self) -> None:
        self.hide()
        self.status.clear()
        self.closed.emit()

    def show_result(self, found: bool) -> None:
        self.status.setText("" if found else self.tr("Not found"))

    def show_count(self, index: int, count: int, wrapped: bool, backwards: bool) -> None:
        """ "3 of 11", with a word when the search went past an end to get there."""
        if count <= 0:
            self.status.setText(self.tr("Not found"))
            return
        text = self.tr("%1 of %2").replace("%1", str(index + 1)).replace("%2", str(count))
        if wrapped:
            text += " · " + (self.tr("from the end again") if backwards
                             else self.tr("from the top again"))
        self.status.setText(text)

    def _find(self, backwards: bool) -> None:
        text = self.edit.text()
        if text:
            self.find_requested.emit(text, backwards)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and \
                event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self._find(True)
            return
        super().keyPressEvent(event)


class EmptyState(QWidget):
    """The prompt in an empty window: what to do, two buttons, and where to drop files."""

    open_pair_requested = Signal()
    open_sample_requested = Signal()
    open_left_requested = Signal()
    open_right_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("emptyState")
        self.heading = QLabel(self.tr("Open two versions of an article to compare them"), self)
        self.heading.setObjectName("emptyHeading")
        self.heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.heading.setWordWrap(True)
        self.explain = QLabel(self.tr(
            "The original goes on the left, the rewrite on the right. Article Diff links the "
            "sentences that say the same thing and marks what was reworded, moved, cut or added."
        ), self)
        self.explain.setObjectName("panelHint")
        self.explain.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.explain.setWordWrap(True)
        self.open_pair = QPushButton(self.tr("Open Pair…"), self)
        self.open_pair.setObjectName("primaryButton")
        self.open_pair.setDefault(True)
        self.open_pair.clicked.connect(self.open_pair_requested)
        self.open_sample = QPushButton(self.tr("Open Sample Pair"), self)
        self.open_sample.clicked.connect(self.open_sample_requested)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.open_pair)
        buttons.addWidget(self.open_sample)
        buttons.addStretch(1)
        self.left_slot = self._slot(self.tr("Original (left)"), self.open_left_requested)
        self.right_slot = self._slot(self.tr("Rewrite (right)"), self.open_right_requested)
        slots = QHBoxLayout()
        slots.setSpacing(16)
        slots.addWidget(self.left_slot[0])
        slots.addWidget(self.right_slot[0])
        self.drop_hint = QLabel(self.tr("or drop two files here (the first dropped is the "
                                        "original) — .txt, .md, .html, .docx or .pdf"), self)
        self.drop_hint.setObjectName("panelHint")
        self.drop_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.drop_hint.setWordWrap(True)
        box = QWidget(self)
        box.setObjectName("emptyBox")
        box.setFixedWidth(640)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(14)
        column.addWidget(self.heading)
        column.addWidget(self.explain)
        column.addSpacing(6)
        column.addLayout(buttons)
        column.addSpacing(10)
        column.addLayout(slots)
        column.addWidget(self.drop_hint)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(box)
        row.addStretch(1)
        outer = QVBoxLayout(self)
        outer.addStretch(2)
        outer.addLayout(row)
        outer.addStretch(3)
        self.set_sides("", "")

    def _slot(self, title: str, signal: SignalInstance) -> tuple[QFrame, QLabel]:
        frame = QFrame(self)
        frame.setObjectName("dropSlot")
        heading = QLabel(title, frame)
        heading.setObjectName("slotTitle")
        name = QLabel(frame)
        name.setTextFormat(Qt.TextFormat.PlainText)
        name.setWordWrap(True)
        button = QPushButton(self.tr("Open…"), frame)
        button.clicked.connect(signal)
        layout = QVBoxLayout(frame)
        layout.setContentsMargins(14, 12, 14, 12)
        layout.addWidget(heading)
        layout.addWidget(name)
        layout.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
        return frame, name

    def set_sides(self, left_name: str, right_name: str) -> None:
        """Show which side is loaded already (names as plain text)."""
        for (_, label), name in ((self.left_slot, left_name), (self.right_slot, right_name)):
            label.setText(f"✓ {name}" if name else self.tr("Not opened yet — drop a file here"))

    def show_reading(self, side: str, name: str) -> None:
        """Say that ``side`` ("left" or "right") is being read from ``name``."""
        label = self.left_slot[1] if side == "left" else self.right_slot[1]
        label.setText(self.tr("Reading “%1”…").replace("%1", name))

    def show_failed(self, side: str, name: str) -> None:
        """Say that ``side``'s file, ``name``, could not be opened (the message bar says why)."""
        label = self.left_slot[1] if side == "left" else self.right_slot[1]
        label.setText(self.tr("✗ “%1” could not be opened — choose or drop another file")
                      .replace("%1", name))

    def side_names(self) -> tuple[str, str]:
        return self.left_slot[1].text(), self.right_slot[1].text()


# -- files ---------------------------------------------------------------------------------------
def open_filter(tr: Callable[[str], str]) -> str:
    """The file-dialog filter: every supported format, then each one, then everything."""
    patterns = " ".join(f"*{s}" for s in SUPPORTED_SUFFIXES)
    return ";;".join([
        tr("Articles") + f" ({patterns})",
        tr("Text") + " (*.txt *.text)",
        tr("Markdown") + " (*.md *.markdown)",
        tr("Web pages") + " (*.html *.htm *.xhtml)",
        tr("Word documents") + " (*.docx)",
        tr("PDF documents") + " (*.pdf)",
        tr("All files") + " (*)",
    ])


def ask_open_files(parent: QWidget, title: str, folder: str, *, several: bool) -> list[str]:
    """Ask for one file (or several); an empty list if the user cancelled."""
    tr = parent.tr
    if several:
        paths, _ = QFileDialog.getOpenFileNames(parent, title, folder, open_filter(tr))
        return list(paths)
    path, _ = QFileDialog.getOpenFileName(parent, title, folder, open_filter(tr))
    return [path] if path else []


def default_export_name(comparison: Comparison, fmt: str) -> str:
    """``"original vs rewrite.pdf"`` from the two documents' names."""
    def stem(name: str) -> str:
        return Path(name).stem or name

    left, right = stem(comparison.left.display_name), stem(comparison.right.display_name)
    name = f"{left} vs {right}.{fmt}"
    return "".join("_" if c in '/\\:*?"<>|' else c for c in name)


def ask_export_path(parent: QWidget, comparison: Comparison, fmt: ExportFormat,
                    folder: str) -> str:
    """Ask where to save the export; empty if the user cancelled. Adds the extension."""
    tr = parent.tr
    start = os.path.join(folder or str(Path.home()), default_export_name(comparison, fmt.key))
    path, _ = QFileDialog.getSaveFileName(parent, tr(fmt.title), start,
                                          f"{tr(fmt.label)} (*{fmt.extension})")
    if path and not path.lower().endswith(fmt.extension):
        path += fmt.extension
    return path


def dropped_local_files(urls: Sequence[object]) -> list[str]:
    """Local paths among dropped URLs (``QUrl``s), in order."""
    out = []
    for url in urls:
        if getattr(url, "isLocalFile", lambda: False)():
            out.append(url.toLocalFile())  # type: ignore[attr-defined]
    return out
