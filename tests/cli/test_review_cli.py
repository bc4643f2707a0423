"""The command line and review files: compare -o X.adiff, export REVIEW.adiff -o OUT."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import fitz  # pymupdf

from viewer.engine import review as rv
from viewer.engine.review import Mark, MarkState
from viewer.services.review_file import load_review, save_review

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "viewer", *args], check=False, cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)


def test_compare_saves_a_review_and_export_shows_its_decisions(tmp_path, seeds):
    r = run("compare", str(seeds / "original.txt"), str(seeds / "rewrite.txt"), "-o", "pair.adiff", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    review = load_review(tmp_path / "pair.adiff")
    assert review.state.empty and review.left.sha256 and review.settings.sensitivity == 0.5
    # The editor links the first two sentences by hand and flags them with a note.
    state = rv.link(review.state, [0], [0])
    state = rv.set_mark(state, rv.group_target([0], [0]), Mark(MarkState.FLAGGED, "caption, not a sentence"))
    save_review(review.__class__(**{**review.__dict__, "state": state}), tmp_path / "pair.adiff")

    r = run("export", "pair.adiff", "-o", "out.json", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    d = json.loads((tmp_path / "out.json").read_text("utf-8"))
    assert {(k["left"], k["right"]) for k in d["links"] if k["manual"]} == {(0, 0)}
    group = next(g for g in d["groups"] if g["left"] == [0])
    assert group["manual"] and group["review"] == {"state": "flagged", "note": "caption, not a sentence"}
    assert d["review"]["progress"]["flagged"] == 1

    r = run("export", "pair.adiff", "-o", "out.pdf", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    text = " ".join("".join(p.get_text() for p in fitz.open(tmp_path / "out.pdf")).split())
    assert "Linked by hand. Flagged. Note: caption, not a sentence" in text


def test_export_refuses_bad_reviews_and_inputs_as_targets(tmp_path, seeds):
    (tmp_path / "cut.adiff").write_text('{"format": "article-diff-review", "version": 1, "left": {', "utf-8")
    r = run("export", "cut.adiff", "-o", "x.pdf", cwd=tmp_path)
    assert r.returncode == 1 and "incomplete" in r.stderr and not (tmp_path / "x.pdf").exists()
    r = run("compare", str(seeds / "original.txt"), str(seeds / "rewrite.txt"), "-o", "p.adiff", cwd=tmp_path)
    assert r.returncode == 0
    before = (tmp_path / "p.adiff").read_bytes()
    r = run("export", "p.adiff", "-o", "p.json", cwd=tmp_path)
    assert r.returncode == 0
    (tmp_path / "q.json").symlink_to(tmp_path / "p.adiff")
    r = run("export", "p.adiff", "-o", "q.json", cwd=tmp_path)
    assert r.returncode == 1 and "one of the files being compared" in r.stderr
    assert (tmp_path / "p.adiff").read_bytes() == before
    r = run("export", "p.adiff", "-o", "p.txt", cwd=tmp_path)
    assert r.returncode == 2 and "cannot tell the format" in r.stderr
