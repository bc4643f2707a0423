"""The one table of what each change kind is called and how it is marked, in every output.

The window, the link map, the PDF and HTML exports and the terminal summary all read it, so a
kind is never called two things. Colours are the palette's (``palette.py``); the marker beside
a sentence means colour is never the only signal. Strings are English source text: the UI
passes them through ``tr()``.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..engine.model import ChangeKind

__all__ = ["KINDS", "LABELS", "MARKERS", "KindText"]


@dataclass(frozen=True)
class KindText:
    """``marker``: the glyph beside a sentence (panes, summary, PDF, HTML); ``ascii``: the
    terminal summary's marker, plain ASCII so piped output and logs read anywhere; ``label``:
    the kind's name, capitalised (running text lower-cases it); ``css``: its HTML class name;
    ``meaning``: what it says about a sentence, for a report's legend."""

    marker: str
    ascii: str
    label: str
    css: str
    meaning: str


KINDS: dict[ChangeKind, KindText] = {
    ChangeKind.IDENTICAL: KindText("=", "=", "Identical", "identical", "the same words"),
    ChangeKind.MINOR: KindText("~", "~", "Minor edit", "minor", "a few words changed"),
    ChangeKind.REWORDED: KindText("≈", "*", "Reworded", "reworded", "the same point, reworded"),
    ChangeKind.MOVED: KindText("↕", ">", "Moved", "moved", "in a different place in the rewrite"),
    ChangeKind.OMITTED: KindText("−", "-", "Omitted", "omitted", "only in the original"),
    ChangeKind.ADDED: KindText("+", "+", "Added", "added", "only in the rewrite"),
}

MARKERS = {kind: text.marker for kind, text in KINDS.items()}
LABELS = {kind: text.label for kind, text in KINDS.items()}
