from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from viewer.engine.embed import (
    CachedEmbedder,
    EmbedConfig,
    LexicalEmbedder,
    ModelLoadError,
    SentenceTransformerEmbedder,
    default_model_path,
    load_embedder,
)
from viewer.engine.progress import Cancelled


def test_bundled_model_path_found():
    path = default_model_path()
    assert path is not None and (path / "modules.json").exists()


def test_model_path_from_environment(monkeypatch, tmp_path):
    from viewer.services.config import embed_config, model_path

    monkeypatch.setenv("ARTICLE_DIFF_MODEL", str(tmp_path))
    assert model_path() == tmp_path and embed_config().model_path == tmp_path
    assert model_path("/elsewhere") == model_path("/elsewhere") == Path("/elsewhere")
    monkeypatch.delenv("ARTICLE_DIFF_MODEL")
    assert model_path() == default_model_path()


def test_real_model_embeds_meaning(real_embedder):
    v = real_embedder.encode([
        "The ceasefire between Israel and Hamas may soon end.",
        "The truce between Israel and Hamas could end soon.",
        "Democratic lawmakers disagree about aid.",
    ])
    assert v.shape == (3, 384)
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-4)
    assert v[0] @ v[1] > 0.75
    assert v[0] @ v[1] > v[0] @ v[2] + 0.3


def test_missing_model_falls_back_to_lexical_and_says_so(tmp_path):
    e = load_embedder(EmbedConfig(tmp_path / "nope", cache_dir=tmp_path / "onnx"))
    assert not e.info.semantic
    assert "not found" in e.info.note
    with pytest.raises(ModelLoadError):
        load_embedder(EmbedConfig(tmp_path / "nope", cache_dir=tmp_path / "onnx"), fallback=False)
    e = load_embedder(EmbedConfig(None))
    assert not e.info.semantic and "no model installed" in e.info.note


def test_damaged_model_folder_falls_back(tmp_path):
    (tmp_path / "modules.json").write_text("{ not json")
    (tmp_path / "config.json").write_text("[]")
    e = load_embedder(EmbedConfig(tmp_path, cache_dir=tmp_path / "onnx"))
    assert not e.info.semantic and "could not load" in e.info.note


def test_lexical_similarity_is_word_overlap():
    lex = LexicalEmbedder()
    v = lex.encode(["Blinken will meet officials in Israel", "Blinken meets Israeli officials", "Cats sleep a lot"])
    assert v[0] @ v[1] > v[0] @ v[2]
    assert lex.info.semantic is False


class _CountingStore:
    def __init__(self):
        self.data = {}

    def get_many(self, key, texts):
        return {t: self.data[(key, t)] for t in texts if (key, t) in self.data}

    def put_many(self, key, items):
        for t, v in items.items():
            self.data[(key, t)] = v


def _semantic_stand_in() -> LexicalEmbedder:
    """The lexical embedder labelled as a model: the cache keeps model vectors only."""
    embedder = LexicalEmbedder()
    embedder.info = replace(embedder.info, semantic=True)
    return embedder


def test_cache_avoids_embedding_again():
    store = _CountingStore()
    first = CachedEmbedder(_semantic_stand_in(), store)
    a = first.encode(["one sentence", "two sentences"])
    assert first.misses == 2
    second = CachedEmbedder(_semantic_stand_in(), store)  # a new run: memory empty, store warm
    b = second.encode(["two sentences", "one sentence"])
    assert second.misses == 0 and second.hits == 2
    assert np.allclose(a[0], b[1]) and np.allclose(a[1], b[0])


def test_cancel_stops_encoding():
    with pytest.raises(Cancelled):
        LexicalEmbedder().encode(["x"] * 2000, cancel=lambda: True)


def test_unloaded_embedder_reports_bad_folder(tmp_path):
    with pytest.raises(ModelLoadError):
        SentenceTransformerEmbedder(tmp_path / "missing").load()


def test_threads_in_the_config_reach_the_backend(real_embedder):
    """A batch worker runs the model on one thread (its cluster runs one worker a core)."""
    from dataclasses import replace

    from viewer.engine.embed import load_embedder
    from viewer.services.config import embed_config

    one = load_embedder(replace(embed_config(), threads=1))
    assert one.inner.threads == 1
    text = ["The fox could not reach the grapes."]
    assert np.allclose(one.encode(text), real_embedder.inner.encode(text), atol=1e-5)


def test_lexical_vectors_are_not_cached_and_not_copied():
    """16 KB a row: cheaper to compute again than to keep (issue 15: memory of long pairs)."""
    store = _CountingStore()
    embedder = CachedEmbedder(LexicalEmbedder(), store)
    texts = ["one sentence", "two sentences", "one sentence"]
    vecs = embedder.encode(texts)
    assert store.data == {} and embedder._memory == {}
    assert np.allclose(vecs[0], vecs[2]) and vecs.dtype == np.float32
    assert np.allclose(np.linalg.norm(vecs, axis=1), 1.0)
