"""The HTML export: one self-contained, script-free file, and Qt rich text for printing."""

from __future__ import annotations

import dataclasses
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from export_support import make_doc

from viewer.engine.compare import compare
from viewer.engine.embed import LexicalEmbedder
from viewer.engine.model import Comparison, Finding, FindingKind
from viewer.services import export_html as export_html_module
from viewer.services.atomic import ExportError
from viewer.services.export_html import comparison_to_html, export_html

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
WORD = re.compile(r"\w+", re.UNICODE)
HOSTILE = "<b>x</b> &amp; <script>alert(1)</script>"


@pytest.fixture(autouse=True)
def _home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ARTICLE_DIFF_HOME", str(tmp_path / "home"))




class Page(HTMLParser):
    """Every element with its attributes, the visible text, and the CSS."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.css: list[str] = []
        self._in: list[str] = []
        self.feed(source)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))
        if tag in ("p", "td", "th", "tr", "br", "div", "h1", "h2", "table"):
            self.text.append("\n")  # a browser breaks the line here
        if tag in ("style", "title", "script"):
            self._in.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self._in and self._in[-1] == tag:
            self._in.pop()

    def handle_data(self, data: str) -> None:
        if not self._in:
            self.text.append(data)
        elif self._in[-1] == "style":
            self.css.append(data)

    @property
    def visible(self) -> str:
        return " ".join("".join(self.text).split())

    def tags(self, name: str) -> list[dict[str, str | None]]:
        return [a for t, a in self.elements if t == name]


def words(text: str) -> str:
    return " " + " ".join(WORD.findall(text)) + " "


def assert_safe(page: Page) -> None:
    """No scripts, no event handlers, nothing fetched from elsewhere."""
    names = {t for t, _ in page.elements}
    assert not names & {"script", "link", "iframe", "object", "embed", "img", "base", "form"}
    for tag, attrs in page.elements:
        for key, value in attrs.items():
            assert not key.startswith("on"), (tag, key)
            assert key not in ("src", "href", "srcset", "action", "formaction"), (tag, key)
            assert "javascript:" not in (value or "").lower()
    css = "".join(page.css)
    assert "@import" not in css and "url(" not in css and "@font-face" not in css


@pytest.fixture(scope="module")
def sample_page(sample: Comparison, tmp_path_factory: pytest.TempPathFactory) -> Page:
    out = tmp_path_factory.mktemp("html") / "sample.html"
    export_html(sample, out)
    return Page(out.read_text(encoding="utf-8"))


def test_sample_html_is_self_contained_and_script_free(sample_page: Page) -> None:
    assert_safe(sample_page)
    assert len(sample_page.tags("style")) == 1
    css = "".join(sample_page.css)
    assert "prefers-color-scheme: dark" in css and "@media print" in css
    assert "thead { display: table-header-group; }" in css
    assert len(sample_page.tags("thead")) == 1  # repeated on each printed page


def test_sample_html_holds_every_sentence_summary_and_legend(
    sample: Comparison, sample_page: Page
) -> None:
    text = sample_page.visible
    text_words = words(text)
    for s in sample.left_sentences + sample.right_sentences:
        assert words(s.text) in text_words, s.text
    s = sample.summary
    assert f"{s.left_sentences} in the original, {s.right_sentences} in the rewrite" in text
    assert f"{s.reworded} reworded" in text and f"{round(100 * s.kept_share)}%" in text
    assert "Original: original.txt" in text and "Rewrite: rewrite.txt" in text
    for label in ("Identical", "Minor edit", "Reworded", "Moved", "Omitted", "Added"):
        assert label in text
    assert "all-MiniLM-L6-v2" in text and "Warning" not in text
    assert sample_page.tags("del") and sample_page.tags("ins")
    # One row per row of the report, plus the header.
    rows = [a for a in sample_page.tags("tr") if (a.get("class") or "").startswith("k-")]
    omitted = [a for a in rows if a.get("class") == "k-omitted"]
    assert len(omitted) == len(sample.omitted)


def test_markup_in_documents_and_names_stays_text(tmp_path: Path) -> None:
    evil_name = '"><img src=x onerror=alert(1)>.txt'
    left = make_doc(
        [f"The council said {HOSTILE} before the vote.", "Nothing else changed today."], evil_name
    )
    right = make_doc(
        [
            f"The council wrote {HOSTILE} before the vote.",
            "Nothing else changed today.",
            f"An added line with {HOSTILE} in it.",
        ],
        "b&c.txt",
    )
    c = compare(left, right, embedder=LexicalEmbedder())
    c = dataclasses.replace(
        c,
        findings=(Finding(FindingKind.ALTERED_QUOTE, 0, 0, HOSTILE, "<i>y</i>", "<u>detail</u>"),),
    )
    out = tmp_path / "hostile.html"
    export_html(c, out)
    source = out.read_text(encoding="utf-8")
    page = Page(source)
    assert_safe(page)
    assert "&lt;b&gt;x&lt;/b&gt; &amp;amp; &lt;script&gt;alert(1)&lt;/script&gt;" in source
    assert page.visible.count(HOSTILE) >= 4  # both rows, the added row, the finding
    assert evil_name in page.visible and "<u>detail</u>" in page.visible
    assert "<script>" not in source and "<img" not in source
    # Qt's printing HTML escapes the same way.
    qt = Page(comparison_to_html(c, for_qt=True))
    assert_safe(qt)
    assert qt.visible.count(HOSTILE) >= 4


def test_findings_come_most_serious_first(sample: Comparison) -> None:
    g = sample.groups[2]
    findings = (
        Finding(FindingKind.CHANGED_NAME, g.left[0], g.right[0], "Hamas", ""),
        Finding(
            FindingKind.ALTERED_QUOTE, g.left[0], g.right[0], "pause in", "truce", "words differ"
        ),
    )
    text = Page(comparison_to_html(dataclasses.replace(sample, findings=findings))).visible
    tail = text[text.index("Findings (2)") :]
    assert tail.index("⚑1 Altered quotation") < tail.index("⚑2 Changed name")
    assert "“Hamas” → (not in the rewrite)" in tail
    assert f"L{g.left[0] + 1} → R{g.right[0] + 1}" in tail


def test_qt_html_renders_in_a_text_document(sample: Comparison, qapp) -> None:  # type: ignore[no-untyped-def]
    # ``qapp`` (pytest-qt) makes the one QApplication of the run: a bare QGuiApplication made
    # here would leave later widget tests without one.
    from PySide6.QtGui import QTextDocument, QTextTable

    assert qapp is not None
    html = comparison_to_html(sample, for_qt=True)
    assert "<style" not in html and "@media" not in html and "var(--" not in html
    doc = QTextDocument()
    doc.setHtml(html)
    plain = doc.toPlainText()
    for s in sample.left_sentences + sample.right_sentences:
        assert words(s.text) in words(plain), s.text
    tables = []
    frame = doc.rootFrame()
    for child in frame.childFrames():
        if isinstance(child, QTextTable):
            tables.append(child)
    big = max(tables, key=lambda t: t.rows())
    assert big.columns() == 3
    heading = big.cellAt(0, 0).firstCursorPosition()
    heading.movePosition(heading.MoveOperation.EndOfBlock, heading.MoveMode.KeepAnchor)
    assert heading.selectedText() == "Original: original.txt"
    # every rewrite sentence and every omission has its row (plus the header row)
    assert big.rows() >= 1 + len(sample.right_sentences) - sum(
        len(g.right) - 1 for g in sample.groups
    )


# --- Atomic writing --------------------------------------------------------------------------

OLD = "<!DOCTYPE html><p>the previous export, which must survive</p>\n"


def _no_part_files(folder: Path) -> bool:
    return not [p for p in folder.iterdir() if p.name.endswith(".part")]


def test_a_render_failure_keeps_the_old_file(
    sample: Comparison, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "report.html"
    target.write_text(OLD)

    def boom(*args: object, **kwargs: object) -> str:
        raise RuntimeError("renderer exploded")

    monkeypatch.setattr(export_html_module, "comparison_to_html", boom)
    with pytest.raises(ExportError, match=r"report\.html.*renderer exploded"):
        export_html(sample, target)
    assert target.read_text() == OLD
    assert _no_part_files(tmp_path)


def test_disk_full_mid_write_keeps_the_old_file(
    sample: Comparison, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "report.html"
    target.write_text(OLD)
    real = Path.write_text

    def half(self: Path, data: str, *args: object, **kwargs: object) -> int:
        real(self, data[: len(data) // 2], encoding="utf-8")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "write_text", half)
    with pytest.raises(ExportError, match=r"report\.html.*No space left on device"):
        export_html(sample, target)
    monkeypatch.undo()
    assert target.read_text() == OLD
    assert _no_part_files(tmp_path)


def test_permission_denied_on_replace(
    sample: Comparison, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "report.html"
    target.write_text(OLD)

    def deny(src: str, dst: str) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", deny)
    with pytest.raises(ExportError, match=r"report\.html.*Permission denied"):
        export_html(sample, target)
    monkeypatch.undo()
    assert target.read_text() == OLD
    assert _no_part_files(tmp_path)


def test_a_vanished_folder_and_a_compared_file_are_refused(
    sample: Comparison, tmp_path: Path
) -> None:
    with pytest.raises(ExportError, match="does not exist"):
        export_html(sample, tmp_path / "gone" / "x.html")
    src = tmp_path / "left.html"
    src.write_text(OLD)
    c = dataclasses.replace(sample, left=dataclasses.replace(sample.left, path=str(src)))
    with pytest.raises(ExportError, match="one of the files being compared"):
        export_html(c, src)
    assert src.read_text() == OLD


def test_batch_writes_html_and_pdf(tmp_path: Path) -> None:
    pytest.importorskip("viewer.services.documents", reason="documents.py is not written yet")
    manifest = tmp_path / "pairs.tsv"
    manifest.write_text(
        f"{SEEDS / 'original.txt'}\t{SEEDS / 'rewrite.txt'}\tcnn\n", encoding="utf-8"
    )
    env = {
        **os.environ,
        "ARTICLE_DIFF_HOME": str(tmp_path / "home"),
        "QT_QPA_PLATFORM": "offscreen",
    }
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "viewer",
            "batch",
            str(manifest),
            "--out",
            str(tmp_path / "out"),
            "--format",
            "html,pdf",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    page = Page((tmp_path / "out" / "cnn.html").read_text(encoding="utf-8"))
    assert_safe(page)
    assert "Original: original.txt" in page.visible
    assert (tmp_path / "out" / "cnn.pdf").read_bytes().startswith(b"%PDF")
