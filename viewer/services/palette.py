"""The one palette for change kinds, used by the panes, the link map, the overview ruler and
every export. Plain hex strings (no Qt), light and dark; each kind also has a marker glyph and
a label so colour is never the only signal."""

from __future__ import annotations

from dataclasses import dataclass

from ..engine.model import ChangeKind, FindingKind, TranslationKind
from .kind_text import LABELS, MARKERS  # the one table, re-exported for the UI


@dataclass(frozen=True)
class KindStyle:
    tint: str  # background behind the sentence
    band: str  # link-map band and overview tick (stronger)
    marker: str  # margin marker glyph
    label: str


@dataclass(frozen=True)
class Palette:
    name: str
    kinds: dict[ChangeKind, KindStyle]
    deleted_text: str  # struck-through removed words
    deleted_bg: str
    inserted_text: str  # underlined inserted words
    inserted_bg: str
    finding: str  # finding badge colour
    selection: str
    window: str
    text: str
    muted: str

    def style(self, kind: ChangeKind) -> KindStyle:
        return self.kinds[kind]


TRANSLATION_LABELS = {
    TranslationKind.TRANSLATED: "Translated",
    TranslationKind.SHORTENED: "Translated, shortened",
    TranslationKind.CHANGED: "Changed",
}
"""What a linked group of two languages is called (see ``viewer.engine.translation``)."""
FINDING_LABELS = {
    FindingKind.ALTERED_QUOTE: "Altered quotation",
    FindingKind.UNQUOTED_QUOTE: "Quotation turned into paraphrase",
    FindingKind.CHANGED_NUMBER: "Changed number",
    FindingKind.CHANGED_NAME: "Changed name",
    FindingKind.NEW_QUOTE: "New quotation",
    FindingKind.DROPPED_ATTRIBUTION: "Dropped attribution",
}


def _kinds(colours: dict[ChangeKind, tuple[str, str]]) -> dict[ChangeKind, KindStyle]:
    return {k: KindStyle(t, b, MARKERS[k], LABELS[k]) for k, (t, b) in colours.items()}


LIGHT = Palette(
    name="light",
    kinds=_kinds(
        {
            ChangeKind.IDENTICAL: ("#f4f5f7", "#c3c8d0"),
            ChangeKind.MINOR: ("#eaf3fb", "#9cc3e6"),
            ChangeKind.REWORDED: ("#fdf3d8", "#e8c15a"),
            ChangeKind.MOVED: ("#efe7fa", "#b69ae0"),
            ChangeKind.OMITTED: ("#fde4e4", "#e58a8a"),
            ChangeKind.ADDED: ("#e1f5e6", "#7cc68f"),
        }
    ),
    deleted_text="#a4161a",
    deleted_bg="#f9caca",
    inserted_text="#1b6b34",
    inserted_bg="#bfe8c9",
    finding="#d9480f",
    selection="#2f6fdf",
    window="#ffffff",
    text="#1d2127",
    muted="#6b7280",
)

DARK = Palette(
    name="dark",
    kinds=_kinds(
        {
            ChangeKind.IDENTICAL: ("#262a30", "#4b525c"),
            ChangeKind.MINOR: ("#1d2e3f", "#3f6f9c"),
            ChangeKind.REWORDED: ("#3a321a", "#a88a2c"),
            ChangeKind.MOVED: ("#2f2642", "#7c61ad"),
            ChangeKind.OMITTED: ("#44242a", "#b0525c"),
            ChangeKind.ADDED: ("#1f3a29", "#3f9a5a"),
        }
    ),
    deleted_text="#ff8a8a",
    deleted_bg="#5c2228",
    inserted_text="#8fe0a6",
    inserted_bg="#1f4d2e",
    finding="#ff8c42",
    selection="#6ea0ff",
    window="#1b1e23",
    text="#e6e8eb",
    muted="#9aa3ad",
)

PALETTES = {"light": LIGHT, "dark": DARK}


def palette(name: str) -> Palette:
    """``"light"`` or ``"dark"``; anything else gives light."""
    return PALETTES.get(name, LIGHT)
