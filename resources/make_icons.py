"""Render the application icon to the PNG sizes a Linux desktop asks for.

    python resources/make_icons.py            # writes viewer/resources/icons/
    python resources/make_icons.py --check    # exit 1 if the committed icons are out of date

The master is ``resources/article-diff.svg``; 16 and 24 pixels come from
``resources/article-diff-small.svg``, drawn on a 16-pixel grid so they stay crisp. The output is
``article-diff.svg`` (the master, for Qt and scalable icon themes) and ``article-diff-<N>.png``
(hicolor sizes). Rendering uses Qt's own SVG renderer (PySide6.QtSvg), offscreen.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    from PySide6.QtGui import QImage

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
MASTER = HERE / "article-diff.svg"
SMALL = HERE / "article-diff-small.svg"
OUT = ROOT / "viewer" / "resources" / "icons"
NAME = "article-diff"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
SMALL_UP_TO = 24
"""Sizes up to this one are rendered from the simplified drawing."""

# Qt's rasteriser takes different code paths on different CPUs (SIMD), so a fresh rendering of an
# unchanged SVG may differ from the committed PNG by a few levels along anti-aliased edges. An
# icon counts as up to date when its pixels differ, per channel (premultiplied, 0-255), by at
# most MEAN_TOLERANCE on average and by more than PIXEL_TOLERANCE in at most STRAY_SHARE of the
# pixels. A changed colour, shape or position differs by far more (see tests/packaging).
MEAN_TOLERANCE = 2.0
PIXEL_TOLERANCE = 24
STRAY_SHARE = 0.002


def source_for(size: int) -> Path:
    """The SVG drawn at ``size`` pixels."""
    return SMALL if size <= SMALL_UP_TO else MASTER


def render(svg: Path, size: int) -> QImage:
    """``svg`` rendered at ``size`` x ``size`` on transparency, as a QImage."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"make_icons: {svg} is not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    return image


def _pixels(image: QImage) -> np.ndarray:
    """``image`` as a height x width x 4 array of premultiplied RGBA bytes (so every fully
    transparent pixel is 0, whatever colour it was given)."""
    import numpy as np
    from PySide6.QtGui import QImage

    rgba = image.convertToFormat(QImage.Format.Format_RGBA8888_Premultiplied)
    rows = np.frombuffer(rgba.constBits(), np.uint8).reshape(rgba.height(), rgba.bytesPerLine())
    # a copy: the bytes belong to rgba, freed when this function returns
    return rows[:, : rgba.width() * 4].reshape(rgba.height(), rgba.width(), 4).copy()


def same_picture(a: QImage, b: QImage) -> bool:
    """Whether two renderings show the same picture, allowing for the rasteriser's differences
    between machines (see MEAN_TOLERANCE)."""
    import numpy as np

    if a.size() != b.size():
        return False
    diff = np.abs(_pixels(a).astype(np.int16) - _pixels(b).astype(np.int16))
    if float(diff.mean()) > MEAN_TOLERANCE:
        return False
    strays = int(np.count_nonzero(diff.max(axis=2) > PIXEL_TOLERANCE))
    return strays <= STRAY_SHARE * a.width() * a.height()


def make_icons(out: Path = OUT, *, check: bool = False) -> list[str]:
    """Write (or with ``check``, compare) every icon; returns the names that were out of date."""
    from PySide6.QtGui import QGuiApplication, QImage

    if QGuiApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        QGuiApplication([sys.argv[0]])  # kept alive by Qt as the instance
    stale: list[str] = []
    out.mkdir(parents=True, exist_ok=True)
    svg_target = out / f"{NAME}.svg"
    if not svg_target.is_file() or svg_target.read_bytes() != MASTER.read_bytes():
        stale.append(svg_target.name)
        if not check:
            shutil.copyfile(MASTER, svg_target)
    for size in SIZES:
        target = out / f"{NAME}-{size}.png"
        image = render(source_for(size), size)
        if target.is_file() and same_picture(QImage(str(target)), image):
            continue
        stale.append(target.name)
        if not check and not image.save(str(target), "PNG"):
            raise SystemExit(f"make_icons: could not write {target}")
    return stale


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="only report icons that differ from the SVG sources"
    )
    parser.add_argument("--out", type=Path, default=OUT, help=f"output folder (default {OUT})")
    args = parser.parse_args(argv)
    stale = make_icons(args.out, check=args.check)
    if args.check:
        if stale:
            print("out of date: " + ", ".join(stale) + " (run python resources/make_icons.py)")
            return 1
        print("icons are up to date")
        return 0
    print(f"wrote {len(stale)} file(s) to {args.out}" + (": " + ", ".join(stale) if stale else ""))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
