"""Format readers behind :mod:`viewer.services.documents`: bytes or text in, pieces out.

A piece is ``(text, role)``. The readers know nothing of file names or user-facing wording: they
raise :class:`ReadFailure` with a machine-readable reason, and ``documents`` turns it into a
``DocumentError``.
"""

from __future__ import annotations


class ReadFailure(Exception):
    """A reader's verdict that its input cannot be compared.

    ``reason`` is one of the ``DocumentError`` reasons; ``variant`` picks a more specific message
    (for example ``"password"`` for an ``"unreadable"`` PDF); ``detail`` is a short English phrase
    some messages quote (for example ``"a PNG image"``).
    """

    def __init__(self, reason: str, variant: str = "", detail: str = "") -> None:
        super().__init__(reason, variant, detail)
        self.reason = reason
        self.variant = variant
        self.detail = detail
