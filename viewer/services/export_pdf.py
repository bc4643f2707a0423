"""The comparison as a PDF an editor can send: title block, summary, legend, the two texts side
by side in aligned rows, and the findings.

Built with reportlab Platypus in the bundled DejaVu Sans Condensed, so the text is real
(searchable, copyable) and curly quotes, accents, Greek, Cyrillic, Hebrew and Arabic letters
show on any machine; characters it lacks are drawn in a fallback font (``pdf_fonts``) or named
in a note at the end. Every piece of document text is XML-escaped before it reaches reportlab's
paragraph markup. The file is written atomically: a failed export leaves no partial file.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from datetime import datetime
from importlib import resources
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from PySide6.QtCore import QCoreApplication
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen import canvas as pdfcanvas
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.doctemplate import LayoutError

from ..engine.model import ChangeKind, Comparison, WordOpKind
from ..engine.review import MarkState
from .atomic import ExportError, atomic_path
from .export_report import FindingEntry, Report, build_report
from .export_rows import Cell, Row, SentenceText, Span
from .palette import LIGHT, Palette
from .pdf_bidi import is_rtl
from .pdf_fonts import EmbeddedFont, collecting, describe, markup
from .pdf_paragraph import TextParagraph as Paragraph
from .pdf_paragraph import needs_actual_text

PAGE_SIZES = {"a4": A4, "letter": LETTER}
FONT = "ArticleDiffSans"
_FONT_FILES = {
    FONT: "DejaVuSansCondensed.ttf",
    f"{FONT}-Bold": "DejaVuSansCondensed-Bold.ttf",
    f"{FONT}-Italic": "DejaVuSansCondensed-Oblique.ttf",
    f"{FONT}-BoldItalic": "DejaVuSansCondensed-BoldOblique.ttf",
}
BODY_SIZE = 9.0
GUTTER = 7 * mm
MARGIN = 14 * mm


def tr(text: str) -> str:
    return QCoreApplication.translate("ExportPdf", text)


def font_path(filename: str) -> Path:
    """A bundled font file (viewer/resources/fonts)."""
    return Path(str(resources.files("viewer") / "resources" / "fonts" / filename))


def register_fonts() -> str:
    """Register the bundled font family with reportlab (once) and return its name."""
    if FONT in pdfmetrics.getRegisteredFontNames():
        return FONT
    for name, filename in _FONT_FILES.items():
        pdfmetrics.registerFont(EmbeddedFont(name, str(font_path(filename))))
    pdfmetrics.registerFontFamily(
        FONT,
        normal=FONT,
        bold=f"{FONT}-Bold",
        italic=f"{FONT}-Italic",
        boldItalic=f"{FONT}-BoldItalic",
    )
    return FONT


class _Styles:
    """Paragraph styles, all in the bundled font."""

    def __init__(self, p: Palette) -> None:
        font = register_fonts()
        self.body = ParagraphStyle(
            "body",
            fontName=font,
            textColor=colors.HexColor(p.text),
            fontSize=BODY_SIZE,
            leading=11.6,
            spaceAfter=2.5,
        )
        self.cell = ParagraphStyle("cell", parent=self.body, spaceAfter=0)
        self.note = ParagraphStyle(
            "note",
            parent=self.cell,
            fontName=f"{font}-Italic",
            fontSize=8,
            leading=10,
            textColor=colors.HexColor(p.muted),
        )
        self.small = ParagraphStyle("small", parent=self.body, fontSize=8, leading=10, spaceAfter=0)
        self.title = ParagraphStyle(
            "title",
            parent=self.body,
            fontName=f"{font}-Bold",
            fontSize=16,
            leading=20,
            spaceAfter=1,
        )
        self.subtitle = ParagraphStyle(
            "subtitle", parent=self.body, fontSize=11.5, leading=15, spaceAfter=6
        )
        self.heading = ParagraphStyle(
            "heading",
            parent=self.body,
            fontName=f"{font}-Bold",
            fontSize=11.5,
            leading=14,
            spaceBefore=9,
            spaceAfter=4,
        )
        self.column = ParagraphStyle("column", parent=self.cell, fontName=f"{font}-Bold")
        self.marker = ParagraphStyle(
            "marker",
            parent=self.cell,
            fontName=f"{font}-Bold",
            fontSize=10.5,
            leading=12,
            alignment=TA_CENTER,
        )
        self.flag = ParagraphStyle(
            "flag", parent=self.marker, fontSize=7, leading=9, textColor=colors.HexColor(p.finding)
        )
        self.review = ParagraphStyle(
            "review",
            parent=self.cell,
            fontName=f"{font}-Bold",
            fontSize=8,
            leading=10,
            spaceBefore=3,
            borderPadding=2,
            backColor=colors.white,
        )
        self.warning = ParagraphStyle(
            "warning",
            parent=self.body,
            fontName=f"{font}-Bold",
            textColor=colors.HexColor("#7a2e0b"),
            spaceAfter=0,
        )


def _table_style(commands: list[tuple[Any, ...]]) -> TableStyle:
    """A table style whose plain-string cells also use the bundled font (reportlab's default is
    Helvetica, which would then be named in the file for nothing)."""
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), FONT), *commands])


# Control characters have no glyph: reportlab would draw a box for each.
_CONTROLS = dict.fromkeys([*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F], " ")


def _span_markup(span: Span, p: Palette) -> str:
    text = markup(span.text.translate(_CONTROLS))
    if span.change is WordOpKind.DELETE:
        text = f'<span color="{p.deleted_text}" backColor="{p.deleted_bg}"><strike>{text}</strike></span>'
    elif span.change is WordOpKind.INSERT:
        text = f'<span color="{p.inserted_text}" backColor="{p.inserted_bg}"><u>{text}</u></span>'
    if span.focus:
        text = f'<b><span backColor="#ffe3a3">{text}</span></b>'
    return text


def sentence_markup(sentence: SentenceText, p: Palette) -> str:
    """reportlab paragraph markup for one sentence: its label, then its spans; the document's
    text is escaped, so markup inside it stays literal text."""
    body = "".join(_span_markup(s, p) for s in sentence.spans)
    return f'<font size="7" color="{p.muted}">{markup(sentence.label)}</font>\u2002{body}'


def _cell(cell: Cell, st: _Styles, p: Palette) -> list[Flowable]:
    out: list[Flowable] = [
        Paragraph(sentence_markup(s, p), st.cell, rtl=is_rtl("".join(x.text for x in s.spans)))
        for s in cell.sentences
    ]
    if cell.note:
        out.append(Paragraph(markup(cell.note.translate(_CONTROLS)), st.note))
    for flow in out[:-1]:
        flow.spaceAfter = 3
    return out


def _gutter(row: Row, st: _Styles, p: Palette) -> list[Flowable]:
    out: list[Flowable] = [Paragraph(markup(p.style(row.kind).marker), st.marker)]
    if row.findings and not row.continued:
        flags = " ".join(f"⚑{n}" for n in row.findings)
        out.append(Paragraph(markup(flags), st.flag))
    return out


def _review(text: str, st: _Styles) -> Flowable:
    """The editor's word on a row or finding; a multi-line note keeps its lines."""
    body = markup(("✎ " + text).translate(_CONTROLS)).replace("\n", "<br/>")
    return Paragraph(body, st.review)


def _rows_table(report: Report, width: float, st: _Styles, p: Palette) -> Table:
    text_w = (width - GUTTER) / 2
    data: list[list[Any]] = [
        [
            Paragraph(markup(report.left_heading), st.column),
            "",
            Paragraph(markup(report.right_heading), st.column),
        ]
    ]
    style: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 5),
        ("TOPPADDING", (0, 0), (-1, -1), 3.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4.5),
        ("LEFTPADDING", (1, 0), (1, -1), 0),
        ("RIGHTPADDING", (1, 0), (1, -1), 0),
        ("LINEBELOW", (0, 0), (-1, 0), 1, colors.HexColor(p.text)),
        ("LINEBELOW", (0, 1), (-1, -1), 0.35, colors.HexColor("#c9ced6")),
    ]
    for n, row in enumerate(report.rows, 1):
        right = _cell(row.right, st, p)
        if row.review:
            right.append(_review(row.review, st))
        data.append([_cell(row.left, st, p), _gutter(row, st, p), right])
        tint = colors.HexColor(p.style(row.kind).tint)
        if row.state is MarkState.IGNORED:  # muted: the tint of an identical row
            tint = colors.HexColor(p.style(ChangeKind.IDENTICAL).tint)
        style.append(("BACKGROUND", (0, n), (-1, n), tint))
        if row.kind is ChangeKind.OMITTED:
            style.append(("BACKGROUND", (2, n), (2, n), colors.white))
        elif row.kind is ChangeKind.ADDED:
            style.append(("BACKGROUND", (0, n), (0, n), colors.white))
        elif row.pointer:
            style.append(("BACKGROUND", (2, n), (2, n), colors.white))
        band = colors.HexColor(p.style(row.kind).band)
        style.append(("BACKGROUND", (1, n), (1, n), band))
    if not report.rows:
        data.append(
            [
                Paragraph(markup(tr("(no sentences)")), st.note),
                "",
                Paragraph(markup(tr("(no sentences)")), st.note),
            ]
        )
    return Table(data, colWidths=[text_w, GUTTER, text_w], repeatRows=1, style=_table_style(style))


def _title_block(report: Report, width: float, st: _Styles, p: Palette) -> list[Flowable]:
    out: list[Flowable] = [
        Paragraph(markup(report.title), st.title),
        Paragraph(markup(report.subtitle), st.subtitle),
    ]
    facts = [
        [Paragraph(f"<b>{markup(k)}</b>", st.small), Paragraph(markup(v), st.small)]
        for k, v in report.facts
    ]
    out.append(_key_value_table(facts, width))
    if report.warning:
        box = Table([[Paragraph("⚠ " + markup(report.warning), st.warning)]], colWidths=[width])
        box.setStyle(
            _table_style(
                [
                    ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#fff1e0")),
                    ("BOX", (0, 0), (-1, -1), 1.2, colors.HexColor(p.finding)),
                    ("LEFTPADDING", (0, 0), (-1, -1), 7),
                    ("TOPPADDING", (0, 0), (-1, -1), 5),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                ]
            )
        )
        out += [Spacer(1, 6), box]
    return out


def _key_value_table(rows: list[list[Any]], width: float) -> Table:
    table = Table(rows, colWidths=[26 * mm, width - 26 * mm], hAlign="LEFT")
    table.setStyle(
        _table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
            ]
        )
    )
    return table


def _summary_and_legend(report: Report, width: float, st: _Styles, p: Palette) -> list[Flowable]:
    figures = [
        [Paragraph(f"<b>{markup(k)}</b>", st.small), Paragraph(markup(v), st.small)]
        for k, v in report.figures
    ]
    out: list[Flowable] = [
        Paragraph(markup(tr("Summary")), st.heading),
        _key_value_table(figures, width),
    ]
    cells: list[Any] = []
    style: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
    ]
    swatch_w, per = 7 * mm, 3
    for k, entry in enumerate(report.legend):
        r, col = divmod(k, per)
        if col == 0:
            cells.append([])
        cells[-1] += [
            Paragraph(markup(entry.marker), st.marker),
            Paragraph(f"<b>{markup(entry.label)}</b>: {markup(entry.meaning)}", st.small),
        ]
        style += [
            ("BACKGROUND", (2 * col, r), (2 * col, r), colors.HexColor(entry.tint)),
            ("BOX", (2 * col, r), (2 * col, r), 0.6, colors.HexColor(p.style(entry.kind).band)),
        ]
    text_w = (width - per * swatch_w) / per
    legend = Table(
        cells, colWidths=[swatch_w, text_w] * per, hAlign="LEFT", style=_table_style(style)
    )
    sample = "\u2003·\u2003".join(
        f"{_span_markup(span, p)} {markup(meaning)}" for span, meaning in report.marks
    )
    out += [
        Paragraph(markup(tr("Legend")), st.heading),
        legend,
        Spacer(1, 3),
        Paragraph(sample, st.small),
    ]
    return out


def _findings(report: Report, width: float, st: _Styles, p: Palette) -> list[Flowable]:
    out: list[Flowable] = [
        Paragraph(markup(tr("Findings ({count})").format(count=len(report.findings))), st.heading)
    ]
    if not report.findings:
        out.append(
            Paragraph(
                markup(tr("No altered quotations, changed numbers or changed names were found.")),
                st.body,
            )
        )
        return out
    for entry in report.findings:
        out.append(KeepTogether([_finding_table(entry, width, st, p), Spacer(1, 5)]))
    return out


def _finding_table(entry: FindingEntry, width: float, st: _Styles, p: Palette) -> Table:
    f = entry.finding
    head = f"<b>⚑{entry.number}  {markup(entry.label)}</b>"
    if entry.where:
        head += f'  <font color="{p.muted}">{markup(entry.where)}</font>'
    change = markup(entry.change.translate(_CONTROLS))
    half = (width - 4) / 2

    def side(title: str, sentence: SentenceText | None) -> list[Flowable]:
        body = sentence_markup(sentence, p) if sentence else markup(tr("(no sentence)"))
        return [Paragraph(f"<b>{markup(title)}</b>", st.small), Paragraph(body, st.cell)]

    rows: list[list[Any]] = [
        [Paragraph(head, st.body), ""],
        [Paragraph(change, st.small), ""],
        [side(entry.left_title, entry.left), side(entry.right_title, entry.right)],
    ]
    if f.detail:
        rows.append([Paragraph(markup(f.detail), st.note), ""])
    if entry.review:
        rows.append([_review(entry.review, st), ""])
    style = [
        ("SPAN", (0, 0), (1, 0)),
        ("SPAN", (0, 1), (1, 1)),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBEFORE", (0, 0), (0, -1), 2.5, colors.HexColor(p.finding)),
        ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#fbfbfc")),
        ("LEFTPADDING", (0, 0), (-1, -1), 6),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    for n in range(3, len(rows)):
        style.append(("SPAN", (0, n), (1, n)))
    return Table(rows, colWidths=[half, half], style=_table_style(style))


def _canvas_class(footer: str, page_width: float) -> type[pdfcanvas.Canvas]:
    """A canvas that writes "Page n of N" and the file names in every page's footer."""

    class NumberedCanvas(pdfcanvas.Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs["initialFontName"] = FONT  # no unused Helvetica in the file
            kwargs["initialFontSize"] = BODY_SIZE
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            # reportlab's own "page n of N" recipe: start the next page without emitting this one
            self._startPage()  # type: ignore[attr-defined]  # private, not in the stubs

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._footer(total)
                super().showPage()
            super().save()

        def _footer(self, total: int) -> None:
            w = page_width
            self.saveState()
            self.setFont(FONT, 7.5)
            self.setFillColor(colors.HexColor(LIGHT.muted))
            self.setStrokeColor(colors.HexColor("#c9ced6"))
            self.setLineWidth(0.4)
            self.line(MARGIN, 11 * mm, w - MARGIN, 11 * mm)
            names_markup = markup(footer)
            if names_markup == escape(footer) and not needs_actual_text(footer):  # plain
                self.drawString(MARGIN, 7.5 * mm, footer)
                self._page_number(w, total)
                return
            # A Paragraph, not drawString, so file names in other scripts use the fallback fonts
            name_style = ParagraphStyle(
                "footer",
                fontName=FONT,
                fontSize=7.5,
                leading=9,
                textColor=colors.HexColor(LIGHT.muted),
            )
            names = Paragraph(names_markup, name_style)
            names.wrapOn(self, w - 2 * MARGIN - 40 * mm, 20)
            names.drawOn(self, MARGIN, 7.5 * mm - 2)
            self._page_number(w, total)

        def _page_number(self, w: float, total: int) -> None:
            self.setFont(FONT, 7.5)
            self.setFillColor(colors.HexColor(LIGHT.muted))
            page = tr("Page {page} of {total}").format(page=self.getPageNumber(), total=total)
            self.drawRightString(w - MARGIN, 7.5 * mm, page)
            self.restoreState()

    return NumberedCanvas


def _story(report: Report, width: float, p: Palette) -> list[Flowable]:
    st = _Styles(p)
    with collecting() as missing:
        story = _title_block(report, width, st, p)
        story += _summary_and_legend(report, width, st, p)
        story += [
            Paragraph(markup(tr("Side by side")), st.heading),
            _rows_table(report, width, st, p),
        ]
        story += _findings(report, width, st, p)
        markup(f"{report.left_name}  →  {report.right_name}")  # the footer's names
    if missing:
        chars = list(missing)
        note = tr(
            "{count} characters could not be drawn: no font on this computer has them; "
            "they are shown as □: {chars}."
        ).format(count=len(chars), chars=describe(chars))
        story += [Spacer(1, 8), Paragraph(markup(note), st.note)]
    return story


def _row_capacity(page: tuple[float, float]) -> int:
    """About how many characters of body text a cell can hold and still fit on one page, with
    room to spare for labels, notes and paragraph breaks."""
    width, height = page
    text_w = (width - 2 * MARGIN - GUTTER) / 2 - 10
    per_line = text_w / (BODY_SIZE * 0.52)
    lines = (height - 34 * mm - 30) / 11.6
    return max(300, int(per_line * lines * 0.5))


def render_pdf(
    comparison: Comparison,
    target: str | os.PathLike[str],
    *,
    page_size: str = "a4",
    palette: Palette = LIGHT,
    now: datetime | None = None,
    changes_only: bool = False,
    landscape: bool = False,
) -> None:
    """Lay the comparison out into ``target`` (no atomicity: see ``export_pdf``).
    ``changes_only`` leaves identical sentences out; ``landscape`` turns the page."""
    page = PAGE_SIZES.get(page_size.lower())
    if page is None:
        raise ValueError(f"unknown page size {page_size!r}: choose a4 or letter")
    if landscape:
        page = (max(page), min(page))
    capacity = _row_capacity(page)
    while True:
        report = build_report(
            comparison, tr=tr, now=now, max_chars=capacity, changes_only=changes_only
        )
        footer = f"{report.left_name}  →  {report.right_name}"
        doc = SimpleDocTemplate(
            str(target),
            pagesize=page,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN,
            bottomMargin=16 * mm,
            title=f"{report.title}: {report.subtitle}",
            author="Article Diff",
            creator="Article Diff",
            subject=report.subtitle,
        )
        try:
            doc.build(_story(report, doc.width, palette), canvasmaker=_canvas_class(footer, doc.pagesize[0]))
            return
        except LayoutError:
            # A row still too tall for a page (very many short sentences, say): cut finer.
            if capacity <= 300:
                raise
            capacity = max(300, capacity // 2)


def export_pdf(
    comparison: Comparison,
    target: str | os.PathLike[str],
    *,
    page_size: str = "a4",
    palette: Palette = LIGHT,
    now: datetime | None = None,
    protect: Iterable[str | os.PathLike[str] | None] = (),
    changes_only: bool = False,
    landscape: bool = False,
) -> None:
    """Write the comparison to ``target`` as a PDF, atomically.

    ``target`` must not be one of the compared files nor one of ``protect`` (a batch passes
    every input it reads).

    Raises ``ExportError`` naming the file and saying why when it cannot be written; the
    previous file at ``target`` is then left as it was and no partial file remains.
    """
    target = Path(target)
    inputs = (comparison.left.path, comparison.right.path, *protect)
    try:
        with atomic_path(target, protect=inputs, tr=tr) as tmp:
            render_pdf(
                comparison, tmp, page_size=page_size, palette=palette, now=now,
                changes_only=changes_only, landscape=landscape,
            )
    except ExportError:
        raise
    except ValueError as exc:
        raise ExportError(
            tr("Cannot write {name}: {why}.").format(name=target.name, why=exc)
        ) from exc
    except Exception as exc:  # a renderer failure must not look like a crash to the user
        raise ExportError(
            tr("Cannot write {name}: the PDF could not be laid out ({why}).").format(
                name=target.name, why=exc
            )
        ) from exc


__all__: Sequence[str] = (
    "PAGE_SIZES",
    "export_pdf",
    "register_fonts",
    "render_pdf",
    "sentence_markup",
)
