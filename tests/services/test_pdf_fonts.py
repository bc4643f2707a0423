"""Font fallback in the PDF export: scripts the bundled font lacks are drawn in another font,
and characters no font has are named in the PDF. Expectations come from the fallback module's
own coverage answer, so the tests hold on a machine with no extra fonts and on one with many."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pymupdf
import pytest
from export_support import make_doc

from viewer.engine.compare import compare
from viewer.engine.embed import LexicalEmbedder
from viewer.services import pdf_fonts
from viewer.services.export_pdf import export_pdf

# Devanagari, Thai, Hangul, CJK, then emoji (one of them in DejaVu, one in no common TTF)
SCRIPTS = "क ख ก ข 한 국 中 文 \u02ef"
EMOJI = "😀 🦜"


@pytest.fixture(autouse=True)
def _home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ARTICLE_DIFF_HOME", str(tmp_path / "home"))


def _pdf_text(path: Path) -> str:
    with pymupdf.open(path) as doc:
        return " ".join(" ".join(page.get_text() for page in doc).split())


def test_scripts_beyond_the_bundled_font_export_with_the_right_text_layer(tmp_path: Path) -> None:
    left = [f"Scripts: {SCRIPTS}. Emoji: {EMOJI}."]
    right = [f"Scripts: {SCRIPTS}! Emoji: {EMOJI}!"]
    c = compare(make_doc(left, "l.txt"), make_doc(right, "r.txt"), embedder=LexicalEmbedder())
    out = tmp_path / "scripts.pdf"
    export_pdf(c, out)
    text = _pdf_text(out)
    chars = [ch for ch in SCRIPTS + EMOJI if not ch.isspace()]
    missing = [ch for ch in chars if pdf_fonts.font_for(ch) is None]
    drawn = [ch for ch in chars if ch not in missing and ord(ch) <= 0xFFFF]
    # U+02EF is in the bundled DejaVu Serif, not in the main font: always a fallback run.
    assert pdf_fonts.font_for("\u02ef") not in (None, pdf_fonts.MAIN_FONT)
    for ch in drawn:
        assert ch in text, f"U+{ord(ch):04X} missing from the text layer"
    assert "\x00" not in text
    if missing:
        assert "could not be drawn" in text
        for ch in missing:
            assert f"U+{ord(ch):04X}" in text, ch
        assert pdf_fonts.PLACEHOLDER in text
    else:
        assert "could not be drawn" not in text
    # Fallback fonts are embedded, and only those that were used.
    with pymupdf.open(out) as doc:
        fonts = {f[3] for page in doc for f in page.get_fonts()}
        assert all(f[1] == "ttf" for page in doc for f in page.get_fonts())
    assert any("DejaVuSerif" in f for f in fonts), fonts


def test_fallback_directory_skips_fonts_that_cannot_be_embedded(tmp_path: Path) -> None:
    folder = tmp_path / "fonts"
    folder.mkdir()
    (folder / "Broken.ttf").write_bytes(b"not a font at all" * 10)
    (folder / "Notes.txt").write_text("ignored", encoding="utf-8")
    assert pdf_fonts.font_for("\u02ef", folder, system=False) is None
    shutil.copy(pdf_fonts.bundled_dir() / "DejaVuSerif.ttf", folder / "Extra.ttf")
    pdf_fonts.font_for.cache_clear()
    pdf_fonts.fallbacks.cache_clear()
    assert pdf_fonts.font_for("\u02ef", folder, system=False) == "Fallback-Extra-0"
    assert pdf_fonts.font_for("a", folder, system=False) == pdf_fonts.MAIN_FONT
    assert pdf_fonts.font_for("\U0001f99c", folder, system=False) is None


def test_markup_escapes_text_and_wraps_runs() -> None:
    with pdf_fonts.collecting() as missing:
        m = pdf_fonts.markup("<b>&</b> \u02ef\u02ef x \U000f0000")
    assert m.startswith("&lt;b&gt;&amp;&lt;/b&gt; ")
    assert '<font name="Fallback-DejaVuSerif-0">\u02ef\u02ef</font>' in m
    assert list(missing) == ["\U000f0000"]  # a private-use code point: no font has it
    assert m.endswith(pdf_fonts.PLACEHOLDER)
    assert "U+F0000" in pdf_fonts.describe(list(missing))
    many = [chr(0xF0000 + k) for k in range(20)]
    assert pdf_fonts.describe(many).endswith("and 8 more")


def _fontconfig_lists(family_file: str) -> bool:
    """Whether fontconfig (as configured: FONTCONFIG_FILE too) knows the font file."""
    if not shutil.which("fc-list"):
        return False
    listed = subprocess.run(["fc-list", ":", "file"], capture_output=True, text=True, check=False)
    return family_file in listed.stdout


@pytest.mark.skipif(
    not _fontconfig_lists("NotoSansThai-Regular.ttf"),
    reason="fontconfig knows no Noto Sans Thai (fonts-noto-core not installed, or not configured)",
)
def test_system_noto_fonts_are_found_through_fontconfig(tmp_path: Path) -> None:
    assert shutil.which("fc-list")
    for ch in "กक":
        name = pdf_fonts.font_for(ch)
        assert name is not None and name.startswith("Fallback-Noto"), (ch, name)
    c = compare(
        make_doc(["ไทย हिन्दी."], "l.txt"),
        make_doc(["ไทย हिन्दी!"], "r.txt"),
        embedder=LexicalEmbedder(),
    )
    export_pdf(c, tmp_path / "noto.pdf")
    text = _pdf_text(tmp_path / "noto.pdf")
    assert "ไทย" in text and "हिन्दी" in text
    if shutil.which("pdftoppm"):
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "30",
                "-f",
                "1",
                "-l",
                "1",
                str(tmp_path / "noto.pdf"),
                str(tmp_path / "p"),
            ],
            check=True,
        )
