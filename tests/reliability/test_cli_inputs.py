"""The command line on every odd input: a clear message or a comparison, never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from test_engine_inputs import CASES

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, timeout: int = 120) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "viewer", *args], env=env, check=False, capture_output=True,
                          text=True, timeout=timeout)


@pytest.mark.parametrize("name", CASES)
def test_cli_answers_every_input(name, corpus, tmp_path):
    path, (outcome, _reason) = corpus[name]
    out = tmp_path / "out.json"
    # The lexical fallback (a model folder that does not exist) keeps this fast: what is
    # tested here is the handling of the input, not the model.
    r = run("compare", str(path), str(ROOT / "seeds/original.txt"), "-o", str(out),
            "--model", str(tmp_path / "no-model"))
    assert "Traceback" not in r.stderr, r.stderr
    if outcome == "error":
        assert r.returncode == 1
        assert path.name in r.stderr
        assert not out.exists()
    else:
        assert r.returncode == 0, r.stderr
        data = json.loads(out.read_text(encoding="utf-8"))
        assert data["left"]["sentences"]
        assert data["model"]["semantic"] is False


def test_same_file_on_both_sides():
    r = run("compare", str(ROOT / "seeds/rewrite.txt"), str(ROOT / "seeds/rewrite.txt"))
    assert r.returncode == 0, r.stderr
    assert "42 identical" in r.stdout and "0 omitted, 0 added" in r.stdout


def test_export_target_in_a_missing_folder(tmp_path):
    r = run("compare", str(ROOT / "seeds/original.txt"), str(ROOT / "seeds/rewrite.txt"),
            "-o", str(tmp_path / "gone" / "x.json"), "--model", str(tmp_path / "none"))
    assert r.returncode == 1 and "x.json" in r.stderr and "Traceback" not in r.stderr
