"""The sample pair shipped inside the package is the one in seeds/."""

from __future__ import annotations

from pathlib import Path

from viewer.services.samples import sample_pair

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def test_sample_pair_is_byte_identical_to_seeds() -> None:
    left, right = sample_pair()
    assert left.name == "original.txt" and right.name == "rewrite.txt"
    assert "resources" in left.parts
    assert left.read_bytes() == (SEEDS / "original.txt").read_bytes()
    assert right.read_bytes() == (SEEDS / "rewrite.txt").read_bytes()
