"""The PDF export: real files, read back with PyMuPDF and rendered with pdftoppm."""

from __future__ import annotations

import dataclasses
import os
import random
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pymupdf
import pytest
from export_support import make_doc

from viewer.engine.compare import compare
from viewer.engine.embed import LexicalEmbedder
from viewer.engine.model import (
    ChangeKind,
    Comparison,
    Finding,
    FindingKind,
    Group,
    Sentence,
)
from viewer.services import export_pdf as export_pdf_module
from viewer.services.atomic import ExportError
from viewer.services.export_pdf import export_pdf

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
WORD = re.compile(r"\w+", re.UNICODE)


@pytest.fixture(autouse=True)
def _home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ARTICLE_DIFF_HOME", str(tmp_path / "home"))




@pytest.fixture(scope="module")
def sample_pdf(sample: Comparison, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("pdf") / "sample.pdf"
    export_pdf(sample, out)
    return out


def words(text: str) -> list[str]:
    # Lines wrap at spaces (no hyphenation), so comparing word sequences ignores the wrapping.
    return WORD.findall(text)


def pages_text(path: Path) -> list[str]:
    with pymupdf.open(path) as doc:
        return [page.get_text() for page in doc]


def contains_run(haystack: list[str], needle: list[str]) -> bool:
    if not needle:
        return True
    joined = " " + " ".join(haystack) + " "
    return " " + " ".join(needle) + " " in joined


def test_sample_pdf_holds_every_sentence_of_both_articles(
    sample: Comparison, sample_pdf: Path
) -> None:
    pages = pages_text(sample_pdf)
    text_words = words("\n".join(pages))
    for s in sample.left_sentences + sample.right_sentences:
        assert contains_run(text_words, words(s.text)), s.text
    # A row is never cut in half when it fits on a page: each sentence lies on one page.
    for s in sample.left_sentences + sample.right_sentences:
        assert any(contains_run(words(p), words(s.text)) for p in pages), s.text


def test_sample_pdf_title_block_summary_and_legend(sample: Comparison, sample_pdf: Path) -> None:
    first = " ".join(pages_text(sample_pdf)[0].split())
    s = sample.summary
    assert "original.txt → rewrite.txt" in first
    assert "all-MiniLM-L6-v2" in first and "Sensitivity 0.50" in first
    assert f"{s.left_sentences} in the original, {s.right_sentences} in the rewrite" in first
    assert f"{s.reworded} reworded" in first and f"{s.omitted} omitted" in first
    assert f"{s.added} added; {round(100 * s.new_share)}% of its text is new" in first
    assert f"{round(100 * s.kept_share)}%" in first and f"{round(100 * s.new_share)}%" in first
    for label in ("Identical", "Minor edit", "Reworded", "Moved", "Omitted", "Added"):
        assert label in first
    assert "struck through words removed from the original" in first
    assert "underlined words inserted in the rewrite" in first
    assert "Warning" not in first


def test_every_page_has_its_number_and_the_file_names(sample_pdf: Path) -> None:
    pages = pages_text(sample_pdf)
    assert len(pages) >= 2
    for n, text in enumerate(pages, 1):
        assert f"Page {n} of {len(pages)}" in text
        assert "original.txt  →  rewrite.txt" in text


def test_pdf_uses_only_the_bundled_embedded_font(sample_pdf: Path) -> None:
    with pymupdf.open(sample_pdf) as doc:
        fonts = {f[3] for page in doc for f in page.get_fonts()}
        embedded = all(f[1] == "ttf" for page in doc for f in page.get_fonts())
    assert fonts and all("DejaVuSansCondensed" in f for f in fonts), fonts
    assert embedded
    # The font ships inside the package, with its licence: nothing is taken from the system.
    bundled = export_pdf_module.font_path("DejaVuSansCondensed.ttf")
    assert bundled.is_file() and bundled.parent == ROOT / "viewer" / "resources" / "fonts"
    assert "Bitstream Vera" in (bundled.parent / "LICENSE.txt").read_text(encoding="utf-8")


def test_pages_render_to_non_blank_images(sample_pdf: Path, tmp_path: Path) -> None:
    if not shutil.which("pdftoppm"):
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    subprocess.run(
        ["pdftoppm", "-png", "-r", "40", str(sample_pdf), str(tmp_path / "p")], check=True
    )
    pngs = sorted(tmp_path.glob("p-*.png"))
    assert len(pngs) == len(pages_text(sample_pdf))
    from PIL import Image

    for png in pngs:
        with Image.open(png) as im:
            grey = im.convert("L")
            dark = sum(1 for v in grey.getdata() if v < 200)
        assert dark > 0.01 * grey.width * grey.height, png


def test_a4_and_letter_page_sizes(sample: Comparison, tmp_path: Path) -> None:
    export_pdf(sample, tmp_path / "a4.pdf", page_size="a4")
    export_pdf(sample, tmp_path / "letter.pdf", page_size="letter")
    with pymupdf.open(tmp_path / "a4.pdf") as a4, pymupdf.open(tmp_path / "letter.pdf") as letter:
        assert round(a4[0].rect.width) == 595 and round(a4[0].rect.height) == 842
        assert round(letter[0].rect.width) == 612 and round(letter[0].rect.height) == 792
    with pytest.raises(ExportError, match="tabloid"):
        export_pdf(sample, tmp_path / "bad.pdf", page_size="tabloid")
    assert not (tmp_path / "bad.pdf").exists()


def test_findings_are_listed_most_serious_first(sample: Comparison, tmp_path: Path) -> None:
    g = sample.groups[3]
    quote = Finding(
        FindingKind.ALTERED_QUOTE,
        g.left[0],
        g.right[0],
        "original quoted words",
        "altered quoted words",
        "quotation differs",
    )
    number = Finding(
        FindingKind.CHANGED_NUMBER,
        sample.groups[5].left[0],
        sample.groups[5].right[0],
        "40%",
        "45%",
    )
    c = dataclasses.replace(sample, findings=(number, quote))
    export_pdf(c, tmp_path / "f.pdf")
    text = " ".join(" ".join(pages_text(tmp_path / "f.pdf")).split())
    tail = text[text.index("Findings (2)") :]
    assert tail.index("Altered quotation") < tail.index("Changed number")
    assert f"L{g.left[0] + 1} → R{g.right[0] + 1}" in tail
    assert "“original quoted words” → “altered quoted words”" in tail
    assert "“40%” → “45%”" in tail and "quotation differs" in tail
    # Both sentences of each finding are shown in full.
    tail_words = words(tail)
    for i, j in ((g.left[0], g.right[0]),):
        assert contains_run(tail_words, words(sample.left_sentences[i].text))
        assert contains_run(tail_words, words(sample.right_sentences[j].text))


def _big_comparison(sample: Comparison) -> Comparison:
    """300 sentences of real prose, deterministically shuffled and edited, compared lexically."""
    pool = [s.text for s in sample.left_sentences + sample.right_sentences]
    rng = random.Random(6)
    left = [
        pool[k % len(pool)] + ("" if k < len(pool) else f" (part {k // len(pool)})")
        for k in range(300)
    ]
    rng.shuffle(left)
    right = []
    for k, s in enumerate(left):
        if k % 11 == 3:
            continue  # omitted
        right.append(s.replace(" the ", " a ", 1) if k % 4 == 0 else s)
        if k % 13 == 5:
            right.append(f"An added sentence number {k} about the aid convoys reaching the south.")
    right[40:43], right[200:203] = right[200:203], right[40:43]  # moves
    paras = lambda xs: [" ".join(xs[k : k + 4]) for k in range(0, len(xs), 4)]
    return compare(
        make_doc(paras(left), "big-original.txt"),
        make_doc(paras(right), "big-rewrite.txt"),
        embedder=LexicalEmbedder(),
    )


def test_a_300_sentence_comparison_paginates_cleanly(sample: Comparison, tmp_path: Path) -> None:
    c = _big_comparison(sample)
    assert len(c.left_sentences) >= 300
    out = tmp_path / "big.pdf"
    export_pdf(c, out, page_size="letter")
    pages = pages_text(out)
    assert len(pages) >= 8
    for n, text in enumerate(pages, 1):
        assert f"Page {n} of {len(pages)}" in text
    # The table's header row repeats on every page the table runs across.
    end = next(n for n, p in enumerate(pages) if re.search(r"Findings \(\d+\)", p))
    assert end >= 5
    assert all(
        "Original: big-original.txt" in p and "Rewrite: big-rewrite.txt" in p
        for p in pages[: end + 1]
    )
    for s in c.left_sentences + c.right_sentences:
        assert any(contains_run(words(p), words(s.text)) for p in pages), s.text
    assert "Warning: the sentence model was not used" in " ".join(pages[0].split())


def test_a_6000_character_sentence_is_split_across_pages(tmp_path: Path) -> None:
    huge = " ".join(f"w{k}x" for k in range(1500)) + "."
    assert len(huge) > 6000
    c = compare(
        make_doc([huge, "A short closing line."], "long.txt"),
        make_doc([huge.replace("w700x", "changed"), "A short closing line."], "long2.txt"),
        embedder=LexicalEmbedder(),
        split="lines",
    )
    out = tmp_path / "long.pdf"
    export_pdf(c, out)
    pages = pages_text(out)
    found = [[p for p in pages if f"w{k}x" in words(p)] for k in (0, 1499)]
    assert found[0] and found[1] and found[0][0] != found[1][0]  # first and last words: other pages
    all_words = set(words("\n".join(pages)))
    assert all(f"w{k}x" in all_words for k in range(1500))
    assert "L1 (cont.)" in "\n".join(pages)


def test_a_forty_sentence_merged_group_does_not_crash(tmp_path: Path) -> None:
    lefts = [
        f"Sentence {k} of the harbour story says a little more about the boats, the nets and "
        f"the people of the town who worked there every single day."
        for k in range(40)
    ]
    text = " ".join(lefts)
    ls, pos = [], 0
    for s in lefts:
        ls.append(Sentence(s, pos, pos + len(s)))
        pos += len(s) + 1
    right = make_doc(["One sentence sums up the whole harbour story."], "r.txt")
    group = Group(tuple(range(40)), (0,), ChangeKind.REWORDED, ChangeKind.REWORDED, 0.6)
    c = Comparison(
        make_doc([text], "l.txt"),
        right,
        tuple(ls),
        (Sentence(right.text, 0, len(right.text)),),
        (),
        (group,),
        (),
        (),
        (),
        LexicalEmbedder().info,
        0.5,
    )
    out = tmp_path / "merge.pdf"
    export_pdf(c, out, page_size="letter")
    pages = pages_text(out)
    assert len(pages) >= 2
    joined = words("\n".join(pages))
    for s in lefts:
        assert contains_run(joined, words(s))


HOSTILE = "<b>x</b> &amp; <script>alert(1)</script>"


def test_markup_in_a_document_stays_literal_text(tmp_path: Path) -> None:
    left = make_doc(
        [f"The council said {HOSTILE} before the vote.", "Nothing else changed today."], "a<i>.txt"
    )
    right = make_doc(
        [f"The council wrote {HOSTILE} before the vote.", "Nothing else changed today."], "b&c.txt"
    )
    c = compare(left, right, embedder=LexicalEmbedder())
    out = tmp_path / "hostile.pdf"
    export_pdf(c, out)
    text = "\n".join(pages_text(out))
    flat = " ".join(text.split())
    assert flat.count(HOSTILE) >= 2
    assert "a<i>.txt → b&c.txt" in flat
    with pymupdf.open(out) as doc:
        spans = [
            s
            for page in doc
            for b in page.get_text("dict")["blocks"]
            for line in b.get("lines", [])
            for s in line["spans"]
        ]
    x_spans = [s for s in spans if "<b>x</b>" in s["text"]]
    assert x_spans and all("Bold" not in s["font"] for s in x_spans)


def test_non_latin_text_keeps_its_letters(tmp_path: Path) -> None:
    paras = ["“Café” naïve résumé — Zürich’s Ελλάδα Москва.", "שלום עולם.", "مرحبا بالعالم."]
    c = compare(
        make_doc(paras, "intl.txt"),
        make_doc(paras[:1] + ["Added line."], "intl2.txt"),
        embedder=LexicalEmbedder(),
        split="lines",
    )
    out = tmp_path / "intl.pdf"
    export_pdf(c, out)
    text = "\n".join(pages_text(out))
    assert "“Café” naïve résumé — Zürich’s Ελλάδα Москва." in text
    for letters in ("שלום", "עולם", "مرحبا"):
        assert set(letters) <= set(text), letters


# --- Atomic writing --------------------------------------------------------------------------

OLD = b"%PDF-1.4 the previous export, which must survive\n"


def _no_part_files(folder: Path) -> bool:
    return not [p for p in folder.iterdir() if p.name.endswith(".part")]


def test_failure_mid_render_keeps_the_old_file(
    sample: Comparison, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "report.pdf"
    target.write_bytes(OLD)
    real = export_pdf_module._canvas_class

    def failing(footer: str, page_width: float) -> type:
        base = real(footer, page_width)

        class Failing(base):  # type: ignore[misc, valid-type]
            def showPage(self) -> None:
                if self.getPageNumber() >= 2:
                    raise RuntimeError("renderer exploded on page 2")
                super().showPage()

        return Failing

    monkeypatch.setattr(export_pdf_module, "_canvas_class", failing)
    with pytest.raises(ExportError, match=r"report\.pdf.*renderer exploded"):
        export_pdf(sample, target)
    assert target.read_bytes() == OLD
    assert _no_part_files(tmp_path)


def test_disk_full_while_saving_keeps_the_old_file(
    sample: Comparison, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "report.pdf"
    target.write_bytes(OLD)
    real = export_pdf_module._canvas_class

    def full(footer: str, page_width: float) -> type:
        base = real(footer, page_width)

        class DiskFull(base):  # type: ignore[misc, valid-type]
            def save(self) -> None:
                with open(self._filename, "wb") as fh:
                    fh.write(b"%PDF-1.4 half a fi")
                raise OSError(28, "No space left on device")

        return DiskFull

    monkeypatch.setattr(export_pdf_module, "_canvas_class", full)
    with pytest.raises(ExportError, match=r"report\.pdf.*No space left on device"):
        export_pdf(sample, target)
    assert target.read_bytes() == OLD
    assert _no_part_files(tmp_path)


def test_permission_denied_on_replace(
    sample: Comparison, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "report.pdf"
    target.write_bytes(OLD)

    def deny(src: str, dst: str) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", deny)
    with pytest.raises(ExportError, match=r"report\.pdf.*Permission denied"):
        export_pdf(sample, target)
    monkeypatch.undo()
    assert target.read_bytes() == OLD
    assert _no_part_files(tmp_path)


def test_read_only_folder(sample: Comparison, tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root can write into a read-only folder")
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(ExportError, match="report.pdf"):
            export_pdf(sample, folder / "report.pdf")
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o755)


def test_a_vanished_folder_is_a_clear_error(sample: Comparison, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="does not exist"):
        export_pdf(sample, tmp_path / "gone" / "report.pdf")


def test_an_existing_file_is_replaced_by_the_complete_new_one(
    sample: Comparison, tmp_path: Path
) -> None:
    target = tmp_path / "report.pdf"
    target.write_bytes(OLD)
    export_pdf(sample, target)
    data = target.read_bytes()
    assert data.startswith(b"%PDF") and data.rstrip().endswith(b"%%EOF") and data != OLD
    assert _no_part_files(tmp_path)


def test_never_writes_over_a_compared_file(tmp_path: Path) -> None:
    src = tmp_path / "left.pdf"
    src.write_bytes(OLD)
    left = make_doc(["One sentence here."], "left.pdf", str(src))
    c = compare(left, make_doc(["One sentence there."], "right.txt"), embedder=LexicalEmbedder())
    with pytest.raises(ExportError, match="one of the files being compared"):
        export_pdf(c, src)
    assert src.read_bytes() == OLD


def test_command_line_compare_writes_a_pdf(tmp_path: Path) -> None:
    pytest.importorskip("viewer.services.documents", reason="documents.py is not written yet")
    out = tmp_path / "out.pdf"
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
            "compare",
            "seeds/original.txt",
            "seeds/rewrite.txt",
            "-o",
            str(out),
            "--page-size",
            "letter",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert f"wrote {out}" in proc.stdout
    with pymupdf.open(out) as doc:
        assert round(doc[0].rect.height) == 792
        text = " ".join(page.get_text() for page in doc)
    assert "Original: original.txt" in text and "Page 1 of" in text
