"""Autosaved reviews: written atomically, offered after a crash, left alone while their window lives."""

from __future__ import annotations

import os
import subprocess
import sys

from viewer.engine import review as rv
from viewer.engine.review import ReviewState
from viewer.engine.segment import split_sentences
from viewer.services.autosave import Autosaver, forget, recoverable
from viewer.services.documents import document_from_text
from viewer.services.review_file import Review, ReviewSettings


def a_review(state: ReviewState) -> Review:
    a, b = document_from_text("One. Two."), document_from_text("Two. One.")
    return Review(a, b, split_sentences(a), split_sentences(b), ReviewSettings(), state)


def test_a_live_windows_autosave_is_not_offered_and_a_clean_close_removes_it(tmp_path):
    saver = Autosaver(tmp_path)
    saver.save(a_review(rv.link(ReviewState(), [0], [1])))
    assert saver.path.exists() and recoverable(tmp_path) == []  # this process is alive
    saver.discard()
    assert not saver.path.exists()


def test_an_autosave_left_by_a_dead_process_is_recovered(tmp_path):
    # A child process autosaves and dies without cleaning up, as a crash would.
    code = (
        "import sys, os; from pathlib import Path; sys.path.insert(0, sys.argv[2]);"
        "from viewer.engine import review as rv; from viewer.engine.review import ReviewState;"
        "from viewer.engine.segment import split_sentences;"
        "from viewer.services.documents import document_from_text as d;"
        "from viewer.services.review_file import Review, ReviewSettings;"
        "from viewer.services.autosave import Autosaver;"
        "a, b = d('One. Two.'), d('Two. One.');"
        "r = Review(a, b, split_sentences(a), split_sentences(b), ReviewSettings(),"
        " rv.unlink(ReviewState(), [0], [0]));"
        "Autosaver(Path(sys.argv[1])).save(r); os._exit(1)"
    )
    root = os.path.dirname(os.path.dirname(os.path.dirname(__file__)))
    subprocess.run([sys.executable, "-c", code, str(tmp_path), root], check=False, cwd=root)
    found = recoverable(tmp_path)
    assert len(found) == 1 and found[0].review.state.forbidden == {(0, 0)}
    forget(found[0])
    assert recoverable(tmp_path) == [] and not list(tmp_path.iterdir())


def test_damaged_autosaves_are_skipped(tmp_path):
    (tmp_path / "review-999999-1.adiff").write_text("{", "utf-8")
    (tmp_path / "review-x.adiff").write_text("{}", "utf-8")
    assert recoverable(tmp_path) == []
