"""Shared by the export tests: documents laid out as the readers lay them out."""

from __future__ import annotations

from pathlib import Path

from viewer.engine.model import Block, Document

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"


def make_doc(paragraphs: list[str], name: str, path: str | None = None) -> Document:
    """A Document laid out as the readers lay it out: blocks joined by one blank line."""
    blocks, pos = [], 0
    for p in paragraphs:
        blocks.append(Block(pos, pos + len(p)))
        pos += len(p) + 2
    return Document(text="\n\n".join(paragraphs), blocks=tuple(blocks), name=name, path=path)
