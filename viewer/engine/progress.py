"""Progress reports and cancellation for long engine functions.

Every long engine function takes keyword-only ``progress`` and ``cancel`` callbacks and calls
``check_cancel`` between steps. They live here, apart from any one algorithm, so a caller that
only wants to report or stop work (the aligner, the UI's jobs, the command line) does not import
the embedding module to do it.
"""

from __future__ import annotations

from collections.abc import Callable

__all__ = ["Cancel", "Cancelled", "Progress", "check_cancel"]

Progress = Callable[[str, int, int], None]
"""``progress(phase, done, total)``: called from the working thread."""
Cancel = Callable[[], bool]
"""``cancel()`` returns True when the caller wants the work to stop."""


class Cancelled(Exception):
    """Raised inside engine functions when their ``cancel`` callback returned True."""


def check_cancel(cancel: Cancel | None) -> None:
    """Raise ``Cancelled`` if ``cancel`` says the caller wants the work to stop."""
    if cancel is not None and cancel():
        raise Cancelled()
