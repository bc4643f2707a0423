"""Language detection in a child process: the same answers as in this process, a fallback when
the child cannot run, and a window whose own process never loads lingua (lingua holds the GIL
while it loads its models, which froze the window's thread for a quarter of a second)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from viewer.engine import language
from viewer.services.language_process import LanguageProcess

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "translation"
SAMPLES = [
    (DATA / "en.txt").read_text(encoding="utf-8"),
    (DATA / "de.txt").read_text(encoding="utf-8"),
    (DATA / "fr.txt").read_text(encoding="utf-8"),
    (DATA / "es.txt").read_text(encoding="utf-8"),
    "Der Minister sagte am Dienstag, die Regierung werde handeln.",
    "Officials civilians and more officials.",
]


def test_the_child_answers_what_lingua_answers_here() -> None:
    process = LanguageProcess()
    try:
        for text in SAMPLES:
            sample = text[: language.SAMPLE_CHARS]
            assert process.detect(sample) == language.detect_sample_here(sample)
        assert process.running
    finally:
        process.close()
    assert not process.running


def test_a_child_that_cannot_start_means_detecting_here(monkeypatch, capsys) -> None:
    monkeypatch.setattr(sys, "executable", str(ROOT / "no-such-python"))
    process = LanguageProcess()
    sample = SAMPLES[1][: language.SAMPLE_CHARS]
    assert process.detect(sample) == "de"
    assert not process.running
    assert "detecting in this process" in capsys.readouterr().err


def test_a_child_that_dies_means_detecting_here(capsys) -> None:
    process = LanguageProcess()
    sample = SAMPLES[2][: language.SAMPLE_CHARS]
    assert process.detect(sample) == "fr"
    assert process._process is not None
    process._process.kill()
    process._process.wait()
    assert process.detect(SAMPLES[3][: language.SAMPLE_CHARS]) == "es"
    assert not process.running
    assert "stopped" in capsys.readouterr().err
    process.close()


WINDOW_SCRIPT = textwrap.dedent("""
    import json, sys
    from PySide6.QtCore import QTimer
    from viewer.app import build_window, create_application
    from viewer.engine.embed import CachedEmbedder, LexicalEmbedder

    app = create_application([])
    window = build_window(sys.argv[1:3],
                          embedder_factory=lambda: CachedEmbedder(LexicalEmbedder(), None))
    out = {}

    def ready(c):
        out["languages"] = [c.left_language, c.right_language]
        out["lingua"] = "lingua" in sys.modules
        app.quit()

    window.comparison_ready.connect(ready)
    QTimer.singleShot(120_000, app.quit)
    app.exec()
    print(json.dumps(out))
""")


@pytest.mark.slow
def test_the_window_process_never_loads_lingua(tmp_path) -> None:
    """The window reads, splits and compares an English/German pair; the languages are
    detected, and lingua was never imported in the window's process."""
    result = subprocess.run(
        [sys.executable, "-c", WINDOW_SCRIPT, str(DATA / "en.txt"), str(DATA / "de.txt")],
        check=False, cwd=ROOT, capture_output=True, text=True, timeout=300,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen",
             "ARTICLE_DIFF_HOME": str(tmp_path), "PYTHONPATH": str(ROOT)},
    )
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout.strip().splitlines()[-1])
    assert out == {"languages": ["en", "de"], "lingua": False}
