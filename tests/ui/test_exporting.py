"""Exports as background jobs: results come back on the GUI thread, in order; a newer request
for the same file supersedes one still waiting; closing waits for the file being written."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from viewer.engine.compare import compare
from viewer.engine.embed import LexicalEmbedder
from viewer.engine.model import Comparison
from viewer.services import export_formats
from viewer.services.documents import document_from_text
from viewer.ui.exporting import PRINT, ExportRunner

TIMEOUT = 20_000


@pytest.fixture(scope="module")
def comparison() -> Comparison:
    return compare(document_from_text("One sentence. Another one here.", name="a.txt"),
                   document_from_text("One sentence. Another one there.", name="b.txt"),
                   embedder=LexicalEmbedder())


@pytest.fixture
def gated(monkeypatch: pytest.MonkeyPatch) -> tuple[threading.Event, threading.Event, list[str]]:
    """The real export, made to wait at a gate; returns (gate, set when a job reaches the
    gate, targets written in order)."""
    gate, entered, written, real = threading.Event(), threading.Event(), [], export_formats.export

    def export(comparison, key, target, **options):  # type: ignore[no-untyped-def]
        entered.set()
        gate.wait(10)
        real(comparison, key, target, **options)
        written.append(Path(target).name)

    monkeypatch.setattr(export_formats, "export", export)
    return gate, entered, written


def test_results_arrive_on_the_gui_thread_in_order(qtbot, comparison, tmp_path, gated) -> None:
    gate, _entered, written = gated
    runner = ExportRunner()
    finished: list[tuple[int, str, bool]] = []
    runner.finished.connect(lambda rid, result: finished.append(
        (rid, Path(result.request.target).name, threading.current_thread() is threading.main_thread())))
    first = runner.request(comparison, "json", str(tmp_path / "a.json"))
    second = runner.request(comparison, "html", str(tmp_path / "b.html"))
    assert runner.is_busy() and finished == []
    with qtbot.waitSignal(runner.busy_changed, timeout=TIMEOUT):
        gate.set()
    assert finished == [(first, "a.json", True), (second, "b.html", True)]
    assert written == ["a.json", "b.html"] and not runner.is_busy()
    assert runner.shutdown(TIMEOUT)


def test_a_newer_request_for_the_same_file_supersedes_the_waiting_one(
        qtbot, comparison, tmp_path, gated) -> None:
    gate, _entered, written = gated
    runner = ExportRunner()
    cancelled: list[int] = []
    runner.cancelled.connect(cancelled.append)
    runner.request(comparison, "json", str(tmp_path / "busy.json"))  # holds the thread
    waiting = runner.request(comparison, "json", str(tmp_path / "same.json"))
    newest = runner.request(comparison, "json", str(tmp_path / "same.json"))
    with qtbot.waitSignal(runner.finished, timeout=TIMEOUT,
                          check_params_cb=lambda rid, _: rid == newest):
        gate.set()
    assert cancelled == [waiting]
    assert written == ["busy.json", "same.json"]  # the file is written once
    assert runner.shutdown(TIMEOUT)


def test_failures_say_why(qtbot, comparison, tmp_path) -> None:
    runner = ExportRunner()
    with qtbot.waitSignal(runner.failed, timeout=TIMEOUT) as failed:
        runner.request(comparison, "json", str(tmp_path / "missing" / "r.json"))
    _rid, request, unavailable, message = failed.args
    assert not unavailable and "r.json" in message and request.fmt == "json"
    with qtbot.waitSignal(runner.finished, timeout=TIMEOUT) as done:
        runner.request(comparison, PRINT, "")
    result = done.args[1]  # the report laid out for the printer, on the thread
    import shutil
    from pathlib import Path

    import pymupdf

    with pymupdf.open(result.pdf) as doc:
        assert doc.page_count == result.pages >= 1
        assert "Another one" in "".join(page.get_text() for page in doc)
    shutil.rmtree(Path(result.pdf).parent)
    assert runner.shutdown(TIMEOUT)


def test_shutdown_drops_waiting_requests_and_finishes_the_running_one(
        qtbot, comparison, tmp_path, gated) -> None:
    gate, entered, written = gated
    runner = ExportRunner()
    runner.request(comparison, "json", str(tmp_path / "running.json"))
    runner.request(comparison, "json", str(tmp_path / "waiting.json"))
    assert entered.wait(10)  # the first is being written
    threading.Timer(0.2, gate.set).start()
    assert runner.shutdown(TIMEOUT)
    assert written == ["running.json"]
    assert (tmp_path / "running.json").is_file() and not (tmp_path / "waiting.json").exists()
    assert runner.request(comparison, "json", str(tmp_path / "late.json")) == 0
