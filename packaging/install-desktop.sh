#!/usr/bin/env bash
# Add Article Diff to the desktop's application menu (or take it out again).
#
#   install-desktop.sh [--system] [--exec COMMAND] [--uninstall]
#
# Installs the launcher (article-diff.desktop), the icons (hicolor theme, 16 to 512 px and SVG)
# and the AppStream metadata, then refreshes the desktop's caches. By default for the current
# user under ~/.local; with --system for everyone under /usr/local (run it with sudo).
#
# The launcher runs COMMAND, written into it as an absolute path (a desktop session's PATH often
# lacks ~/.local/bin). The default: the article-diff next to this script (a built folder such as
# /opt/article-diff), else the article-diff on PATH (pip install). A link to it is also put in the
# bin folder, so `article-diff` works in a terminal.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PREFIX="${XDG_DATA_HOME:-$HOME/.local/share}"
BIN="$HOME/.local/bin"
EXEC=""
UNINSTALL=0

while [ $# -gt 0 ]; do
    case "$1" in
        --system) PREFIX=/usr/local/share; BIN=/usr/local/bin ;;
        --exec) EXEC="${2:?--exec needs a command}"; shift ;;
        --uninstall) UNINSTALL=1 ;;
        -h|--help) sed -n '2,14s/^# \{0,1\}//p' "$0"; exit 0 ;;
        *) echo "install-desktop.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
    esac
    shift
done

# Where the files to install are: beside this script in a built folder (share/), or in a checkout.
if [ -f "$HERE/share/article-diff.desktop" ]; then
    DESKTOP="$HERE/share/article-diff.desktop"
    METAINFO="$HERE/share/io.github.article_diff.ArticleDiff.metainfo.xml"
    ICONS="$HERE/share/icons"
else
    DESKTOP="$HERE/article-diff.desktop"
    METAINFO="$HERE/io.github.article_diff.ArticleDiff.metainfo.xml"
    ICONS="$HERE/../viewer/resources/icons"
fi
SIZES="16 24 32 48 64 128 256 512"
APPS="$PREFIX/applications"
HICOLOR="$PREFIX/icons/hicolor"
META="$PREFIX/metainfo"

refresh() {
    if command -v update-desktop-database >/dev/null; then update-desktop-database -q "$APPS" || true; fi
    if command -v gtk-update-icon-cache >/dev/null && [ -f "$HICOLOR/index.theme" ]; then
        gtk-update-icon-cache -q -t "$HICOLOR" || true
    fi
}

if [ "$UNINSTALL" = 1 ]; then
    rm -f "$APPS/article-diff.desktop" "$META/io.github.article_diff.ArticleDiff.metainfo.xml" \
          "$HICOLOR/scalable/apps/article-diff.svg"
    for s in $SIZES; do rm -f "$HICOLOR/${s}x${s}/apps/article-diff.png"; done
    if [ -L "$BIN/article-diff" ]; then rm -f "$BIN/article-diff"; fi
    refresh
    echo "Article Diff removed from the application menu ($PREFIX)."
    exit 0
fi

if [ -z "$EXEC" ]; then
    if [ -x "$HERE/article-diff" ] && [ ! -d "$HERE/article-diff" ]; then
        EXEC="$HERE/article-diff"
    elif command -v article-diff >/dev/null; then
        EXEC="$(command -v article-diff)"
    else
        echo "install-desktop.sh: no article-diff command found; pass --exec /path/to/article-diff" >&2
        exit 1
    fi
fi
case "$EXEC" in
    /*) ;;
    *) EXEC="$(cd "$(dirname "$EXEC")" && pwd)/$(basename "$EXEC")" ;;
esac
for f in "$DESKTOP" "$METAINFO" "$ICONS/article-diff.svg"; do
    [ -f "$f" ] || { echo "install-desktop.sh: missing $f" >&2; exit 1; }
done

mkdir -p "$APPS" "$META" "$HICOLOR/scalable/apps"
# The launcher, with the command as an absolute path, quoted as the desktop-entry spec asks:
# inside double quotes \ " ` $ take a backslash, and string escaping doubles every backslash.
arg="${EXEC//\\/\\\\\\\\}"
for c in '"' '`' '$'; do arg="${arg//"$c"/\\\\$c}"; done
while IFS= read -r line || [ -n "$line" ]; do
    case "$line" in
        "Exec=article-diff"*) printf 'Exec="%s"%s\n' "$arg" "${line#Exec=article-diff}" ;;
        TryExec=*) printf 'TryExec=%s\n' "${EXEC//\\/\\\\}" ;;
        *) printf '%s\n' "$line" ;;
    esac
done < "$DESKTOP" > "$APPS/article-diff.desktop"
chmod 644 "$APPS/article-diff.desktop"
install -m 644 "$METAINFO" "$META/"
install -m 644 "$ICONS/article-diff.svg" "$HICOLOR/scalable/apps/article-diff.svg"
for s in $SIZES; do
    mkdir -p "$HICOLOR/${s}x${s}/apps"
    install -m 644 "$ICONS/article-diff-$s.png" "$HICOLOR/${s}x${s}/apps/article-diff.png"
done
# A terminal command too, unless one is there already (never replace a pip-installed script).
if [ "$EXEC" != "$BIN/article-diff" ] && { [ -L "$BIN/article-diff" ] || [ ! -e "$BIN/article-diff" ]; }; then
    mkdir -p "$BIN"
    ln -sfn "$EXEC" "$BIN/article-diff"
fi
refresh
echo "Article Diff is in the application menu ($APPS/article-diff.desktop), running $EXEC."
