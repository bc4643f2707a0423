"""Shared by the export tests: documents laid out as the readers lay them out, and the seeds."""

from __future__ import annotations

from pathlib import Path

from viewer.engine.model import Block, Document
from viewer.services.documents import read_document

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"


def make_doc(paragraphs: list[str], name: str, path: str | None = None) -> Document:
    """A Document laid out as the readers lay it out: blocks joined by one blank line."""
    blocks, pos = [], 0
    for p in paragraphs:
        blocks.append(Block(pos, pos + len(p)))
        pos += len(p) + 2
    return Document(text="\n\n".join(paragraphs), blocks=tuple(blocks), name=name, path=path)


def read_seed(name: str) -> Document:
    return read_document(SEEDS / name)
