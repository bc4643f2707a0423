"""The comparison as one self-contained HTML file, and as HTML for Qt's rich text (printing).

The file has its CSS inline in one ``<style>`` element, no scripts and no external requests;
light colours with a ``prefers-color-scheme: dark`` block and print rules. ``for_qt=True`` gives
the same content within Qt's rich-text subset (tables, ``bgcolor``, inline styles) for
``QTextDocument``. Every piece of document text goes through ``html.escape(..., quote=True)``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from datetime import datetime
from html import escape as _escape
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from ..engine.model import Comparison, WordOpKind
from ..engine.review import MarkState
from .atomic import ExportError, atomic_path
from .export_report import FindingEntry, Report, build_report
from .export_rows import Cell, Row, SentenceText, Span
from .kind_text import KINDS
from .palette import DARK, LIGHT, Palette
from .pdf_bidi import is_rtl


def tr(text: str) -> str:
    return QCoreApplication.translate("ExportHtml", text)


def esc(text: str) -> str:
    """Document text (or anything derived from it) made safe for HTML text and attributes."""
    return _escape(text, quote=True)


_KIND_CLASS = {kind: text.css for kind, text in KINDS.items()}


def _palette_vars(p: Palette) -> str:
    lines = [
        f"--bg: {p.window}; --fg: {p.text}; --muted: {p.muted}; --finding: {p.finding};",
        f"--del-fg: {p.deleted_text}; --del-bg: {p.deleted_bg};",
        f"--ins-fg: {p.inserted_text}; --ins-bg: {p.inserted_bg};",
        "--rule: " + ("#c9ced6" if p is LIGHT else "#3a4048") + ";",
        "--panel: " + ("#fbfbfc" if p is LIGHT else "#22262c") + ";",
        "--warn-bg: " + ("#fff1e0" if p is LIGHT else "#3d2a14") + ";",
    ]
    for kind, name in _KIND_CLASS.items():
        s = p.style(kind)
        lines.append(f"--{name}: {s.tint}; --{name}-band: {s.band};")
    return "\n    ".join(lines)


def _stylesheet() -> str:
    kinds = "\n".join(
        f".k-{n} td.l, .k-{n} td.r {{ background: var(--{n}); }} "
        f".k-{n} td.g {{ background: var(--{n}-band); }} "
        f".sw-{n} {{ background: var(--{n}); border: 1px solid var(--{n}-band) !important; }}"
        for n in _KIND_CLASS.values()
    )
    return f"""
:root {{
    color-scheme: light dark;
    {_palette_vars(LIGHT)}
}}
@media (prefers-color-scheme: dark) {{
  :root {{
    {_palette_vars(DARK)}
  }}
}}
@media print {{
  :root {{
    {_palette_vars(LIGHT)}
  }}
  body {{ margin: 0; max-width: none; }}
  * {{ -webkit-print-color-adjust: exact; print-color-adjust: exact; }}
  thead {{ display: table-header-group; }}
  tr, .finding {{ break-inside: avoid; page-break-inside: avoid; }}
  h2 {{ break-after: avoid; page-break-after: avoid; }}
}}
@page {{ margin: 14mm; }}
body {{ font-family: "DejaVu Sans", "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  font-size: 14px; line-height: 1.45; color: var(--fg); background: var(--bg);
  max-width: 1200px; margin: 24px auto; padding: 0 16px; }}
h1 {{ font-size: 22px; margin: 0; }}
h2 {{ font-size: 16px; margin: 22px 0 8px; }}
.subtitle {{ font-size: 16px; margin: 2px 0 10px; }}
table {{ border-collapse: collapse; }}
table.facts td {{ padding: 1px 14px 2px 0; vertical-align: top; font-size: 13px; }}
table.facts td:first-child {{ font-weight: bold; white-space: nowrap; }}
.warning {{ background: var(--warn-bg); border: 2px solid var(--finding); padding: 8px 10px;
  font-weight: bold; margin: 10px 0; }}
table.legend td {{ padding: 3px 8px; font-size: 13px; vertical-align: middle; }}
table.legend td.sw {{ width: 22px; text-align: center; font-weight: bold;
  border: 1px solid var(--rule); }}
table.rows {{ width: 100%; table-layout: fixed; }}
table.rows th {{ text-align: left; padding: 6px 8px; border-bottom: 2px solid var(--fg); }}
table.rows td {{ vertical-align: top; padding: 5px 8px 7px; border-bottom: 1px solid var(--rule);
  overflow-wrap: anywhere; }}
table.rows td.g {{ width: 26px; padding: 5px 0; text-align: center; font-weight: bold; }}
table.rows td.empty {{ background: var(--bg) !important; }}
{kinds}
.s {{ margin: 0 0 4px; }}
.s:last-child {{ margin-bottom: 0; }}
.lab {{ color: var(--muted); font-size: 11px; }}
.note {{ color: var(--muted); font-style: italic; font-size: 12px; margin: 0; }}
.flag {{ color: var(--finding); font-size: 11px; display: block; }}
.review {{ font-size: 12px; font-weight: bold; margin: 4px 0 0; padding: 2px 6px;
  border-left: 3px solid var(--fg); background: var(--bg); white-space: pre-wrap; }}
tr.ignored td {{ opacity: 0.55; }}
del {{ color: var(--del-fg); background: var(--del-bg); text-decoration: line-through; }}
ins {{ color: var(--ins-fg); background: var(--ins-bg); text-decoration: underline; }}
.focus {{ font-weight: bold; outline: 1px solid var(--finding); }}
.finding {{ border-left: 4px solid var(--finding); background: var(--panel); padding: 6px 10px;
  margin: 0 0 10px; }}
.finding table {{ width: 100%; table-layout: fixed; }}
.finding td {{ vertical-align: top; padding: 2px 10px 2px 0; }}
.finding .head {{ font-weight: bold; }}
footer {{ color: var(--muted); font-size: 12px; margin-top: 24px; border-top: 1px solid var(--rule);
  padding-top: 6px; }}
"""


class _Writer:
    """Turns a ``Report`` into HTML, either for a browser (classes) or Qt (inline styles)."""

    def __init__(self, report: Report, for_qt: bool, p: Palette = LIGHT) -> None:
        self.report = report
        self.qt = for_qt
        self.p = p

    def span(self, s: Span) -> str:
        text = esc(s.text)
        p = self.p
        if s.change is WordOpKind.DELETE:
            style = (
                f' style="color:{p.deleted_text}; background-color:{p.deleted_bg}"'
                if self.qt
                else ""
            )
            text = f"<s{style}>{text}</s>" if self.qt else f"<del>{text}</del>"
        elif s.change is WordOpKind.INSERT:
            style = (
                f' style="color:{p.inserted_text}; background-color:{p.inserted_bg}"'
                if self.qt
                else ""
            )
            text = f"<u{style}>{text}</u>" if self.qt else f"<ins>{text}</ins>"
        if s.focus:
            text = (
                f'<b style="background-color:#ffe3a3">{text}</b>'
                if self.qt
                else f'<b class="focus">{text}</b>'
            )
        return text

    def sentence(self, s: SentenceText) -> str:
        lab = (
            f'<span style="color:{self.p.muted}; font-size:small">{esc(s.label)}</span>&nbsp;'
            if self.qt
            else f'<span class="lab">{esc(s.label)}</span> '
        )
        body = "".join(self.span(x) for x in s.spans)
        # the sentence's own direction, not its label's ("L4" would make dir="auto" LTR)
        direction = "rtl" if is_rtl("".join(x.text for x in s.spans)) else "ltr"
        return f'<p class="s" dir="{direction}">{lab}{body}</p>'

    def note(self, text: str) -> str:
        if self.qt:
            return f'<p style="color:{self.p.muted}"><i>{esc(text)}</i></p>'
        return f'<p class="note" dir="auto">{esc(text)}</p>'

    def cell(self, cell: Cell, side: str, row: Row) -> str:
        inner = "".join(self.sentence(s) for s in cell.sentences)
        if cell.note:
            inner += self.note(cell.note)
        if side == "r" and row.review:
            inner += self.review(row.review)
        empty = not cell.sentences
        if self.qt:
            colour = self.p.window if empty else self.p.style(row.kind).tint
            return f'<td width="47%" bgcolor="{colour}">{inner}</td>'
        return f'<td class="{side}{" empty" if empty else ""}">{inner}</td>'

    def review(self, text: str) -> str:
        """The editor's word (a state, "linked by hand", a note: multi-line, escaped)."""
        if self.qt:
            body = esc(text).replace("\n", "<br/>")
            return f'<p style="font-weight:bold; color:{self.p.text}">✎ {body}</p>'
        return f'<p class="review" dir="auto">✎ {esc(text)}</p>'

    def gutter(self, row: Row) -> str:
        marker = esc(self.p.style(row.kind).marker)
        flags = ""
        if row.findings and not row.continued:
            text = esc(" ".join(f"⚑{n}" for n in row.findings))
            flags = (
                f'<br/><span style="color:{self.p.finding}; font-size:small; white-space:nowrap">{text}</span>'
                if self.qt
                else f'<span class="flag">{text}</span>'
            )
        if self.qt:
            return f'<td width="5%" align="center" bgcolor="{self.p.style(row.kind).band}"><b>{marker}</b>{flags}</td>'
        return f'<td class="g" title="{esc(self.p.style(row.kind).label)}">{marker}{flags}</td>'

    def row(self, row: Row) -> str:
        ignored = " ignored" if row.state is MarkState.IGNORED else ""
        cls = "" if self.qt else f' class="k-{_KIND_CLASS[row.kind]}{ignored}"'
        return (
            f"<tr{cls}>{self.cell(row.left, 'l', row)}{self.gutter(row)}"
            f"{self.cell(row.right, 'r', row)}</tr>"
        )

    def facts(self, pairs: tuple[tuple[str, str], ...]) -> str:
        attrs = ' cellpadding="1" cellspacing="0"' if self.qt else ' class="facts"'
        body = "".join(
            f"<tr><td><b>{esc(k)}</b>&nbsp;&nbsp;</td><td>{esc(v)}</td></tr>" for k, v in pairs
        )
        return f"<table{attrs}>{body}</table>"

    def legend(self) -> str:
        cells = []
        for e in self.report.legend:
            swatch = (
                f'<td bgcolor="{e.tint}" align="center" width="22"><b>{esc(e.marker)}</b></td>'
                if self.qt
                else f'<td class="sw sw-{_KIND_CLASS[e.kind]}">{esc(e.marker)}</td>'
            )
            cells.append(f"{swatch}<td><b>{esc(e.label)}</b>: {esc(e.meaning)}</td>")
        rows = "".join(
            "<tr>" + "".join(cells[k : k + 3]) + "</tr>" for k in range(0, len(cells), 3)
        )
        attrs = ' cellpadding="3" cellspacing="2"' if self.qt else ' class="legend"'
        key = " &nbsp;·&nbsp; ".join(
            f"{self.span(sample)} {esc(meaning)}" for sample, meaning in self.report.marks
        )
        marks = f"<p>{key}</p>"
        return f"<table{attrs}>{rows}</table>{marks}"

    def rows_table(self) -> str:
        r = self.report
        head = f"<tr><th>{esc(r.left_heading)}</th><th></th><th>{esc(r.right_heading)}</th></tr>"
        if not self.qt:
            # QTextDocument paints a row split across pages over a repeated header row, so the
            # printout has the headings once; browsers repeat a <thead> cleanly.
            head = f"<thead>{head}</thead>"
        body = "".join(self.row(x) for x in r.rows)
        if not r.rows:
            body = f'<tr><td colspan="3">{self.note(tr("(no sentences)"))}</td></tr>'
        if self.qt:
            return (
                f'<table width="100%" cellpadding="4" cellspacing="1" border="0">'
                f"{head}<tbody>{body}</tbody></table>"
            )
        return (
            f'<table class="rows"><colgroup><col style="width:calc(50% - 14px)"/><col style="width:28px"/>'
            f'<col style="width:calc(50% - 14px)"/></colgroup>{head}<tbody>{body}</tbody></table>'
        )

    def finding(self, e: FindingEntry) -> str:
        f = e.finding
        where = f" &nbsp;<span>{esc(e.where)}</span>" if e.where else ""
        change = esc(e.change)

        def side(title: str, s: SentenceText | None) -> str:
            body = self.sentence(s) if s else self.note(tr("(no sentence)"))
            return f"<td><b>{esc(title)}</b>{body}</td>"

        detail = self.note(f.detail) if f.detail else ""
        if e.review:
            detail += self.review(e.review)
        inner = (
            f'<p class="head"><b>⚑{e.number} {esc(e.label)}</b>{where}</p><p>{change}</p>'
            f'<table cellspacing="0"><tr>{side(e.left_title, e.left)}'
            f"{side(e.right_title, e.right)}</tr></table>{detail}"
        )
        if self.qt:
            return (
                f'<table width="100%" cellpadding="6" bgcolor="#fbfbfc" border="0">'
                f'<tr><td width="4" bgcolor="{self.p.finding}"></td><td>{inner}</td></tr></table><br/>'
            )
        return f'<div class="finding">{inner}</div>'

    def body(self) -> str:
        r = self.report
        parts = [
            f'<h1 dir="auto">{esc(r.title)}</h1>',
            f'<p class="subtitle" dir="auto">{esc(r.subtitle)}</p>',
            self.facts(r.facts),
        ]
        if r.warning:
            parts.append(
                f'<p style="color:#7a2e0b; background-color:#fff1e0"><b>⚠ {esc(r.warning)}</b></p>'
                if self.qt
                else f'<p class="warning">⚠ {esc(r.warning)}</p>'
            )
        parts += [
            f"<h2>{esc(tr('Summary'))}</h2>",
            self.facts(r.figures),
            f"<h2>{esc(tr('Legend'))}</h2>",
            self.legend(),
            f"<h2>{esc(tr('Side by side'))}</h2>",
            self.rows_table(),
            f"<h2>{esc(tr('Findings ({count})').format(count=len(r.findings)))}</h2>",
        ]
        if r.findings:
            parts += [self.finding(e) for e in r.findings]
        else:
            parts.append(
                f"<p>{esc(tr('No altered quotations, changed numbers or changed names were found.'))}</p>"
            )
        return "\n".join(parts)


def comparison_to_html(
    comparison: Comparison,
    *,
    for_qt: bool = False,
    now: datetime | None = None,
    changes_only: bool = False,
) -> str:
    """The comparison as HTML: a complete self-contained page, or (``for_qt``) markup within
    Qt's rich-text subset for ``QTextDocument.setHtml``. ``changes_only`` leaves identical
    sentences out."""
    report = build_report(comparison, tr=tr, now=now, changes_only=changes_only)
    writer = _Writer(report, for_qt)
    title = esc(f"{report.title}: {report.subtitle}")
    if for_qt:
        return (
            f'<html><head><meta charset="utf-8"><title>{title}</title></head>'
            f'<body style="color:{LIGHT.text}; font-size:9pt">{writer.body()}</body></html>'
        )
    footer = esc(
        tr("Made with Article Diff. {left} → {right}").format(
            left=report.left_name, right=report.right_name
        )
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="color-scheme" content="light dark">\n'
        f"<title>{title}</title>\n<style>{_stylesheet()}</style>\n</head>\n<body>\n"
        f"{writer.body()}\n<footer>{footer}</footer>\n</body>\n</html>\n"
    )


def export_html(
    comparison: Comparison,
    target: str | os.PathLike[str],
    *,
    now: datetime | None = None,
    protect: Iterable[str | os.PathLike[str] | None] = (),
    changes_only: bool = False,
) -> None:
    """Write the comparison to ``target`` as one self-contained HTML file, atomically.

    ``target`` must not be one of the compared files nor one of ``protect`` (a batch passes
    every input it reads).

    Raises ``ExportError`` naming the file and saying why when it cannot be written; the
    previous file at ``target`` is then left as it was and no partial file remains.
    """
    target = Path(target)
    inputs = (comparison.left.path, comparison.right.path, *protect)
    try:
        with atomic_path(target, protect=inputs, tr=tr) as tmp:
            page = comparison_to_html(comparison, now=now, changes_only=changes_only)
            tmp.write_text(page, encoding="utf-8")
    except ExportError:
        raise
    except Exception as exc:  # a renderer failure must not look like a crash to the user
        raise ExportError(
            tr("Cannot write {name}: {why}.").format(name=target.name, why=exc)
        ) from exc
