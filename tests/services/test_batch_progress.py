"""The batch's terminal progress: a tqdm bar with pairs done, rate and time left; failures
printed above it, escaped."""

from __future__ import annotations

import io

from viewer.services.batch.progress import TerminalProgress


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_bar_counts_pairs_and_failures_are_escaped() -> None:
    stream = Tty()
    term = TerminalProgress(stream)
    term.started(total=4, done=1, todo=3)
    term.finished_pair({"name": "a", "line": 2, "status": "ok", "semantic": True})
    term.finished_pair({"name": "b\x1b[2J", "line": 3, "status": "failed",
                        "error": "cannot read x\x07.txt"})
    term.close()
    text = stream.getvalue()
    assert "1 of 4 pairs already done (--resume); 3 to compare" in text
    assert "3/4" in text and ("pair/s" in text or "s/pair" in text)  # done, rate
    assert "<" in text  # tqdm's time left, as elapsed<remaining
    assert "pair b\\x1b[2J (line 3) failed: cannot read x\\x07.txt" in text
    assert "\x1b[2J" not in text and "\x07" not in text


def test_no_bar_off_a_terminal_but_failures_still_said() -> None:
    stream = io.StringIO()
    term = TerminalProgress(stream)
    term.started(total=2, done=0, todo=2)
    term.finished_pair({"name": "a", "line": 1, "status": "ok", "semantic": False})
    term.finished_pair({"name": "b", "line": 2, "status": "failed", "error": "gone"})
    term.close()
    assert stream.getvalue().splitlines() == [
        ("article-diff: warning: the sentence model could not be used, so links are based on "
         "shared words, not meaning"),
        "article-diff: pair b (line 2) failed: gone",
    ]
