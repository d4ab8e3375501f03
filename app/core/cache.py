"""The analysis cache: SQLite under the platformdirs cache folder, keyed by each file's content hash.

Reopening a folder reads only what changed: a file whose size and modification time are unchanged is not
read at all, and an article or pair analysed before with the same settings is not analysed again.

A cache is data, never code: plain columns, JSON and raw integer arrays, each checked on the way back in;
anything unexpected is a miss. A cache that cannot be opened, read or written never stops a scan: a damaged
one or one from another version is set aside (renamed), an unwritable one is bypassed, with one warning.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import sqlite3
import time
from dataclasses import asdict, fields
from pathlib import Path

import numpy as np

from app import __version__
from app.core.records import EditReason, RowKind
from app.core.settings import CACHE_FILE, default_cache_folder

#: The layout of the tables below; a database with another one is set aside, never read.
SCHEMA = 2
_ROW_KINDS = frozenset(str(k) for k in RowKind)
_OPS = frozenset(["equal", "delete", "insert", "typography"])
_REASONS = frozenset(r.value for r in EditReason)
_BUSY_MS = 10000  # two scans at once: the second waits for the first's write rather than failing


class Miss(Exception):
    """A cached value that does not have the expected shape: treated as never cached."""


def default_cache_path() -> Path:
    return default_cache_folder() / CACHE_FILE


def _path_key(path: str) -> bytes:
    # file names need not be valid UTF-8 on Linux: stored as the bytes the system gave
    return os.fsencode(path)


# ---------------------------------------------------------------- payloads (made in worker processes)

def pack_article(article, shingles: np.ndarray) -> tuple:
    """An article's cacheable columns: encoding, text, title, language, sentences/flags/extra JSON, shingles."""
    extra = {"confidence": article.confidence, "notes": article.notes, "headline": _plain(article.headline),
             "deck": _plain(article.deck)}
    return (
        article.encoding, article.text, article.title, article.language,
        json.dumps([[s, e] for s, e in article.sentences], separators=(",", ":")),
        json.dumps([[f.start, f.end, f.kind, f.reason] for f in article.flags], separators=(",", ":")),
        json.dumps(extra, separators=(",", ":")),
        np.ascontiguousarray(shingles, dtype="<u8").tobytes(),
    )


def unpack_article(sha256: str, row: tuple) -> tuple[dict, np.ndarray]:
    """Keyword arguments for Article (less id and path) and the shingles; Miss if anything is off."""
    from app.core.records import Flag

    encoding, text, title, language, sentences, flags, extra, shingles = row
    _need(all(isinstance(v, str) for v in (encoding, text, title, language)))
    _need(isinstance(shingles, bytes) and len(shingles) % 8 == 0)
    n = len(text)
    spans = [_span(x, n) for x in _json_list(sentences)]
    marks = []
    for f in _json_list(flags):
        _need(isinstance(f, list) and len(f) == 4 and isinstance(f[2], str) and isinstance(f[3], str))
        marks.append(Flag(*_span(f[:2], n), f[2], f[3]))
    more = json.loads(extra) if isinstance(extra, str) else None
    _need(isinstance(more, dict))
    kwargs = {"sha256": sha256, "encoding": encoding, "text": text, "title": title, "language": language,
              "sentences": spans, "flags": marks}
    for name in _EXTRA:
        if name in more:
            kwargs[name] = _EXTRA[name](more[name], n)
    return kwargs, np.frombuffer(shingles, dtype="<u8").astype(np.uint64)


def _plain(value):
    return list(value) if isinstance(value, tuple) else value


def _confidence(v, n: int) -> float:
    _need(_number(v) and 0 <= v <= 1)
    return float(v)


def _notes(v, n: int) -> list[str]:
    _need(isinstance(v, list) and all(isinstance(x, str) for x in v))
    return v


def _span_or_none(v, n: int):
    return None if v is None else _span(v, n)


_EXTRA = {"confidence": _confidence, "notes": _notes, "headline": _span_or_none, "deck": _span_or_none}


def pack_pair(rows: list, fidelity, relation, figures) -> tuple:
    """A pair's cacheable columns: rows as compact lists; fidelity, relation and figures as numbers (JSON)."""
    compact = [[str(r.kind), r.a, r.b, r.similarity, r.severity, bool(r.typography),
                [[e.op, list(e.a) if e.a else None, list(e.b) if e.b else None, e.reason] for e in r.edits]]
               for r in rows]
    rest = {"fidelity": asdict(fidelity), "relation": None if relation is None else str(relation),
            "figures": asdict(figures)}
    return json.dumps(compact, separators=(",", ":")), json.dumps(rest, separators=(",", ":"))


def unpack_pair(row: tuple) -> tuple:
    """(rows, fidelity, relation or None, figures), as align_pair gives them; Miss if anything is off."""
    from app.core.records import Edit, Fidelity, Relation, RelationFigures, Row

    rows_json, rest_json = row
    rows = []
    for r in _json_list(rows_json):
        _need(isinstance(r, list) and len(r) == 7)
        kind, a, b, similarity, severity, typography, edits = r
        _need(kind in _ROW_KINDS and _ints(a) and _ints(b) and _number(similarity) and isinstance(severity, str)
              and isinstance(typography, bool) and isinstance(edits, list))
        out_edits = []
        for e in edits:
            _need(isinstance(e, list) and len(e) == 4 and e[0] in _OPS and (e[3] is None or e[3] in _REASONS))
            out_edits.append(Edit(e[0], _opt_span(e[1]), _opt_span(e[2]), None if e[3] is None else EditReason(e[3])))
        rows.append(Row(RowKind(kind), a, b, float(similarity), severity, typography, out_edits))
    rest = json.loads(rest_json) if isinstance(rest_json, str) else None
    _need(isinstance(rest, dict) and set(rest) == {"fidelity", "relation", "figures"})
    relation = rest["relation"]
    _need(relation is None or relation in {r.value for r in Relation})
    return (rows, _numbers(Fidelity, rest["fidelity"]), None if relation is None else Relation(relation),
            _numbers(RelationFigures, rest["figures"]))


def _numbers(cls, values: dict):
    """A record of plain numbers, rebuilt only if it has exactly the record's fields."""
    names = [f.name for f in fields(cls)]
    _need(isinstance(values, dict) and sorted(values) == sorted(names)
          and all(_number(v) for v in values.values()))
    return cls(**values)


def _need(ok: bool) -> None:
    if not ok:
        raise Miss


def _json_list(raw) -> list:
    _need(isinstance(raw, str))
    value = json.loads(raw)
    _need(isinstance(value, list))
    return value


def _number(v) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v)


def _ints(v) -> bool:
    return isinstance(v, list) and all(isinstance(x, int) and not isinstance(x, bool) and x >= 0 for x in v)


def _span(v, n: int) -> tuple[int, int]:
    _need(isinstance(v, list) and len(v) == 2 and _ints(v) and v[0] <= v[1] <= n)
    return v[0], v[1]


def _opt_span(v) -> tuple[int, int] | None:
    if v is None:
        return None
    _need(isinstance(v, list) and len(v) == 2 and _ints(v) and v[0] <= v[1])
    return v[0], v[1]


# ---------------------------------------------------------------- the database

_TABLES = {
    "meta": "key TEXT PRIMARY KEY, value TEXT",
    "files": "path BLOB PRIMARY KEY, size INTEGER, mtime_ns INTEGER, sha256 TEXT",
    "articles": "sha256 TEXT, settings TEXT, encoding TEXT, text TEXT, title TEXT, language TEXT, "
                "sentences TEXT, flags TEXT, extra TEXT, shingles BLOB, PRIMARY KEY (sha256, settings)",
    "pairs": "a TEXT, b TEXT, settings TEXT, rows TEXT, fidelity TEXT, PRIMARY KEY (a, b, settings)",
    "outputs": "signature TEXT, kind TEXT, payload TEXT, used REAL, PRIMARY KEY (signature, kind)",
}
_ARTICLE_COLS = "encoding, text, title, language, sentences, flags, extra, shingles"


class _OtherSchema(Exception):
    """The file is a database, but not one this version wrote."""


class AnalysisCache:
    """Never raises to its caller: on trouble it warns once (see `warnings`) and stops caching."""

    def __init__(self, path: str | Path | None = None):
        self.path = Path(path) if path else default_cache_path()
        self.version = __version__
        self.warnings: list[str] = []
        self.db: sqlite3.Connection | None = None
        try:
            self.db = self._open()
        except _OtherSchema as err:
            self._set_aside(str(err))
        except sqlite3.DatabaseError as err:
            if _unwritable(err):
                self._bypass(f"it cannot be written ({err})")
            else:
                self._set_aside(f"it is damaged ({err})")
        except OSError as err:
            self._bypass(f"its folder cannot be used ({err.strerror or err})")

    def _open(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fresh = not self.path.exists() or self.path.stat().st_size == 0
        db = sqlite3.connect(str(self.path), check_same_thread=False, timeout=_BUSY_MS / 1000)
        try:
            db.execute(f"PRAGMA busy_timeout={_BUSY_MS}")
            names = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            if not fresh and names:
                self._check_schema(db, names)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            with db:
                for table, cols in _TABLES.items():
                    db.execute(f"CREATE TABLE IF NOT EXISTS {table} ({cols})")
                db.execute("INSERT OR REPLACE INTO meta VALUES ('schema', ?)", (str(SCHEMA),))
        except BaseException:
            db.close()
            raise
        return db

    @staticmethod
    def _check_schema(db: sqlite3.Connection, names: set[str]) -> None:
        row = db.execute("SELECT value FROM meta WHERE key='schema'").fetchone() if "meta" in names else None
        if row is None or row[0] != str(SCHEMA):
            raise _OtherSchema("it was written by another version of Wiretrace")
        for table, cols in _TABLES.items():
            want = [c.split()[0] for c in cols.split(", PRIMARY KEY")[0].split(", ")]
            have = [r[1] for r in db.execute(f"PRAGMA table_info({table})")]
            if want != have:
                raise _OtherSchema(f"its table {table} has another layout")

    def _set_aside(self, why: str) -> None:
        aside = self.path.with_name(f"{self.path.name}.unusable-{time.strftime('%Y%m%d-%H%M%S')}")
        try:
            for suffix in ("-wal", "-shm"):  # a stale journal must not be replayed into the new file
                side = Path(f"{self.path}{suffix}")
                if side.exists():
                    side.rename(Path(f"{aside}{suffix}"))
            self.path.rename(aside)
            self.db = self._open()
        except (OSError, sqlite3.Error) as err:
            self._bypass(f"{why}, and it cannot be set aside ({err})")
            return
        self.warnings.append(f"The analysis cache was set aside as {aside.name} because {why}; "
                             "this scan rebuilds it.")

    def _bypass(self, why: str) -> None:
        if self.db is not None:
            with contextlib.suppress(sqlite3.Error):
                self.db.close()
        self.db = None
        if not self.warnings:  # one warning per scan, however many calls fail after the first
            self.warnings.append(f"The analysis cache at {self.path} is not used because {why}; "
                                 "the scan goes on without it (slower on the next scan).")

    def _run(self, what, default):
        """Run `what(db)`; any database trouble turns the cache off with one warning."""
        if self.db is None:
            return default
        try:
            return what(self.db)
        except sqlite3.Error as err:
            with contextlib.suppress(sqlite3.Error):
                self.db.rollback()
            self._bypass(f"it failed while in use ({err})")
            return default

    def close(self) -> None:
        if self.db is not None:
            self.db.close()
            self.db = None

    def known_hashes(self, stats: dict[str, tuple[int, int]]) -> dict[str, str]:
        """The content hash of each path whose size and modification time match what was seen before."""
        by_key = {_path_key(p): p for p in stats}

        def read(db):
            out = {}
            for key, size, mtime, sha in db.execute("SELECT path, size, mtime_ns, sha256 FROM files"):
                path = by_key.get(key) if isinstance(key, bytes) else None
                if path is not None and stats[path] == (size, mtime) and isinstance(sha, str):
                    out[path] = sha
            return out

        return self._run(read, {})

    def remember_files(self, rows: list[tuple[str, int, int, str]]) -> None:
        def write(db):
            with db:
                db.executemany("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?)",
                               [(_path_key(p), size, mtime, sha) for p, size, mtime, sha in rows])

        self._run(write, None)

    def _key(self, settings: str) -> str:
        return f"{self.version}|{settings}"

    def get_articles(self, hashes: list[str], settings: str) -> dict[str, tuple[dict, np.ndarray]]:
        """(Article keyword arguments, shingles) by content hash; damaged entries are left out."""
        rows = self._articles(hashes, self._key(settings))
        out = {}
        for row in rows:
            try:
                out[row[0]] = unpack_article(row[0], row[1:])
            except (Miss, ValueError, TypeError, RecursionError):
                continue
        return out

    def _articles(self, hashes: list[str], key: str) -> list[tuple]:
        def read(db):
            out = []
            for start in range(0, len(hashes), 400):
                chunk = hashes[start : start + 400]
                marks = ",".join("?" * len(chunk))
                out += db.execute(f"SELECT sha256, {_ARTICLE_COLS} FROM articles "
                                  f"WHERE settings=? AND sha256 IN ({marks})", [key, *chunk]).fetchall()
            return out

        return self._run(read, [])

    def put_packed_articles(self, items: dict[str, tuple], settings: str) -> None:
        key = self._key(settings)
        rows = [(sha, key, *payload) for sha, payload in items.items()]

        def write(db):
            with db:
                for row in rows:
                    try:
                        db.execute("INSERT OR REPLACE INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", row)
                    except UnicodeEncodeError:  # text SQLite cannot hold (a lone surrogate): not cached
                        continue

        self._run(write, None)

    def get_outputs(self, signature: str) -> dict[str, str]:
        """Reports rendered before for exactly these files and settings (see revision.scan_signature)."""
        rows = self._run(lambda db: db.execute("SELECT kind, payload FROM outputs WHERE signature=?",
                                               (signature,)).fetchall(), [])
        return {kind: text for kind, text in rows if isinstance(kind, str) and isinstance(text, str)}

    def put_outputs(self, signature: str, outputs: dict[str, str], keep: int = 4) -> None:
        now = time.time()

        def write(db):
            with db:
                db.executemany("INSERT OR REPLACE INTO outputs VALUES (?, ?, ?, ?)",
                               [(signature, k, v, now) for k, v in outputs.items()])
                # only the most recent scans are worth keeping whole
                db.execute("DELETE FROM outputs WHERE signature NOT IN (SELECT signature FROM outputs "
                           "GROUP BY signature ORDER BY MAX(used) DESC LIMIT ?)", (keep,))

        with contextlib.suppress(UnicodeEncodeError):  # a report naming a file whose name is not UTF-8
            self._run(write, None)

    def get_pairs(self, keys: list[tuple[str, str]], settings: str) -> dict[tuple[str, str], tuple]:
        key = self._key(settings)
        wanted = set(keys)

        def read(db):
            out = []
            for start in range(0, len(keys), 400):
                chunk = keys[start : start + 400]
                out += db.execute(f"SELECT a, b, rows, fidelity FROM pairs WHERE settings=? AND "
                                  f"({' OR '.join(['(a=? AND b=?)'] * len(chunk))})",
                                  [key, *(k for pair in chunk for k in pair)]).fetchall()
            return out

        out = {}
        for a, b, rows, fid in self._run(read, []):
            if (a, b) not in wanted:
                continue
            try:
                out[(a, b)] = unpack_pair((rows, fid))
            except (Miss, ValueError, TypeError, KeyError, RecursionError):
                continue
        return out

    def put_packed_pairs(self, items: dict[tuple[str, str], tuple], settings: str) -> None:
        key = self._key(settings)

        def write(db):
            with db:
                db.executemany("INSERT OR REPLACE INTO pairs VALUES (?, ?, ?, ?, ?)",
                               [(a, b, key, *payload) for (a, b), payload in items.items()])

        self._run(write, None)


def _unwritable(err: sqlite3.Error) -> bool:
    text = str(err).lower()
    return "readonly" in text or "read-only" in text or "unable to open" in text or "disk i/o" in text
