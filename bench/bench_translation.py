"""Translations: the multilingual encoder's speed against the English one, and how long a
60-sentence English/German pair takes to appear in the window with the models loaded.

    python bench/bench_translation.py [--runs 3]

Prints sentences per second for each encoder (no cache, the same 240 sentences), then for the
window: from asking for the comparison (texts already read, models loaded, empty embedding
cache) to the comparison painted in the panes.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATA = ROOT / "tests" / "data" / "translation"


def _machine() -> str:
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return f"{os.cpu_count()} cores, load {load:.1f}"


def _texts(name: str, copies: int) -> str:
    text = (DATA / name).read_text(encoding="utf-8")
    # numbered copies, so that no sentence repeats (the cache would hide the work)
    return "\n\n".join(text.replace(".", f" ({k + 1}).", 1) for k in range(copies))


def encoders(runs: int) -> None:
    from viewer.engine.embed import load_embedder
    from viewer.engine.multilingual import MultilingualEmbedder
    from viewer.engine.segment import split_text
    from viewer.services.config import embed_config, prepare_libraries

    sentences = [s.text for s in split_text(_texts("de.txt", 14), language="de")][:240]
    prepare_libraries()
    english = load_embedder(embed_config()).inner
    multilingual = MultilingualEmbedder()
    multilingual.load()
    for name, model in (("english (all-MiniLM-L6-v2, onnx-int8)", english),
                        ("multilingual (USE v3, numpy)", multilingual)):
        rates = []
        for _ in range(runs):
            t0 = time.perf_counter()
            model.encode(sentences)
            rates.append(len(sentences) / (time.perf_counter() - t0))
        print(f"{name:40s} {statistics.median(rates):7.0f} sentences/s "
              f"(runs: {', '.join(f'{r:.0f}' for r in rates)})")


def window(runs: int) -> None:
    os.environ["ARTICLE_DIFF_HOME"] = tempfile.mkdtemp()
    from PySide6.QtWidgets import QApplication

    from viewer.services.documents import read_document
    from viewer.services.workflow import make_model_switch, split_document

    app = QApplication.instance() or QApplication(sys.argv)
    from viewer.app import build_window

    switch = make_model_switch()
    switch.multilingual()  # "with the model loaded"
    w = build_window([], embedder_factory=lambda: switch)
    w.resize(1400, 900)
    w.comparing.runner.load_model()
    while w.comparing.runner.embedder is None:
        app.processEvents()
    times = []
    for run in range(runs):
        tmp = Path(tempfile.mkdtemp())
        left_path, right_path = tmp / "en.txt", tmp / "de.txt"
        left_path.write_text(_texts("en.txt", 4).replace("(", f"[{run}] ("), encoding="utf-8")
        right_path.write_text(_texts("de.txt", 4).replace("(", f"[{run}] ("), encoding="utf-8")
        left, right = read_document(left_path), read_document(right_path)
        ls, rs = split_document(left), split_document(right)
        done: list[object] = []
        w.comparison_ready.connect(done.append)
        t0 = time.perf_counter()
        w.comparing.runner.request(left, right, sensitivity=0.5, left_sentences=ls,
                                   right_sentences=rs)
        while not done:
            app.processEvents()
        # the runner's result goes to the session, which repaints: wait for the paint
        w.comparing.session.set_comparison(done[0])  # type: ignore[arg-type]
        w.repaint()
        times.append(time.perf_counter() - t0)
        w.comparison_ready.disconnect(done.append)
        print(f"  run {run + 1}: {len(ls)} + {len(rs)} sentences, "
              f"{done[0].model.name}: on screen after {times[-1]:.2f} s")  # type: ignore[attr-defined]
    print(f"60-sentence en/de pair on screen, models loaded: median {statistics.median(times):.2f} s")
    w.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(f"bench_translation on {_machine()}: python bench/bench_translation.py --runs {args.runs}")
    encoders(args.runs)
    window(args.runs)


if __name__ == "__main__":
    main()
