"""The comparison view: original and rewrite side by side, joined by the link map.

``[ruler | original pane] [link map] [rewrite pane | ruler]``, with a header above each pane.
The view shows a selection (a group, or one unlinked sentence), steps through the changes in
reading order, finds across both panes and scrolls them together; the window keeps the
session's selection and the view's in step (``selection_changed`` / ``set_selection``). The
pure logic (reading order, what a click selects, how a pane is marked) is in
:mod:`viewer.ui.navigation`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from PySide6.QtCore import QEvent, QLocale, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QSizePolicy, QToolTip, QWidget

from ..engine.model import ChangeKind, Comparison, Document, Sentence
from ..services.palette import LIGHT, Palette
from .document_pane import DocumentPane
from .inline_text import InlineText, inline_content
from .link_map import Band, LinkMap
from .navigation import (
    NO_SELECTION,
    ReadingOrder,
    Selection,
    Skip,
    pane_marks,
    reading_order,
    selected_indices,
    sentence_selection,
)
from .overview import OverviewRuler, Tick
from .pane_search import PaneSearch, SearchResult
from .pane_text import EMPTY_DOCUMENT, PaneContent
from .sync_scroll import Anchors, GroupEdges, ScrollSynchronizer
from .theme import Theme
from .view_place import any_visible, view_start


class ComparisonView(QWidget):
    """Both documents, tinted by change kind, with bands, markers, rulers and sync scrolling.

    ``group_selected(index)`` is emitted when the selection changes or the user clicks a band
    or a sentence (-1: no group, e.g. an unlinked sentence); ``sentence_activated(side, index)``
    when the user clicks a sentence, linked or not; ``selection_changed`` whenever the selection
    (group or unlinked sentence) changes; ``settled`` once both panes are laid out after new
    content or a resize and the rulers and scroll anchors are final (``is_settled``).
    """

    group_selected = Signal(int)
    sentence_activated = Signal(str, int)
    selection_changed = Signal()
    settled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._comparison: Comparison | None = None
        self._documents = (EMPTY_DOCUMENT, EMPTY_DOCUMENT)
        self._theme = Theme(LIGHT)
        self._selection = NO_SELECTION
        self._order = ReadingOrder(None)
        self._anchors: Anchors | None = None
        self._anchors_final = False
        self._anchored_edges = 0  # how many edges the interim anchors were built from
        self._settled = False
        self._group_edges = GroupEdges()  # sync anchors' group edges, measured so far
        self._display_mode = "marked"

        self.left_pane = DocumentPane("left", self)
        self.right_pane = DocumentPane("right", self)
        self.link_map = LinkMap(self.left_pane, self.right_pane, self)
        self.left_overview = OverviewRuler(self.left_pane, self)
        self.right_overview = OverviewRuler(self.right_pane, self)
        self._search = PaneSearch(self.left_pane, self.right_pane)
        self.left_header = self._header()
        self.right_header = self._header()
        # View > Display > One Inline Column: one reading column in place of the two panes.
        self.inline_pane = DocumentPane("left", self)
        self.inline_pane.hide()
        self._inline: InlineText | None = None
        self._sync = ScrollSynchronizer(
            self.left_pane, self.right_pane, self._current_anchors, self
        )
        # Once both panes are laid out: the rulers, then the final anchors, one per idle slice.
        self._finishing: list[str] = []
        self._finish_timer = QTimer(self)
        self._finish_timer.setSingleShot(True)
        self._finish_timer.timeout.connect(self._on_finish_timer_timeout)

        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(0)
        grid.addWidget(self.left_header, 0, 0, 1, 2)
        self._spacer = self._header_spacer()
        grid.addWidget(self._spacer, 0, 2)
        grid.addWidget(self.right_header, 0, 3, 1, 2)
        grid.addWidget(self.left_overview, 1, 0)
        grid.addWidget(self.left_pane, 1, 1)
        grid.addWidget(self.link_map, 1, 2)
        grid.addWidget(self.right_pane, 1, 3)
        grid.addWidget(self.right_overview, 1, 4)
        grid.addWidget(self.inline_pane, 1, 0, 1, 5)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        grid.setRowStretch(1, 1)

        for side, pane in (("left", self.left_pane), ("right", self.right_pane)):
            pane.sentence_clicked.connect(lambda i, s=side: self._on_pane_sentence_clicked(s, i))
            pane.geometry_changed.connect(self._on_pane_geometry_changed)
            pane.layout_progressed.connect(self._on_pane_layout_progressed)
            pane.layout_finished.connect(self._on_pane_layout_finished)
        self.inline_pane.sentence_clicked.connect(self._on_inline_pane_sentence_clicked)
        self.link_map.group_clicked.connect(self._on_link_map_group_clicked)
        self.link_map.unlinked_clicked.connect(self._on_link_map_unlinked_clicked)
        self.link_map.hovered.connect(self._on_link_map_hovered)
        self.link_map.width_changed.connect(self._spacer.setFixedWidth)
        for pane in (self.left_pane, self.right_pane):
            pane.viewport().installEventFilter(self)  # a sentence's tooltip: kind, similarity
        self.set_palette(LIGHT)
        self._show()

    def _header(self) -> QLabel:
        label = QLabel(self)
        label.setObjectName("paneHeader")
        label.setTextFormat(Qt.TextFormat.PlainText)  # file names are data, never markup
        label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        return label

    def _header_spacer(self) -> QLabel:
        spacer = self._header()
        spacer.setFixedWidth(self.link_map.width())
        return spacer

    # -- content -----------------------------------------------------------------------------

    def set_documents(
        self,
        left: Document,
        right: Document,
        left_sentences: Sequence[Sentence] = (),
        right_sentences: Sequence[Sentence] = (),
        *,
        place: str = "keep",
    ) -> None:
        """Show both texts, untinted (before the alignment is ready); either may be empty.
        ``place``: "top" opens both at the top; "swap" gives each text the place it had in
        the other pane (Swap Sides); "keep" keeps a text's place if it is the same."""
        values = (self.left_pane.scroll_value(), self.right_pane.scroll_value())
        self._comparison = None
        self._documents = (left, right)
        with self._sync.paused():
            self._fill_panes(tuple(left_sentences), tuple(right_sentences))
            if place != "keep":
                wanted = (values[1], values[0]) if place == "swap" else (0, 0)
                for pane, value in zip((self.left_pane, self.right_pane), wanted):
                    pane.reach(value + pane.viewport().height())
                    pane.verticalScrollBar().setValue(value)
        self._sync.sync_from("left")

    def set_comparison(self, comparison: Comparison | None) -> None:
        """Show ``comparison`` (tints, markers, word marks, bands, rulers); None removes them
        and leaves the texts."""
        self._comparison = comparison
        if comparison is not None:
            self._documents = (comparison.left, comparison.right)
            # A reloaded text that changed keeps the reader's place too (F5).
            values = (self.left_pane.scroll_value(), self.right_pane.scroll_value())
            with self._sync.paused():
                self._fill_panes(comparison.left_sentences, comparison.right_sentences)
                for pane, value in zip((self.left_pane, self.right_pane), values):
                    pane.reach(value + pane.viewport().height())
                    pane.verticalScrollBar().setValue(value)
            self._sync.sync_from(self._sync.last_scrolled())
        else:
            self._show(self.left_pane.content().sentences, self.right_pane.content().sentences)

    def comparison(self) -> Comparison | None:
        return self._comparison

    def set_display_mode(self, mode: str) -> None:
        """View > Display: "marked" (sentences tinted, changed words struck out and
        underlined), "clean" (the texts as written, sentences tinted only) or "inline" (one
        reading column: removed words struck, new ones underlined, omitted and added sentences
        in place)."""
        if mode != self._display_mode:
            self._display_mode = mode
            inline = mode == "inline"
            for widget in (self.left_pane, self.right_pane, self.link_map, self.left_overview,
                           self.right_overview, self.right_header, self._spacer):
                widget.setVisible(not inline)
            self.inline_pane.setVisible(inline)
            if self._comparison is not None:
                selection, value = self._selection, self.left_pane.scroll_value()
                self.set_comparison(self._comparison)
                self.left_pane.verticalScrollBar().setValue(value)
                self._set_selection(selection)

    def display_mode(self) -> str:
        return self._display_mode

    def _show(
        self, left_sentences: tuple[Sentence, ...] = (), right_sentences: tuple[Sentence, ...] = ()
    ) -> None:
        with self._sync.paused():  # the panes change one after the other
            self._fill_panes(left_sentences, right_sentences)
        self._sync.sync_from("left")

    def _fill_panes(
        self, left_sentences: tuple[Sentence, ...], right_sentences: tuple[Sentence, ...]
    ) -> None:
        self._selection = NO_SELECTION
        self._search.clear()  # its matches were positions in the old texts
        self._reset_anchors()
        c = self._comparison
        left, right = self._documents
        if c is None:
            self.left_pane.set_content(PaneContent(left, left_sentences))
            self.right_pane.set_content(PaneContent(right, right_sentences))
        else:
            marks_l, marks_r = pane_marks(c)
            if self._display_mode == "clean":  # View > Display: sentence tints only
                marks_l, marks_r = replace(marks_l, words=()), replace(marks_r, words=())
            hand_l = frozenset(k.left for k in c.links if k.manual)
            hand_r = frozenset(k.right for k in c.links if k.manual)
            self.left_pane.set_content(PaneContent(
                left, c.left_sentences, marks_l.kinds, marks_l.words, "deleted", hand_l))
            self.right_pane.set_content(PaneContent(
                right, c.right_sentences, marks_r.kinds, marks_r.words, "inserted", hand_r))
        self._inline = inline_content(c) if c is not None and self._display_mode == "inline" \
            else None
        self.inline_pane.set_content(self._inline.content if self._inline is not None
                                     else PaneContent(EMPTY_DOCUMENT))
        self._order = ReadingOrder(c)
        self.left_header.setText(self._header_text("left", left) if self._inline is None else
                                 self.tr("One column: {left} → {right} (struck: removed, "
                                         "underlined: new)").format(left=left.display_name,
                                                                    right=right.display_name))
        self.right_header.setText(self._header_text("right", right))
        self.link_map.set_comparison(c)
        self._apply_selection()
        self.left_overview.set_ticks(())
        self.right_overview.set_ticks(())
        # The rulers need the whole layout: they follow once both panes' idle passes finish.

    def _header_text(self, side: str, document: Document) -> str:
        c = self._comparison
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

    # -- geometry ----------------------------------------------------------------------------

    def _current_anchors(self, side: str, y: float) -> Anchors | None:
        """Sync-scroll anchors from the groups' edges that are exact at least as far as ``y``
        on ``side``. Before both panes are laid out, the groups are measured only as far as
        that point needs (what Qt lays out anyway to paint there); the final anchors are built
        once, in an idle slice, when both panes have finished."""
        c = self._comparison
        if c is None or not c.groups or not _shows(c, self.left_pane, self.right_pane):
            return None
        edges = self._group_edges.edges
        every_edge = (self._group_edges.complete(c.groups)
                      and self._anchored_edges == len(edges))
        if self._anchors is not None and (
            self._anchors_final or every_edge or self._covers(side, y)
        ):
            return self._anchors
        self._extend_edges(side, y)
        if self._anchors is None or len(edges) != self._anchored_edges:
            self._anchored_edges = len(edges)
            # Qt reports the growing height on a timer: the measured edges may already be below.
            last = edges[-1] if edges else (0.0, 0.0, 0.0, 0.0)
            self.left_pane.reach(last[1])
            self.right_pane.reach(last[3])
            self._anchors = Anchors.build(
                edges,
                max(self.left_pane.content_height(), last[1]),
                max(self.right_pane.content_height(), last[3]),
            )
        return self._anchors

    def _covers(self, side: str, y: float) -> bool:
        """Whether the interim anchors have a point below ``y`` on ``side`` (exact up to it)."""
        if not self._anchored_edges:
            return False
        last = self._group_edges.edges[self._anchored_edges - 1]
        return (last[0] if side == "left" else last[2]) > y

    def _extend_edges(self, side: str, y: float | None, *, measured: bool = False) -> None:
        assert self._comparison is not None
        self._group_edges.extend(self._comparison.groups, self.left_pane, self.right_pane,
                                 side, y, measured=measured)

    def _reset_anchors(self) -> None:
        self._anchors = None
        self._anchored_edges = 0
        self._anchors_final = False
        self._group_edges.reset()
        self._finishing = []
        self._finish_timer.stop()
        self._settled = False

    def _on_pane_geometry_changed(self) -> None:
        self._reset_anchors()

    def _on_pane_layout_progressed(self) -> None:
        # Take the edges of the groups measured so far, a slice at a time, so that the final
        # anchors cost little when the layout is done.
        c = self._comparison
        if c is not None and c.groups and _shows(c, self.left_pane, self.right_pane):
            self._extend_edges("left", None, measured=True)

    def _on_pane_layout_finished(self) -> None:
        if self.left_pane.layout_complete() and self.right_pane.layout_complete():
            self._finishing = ["left ruler", "right ruler", "anchors"]
            self._finish_timer.start(0)

    def _on_finish_timer_timeout(self) -> None:
        """One step after the layout, then the next in a later slice: each ruler's ticks, then
        the final scroll anchors (and the panes levelled with them)."""
        if not self._finishing:
            return
        step = self._finishing.pop(0)
        if step == "left ruler":
            self._update_ruler(self.left_pane, self.left_overview)
        elif step == "right ruler":
            self._update_ruler(self.right_pane, self.right_overview)
        else:
            c = self._comparison
            if c is not None and c.groups and _shows(c, self.left_pane, self.right_pane):
                self._extend_edges("left", None)
                self._pad_tails()
                self._anchors = Anchors.build(
                    self._group_edges.edges, self.left_pane.content_height(),
                    self.right_pane.content_height()
                )
                self._anchors_final = True
            self._sync.sync_from(self._sync.last_scrolled())
            self._settled = True
            self.settled.emit()
        if self._finishing:
            self._finish_timer.start(0)

    def _pad_tails(self) -> None:
        """Make both panes' tails after the last linked group equally long (the shorter one
        may scroll past its end), so that linked sentences stay level down to the end."""
        edges = self._group_edges.edges
        tails = []
        for pane, k in ((self.left_pane, 1), (self.right_pane, 3)):
            text = pane.content_height() - pane.bottom_padding()
            tails.append(max(0.0, text - edges[-1][k]) if edges else 0.0)
        longest = max(tails, default=0.0)
        for pane, tail in zip((self.left_pane, self.right_pane), tails):
            pane.set_bottom_padding(round(longest - tail))

    def is_settled(self) -> bool:
        """Whether both panes are laid out and the rulers and scroll anchors are final."""
        return self._settled

    @staticmethod
    def _update_ruler(pane: DocumentPane, ruler: OverviewRuler) -> None:
        kinds = pane.content().kinds
        if not kinds:
            ruler.set_ticks(())
            return
        spans = pane.all_spans()
        total = max(1.0, pane.content_height())
        ticks: list[Tick] = [
            (top / total, bottom / total, kind)
            for (top, bottom), kind in zip(spans, kinds)
            if kind is not None and kind is not ChangeKind.IDENTICAL
        ]
        ruler.set_ticks(ticks)

    # -- selection ---------------------------------------------------------------------------

    def selected_group(self) -> int:
        return self._selection.group

    def selected_sentence(self) -> tuple[str, int] | None:
        """The selected unlinked sentence ``(side, index)``, if the selection is one."""
        return self._selection.unlinked

    def selection(self) -> Selection:
        """The selected group or unlinked sentence."""
        return self._selection

    def set_selection(self, selection: Selection, *, scroll: bool = False) -> None:
        """Select ``selection`` (from the session); scroll it into view if ``scroll``."""
        if selection.group >= 0 and (self._comparison is None
                                     or selection.group >= len(self._comparison.groups)):
            selection = NO_SELECTION
        self._set_selection(selection)
        if scroll and not selection.empty:
            side = selection.unlinked[0] if selection.unlinked is not None else "left"
            self._scroll_to_selection(prefer=side)

    def select_group(self, index: int, *, scroll: bool = True) -> None:
        """Highlight group ``index`` in both panes (-1: clear) and scroll it into view."""
        c = self._comparison
        if c is None or not 0 <= index < len(c.groups):
            index = -1
        self._set_selection(Selection(index, None))
        if scroll and index >= 0:
            self._scroll_to_selection()

    def select_sentence(self, side: str, index: int) -> None:
        """Select sentence ``index`` of ``side``: its group, or the sentence itself if unlinked."""
        pane = self._pane(side)
        if not 0 <= index < pane.sentence_count():
            return
        self._set_selection(sentence_selection(self._comparison, side, index))
        self._scroll_to_selection(prefer=side)

    def _set_selection(self, selection: Selection, *, clicked: bool = False) -> None:
        changed = selection != self._selection
        self._selection = selection
        self._apply_selection()
        if changed:
            self.selection_changed.emit()
        if changed or clicked:
            self.group_selected.emit(selection.group)

    def _apply_selection(self) -> None:
        left, right = self._selected_indices()
        self.left_pane.set_highlight(left)
        self.right_pane.set_highlight(right)
        self.link_map.set_selected(self._selection.group, self._selection.unlinked)
        n = self._inline_index()
        self.inline_pane.set_highlight((n,) if n >= 0 else ())

    def _inline_index(self) -> int:
        """The inline column's sentence showing the selection (-1: none, or not inline)."""
        if self._inline is None or self._selection.empty:
            return -1
        entry = (("group", self._selection.group) if self._selection.group >= 0
                 else self._selection.unlinked)
        return self._inline.index_of(entry) if entry is not None else -1

    def _on_inline_pane_sentence_clicked(self, index: int) -> None:
        if self._inline is None or not 0 <= index < len(self._inline.entries):
            return
        side, i = self._inline.entries[index]
        selection = Selection(i, None) if side == "group" else Selection(-1, (side, i))
        self._set_selection(selection, clicked=True)

    def _selected_indices(self) -> tuple[tuple[int, ...], tuple[int, ...]]:
        return selected_indices(self._comparison, self._selection)

    def _scroll_to_selection(self, prefer: str = "left", indices: tuple[
            tuple[int, ...], tuple[int, ...]] | None = None) -> None:
        """Bring the selection (or sentences ``indices``: left, right) into view: the
        preferred side first; with sync scrolling the other side follows, and is scrolled
        itself only if its part is still out of view."""
        n = self._inline_index()
        if n >= 0:
            self.inline_pane.scroll_to_span(self.inline_pane.sentence_span(n))
            return
        left, right = self._selected_indices() if indices is None else indices
        sides = [("left", left), ("right", right)]
        if prefer == "right":
            sides.reverse()
        for n, (side, part) in enumerate(sides):
            if not part:
                continue
            pane = self._pane(side)
            spans = [pane.sentence_span(i) for i in part]
            span = (min(s[0] for s in spans), max(s[1] for s in spans))
            if n and self._sync.enabled() and sides[0][1]:
                if not pane.is_span_visible(span):
                    with self._sync.paused():  # a move: show both ends without pulling back
                        pane.scroll_to_span(span)
                break
            pane.scroll_to_span(span)

    def _pane(self, side: str) -> DocumentPane:
        return self.left_pane if side == "left" else self.right_pane

    def _on_pane_sentence_clicked(self, side: str, index: int) -> None:
        self._set_selection(sentence_selection(self._comparison, side, index), clicked=True)
        self.sentence_activated.emit(side, index)

    def _on_link_map_group_clicked(self, index: int) -> None:
        self._set_selection(Selection(index, None), clicked=True)

    def _on_link_map_hovered(self, group: int, side: str, sentence: int) -> None:
        """Outline both ends of the band under the pointer, lightly: which sentence links to
        which, without clicking."""
        c = self._comparison
        left: tuple[int, ...] = ()
        right: tuple[int, ...] = ()
        if c is not None and 0 <= group < len(c.groups):
            left, right = c.groups[group].left, c.groups[group].right
        elif side == "left":
            left = (sentence,)
        elif side == "right":
            right = (sentence,)
        self.left_pane.set_hover(left)
        self.right_pane.set_hover(right)

    def _on_link_map_unlinked_clicked(self, side: str, index: int) -> None:
        self._set_selection(Selection(-1, (side, index)), clicked=True)
        self.sentence_activated.emit(side, index)

    # -- navigation --------------------------------------------------------------------------

    def next_change(self, skip: Skip | None = None) -> int:
        """Select the next change from where the reader is (the selection if it is in view,
        else the view); its group index (-1 for unlinked sentences, or at the end, where the
        selection stays). ``skip``: entries to pass over (reviewed ones, on request)."""
        target = self.step_change(+1, skip)
        return -1 if target is None else target.group

    def previous_change(self, skip: Skip | None = None) -> int:
        """Select the previous change (see ``next_change``)."""
        target = self.step_change(-1, skip)
        return -1 if target is None else target.group

    def step_change(self, direction: int, skip: Skip | None = None) -> Selection | None:
        """Go to the next (+1) or previous (-1) stop (:class:`ReadingOrder`): select its
        first entry and bring the stop into view. None when there is none that way."""
        order = self._order
        if not order.entries:
            return None
        current = order.position(self._selection)
        if current is not None and self._selection_in_view():
            start = current + direction
        else:
            together = self._sync.enabled()
            lead = "left" if together else self._sync.last_scrolled()
            start = view_start(order, {"left": self.left_pane, "right": self.right_pane},
                               lead, direction, together=together)
        n = order.find_stop(start, direction, skip)
        if n is None:
            return None
        target = order.selection_at(n)
        self._set_selection(target)
        left: list[int] = []
        right: list[int] = []
        for entry in order.entries[n:order.stop_end(n, skip)]:
            part = Selection(entry[1], None) if entry[0] == "group" else Selection(-1, entry)
            ls, rs = selected_indices(self._comparison, part)
            left.extend(ls)
            right.extend(rs)
        prefer = target.unlinked[0] if target.unlinked is not None else "left"
        self._scroll_to_selection(prefer=prefer, indices=(tuple(left), tuple(right)))
        return target

    def reading_order(self) -> ReadingOrder:
        """The shown comparison's reading order (empty without a comparison)."""
        return self._order

    def _selection_in_view(self) -> bool:
        left, right = self._selected_indices()
        return any_visible(self.left_pane, left) or any_visible(self.right_pane, right)

    # -- find, palette, scrolling ------------------------------------------------------------

    def find(self, text: str, *, backwards: bool = False) -> bool:  # type: ignore[override]
        """Find ``text`` (case-insensitive) in both panes; see :meth:`search`."""
        return self.search(text, backwards=backwards).count > 0

    def search(self, text: str, *, backwards: bool = False) -> SearchResult:
        """The next (previous) match of ``text`` in reading order, from the current match if
        it is in view, else from the view; every match tinted, this one centred."""
        return self._search.find(text, self._order, backwards=backwards)

    def clear_search(self) -> None:
        self._search.clear()

    def sentence_tooltip(self, side: str, index: int) -> str:
        """What hovering sentence ``index`` of ``side`` says (as its band in the link map
        does): kind, similarity, which sentences and their word counts; empty before a
        comparison."""
        c = self._comparison
        if c is None or not 0 <= index < len(c.left_sentences if side == "left"
                                                else c.right_sentences):
            return ""
        return self.link_map.tooltip_text(_sentence_band(c, side, index))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            for side, pane in (("left", self.left_pane), ("right", self.right_pane)):
                if watched is pane.viewport():
                    assert isinstance(event, QHelpEvent)
                    text = self.sentence_tooltip(side, pane.sentence_at(event.pos()))
                    if text:
                        QToolTip.showText(event.globalPos(), text, pane.viewport())
                    else:
                        QToolTip.hideText()
                        event.ignore()
                    return True
        return super().eventFilter(watched, event)

    def set_sync_scrolling(self, on: bool) -> None:
        """Turn synchronised scrolling on (the right pane lines up at once) or off."""
        self._sync.set_enabled(on)

    def sync_scrolling(self) -> bool:
        return self._sync.enabled()

    def set_palette(self, palette: Palette) -> None:
        """Recolour everything with ``palette`` (light or dark)."""
        self._theme = Theme(palette)
        self.setStyleSheet(self._theme.style_sheet())
        for pane in (self.left_pane, self.right_pane, self.inline_pane):
            pane.set_theme(self._theme)
        for widget in (self.link_map, self.left_overview, self.right_overview):
            widget.set_theme(self._theme)
        self._apply_selection()

    def theme(self) -> Theme:
        return self._theme


def _sentence_band(comparison: Comparison, side: str, index: int) -> Band:
    """A band standing for sentence ``index`` of ``side`` (its group, or the sentence alone),
    for the link map's tooltip text."""
    group = (comparison.group_of_left(index) if side == "left"
             else comparison.group_of_right(index))
    if group is not None:
        return Band(group, comparison.groups[group].kind, 0, 0, 0, 0, side=side, sentence=index)
    kind = ChangeKind.OMITTED if side == "left" else ChangeKind.ADDED
    return Band(-1, kind, 0, 0, 0, 0, side=side, sentence=index)


def _shows(comparison: Comparison, left: DocumentPane, right: DocumentPane) -> bool:
    """Whether the panes hold ``comparison``'s sentences (not while they are being refilled)."""
    return left.sentence_count() == len(
        comparison.left_sentences
    ) and right.sentence_count() == len(comparison.right_sentences)


__all__ = ["ComparisonView", "reading_order"]
