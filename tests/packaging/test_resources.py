"""viewer.services.resources in a checkout and in a (simulated) frozen build; the committed icons;
the PyInstaller runtime hook that points the frozen app at its model."""

from __future__ import annotations

import os
import runpy
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pytest

from viewer.engine.embed import default_model_path
from viewer.services import resources
from viewer.services.config import MODEL_ENV
from viewer.services.resources import (
    ICON_SIZES,
    ResourceMissing,
    bundled_model_path,
    describe_installation,
    frozen_root,
    icon_path,
    require_resource,
    resource_path,
)

if TYPE_CHECKING:
    from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parents[2]
PACKAGE_RESOURCES = ROOT / "viewer" / "resources"


def _freeze(monkeypatch: pytest.MonkeyPatch, root: Path) -> None:
    """Make this process look like a PyInstaller build unpacked in ``root``."""
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(root), raising=False)


def _clear_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """Unset what the runtime hook sets, so that it is restored (or removed) after the test:
    monkeypatch.delenv alone does not record a variable that was not set."""
    for name in (MODEL_ENV, "HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE", "TOKENIZERS_PARALLELISM"):
        monkeypatch.setenv(name, "")
        monkeypatch.delenv(name)


def _fake_bundle(tmp_path: Path) -> Path:
    root = tmp_path / "_internal"
    (root / "viewer" / "resources" / "icons").mkdir(parents=True)
    (root / "viewer" / "resources" / "icons" / "article-diff.svg").write_text("<svg/>")
    (root / "model").mkdir()
    (root / "model" / "modules.json").write_text("[]")
    return root


def test_checkout_paths_are_the_package_folder() -> None:
    assert frozen_root() is None
    assert resource_path() == PACKAGE_RESOURCES
    assert resource_path("seeds", "original.txt") == PACKAGE_RESOURCES / "seeds" / "original.txt"
    assert require_resource("fonts", "LICENSE.txt").is_file()
    assert require_resource("styles").is_dir()
    assert describe_installation() == "checkout"


def test_missing_and_unsafe_names() -> None:
    with pytest.raises(ResourceMissing, match="icons/nope.png"):
        require_resource("icons", "nope.png")
    for bad in ("..", "../pyproject.toml", "/etc/passwd"):
        with pytest.raises(ValueError):
            resource_path(bad)
    with pytest.raises(ValueError, match="no 20px icon"):
        icon_path(20)


def test_frozen_build_reads_from_meipass(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _fake_bundle(tmp_path)
    _freeze(monkeypatch, root)
    assert frozen_root() == root
    assert icon_path() == root / "viewer" / "resources" / "icons" / "article-diff.svg"
    assert icon_path().read_text() == "<svg/>"
    assert bundled_model_path() == root / "model"
    assert describe_installation() == "frozen"


def test_frozen_build_without_a_model_falls_back_to_the_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _fake_bundle(tmp_path)
    (root / "model" / "modules.json").unlink()
    _freeze(monkeypatch, root)
    assert bundled_model_path() == default_model_path()


def test_not_frozen_uses_the_installed_model_package() -> None:
    path = bundled_model_path()
    assert path is not None and path == default_model_path()
    assert (path / "modules.json").is_file()


@pytest.mark.parametrize("size", ICON_SIZES)
def test_committed_png_icons_have_their_size(qapp, size: int) -> None:
    from PySide6.QtGui import QImage

    image = QImage(str(icon_path(size)))
    assert not image.isNull(), icon_path(size)
    assert (image.width(), image.height()) == (size, size)
    assert image.hasAlphaChannel()
    # Transparent corners (a rounded tile) and an opaque middle: a real drawing, not a blank.
    assert image.pixelColor(0, 0).alpha() == 0
    assert image.pixelColor(size // 2, size // 2).alpha() == 255


def test_svg_icon_renders(qapp) -> None:
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(icon_path()))
    assert renderer.isValid()
    assert renderer.defaultSize().width() == renderer.defaultSize().height() == 512


def test_icons_are_up_to_date_with_their_svg_sources() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "resources" / "make_icons.py"), "--check"],
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert done.returncode == 0, done.stdout + done.stderr


def _make_icons_module() -> dict[str, Any]:
    return runpy.run_path(str(ROOT / "resources" / "make_icons.py"), run_name="make_icons")


def _perturbed(image: QImage, change: Callable[[np.ndarray], np.ndarray]) -> QImage:
    """``image`` with its premultiplied RGBA bytes passed through ``change``."""
    from PySide6.QtGui import QImage

    rgba = image.convertToFormat(QImage.Format.Format_RGBA8888_Premultiplied)
    rows = np.frombuffer(rgba.constBits(), np.uint8).reshape(rgba.height(), rgba.bytesPerLine())
    pixels = rows[:, : rgba.width() * 4].reshape(rgba.height(), rgba.width(), 4).astype(np.int16)
    out = np.clip(change(pixels), 0, 255).astype(np.uint8)
    out[..., :3] = np.minimum(out[..., :3], out[..., 3:4])  # stay premultiplied
    return QImage(out.tobytes(), rgba.width(), rgba.height(), rgba.width() * 4,
                  QImage.Format.Format_RGBA8888_Premultiplied).copy()


@pytest.mark.parametrize("size", [32, 256, 512])
def test_icon_check_allows_the_rasterisers_differences_but_not_a_changed_drawing(
    qapp, tmp_path: Path, size: int
) -> None:
    from PySide6.QtGui import QImage

    icons = _make_icons_module()
    same, render = icons["same_picture"], icons["render"]
    master = Path(icons["source_for"](size))
    committed = QImage(str(icon_path(size)))
    assert same(committed, render(master, size))
    rng = np.random.default_rng(size)
    # a few levels off wherever the picture is not flat: what another CPU's rasteriser does
    jitter = _perturbed(committed, lambda p: p + rng.integers(-2, 3, p.shape) * (p[..., 3:4] > 0))
    assert same(committed, jitter)
    # stale: the omitted line's red turned grey, the tile's blue changed, the drawing moved
    for old, new in (("#e58a8a", "#c3c8d0"), ("#2f6fdf", "#2f9fdf")):
        changed = tmp_path / "changed.svg"
        changed.write_text(master.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
        assert not same(committed, render(changed, size)), (old, new)
    assert not same(committed, _perturbed(committed, lambda p: np.roll(p, 2, axis=1)))


def test_make_icons_writes_every_size(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "resources" / "make_icons.py"), "--out", str(tmp_path)],
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert done.returncode == 0, done.stderr
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == sorted(["article-diff.svg", *(f"article-diff-{s}.png" for s in ICON_SIZES)])


RTHOOK = ROOT / "packaging" / "rthook_model.py"


def test_runtime_hook_points_at_the_bundled_model(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _fake_bundle(tmp_path)
    monkeypatch.setattr(sys, "_MEIPASS", str(root), raising=False)
    _clear_env(monkeypatch)
    runpy.run_path(str(RTHOOK))
    assert os.environ[MODEL_ENV] == str(root / "model")
    assert os.environ["HF_HUB_OFFLINE"] == "1"
    from viewer.services.config import model_path

    assert model_path() == root / "model"


def test_runtime_hook_keeps_the_users_choice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _fake_bundle(tmp_path)
    monkeypatch.setattr(sys, "_MEIPASS", str(root), raising=False)
    _clear_env(monkeypatch)
    monkeypatch.setenv(MODEL_ENV, "/srv/models/mine")
    runpy.run_path(str(RTHOOK))
    assert os.environ[MODEL_ENV] == "/srv/models/mine"


def test_runtime_hook_without_a_bundled_model_sets_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _fake_bundle(tmp_path)
    (root / "model" / "modules.json").unlink()
    monkeypatch.setattr(sys, "_MEIPASS", str(root), raising=False)
    _clear_env(monkeypatch)
    runpy.run_path(str(RTHOOK))
    assert MODEL_ENV not in os.environ


def test_module_has_no_qt() -> None:
    """The command line uses it too: importing it must not pull in Qt."""
    code = (
        "import sys, viewer.services.resources as r; r.resource_path('icons'); "
        "r.bundled_model_path(); print(any(m.startswith('PySide6') for m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        check=False,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert out.stdout.strip() == "False", out.stderr
    assert resources.__name__ == "viewer.services.resources"


def test_runtime_hook_tests_leave_the_environment_as_they_found_it() -> None:
    """Runs after the hook tests: the fake model folder must not leak into later tests."""
    assert "_internal" not in os.environ.get(MODEL_ENV, "")
