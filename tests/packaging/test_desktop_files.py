"""The .desktop file and the AppStream metainfo: valid for the freedesktop tools, and consistent
with each other, the icons, the screenshot and the app's version."""

from __future__ import annotations

import configparser
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from viewer import __version__

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
DESKTOP = PACKAGING / "article-diff.desktop"
METAINFO = PACKAGING / "io.github.article_diff.ArticleDiff.metainfo.xml"
FORMATS = {
    "text/plain",
    "text/markdown",
    "text/html",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/pdf",
}


def _desktop() -> dict[str, str]:
    parser = configparser.RawConfigParser(delimiters=("=",), interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(DESKTOP, encoding="utf-8")
    return dict(parser["Desktop Entry"])


def _metainfo() -> ET.Element:
    return ET.parse(METAINFO).getroot()


def _run(*cmd: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, check=False, capture_output=True, text=True, timeout=120)


@pytest.mark.skipif(
    shutil.which("desktop-file-validate") is None,
    reason="desktop-file-validate missing (apt-get install desktop-file-utils)",
)
def test_desktop_file_validates() -> None:
    done = _run("desktop-file-validate", str(DESKTOP))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "error" not in done.stdout.lower()


@pytest.mark.skipif(
    shutil.which("appstreamcli") is None, reason="appstreamcli missing (apt-get install appstream)"
)
def test_metainfo_validates() -> None:
    done = _run("appstreamcli", "validate", "--no-net", "--explain", str(METAINFO))
    assert done.returncode == 0, done.stdout + done.stderr
    # Warnings count too: a software centre may drop an entry that has them.
    assert not re.search(r"^[EW]: ", done.stdout, re.MULTILINE), done.stdout


def test_desktop_entry_launches_the_command_with_files() -> None:
    entry = _desktop()
    assert entry["Type"] == "Application"
    assert entry["Name"] == "Article Diff"
    assert entry["Exec"] == "article-diff %F"
    assert entry["Terminal"] == "false"
    assert entry["Icon"] == "article-diff"
    assert set(filter(None, entry["Categories"].split(";"))) == {"Office", "TextTools"}


def test_desktop_mime_types_are_the_formats_the_app_reads() -> None:
    types = set(filter(None, _desktop()["MimeType"].split(";")))
    assert types == FORMATS


def test_desktop_file_name_matches_the_running_app() -> None:
    """Desktops match a window to its .desktop file by the name Qt reports (app.py)."""
    source = (ROOT / "viewer" / "app.py").read_text(encoding="utf-8")
    match = re.search(r'setDesktopFileName\("([^"]+)"\)', source)
    assert match, "app.py no longer names its desktop file"
    assert DESKTOP.name == f"{match.group(1)}.desktop"


def test_icon_name_has_installable_icons() -> None:
    icons = ROOT / "viewer" / "resources" / "icons"
    name = _desktop()["Icon"]
    assert (icons / f"{name}.svg").is_file()
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        assert (icons / f"{name}-{size}.png").is_file()


def test_metainfo_agrees_with_the_desktop_file_and_the_app() -> None:
    root = _metainfo()
    assert root.get("type") == "desktop-application"
    assert root.findtext("id") == METAINFO.name.removesuffix(".metainfo.xml")
    assert root.findtext("launchable[@type='desktop-id']") == DESKTOP.name
    assert root.findtext("name") == _desktop()["Name"]
    assert root.findtext("icon[@type='stock']") == _desktop()["Icon"]
    assert root.findtext("provides/binary") == "article-diff"
    assert {e.text for e in root.findall("provides/mediatype")} == FORMATS
    assert root.findtext("metadata_license") == "CC0-1.0"
    assert root.findtext("project_license") == "MIT"
    assert root.find("content_rating[@type='oars-1.1']") is not None
    newest = root.find("releases/release")
    assert newest is not None and newest.get("version") == __version__
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", newest.get("date", ""))


def test_metainfo_screenshot_is_the_committed_one() -> None:
    """The screenshot URL points at docs/screenshot.png in the repository, at its real size."""
    image = _metainfo().find("screenshots/screenshot[@type='default']/image")
    assert image is not None and image.text
    assert image.text.startswith("https://")
    relative = image.text.split("/main/", 1)[1]
    local = ROOT / relative
    assert local.is_file(), f"{relative} is not in the repository"
    png = local.read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert (image.get("width"), image.get("height")) == (str(width), str(height))
    caption = _metainfo().findtext("screenshots/screenshot/caption")
    assert caption and len(caption) < 100
