"""Translations: hand-made pairs (tests/data/translation) aligned with the real multilingual
model, every link and finding drawn by hand in gold.json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from viewer.engine.compare import compare
from viewer.engine.embed import CachedEmbedder
from viewer.engine.model import ChangeKind, FindingKind, TranslationKind
from viewer.engine.multilingual import MULTILINGUAL_NAME, MultilingualEmbedder
from viewer.services.documents import read_document
from viewer.services.export_json import comparison_to_dict

DATA = Path(__file__).resolve().parent.parent / "data" / "translation"
GOLD = json.loads((DATA / "gold.json").read_text(encoding="utf-8"))
PAIRS = [name for name in GOLD if not name.startswith("_")]


@pytest.fixture(scope="module")
def multilingual() -> CachedEmbedder:
    return CachedEmbedder(MultilingualEmbedder(), None)


@pytest.fixture(scope="module")
def comparisons(multilingual: CachedEmbedder) -> dict[str, object]:
    out = {}
    for name in PAIRS:
        g = GOLD[name]
        left, right = read_document(DATA / g["left"]), read_document(DATA / g["right"])
        out[name] = compare(left, right, embedder=multilingual)
    return out


@pytest.mark.parametrize("name", PAIRS)
def test_every_link_as_drawn_by_hand(comparisons, name):
    c, g = comparisons[name], GOLD[name]
    assert (c.left_language, c.right_language) == tuple(g["languages"])
    assert sorted((k.left, k.right) for k in c.links) == sorted(map(tuple, g["links"]))
    assert list(c.omitted) == g["omitted"]
    assert list(c.added) == g["added"]


@pytest.mark.parametrize("name", PAIRS)
def test_every_finding_as_drawn_by_hand_and_no_other(comparisons, name):
    c, g = comparisons[name], GOLD[name]
    found = sorted((f.kind.value, f.left, f.right) for f in c.findings)
    assert found == sorted((f["kind"], f["left"], f["right"]) for f in g["findings"])
    for f, want in zip(
        sorted(c.findings, key=lambda f: (f.kind.value, f.left, f.right)),
        sorted(g["findings"], key=lambda f: (f["kind"], f["left"], f["right"])),
    ):
        for side in ("left_text", "right_text"):
            if side in want:
                assert want[side] in getattr(f, side) or (want[side] == "" == getattr(f, side))


def test_cross_language_groups_have_no_word_ops_and_a_translation_kind(comparisons):
    c = comparisons["en-es"]
    assert c.cross_language and c.model.name == MULTILINGUAL_NAME
    assert all(not g.word_ops for g in c.groups)
    kinds = {g.left: g.translation for g in c.groups}
    assert kinds[(1,)] is TranslationKind.TRANSLATED
    assert kinds[(4,)] is TranslationKind.CHANGED  # the quotation cut to 4 words of 14
    assert kinds[(8,)] is TranslationKind.CHANGED  # six years became eight
    for g in c.groups:
        assert g.edit is (ChangeKind.MINOR if g.translation is TranslationKind.TRANSLATED
                          else ChangeKind.REWORDED)


def test_same_language_pair_keeps_word_ops(comparisons):
    c = comparisons["de-de"]
    assert not c.cross_language
    assert all(g.translation is None for g in c.groups)
    assert any(g.word_ops for g in c.groups)


def test_quotation_only_translated_is_no_finding(comparisons):
    c = comparisons["en-de"]  # both quotations of the German are translated in full
    assert not [f for f in c.findings if f.kind in (FindingKind.ALTERED_QUOTE,
                                                   FindingKind.UNQUOTED_QUOTE)]


def test_json_carries_languages_model_and_translation_kinds(comparisons):
    d = comparison_to_dict(comparisons["en-fr"])
    assert d["left"]["language"] == "en" and d["right"]["language"] == "fr"
    assert d["cross_language"] is True
    assert d["model"]["name"] == MULTILINGUAL_NAME and d["model"]["backend"] == "numpy"
    assert {g["translation"] for g in d["groups"]} <= {"translated", "translated_shortened",
                                                       "changed"}
    assert all(k["translation"] for k in d["links"])
