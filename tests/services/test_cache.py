import numpy as np

from viewer.services.cache import EmbeddingCache


def test_round_trip_and_persistence(tmp_path):
    path = tmp_path / "c.sqlite3"
    c = EmbeddingCache(path)
    v = np.arange(8, dtype=np.float32)
    c.put_many("m", {"hello": v, "world": v * 2})
    c.close()
    again = EmbeddingCache(path)
    got = again.get_many("m", ["hello", "world", "missing"])
    assert set(got) == {"hello", "world"}
    assert np.array_equal(got["world"], v * 2)
    assert again.get_many("other-model", ["hello"]) == {}


def test_damaged_cache_is_ignored_and_rebuilt(tmp_path):
    path = tmp_path / "c.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    c = EmbeddingCache(path)
    assert c.get_many("m", ["hello"]) == {}
    c.put_many("m", {"hello": np.ones(4, dtype=np.float32)})
    assert "hello" in c.get_many("m", ["hello"])
    assert (tmp_path / "c.damaged").exists()


def test_unwritable_cache_folder_is_only_slower(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    c = EmbeddingCache(blocker / "sub" / "c.sqlite3")  # parent is a file: cannot create
    c.put_many("m", {"a": np.ones(2, dtype=np.float32)})
    assert c.get_many("m", ["a"]) == {}
    assert c.disabled_reason
