"""The command line against hostile input (issue 15): no input overwritten, no raw terminal
escapes, no partial export after a termination signal."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LEXICAL = ("--model", "/nonexistent-model")  # the lexical fallback: fast, and still a comparison


def run(*args: str, cwd: Path = ROOT, timeout: int = 300) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "viewer", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=timeout, check=False)


def test_compare_refuses_to_write_the_json_over_an_input(tmp_path: Path) -> None:
    left, right = tmp_path / "a.json", tmp_path / "b.txt"
    left.write_text("The council met on Monday.\n", encoding="utf-8")
    right.write_text("The council met on Tuesday.\n", encoding="utf-8")
    (tmp_path / "link.pdf").symlink_to(left)
    for target in (left, tmp_path / "." / "a.json", tmp_path / "link.pdf"):
        r = run("compare", str(left), str(right), "-o", str(target), *LEXICAL)
        assert r.returncode == 1, r.stdout + r.stderr
        assert "one of the files being compared" in r.stderr
        assert "wrote" not in r.stdout
    assert left.read_text(encoding="utf-8") == "The council met on Monday.\n"
    assert right.read_text(encoding="utf-8") == "The council met on Tuesday.\n"


def test_control_characters_in_names_and_paths_are_escaped(tmp_path: Path) -> None:
    title = "\x1b]0;pwned\x07\x1b[2J\u202e"
    left = tmp_path / f"{title}a.txt"
    right = tmp_path / "b.txt"
    left.write_text("The council met on Monday. It voted.\n", encoding="utf-8")
    right.write_text("The council met on Tuesday. It voted.\n", encoding="utf-8")
    runs = [
        run("compare", str(left), str(right), *LEXICAL),  # the summary names the files
        run("compare", str(tmp_path / f"{title}missing.txt"), str(right), *LEXICAL),
        run("compare", str(left), str(right), "-o", str(tmp_path / f"{title}.json"), *LEXICAL),
        run("compare", str(left), str(right), "-o", str(tmp_path / f"{title}.exe"), *LEXICAL),
        run("compare", str(left), str(right), "--split", title),  # argparse echoes it
    ]
    for r in runs:
        for stream in (r.stdout, r.stderr):
            assert "\x1b" not in stream and "\x07" not in stream and "\u202e" not in stream
    assert "\\x1b]0;pwned\\x07" in runs[0].stdout
    assert "\\x1b]0;pwned\\x07" in runs[1].stderr and "cannot find" in runs[1].stderr
    assert runs[2].returncode == 0 and "wrote" in runs[2].stdout
    assert "\\x1b[2J" in runs[3].stderr and "\\x1b[2J" in runs[4].stderr


def _long_article(path: Path, n: int, twist: str) -> None:
    path.write_text(
        "\n\n".join(
            f"Paragraph {k}: the council {twist} the budget for district {k} after a long debate."
            for k in range(n)
        ),
        encoding="utf-8",
    )


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_a_termination_signal_during_an_export_leaves_no_partial_file(
    tmp_path: Path, signum: int
) -> None:
    left, right = tmp_path / "a.txt", tmp_path / "b.txt"
    _long_article(left, 2000, "approved")
    _long_article(right, 2000, "rejected")
    out = tmp_path / "out"
    out.mkdir()
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen(
        [sys.executable, "-m", "viewer", "compare", str(left), str(right), "-o",
         str(out / "report.pdf"), *LEXICAL],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    deadline = time.monotonic() + 240  # a hang guard, not a timing
    while not any(p.suffix == ".part" for p in out.iterdir()):
        assert proc.poll() is None, "the export finished before it could be interrupted"
        assert time.monotonic() < deadline, "no export started"
        time.sleep(0.005)
    proc.send_signal(signum)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode != 0
    assert list(out.iterdir()) == [], "a partial or hidden file was left"
    assert "no partial file was left" in err and "Traceback" not in err
