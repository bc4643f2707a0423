"""The composition root: the QApplication, the settings, the main window, and ``main``.

``article-diff [LEFT [RIGHT]]`` and ``python -m viewer`` arrive here through
``viewer.cli.open_window``. The window is shown and painted first; the files are opened on the
next turn of the event loop and the model loads in the background, so nothing waits for
PyTorch.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from . import __version__
from .services.terminal import SafeArgumentParser, terminal_safe

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from .engine.embed import Embedder
    from .engine.embed_config import EmbedConfig
    from .engine.progress import Progress
    from .services.settings import LoadedSettings
    from .ui.main_window import MainWindow


def _parse(argv: Sequence[str]) -> argparse.Namespace:
    parser = SafeArgumentParser(
        prog="article-diff",
        description="Open the Article Diff window, optionally with the original (LEFT) and "
        "the rewrite (RIGHT).",
    )
    parser.add_argument("left", nargs="?", help="the original article")
    parser.add_argument("right", nargs="?", help="the rewrite")
    # Qt's own options (-style, -platform, ...) are left for QApplication.
    args, _rest = parser.parse_known_args(list(argv))
    return args


def create_application(argv: Sequence[str]) -> QApplication:
    """The QApplication (an existing one is reused), named so Qt and the desktop know it."""
    from .ui.theme import guard_singleton_refcounts

    guard_singleton_refcounts()  # PySide6 6.12 on CPython < 3.12: see viewer.ui.theme
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    QCoreApplication.setApplicationName("Article Diff")
    QCoreApplication.setOrganizationName("article-diff")
    QCoreApplication.setApplicationVersion(__version__)
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(["article-diff", *argv])
    app.setStyle("Fusion")  # honours the light/dark palettes on every platform
    app.setDesktopFileName("article-diff")
    return app


def embedder_factory_for(config: EmbedConfig) -> Callable[[], Embedder]:
    """Builds the embedder ``config`` describes (slow: called once, in the background)."""

    def make(progress: Progress | None = None) -> Embedder:
        from .services.workflow import make_model_switch

        return make_model_switch(config=config, progress=progress)

    return make


def build_window(paths: Sequence[str] = (), *,
                 embedder_factory: Callable[[], Embedder] | None = None,
                 config: EmbedConfig | None = None,
                 loaded: LoadedSettings | None = None) -> MainWindow:
    """Make the window, show it, then open ``paths`` and load the model.

    ``loaded`` defaults to the saved settings. The model is ``embedder_factory``'s, else the
    one ``config`` describes, else the one the settings and the environment name
    (``viewer.services.config.embed_config``, which raises ``UnknownBackendError``).
    The caller owns the QApplication and its event loop (tests use this directly).
    """
    from PySide6.QtCore import QTimer

    from .services.config import embed_config
    from .services.language_process import install_language_process
    from .services.settings import load_settings
    from .ui.main_window import MainWindow

    # lingua holds the GIL while it loads its models: detect in a child process, started
    # now so that it is ready by the time the first file is read.
    install_language_process()
    loaded = loaded or load_settings()
    if embedder_factory is None:
        config = config or embed_config(loaded.settings.model_folder or None)
        embedder_factory = embedder_factory_for(config)
    window = MainWindow(loaded, embedder_factory=embedder_factory)
    window.show()

    def start() -> None:
        window.start_model_loading()
        if len(paths) == 1 and str(paths[0]).lower().endswith(".adiff"):
            window.review.files.open_review(str(paths[0]))  # article-diff REVIEW.adiff
        else:
            window.open_paths(list(paths))

    QTimer.singleShot(0, start)
    return window


def _no_display() -> bool:
    """True on Linux/BSD when there is no screen to open a window on (and no platform forced)."""
    if not sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return False
    if os.environ.get("QT_QPA_PLATFORM"):
        return False
    return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def main(argv: Sequence[str] | None = None) -> int:
    """Run the window until it closes; returns the exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    args = _parse(argv)
    if _no_display():
        print(
            "article-diff: there is no display to open the window on. Run it in a desktop "
            "session, or on a server under a virtual screen: xvfb-run -a article-diff "
            f"{terminal_safe(' '.join(argv))}\nTo compare without a window: article-diff "
            "compare LEFT RIGHT (add -o out.pdf, .html or .json for a file).",
            file=sys.stderr,
        )
        return 2
    from .services.config import UnknownBackendError, embed_config
    from .services.settings import load_settings

    loaded = load_settings()
    try:
        config = embed_config(loaded.settings.model_folder or None)
    except UnknownBackendError as exc:
        print(terminal_safe(f"article-diff: {exc} (set in $ARTICLE_DIFF_BACKEND)"), file=sys.stderr)
        return 2
    paths = [p for p in (args.left, args.right) if p]
    app = create_application([a for a in argv if a not in paths])
    from .ui.crash import CrashReporter, setup_logging

    setup_logging()
    reporter = CrashReporter(app).install()
    window = build_window(paths, config=config, loaded=loaded)
    from .ui.interrupt import InterruptCloser

    closer = InterruptCloser(window).install()  # Ctrl+C closes the window, asking as usual
    status = int(app.exec())
    closer.uninstall()
    reporter.uninstall()
    del window
    return status


if __name__ == "__main__":
    raise SystemExit(main())
