"""The findings list: editorial red flags, the most serious first (altered quotations).

Each row shows the kind's label and the two texts at issue. Document text is data: it is
escaped before it reaches Qt's rich text. Clicking a row (or F8 / Shift+F8 through
:meth:`FindingsPanel.select_next`) emits :attr:`FindingsPanel.finding_activated`.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from ..engine.model import FINDING_SEVERITY, Comparison, Finding
from ..services.palette import FINDING_LABELS, LIGHT, Palette

_FINDING_ROLE = Qt.ItemDataRole.UserRole + 1
_HTML_ROLE = Qt.ItemDataRole.UserRole + 2
_MAX_QUOTE = 280  # characters of each side shown in a row; the panes show the rest
_PAD = 6


def sorted_findings(findings: Sequence[Finding]) -> list[Finding]:
    """Most serious first (``FINDING_SEVERITY``), then in the order of the original."""

    def key(f: Finding) -> tuple[int, int, int]:
        left = f.left if f.left >= 0 else 1 << 30
        return (FINDING_SEVERITY.get(f.kind, 99), left, f.right)

    return sorted(findings, key=key)


def _mix(a: str, b: str, t: float) -> str:
    """Hex colour ``a`` moved a fraction ``t`` towards ``b``."""
    ca = [int(a[i : i + 2], 16) for i in (1, 3, 5)]
    cb = [int(b[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x + (y - x) * t):02x}" for x, y in zip(ca, cb))


def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _MAX_QUOTE else text[: _MAX_QUOTE - 1].rstrip() + "…"


class _RichTextDelegate(QStyledItemDelegate):
    """Paints each row's rich text wrapped to the list's width."""

    def _document(self, option: QStyleOptionViewItem, index: QModelIndex) -> QTextDocument:
        doc = QTextDocument()
        doc.setDocumentMargin(_PAD)
        doc.setDefaultFont(option.font)
        doc.setHtml(str(index.data(_HTML_ROLE) or ""))
        doc.setTextWidth(max(80, option.rect.width()))
        return doc

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        doc = self._document(opt, index)  # type: ignore[arg-type]
        ctx = QAbstractTextDocumentLayout.PaintContext()
        # the selected row is a light tint (see FindingsPanel.set_palette): keep the text colour
        ctx.palette.setColor(QPalette.ColorRole.Text, opt.palette.color(QPalette.ColorRole.Text))
        painter.save()
        painter.translate(opt.rect.topLeft())
        painter.setClipRect(QRect(0, 0, opt.rect.width(), opt.rect.height()))
        doc.documentLayout().draw(painter, ctx)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        view = opt.widget
        if view is not None and hasattr(view, "viewport"):
            opt.rect.setWidth(view.viewport().width())  # type: ignore[union-attr]
        doc = self._document(opt, index)  # type: ignore[arg-type]
        return QSize(int(doc.idealWidth()), int(doc.size().height()) + 2)


class FindingsPanel(QWidget):
    """A titled list of a comparison's findings; emits ``finding_activated`` on a click."""

    finding_activated = Signal(object)  # Finding

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._palette: Palette = LIGHT
        self._findings: list[Finding] = []
        self.title = QLabel(self)
        self.title.setObjectName("panelTitle")
        self.list = QListWidget(self)
        self.list.setObjectName("findingsList")
        self.list.setItemDelegate(_RichTextDelegate(self.list))
        self.list.setWordWrap(True)
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.itemClicked.connect(self._on_list_item_clicked)
        self.list.itemActivated.connect(self._on_list_item_clicked)
        self.empty = QLabel(self)
        self.empty.setObjectName("panelHint")
        self.empty.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.title)
        layout.addWidget(self.empty)
        layout.addWidget(self.list, 1)
        self._filler = QWidget(self)  # keeps the hint under the title when the list is hidden
        layout.addWidget(self._filler, 1)
        self.set_comparison(None)

    def set_palette(self, palette: Palette) -> None:
        """Colour the kind labels with ``palette.finding`` and the rows with the palette."""
        self._palette = palette
        dark = palette.name == "dark"
        selected = _mix(palette.window, palette.selection, 0.32 if dark else 0.16)
        hover = _mix(palette.window, palette.text, 0.06)
        rule = _mix(palette.window, palette.text, 0.12)
        self.list.setStyleSheet(
            f"QListWidget#findingsList {{ background: {palette.window}; "
            f"border: 1px solid {rule}; border-radius: 3px; }}"
            f"QListWidget#findingsList::item {{ border-bottom: 1px solid {rule}; "
            f"border-left: 3px solid transparent; }}"
            f"QListWidget#findingsList::item:hover {{ background: {hover}; }}"
            f"QListWidget#findingsList::item:selected {{ background: {selected}; "
            f"border-left: 3px solid {palette.selection}; }}"
        )
        self._fill()

    def set_comparison(self, comparison: Comparison | None) -> None:
        """Show ``comparison``'s findings (None: nothing compared yet)."""
        self._findings = sorted_findings(comparison.findings) if comparison else []
        self._compared = comparison is not None
        self._fill()

    def findings(self) -> list[Finding]:
        """The findings in the order shown."""
        return list(self._findings)

    def count(self) -> int:
        return len(self._findings)

    def current_index(self) -> int:
        return int(self.list.currentRow())

    def item_html(self, row: int) -> str:
        """The rich text shown for row ``row`` (escaped document text)."""
        item = self.list.item(row)
        return str(item.data(_HTML_ROLE)) if item else ""

    def _fill(self) -> None:
        self.list.clear()
        n = len(self._findings)
        self.title.setText(self.tr("Findings (%n)", "", n) if self._compared else self.tr("Findings"))
        if not self._compared:
            self.empty.setText(self.tr("Editorial red flags (altered quotations, changed numbers "
                                       "and names) appear here after a comparison."))
        elif not n:
            self.empty.setText(self.tr("No red flags: quotations, numbers and names match."))
        self.empty.setVisible(not n)
        self._filler.setVisible(not n)
        self.list.setVisible(bool(n))
        for f in self._findings:
            item = QListWidgetItem()
            item.setData(_FINDING_ROLE, f)
            item.setData(_HTML_ROLE, self._row_html(f))
            label = FINDING_LABELS.get(f.kind, f.kind.value)
            item.setData(Qt.ItemDataRole.AccessibleTextRole,
                         f"{label}: {f.left_text} / {f.right_text}")
            item.setToolTip(self.tr("Click to show it in both versions"))
            self.list.addItem(item)

    def _row_html(self, f: Finding) -> str:
        label = html.escape(self.tr(FINDING_LABELS.get(f.kind, f.kind.value)))
        none = html.escape(self.tr("(not there)"))
        left = html.escape(_clip(f.left_text)) if f.left_text.strip() else f"<i>{none}</i>"
        right = html.escape(_clip(f.right_text)) if f.right_text.strip() else f"<i>{none}</i>"
        muted = self._palette.muted
        return (
            f"<div style='font-weight:600; color:{self._palette.finding}'>⚑ {label}</div>"
            f"<div><span style='color:{muted}'>{html.escape(self.tr('Original:'))}</span> "
            f"{left}</div>"
            f"<div><span style='color:{muted}'>{html.escape(self.tr('Rewrite:'))}</span> "
            f"{right}</div>"
        )

    def _on_list_item_clicked(self, item: QListWidgetItem) -> None:
        finding = item.data(_FINDING_ROLE)
        if finding is not None:
            self.finding_activated.emit(finding)

    def select_row(self, row: int) -> None:
        """Make ``row`` current, scroll to it and emit ``finding_activated``."""
        if not 0 <= row < self.list.count():
            return
        self.list.setCurrentRow(row)
        item = self.list.item(row)
        self.list.scrollToItem(item)
        self._on_list_item_clicked(item)

    def select_next(self) -> int:
        """Go to the next finding (wrapping); returns the row, or -1 if there are none."""
        n = self.list.count()
        if not n:
            return -1
        row = (self.list.currentRow() + 1) % n
        self.select_row(row)
        return row

    def select_previous(self) -> int:
        """Go to the previous finding (wrapping); returns the row, or -1 if there are none."""
        n = self.list.count()
        if not n:
            return -1
        current = self.list.currentRow()
        row = (current - 1) % n if current >= 0 else n - 1
        self.select_row(row)
        return row
