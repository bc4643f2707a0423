"""Entry point of the frozen (PyInstaller) build: the same ``article-diff`` command line.

``article-diff`` opens the window, ``article-diff compare A B`` compares without one; see
``viewer.cli``. One extra option exists only here, for checking a build on a machine without
a display (tests/packaging/test_frozen_smoke.py)::

    QT_QPA_PLATFORM=offscreen article-diff --smoke-test LEFT RIGHT [--screenshot PNG]

It opens the real window on the pair, waits for the comparison, opens Help > About, prints one
JSON line (model, counts, the About dialog's details) and exits: 0 when the sentence model did
the comparison, 2 when only the lexical fallback ran, 1 when no comparison arrived.
"""

import json
import multiprocessing
import sys

SMOKE = "--smoke-test"
SMOKE_TIMEOUT_MS = 300_000


def smoke_test(argv: list) -> int:
    """Open the window on two files, wait for the comparison, report it, quit."""
    import argparse

    parser = argparse.ArgumentParser(prog=f"article-diff {SMOKE}")
    parser.add_argument("left")
    parser.add_argument("right")
    parser.add_argument("--screenshot", help="save the window here as PNG once compared")
    args = parser.parse_args(argv)

    from PySide6.QtCore import QTimer

    from viewer.app import build_window, create_application
    from viewer.ui.about import AboutDialog

    app = create_application([])
    window = build_window([args.left, args.right])
    arrived = []

    def on_ready(comparison) -> None:  # type: ignore[no-untyped-def]
        arrived.append(comparison)
        QTimer.singleShot(0, app.quit)  # let the window paint the result first

    window.comparison_ready.connect(on_ready)
    QTimer.singleShot(SMOKE_TIMEOUT_MS, app.quit)
    app.exec()
    if not arrived:
        print(json.dumps({"ok": False, "error": "no comparison within the time limit"}))
        window.close()
        return 1
    comparison = arrived[0]
    if args.screenshot:
        window.grab().save(args.screenshot)
    about = AboutDialog(window, comparison.model)
    report = {
        "ok": True,
        "title": window.windowTitle(),
        "window_icon": not window.windowIcon().isNull(),
        "platform": app.platformName(),
        "model": {
            "name": comparison.model.name,
            "semantic": comparison.model.semantic,
            "path": comparison.model.path,
        },
        "left_sentences": len(comparison.left_sentences),
        "right_sentences": len(comparison.right_sentences),
        "groups": len(comparison.groups),
        "findings": len(comparison.findings),
        "about": about.details(),
    }
    about.deleteLater()
    window.close()
    print(json.dumps(report))
    return 0 if comparison.model.semantic else 2


if __name__ == "__main__":
    # torch and joblib may start helper processes; a frozen child must not rerun the app.
    multiprocessing.freeze_support()
    if sys.argv[1:2] == [SMOKE]:
        sys.exit(smoke_test(sys.argv[2:]))
    from viewer.cli import main

    sys.exit(main())
