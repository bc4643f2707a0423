"""Settings: typed, versioned JSON, atomic writes, damaged files replaced by defaults."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from viewer.services import settings as st
from viewer.services.settings import (
    MAX_RECENT,
    RecentPair,
    Settings,
    SettingsProblem,
    load_settings,
    save_settings,
    settings_path,
)


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("ARTICLE_DIFF_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def test_path_follows_article_diff_home(home: Path) -> None:
    assert settings_path() == home / "config" / "settings.json"


def test_no_file_gives_defaults_without_a_problem() -> None:
    loaded = load_settings()
    assert loaded.settings == Settings()
    assert loaded.problem is None
    assert not settings_path().exists()


def test_round_trip_keeps_every_field(tmp_path: Path) -> None:
    left, right = tmp_path / "a.txt", tmp_path / "b.txt"
    s = Settings(
        window_geometry="AdnQywADAAA=",
        window_state="AAAA/wAAAAD9AAAAAQ==",
        theme="dark",
        sensitivity=0.73,
        sync_scrolling=False,
        model_folder="/models/mini",
        export_folder="/exports",
        open_folder="/articles",
        skip_reviewed=True,
    ).with_recent(left, right).with_recent_review(tmp_path / "r.adiff").with_recent_review(tmp_path / "q.adiff")
    assert s.recent_reviews == (str(tmp_path / "q.adiff"), str(tmp_path / "r.adiff"))
    save_settings(s)
    data = json.loads(settings_path().read_text(encoding="utf-8"))
    assert data["version"] == st.SETTINGS_VERSION
    assert data["recent_pairs"] == [{"left": str(left), "right": str(right)}]
    loaded = load_settings()
    assert loaded.problem is None
    assert loaded.settings == s


def test_a_window_state_from_an_older_version_loads_as_text() -> None:
    """Earlier versions saved a ``window_state`` they did not use, and then none; the key is
    back (the side panel's dock), and an old value loads without a problem, as text: the window
    gives ``restoreState`` a version number of its own, so an old layout is not applied
    (``viewer.ui.panel_dock``; tests/ui/window/test_side_panel_dock.py)."""
    settings_path().parent.mkdir(parents=True, exist_ok=True)
    settings_path().write_text(
        json.dumps({"version": st.SETTINGS_VERSION, "window_state": "AAAA/w==", "theme": "dark"}),
        encoding="utf-8",
    )
    loaded = load_settings()
    assert loaded.problem is None
    assert loaded.settings == Settings(theme="dark", window_state="AAAA/w==")


def test_a_file_from_before_the_dock_loads_without_its_splitter_sizes() -> None:
    """The side panel was in a splitter; its sizes are no longer read (the dock's width is in
    ``window_state``), and a file that has them is not damaged."""
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"version": 1, "theme": "dark", "splitter_sizes": [900, 320]}),
                    encoding="utf-8")
    loaded = load_settings()
    assert loaded.problem is None
    assert loaded.settings.theme == "dark" and loaded.settings.window_state == ""


def test_recent_pairs_move_to_front_dedupe_and_cap(tmp_path: Path) -> None:
    s = Settings()
    for n in range(MAX_RECENT + 3):
        s = s.with_recent(tmp_path / f"l{n}", tmp_path / f"r{n}")
    assert len(s.recent_pairs) == MAX_RECENT
    assert s.recent_pairs[0] == RecentPair(str(tmp_path / "l12"), str(tmp_path / "r12"))
    s = s.with_recent(tmp_path / "l5", tmp_path / "r5")
    assert s.recent_pairs[0].left.endswith("l5")
    assert [p.left for p in s.recent_pairs].count(str(tmp_path / "l5")) == 1
    assert len(s.recent_pairs) == MAX_RECENT
    s = s.without_recent(s.recent_pairs[0])
    assert all(not p.left.endswith("l5") for p in s.recent_pairs)


def test_recent_pair_exists_only_when_both_files_do(tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    a.write_text("x")
    assert not RecentPair(str(a), str(tmp_path / "gone.txt")).exists()
    b = tmp_path / "b.txt"
    b.write_text("y")
    assert RecentPair(str(a), str(b)).exists()


def test_older_file_with_missing_keys_keeps_defaults_for_them() -> None:
    path = settings_path()
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"version": 1, "theme": "light", "unknown": 3}))
    loaded = load_settings()
    assert loaded.problem is None
    assert loaded.settings.theme == "light"
    assert loaded.settings.sensitivity == Settings().sensitivity


@pytest.mark.parametrize(
    "content",
    [
        b"{not json",
        b"\xff\xfe\x00garbage",
        b"[1, 2, 3]",
        json.dumps({"version": 1, "sensitivity": "high"}).encode(),
        json.dumps({"version": 1, "sensitivity": 3.5}).encode(),
        json.dumps({"version": 1, "theme": "purple"}).encode(),
        json.dumps({"version": 1, "sync_scrolling": "yes"}).encode(),
        json.dumps({"version": 1, "window_state": 42}).encode(),
        json.dumps({"version": 1, "recent_pairs": [["a", "b"]]}).encode(),
        json.dumps({"version": "1"}).encode(),
    ],
)
def test_damaged_file_gives_defaults_backup_and_problem(content: bytes) -> None:
    path = settings_path()
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    loaded = load_settings()
    assert loaded.settings == Settings()
    assert loaded.problem is SettingsProblem.DAMAGED
    assert loaded.detail
    assert loaded.backup == path.with_name("settings.json.bad")
    assert loaded.backup.read_bytes() == content
    # the defaults were written over it, so the next start is quiet
    again = load_settings()
    assert again.problem is None and again.settings == Settings()


def test_newer_version_is_not_trusted_but_kept() -> None:
    path = settings_path()
    path.parent.mkdir(parents=True)
    content = json.dumps({"version": st.SETTINGS_VERSION + 1, "theme": "dark"}).encode()
    path.write_bytes(content)
    loaded = load_settings()
    assert loaded.problem is SettingsProblem.NEWER
    assert loaded.settings.theme == "system"
    assert loaded.backup is not None and loaded.backup.read_bytes() == content


def test_save_is_atomic_and_leaves_no_temporary_files() -> None:
    save_settings(Settings(theme="dark"))
    save_settings(Settings(theme="light"))
    folder = settings_path().parent
    assert sorted(p.name for p in folder.iterdir()) == ["settings.json"]
    assert load_settings().settings.theme == "light"


def test_ignore_options_round_trip_and_bad_names_are_refused(tmp_path):  # type: ignore[no-untyped-def]
    import json as _json

    from viewer.services.settings import Settings, load_settings, save_settings

    path = tmp_path / "settings.json"
    assert Settings().ignore == ("quotes", "whitespace")
    save_settings(Settings(ignore=("case", "numbers")), path)
    assert load_settings(path).settings.ignore == ("case", "numbers")
    path.write_text(_json.dumps({"version": 1, "ignore": ["case", "colour"]}), encoding="utf-8")
    loaded = load_settings(path)
    assert loaded.problem is not None and loaded.settings.ignore == Settings().ignore
