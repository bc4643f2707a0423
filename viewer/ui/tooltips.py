"""Tooltips that show text as it is.

Qt renders a tooltip as rich text when it looks like HTML (``Qt.mightBeRichText``: a first line
with a tag, such as a file named ``<b>x.txt``), and as plain text otherwise, so neither raw nor
escaped text is safe on its own: text from documents and the file system is escaped and always
marked as rich text.
"""

from __future__ import annotations

import html


def plain_tooltip(text: str) -> str:
    """``text`` (a path, a file name, a message: data) as a tooltip Qt shows literally, its
    lines kept."""
    if not text:
        return ""
    return "<p>" + "<br>".join(html.escape(line) for line in text.split("\n")) + "</p>"
