"""Text bound for a terminal, made harmless: the one helper every printed string goes through.

A file name, a path, an error message or an article's sentence can hold control characters.
Printed raw, an escape sequence can set the terminal's title, clear the screen or move the
cursor, a carriage return can hide what came before it, and a bidirectional override can make
a name read backwards. :func:`terminal_safe` writes each such character as a visible escape
(``\\x1b``, ``\\u202e``) instead. Undecodable bytes in a file name (surrogate escapes) come
out as ``\\udcff`` rather than raising ``UnicodeEncodeError`` when printed.
"""

from __future__ import annotations

import argparse
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

_OTHERS = (
    "\x00-\x09\x0b-\x1f\x7f-\x9f"  # C0 and C1 controls (ESC, CSI, CR, BEL ...) and DEL
    "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"  # bidirectional marks and overrides
    "\u2028\u2029\ud800-\udfff"  # line separators; surrogates (undecodable bytes)
)
_UNSAFE = re.compile(f"[{_OTHERS}]")
_UNSAFE_WITH_NEWLINE = re.compile(f"[\n{_OTHERS}]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal_safe(text: str, *, keep_newlines: bool = False) -> str:
    """``text`` with every control, bidirectional-override and surrogate character escaped.

    Newlines are escaped too (a name cannot start a fake line of output) unless
    ``keep_newlines`` is set, for a message of several lines that we wrote ourselves.
    """
    pattern = _UNSAFE if keep_newlines else _UNSAFE_WITH_NEWLINE
    return pattern.sub(_escape, text)


class SafeArgumentParser(argparse.ArgumentParser):
    """argparse echoes the arguments it refuses: escape them as every other message is."""

    def _print_message(self, message: str, file: SupportsWrite[str] | None = None) -> None:
        super()._print_message(terminal_safe(message, keep_newlines=True), file)
