"""``article-diff batch`` in one process: the manifest checks, the index files, failures that do
not stop the batch, escaping, and resume after a kill. (The Dask runs: tests/services/
test_batch_cluster.py.) The lexical fallback (``--model`` pointing nowhere) keeps most of
these fast: what they test is the batch, not the model."""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest

from viewer import cli

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"


def run(*args: str, timeout: int = 300, **kw) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "viewer", *args], check=False, env=env,
                          capture_output=True, text=True, timeout=timeout, **kw)


def write_pairs(folder: Path, n: int) -> None:
    for k in range(n):
        (folder / f"l{k}.txt").write_text(
            f"Story {k} begins here.\nThe mayor said 12 people came.\nIt rained all day.\n",
            encoding="utf-8")
        (folder / f"r{k}.txt").write_text(
            f"Story {k} begins here.\nThe mayor said {13 + k} people came.\nThe sun shone.\n",
            encoding="utf-8")


def lexical(tmp_path: Path) -> list[str]:
    return ["--split", "lines", "--model", str(tmp_path / "no-model"), "--in-process"]


def rows(out: Path) -> list[dict]:
    return [json.loads(x) for x in (out / "index.jsonl").read_text(encoding="utf-8").splitlines()
            if x.strip()]


# --- the manifest, checked before any work (issue 15, points 9, 11, 13, 15) -------------------

def test_colliding_names_are_refused_before_any_work(tmp_path):
    write_pairs(tmp_path, 3)
    (tmp_path / "m.tsv").write_text(
        "l0.txt\tr0.txt\tsame\n"
        "l1.txt\tr1.txt\tpair4\n"   # equal to the name line 4 gets without one
        "l2.txt\tr2.txt\tsame\n"
        "l0.txt\tr1.txt\n",
        encoding="utf-8")
    out = tmp_path / "out"
    r = run("batch", str(tmp_path / "m.tsv"), "--out", str(out), *lexical(tmp_path))
    assert r.returncode == 2, r.stderr
    for line, other in ((1, 3), (3, 1), (2, 4), (4, 2)):
        assert f"line {line}: the name" in r.stderr and f"also used on line {other}" in r.stderr
    assert "nothing was compared" in r.stderr
    assert not out.exists() or not any(out.iterdir())


def test_every_bad_line_is_reported_and_the_rest_can_run(tmp_path):
    write_pairs(tmp_path, 2)
    (tmp_path / "m.tsv").write_text(
        "l0.txt\tr0.txt\t../escape\n"
        "l1.txt\tr1.txt\tgood\n"
        "only-one-column\n"
        "l0.txt\tmissing.txt\tgone\n"
        "l0.txt\tr0.txt\tindex\n",
        encoding="utf-8")
    out = tmp_path / "out"
    r = run("batch", str(tmp_path / "m.tsv"), "--out", str(out), *lexical(tmp_path))
    assert r.returncode == 2
    for n in (1, 3, 4, 5):
        assert f"m.tsv line {n}:" in r.stderr
    assert "line 2:" not in r.stderr and "missing.txt does not exist" in r.stderr
    assert "--skip-bad-lines" in r.stderr
    r = run("batch", str(tmp_path / "m.tsv"), "--out", str(out), "--skip-bad-lines",
            *lexical(tmp_path))
    assert r.returncode == 1, r.stderr  # something was not compared
    assert "1 of 5 pairs compared, 4 skipped" in r.stderr
    assert sorted(p.name for p in out.iterdir()) == ["good.json", "index.html", "index.jsonl"]
    got = {row["line"]: row for row in rows(out)}
    assert [got[n]["status"] for n in range(1, 6)] == ["skipped", "ok", "skipped", "skipped",
                                                      "skipped"]
    assert "does not exist" in got[4]["error"] and "reserved" in got[5]["error"]


def test_an_output_that_is_an_input_is_refused(tmp_path):
    write_pairs(tmp_path, 1)
    (tmp_path / "a.json").write_text('{"keep": "me"}', encoding="utf-8")
    (tmp_path / "m.tsv").write_text("l0.txt\ta.json\ta\n", encoding="utf-8")
    r = run("batch", str(tmp_path / "m.tsv"), "--out", str(tmp_path), *lexical(tmp_path))
    assert r.returncode == 2 and "would replace the article on line 1" in r.stderr
    assert (tmp_path / "a.json").read_text(encoding="utf-8") == '{"keep": "me"}'


def test_a_250_character_name_is_written(tmp_path):
    write_pairs(tmp_path, 1)
    name = "n" * 250
    (tmp_path / "m.tsv").write_text(f"l0.txt\tr0.txt\t{name}\nl0.txt\tr0.txt\t{name}x\n",
                                    encoding="utf-8")
    out = tmp_path / "out"
    r = run("batch", str(tmp_path / "m.tsv"), "--out", str(out), "--skip-bad-lines",
            "--format", "json,html", *lexical(tmp_path))
    assert "line 2: the name is too long (251 bytes; at most 250)" in r.stderr
    assert (out / f"{name}.json").is_file() and (out / f"{name}.html").is_file(), r.stderr
    assert [row["status"] for row in rows(out)] == ["ok", "skipped"]


def test_an_endless_manifest_is_refused_in_bounded_memory(tmp_path):
    def cap() -> None:  # what the old reader did with /dev/zero: read it all, until MemoryError
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))

    r = run("batch", "/dev/zero", "--out", str(tmp_path / "o"), timeout=60, preexec_fn=cap)
    assert r.returncode == 2 and "Traceback" not in r.stderr, r.stderr
    assert "zero line 1 is longer than" in r.stderr
    (tmp_path / "long.tsv").write_text("a\tb\t" + "x" * 20_000 + "\n", encoding="utf-8")
    r = run("batch", str(tmp_path / "long.tsv"), "--out", str(tmp_path / "o"))
    assert r.returncode == 2 and "long.tsv line 1 is longer than" in r.stderr


def test_control_characters_in_names_and_paths_are_escaped(tmp_path):
    write_pairs(tmp_path, 1)
    evil = "\x1b]0;pwned\x07\x1b[2J"
    (tmp_path / "m.tsv").write_text(
        f"l0.txt\tr0.txt\tname{evil}\nl0.txt\tgone{evil}.txt\tok\n", encoding="utf-8")
    r = run("batch", str(tmp_path / "m.tsv"), "--out", str(tmp_path / "o"), *lexical(tmp_path))
    assert r.returncode == 2
    assert "\x1b" not in r.stderr and "\x07" not in r.stderr
    assert "\\x1b]0;pwned\\x07\\x1b[2J" in r.stderr
    assert "control characters" in r.stderr and "does not exist" in r.stderr


# --- failures never stop the batch (issue 15, point 6) ---------------------------------------

def test_an_unexpected_error_fails_one_pair_and_the_batch_goes_on(tmp_path, monkeypatch, capsys):
    import viewer.engine.compare as compare_module

    real = compare_module.compare

    def flaky(left, right, **kw):
        if "l1" in (left.path or ""):
            raise RuntimeError("something nobody expected")
        return real(left, right, **kw)

    monkeypatch.setattr(compare_module, "compare", flaky)
    write_pairs(tmp_path, 3)
    (tmp_path / "m.tsv").write_text(
        "".join(f"l{k}.txt\tr{k}.txt\tp{k}\n" for k in range(3)), encoding="utf-8")
    out = tmp_path / "out"
    code = cli.main(["batch", str(tmp_path / "m.tsv"), "--out", str(out), *lexical(tmp_path)])
    err = capsys.readouterr().err
    assert code == 1
    assert "pair p1 (line 2) failed: unexpected error (RuntimeError: something nobody expected)" \
        in err
    assert "2 of 3 pairs compared, 1 failed" in err
    assert (out / "p0.json").is_file() and (out / "p2.json").is_file()
    assert [r["status"] for r in rows(out)] == ["ok", "failed", "ok"]


def test_without_dask_the_batch_runs_here_and_says_how_to_get_more(tmp_path, monkeypatch, capsys):
    from viewer.services.batch import engines

    monkeypatch.setattr(engines, "dask_available", lambda: False)
    write_pairs(tmp_path, 1)
    (tmp_path / "m.tsv").write_text("l0.txt\tr0.txt\n", encoding="utf-8")
    args = ["batch", str(tmp_path / "m.tsv"), "--out", str(tmp_path / "o"), "--split", "lines",
            "--model", str(tmp_path / "none")]
    assert cli.main(args) == 0
    assert 'running in one process; for several workers or a cluster: pip install -e ".[cluster]"' \
        in capsys.readouterr().err
    assert cli.main([*args, "--scheduler", "tcp://127.0.0.1:1"]) == 2
    assert "--scheduler needs Dask" in capsys.readouterr().err


# --- the index files ---------------------------------------------------------------------------

class Table(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.rows: list[list[str]] = []
        self.links: list[str] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = []
        elif tag == "a":
            self.links.append(dict(attrs)["href"])

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append("".join(self._cell))
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def test_index_rows_and_page_most_serious_first(tmp_path):
    hostile = "<img src=x onerror=alert(1)>"
    (tmp_path / "q.txt").write_text(
        "The minister called the plan \u2018a complete and utter failure\u2019 after the vote.\n",
        encoding="utf-8")
    (tmp_path / "q2.txt").write_text(
        "After the vote, the minister called the plan \u2018a total failure\u2019.\n",
        encoding="utf-8")
    write_pairs(tmp_path, 1)
    (tmp_path / "same.txt").write_text("Nothing changed here at all.\n", encoding="utf-8")
    (tmp_path / "m.tsv").write_text(
        f"same.txt\tsame.txt\tcalm\n"
        f"l0.txt\tr0.txt\t{hostile}\n"
        f"q.txt\tq2.txt\tquote\n"
        f"l0.txt\tdamaged.pdf\tbroken\n",
        encoding="utf-8")
    (tmp_path / "damaged.pdf").write_bytes(b"%PDF-1.4 not really")
    out = tmp_path / "out"
    r = run("batch", str(tmp_path / "m.tsv"), "--out", str(out), "--format", "json,html",
            "--split", "lines", "--in-process")
    assert r.returncode == 1, r.stderr
    got = {row["name"]: row for row in rows(out)}
    assert list(got) == ["calm", hostile, "quote", "broken"]  # manifest order
    for row in got.values():
        assert {"name", "left", "right", "status", "error", "seconds"} <= set(row)
    assert got["broken"]["status"] == "failed" and "damaged.pdf" in got["broken"]["error"]
    assert got["quote"]["findings"]["altered_quote"] == 1
    assert got[hostile]["findings"]["changed_number"] == 1
    assert got["calm"]["summary"]["identical"] == 1 and got["calm"]["summary"]["kept_share"] == 1
    assert got[hostile]["outputs"] == [f"{hostile}.json", f"{hostile}.html"]
    page = Table()
    page.feed((out / "index.html").read_text(encoding="utf-8"))
    assert "img" not in page.tags and "script" in page.tags  # its own sorting script only
    names = [row[1] for row in page.rows[1:]]
    assert names == ["broken", "quote", hostile, "calm"]
    for link in page.links:
        from urllib.parse import unquote

        assert (out / unquote(link)).is_file()
    assert len(page.links) == 3


# --- kill and resume ---------------------------------------------------------------------------

@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGINT])
def test_a_killed_batch_loses_nothing_and_resumes(tmp_path, how):
    write_pairs(tmp_path, 12)
    (tmp_path / "m.tsv").write_text(
        "".join(f"l{k}.txt\tr{k}.txt\tp{k}\n" for k in range(12)), encoding="utf-8")
    out = tmp_path / "out"
    args = [sys.executable, "-m", "viewer", "batch", str(tmp_path / "m.tsv"), "--out", str(out),
            "--format", "json,pdf", *lexical(tmp_path)]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    deadline = time.monotonic() + 120
    index = out / "index.jsonl"
    while time.monotonic() < deadline and proc.poll() is None:
        if index.exists() and len(rows(out)) >= 2:
            break
        time.sleep(0.05)
    assert proc.poll() is None, "the batch ended before it could be interrupted"
    proc.send_signal(how)
    _, err = proc.communicate(timeout=60)
    done = rows(out)
    assert 2 <= len(done) < 12
    if how == signal.SIGINT:
        assert proc.returncode == 130 and "--resume" in err and "Traceback" not in err
    # Every recorded pair has both its outputs, whole; no temporary file is left behind
    # by Ctrl+C (a SIGKILL can leave one: the next run removes it).
    for row in done:
        assert row["status"] == "ok"
        assert json.loads((out / f"{row['name']}.json").read_text(encoding="utf-8"))
        assert (out / f"{row['name']}.pdf").read_bytes().startswith(b"%PDF")
    if how == signal.SIGINT:
        assert not [p for p in out.iterdir() if p.name.endswith(".part")]
    before = {row["name"]: (out / f"{row['name']}.json").stat().st_mtime_ns for row in done}
    r = run(*args[3:], "--resume")
    assert r.returncode == 0, r.stderr
    assert f"{len(done)} of 12 pairs already done" in r.stderr
    final = rows(out)
    assert [row["name"] for row in final] == [f"p{k}" for k in range(12)]
    assert all(row["status"] == "ok" for row in final)
    assert not [p for p in out.iterdir() if p.name.endswith(".part")]
    for name, stamp in before.items():  # not compared again
        assert (out / f"{name}.json").stat().st_mtime_ns == stamp


def test_resume_compares_again_the_pairs_done_with_other_settings(tmp_path, monkeypatch):
    """--resume keeps a pair only if its row records this run's split, sensitivity and model
    (issue 19): a changed --sensitivity redoes the pairs; the same settings keep them."""
    from viewer.services.batch import engines

    monkeypatch.setattr(engines, "dask_available", lambda: False)
    write_pairs(tmp_path, 2)
    (tmp_path / "m.tsv").write_text("l0.txt\tr0.txt\nl1.txt\tr1.txt\n", encoding="utf-8")
    out = tmp_path / "o"
    args = ["batch", str(tmp_path / "m.tsv"), "--out", str(out), "--split", "lines",
            "--model", str(tmp_path / "none")]
    assert cli.main(args) == 0
    first = rows(out)
    assert [r["settings"]["sensitivity"] for r in first] == [0.5, 0.5]
    assert cli.main([*args, "--resume"]) == 0
    assert rows(out) == first  # same settings: nothing compared again
    assert cli.main([*args, "--resume", "--sensitivity", "0.8"]) == 0
    again = rows(out)
    assert [r["settings"]["sensitivity"] for r in again] == [0.8, 0.8]
    assert [r["status"] for r in again] == ["ok", "ok"]
    assert json.loads((out / "pair1.json").read_text(encoding="utf-8"))["sensitivity"] == 0.8


def test_index_paths_show_the_file_name_and_keep_the_full_path_in_a_tooltip():
    """A long path does not widen the table: the file's name in full, its folder cut with an
    ellipsis, the whole path in the title attribute (issue 19)."""
    from viewer.services.batch.index import index_html

    path = "/desk/2026/12/05/partner-copies/" + "x" * 80 + "/original <bridge>.txt"
    row = {"name": "p1", "line": 1, "left": path, "right": "right.txt", "status": "ok",
           "summary": {"kept_share": 1.0, "new_share": 0.0}, "findings": {}, "seconds": 0.1,
           "error": ""}
    page = index_html([row], formats=("json",), title="t")
    escaped = path.replace("<", "&lt;").replace(">", "&gt;")
    assert f'<td class="path" title="{escaped}" data-sort="{escaped}">' in page
    assert '<span class="file">original &lt;bridge&gt;.txt</span>' in page
    assert "text-overflow: ellipsis" in page and "word-break: break-all" not in page
    table = Table()
    table.feed(page)
    folder, name = path.rsplit("/", 1)
    assert table.rows[1][9] == name + folder + "/"  # the name, then its folder
