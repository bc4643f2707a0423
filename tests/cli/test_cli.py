"""The command line, run as a user runs it: a real process, real files, the real model."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, cwd: Path = ROOT, timeout: int = 300) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "viewer", *args], cwd=cwd, env=env, check=False,
                          capture_output=True, text=True, timeout=timeout)


def test_compare_prints_a_readable_summary():
    r = run("compare", "seeds/original.txt", "seeds/rewrite.txt")
    assert r.returncode == 0, r.stderr
    out = r.stdout
    assert "Article Diff: original.txt  ->  rewrite.txt" in out
    assert "all-MiniLM-L6-v2 (sentence meaning)" in out
    assert "[-continuing-] {+upholding+}" in out
    assert "+ R42  Kaitlan Collins contributed to this story." in out or "Kaitlan Collins contributed" in out
    assert "Traceback" not in r.stderr


def test_compare_writes_json(tmp_path):
    out = tmp_path / "pair.json"
    r = run("compare", "seeds/original.txt", "seeds/rewrite.txt", "-o", str(out), "--sensitivity", "0.4")
    assert r.returncode == 0, r.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["schema_version"] == 1
    assert data["sensitivity"] == 0.4
    left_text = (ROOT / "seeds/original.txt").read_text(encoding="utf-8")
    assert len(data["left"]["sentences"]) == 21 and len(data["right"]["sentences"]) == 42
    # Offsets point into the document text as read, which the file carries (here nearly the
    # file itself: only the trailing spaces after the dateline are cleaned).
    first = data["left"]["sentences"][2]
    assert first["text"].startswith("Biden administration officials")
    assert first["text"] in left_text
    for side in ("left", "right"):
        text = data[side]["text"]
        assert all(text[s["start"] : s["end"]] == s["text"] for s in data[side]["sentences"])
    assert data["left"]["text"].split() == left_text.split()
    for group in data["word_ops"]:
        for op in group["ops"]:
            if "left" in op:
                assert data["left"]["text"][op["left"][0] : op["left"][1]] == op["left_text"]
            if "right" in op:
                assert data["right"]["text"][op["right"][0] : op["right"][1]] == op["right_text"]
    linked = {l["left"] for l in data["links"]} | set(data["omitted"])
    assert linked == set(range(21))
    assert {l["right"] for l in data["links"]} | set(data["added"]) == set(range(42))
    assert all(l["kind"] in {"identical", "minor_edit", "reworded", "moved"} for l in data["links"])
    assert all(0 <= l["similarity"] <= 1 for l in data["links"])
    assert len(data["word_ops"]) == len(data["groups"])
    assert data["model"]["semantic"] is True
    assert data["model"]["backend"] in {"onnx-int8", "onnx", "torch", "torch-bf16"}
    assert data["summary"]["left_sentences"] == 21
    assert isinstance(data["findings"], list)


def test_lines_mode_and_fallback_notice(tmp_path):
    left = tmp_path / "a.txt"
    right = tmp_path / "b.txt"
    left.write_text("The fox saw the grapes\nHe could not reach them\n", encoding="utf-8")
    right.write_text("A fox spotted some grapes\nThey hung too high for him\n", encoding="utf-8")
    out = tmp_path / "x.json"
    r = run("compare", str(left), str(right), "--split", "lines", "--model", str(tmp_path / "no-model"), "-o", str(out))
    assert r.returncode == 0, r.stderr
    assert "could not be used" in r.stderr and "lexical" in r.stderr
    data = json.loads(out.read_text())
    assert len(data["left"]["sentences"]) == 2
    assert data["model"]["semantic"] is False and "not meaning" in data["model"]["note"]
    assert data["model"]["backend"] == ""
    text = run("compare", str(left), str(right), "--model", str(tmp_path / "no-model")).stdout
    assert "WARNING: no sentence model" in text


def test_bad_inputs_get_clear_messages(tmp_path):
    r = run("compare", "seeds/original.txt", str(tmp_path / "missing.txt"))
    assert r.returncode == 1 and "missing.txt" in r.stderr and "Traceback" not in r.stderr
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20)
    r = run("compare", "seeds/original.txt", str(binary))
    assert r.returncode == 1 and "photo.txt" in r.stderr and "Traceback" not in r.stderr
    r = run("compare", "seeds/original.txt", "seeds/rewrite.txt", "-o", str(tmp_path / "x.docx"))
    assert r.returncode == 2 and ".json" in r.stderr
    r = run("compare", "seeds/original.txt", "seeds/rewrite.txt", "--sensitivity", "3")
    assert r.returncode == 2 and "between 0 and 1" in r.stderr


def test_batch_goes_past_a_failed_pair_and_fails_overall(tmp_path):
    manifest = tmp_path / "m.tsv"
    (tmp_path / "a.txt").write_text("One sentence here.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("One sentence there.\n", encoding="utf-8")
    (tmp_path / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20)
    manifest.write_text(
        f"{ROOT / 'seeds/original.txt'}\t{ROOT / 'seeds/rewrite.txt'}\tsample\n"
        "a.txt\tphoto.txt\tbroken\n"
        "a.txt\tb.txt\tsmall\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    r = run("batch", str(manifest), "--out", str(out), "--format", "json", "--split", "lines",
            "--in-process")
    assert r.returncode == 1
    assert "broken" in r.stderr and "photo.txt" in r.stderr
    assert (out / "sample.json").exists() and (out / "small.json").exists()
    assert not (out / "broken.json").exists()
    assert "2 of 3 pairs compared, 1 failed" in r.stderr
    data = json.loads((out / "sample.json").read_text())
    lines = [x for x in (ROOT / "seeds/original.txt").read_text(encoding="utf-8").splitlines() if x.strip()]
    assert len(data["left"]["sentences"]) == len(lines) == 13  # lines mode: one per non-empty line


def test_batch_rejects_a_malformed_manifest(tmp_path):
    manifest = tmp_path / "m.tsv"
    manifest.write_text("only-one-column\n", encoding="utf-8")
    r = run("batch", str(manifest), "--out", str(tmp_path / "o"))
    assert r.returncode == 2 and "line 1" in r.stderr


@pytest.mark.parametrize("args", [["--version"], ["compare", "--help"]])
def test_help_and_version(args):
    r = run(*args)
    assert r.returncode == 0 and ("article-diff" in r.stdout)


def test_inputs_are_never_written(tmp_path):
    left = tmp_path / "l.txt"
    right = tmp_path / "r.txt"
    left.write_text("Alpha beta gamma.\n", encoding="utf-8")
    right.write_text("Alpha beta delta.\n", encoding="utf-8")
    before = [(p.read_bytes(), p.stat().st_mtime_ns) for p in (left, right)]
    assert run("compare", str(left), str(right), "-o", str(tmp_path / "o.json")).returncode == 0
    assert [(p.read_bytes(), p.stat().st_mtime_ns) for p in (left, right)] == before


def test_window_without_a_display_says_what_to_do():
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["PYTHONPATH"] = str(ROOT)
    r = subprocess.run([sys.executable, "-m", "viewer", "seeds/original.txt", "seeds/rewrite.txt"],
                       cwd=ROOT, env=env, check=False, capture_output=True, text=True, timeout=60)
    assert r.returncode == 2
    assert "no display" in r.stderr and "xvfb-run -a article-diff seeds/original.txt" in r.stderr
    assert "Traceback" not in r.stderr


@pytest.mark.parametrize("command", [["compare", "seeds/original.txt", "seeds/rewrite.txt"], []],
                         ids=["compare", "window"])
def test_a_mistyped_backend_stops_with_the_valid_names(command, monkeypatch):
    monkeypatch.setenv("ARTICLE_DIFF_BACKEND", "onnx_int8")
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    r = run(*command, timeout=60)
    assert r.returncode == 2
    assert "unknown embedding backend 'onnx_int8'" in r.stderr
    assert "onnx-int8, onnx, torch, torch-bf16" in r.stderr and "ARTICLE_DIFF_BACKEND" in r.stderr
    assert "Traceback" not in r.stderr and r.stdout == ""
