"""Small objects the window wires to its actions, instead of methods on the window.

:mod:`.files` gets documents in (open, recent, drop, paste, swap, reload, the file watcher);
:mod:`.comparing` turns the session's documents and sensitivity into comparison jobs;
:mod:`.export` writes and prints the comparison (as background jobs); :mod:`.theme` picks
and applies the palette; :mod:`.settings` keeps the settings and saves them.

Controllers change the :class:`~viewer.ui.session.Session` and report through a
:class:`Host` (the window): they hold no widgets of their own except the dialogs they open.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from ..dialogs import Level


class Host(Protocol):
    """What a controller may ask of the window: show a message or a status-bar note."""

    def show_message(self, text: str, level: Level = Level.ERROR, *, action: str = "",
                     callback: Callable[[], None] | None = None, detail: str = "") -> None: ...

    def show_status(self, text: str, timeout_ms: int) -> None: ...


__all__ = ["Host"]
