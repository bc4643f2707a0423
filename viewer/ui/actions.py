"""The window's actions, their icons, and its theme (light or dark palette and stylesheet).

Actions are created here with their text, shortcuts and tooltips; the window connects them to
its slots and :mod:`viewer.ui.menus` places them. The theme's colours come from :mod:`viewer.services.palette`, the one palette shared
with the comparison view and the exports.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QColor,
    QGuiApplication,
    QIcon,
    QKeySequence,
    QPainter,
    QPainterPath,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import QMainWindow, QStyle

from ..services.palette import Palette


@dataclass
class WindowActions:
    """Every action of the main window."""

    open_pair: QAction
    open_left: QAction
    open_right: QAction
    reload: QAction
    swap: QAction
    export_pdf: QAction
    export_html: QAction
    export_json: QAction
    print_: QAction
    changes_only: QAction
    quit: QAction
    paste_left: QAction
    paste_right: QAction
    find: QAction
    sync_scrolling: QAction
    theme_system: QAction
    theme_light: QAction
    theme_dark: QAction
    model_auto: QAction
    model_english: QAction
    model_multilingual: QAction
    show_panel: QAction
    copy_change: QAction
    zoom_in: QAction
    zoom_out: QAction
    zoom_reset: QAction
    next_change: QAction
    previous_change: QAction
    next_finding: QAction
    previous_finding: QAction
    cancel: QAction
    open_sample: QAction
    about: QAction

    def comparison_only(self) -> list[QAction]:
        """Actions that need a finished comparison."""
        return [self.export_pdf, self.export_html, self.export_json, self.print_,
                self.copy_change,
                self.next_change, self.previous_change, self.next_finding,
                self.previous_finding]


def build_actions(owner: QMainWindow, panel_toggle: QAction) -> WindowActions:
    """Create the actions (parented to ``owner``) with shortcuts and tips. ``panel_toggle``,
    the side panel dock's toggle action, becomes ``show_panel`` (View > Side Panel, F9)."""
    tr = owner.tr
    style = owner.style()
    icon = style.standardIcon
    sp = QStyle.StandardPixmap

    def act(text: str, shortcut: QKeySequence | QKeySequence.StandardKey | None = None,
            tip: str = "", checkable: bool = False, *, given: QAction | None = None) -> QAction:
        a = given if given is not None else QAction(text, owner)
        a.setText(text)
        if shortcut is not None:
            a.setShortcut(shortcut)
        if tip:
            a.setToolTip(tip)
            a.setStatusTip(tip)
        a.setCheckable(checkable)
        return a

    acts = WindowActions(
        open_pair=act(tr("Open &Pair…"), QKeySequence.StandardKey.Open,
                      tr("Open the original and the rewrite (Ctrl+O)")),
        open_left=act(tr("Open &Left…"), None,  # Ctrl+Shift+L is Review > Unlink
                      tr("Open the original, shown on the left")),
        open_right=act(tr("Open &Right…"), QKeySequence("Ctrl+Shift+R"),
                       tr("Open the rewrite, shown on the right")),
        reload=act(tr("Re&load"), QKeySequence(Qt.Key.Key_F5),
                   tr("Read both files again from disk (F5)")),
        swap=act(tr("S&wap Sides"), QKeySequence("Ctrl+Shift+S"),
                 tr("Put the rewrite on the left and the original on the right")),
        export_pdf=act(tr("Export as P&DF…"), None, tr("Save the comparison as a PDF report")),
        export_html=act(tr("Export as &HTML…"), None, tr("Save the comparison as a web page")),
        export_json=act(tr("Export as &JSON…"), None, tr("Save the comparison as JSON data")),
        print_=act(tr("&Print…"), QKeySequence.StandardKey.Print, tr("Print the comparison")),
        changes_only=act(tr("&Changes Only in PDF, HTML and Print"), None,
                         tr("Leave identical sentences out of exports and printouts"),
                         checkable=True),
        quit=act(tr("&Quit"), QKeySequence.StandardKey.Quit),
        paste_left=act(tr("Paste as &Left Text"), None,
                       tr("Use the text on the clipboard as the original")),
        paste_right=act(tr("Paste as &Right Text"), None,
                        tr("Use the text on the clipboard as the rewrite")),
        find=act(tr("&Find…"), QKeySequence.StandardKey.Find, tr("Find text in both versions")),
        sync_scrolling=act(tr("&Synchronized Scrolling"), None,
                           tr("Scroll both versions together"), checkable=True),
        theme_system=act(tr("&System"), None, tr("Follow the system's light or dark setting"),
                         checkable=True),
        theme_light=act(tr("&Light"), None, checkable=True),
        theme_dark=act(tr("&Dark"), None, checkable=True),
        model_auto=act(tr("&Automatic"), None,
                       tr("English model for English pairs, multilingual otherwise"),
                       checkable=True),
        model_english=act(tr("&English (all-MiniLM-L6-v2)"), None,
                          tr("Always the English model"), checkable=True),
        model_multilingual=act(tr("&Multilingual (Universal Sentence Encoder)"), None,
                               tr("Always the multilingual model: 16 languages"),
                               checkable=True),
        show_panel=act(tr("Side &Panel"), QKeySequence("F9"),
                       tr("Show or hide the side panel: sensitivity, summary, findings and "
                          "review (F9)"), checkable=True, given=panel_toggle),
        copy_change=act(tr("&Copy Change as Text"), QKeySequence("Ctrl+Shift+C"),
                        tr("Copy the selected change (both versions, numbered) as text")),
        zoom_in=act(tr("Zoom &In"), QKeySequence.StandardKey.ZoomIn,
                    tr("Larger text in both versions (Ctrl++)")),
        zoom_out=act(tr("Zoom &Out"), QKeySequence.StandardKey.ZoomOut,
                     tr("Smaller text in both versions (Ctrl+-)")),
        zoom_reset=act(tr("&Actual Size"), QKeySequence("Ctrl+0"),
                       tr("The usual text size (Ctrl+0)")),
        next_change=act(tr("&Next Change"), QKeySequence(Qt.Key.Key_F7),
                        tr("Go to the next change (F7)")),
        previous_change=act(tr("&Previous Change"), QKeySequence("Shift+F7"),
                            tr("Go to the previous change (Shift+F7)")),
        next_finding=act(tr("Next &Finding"), QKeySequence(Qt.Key.Key_F8),
                         tr("Go to the next red flag (F8)")),
        previous_finding=act(tr("Previous F&inding"), QKeySequence("Shift+F8"),
                             tr("Go to the previous red flag (Shift+F8)")),
        cancel=act(tr("Cancel"), None, tr("Stop aligning; the previous comparison stays")),
        open_sample=act(tr("Open &Sample Pair"), None,
                        tr("Open a news article and its rewrite, shipped with Article Diff")),
        about=act(tr("&About Article Diff")),
    )
    acts.open_pair.setIcon(icon(sp.SP_DialogOpenButton))
    acts.reload.setIcon(icon(sp.SP_BrowserReload))
    acts.quit.setMenuRole(QAction.MenuRole.QuitRole)
    acts.about.setMenuRole(QAction.MenuRole.AboutRole)
    group = QActionGroup(owner)
    for a in (acts.theme_system, acts.theme_light, acts.theme_dark):
        group.addAction(a)
    models = QActionGroup(owner)
    for a in (acts.model_auto, acts.model_english, acts.model_multilingual):
        models.addAction(a)
    for f in fields(acts):
        a = getattr(acts, f.name)
        a.setObjectName(f"action_{f.name.rstrip('_')}")
        # shortcuts work anywhere in the window, even with the find bar focused
        a.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    return acts


# -- icons ---------------------------------------------------------------------------------------
# Drawn with QPainter on a 24-unit grid, in the theme's colours: no icon font or glyph coverage
# to depend on, and legible on light and dark toolbars alike.
Drawing = Callable[[QPainter, QColor, QColor], None]


def _chevron(p: QPainter, x: float, y: float, w: float, up: bool) -> None:
    h = w / 2
    tip, base = (y - h / 2, y + h / 2) if up else (y + h / 2, y - h / 2)
    p.drawPolyline([QPointF(x - w / 2, base), QPointF(x, tip), QPointF(x + w / 2, base)])


def _change(up: bool) -> Drawing:
    def draw(p: QPainter, ink: QColor, accent: QColor) -> None:
        _chevron(p, 12, 12, 12, up)
        p.drawLine(QPointF(6, 19 if up else 5), QPointF(18, 19 if up else 5))

    return draw


def _finding(up: bool) -> Drawing:
    def draw(p: QPainter, ink: QColor, accent: QColor) -> None:
        p.drawLine(QPointF(5, 3), QPointF(5, 21))
        flag = QPainterPath(QPointF(5, 4))
        for x, y in ((16, 4), (13, 8), (16, 12), (5, 12)):
            flag.lineTo(x, y)
        flag.closeSubpath()
        p.fillPath(flag, accent)
        _chevron(p, 17, 18, 7, up)

    return draw


def _swap(p: QPainter, ink: QColor, accent: QColor) -> None:
    p.drawLine(QPointF(4, 8), QPointF(19, 8))
    p.drawPolyline([QPointF(15, 4), QPointF(19, 8), QPointF(15, 12)])
    p.drawLine(QPointF(20, 16), QPointF(5, 16))
    p.drawPolyline([QPointF(9, 12), QPointF(5, 16), QPointF(9, 20)])


def _find(p: QPainter, ink: QColor, accent: QColor) -> None:
    p.drawEllipse(QPointF(10, 10), 6, 6)
    p.drawLine(QPointF(14.5, 14.5), QPointF(20, 20))


def drawn_icon(draw: Drawing, ink: str, accent: str, size: int = 24) -> QIcon:
    """An icon drawn by ``draw`` with pen colour ``ink`` and fill colour ``accent``."""
    ratio = 2
    pixmap = QPixmap(size * ratio, size * ratio)
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.scale(size / 24, size / 24)
    pen = QPen(QColor(ink), 2.0)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    draw(painter, QColor(ink), QColor(accent))
    painter.end()
    return QIcon(pixmap)


def apply_icons(acts: WindowActions, p: Palette) -> None:
    """Give the navigation, swap and find actions icons in palette ``p``'s colours."""
    for action, draw in (
        (acts.previous_change, _change(True)),
        (acts.next_change, _change(False)),
        (acts.previous_finding, _finding(True)),
        (acts.next_finding, _finding(False)),
        (acts.swap, _swap),
        (acts.find, _find),
    ):
        action.setIcon(drawn_icon(draw, p.text, p.finding))


# -- theme ---------------------------------------------------------------------------------------
def system_theme() -> str:
    """``"dark"`` if the system asks for a dark scheme, else ``"light"``."""
    hints = QGuiApplication.styleHints()
    scheme = hints.colorScheme() if hasattr(hints, "colorScheme") else Qt.ColorScheme.Unknown
    return "dark" if scheme == Qt.ColorScheme.Dark else "light"


def resolve_theme(setting: str) -> str:
    """The palette name for a theme setting: ``"system"`` follows the system."""
    return setting if setting in ("light", "dark") else system_theme()


def stylesheet(p: Palette) -> str:
    """The window's stylesheet for palette ``p``: message bars, panels, the empty prompt."""
    dark = p.name == "dark"
    bars = {
        "info": ("#e8f0fe", "#9db8ea") if not dark else ("#1e2b40", "#3d5a8a"),
        "warning": ("#fff4d6", "#e3bd55") if not dark else ("#3b3120", "#8a6d2c"),
        "error": ("#fde2e1", "#e08a86") if not dark else ("#45222a", "#a04a52"),
    }
    css = [
        f"QLabel#panelTitle {{ font-weight: 600; font-size: 11pt; color: {p.text}; }}",
        f"QLabel#panelHint {{ color: {p.muted}; }}",
        f"QLabel#emptyHeading {{ font-size: 17pt; font-weight: 600; color: {p.text}; }}",
        f"QLabel#slotTitle {{ font-weight: 600; color: {p.text}; }}",
        f"QFrame#dropSlot {{ border: 2px dashed {p.muted}; border-radius: 8px; }}",
        f"QWidget#sidePanel {{ background: {p.window}; }}",
        f"QFrame#findBar {{ border-top: 1px solid {p.muted}; }}",
        f"QLabel#bannerText {{ color: {p.text}; }}",
        "QPushButton#primaryButton { font-weight: 600; padding: 6px 16px; }",
        "QLabel#messageGlyph { font-size: 12pt; }",
    ]
    for level, (bg, border) in bars.items():
        css.append(
            f"QFrame#messageBar_{level} {{ background: {bg}; border: 1px solid {border}; "
            f"border-radius: 4px; }} QFrame#messageBar_{level} QLabel {{ color: {p.text}; }}"
        )
    return "\n".join(css)


def set_checked_silently(action: QAction, on: bool) -> None:
    """Check or uncheck ``action`` without emitting ``toggled``/``triggered``."""
    blocked = action.blockSignals(True)
    action.setChecked(on)
    action.blockSignals(blocked)


__all__ = [
    "WindowActions",
    "apply_icons",
    "build_actions",
    "drawn_icon",
    "resolve_theme",
    "set_checked_silently",
    "stylesheet",
    "system_theme",
]
