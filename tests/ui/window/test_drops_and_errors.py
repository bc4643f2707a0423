"""Files dropped on the window, and files that cannot be read: a clear message in the window,
and the comparison already on screen stays."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from tests.ui.window.window_helpers import TIMEOUT


def _mime(*paths: Path) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    return mime


def _drop(window, mime: QMimeData, pos: QPoint) -> bool:  # type: ignore[no-untyped-def]
    """Send a drag-enter and a drop at ``pos`` (window coordinates), as Qt would."""
    enter = QDragEnterEvent(pos, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, enter)
    if not enter.isAccepted():
        return False
    drop = QDropEvent(QPointF(pos), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, drop)
    return drop.isAccepted()


def _centre_of(window, widget) -> QPoint:  # type: ignore[no-untyped-def]
    return widget.mapTo(window, widget.rect().center())


def test_one_file_dropped_on_the_right_pane_replaces_the_rewrite(qtbot, make_window, pair,
                                                                  tmp_path) -> None:
    window = make_window(pair)
    qtbot.waitSignal(window.comparison_ready, timeout=TIMEOUT).wait()
    other = tmp_path / "second draft.txt"
    other.write_text("A completely new draft.\n\nIt has two short paragraphs.\n", encoding="utf-8")
    pos = _centre_of(window, window.view.right_pane)
    assert pos.x() > window.width() // 2
    with qtbot.waitSignal(window.comparison_ready, timeout=TIMEOUT) as ready:
        assert _drop(window, _mime(other), pos)
    c = ready.args[0]
    assert c.left.path == str(pair[0])
    assert c.right.path == str(other)
    assert window.windowTitle() == "Article Diff — original.txt ↔ second draft.txt"


def test_one_file_dropped_on_the_left_pane_replaces_the_original(qtbot, make_window, pair,
                                                                 tmp_path) -> None:
    window = make_window(pair)
    qtbot.waitSignal(window.comparison_ready, timeout=TIMEOUT).wait()
    other = tmp_path / "older.md"
    other.write_text("# Older\n\nAn older version of the story.\n", encoding="utf-8")
    with qtbot.waitSignal(window.comparison_ready, timeout=TIMEOUT) as ready:
        assert _drop(window, _mime(other), _centre_of(window, window.view.left_pane))
    assert ready.args[0].left.path == str(other)
    assert ready.args[0].right.path == str(pair[1])


def test_two_files_dropped_on_the_empty_window_fill_both_sides_in_order(qtbot, make_window,
                                                                         pair) -> None:
    window = make_window()
    qtbot.waitExposed(window)
    left, right = pair
    # dropped on the right half: with two files the first still goes left
    pos = QPoint(window.width() * 3 // 4, window.height() // 2)
    with qtbot.waitSignal(window.comparison_ready, timeout=TIMEOUT) as ready:
        assert _drop(window, _mime(right, left), pos)
    assert ready.args[0].left.path == str(right)
    assert ready.args[0].right.path == str(left)


def test_drag_without_files_is_not_accepted(qtbot, make_window) -> None:
    window = make_window()
    mime = QMimeData()
    mime.setText("just some text")
    enter = QDragEnterEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, enter)
    assert not enter.isAccepted()


def test_a_dropped_folder_is_refused_and_the_comparison_stays(qtbot, make_window, pair,
                                                              tmp_path) -> None:
    window = make_window(pair)
    before = qtbot.waitSignal(window.comparison_ready, timeout=TIMEOUT)
    before.wait()
    folder = tmp_path / "Drafts"
    folder.mkdir()
    with qtbot.waitSignal(window.message_shown, timeout=TIMEOUT):  # read in the background
        _drop(window, _mime(folder), _centre_of(window, window.view.right_pane))
    assert not window.message_bar.isHidden()
    assert "“Drafts” is a folder" in window.message_bar.message()
    assert window.message_bar.level() == "error"
    assert window.comparison() is before.args[0]
    assert window.view.comparison() is before.args[0]
    assert window.documents()[1].path == str(pair[1])


def test_an_unsupported_file_is_refused_with_a_message(qtbot, make_window, pair,
                                                       tmp_path) -> None:
    window = make_window(pair)
    before = qtbot.waitSignal(window.comparison_ready, timeout=TIMEOUT)
    before.wait()
    image = tmp_path / "photo.png"
    image.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    with qtbot.waitSignal(window.message_shown, timeout=TIMEOUT):
        _drop(window, _mime(image), _centre_of(window, window.view.left_pane))
    message = window.message_bar.message()
    assert "photo.png" in message and "cannot read" in message
    assert window.comparison() is before.args[0]
    assert window.runner.latest_id == 1  # nothing new was compared


def test_three_dropped_files_are_refused(qtbot, make_window, pair, tmp_path) -> None:
    window = make_window()
    third = tmp_path / "third.txt"
    shutil.copyfile(pair[0], third)
    _drop(window, _mime(pair[0], pair[1], third), QPoint(20, 200))
    assert "3 files were dropped" in window.message_bar.message()
    assert window.documents() == (None, None)


def test_a_missing_file_names_the_file_and_keeps_the_comparison(qtbot, make_window, pair,
                                                               tmp_path) -> None:
    window = make_window(pair)
    before = qtbot.waitSignal(window.comparison_ready, timeout=TIMEOUT)
    before.wait()
    with qtbot.waitSignal(window.message_shown, timeout=TIMEOUT):
        window.open_side("left", tmp_path / "gone.txt")
    assert "“gone.txt”" in window.message_bar.message()
    assert window.documents()[0].path == str(pair[0])
    assert window.comparison() is before.args[0]
    assert window.windowTitle() == "Article Diff — original.txt ↔ rewrite.txt"


def test_a_binary_file_names_the_file_and_its_side_keeps_its_text(qtbot, make_window, pair,
                                                                   tmp_path) -> None:
    window = make_window(pair)
    qtbot.waitSignal(window.comparison_ready, timeout=TIMEOUT).wait()
    before_right = window.session.side("right")
    blob = tmp_path / "notes.txt"
    blob.write_bytes(bytes(range(256)) * 64)
    with qtbot.waitSignal(window.message_shown, timeout=TIMEOUT):
        window.open_pair(pair[0], blob)
    message = window.message_bar.message()
    assert "“notes.txt”" in message and str(blob) in message
    assert "rewrite (right) keeps the text it showed" in message
    assert window.session.side("right") is before_right
    assert window.documents()[0].path == str(pair[0])


def _unreadable(kind: str, folder: Path) -> Path:
    path = folder / f"{kind}.txt"
    if kind == "empty":
        path.write_text("  \n\n", encoding="utf-8")
    elif kind == "binary":
        path.write_bytes(b"\x7fELF\x02\x01\x01" + bytes(range(256)) * 32)
    return path  # "missing": never written


@pytest.mark.parametrize("kind", ["missing", "empty", "binary"])
@pytest.mark.parametrize("bad_side", ["left", "right"])
def test_one_bad_file_on_the_command_line_keeps_and_shows_the_good_one(
        qtbot, make_window, pair, tmp_path, kind: str, bad_side: str) -> None:
    """``article-diff missing.txt rewrite.txt`` (or an empty or binary file on one side): the
    side that opened is kept and shown, the other says it could not be opened, and the message
    names the bad file's full path."""
    bad = _unreadable(kind, tmp_path)
    good_side = "right" if bad_side == "left" else "left"
    good = pair[1] if good_side == "right" else pair[0]
    paths = (bad, good) if bad_side == "left" else (good, bad)
    window = make_window(paths)
    qtbot.waitUntil(lambda: bool(window.message_bar.message()), timeout=TIMEOUT)
    message = window.message_bar.message()
    assert str(bad.resolve()) in message
    assert f"“{bad.name}”" in message
    documents = dict(zip(("left", "right"), window.documents()))
    assert documents[bad_side] is None
    assert documents[good_side] is not None and documents[good_side].path == str(good)
    names = dict(zip(("left", "right"), window.empty_state.side_names()))
    assert names[good_side] == f"✓ {good.name}"
    assert bad.name in names[bad_side] and "could not be opened" in names[bad_side]
    assert window.empty_state.isVisible()
    # Opening a good file on the bad side now compares the pair.
    with qtbot.waitSignal(window.comparison_ready, timeout=TIMEOUT):
        window.open_side(bad_side, pair[0] if bad_side == "left" else pair[1])
    assert window.message_bar.isHidden()


def test_an_error_message_goes_away_when_a_good_file_replaces_it(qtbot, make_window, pair,
                                                                tmp_path) -> None:
    window = make_window(pair)
    qtbot.waitSignal(window.comparison_ready, timeout=TIMEOUT).wait()
    with qtbot.waitSignal(window.message_shown, timeout=TIMEOUT):
        window.open_side("right", tmp_path / "gone.txt")
    assert not window.message_bar.isHidden()
    with qtbot.waitSignal(window.comparison_ready, timeout=TIMEOUT):
        window.open_side("right", pair[1])
    assert window.message_bar.isHidden()
