"""The corpus of bad and odd inputs, made on demand in a folder (nothing large is committed).

``make_corpus(folder)`` writes every case and returns {name: (path, expectation)} where the
expectation is either ``("error", reason)``: a DocumentError with that reason, or
``("ok", None)``: a comparison must come out.
"""

from __future__ import annotations

import io
from pathlib import Path

HOSTILE = (
    "The memo said <b>bold</b> &amp; <script>alert('x')</script> was fine.\n\n"
    "Another line with <img src=x onerror=alert(1)> and &lt;i&gt; entities &copy; 2024."
)
PROSE = (
    "Officials met on Tuesday to discuss the truce. They agreed to extend it by two days.\n\n"
    "The mayor said the city would reopen schools. Critics called the plan rushed."
)


def _docx_bytes(text: str) -> bytes:
    import docx

    d = docx.Document()
    for para in text.split("\n\n"):
        d.add_paragraph(para)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _pdf_bytes(text: str | None) -> bytes:
    import fitz

    doc = fitz.open()
    page = doc.new_page()
    if text is None:
        page.draw_rect(fitz.Rect(72, 72, 300, 300), color=(0, 0, 0), fill=(0.5, 0.5, 0.5))
    else:
        page.insert_textbox(fitz.Rect(72, 72, 520, 770), text, fontsize=11)
    data = doc.tobytes()
    doc.close()
    return data


def make_corpus(folder: Path) -> dict[str, tuple[Path, tuple[str, str | None]]]:
    folder.mkdir(parents=True, exist_ok=True)
    cases: dict[str, tuple[bytes, str, tuple[str, str | None]]] = {
        "empty": (b"", ".txt", ("error", "empty")),
        "whitespace": (b"  \n\t\n   \r\n", ".txt", ("error", "empty")),
        "one_sentence": (b"Only one sentence here.", ".txt", ("ok", None)),
        "no_punctuation": (b"no punctuation at all just words running on and on " * 40, ".txt", ("ok", None)),
        "binary_renamed": (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 64, ".txt", ("error", "binary")),
        "nul_byte": (b"Some text\x00 with a NUL byte in it.", ".txt", ("error", "binary")),
        "invalid_utf8": (b"Caf\xe9 owners said \x93fine\x94 and left.\n", ".txt", ("ok", None)),
        "crlf": (PROSE.replace("\n", "\r\n").encode(), ".txt", ("ok", None)),
        "lone_cr": (PROSE.replace("\n", "\r").encode(), ".txt", ("ok", None)),
        "rtl_mixed_emoji": (
            "قال المسؤولون إن الهدنة ستستمر. 🕊️ השלום חשוב מאוד. Officials in Gaza said 40% was damaged. 😀\n".encode(),
            ".txt",
            ("ok", None),
        ),
        "hostile_text": (HOSTILE.encode(), ".txt", ("ok", None)),
        "hostile_html": (
            (b"<html><head><style>p{color:red}</style><script>alert(1)</script></head><body>"
            b"<nav>Home | World | Sport</nav><iframe src='http://example.invalid'></iframe>"
            b"<article><h1>Truce holds</h1><p>Officials met on Tuesday to discuss the truce "
            b"between the two sides, which has held for a week.</p><p>They agreed to extend it by two "
            b"days, according to three people familiar with the talks.</p>"
            b"<img src=x onerror=alert(1)><p>&lt;script&gt; stays text &amp; so does this.</p></article>"
            b"</body></html>"),
            ".html",
            ("ok", None),
        ),
        "long_sentence": (("word " * 4000).encode(), ".txt", ("ok", None)),
        "truncated_docx": (_docx_bytes(PROSE)[:700], ".docx", ("error", "corrupt")),
        "corrupt_docx": (b"PK\x03\x04" + b"garbage" * 100, ".docx", ("error", "corrupt")),
        "good_docx": (_docx_bytes(PROSE), ".docx", ("ok", None)),
        "truncated_pdf": (_pdf_bytes(PROSE)[:400], ".pdf", ("error", "corrupt")),
        "corrupt_pdf": (b"%PDF-1.7\n" + b"junk" * 200, ".pdf", ("error", "corrupt")),
        "scanned_pdf": (_pdf_bytes(None), ".pdf", ("error", "no_text_layer")),
        "good_pdf": (_pdf_bytes(PROSE), ".pdf", ("ok", None)),
        "unsupported": (b"{\\rtf1 hello}", ".rtf", ("error", "unsupported")),
    }
    out = {}
    for name, (data, suffix, expect) in cases.items():
        path = folder / f"{name}{suffix}"
        path.write_bytes(data)
        out[name] = (path, expect)
    big = folder / "fifty_mb.txt"
    line = (PROSE.replace("\n\n", " ") + "\n").encode()
    with open(big, "wb") as fh:
        fh.writelines(line for _ in range(50 * 1024 * 1024 // len(line) + 1))
    out["fifty_mb"] = (big, ("error", "too_large"))
    folder_case = folder / "a_folder"
    folder_case.mkdir(exist_ok=True)
    out["folder"] = (folder_case, ("error", "is_directory"))
    out["missing"] = (folder / "deleted.txt", ("error", "not_found"))
    return out
