"""Start-up: how soon the window is painted, and how soon the comparison is on screen.

    python bench/bench_startup.py [LEFT RIGHT] [--runs 3] [--xvfb] [--importtime]
                                  [--backend onnx|torch]

Launches the real app as a subprocess on the sample pair (offscreen Qt, or a real X server
under xvfb-run with ``--xvfb``) and prints, from the moment the process is started:

* first paint: the main window's first paint event;
* comparison shown: ``MainWindow.comparison_ready`` (the panes hold the comparison).

Three situations, each ``--runs`` times (best and median shown):

* first launch: a new home (no settings, no embedding cache, no exported ONNX model);
* model cached: the exported model kept, the embedding cache emptied (a new pair of files);
* warm: everything kept (the same pair opened again).

How the times are taken: if the app honours ``ARTICLE_DIFF_TRACE=1`` (lines
``article-diff-trace EVENT UNIX_TIME`` on stderr, events ``first-paint`` and
``comparison-shown``) the real ``article-diff`` command is timed. Otherwise a small launcher
does what ``viewer.app.main`` does (``create_application``, ``build_window``, ``exec``) with
an application event filter catching the first paint of the main window and a slot on
``comparison_ready``; the result says which way was used.

``--importtime`` also lists the slowest imports of ``viewer.app`` and the window module
(``python -X importtime``), and the heavy packages already imported at first paint.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TRACE = "article-diff-trace"
HEAVY = ("torch", "sentence_transformers", "transformers", "onnxruntime", "onnx", "tokenizers",
         "scipy", "numpy", "pysbd", "diff_match_patch", "reportlab", "trafilatura", "lxml",
         "docx", "pypdf", "fitz", "markdown_it", "charset_normalizer", "sqlite3",
         "PySide6.QtPrintSupport", "PySide6.QtSvg", "platformdirs")

LAUNCHER = r"""
import os, sys, time
sys.path.insert(0, os.environ["BENCH_ROOT"])
from PySide6.QtCore import QEvent, QObject, QTimer
from viewer import app as appmod

def trace(event):
    print(f"article-diff-trace {event} {time.time():.6f}", file=sys.stderr, flush=True)

paths = sys.argv[1:]
qapp = appmod.create_application([])

class FirstPaint(QObject):
    window = None
    seen = False
    def eventFilter(self, obj, event):
        if not self.seen and event.type() == QEvent.Type.Paint and self.window is not None \
                and obj.isWidgetType() and obj.window() is self.window:
            self.seen = True
            trace("first-paint")
            heavy = [m for m in os.environ["BENCH_HEAVY"].split(",") if m in sys.modules]
            print("article-diff-modules " + ",".join(heavy), file=sys.stderr, flush=True)
        return False

spy = FirstPaint()
qapp.installEventFilter(spy)
from viewer.ui.main_window import MainWindow
original_show = MainWindow.show
def show(self):
    spy.window = self
    trace("window-shown")
    original_show(self)
MainWindow.show = show
window = appmod.build_window(paths)
def shown(comparison):
    trace("comparison-shown")
    QTimer.singleShot(0, qapp.quit)
window.comparison_ready.connect(shown)
QTimer.singleShot(120_000, qapp.quit)
qapp.exec()
"""


def app_has_trace() -> bool:
    """Whether the app itself writes trace lines (then the real command is timed)."""
    for f in (ROOT / "viewer").rglob("*.py"):
        if "ARTICLE_DIFF_TRACE" in f.read_text(encoding="utf-8", errors="replace"):
            return True
    return False


def launch(left: Path, right: Path, home: Path, *, real: bool, xvfb: bool, backend: str,
           timeout: float = 180.0) -> dict[str, float | str]:
    """One launch: seconds from process start to each traced event."""
    env = {**os.environ, "ARTICLE_DIFF_HOME": str(home), "ARTICLE_DIFF_TRACE": "1",
           "BENCH_ROOT": str(ROOT), "BENCH_HEAVY": ",".join(HEAVY), "PYTHONWARNINGS": "ignore"}
    if backend:
        env["ARTICLE_DIFF_BACKEND"] = backend
    if xvfb:
        env.pop("QT_QPA_PLATFORM", None)
        prefix = ["xvfb-run", "-a", "-s", "-screen 0 1600x1000x24"]
    else:
        env["QT_QPA_PLATFORM"] = "offscreen"
        prefix = []
    if real:
        exe = shutil.which("article-diff")
        cmd = [exe] if exe else [sys.executable, "-m", "viewer"]
    else:
        cmd = [sys.executable, "-c", LAUNCHER]
    start = time.time()
    proc = subprocess.Popen([*prefix, *cmd, str(left), str(right)], env=env, cwd=ROOT,
                            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    out: dict[str, float | str] = {}
    assert proc.stderr is not None
    tail: list[str] = []
    try:
        for line in proc.stderr:
            tail = (tail + [line])[-40:]
            if line.startswith(TRACE):
                _, event, stamp = line.split()
                out[event] = float(stamp) - start
                if event == "comparison-shown":
                    break
            elif line.startswith("article-diff-modules"):
                out["modules"] = line.split(" ", 1)[1].strip()
            if time.time() - start > timeout:
                break
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
    if "comparison-shown" not in out:
        raise SystemExit("the app did not show a comparison:\n" + "".join(tail))
    return out


def import_times() -> list[tuple[int, str]]:
    """(cumulative microseconds, module) of the slowest imports before the window shows."""
    code = "import viewer.app, viewer.ui.main_window, viewer.services.settings"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.run([sys.executable, "-X", "importtime", "-c", code], cwd=ROOT, env=env,
                          capture_output=True, text=True, check=False)
    rows = []
    for line in proc.stderr.splitlines():
        m = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|(\s*)(\S+)", line)
        if m and len(m.group(3)) <= 3:  # top-level and first-level imports
            rows.append((int(m.group(2)), m.group(3).replace(" ", ".") + m.group(4)))
    return sorted(rows, reverse=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("left", nargs="?", default=str(ROOT / "seeds" / "original.txt"))
    ap.add_argument("right", nargs="?", default=str(ROOT / "seeds" / "rewrite.txt"))
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--xvfb", action="store_true", help="a real X server instead of offscreen")
    ap.add_argument("--importtime", action="store_true")
    ap.add_argument("--backend", default="", help="onnx or torch (default: the app's)")
    a = ap.parse_args()
    real = app_has_trace()
    load = "{:.1f}/{:.1f}/{:.1f}".format(*os.getloadavg())
    print(f"bench_startup: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}, load {load}, "
          f"{'xvfb' if a.xvfb else 'offscreen'} Qt, backend {a.backend or 'default'}")
    print(f"command: python {' '.join(sys.argv)}")
    print("timed: " + ("the real article-diff command (ARTICLE_DIFF_TRACE=1)" if real else
                       "a launcher doing what viewer.app.main does, with a paint event filter "
                       "(the app has no ARTICLE_DIFF_TRACE hook yet)"))
    work = Path(tempfile.mkdtemp(prefix="bench-startup-"))
    results: dict[str, list[dict[str, float | str]]] = {}
    try:
        for run in range(a.runs):
            home = work / f"home-{run}"
            results.setdefault("first launch", []).append(
                launch(Path(a.left), Path(a.right), home, real=real, xvfb=a.xvfb, backend=a.backend))
            cache = home / "cache" / "embeddings.sqlite3"
            if cache.exists():
                cache.unlink()
            results.setdefault("model cached", []).append(
                launch(Path(a.left), Path(a.right), home, real=real, xvfb=a.xvfb, backend=a.backend))
            results.setdefault("warm", []).append(
                launch(Path(a.left), Path(a.right), home, real=real, xvfb=a.xvfb, backend=a.backend))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"\nseconds from launch ({a.runs} runs: best / median)")
    print(f"  {'situation':<14} {'window shown':>14} {'first paint':>14} {'comparison shown':>18}")
    for name, runs in results.items():
        cells = []
        for event in ("window-shown", "first-paint", "comparison-shown"):
            v = [float(r[event]) for r in runs if event in r]
            cells.append(f"{min(v):5.2f} / {statistics.median(v):5.2f}" if v else "n/a")
        print(f"  {name:<14} {cells[0]:>14} {cells[1]:>14} {cells[2]:>18}")
    modules = results["warm"][0].get("modules", "")
    print(f"\nheavy packages imported at first paint: {modules or 'none of ' + ', '.join(HEAVY)}")
    if a.importtime:
        print("\nslowest imports of viewer.app + viewer.ui.main_window (python -X importtime, "
              "cumulative ms):")
        for us, name in import_times()[:20]:
            print(f"  {us / 1000:8.1f}  {name}")
    print(f"\nload average at the end: {'{:.1f}/{:.1f}/{:.1f}'.format(*os.getloadavg())}")


if __name__ == "__main__":
    main()
