"""Language detection in a child process, so that the window's thread never waits on lingua.

lingua (``viewer.engine.language``) runs in Rust but holds Python's GIL while it loads its
trigram models, 0.2-0.5 s the first time in a process. A thread does not help: while one
thread holds the GIL the window's thread cannot run, and reading a long pair stalled the window
for 210-280 ms (``bench/bench_ui.py --window``). :class:`LanguageProcess` runs lingua in a
child Python (``python -m viewer.services.language_process``) that loads the models as soon as
it starts; a detection is one JSON line each way through its pipes (a 4,000-character sample
is about 10 ms of the child's time), and the thread that asks waits with the GIL released.

The answers are the ones lingua gives in this process (the child runs the same
``detect_sample_here``). If the child cannot start, dies or does not answer within
``TIMEOUT`` seconds, detection goes back into this process for the rest of the run (slower
for the window, never wrong), with one line on stderr.
"""

from __future__ import annotations

import atexit
import json
import os
import queue
import subprocess
import sys
import threading
from pathlib import Path
from typing import IO

from ..engine import language

__all__ = ["TIMEOUT", "LanguageProcess", "install_language_process"]

TIMEOUT = 60.0
"""Seconds a detection waits for the child (its first answer waits for the models to load)."""

_installed: LanguageProcess | None = None


class LanguageProcess:
    """A :class:`viewer.engine.language.DetectorBackend` that runs lingua in a child process,
    started by the first ``warm_up`` or ``detect``. Thread-safe: one request at a time."""

    def __init__(self, *, timeout: float = TIMEOUT) -> None:
        self._timeout = timeout
        self._lock = threading.Lock()
        self._process: subprocess.Popen[bytes] | None = None
        self._answers: queue.Queue[bytes | None] = queue.Queue()
        self._failed = False

    @property
    def running(self) -> bool:
        """True while the child is up and answering (False before it starts and after a
        failure sent detection back into this process)."""
        return self._process is not None and self._process.poll() is None and not self._failed

    def warm_up(self) -> None:
        """Start the child now; it loads lingua's models while this process goes on."""
        with self._lock:
            self._start()

    def detect(self, sample: str) -> str:
        """lingua's answer for ``sample``, from the child (in this process if it failed)."""
        with self._lock:
            process = self._start()
            if process is not None and process.stdin is not None:
                try:
                    line = json.dumps({"sample": sample}, ensure_ascii=True) + "\n"
                    process.stdin.write(line.encode("ascii"))
                    process.stdin.flush()
                    answer = self._answers.get(timeout=self._timeout)
                except (OSError, queue.Empty):
                    answer = None
                if answer is not None:
                    reply = json.loads(answer)
                    if "language" in reply:
                        return str(reply["language"])
                    self._fail(f"it failed: {reply.get('error', answer)!r}")
                else:
                    self._fail("it stopped or did not answer")
        return language.detect_sample_here(sample)

    def close(self) -> None:
        """Let the child end (it stops when its input closes) and wait a moment for it."""
        with self._lock:
            process, self._process = self._process, None
        if process is None:
            return
        try:
            if process.stdin is not None:
                process.stdin.close()
            process.wait(timeout=2)
        except (OSError, subprocess.TimeoutExpired):
            process.kill()
            process.wait()

    def _start(self) -> subprocess.Popen[bytes] | None:
        # Called with the lock held.
        if self._failed:
            return None
        if self._process is not None:
            return self._process
        root = str(Path(language.__file__).resolve().parents[2])  # this copy of viewer
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
        try:
            process = subprocess.Popen(
                [sys.executable, "-m", "viewer.services.language_process"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                env=env,
                cwd=root,
            )
        except OSError as exc:
            self._fail(f"it could not start: {exc}")
            return None
        assert process.stdout is not None
        threading.Thread(
            target=_pump, args=(process.stdout, self._answers), daemon=True,
            name="language-process-answers",
        ).start()
        self._process = process
        return process

    def _fail(self, why: str) -> None:
        # Called with the lock held.
        self._failed = True
        print(f"article-diff: the language detector's process: {why}; detecting in this "
              "process from now on", file=sys.stderr)
        process = self._process
        if process is not None and process.poll() is None:
            process.kill()


def _pump(stream: IO[bytes], answers: queue.Queue[bytes | None]) -> None:
    """Pass the child's answer lines on; None when it ends."""
    for line in stream:
        answers.put(line)
    answers.put(None)


def install_language_process() -> LanguageProcess:
    """Make every detection in this process go through one :class:`LanguageProcess` and start
    it now (the window calls this before it reads any file). Idempotent."""
    global _installed
    if _installed is None:
        _installed = LanguageProcess()
        atexit.register(_installed.close)
    language.use_backend(_installed)
    _installed.warm_up()
    return _installed


def _serve() -> None:
    """The child: load the models, then answer one JSON line per request until input ends."""
    language.warm_up()
    out = sys.stdout.buffer
    for raw in sys.stdin.buffer:
        try:
            sample = json.loads(raw)["sample"]
            reply: dict[str, str] = {"language": language.detect_sample_here(sample)}
        except Exception as exc:  # noqa: BLE001 - said to the parent, which falls back
            reply = {"error": f"{type(exc).__name__}: {exc}"}
        out.write(json.dumps(reply, ensure_ascii=True).encode("ascii") + b"\n")
        out.flush()


if __name__ == "__main__":
    _serve()
