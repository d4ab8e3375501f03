"""The analysis cache: SQLite under the platformdirs cache folder, keyed by each file's content hash.

Reopening a folder reads only what changed: a file whose size and modification time are unchanged is not
read at all, and an article or pair analysed before with the same settings is not analysed again.

A cache is data, never code: plain columns, JSON and raw integer arrays. Every row carries a checksum of all
its values, and every value is checked on the way back in for shape and meaning (types, lengths, ranges,
offsets inside the text); a row that fails is ignored and worked out again from the file, with one warning
naming the cache. A cache that cannot be opened, read or written never stops a scan: a damaged one or one from
another version is set aside (renamed), an unwritable one is bypassed, with one warning.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import math
import os
import re
import sqlite3
import time
from dataclasses import asdict, fields
from pathlib import Path

import numpy as np

from app import __version__
from app.core.records import EditReason, RowKind
from app.core.settings import CACHE_FILE, default_cache_folder

#: The layout of the tables below; a database with another one is set aside, never read.
SCHEMA = 3
_ROW_KINDS = frozenset(str(k) for k in RowKind)
_OPS = frozenset(["equal", "delete", "insert", "typography"])
_SEVERITIES = frozenset(["low", "high"])
_REASONS = frozenset(r.value for r in EditReason)
_NAME_MAX = 64  # an encoding, a language or a flag's kind is a short name
_BUSY_MS = 10000  # two scans at once: the second waits for the first's write rather than failing
_OPEN_RETRIES = (0.05, 0.1, 0.2)  # and tries its open again after these seconds when SQLite declined to wait


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
    _need(0 < len(encoding) <= _NAME_MAX and len(language) <= _NAME_MAX)
    n = len(text)
    spans = _spans(sentences, n)
    marks = []
    for f in _json_list(flags):
        _need(isinstance(f, list) and len(f) == 4 and isinstance(f[2], str) and 0 < len(f[2]) <= _NAME_MAX
              and isinstance(f[3], str))
        marks.append(Flag(*_span(f[:2], n), f[2], f[3]))
    more = _json(extra)
    _need(isinstance(more, dict) and set(more) == set(_EXTRA))
    kwargs = {"sha256": sha256, "encoding": encoding, "text": text, "title": title, "language": language,
              "sentences": spans, "flags": marks}
    for name in _EXTRA:
        kwargs[name] = _EXTRA[name](more[name], n)
    return kwargs, _shingles(shingles, n)


def _shingles(raw, n: int) -> np.ndarray:
    """Shingle hashes as shingle_hashes gives them: distinct and sorted, no more of them than characters."""
    _need(isinstance(raw, bytes) and len(raw) % 8 == 0 and len(raw) // 8 <= max(n, 1))
    values = np.frombuffer(raw, dtype="<u8").astype(np.uint64)
    _need(bool(np.all(values[1:] > values[:-1])))
    return values


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


def unpack_pair(row: tuple, side_a: tuple[int, int], side_b: tuple[int, int]) -> tuple:
    """(rows, fidelity, relation or None, figures), as align_pair gives them; Miss if anything is off.

    `side_a` and `side_b` are (length of the text, number of sentences) of the pair's two articles: every
    sentence index and every edit's span must fall inside its own article.
    """
    from app.core.records import Edit, Fidelity, Relation, RelationFigures, Row
    from app.core.relations import decide

    rows_json, rest_json = row
    (chars_a, count_a), (chars_b, count_b) = side_a, side_b
    rows = []
    for r in _json_list(rows_json):
        _need(isinstance(r, list) and len(r) == 7)
        kind, a, b, similarity, severity, typography, edits = r
        _need(kind in _ROW_KINDS and _ints(a, count_a) and _ints(b, count_b) and _number(similarity)
              and 0 <= similarity <= 1 and severity in _SEVERITIES and isinstance(typography, bool)
              and isinstance(edits, list))
        out_edits = []
        for e in edits:
            _need(isinstance(e, list) and len(e) == 4 and e[0] in _OPS and (e[3] is None or e[3] in _REASONS))
            out_edits.append(Edit(e[0], _span_or_none(e[1], chars_a), _span_or_none(e[2], chars_b),
                                  None if e[3] is None else EditReason(e[3])))
        rows.append(Row(RowKind(kind), a, b, float(similarity), severity, typography, out_edits))
    rest = _json(rest_json)
    _need(isinstance(rest, dict) and set(rest) == {"fidelity", "relation", "figures"})
    relation = rest["relation"]
    _need(relation is None or relation in {r.value for r in Relation})
    fidelity, figures = _numbers(Fidelity, rest["fidelity"]), _numbers(RelationFigures, rest["figures"])
    _need(_consistent(rows, fidelity, figures, side_a, side_b))
    relation = None if relation is None else Relation(relation)
    _need(relation is None or relation == decide(figures))
    return rows, fidelity, relation, figures


def _consistent(rows: list, fidelity, figures, side_a: tuple[int, int], side_b: tuple[int, int]) -> bool:
    """The figures agree with the rows they were counted from and fit inside the two articles."""
    (chars_a, count_a), (chars_b, count_b) = side_a, side_b
    # high-risk and style rows are counted over the text the pair shares only (fidelity.py): at most all rows
    return (fidelity.high_risk <= sum(r.severity == "high" for r in rows) and fidelity.style <= len(rows)
            and fidelity.typography_only == sum(r.kind == "same" and r.typography for r in rows)
            and fidelity.chars_a <= chars_a and fidelity.chars_b <= chars_b
            and figures.shared_sentences <= min(count_a, count_b)
            and figures.longest_run <= len(rows) and figures.shared_other <= len(rows)
            and figures.narrative_a <= chars_a and figures.narrative_b <= chars_b)  # words, never more than characters


def _numbers(cls, values: dict):
    """A record of plain numbers, rebuilt only if it has exactly the record's fields, each of its type:
    counts are whole and not negative, shares lie between 0 and 1."""
    kinds = {f.name: str(f.type) for f in fields(cls)}
    _need(isinstance(values, dict) and set(values) == set(kinds))
    for name, v in values.items():
        if kinds[name] == "int":
            _need(isinstance(v, int) and not isinstance(v, bool) and v >= 0)
        else:
            _need(_number(v) and 0 <= v <= 1)
    return cls(**values)


def _need(ok: bool) -> None:
    if not ok:
        raise Miss


def _json(raw):
    _need(isinstance(raw, str))
    return json.loads(raw)  # JSON nested too deep raises RecursionError: a miss like any other


def _json_list(raw) -> list:
    value = _json(raw)
    _need(isinstance(value, list))
    return value


def _number(v) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v)


# The checks below run for every span and index of every cached article and pair (millions at 10,000
# articles): flat, with `type(x) is int` (which also refuses True and False), so they cost little.

def _ints(v, below: int) -> bool:
    """A list of indices into something of `below` items."""
    return type(v) is list and all(type(x) is int and 0 <= x < below for x in v)


def _span(v, n: int) -> tuple[int, int]:
    """A (start, end) span inside a text of n characters."""
    if type(v) is list and len(v) == 2:
        start, end = v
        if type(start) is int and type(end) is int and 0 <= start <= end <= n:
            return start, end
    raise Miss


def _spans(v, n: int) -> list[tuple[int, int]]:
    """Sentences: spans inside a text of n characters, in reading order."""
    out, last = [], 0
    for x in _json_list(v):
        start, end = _span(x, n)
        _need(start >= last)
        out.append((start, end))
        last = start
    return out


# ---------------------------------------------------------------- the database

_TABLES = {
    "meta": "key TEXT PRIMARY KEY, value TEXT",
    "files": "path BLOB PRIMARY KEY, size INTEGER, mtime_ns INTEGER, sha256 TEXT, checksum BLOB",
    "articles": "sha256 TEXT, settings TEXT, encoding TEXT, text TEXT, title TEXT, language TEXT, "
                "sentences TEXT, flags TEXT, extra TEXT, shingles BLOB, checksum BLOB, PRIMARY KEY (sha256, settings)",
    "pairs": "a TEXT, b TEXT, settings TEXT, rows TEXT, fidelity TEXT, checksum BLOB, PRIMARY KEY (a, b, settings)",
    "outputs": "signature TEXT, kind TEXT, payload TEXT, used REAL, checksum BLOB, PRIMARY KEY (signature, kind)",
}
_ARTICLE_COLS = "encoding, text, title, language, sentences, flags, extra, shingles"
_SHA256 = re.compile(r"[0-9a-f]{64}")
#: How the stored reports of an unchanged folder begin and end (report.py writes them); every one ends a line.
_FRAMES = {"json": ('{"schema":"wiretrace.scan/', "}\n"), "html": ("<!doctype html>", "</html>\n")}


class _Utf8:
    """Text read as the UTF-8 bytes SQLite holds: checksummed as the text it is, without a copy."""

    __slots__ = ("raw",)

    def __init__(self, raw: bytes):
        self.raw = raw


def checksum(values: tuple) -> bytes:
    """A checksum of a row's values, each with its type and length: stored with the row, checked on reading."""
    digest = hashlib.sha256()
    for v in values:
        if isinstance(v, str):
            tag, data = b"s", v.encode("utf-8", "surrogatepass")  # lone surrogates: see text_factory
        elif isinstance(v, _Utf8):
            tag, data = b"s", v.raw
        elif isinstance(v, bytes):
            tag, data = b"b", v
        elif isinstance(v, float):
            tag, data = b"f", v.hex().encode()
        elif isinstance(v, int):
            tag, data = b"i", str(v).encode()
        else:
            tag, data = b"n", repr(v).encode()
        digest.update(tag + len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.digest()[:16]


def _framed(kind, payload) -> bool:
    """A stored report that is whole: text that begins and ends as its kind does (a cut one does not)."""
    start, end = _FRAMES.get(kind, ("", "\n"))
    return isinstance(payload, str) and payload.startswith(start) and payload.endswith(end)


class _OtherSchema(Exception):
    """The file is a database, but not one this version wrote."""


class AnalysisCache:
    """Never raises to its caller: on trouble it warns once (see `warnings`) and stops caching."""

    def __init__(self, path: str | Path | None = None):
        self.path = Path(path) if path else default_cache_path()
        self.version = __version__
        self.warnings: list[str] = []
        self.damaged = 0  # rows that failed their checks in this scan
        self._damage_line: int | None = None  # where in `warnings` the one line about them is
        self._sides: dict[str, tuple[int, int]] = {}  # this scan's articles: (text length, sentences) by hash
        self.db: sqlite3.Connection | None = None
        try:
            self.db = self._open_when_free()
        except _OtherSchema as err:
            self._set_aside(str(err))
        except sqlite3.DatabaseError as err:
            if _busy(err):  # another scan holds it: in use is not damaged, and never set aside under that scan
                self._bypass(f"another scan kept it locked for over {_BUSY_MS // 1000} s")
            elif _unwritable(err):
                self._bypass(f"it cannot be written ({err})")
            else:
                self._set_aside(f"it is damaged ({err})")
        except OSError as err:
            self._bypass(f"its folder cannot be used ({err.strerror or err})")

    def _open_when_free(self) -> sqlite3.Connection:
        """Open, trying again when another scan's open or write was in the way: SQLite answers "locked" at
        once, without waiting, where waiting could deadlock two writers (two scans creating one cache)."""
        for delay in _OPEN_RETRIES:
            try:
                return self._open()
            except sqlite3.OperationalError as err:
                if not _busy(err):
                    raise
            time.sleep(delay)
        return self._open()

    def _open(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fresh = not self.path.exists() or self.path.stat().st_size == 0
        db = sqlite3.connect(str(self.path), check_same_thread=False, timeout=_BUSY_MS / 1000)
        # text that is not UTF-8 (written by something else) reads as text that fails its checksum, not as an error
        db.text_factory = lambda raw: raw.decode("utf-8", "surrogateescape")
        try:
            db.execute(f"PRAGMA busy_timeout={_BUSY_MS}")
            names = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            if not fresh and names:
                self._check_schema(db, names)
            if db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":  # switching needs the file to itself
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
        self.warnings.append(f"The analysis cache at {self.path} was set aside as {aside.name} because {why}; "
                             "this scan rebuilds it.")

    def _bypass(self, why: str) -> None:
        if self.db is not None:
            with contextlib.suppress(sqlite3.Error):
                self.db.close()
        self.db = None
        if len(self.warnings) == (self._damage_line is not None):  # one per scan, however many calls fail
            self.warnings.append(f"The analysis cache at {self.path} is not used because {why}; "
                                 "the scan goes on without it (slower on the next scan).")

    def _damaged(self, table: str, rowid: int) -> None:
        """A row that failed its checks: dropped (the scan works it out again), counted in one warning."""
        with contextlib.suppress(sqlite3.Error), self.db:
            self.db.execute(f"DELETE FROM {table} WHERE rowid=?", (rowid,))
        self.damaged += 1
        line = (f"The analysis cache at {self.path} held {self.damaged} damaged "
                f"{'entry' if self.damaged == 1 else 'entries'}; they were ignored and worked out again "
                "from the files.")
        if self._damage_line is None:
            self._damage_line = len(self.warnings)
            self.warnings.append(line)
        else:
            self.warnings[self._damage_line] = line

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
            rows = db.execute("SELECT rowid, path, size, mtime_ns, sha256, checksum FROM files").fetchall()
            for rowid, key, size, mtime, sha, check in rows:
                path = by_key.get(key) if isinstance(key, bytes) else None
                if path is None:  # a file of another folder, not this scan's to judge
                    continue
                if check != checksum((key, size, mtime, sha)) or not (isinstance(sha, str) and _SHA256.fullmatch(sha)):
                    self._damaged("files", rowid)
                elif stats[path] == (size, mtime):
                    out[path] = sha
            return out

        return self._run(read, {})

    def remember_files(self, rows: list[tuple[str, int, int, str]]) -> None:
        def write(db):
            with db:
                db.executemany("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?)",
                               [(*row, checksum(row)) for row in
                                ((_path_key(p), size, mtime, sha) for p, size, mtime, sha in rows)])

        self._run(write, None)

    def _key(self, settings: str) -> str:
        return f"{self.version}|{settings}"

    def get_articles(self, hashes: list[str], settings: str) -> dict[str, tuple[dict, np.ndarray]]:
        """(Article keyword arguments, shingles) by content hash; damaged entries are left out."""
        key = self._key(settings)
        out = {}
        for rowid, sha, *values, check in self._articles(hashes, key):
            try:
                _need(check == checksum((sha, key, *values)))
                kwargs, shingles = unpack_article(sha, tuple(values))
            except (Miss, ValueError, TypeError, RecursionError):
                self._damaged("articles", rowid)
                continue
            out[sha] = kwargs, shingles
            self._sides[sha] = len(kwargs["text"]), len(kwargs["sentences"])
        return out

    def _articles(self, hashes: list[str], key: str) -> list[tuple]:
        def read(db):
            out = []
            for start in range(0, len(hashes), 400):
                chunk = hashes[start : start + 400]
                marks = ",".join("?" * len(chunk))
                out += db.execute(f"SELECT rowid, sha256, {_ARTICLE_COLS}, checksum FROM articles "
                                  f"WHERE settings=? AND sha256 IN ({marks})", [key, *chunk]).fetchall()
            return out

        return self._run(read, [])

    def put_packed_articles(self, items: dict[str, tuple], settings: str) -> None:
        key = self._key(settings)
        for sha, payload in items.items():  # what the pairs read back later are checked against
            self._sides[sha] = len(payload[1]), len(json.loads(payload[4]))

        def write(db):
            with db:
                for sha, payload in items.items():
                    row = (sha, key, *payload)
                    try:
                        db.execute("INSERT OR REPLACE INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                   (*row, checksum(row)))
                    except UnicodeEncodeError:  # text SQLite cannot hold (a lone surrogate): not cached
                        continue

        self._run(write, None)

    def get_outputs(self, signature: str) -> dict[str, str]:
        """Reports rendered before for exactly these files and settings (see revision.scan_signature), each whole
        and unchanged since it was stored."""
        # a report as its bytes: checked before it is decoded once, not decoded, encoded and checked (78 MB at 10k)
        rows = self._run(lambda db: db.execute("SELECT rowid, kind, typeof(payload), CAST(payload AS BLOB), used, "
                                               "checksum FROM outputs WHERE signature=?", (signature,)).fetchall(), [])
        out = {}
        for rowid, kind, stored_as, raw, used, check in rows:
            try:
                _need(stored_as == "text" and check == checksum((signature, kind, _Utf8(raw), used)))
                payload = raw.decode()
                _need(_framed(kind, payload))
            except (Miss, UnicodeDecodeError):
                self._damaged("outputs", rowid)
                continue
            out[kind] = payload
        return out

    def put_outputs(self, signature: str, outputs: dict[str, str], keep: int = 4) -> None:
        """Keep a scan's reports for an unchanged rescan; not when this scan warned about the cache, so the
        next rescan does not repeat a warning that no longer holds."""
        if self.warnings:
            return
        now = time.time()

        def write(db):
            with db:
                db.executemany("INSERT OR REPLACE INTO outputs VALUES (?, ?, ?, ?, ?)",
                               [(signature, k, v, now, checksum((signature, k, v, now))) for k, v in outputs.items()])
                # only the most recent scans are worth keeping whole
                db.execute("DELETE FROM outputs WHERE signature NOT IN (SELECT signature FROM outputs "
                           "GROUP BY signature ORDER BY MAX(used) DESC LIMIT ?)", (keep,))

        with contextlib.suppress(UnicodeEncodeError):  # a report naming a file whose name is not UTF-8
            self._run(write, None)

    def get_pairs(self, keys: list[tuple[str, str]], settings: str) -> dict[tuple[str, str], tuple]:
        """Alignments of pairs of this scan's articles (read or analysed before, see `_sides`), by hashes."""
        key = self._key(settings)
        wanted = set(keys)

        def read(db):
            out = []
            for start in range(0, len(keys), 400):
                chunk = keys[start : start + 400]
                out += db.execute(f"SELECT rowid, a, b, rows, fidelity, checksum FROM pairs WHERE settings=? AND "
                                  f"({' OR '.join(['(a=? AND b=?)'] * len(chunk))})",
                                  [key, *(k for pair in chunk for k in pair)]).fetchall()
            return out

        out = {}
        for rowid, a, b, rows, fid, check in self._run(read, []):
            # a side is its text's hash, with a digest of its recurring-line flags after ":" (cache_policy)
            side_a, side_b = self._sides.get(a.split(":", 1)[0]), self._sides.get(b.split(":", 1)[0])
            if (a, b) not in wanted or side_a is None or side_b is None:
                continue  # nothing to check it against: aligned again
            try:
                _need(check == checksum((a, b, key, rows, fid)))
                out[(a, b)] = unpack_pair((rows, fid), side_a, side_b)
            except (Miss, ValueError, TypeError, KeyError, RecursionError):
                self._damaged("pairs", rowid)
        return out

    def put_packed_pairs(self, items: dict[tuple[str, str], tuple], settings: str) -> None:
        key = self._key(settings)

        def write(db):
            with db:
                db.executemany("INSERT OR REPLACE INTO pairs VALUES (?, ?, ?, ?, ?, ?)",
                               [(*row, checksum(row)) for row in
                                ((a, b, key, *payload) for (a, b), payload in items.items())])

        self._run(write, None)


def _busy(err: sqlite3.Error) -> bool:
    name = getattr(err, "sqlite_errorname", "")
    return name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "database is locked" in str(err).lower()


def _unwritable(err: sqlite3.Error) -> bool:
    text = str(err).lower()
    return "readonly" in text or "read-only" in text or "unable to open" in text or "disk i/o" in text
