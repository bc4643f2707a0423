"""Worst-case memory for the largest input Article Diff accepts (issue 15, point 2).

    python bench/bench_memory.py [--cases letters,self,prose,over] [--modes lexical,model]

Each case runs the command line as a user would (``python -m viewer compare A B -o out.json
--no-cache``) in its own process, and its peak resident memory (``ru_maxrss`` from
``os.wait4``) is printed with the exit status, the wall time, the machine and the load. The
inputs sit at the limits: ``MAX_SENTENCES`` sentences a side, and no more than
``MAX_TEXT_CHARS`` characters.

- letters: one-letter paragraphs, as many as accepted (the shape that reached 5.4 GB with the
  model and asked for 15.3 GiB in lexical mode before the sentence limit);
- self: a file compared with itself (every sentence identical to its counterpart);
- prose: distinct sentences filling the character limit (about 118 characters each), the right
  side edited, moved and shuffled in places, so nothing is a cache or dedup hit;
- over: one paragraph more than accepted, 1,000,000 one-letter paragraphs (3 MB) on the left,
  which must be refused with a message, fast and small.

``lexical`` is ``--model /nonexistent`` (the fallback with 4,096-wide rows); ``model`` is the
bundled all-MiniLM-L6-v2 with the default backend. The target is under 2 GB for every case.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from viewer.engine.limits import MAX_SENTENCES
from viewer.services.documents import MAX_TEXT_CHARS

WORDS = ["council", "budget", "mayor", "district", "vote", "housing", "transport", "school", "water", "police", "report", "minister", "parliament", "election", "court", "judge", "company", "market", "price", "inflation", "energy", "climate", "health", "hospital", "doctor", "patient", "teacher", "student", "family", "street", "bridge", "river", "village", "harbour"]


def _letters(n: int, seed: int) -> str:
    rng = random.Random(seed)
    return "\n\n".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(n))


def _sentence(rng: random.Random, k: int, width: int) -> str:
    words = [f"Item {k}:"]
    while len(" ".join(words)) < width - 12:
        words.append(rng.choice(WORDS))
    return " ".join(words)[: width - 1] + "."


def _prose(n: int, seed: int, edit: bool) -> str:
    """``n`` distinct sentences, four a paragraph, filling but not passing the character limit."""
    width = (MAX_TEXT_CHARS - 2 * n) // n - 1
    rng = random.Random(seed)
    sentences = [_sentence(rng, k, width) for k in range(n)]
    if edit:
        edits = random.Random(seed + 1)
        for k in range(0, n, 7):
            sentences[k] = sentences[k].replace("Item", "Entry", 1)
        for k in range(0, n - 40, 997):  # a paragraph moved a little way
            block = sentences[k : k + 4]
            del sentences[k : k + 4]
            sentences[k + 30 : k + 30] = block
        edits.shuffle(sentences[n // 2 : n // 2 + 200])
    paragraphs = [" ".join(sentences[k : k + 4]) for k in range(0, n, 4)]
    return "\n\n".join(paragraphs)


def _inputs(case: str, folder: Path) -> tuple[Path, Path]:
    left, right = folder / f"{case}-left.txt", folder / f"{case}-right.txt"
    if case == "letters":
        left.write_text(_letters(MAX_SENTENCES, 1), encoding="utf-8")
        right.write_text(_letters(MAX_SENTENCES, 2), encoding="utf-8")
    elif case == "self":
        left.write_text(_prose(MAX_SENTENCES, 3, False), encoding="utf-8")
        right = left
    elif case == "prose":
        left.write_text(_prose(MAX_SENTENCES, 4, False), encoding="utf-8")
        right.write_text(_prose(MAX_SENTENCES, 4, True), encoding="utf-8")
    elif case == "over":
        left.write_text(_letters(1_000_000, 5), encoding="utf-8")
        right.write_text(_letters(10, 6), encoding="utf-8")
    else:
        raise SystemExit(f"unknown case {case!r}")
    return left, right


def _run(command: list[str], env: dict[str, str]) -> tuple[int, float, float, str]:
    """Exit status, peak RSS in MB, wall seconds and the last line of stderr of ``command``."""
    start = time.monotonic()
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        lines = err.read().decode("utf-8", "replace").strip().splitlines()
    return proc.returncode, usage.ru_maxrss / 1024, time.monotonic() - start, (lines or [""])[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cases", default="over,letters,self,prose")
    parser.add_argument("--modes", default="lexical,model")
    args = parser.parse_args()
    print(f"# {platform.node()} {platform.processor() or platform.machine()}, "
          f"{os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"# command: python bench/bench_memory.py --cases {args.cases} --modes {args.modes}")
    print(f"# limits: {MAX_SENTENCES:,} sentences and {MAX_TEXT_CHARS:,} characters a side")
    with tempfile.TemporaryDirectory(prefix="article-diff-bench-memory-") as tmp:
        folder = Path(tmp)
        env = dict(os.environ, PYTHONPATH=str(ROOT), ARTICLE_DIFF_HOME=str(folder / "home"))
        print(f"{'case':<8} {'mode':<8} {'exit':>4} {'peak RSS':>10} {'wall':>8}  load   last line")
        for case in args.cases.split(","):
            left, right = _inputs(case, folder)
            for mode in args.modes.split(","):
                command = [sys.executable, "-m", "viewer", "compare", str(left), str(right),
                           "-o", str(folder / "out.json"), "--no-cache"]
                if mode == "lexical":
                    command += ["--model", "/nonexistent-model"]
                status, peak, wall, last = _run(command, env)
                loadavg = f"{os.getloadavg()[0]:.1f}"
                print(f"{case:<8} {mode:<8} {status:>4} {peak:>7.0f} MB {wall:>7.1f}s  {loadavg:<5}  "
                      f"{last[:110]}", flush=True)


if __name__ == "__main__":
    main()
