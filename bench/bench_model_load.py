"""The model load, phase by phase, on the first launch (nothing kept: the model is exported to
ONNX and quantized) and on a later one (the kept file is opened).

    python bench/bench_model_load.py

Each launch runs in a fresh process with ``$ARTICLE_DIFF_HOME`` in a new temporary folder (the
second launch reuses the first one's), through the same ``make_model_switch`` the window calls,
timing the phases it reports (``viewer.engine.progress.MODEL_STEPS``). The window's progress bar
weights its steps with these figures (``viewer/ui/status.py``).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _one_launch() -> None:
    sys.path.insert(0, str(ROOT))
    start = time.perf_counter()
    marks: list[tuple[str, float]] = []

    def progress(phase: str, done: int, total: int) -> None:
        marks.append((phase, time.perf_counter()))

    from viewer.services.workflow import make_model_switch

    make_model_switch(progress=progress)
    end = time.perf_counter()
    times = [t for _, t in marks] + [end]
    print(f"  before the first phase (imports, config) {marks[0][1] - start:6.2f} s")
    for (phase, t), nxt in zip(marks, times[1:]):
        print(f"  {phase:40s} {nxt - t:6.2f} s")
    print(f"  {'total':40s} {end - start:6.2f} s")


def main() -> None:
    if "--one" in sys.argv:
        _one_launch()
        return
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"machine: {os.cpu_count()} cores, load {load:.1f}; command: python "
          "bench/bench_model_load.py")
    home = tempfile.mkdtemp(prefix="article-diff-bench-home-")
    env = dict(os.environ, ARTICLE_DIFF_HOME=home)
    for title in ("first launch (nothing kept)", "later launch"):
        print(title)
        subprocess.run([sys.executable, __file__, "--one"], env=env, check=True)


if __name__ == "__main__":
    main()
