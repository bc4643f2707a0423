"""Qt colours, fonts and the style sheet of the comparison view, built from the shared palette.

``viewer.services.palette`` defines every change-kind colour once as plain hex strings; this
module turns a ``Palette`` into the ``QColor``/``QFont``/style-sheet objects the panes, the link
map and the overview rulers paint with, so that they all agree with each other and with the
exports.
"""

from __future__ import annotations

import sys
from importlib import resources

from PySide6.QtGui import QColor, QFont, QFontDatabase, QPalette

from ..engine.model import ChangeKind
from ..services.palette import LIGHT, Palette
from ..services.resources import resource_path

_STYLE_SHEET = "comparison_view.qss"


def guard_singleton_refcounts() -> None:
    """Work around PySide6 6.12.0 on CPython < 3.12 losing a reference on every ``None``/``True``.

    That build returns ``None`` (from every void method) and ``True`` (from ``Signal.emit``)
    without taking a reference, as if they were immortal, which they only became in Python
    3.12. After a few thousand calls CPython aborts with "none_dealloc: deallocating None".
    Giving the three singletons a huge reference count makes them immortal in practice. It is
    idempotent and does nothing on 3.12+, where they are immortal already.
    """
    if sys.version_info >= (3, 12):
        return
    import PySide6

    if not PySide6.__version__.startswith("6.12."):
        return  # pyproject asks for <6.12; this guards an installation that has it anyway
    import ctypes

    for singleton in (None, True, False):
        count = ctypes.c_ssize_t.from_address(id(singleton))
        if count.value < 1 << 40:
            count.value += 1 << 50


guard_singleton_refcounts()


def blend(a: QColor, b: QColor, t: float) -> QColor:
    """``a`` moved a fraction ``t`` (0..1) of the way towards ``b``."""
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * t,
        a.greenF() + (b.greenF() - a.greenF()) * t,
        a.blueF() + (b.blueF() - a.blueF()) * t,
        a.alphaF() + (b.alphaF() - a.alphaF()) * t,
    )


def with_alpha(colour: QColor, alpha: int) -> QColor:
    """A copy of ``colour`` with alpha ``alpha`` (0..255)."""
    out = QColor(colour)
    out.setAlpha(alpha)
    return out


class Theme:
    """The palette's colours as ``QColor`` objects, plus colours derived from them."""

    def __init__(self, palette: Palette = LIGHT) -> None:
        self.palette = palette
        self.dark = palette.name == "dark"
        self.window = QColor(palette.window)
        self.text = QColor(palette.text)
        self.muted = QColor(palette.muted)
        self.selection = QColor(palette.selection)
        self.deleted_text = QColor(palette.deleted_text)
        self.deleted_bg = QColor(palette.deleted_bg)
        self.inserted_text = QColor(palette.inserted_text)
        self.inserted_bg = QColor(palette.inserted_bg)
        self._tints = {k: QColor(s.tint) for k, s in palette.kinds.items()}
        self._bands = {k: QColor(s.band) for k, s in palette.kinds.items()}
        # Chrome around the text: a step away from the window colour, towards the text colour.
        self.header = blend(self.window, self.text, 0.05)
        self.border = blend(self.window, self.text, 0.16)
        self.ruler = blend(self.window, self.text, 0.07)

    def tint(self, kind: ChangeKind) -> QColor:
        """Background behind a sentence of this kind."""
        return QColor(self._tints[kind])

    def band(self, kind: ChangeKind) -> QColor:
        """Link-map band, overview tick and margin-marker colour of this kind."""
        return QColor(self._bands[kind])

    def marker(self, kind: ChangeKind) -> str:
        """The margin glyph that says the kind without colour."""
        return self.palette.style(kind).marker

    def label(self, kind: ChangeKind) -> str:
        """The palette's English label of the kind (callers translate it)."""
        return self.palette.style(kind).label

    def style_sheet(self) -> str:
        """The view's style sheet: ``resources/styles/comparison_view.qss`` with this palette."""
        template = (
            resources.files("viewer")
            .joinpath("resources", "styles", _STYLE_SHEET)
            .read_text("utf-8")
        )
        values = {
            "window": self.window.name(),
            "text": self.text.name(),
            "muted": self.muted.name(),
            "selection": self.selection.name(),
            "header": self.header.name(),
            "border": self.border.name(),
        }
        for name, value in values.items():
            template = template.replace("{{" + name + "}}", value)
        return template


def qt_palette(p: Palette, base: QPalette | None = None, *, pane: bool = False) -> QPalette:
    """The one Qt palette builder: ``p``'s window, text and selection colours as a QPalette.

    The application's palette (default): panels and buttons a step away from the window colour,
    white selected text, muted disabled text. A document pane's (``pane``, on top of ``base``):
    the page in the window colour and the selection set for the inactive group too, so a find
    match stays visible when the pane does not have the focus.
    """
    dark = p.name == "dark"
    window, text, muted = QColor(p.window), QColor(p.text), QColor(p.muted)
    role = QPalette.ColorRole
    out = QPalette(base) if base is not None else QPalette()
    if pane:
        roles = {role.Base: window, role.Window: window, role.Text: text,
                 role.WindowText: text, role.PlaceholderText: muted,
                 role.Highlight: QColor(p.selection), role.HighlightedText: window}
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
            for r, colour in roles.items():
                out.setColor(group, r, colour)
        return out
    panel = window.darker(110) if not dark else window.lighter(125)
    for r, colour in ((role.Window, panel), (role.WindowText, text), (role.Base, window),
                      (role.AlternateBase, panel), (role.Text, text), (role.Button, panel),
                      (role.ButtonText, text), (role.ToolTipBase, window),
                      (role.ToolTipText, text), (role.PlaceholderText, muted),
                      (role.Highlight, QColor(p.selection)),
                      (role.HighlightedText, QColor("#ffffff")),
                      (role.Link, QColor(p.selection))):
        out.setColor(r, colour)
    for r in (role.WindowText, role.Text, role.ButtonText):
        out.setColor(QPalette.ColorGroup.Disabled, r, muted)
    return out


READING_FAMILIES = [
    "DejaVu Serif",
    "Charter",
    "Georgia",
    "Noto Serif",
    "serif",
]
"""The reading font, bundled (viewer/resources/fonts) so that every machine lays the articles out
alike, with the same line breaks and heights; the others only if the bundled files are missing."""

_BUNDLED_FONTS = (
    "DejaVuSerif.ttf",
    "DejaVuSerif-Bold.ttf",
    "DejaVuSerif-Italic.ttf",
    "DejaVuSerif-BoldItalic.ttf",
    "DejaVuSansCondensed.ttf",
    "DejaVuSansCondensed-Bold.ttf",
)
_registered = False


def register_bundled_fonts() -> None:
    """Add the bundled fonts to Qt's font database (once; needs a QGuiApplication). A missing or
    unreadable file is skipped: Qt then falls back along the families."""
    global _registered
    if _registered:
        return
    _registered = True
    for name in _BUNDLED_FONTS:
        path = resource_path("fonts", name)
        if path.is_file():
            QFontDatabase.addApplicationFont(str(path))


def reading_font(point_size: float = 11.5) -> QFont:
    """The font of the document panes: a book serif at a comfortable size."""
    register_bundled_fonts()
    font = QFont()
    font.setFamilies(READING_FAMILIES)
    font.setStyleHint(QFont.StyleHint.Serif)
    font.setPointSizeF(point_size)
    return font


def marker_font(base: QFont) -> QFont:
    """The margin markers' font: a sans serif with the glyphs (≈ ↕ −), bold, as big as ``base``."""
    font = QFont()
    register_bundled_fonts()
    font.setFamilies(
        ["DejaVu Sans", "DejaVu Sans Condensed", "Noto Sans", "Segoe UI Symbol", "sans-serif"]
    )
    font.setPointSizeF(max(8.0, base.pointSizeF() * 0.95))
    font.setBold(True)
    return font
