"""The batch's index: ``DIR/index.jsonl`` (one row a pair) and ``DIR/index.html`` (one table).

``index.jsonl`` is appended to as pairs finish, one JSON object a line, so it shows progress
and survives a kill; a line cut short by a kill is ignored when read back. When the batch ends
(or is interrupted) it is rewritten atomically with one row a pair in manifest order.

``index.html`` is one self-contained page (no file beside it, no network): a table of every
pair, most serious first (failed pairs, then by altered quotations, then changed numbers and
names, then the share of the original with no counterpart), sortable by any column, each row
linking to the pair's report. Every text from a manifest or a document is escaped.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping, Sequence
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import quote

from PySide6.QtCore import QCoreApplication

from ..atomic import write_text_atomic

INDEX_JSONL = "index.jsonl"
INDEX_HTML = "index.html"

Row = Mapping[str, Any]


def tr(text: str) -> str:
    return QCoreApplication.translate("BatchIndex", text)


def append_row(out_dir: Path, row: Row) -> None:
    """Add ``row`` to ``out_dir/index.jsonl`` with one write (a kill cuts at most this line)."""
    data = (json.dumps(row, ensure_ascii=False) + "\n").encode("utf-8")
    fd = os.open(out_dir / INDEX_JSONL, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o666)
    try:
        os.write(fd, data)
    finally:
        os.close(fd)


def read_rows(out_dir: Path) -> dict[str, dict[str, Any]]:
    """The last row of each name in ``out_dir/index.jsonl``; unreadable lines are ignored."""
    rows: dict[str, dict[str, Any]] = {}
    try:
        with open(out_dir / INDEX_JSONL, encoding="utf-8", errors="replace") as fh:
            for line in fh:
                try:
                    row = json.loads(line)
                except ValueError:
                    continue
                if isinstance(row, dict) and isinstance(row.get("name"), str):
                    rows[row["name"]] = row
    except OSError:
        pass
    return rows


def write_rows(out_dir: Path, rows: Iterable[Row], *, protect: Sequence[str] = ()) -> None:
    """Replace ``out_dir/index.jsonl`` with ``rows``, atomically; never over one of
    ``protect`` (the batch's articles)."""
    text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    write_text_atomic(out_dir / INDEX_JSONL, text or "\n", protect=protect)


def _finding(row: Row, *kinds: str) -> int:
    found = row.get("findings") or {}
    return sum(int(found.get(k, 0)) for k in kinds)


def _lost_share(row: Row) -> float:
    summary = row.get("summary") or {}
    return round(1.0 - float(summary.get("kept_share", 1.0)), 4)


def seriousness(row: Row) -> tuple[int, int, int, float]:
    """The sort key of a row, most serious first: failed, then altered quotations, then changed
    numbers and names, then the share of the original with no counterpart."""
    status = row.get("status")
    rank = 0 if status == "failed" else 1 if status == "ok" else 2
    return (
        rank,
        -_finding(row, "altered_quote", "unquoted_quote"),
        -_finding(row, "changed_number", "changed_name"),
        -_lost_share(row),
    )


def report_link(row: Row, formats: Sequence[str]) -> str:
    """The file to open for a row: its HTML report if written, else PDF, else JSON."""
    outputs = list(row.get("outputs") or [])
    for fmt in ("html", "pdf", "json"):
        for name in outputs:
            if fmt in formats and name.endswith("." + fmt):
                return str(name)
    return ""


_CSS = """
:root { color-scheme: light dark; --line: #8884; --failed: #c62828; --skipped: #8a6d00; }
body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5em; }
table { border-collapse: collapse; width: 100%; }
th, td { border-bottom: 1px solid var(--line); padding: .3em .5em; text-align: left;
         vertical-align: top; }
th { cursor: pointer; position: sticky; top: 0; background: #eee; color: #111;
     user-select: none; }
@media (prefers-color-scheme: dark) {
  body { background: #1e1e1e; color: #ddd; } a { color: #8ab4f8; }
  th { background: #333; color: #eee; }
}
th[aria-sort=ascending]::after { content: " \\25B2"; }
th[aria-sort=descending]::after { content: " \\25BC"; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.path { min-width: 8em; }
td.path .file { overflow-wrap: anywhere; }
td.path .dir { display: block; max-width: 18em; font-size: 80%; opacity: .7; overflow: hidden;
               text-overflow: ellipsis; white-space: nowrap; }
td.error { max-width: 24em; overflow-wrap: anywhere; }
tr.failed td.status { color: var(--failed); font-weight: bold; }
tr.skipped td.status { color: var(--skipped); }
"""

_JS = """
document.querySelectorAll("th").forEach(function (th, col) {
  th.addEventListener("click", function () {
    var body = th.closest("table").tBodies[0];
    var down = th.getAttribute("aria-sort") !== "descending";
    document.querySelectorAll("th").forEach(function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", down ? "descending" : "ascending");
    var rows = Array.prototype.slice.call(body.rows);
    function key(r) { var c = r.cells[col]; return c.dataset.sort !== undefined ? c.dataset.sort : c.textContent; }
    rows.sort(function (a, b) {
      var x = key(a), y = key(b), nx = parseFloat(x), ny = parseFloat(y);
      var d = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y);
      return down ? -d : d;
    });
    rows.forEach(function (r) { body.appendChild(r); });
  });
});
"""


def _num(value: float, shown: str | None = None) -> str:
    return f'<td class="num" data-sort="{value}">{escape(shown if shown is not None else str(value))}</td>'


def _path(path: str) -> str:
    """A path cell: the file's name in full (wrapped if it must), its folder on one line
    below, cut with an ellipsis when long; the whole path in the tooltip and the sort key."""
    cut = max(path.rfind("/"), path.rfind("\\"))
    folder, name = path[: cut + 1], path[cut + 1 :]
    full = escape(path)
    below = f'<span class="dir">{escape(folder)}</span>' if folder else ""
    return (f'<td class="path" title="{full}" data-sort="{full}">'
            f'<span class="file">{escape(name)}</span>{below}</td>')


def _row_html(rank: int, row: Row, formats: Sequence[str]) -> str:
    name = str(row.get("name", ""))
    status = str(row.get("status", ""))
    link = report_link(row, formats)
    label = escape(name)
    name_cell = f'<a href="{escape(quote(link))}">{label}</a>' if link else label
    summary = row.get("summary") or {}
    lost = _lost_share(row)
    new = float(summary.get("new_share", 0.0))
    status_text = {"ok": tr("ok"), "failed": tr("failed"), "skipped": tr("skipped")}.get(
        status, status
    )
    ok = status == "ok"
    cells = [
        _num(rank),
        f'<td data-sort="{escape(name)}">{name_cell}</td>',
        f'<td class="status">{escape(status_text)}</td>',
        _num(_finding(row, "altered_quote", "unquoted_quote")) if ok else _num(-1, ""),
        _num(_finding(row, "changed_number")) if ok else _num(-1, ""),
        _num(_finding(row, "changed_name")) if ok else _num(-1, ""),
        _num(lost, f"{round(100 * lost)}%") if ok else _num(-1, ""),
        _num(new, f"{round(100 * new)}%") if ok else _num(-1, ""),
        _num(float(row.get("seconds", 0.0)), f"{float(row.get('seconds', 0.0)):.2f}"),
        _path(str(row.get("left", ""))),
        _path(str(row.get("right", ""))),
        f'<td class="error">{escape(str(row.get("error", "")))}</td>',
    ]
    return f'<tr class="{escape(status)}">' + "".join(cells) + "</tr>"


def index_html(rows: Iterable[Row], *, formats: Sequence[str], title: str) -> str:
    """The page, rows most serious first (see :func:`seriousness`)."""
    ordered = sorted(rows, key=seriousness)
    counts = {s: sum(1 for r in ordered if r.get("status") == s) for s in ("ok", "failed", "skipped")}
    heads = [
        tr("Rank"), tr("Pair"), tr("Status"), tr("Altered quotations"), tr("Changed numbers"),
        tr("Changed names"), tr("Original without counterpart"), tr("New in rewrite"),
        tr("Seconds"), tr("Original"), tr("Rewrite"), tr("Error"),
    ]
    line = tr("{total} pairs: {ok} compared, {failed} failed, {skipped} skipped.").format(
        total=len(ordered), ok=counts["ok"], failed=counts["failed"], skipped=counts["skipped"]
    )
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        f"<h1>{escape(title)}</h1>\n<p>{escape(line)} "
        f"{escape(tr('Most serious first; click a column to sort by it.'))}</p>\n"
        "<table>\n<thead><tr>"
        + "".join(f'<th scope="col">{escape(h)}</th>' for h in heads)
        + "</tr></thead>\n<tbody>\n"
        + "\n".join(_row_html(n, r, formats) for n, r in enumerate(ordered, 1))
        + f"\n</tbody>\n</table>\n<script>{_JS}</script>\n</body>\n</html>\n"
    )


def write_index_html(out_dir: Path, rows: Iterable[Row], *, formats: Sequence[str],
                     title: str, protect: Sequence[str] = ()) -> None:
    """Replace ``out_dir/index.html`` atomically; never over one of ``protect``."""
    write_text_atomic(out_dir / INDEX_HTML, index_html(rows, formats=formats, title=title),
                      protect=protect)
