"""The one-folder PyInstaller build in dist/article-diff/ runs on its own: the command line, every
reader and export, and the window (offscreen, and on X through Xvfb when it is installed).

Skipped unless the build exists: it takes minutes (``packaging/build.sh``), so it is not part of
the normal run. The build is compared with the checkout: the same sample pair must give the same
links, so a frozen app that silently lost its model (or a reader) fails here.
"""

from __future__ import annotations

import json
import os
import runpy
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from viewer import __version__

ROOT = Path(__file__).resolve().parents[2]
_digest = runpy.run_path(str(ROOT / "packaging" / "source_digest.py"))
source_digest, SOURCE_STAMP = _digest["source_digest"], _digest["FILE_NAME"]
APP_DIR = Path(os.environ.get("ARTICLE_DIFF_FROZEN", ROOT / "dist" / "article-diff"))
APP = APP_DIR / "article-diff"

pytestmark = pytest.mark.skipif(
    not APP.is_file(), reason=f"no frozen build at {APP_DIR} (run packaging/build.sh)"
)


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("frozen-home")


def _env(home: Path, **extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("PYTHON", "ARTICLE_DIFF_MODEL", "QT_PLUGIN", "LD_LIBRARY"))
    }
    env.update({"QT_QPA_PLATFORM": "offscreen", "ARTICLE_DIFF_HOME": str(home), **extra})
    return env


def run_app(
    home: Path, *args: str, cwd: Path | None = None, **env: str
) -> subprocess.CompletedProcess[str]:
    """Run the frozen executable from a folder outside the checkout (so nothing is imported
    from the source tree by accident)."""
    return subprocess.run(
        [str(APP), *args],
        check=False,
        capture_output=True,
        text=True,
        timeout=900,
        env=_env(home, **env),
        cwd=cwd or home,
    )


def test_bundle_holds_the_model_plugins_and_resources() -> None:
    internal = APP_DIR / "_internal"
    assert (internal / "model" / "modules.json").is_file()
    assert (internal / "model" / "model.safetensors").stat().st_size > 50_000_000
    plugins = next(internal.glob("PySide6/Qt/plugins"))
    assert (plugins / "platforms" / "libqoffscreen.so").is_file()
    assert (plugins / "platforms" / "libqxcb.so").is_file()
    assert list((plugins / "imageformats").glob("libqsvg*.so"))
    resources = internal / "viewer" / "resources"
    for rel in (
        "icons/article-diff.svg",
        "icons/article-diff-256.png",
        "fonts/DejaVuSansCondensed.ttf",
        "fonts/LICENSE.txt",
        "seeds/original.txt",
        "styles/comparison_view.qss",
    ):
        assert (resources / rel).is_file(), rel


def test_version(home: Path) -> None:
    done = run_app(home, "--version")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"article-diff {__version__}"


@pytest.fixture(scope="module")
def sample_json(home: Path, tmp_path_factory: pytest.TempPathFactory, seeds: Path) -> Any:
    """The frozen app's comparison of the sample pair, as JSON (run once for the module)."""
    out = tmp_path_factory.mktemp("frozen-json") / "pair.json"
    done = run_app(
        home, "compare", str(seeds / "original.txt"), str(seeds / "rewrite.txt"), "-o", str(out)
    )
    assert done.returncode == 0, done.stderr
    assert "warning" not in done.stderr.lower(), done.stderr  # no lexical-fallback notice
    return json.loads(out.read_text(encoding="utf-8"))


def test_compare_to_json_uses_the_bundled_model(sample_json: Any) -> None:
    model = sample_json["model"]
    assert model["semantic"] is True and model["name"] == "all-MiniLM-L6-v2"
    assert Path(model["path"]).resolve() == (APP_DIR / "_internal" / "model").resolve()
    summary = sample_json["summary"]
    assert summary["left_sentences"] == len(sample_json["left"]["sentences"]) > 10
    assert summary["right_sentences"] == len(sample_json["right"]["sentences"]) > 10
    # A rewrite of the same story: most of the original is linked to something.
    linked = {i for g in sample_json["groups"] for i in g["left"]}
    assert len(linked) >= summary["left_sentences"] * 0.6
    assert all(0.0 < link["similarity"] <= 1.0 for link in sample_json["links"])


def test_compare_runs_the_default_int8_backend(sample_json: Any, home: Path) -> None:
    """The default backend works frozen too: the model was exported and quantized into the
    user's cache (a missing module would make it fall back to float32 quietly)."""
    onnx_dir = home / "cache" / "onnx"
    assert list(onnx_dir.glob("*-int8ffn-*.onnx")), sorted(p.name for p in onnx_dir.glob("*"))
    assert sample_json["model"]["backend"] == "onnx-int8", sample_json["model"]
    assert sample_json["model"]["note"] == ""


def _built_from_this_checkout() -> bool:
    stamp = APP_DIR / "_internal" / SOURCE_STAMP
    return stamp.is_file() and stamp.read_text(encoding="ascii").strip() == source_digest(ROOT)


def test_compare_matches_the_checkout_it_was_built_from(
    sample_json: Any, sample_comparison: Any
) -> None:
    """Same code, same model, same links: freezing changes nothing about the result."""
    if not _built_from_this_checkout():
        pytest.skip(
            "viewer/ changed since the build (or the build has no source stamp): "
            "rebuild with packaging/build.sh to compare results"
        )
    from viewer.services.export_json import comparison_to_dict

    data, expected = sample_json, comparison_to_dict(sample_comparison)
    assert len(data["left"]["sentences"]) == len(expected["left"]["sentences"])
    assert len(data["right"]["sentences"]) == len(expected["right"]["sentences"])
    assert [(g["left"], g["right"], g["kind"]) for g in data["groups"]] == [
        (g["left"], g["right"], g["kind"]) for g in expected["groups"]
    ]
    assert [(f["kind"], f["left"], f["right"]) for f in data["findings"]] == [
        (f["kind"], f["left"], f["right"]) for f in expected["findings"]
    ]
    for got, want in zip(data["links"], expected["links"]):
        assert got["similarity"] == pytest.approx(want["similarity"], abs=1e-4)


def test_summary_on_the_terminal(home: Path, seeds: Path) -> None:
    done = run_app(home, "compare", str(seeds / "original.txt"), str(seeds / "rewrite.txt"))
    assert done.returncode == 0, done.stderr
    assert "original.txt" in done.stdout and "rewrite.txt" in done.stdout


def _write_inputs(folder: Path, seeds: Path) -> dict[str, Path]:
    """The sample original as HTML, Markdown, Word and PDF, made with the libraries here."""
    paragraphs = [
        p.strip()
        for p in (seeds / "original.txt").read_text(encoding="utf-8").split("\n\n")
        if p.strip()
    ]
    import html

    page = folder / "original.html"
    page.write_text(
        "<!doctype html><html><head><title>Article</title></head><body><article>"
        + "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
        + "</article></body></html>",
        encoding="utf-8",
    )
    md = folder / "original.md"
    md.write_text("# Article\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
    import docx

    word = folder / "original.docx"
    document = docx.Document()
    for p in paragraphs:
        document.add_paragraph(p)
    document.save(str(word))
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    pdf = folder / "original.pdf"
    style = getSampleStyleSheet()["BodyText"]
    SimpleDocTemplate(str(pdf), pagesize=A4).build(
        [Paragraph(html.escape(p), style) for p in paragraphs]
    )
    return {"html": page, "md": md, "docx": word, "pdf": pdf}


@pytest.mark.parametrize("fmt", ["html", "md", "docx", "pdf"])
def test_every_reader_works_frozen(home: Path, tmp_path: Path, seeds: Path, fmt: str) -> None:
    source = _write_inputs(tmp_path, seeds)[fmt]
    out = tmp_path / "out.json"
    done = run_app(home, "compare", str(source), str(seeds / "original.txt"), "-o", str(out))
    assert done.returncode == 0, done.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    # The same article on both sides: nearly everything is linked, little is added or omitted.
    summary = data["summary"]
    assert summary["right_sentences"] >= 15
    assert len(data["added"]) <= 2, data["added"]


@pytest.mark.parametrize("ext", ["pdf", "html"])
def test_exports_work_frozen(home: Path, tmp_path: Path, seeds: Path, ext: str) -> None:
    out = tmp_path / f"report.{ext}"
    done = run_app(
        home, "compare", str(seeds / "original.txt"), str(seeds / "rewrite.txt"), "-o", str(out)
    )
    assert done.returncode == 0, done.stderr
    head = out.read_bytes()[:64]
    if ext == "pdf":
        assert head.startswith(b"%PDF-")
    else:
        assert head.lower().startswith(b"<!doctype html>")


def test_bad_input_is_a_message_not_a_traceback(home: Path, tmp_path: Path, seeds: Path) -> None:
    done = run_app(home, "compare", str(tmp_path / "missing.txt"), str(seeds / "rewrite.txt"))
    assert done.returncode == 1
    assert "missing.txt" in done.stderr
    assert "Traceback" not in done.stderr


def _gui_smoke(home: Path, seeds: Path, shot: Path, *wrapper: str, **env: str) -> Any:
    cmd = [
        *wrapper,
        str(APP),
        "--smoke-test",
        str(seeds / "original.txt"),
        str(seeds / "rewrite.txt"),
        "--screenshot",
        str(shot),
    ]
    done = subprocess.run(
        cmd,
        check=False,
        capture_output=True,
        text=True,
        timeout=900,
        env=_env(home, **env),
        cwd=home,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["ok"] is True
    assert report["model"]["semantic"] is True
    assert report["title"] == "Article Diff — original.txt ↔ rewrite.txt"
    assert report["window_icon"] is True
    assert report["left_sentences"] > 10 and report["groups"] > 5
    about = report["about"]
    assert "Installation: frozen" in about
    assert "not installed" not in about, about  # package metadata travelled with the build
    assert shot.is_file() and shot.stat().st_size > 20_000
    return report


def test_window_compares_offscreen(home: Path, tmp_path: Path, seeds: Path) -> None:
    report = _gui_smoke(home, seeds, tmp_path / "window.png")
    assert report["platform"] == "offscreen"


@pytest.mark.skipif(shutil.which("xvfb-run") is None, reason="xvfb-run is not installed")
def test_window_compares_on_x11(home: Path, tmp_path: Path, seeds: Path) -> None:
    """The xcb platform plugin and its libraries load from the bundle, as on a desktop."""
    report = _gui_smoke(
        home,
        seeds,
        tmp_path / "window-x11.png",
        "xvfb-run",
        "-a",
        "-s",
        "-screen 0 1600x1000x24",
        QT_QPA_PLATFORM="xcb",
    )
    assert report["platform"] == "xcb"
