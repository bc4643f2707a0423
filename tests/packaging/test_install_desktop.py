"""packaging/install-desktop.sh: puts the launcher, icons and metainfo where a desktop looks,
with the command written so the desktop runs exactly it, and takes them out again."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "packaging" / "install-desktop.sh"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
METAINFO = "io.github.article_diff.ArticleDiff.metainfo.xml"


def _fake_command(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("#!/bin/sh\necho article-diff\n")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


def _run(script: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "XDG_DATA_HOME"}
    env["HOME"] = str(home)
    env["PATH"] = "/usr/bin:/bin"  # no article-diff on it
    return subprocess.run(
        ["bash", str(script), *args],
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )


def _unescape_string(value: str) -> str:
    """Desktop-entry string escapes (\\s \\n \\t \\r \\\\)."""
    out, i = [], 0
    table = {"s": " ", "n": "\n", "t": "\t", "r": "\r", "\\": "\\"}
    while i < len(value):
        if value[i] == "\\" and i + 1 < len(value) and value[i + 1] in table:
            out.append(table[value[i + 1]])
            i += 2
        else:
            out.append(value[i])
            i += 1
    return "".join(out)


def _exec_argv(value: str) -> list[str]:
    """Split an Exec value as the desktop-entry spec says: string escapes first, then
    double-quoted arguments where a backslash escapes " ` $ and \\."""
    value = _unescape_string(value)
    args, current, i, quoted, started = [], [], 0, False, False
    while i < len(value):
        ch = value[i]
        if quoted:
            if ch == "\\" and i + 1 < len(value) and value[i + 1] in '"`$\\':
                current.append(value[i + 1])
                i += 1
            elif ch == '"':
                quoted = False
            else:
                current.append(ch)
        elif ch == '"':
            quoted, started = True, True
        elif ch == " ":
            if started or current:
                args.append("".join(current))
            current, started = [], False
        else:
            current.append(ch)
        i += 1
    if started or current:
        args.append("".join(current))
    return args


def _entry(path: Path) -> dict[str, str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return dict(line.split("=", 1) for line in lines if "=" in line and not line.startswith("#"))


@pytest.mark.parametrize(
    "folder", ["opt/article-diff", 'odd place/with $dollar "quote" and\\slash']
)
def test_user_install_with_an_explicit_command(tmp_path: Path, folder: str) -> None:
    home = tmp_path / "home"
    command = _fake_command(tmp_path / folder / "article-diff")
    done = _run(SCRIPT, home, "--exec", str(command))
    assert done.returncode == 0, done.stderr
    share = home / ".local" / "share"
    desktop = share / "applications" / "article-diff.desktop"
    entry = _entry(desktop)
    assert _exec_argv(entry["Exec"]) == [str(command), "%F"]
    assert _unescape_string(entry["TryExec"]) == str(command)
    # Everything else is the packaged launcher, unchanged.
    packaged = _entry(ROOT / "packaging" / "article-diff.desktop")
    assert {k: v for k, v in entry.items() if k not in ("Exec", "TryExec")} == {
        k: v for k, v in packaged.items() if k not in ("Exec", "TryExec")
    }
    if shutil.which("desktop-file-validate"):
        check = subprocess.run(
            ["desktop-file-validate", str(desktop)],
            check=False,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert check.returncode == 0, check.stdout
    if shutil.which("update-desktop-database"):
        # The desktop now offers Article Diff for every format it reads.
        cache = (share / "applications" / "mimeinfo.cache").read_text(encoding="utf-8")
        for mime in filter(None, packaged["MimeType"].split(";")):
            assert f"{mime}=article-diff.desktop;" in cache, mime
    icons = ROOT / "viewer" / "resources" / "icons"
    hicolor = share / "icons" / "hicolor"
    for size in SIZES:
        installed = hicolor / f"{size}x{size}" / "apps" / "article-diff.png"
        assert installed.read_bytes() == (icons / f"article-diff-{size}.png").read_bytes()
    assert (hicolor / "scalable" / "apps" / "article-diff.svg").read_bytes() == (
        icons / "article-diff.svg"
    ).read_bytes()
    assert (share / "metainfo" / METAINFO).is_file()
    link = home / ".local" / "bin" / "article-diff"
    assert link.is_symlink() and link.resolve() == command.resolve()


def test_uninstall_removes_what_it_installed_only(tmp_path: Path) -> None:
    home = tmp_path / "home"
    command = _fake_command(tmp_path / "app" / "article-diff")
    assert _run(SCRIPT, home, "--exec", str(command)).returncode == 0
    other = home / ".local" / "share" / "applications" / "other.desktop"
    other.write_text("[Desktop Entry]\n")
    done = _run(SCRIPT, home, "--uninstall")
    assert done.returncode == 0, done.stderr
    left = sorted(
        p.relative_to(home).as_posix() for p in home.rglob("*") if p.is_file() or p.is_symlink()
    )
    # update-desktop-database leaves its own cache; nothing of ours may remain.
    assert set(left) - {".local/share/applications/mimeinfo.cache"} == {
        ".local/share/applications/other.desktop"
    }, left
    assert command.is_file()  # the app itself is not touched


def test_a_pip_installed_script_in_local_bin_is_not_replaced(tmp_path: Path) -> None:
    home = tmp_path / "home"
    pip_script = _fake_command(home / ".local" / "bin" / "article-diff")
    original = pip_script.read_text()
    command = _fake_command(tmp_path / "app" / "article-diff")
    done = _run(SCRIPT, home, "--exec", str(command))
    assert done.returncode == 0, done.stderr
    assert not pip_script.is_symlink() and pip_script.read_text() == original


def test_without_a_command_it_says_what_to_do(tmp_path: Path) -> None:
    done = _run(SCRIPT, tmp_path / "home")
    assert done.returncode == 1
    assert "--exec" in done.stderr
    assert not (tmp_path / "home" / ".local" / "share" / "applications").exists()


def test_from_a_built_folder_it_installs_that_folder(tmp_path: Path) -> None:
    """The layout build.sh makes: the script beside the executable, the files in share/."""
    app = tmp_path / "opt" / "article-diff"
    command = _fake_command(app / "article-diff")
    shutil.copy2(SCRIPT, app / "install-desktop.sh")
    share = app / "share"
    share.mkdir()
    shutil.copy2(ROOT / "packaging" / "article-diff.desktop", share)
    shutil.copy2(ROOT / "packaging" / METAINFO, share)
    shutil.copytree(ROOT / "viewer" / "resources" / "icons", share / "icons")
    home = tmp_path / "home"
    done = _run(app / "install-desktop.sh", home)
    assert done.returncode == 0, done.stderr
    entry = _entry(home / ".local" / "share" / "applications" / "article-diff.desktop")
    assert _exec_argv(entry["Exec"]) == [str(command), "%F"]


def test_unknown_option(tmp_path: Path) -> None:
    done = _run(SCRIPT, tmp_path / "home", "--frobnicate")
    assert done.returncode == 2 and "--help" in done.stderr
