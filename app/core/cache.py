"""The analysis cache: SQLite under the platformdirs cache folder, keyed by each file's content hash.

Reopening a folder reads only what changed: a file whose size and modification time are unchanged is not
read at all, and an article or pair analysed before with the same settings is not analysed again.
"""

from __future__ import annotations

import pickle
import sqlite3
import zlib
from pathlib import Path

from app import __version__


def pack(value) -> bytes:
    """A cache payload: pickled and lightly compressed (made in worker processes)."""
    return zlib.compress(pickle.dumps(value, protocol=5), 1)


def default_cache_path() -> Path:
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("wiretrace", appauthor=False)) / "analysis.sqlite3"


class AnalysisCache:
    def __init__(self, path: str | Path | None = None):
        path = Path(path) if path else default_cache_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.db = sqlite3.connect(str(path), check_same_thread=False)
        self.db.executescript(
            """
            PRAGMA journal_mode=WAL;
            PRAGMA synchronous=NORMAL;
            CREATE TABLE IF NOT EXISTS files (path TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER, sha256 TEXT);
            CREATE TABLE IF NOT EXISTS articles (sha256 TEXT, settings TEXT, payload BLOB,
                                                 PRIMARY KEY (sha256, settings));
            CREATE TABLE IF NOT EXISTS pairs (a TEXT, b TEXT, settings TEXT, payload BLOB,
                                              PRIMARY KEY (a, b, settings));
            CREATE TABLE IF NOT EXISTS outputs (signature TEXT, kind TEXT, payload TEXT, used REAL,
                                                PRIMARY KEY (signature, kind));
            """
        )
        self.version = __version__

    def close(self) -> None:
        self.db.close()

    def known_hashes(self, stats: dict[str, tuple[int, int]]) -> dict[str, str]:
        """The content hash of each path whose size and modification time match what was seen before."""
        out = {}
        for path, size, mtime, sha in self.db.execute("SELECT path, size, mtime_ns, sha256 FROM files"):
            if stats.get(path) == (size, mtime):
                out[path] = sha
        return out

    def remember_files(self, rows: list[tuple[str, int, int, str]]) -> None:
        self.db.executemany("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?)", rows)
        self.db.commit()

    def _get(self, table: str, keys: list[tuple], settings: str) -> dict[tuple, object]:
        out = {}
        cols = "sha256" if table == "articles" else "a, b"
        width = 1 if table == "articles" else 2
        for start in range(0, len(keys), 400):
            chunk = keys[start : start + 400]
            cond = " OR ".join([f"({' AND '.join(c + '=?' for c in cols.split(', '))})"] * len(chunk))
            args = [k for key in chunk for k in key]
            sql = f"SELECT {cols}, payload FROM {table} WHERE settings=? AND ({cond})"
            for row in self.db.execute(sql, [self._key(settings), *args]):
                out[tuple(row[:width])] = pickle.loads(zlib.decompress(row[width]))
        return out

    def _key(self, settings: str) -> str:
        return f"{self.version}|{settings}"

    def get_articles(self, hashes: list[str], settings: str) -> dict[str, dict]:
        return {k[0]: v for k, v in self._get("articles", [(h,) for h in hashes], settings).items()}

    def put_packed_articles(self, items: dict[str, bytes], settings: str) -> None:
        key = self._key(settings)
        self.db.executemany("INSERT OR REPLACE INTO articles VALUES (?, ?, ?)",
                            [(sha, key, payload) for sha, payload in items.items()])
        self.db.commit()

    def get_outputs(self, signature: str) -> dict[str, str]:
        """Reports rendered before for exactly these files and settings (see scan.scan_signature)."""
        rows = self.db.execute("SELECT kind, payload FROM outputs WHERE signature=?", (signature,)).fetchall()
        return {kind: text for kind, text in rows}

    def put_outputs(self, signature: str, outputs: dict[str, str], keep: int = 4) -> None:
        import time

        now = time.time()
        self.db.executemany("INSERT OR REPLACE INTO outputs VALUES (?, ?, ?, ?)",
                            [(signature, k, v, now) for k, v in outputs.items()])  # text: read whole, fast
        # only the most recent scans are worth keeping whole
        self.db.execute("DELETE FROM outputs WHERE signature NOT IN (SELECT signature FROM outputs "
                        "GROUP BY signature ORDER BY MAX(used) DESC LIMIT ?)", (keep,))
        self.db.commit()

    def get_pairs(self, keys: list[tuple[str, str]], settings: str) -> dict[tuple[str, str], object]:
        return self._get("pairs", keys, settings)

    def put_packed_pairs(self, items: dict[tuple[str, str], bytes], settings: str) -> None:
        key = self._key(settings)
        self.db.executemany(
            "INSERT OR REPLACE INTO pairs VALUES (?, ?, ?, ?)",
            [(a, b, key, payload) for (a, b), payload in items.items()],
        )
        self.db.commit()
