"""The findings list: editorial red flags, the most serious first (altered quotations) or in
document order, filtered by kind; identical findings share one row.

Each row shows what the PDF's finding card shows: the kind's label, where it is (L15 → R16),
what changed (the detail) and the two texts at issue. Document text is data: it is escaped
before it reaches Qt's rich text. Clicking a row, or F8 / Shift+F8 (:meth:`FindingsPanel.
select_next`), which follow the document whatever the list's order, emits
:attr:`FindingsPanel.finding_activated`. The grouping, the filter and the orders live in
``finding_rows`` (no Qt).
"""

from __future__ import annotations

import html
from collections.abc import Iterable

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QPainter,
    QPalette,
    QResizeEvent,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from ..engine.model import Comparison, Finding, FindingKind
from ..services.export_rows import sentence_label
from ..services.palette import FINDING_LABELS, LIGHT, Palette
from .finding_rows import FindingRow, RowOrder, arrange, group_findings, kind_counts, step

_ROW_ROLE = Qt.ItemDataRole.UserRole + 1
_HTML_ROLE = Qt.ItemDataRole.UserRole + 2
_MAX_QUOTE = 280  # characters of each side shown in a row; the panes show the rest
_PAD = 6


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
    """A titled list of a comparison's findings, with a filter by kind and a choice of order;
    emits ``finding_activated`` on a click or F8."""

    finding_activated = Signal(object)  # Finding

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._palette: Palette = LIGHT
        self._all: list[Finding] = []
        self._rows: list[FindingRow] = []
        self._shown: list[FindingRow] = []
        self._current: Finding | None = None
        self._ignored: frozenset[Finding] = frozenset()
        self._compared = False
        self._translation = False  # the right side is a translation: its label says so
        self.title = QLabel(self)
        self.title.setObjectName("panelTitle")
        self.kind_filter = QComboBox(self)
        self.kind_filter.setObjectName("findingsKind")
        self.kind_filter.setAccessibleName(self.tr("Show findings of kind"))
        self.kind_filter.setToolTip(self.tr("Show one kind of finding only"))
        self.order = QComboBox(self)
        self.order.setObjectName("findingsOrder")
        self.order.setAccessibleName(self.tr("Order of the findings"))
        self.order.addItem(self.tr("Most serious first"), RowOrder.SEVERITY.value)
        self.order.addItem(self.tr("In document order"), RowOrder.POSITION.value)
        self.order.setToolTip(self.tr("F8 and Shift+F8 always follow the document"))
        # On the title's line when they fit (a normal window shows the whole side panel
        # without scrolling), else below it: a narrow panel wraps them rather than clipping.
        for combo in (self.kind_filter, self.order):
            combo.setMinimumWidth(combo.fontMetrics().horizontalAdvance("MMMM") + 24)
        controls = self._controls = QVBoxLayout()
        controls.setContentsMargins(0, 0, 0, 0)
        controls.setSpacing(4)
        self._control_rows: tuple[int, ...] = ()
        self._arrange_controls(1 << 16)
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
        layout.addLayout(controls)
        layout.addWidget(self.empty)
        layout.addWidget(self.list, 1)
        self._filler = QWidget(self)  # keeps the hint under the title when the list is hidden
        layout.addWidget(self._filler, 1)
        self.kind_filter.currentIndexChanged.connect(self._on_kind_filter_changed)
        self.order.currentIndexChanged.connect(self._on_order_changed)
        self.set_comparison(None)

    def _arrange_controls(self, width: int) -> None:
        """The title and the two lists in rows of at most ``width`` px, in order."""
        rows: list[list[QWidget]] = [[]]
        used = 0
        for widget in (self.title, self.kind_filter, self.order):
            need = widget.sizeHint().width()
            if rows[-1] and used + self._controls.spacing() + need > width:
                rows.append([])
                used = 0
            used += need + (self._controls.spacing() if rows[-1] else 0)
            rows[-1].append(widget)
        shape = tuple(len(row) for row in rows)
        if shape == self._control_rows:
            return
        self._control_rows = shape
        while (item := self._controls.takeAt(0)) is not None:
            old = item.layout()
            if old is not None:
                while old.takeAt(0) is not None:
                    pass
                old.deleteLater()
        for row in rows:
            line = QHBoxLayout()
            line.setSpacing(self._controls.spacing())
            for widget in row:
                line.addWidget(widget)  # each from its size hint, the room left shared
            self._controls.addLayout(line)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange_controls(event.size().width())

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
        """Show ``comparison``'s findings (None: nothing compared yet). The filter is kept
        when its kind is still found."""
        self._all = list(comparison.findings) if comparison else []
        self._rows = group_findings(self._all)
        self._compared = comparison is not None
        self._translation = comparison is not None and comparison.cross_language
        self._current = None
        kind = self.kind_filter.currentData()
        blocked = self.kind_filter.blockSignals(True)
        self.kind_filter.clear()
        self.kind_filter.addItem(self.tr("All kinds (%1)").replace("%1", str(len(self._all))), None)
        for k, n in kind_counts(self._all):
            label = self.tr(FINDING_LABELS.get(k, k.value))
            self.kind_filter.addItem(f"{label} ({n})", k.value)
        at = self.kind_filter.findData(kind) if kind else 0
        self.kind_filter.setCurrentIndex(max(0, at))
        self.kind_filter.blockSignals(blocked)
        self.kind_filter.setEnabled(bool(self._all))
        self.order.setEnabled(bool(self._all))
        self._fill()

    def set_ignored(self, findings: Iterable[Finding]) -> None:
        """Show these findings muted (the editor ignored them); they stay in the list."""
        ignored = frozenset(findings)
        if ignored != self._ignored:
            self._ignored = ignored
            self._fill()

    def is_ignored_row(self, row: int) -> bool:
        """Whether row ``row`` of the list is shown muted."""
        return all(f in self._ignored for f in self._shown[row].findings)

    def set_kind(self, kind: FindingKind | None) -> None:
        """Show findings of ``kind`` only (None: all)."""
        at = self.kind_filter.findData(kind.value) if kind is not None else 0
        self.kind_filter.setCurrentIndex(max(0, at))

    def set_order(self, order: RowOrder) -> None:
        self.order.setCurrentIndex(max(0, self.order.findData(order.value)))

    def findings(self) -> list[Finding]:
        """The findings in the order shown (a row's identical findings one after another)."""
        return [f for row in self._shown for f in row.findings]

    def rows(self) -> list[FindingRow]:
        """The rows shown, in order."""
        return list(self._shown)

    def count(self) -> int:
        """How many findings the comparison has (whatever the filter)."""
        return len(self._all)

    def current_index(self) -> int:
        return int(self.list.currentRow())

    def current_finding(self) -> Finding | None:
        return self._current

    def item_html(self, row: int) -> str:
        """The rich text shown for row ``row`` (escaped document text)."""
        item = self.list.item(row)
        return str(item.data(_HTML_ROLE)) if item else ""

    def _kind(self) -> FindingKind | None:
        data = self.kind_filter.currentData()
        return FindingKind(data) if data else None

    def _fill(self) -> None:
        order = RowOrder(self.order.currentData() or RowOrder.SEVERITY.value)
        self._shown = arrange(self._rows, kind=self._kind(), order=order)
        self.list.clear()
        n = len(self._all)
        title = self.tr("Findings (%n)", "", n) if self._compared else self.tr("Findings")
        self.title.setText(title)
        if self.isVisible():
            self._arrange_controls(self.width())  # the title's and the lists' widths changed
        if not self._compared:
            self.empty.setText(self.tr("Editorial red flags (altered quotations, changed numbers "
                                       "and names) appear here after a comparison."))
        elif not n:
            self.empty.setText(self.tr("No red flags: quotations, numbers and names match."))
        self.empty.setVisible(not n)
        self._filler.setVisible(not n)
        self.list.setVisible(bool(n))
        for row in self._shown:
            f = row.first
            item = QListWidgetItem()
            item.setData(_ROW_ROLE, row)
            item.setData(_HTML_ROLE, self._row_html(row))
            label = FINDING_LABELS.get(f.kind, f.kind.value)
            item.setData(Qt.ItemDataRole.AccessibleTextRole,
                         f"{label}, {self._where(row)}: {f.detail}. {f.left_text} / {f.right_text}")
            item.setToolTip(self.tr("Click to show it in both versions"))
            self.list.addItem(item)
        if self._current is not None:
            self._mark_row_of(self._current)

    @staticmethod
    def _location(f: Finding) -> str:
        parts = [sentence_label("L", f.left) if f.left >= 0 else "",
                 sentence_label("R", f.right) if f.right >= 0 else ""]
        return " → ".join(p for p in parts if p)

    def _where(self, row: FindingRow) -> str:
        return ", ".join(self._location(f) for f in row.findings)

    def _row_html(self, row: FindingRow) -> str:
        f = row.first
        label = html.escape(self.tr(FINDING_LABELS.get(f.kind, f.kind.value)))
        none = html.escape(self.tr("(not there)"))
        left = html.escape(_clip(f.left_text)) if f.left_text.strip() else f"<i>{none}</i>"
        right = html.escape(_clip(f.right_text)) if f.right_text.strip() else f"<i>{none}</i>"
        muted = self._palette.muted
        other = self.tr("Translation:") if self._translation else self.tr("Rewrite:")
        times = f" ×{len(row.findings)}" if len(row.findings) > 1 else ""
        detail = (f"<div style='color:{muted}'>{html.escape(_clip(f.detail))}</div>"
                  if f.detail else "")
        ignored = all(x in self._ignored for x in row.findings)
        # An ignored finding stays listed, greyed whole and said so (colour is not the only sign).
        colour = muted if ignored else self._palette.finding
        note = f" · {html.escape(self.tr('ignored'))}" if ignored else ""
        body = (
            f"<div><span style='font-weight:600; color:{colour}'>⚑ {label}"
            f"{times}</span> <span style='color:{muted}'>· {html.escape(self._where(row))}{note}"
            f"</span></div>{detail}"
            f"<div><span style='color:{muted}'>{html.escape(self.tr('Original:'))}</span> "
            f"{left}</div>"
            f"<div><span style='color:{muted}'>{html.escape(other)}</span> "
            f"{right}</div>"
        )
        return f"<div style='color:{muted}'>{body}</div>" if ignored else body

    def _on_kind_filter_changed(self, _index: int) -> None:
        self._fill()

    def _on_order_changed(self, _index: int) -> None:
        self._fill()

    def _on_list_item_clicked(self, item: QListWidgetItem) -> None:
        row = item.data(_ROW_ROLE)
        if not isinstance(row, FindingRow):
            return
        # A second click on a row of identical findings goes to the next of them.
        at = row.findings.index(self._current) if self._current in row.findings else -1
        self._activate(row.findings[(at + 1) % len(row.findings)] if at >= 0 else row.first)

    def _activate(self, finding: Finding) -> None:
        self._current = finding
        self._mark_row_of(finding)
        self.finding_activated.emit(finding)

    def _mark_row_of(self, finding: Finding) -> None:
        for r, row in enumerate(self._shown):
            if finding in row.findings:
                self.list.setCurrentRow(r)
                self.list.scrollToItem(self.list.item(r))
                return

    def select_row(self, row: int) -> None:
        """Make ``row`` current, scroll to it and emit ``finding_activated`` (its first)."""
        if 0 <= row < len(self._shown):
            self._activate(self._shown[row].first)

    def _shown_findings(self) -> list[Finding]:
        return [f for row in self._shown for f in row.findings]

    def select_next(self) -> int:
        """Go to the next finding in document order (wrapping), among those the filter shows;
        returns its row, or -1 if there are none."""
        found = step(self._shown_findings(), self._current, forward=True)
        if found is None:
            return -1
        self._activate(found)
        return self.current_index()

    def select_previous(self) -> int:
        """Go to the previous finding in document order (wrapping); returns its row or -1."""
        found = step(self._shown_findings(), self._current, forward=False)
        if found is None:
            return -1
        self._activate(found)
        return self.current_index()
