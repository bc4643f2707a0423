"""Where the reader is: the panes' viewports as a place in reading order.

Next and Previous Change (and Find) start from what the reader sees, not from a selection
made long ago and scrolled away from: from the selection if it is in view, else from the
view. Positions are in the panes' document coordinates (see :mod:`viewer.ui.document_pane`).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager

from .document_pane import DocumentPane
from .navigation import ReadingOrder

_EDGE = 2.0  # px of a sentence at a viewport's edge that do not count as seeing it


def first_reaching(pane: DocumentPane, y: float) -> int:
    """The first sentence whose bottom is below document ``y`` (the first one at least partly
    visible below ``y``); the sentence count if there is none."""
    n = pane.sentence_count()
    return bisect_left(range(n), True, key=lambda i: pane.sentence_span(i)[1] > y + _EDGE)


def first_below(pane: DocumentPane, y: float) -> int:
    """The first sentence that starts at or below document ``y``; the count if none does."""
    n = pane.sentence_count()
    return bisect_left(range(n), True, key=lambda i: pane.sentence_span(i)[0] >= y - _EDGE)


def viewport_span(pane: DocumentPane) -> tuple[float, float]:
    value = float(pane.scroll_value())
    return value, value + pane.viewport().height()


def any_visible(pane: DocumentPane, indices: Sequence[int]) -> bool:
    """Whether any of sentences ``indices`` shows in ``pane``'s viewport."""
    top, bottom = viewport_span(pane)
    for i in indices:
        a, b = pane.sentence_span(i)
        if b > top + _EDGE and a < bottom - _EDGE:
            return True
    return False


def _position(order: ReadingOrder, pane: DocumentPane, first: int) -> int:
    """The reading-order position of sentence ``first`` of ``pane`` or of the next one that
    has a place there (a moved group's right end reads elsewhere); the end if none has."""
    for i in range(first, pane.sentence_count()):
        n = order.position_of_sentence(pane.side, i)
        if n is not None:
            return n
    return len(order.entries)


def view_start(order: ReadingOrder, panes: dict[str, DocumentPane], lead: str,
               direction: int, *, together: bool) -> int:
    """Where a step in ``direction`` starts from the view (a position, included in the
    search): going on, the first entry at or below the top of ``lead``'s viewport; going
    back, the last entry above the bottom of it. ``together``: the panes scroll together, so
    the other pane's unlinked sentences count where they show in their own viewport."""
    pane = panes[lead]
    other = panes["right" if lead == "left" else "left"]
    top, bottom = viewport_span(pane)
    o_top, o_bottom = viewport_span(other)
    entries = order.entries
    if direction > 0:
        n = _position(order, pane, first_reaching(pane, top))
        while together and n > 0 and entries[n - 1][0] == other.side and \
                other.sentence_span(entries[n - 1][1])[1] > o_top + _EDGE:
            n -= 1  # the other side's unlinked sentences above it, still in view
        return n
    n = _position(order, pane, first_below(pane, bottom))
    while together and n > 0 and entries[n - 1][0] == other.side and \
            other.sentence_span(entries[n - 1][1])[0] >= o_bottom - _EDGE:
        n -= 1  # the other side's unlinked sentences before it, below the view
    return n - 1


def scroll_into_view(panes: dict[str, DocumentPane], left: Sequence[int],
                     right: Sequence[int], prefer: str, together: bool,
                     paused: Callable[[], AbstractContextManager[None]]) -> None:
    """Bring sentences ``left`` and ``right`` into view: the ``prefer``red side first; when
    the panes scroll ``together`` the other follows, and is scrolled itself (sync
    ``paused``) only if its part is still out of view (a move: show both ends)."""
    sides = [("left", left), ("right", right)]
    if prefer == "right":
        sides.reverse()
    for n, (side, part) in enumerate(sides):
        if not part:
            continue
        pane = panes[side]
        spans = [pane.sentence_span(i) for i in part]
        span = (min(s[0] for s in spans), max(s[1] for s in spans))
        if n and together and sides[0][1]:
            if not pane.is_span_visible(span):
                with paused():
                    pane.scroll_to_span(span)
            break
        pane.scroll_to_span(span)


def top_place(pane: DocumentPane) -> tuple[int, float] | None:
    """The first sentence in ``pane``'s viewport and how far below its top it starts."""
    value = pane.scroll_value()
    for i in pane.visible_sentences():
        top, bottom = pane.sentence_span(i)
        if bottom > value:
            return i, top - value
    return None


def restore_place(pane: DocumentPane, place: tuple[int, float] | None, value: int) -> None:
    """Scroll ``pane`` back to ``place`` (:func:`top_place`) after its text changed, or to
    ``value`` if there is none."""
    if place is not None and place[0] < pane.sentence_count():
        y = pane.sentence_span(place[0])[0] - place[1]
        pane.reach(y + pane.viewport().height())
        value = max(0, round(y))
    pane.verticalScrollBar().setValue(value)

__all__ = ["any_visible", "first_below", "first_reaching", "view_start", "viewport_span"]
