"""The comparison view: original and rewrite side by side, joined by the link map.

``[ruler | original pane] [link map] [rewrite pane | ruler]``, with a header above each pane.
The view shows a selection (a group, or one unlinked sentence), steps through the changes in
reading order, finds across both panes and scrolls them together; the window keeps the
session's selection and the view's in step (``selection_changed`` / ``set_selection``). The
pure logic (reading order, what a click selects, how a pane is marked) is in
:mod:`viewer.ui.navigation`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QWidget

from ..engine.model import Comparison, Document, Sentence
from ..services.palette import LIGHT, Palette
from .document_pane import DocumentPane
from .identical_hiding import IdenticalHiding
from .inline_text import InlineText, inline_content
from .link_map import LinkMap
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
from .overview import OverviewRuler
from .pane_headers import PaneHeaders
from .pane_levelling import Levelling
from .pane_muting import muted_sentences
from .pane_search import PaneSearch, SearchResult
from .pane_text import EMPTY_DOCUMENT, PaneContent
from .pane_tooltips import PaneTooltips
from .sync_scroll import ScrollSynchronizer
from .theme import Theme
from .view_place import any_visible, restore_place, scroll_into_view, top_place, view_start

_Muted = tuple[tuple[int, ...], tuple[tuple[str, int], ...], "Comparison | None"]
"""Groups and unlinked sentences to mute, and the comparison they index."""


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
        self._display_mode = "marked"
        self.hiding = IdenticalHiding(self)  # View > Hide Identical Sentences
        self._muted: _Muted = ((), (), None)

        self.left_pane = DocumentPane("left", self)
        self.right_pane = DocumentPane("right", self)
        self.link_map = LinkMap(self.left_pane, self.right_pane, self)
        self.left_overview = OverviewRuler(self.left_pane, self)
        self.right_overview = OverviewRuler(self.right_pane, self)
        self._search = PaneSearch(self.left_pane, self.right_pane)
        self._headers = PaneHeaders(self, self.link_map.width())
        self.left_header, self.right_header = self._headers.left, self._headers.right
        self._spacer = self._headers.spacer
        # View > Display > One Inline Column: one reading column in place of the two panes.
        self.inline_pane = DocumentPane("left", self)
        self.inline_pane.hide()
        self._inline: InlineText | None = None
        self.levelling = Levelling(lambda: self._comparison, self.left_pane, self.right_pane,
                                   (self.left_overview, self.right_overview), self)
        self.levelling.settled.connect(self._on_levelling_settled)
        self._sync = ScrollSynchronizer(
            self.left_pane, self.right_pane, self.levelling.current_anchors, self
        )

        self._grid = grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(0)
        for widget, row, column, span in (
            (self.left_header, 0, 0, 2), (self._spacer, 0, 2, 1), (self.right_header, 0, 3, 2),
            (self.left_overview, 1, 0, 1), (self.left_pane, 1, 1, 1), (self.link_map, 1, 2, 1),
            (self.right_pane, 1, 3, 1), (self.right_overview, 1, 4, 1),
            (self.inline_pane, 1, 0, 5),
        ):
            grid.addWidget(widget, row, column, 1, span)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        grid.setRowStretch(1, 1)

        for side, pane in (("left", self.left_pane), ("right", self.right_pane)):
            pane.sentence_clicked.connect(lambda i, s=side: self._on_pane_sentence_clicked(s, i))
        self.inline_pane.sentence_clicked.connect(self._on_inline_pane_sentence_clicked)
        for side, pane in (("left", self.left_pane), ("right", self.right_pane),
                           ("inline", self.inline_pane)):
            pane.placeholder_clicked.connect(
                lambda first, _last, s=side: self._on_pane_placeholder_clicked(s, first))
        self.link_map.group_clicked.connect(self._on_link_map_group_clicked)
        self.link_map.unlinked_clicked.connect(self._on_link_map_unlinked_clicked)
        self.link_map.hovered.connect(self._on_link_map_hovered)
        self.link_map.width_changed.connect(self._spacer.setFixedWidth)
        self.tooltips = PaneTooltips(lambda: self._comparison, self.left_pane, self.right_pane,
                                     self.link_map, self)
        self.set_palette(LIGHT)
        self._show()

    # -- content -----------------------------------------------------------------------------

    def set_documents(self, left: Document, right: Document,
                      left_sentences: Sequence[Sentence] = (),
                      right_sentences: Sequence[Sentence] = (), *, place: str = "keep") -> None:
        """Show both texts, untinted (before the alignment is ready); either may be empty.
        ``place``: "top" opens both at the top; "swap" gives each text the place it had in
        the other pane (Swap Sides); "keep" keeps a text's place if it is the same."""
        values = (self.left_pane.scroll_value(), self.right_pane.scroll_value())
        self._comparison = None
        self._documents = (left, right)
        self.hiding.set_on(self.hiding.on)  # new texts: every run hidden again
        with self._sync.paused():
            self._fill_panes(tuple(left_sentences), tuple(right_sentences))
            if place != "keep":
                self._scroll_panes((values[1], values[0]) if place == "swap" else (0, 0))
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
                self._scroll_panes(values)
            self._sync.sync_from(self._sync.last_scrolled())
        else:
            self._show(self.left_pane.content().sentences, self.right_pane.content().sentences)

    def _scroll_panes(self, values: tuple[int, int]) -> None:
        for pane, value in zip((self.left_pane, self.right_pane), values):
            pane.reach(value + pane.viewport().height())
            pane.verticalScrollBar().setValue(value)

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
            # the one column's header spans the whole width, like the column
            self._grid.removeWidget(self.left_header)
            self._grid.addWidget(self.left_header, 0, 0, 1, 5 if inline else 2)
            self._refill()

    def display_mode(self) -> str:
        return self._display_mode

    def set_hide_identical(self, on: bool) -> None:
        """View > Hide Identical Sentences: each run of identical linked sentences is one
        placeholder line in each pane (a click on it, or selecting a sentence in it, shows the
        run); off shows them all. Find searches only the text shown."""
        if bool(on) != self.hiding.on:
            self.hiding.set_on(on)
            self._refill()

    def hide_identical(self) -> bool:
        return self.hiding.on

    def _on_pane_placeholder_clicked(self, side: str, first: int) -> None:
        if side == "inline":
            runs = self.hiding.inline_run(self._inline, first) if self._inline else []
        else:
            runs = self.hiding.touching((first,) if side == "left" else (),
                                        (first,) if side == "right" else ())
        if self.hiding.open(runs):
            self._refill()

    def _reveal(self, selection: Selection) -> None:
        """Show the hidden runs that hold part of ``selection``."""
        if self.hiding.runs and not selection.empty:
            left, right = selected_indices(self._comparison, selection)
            if self.hiding.open(self.hiding.touching(left, right)):
                self._refill()

    def _refill(self) -> None:
        """Fill the panes again from the comparison shown, keeping the reader's place (the
        sentence at the top of the left pane stays there) and the selection."""
        if self._comparison is None:
            return
        selection, value = self._selection, self.left_pane.scroll_value()
        place = top_place(self.left_pane) if self.left_pane.isVisible() else None
        self.set_comparison(self._comparison)
        restore_place(self.left_pane, place, value)
        self._selection = selection
        self._apply_selection()

    def set_muted(self, groups: Iterable[int], unlinked: Iterable[tuple[str, int]]) -> None:
        """Draw these groups and unlinked sentences muted, in the panes and the link map (the
        editor marked them ignored); they stay in place."""
        self._muted = (tuple(groups), tuple(unlinked), self._comparison)
        self._apply_muted()

    def _apply_muted(self) -> None:
        groups, unlinked, c = self._muted
        if c is None or c is not self._comparison:
            groups, unlinked = (), ()
        left, right, rows = muted_sentences(c, groups, unlinked, self._inline)
        self.left_pane.set_muted(left)
        self.right_pane.set_muted(right)
        self.inline_pane.set_muted(rows)
        self.link_map.set_muted(groups, unlinked)

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
        self.levelling.reset()
        c = self._comparison
        self.hiding.update(c)
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
            self.left_pane.set_content(self.hiding.hide(PaneContent(
                left, c.left_sentences, marks_l.kinds, marks_l.words, "deleted", hand_l), "left"))
            self.right_pane.set_content(self.hiding.hide(PaneContent(
                right, c.right_sentences, marks_r.kinds, marks_r.words, "inserted", hand_r),
                "right"))
        self._inline = inline_content(c) if c is not None and self._display_mode == "inline" \
            else None
        self.inline_pane.set_content(self.hiding.hide_inline(self._inline)
                                     if self._inline is not None else PaneContent(EMPTY_DOCUMENT))
        self._order = ReadingOrder(c)
        self._headers.show_documents(c, left, right, inline=self._inline is not None)
        self.link_map.set_comparison(c)
        self.link_map.set_hidden_runs((r.first_group, r.last_group) for r in self.hiding.runs)
        self._apply_muted()
        self._apply_selection()
        self.left_overview.set_ticks(())
        self.right_overview.set_ticks(())
        # The rulers need the whole layout: they follow once both panes' idle passes finish.

    def is_settled(self) -> bool:
        """Whether both panes are laid out and the rulers and scroll anchors are final."""
        return self.levelling.is_settled()

    def _on_levelling_settled(self) -> None:
        self._sync.sync_from(self._sync.last_scrolled())
        self.settled.emit()

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
        self._reveal(selection)
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
        scroll_into_view({"left": self.left_pane, "right": self.right_pane}, left, right,
                         prefer, self._sync.enabled(), self._sync.paused)

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
        band = Selection(group, None) if group >= 0 else Selection(-1, (side, sentence))
        left, right = selected_indices(self._comparison, band) if group >= 0 or side else ((), ())
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
        return self.tooltips.sentence_text(side, index)

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


__all__ = ["ComparisonView", "reading_order"]
