"""A batch's progress on the terminal: a tqdm bar (pairs done, rate, time left) and a line for
each failed pair. Every name, path and message is passed through :func:`~viewer.services.terminal.terminal_safe` first."""

from __future__ import annotations

import importlib
import sys
from typing import Any, TextIO

from ..terminal import terminal_safe
from .runner import BatchListener


class TerminalProgress(BatchListener):
    """Shows the bar on ``stream`` when it is a terminal; failures and notes always."""

    def __init__(self, stream: TextIO | None = None, *, bar: bool | None = None) -> None:
        self.stream = stream or sys.stderr
        self.bar_enabled = self.stream.isatty() if bar is None else bar
        self._bar: Any = None
        self.failed = 0
        self.lexical_warned = False

    def say(self, text: str) -> None:
        """Print one message line (escaped) without breaking the bar."""
        line = terminal_safe(text)
        if self._bar is not None:
            self._bar.write(line, file=self.stream)
        else:
            print(line, file=self.stream, flush=True)

    def started(self, total: int, done: int, todo: int) -> None:
        if done:
            self.say(f"article-diff: {done} of {total} pairs already done (--resume); "
                     f"{todo} to compare")
        if self.bar_enabled and todo:
            tqdm: Any = importlib.import_module("tqdm").tqdm  # no type hints shipped
            self._bar = tqdm(total=total, initial=total - todo, unit="pair", file=self.stream,
                             dynamic_ncols=True, smoothing=0.1)

    def finished_pair(self, row: dict[str, Any]) -> None:
        if row.get("status") == "failed":
            self.failed += 1
            self.say(f"article-diff: pair {row.get('name')} (line {row.get('line')}) failed: "
                     f"{row.get('error')}")
        elif row.get("semantic") is False and not self.lexical_warned:
            self.lexical_warned = True
            self.say("article-diff: warning: the sentence model could not be used, so links "
                     "are based on shared words, not meaning")
        if self._bar is not None:
            if self.failed:
                self._bar.set_postfix(failed=self.failed, refresh=False)
            self._bar.update(1)

    def stopping(self) -> None:
        self.close()
        self.say("article-diff: interrupted: stopping the workers and writing the index")

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None
