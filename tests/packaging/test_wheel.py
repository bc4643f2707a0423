"""``pip install .`` gives a working app: the wheel carries viewer/resources/** and both entry
points, and installed into a fresh virtual environment it finds its assets and its model."""

from __future__ import annotations

import json
import os
import shutil
import site as python_site
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from viewer import __version__

ROOT = Path(__file__).resolve().parents[2]
RESOURCES = ROOT / "viewer" / "resources"


def _copy_sources(target: Path) -> Path:
    """What a source distribution holds, copied away from the shared checkout, so the build's
    own build/ and egg-info folders (and stale files in them) never touch it."""
    target.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, target / name)
    shutil.copytree(
        ROOT / "viewer", target / "viewer", ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
    )
    return target


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("wheel")
    src = _copy_sources(base / "src")
    out = base / "dist"
    # No build isolation: setuptools is already installed and the test must work offline.
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            str(src),
            "--no-deps",
            "--no-build-isolation",
            "--no-cache-dir",
            "-q",
            "-w",
            str(out),
        ],
        check=False,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    wheels = list(out.glob("article_diff-*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


def test_wheel_name_has_the_version(wheel: Path) -> None:
    assert wheel.name.startswith(f"article_diff-{__version__}-py3-none-any")


def test_wheel_contains_every_resource(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {
        p.relative_to(ROOT).as_posix()
        for p in RESOURCES.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }
    assert expected, "no resources in the checkout?"
    missing = sorted(expected - names)
    assert not missing, f"not in the wheel: {missing}"
    for required in (
        "viewer/resources/icons/article-diff.svg",
        "viewer/resources/icons/article-diff-256.png",
        "viewer/resources/fonts/DejaVuSansCondensed.ttf",
        "viewer/resources/fonts/LICENSE.txt",
        "viewer/resources/seeds/original.txt",
        "viewer/resources/seeds/rewrite.txt",
    ):
        assert required in names, required
    assert any(n.startswith("viewer/resources/styles/") and n.endswith(".qss") for n in names)


def test_wheel_contains_the_code_and_no_tests(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    for module in (
        "viewer/cli.py",
        "viewer/app.py",
        "viewer/engine/compare.py",
        "viewer/services/resources.py",
        "viewer/ui/about.py",
    ):
        assert module in names, module
    assert not any(n.startswith(("tests/", "packaging/", "bench/")) for n in names)
    assert not any("__pycache__" in n for n in names)


def test_wheel_declares_both_commands(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as zf:
        info = next(n for n in zf.namelist() if n.endswith(".dist-info/entry_points.txt"))
        text = zf.read(info).decode()
    assert "[console_scripts]\narticle-diff = viewer.cli:main" in text
    assert "[gui_scripts]\narticle-diff-gui = viewer.app:main" in text


@pytest.mark.slow
def test_installed_into_a_fresh_venv_runs_from_its_own_files(
    wheel: Path, tmp_path: Path, seeds: Path
) -> None:
    """``pip install --no-deps`` into a new venv that sees the dependencies of the Python running
    the tests (torch is not downloaded again); the venv's copy, not the checkout, must answer.

    The dependencies are wherever this interpreter finds them: its own site-packages when the
    suite runs from a venv (``--system-site-packages`` would only reach the base interpreter's),
    the system's otherwise. They are listed in a .pth file, which adds each folder to the new
    venv's path after its own site-packages; .pth files inside those folders are not run, so an
    editable install of the checkout there stays out of the new venv."""
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    own_site = next((venv / "lib").glob("python3*/site-packages"))
    dependencies = [p for p in python_site.getsitepackages() if Path(p).is_dir()]
    user_site = python_site.getusersitepackages()
    if python_site.ENABLE_USER_SITE and Path(user_site).is_dir():
        dependencies.append(user_site)
    (own_site / "running-pythons-packages.pth").write_text("\n".join(dependencies) + "\n")
    py = venv / "bin" / "python"
    done = subprocess.run(
        [str(py), "-m", "pip", "install", "--no-deps", "--no-index", "-q", str(wheel)],
        check=False,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "ARTICLE_DIFF_HOME": str(tmp_path / "h")}
    env.pop("PYTHONPATH", None)

    def run(*cmd: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            cmd, check=False, capture_output=True, text=True, timeout=600, env=env, cwd=tmp_path
        )

    probe = run(
        str(py),
        "-c",
        "import viewer, viewer.services.resources as r, viewer.services.samples as s;"
        "print(viewer.__file__); print(r.icon_path(256)); print(s.sample_pair()[0]);"
        "print(r.describe_installation())",
    )
    assert probe.returncode == 0, probe.stderr
    package, icon, sample, kind = probe.stdout.split("\n")[:4]
    site = str(venv)
    assert package.startswith(site), f"imported the checkout, not the wheel: {package}"
    assert icon.startswith(site) and Path(icon).is_file()
    assert sample.startswith(site) and Path(sample).is_file()
    assert kind == "installed"

    version = run(str(venv / "bin" / "article-diff"), "--version")
    assert version.returncode == 0 and version.stdout.strip() == f"article-diff {__version__}"
    gui_help = run(str(venv / "bin" / "article-diff-gui"), "--help")
    assert gui_help.returncode == 0 and "LEFT" in gui_help.stdout.upper()

    out = tmp_path / "pair.json"
    compared = run(
        str(venv / "bin" / "article-diff"),
        "compare",
        str(seeds / "original.txt"),
        str(seeds / "rewrite.txt"),
        "-o",
        str(out),
    )
    assert compared.returncode == 0, compared.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["model"]["semantic"] is True, (data["model"], compared.stderr)
    assert data["model"]["name"] == "all-MiniLM-L6-v2"
