"""The on-disk embedding cache: one SQLite file under the user cache dir.

Keyed by model key and the SHA-1 of the sentence text. A damaged or unreadable file is moved
aside and rebuilt; a read-only or full disk only means the cache is not written. Every failure
here makes a comparison slower, never wrong and never crash.
"""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from .paths import cache_dir

CACHE_FILE = "embeddings.sqlite3"
_SCHEMA = "CREATE TABLE IF NOT EXISTS vec (model TEXT, key BLOB, dim INTEGER, data BLOB, PRIMARY KEY (model, key))"


def _digest(text: str) -> bytes:
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).digest()


class EmbeddingCache:
    """Implements ``viewer.engine.embed.EmbeddingStore`` on SQLite; safe to share across threads."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = Path(path) if path else cache_dir() / CACHE_FILE
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None
        self.disabled_reason = ""

    def _connect(self) -> sqlite3.Connection | None:
        if self._conn is not None or self.disabled_reason:
            return self._conn
        for attempt in range(2):
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                conn = sqlite3.connect(str(self.path), timeout=2.0, check_same_thread=False)
                conn.execute(_SCHEMA)
                conn.execute("SELECT count(*) FROM vec LIMIT 1").fetchone()
                self._conn = conn
                return conn
            except sqlite3.DatabaseError as exc:
                if attempt == 0 and self._set_aside():
                    continue
                self.disabled_reason = f"embedding cache unusable ({exc})"
            except OSError as exc:
                self.disabled_reason = f"embedding cache unavailable ({exc})"
            break
        return None

    def _set_aside(self) -> bool:
        """Move a damaged cache file out of the way so a fresh one can be made."""
        try:
            if self.path.exists():
                self.path.replace(self.path.with_suffix(".damaged"))
            return True
        except OSError:
            return False

    def get_many(self, model_key: str, texts: Sequence[str]) -> dict[str, np.ndarray]:
        with self._lock:
            conn = self._connect()
            if conn is None:
                return {}
            by_key = {_digest(t): t for t in texts}
            keys = list(by_key)
            found: dict[str, np.ndarray] = {}
            try:
                for b in range(0, len(keys), 500):
                    chunk = keys[b : b + 500]
                    marks = ",".join("?" * len(chunk))
                    rows = conn.execute(
                        f"SELECT key, dim, data FROM vec WHERE model = ? AND key IN ({marks})",
                        [model_key, *chunk],
                    ).fetchall()
                    for key, dim, data in rows:
                        vec = np.frombuffer(data, dtype=np.float32)
                        if vec.shape[0] == dim and np.all(np.isfinite(vec)):
                            found[by_key[bytes(key)]] = vec
            except sqlite3.OperationalError:
                return {}
            except sqlite3.DatabaseError:
                self._reset()
                return {}
            return found

    def put_many(self, model_key: str, items: dict[str, np.ndarray]) -> None:
        with self._lock:
            conn = self._connect()
            if conn is None:
                return
            rows = [
                (model_key, _digest(t), int(v.shape[0]), np.asarray(v, np.float32).tobytes())
                for t, v in items.items()
            ]
            try:
                with conn:
                    conn.executemany("INSERT OR REPLACE INTO vec VALUES (?, ?, ?, ?)", rows)
            except sqlite3.OperationalError:
                pass  # read-only or full disk, or locked: keep working without writing
            except sqlite3.DatabaseError:
                self._reset()

    def _reset(self) -> None:
        if self._conn is not None:
            try:
                self._conn.close()
            except sqlite3.Error:
                pass
        self._conn = None
        self._set_aside()

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None
