"""Settings across restarts, damaged settings, the theme, recent pairs and exports."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

from PySide6.QtCore import Qt

from tests.ui.window.window_helpers import TIMEOUT, wait_for_comparison
from viewer.services.palette import DARK, LIGHT
from viewer.services.settings import load_settings, settings_path


def test_settings_survive_a_restart(qtbot, make_window, pair) -> None:
    window = make_window(pair)
    wait_for_comparison(qtbot, window)
    window.acts.theme_dark.trigger()
    window.acts.sync_scrolling.setChecked(False)
    window.slider.setValue(65)
    window.resize(760, 520)
    dock = window.panel_dock
    window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)
    qtbot.waitUntil(lambda: dock.width() <= dock.start_width(760), timeout=TIMEOUT)
    window.resizeDocks([dock], [310], Qt.Orientation.Horizontal)  # the user drags it wider
    qtbot.waitUntil(lambda: dock.width() == 310, timeout=TIMEOUT)
    window.close()
    saved = json.loads(settings_path().read_text(encoding="utf-8"))
    assert saved["theme"] == "dark" and saved["sensitivity"] == 0.65
    assert saved["recent_pairs"][0] == {"left": str(pair[0]), "right": str(pair[1])}

    again = make_window()
    qtbot.waitExposed(again)
    assert again.acts.theme_dark.isChecked()
    assert again.current_palette() is DARK
    assert not again.acts.sync_scrolling.isChecked()
    assert not again.view.sync_scrolling()
    assert again.slider.value() == 65 and again.sensitivity() == 0.65
    assert (again.width(), again.height()) == (760, 520)
    assert again.panel_dock.isHidden()  # no documents yet
    with qtbot.waitSignal(again.comparison_ready, timeout=TIMEOUT):
        again.open_pair(*pair)
    dock = again.panel_dock
    qtbot.waitUntil(lambda: dock.isVisible() and dock.width() == 310, timeout=TIMEOUT)
    assert again.dockWidgetArea(dock) == Qt.DockWidgetArea.LeftDockWidgetArea
    assert again.settings().recent_pairs[0].left == str(pair[0])


def test_a_damaged_settings_file_gives_defaults_and_a_notice(qtbot, make_window) -> None:
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('{"version": 1, "theme": "dark", "sensitivity": ', encoding="utf-8")
    window = make_window()
    assert not window.message_bar.isHidden()
    assert window.message_bar.level() == "warning"
    assert "settings file was damaged" in window.message_bar.message()
    assert "settings.json.bad" in window.message_bar.message()
    assert path.with_name("settings.json.bad").exists()
    assert window.current_palette().name in ("light", "dark")
    assert window.settings().theme == "system"
    assert window.slider.value() == 50


def test_settings_from_a_newer_version_give_defaults_and_a_notice(qtbot, make_window) -> None:
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"version": 99, "theme": "dark"}), encoding="utf-8")
    window = make_window()
    assert "newer version" in window.message_bar.message()
    assert window.settings().theme == "system"


def test_theme_override_recolours_the_window(qtbot, make_window, pair) -> None:
    window = make_window(pair)
    wait_for_comparison(qtbot, window)
    window.acts.theme_dark.trigger()
    assert window.current_palette() is DARK
    assert window.view.theme().palette is DARK
    assert DARK.window in window.styleSheet() or DARK.text in window.styleSheet()
    window.acts.theme_light.trigger()
    assert window.current_palette() is LIGHT
    assert window.view.theme().palette is LIGHT
    window.acts.theme_system.trigger()
    assert window.settings().theme == "system"
    assert window.acts.theme_system.isChecked() and not window.acts.theme_light.isChecked()


def test_recent_menu_lists_pairs_and_disables_missing_ones(qtbot, make_window, pair,
                                                           tmp_path) -> None:
    window = make_window(pair)
    wait_for_comparison(qtbot, window)
    gone_left, gone_right = tmp_path / "a.txt", tmp_path / "b.txt"
    gone_left.write_text("One sentence here.", encoding="utf-8")
    gone_right.write_text("Another sentence there.", encoding="utf-8")
    with qtbot.waitSignal(window.comparison_ready, timeout=TIMEOUT):
        window.open_pair(gone_left, gone_right)
    gone_right.unlink()
    window.recent_menu.aboutToShow.emit()
    entries = [a for a in window.recent_menu.actions() if not a.isSeparator()]
    assert entries[0].text().startswith("a.txt ↔ b.txt") and "(missing)" in entries[0].text()
    assert not entries[0].isEnabled()
    assert entries[1].text() == "original.txt ↔ rewrite.txt" and entries[1].isEnabled()
    assert entries[-1].text() == "Clear Recent"
    with qtbot.waitSignal(window.comparison_ready, timeout=TIMEOUT) as ready:
        entries[1].trigger()
    assert ready.args[0].left.path == str(pair[0])
    entries[-1].trigger()
    assert load_settings().settings.recent_pairs == ()


def test_export_json_writes_the_comparison(qtbot, make_window, pair, tmp_path) -> None:
    window = make_window(pair)
    comparison = wait_for_comparison(qtbot, window)
    target = tmp_path / "out" / "report.json"
    target.parent.mkdir()
    with qtbot.waitSignal(window.exporter.exported, timeout=TIMEOUT) as done:
        rid = window.export_to("json", str(target))
        assert rid  # written in the background; the status bar says so meanwhile
        assert window.statusBar().currentMessage() == "Saving “report.json”…"
    assert done.args == [rid, str(target)]
    data = json.loads(target.read_text(encoding="utf-8"))
    assert len(data["left"]["sentences"]) == len(comparison.left_sentences)


def test_export_to_a_missing_folder_shows_the_error_and_keeps_the_comparison(
        qtbot, make_window, pair, tmp_path) -> None:
    window = make_window(pair)
    comparison = wait_for_comparison(qtbot, window)
    with qtbot.waitSignal(window.exporter.export_failed, timeout=TIMEOUT):
        assert window.export_to("json", str(tmp_path / "nowhere" / "report.json"))
    assert "The export failed" in window.message_bar.message()
    assert "nowhere" in window.message_bar.message()
    assert window.comparison() is comparison


def test_export_pdf_and_html_write_files_or_say_they_are_unavailable(
        qtbot, make_window, pair, tmp_path) -> None:
    window = make_window(pair)
    wait_for_comparison(qtbot, window)
    outcome: list[str] = []
    window.exporter.exported.connect(lambda *_: outcome.append("written"))
    window.exporter.export_failed.connect(lambda *_: outcome.append("failed"))
    for fmt, magic in (("pdf", b"%PDF"), ("html", b"<")):
        target = tmp_path / f"report.{fmt}"
        outcome.clear()
        window.export_to(fmt, str(target))
        qtbot.waitUntil(lambda: bool(outcome), timeout=TIMEOUT)
        if importlib.util.find_spec(f"viewer.services.export_{fmt}") is None:
            assert outcome == ["failed"] and "not available" in window.message_bar.message()
        else:
            assert outcome == ["written"], window.message_bar.message()
            assert target.read_bytes().lstrip()[:4].startswith(magic)


def test_paths_given_to_a_second_window_are_remembered(qtbot, make_window, pair) -> None:
    window = make_window(pair)
    wait_for_comparison(qtbot, window)
    assert Path(load_settings().settings.recent_pairs[0].right) == pair[1]


def test_print_renders_the_report_to_a_printer(qtbot, make_window, pair, tmp_path) -> None:
    from PySide6.QtPrintSupport import QPrinter

    window = make_window(pair)
    wait_for_comparison(qtbot, window)
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    target = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(target))
    with qtbot.waitSignal(window.exporter.printed, timeout=TIMEOUT):
        assert window.print_to(printer)
    data = target.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 2000


def _shown_as(tooltip: str) -> str:
    """The text Qt shows for ``tooltip`` (it renders a tooltip as rich text when it looks so)."""
    from PySide6.QtGui import Qt, QTextDocument

    doc = QTextDocument()
    if Qt.mightBeRichText(tooltip):
        doc.setHtml(tooltip)
    else:
        doc.setPlainText(tooltip)
    return doc.toPlainText()


def test_file_names_that_look_like_markup_stay_text_in_tooltips(qtbot, make_window,
                                                                 tmp_path) -> None:
    left, right = tmp_path / "<b>bold<b>.txt", tmp_path / "<img src=x>&amp;.txt"
    left.write_text("One sentence here.", encoding="utf-8")
    right.write_text("Another sentence there.", encoding="utf-8")
    window = make_window((left, right))
    wait_for_comparison(qtbot, window)
    window.recent_menu.aboutToShow.emit()
    entry = next(a for a in window.recent_menu.actions() if "bold" in a.text())
    assert _shown_as(entry.toolTip()) == f"{left}\n{right}"


def test_model_tooltip_says_what_runs_it_literally(qtbot, make_window, pair) -> None:
    from viewer.engine.model import ModelInfo

    window = make_window(pair)
    wait_for_comparison(qtbot, window)
    why = "a faster backend could not run: <i>no</i> ONNX Runtime"
    info = ModelInfo(name="all-MiniLM-L6-v2", semantic=True, path="/models/<b>m</b>",
                     note=why, backend="torch")
    window.runner.model_ready.emit(info)
    assert window.model_label.text() == "Model: all-MiniLM-L6-v2"
    shown = _shown_as(window.model_label.toolTip())
    assert shown == f"/models/<b>m</b>\nRuns on: PyTorch, float32\n{why}"


def test_the_link_map_width_is_remembered(qtbot, make_window) -> None:
    window = make_window()
    qtbot.waitExposed(window)
    link_map = window.view.link_map
    link_map.set_map_width(150)
    link_map.width_chosen.emit(150)  # what letting go of a dragged edge reports
    window.close()
    assert json.loads(settings_path().read_text(encoding="utf-8"))["link_map_width"] == 150
    again = make_window()
    qtbot.waitExposed(again)
    assert again.view.link_map.width() == 150
