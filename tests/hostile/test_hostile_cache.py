"""A cache is data, never code, and a broken cache never stops a scan (issue 13: broken caches)."""

from __future__ import annotations

import os
import pickle
import sqlite3
import threading

import pytest
from zoo import STORY, Planted, write_story

from app.core.cache import SCHEMA, AnalysisCache


def _folder(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    write_story(docs, "a.txt")
    write_story(docs, "b.txt", STORY.replace("Tuesday", "Wednesday") + "\nReporting by Ann Lee.\n")
    return docs


def _summary(result):
    return ([a.id for a in result.articles], [(p.a, p.b, round(p.score, 4)) for p in result.pairs])


def test_a_pickle_planted_in_an_old_cache_never_runs(tmp_path, scan_folder, unchanged):
    docs, marker, db = _folder(tmp_path), tmp_path / "pwned", tmp_path / "cache" / "analysis.sqlite3"
    db.parent.mkdir()
    # the layout of the version that stored pickles, with a payload for every row a scan would look up
    old = sqlite3.connect(db)
    old.executescript("CREATE TABLE files (path TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER, sha256 TEXT);"
                      "CREATE TABLE articles (sha256 TEXT, settings TEXT, payload BLOB, PRIMARY KEY (sha256, settings));"
                      "CREATE TABLE pairs (a TEXT, b TEXT, settings TEXT, payload BLOB, PRIMARY KEY (a, b, settings));")
    old.execute("INSERT INTO articles VALUES ('x', 'y', ?)", (pickle.dumps(Planted(marker)),))
    old.commit()
    old.close()
    with unchanged(docs):
        cache = AnalysisCache(db)
        result = scan_folder(docs, cache=cache)
        cache.close()
    assert not marker.exists()
    assert len(result.articles) == 2 and len(result.pairs) == 1
    assert len(result.warnings) == 1 and "set aside" in result.warnings[0]
    assert any(p.name.startswith("analysis.sqlite3.unusable-") for p in db.parent.iterdir())


def test_a_pickle_planted_in_every_column_of_todays_cache_is_detected_and_never_runs(tmp_path, scan_folder, unchanged):
    docs, marker, db = _folder(tmp_path), tmp_path / "pwned", tmp_path / "analysis.sqlite3"
    cache = AnalysisCache(db)
    first = scan_folder(docs, cache=cache)
    cache.close()
    bomb = pickle.dumps(Planted(marker))
    con = sqlite3.connect(db)
    for table, cols in (("articles", ["sentences", "flags", "extra", "shingles", "text"]),
                        ("pairs", ["rows", "fidelity"])):
        for col in cols:
            con.execute(f"UPDATE {table} SET {col}=?", (bomb,))
    con.commit()
    con.close()
    with unchanged(docs):
        cache = AnalysisCache(db)
        again = scan_folder(docs, cache=cache)
        cache.close()
    assert not marker.exists()
    assert _summary(again) == _summary(first)
    assert len(again.warnings) == 1 and "damaged" in again.warnings[0] and str(db) in again.warnings[0]


@pytest.mark.parametrize("damage", ["garbage", "truncated", "missing column", "other version", "empty"])
def test_a_damaged_cache_is_set_aside_once_and_the_scan_goes_on(tmp_path, scan_folder, damage):
    docs, db = _folder(tmp_path), tmp_path / "analysis.sqlite3"
    cache = AnalysisCache(db)
    first = scan_folder(docs, cache=cache)
    cache.close()
    if damage == "garbage":
        db.write_bytes(os.urandom(5000))
    elif damage == "truncated":
        db.write_bytes(db.read_bytes()[:1500])
    elif damage == "empty":
        db.write_bytes(b"")
    else:
        con = sqlite3.connect(db)
        if damage == "missing column":
            con.execute("DROP TABLE pairs")
            con.execute("CREATE TABLE pairs (a TEXT, b TEXT, settings TEXT, payload BLOB)")
        else:
            con.execute("UPDATE meta SET value=? WHERE key='schema'", (str(SCHEMA + 7),))
        con.commit()
        con.close()
    cache = AnalysisCache(db)
    result = scan_folder(docs, cache=cache)
    cache.close()
    assert _summary(result) == _summary(first)
    if damage == "empty":  # an empty file is just a new cache
        assert result.warnings == []
    else:
        assert len(result.warnings) == 1 and "set aside" in result.warnings[0], result.warnings
    # and the next scan uses the rebuilt cache, silently
    cache = AnalysisCache(db)
    later = scan_folder(docs, cache=cache)
    cache.close()
    assert _summary(later) == _summary(first) and later.warnings == []


def test_a_cache_whose_folder_cannot_be_made_is_bypassed_with_one_warning(tmp_path, scan_folder):
    docs = _folder(tmp_path)
    (tmp_path / "blocker").write_text("a file where the cache folder should be")
    cache = AnalysisCache(tmp_path / "blocker" / "cache" / "analysis.sqlite3")
    result = scan_folder(docs, cache=cache)
    cache.close()
    assert len(result.articles) == 2 and len(result.pairs) == 1
    assert len(result.warnings) == 1 and "not used" in result.warnings[0]


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes through read-only modes")
@pytest.mark.parametrize("what", ["file", "folder"])
def test_a_read_only_cache_is_bypassed_with_one_warning(tmp_path, scan_folder, what):
    docs, folder = _folder(tmp_path), tmp_path / "c"
    folder.mkdir()
    db = folder / "analysis.sqlite3"
    AnalysisCache(db).close()
    (db if what == "file" else folder).chmod(0o555 if what == "folder" else 0o444)
    try:
        cache = AnalysisCache(db)
        result = scan_folder(docs, cache=cache)
        cache.close()
    finally:
        folder.chmod(0o755)
        db.chmod(0o644)
    assert len(result.articles) == 2 and len(result.warnings) == 1


def test_a_cache_that_fails_in_use_turns_itself_off_with_one_warning(tmp_path, scan_folder):
    docs, db = _folder(tmp_path), tmp_path / "analysis.sqlite3"
    cache = AnalysisCache(db)
    cache.db.execute("DROP TABLE articles")  # as if another program broke it under the scan
    result = scan_folder(docs, cache=cache)
    cache.close()
    assert len(result.articles) == 2 and len(result.pairs) == 1
    assert len(result.warnings) == 1 and "failed while in use" in result.warnings[0]


def test_two_scans_at_once_share_one_cache(tmp_path, scan_folder):
    docs, db = tmp_path / "docs", tmp_path / "analysis.sqlite3"
    docs.mkdir()
    for n in range(30):
        write_story(docs, f"{n:02}.txt", STORY.replace("Tuesday", f"day {n}") + f"\nFiled {n}.\n")
    results, errors = [], []

    def one():
        try:
            cache = AnalysisCache(db)
            results.append(scan_folder(docs, cache=cache))
            cache.close()
        except Exception as err:  # reported below
            errors.append(err)

    threads = [threading.Thread(target=one) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors and len(results) == 2
    assert _summary(results[0]) == _summary(results[1])
    assert results[0].warnings == results[1].warnings == []
    assert sqlite3.connect(db).execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_the_cache_holds_file_names_that_are_not_utf8(tmp_path, scan_folder):
    docs, db = tmp_path / "docs", tmp_path / "analysis.sqlite3"
    docs.mkdir()
    name = os.fsdecode(b"caf\xe9.txt")
    (docs / name).write_text(STORY, encoding="utf-8")
    write_story(docs, "plain.txt")
    for _ in range(2):
        cache = AnalysisCache(db)
        result = scan_folder(docs, cache=cache)
        cache.close()
        assert sorted(a.id for a in result.articles) == sorted([name, "plain.txt"]) and result.warnings == []
    known = sqlite3.connect(db).execute("SELECT path FROM files").fetchall()
    assert os.fsencode(os.path.join(docs, name)) in {k for (k,) in known}


def test_a_cache_path_that_cannot_be_opened_is_bypassed_with_one_warning(tmp_path, scan_folder):
    docs, db = _folder(tmp_path), tmp_path / "analysis.sqlite3"
    db.mkdir()  # a folder where the database should be: no file can be opened there (even as root)
    cache = AnalysisCache(db)
    result = scan_folder(docs, cache=cache)
    cache.close()
    assert len(result.articles) == 2 and len(result.pairs) == 1
    assert len(result.warnings) == 1, result.warnings
    assert db.is_dir() and not any(db.iterdir())


def test_a_cache_locked_by_another_scan_is_waited_for_or_left_alone_never_set_aside(tmp_path, scan_folder, monkeypatch):
    docs, db = _folder(tmp_path), tmp_path / "analysis.sqlite3"
    cache = AnalysisCache(db)
    first = scan_folder(docs, cache=cache)
    cache.close()
    holder = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN EXCLUSIVE")  # another scan in the middle of a write

    # released within the wait: the cache is used, nothing said
    threading.Timer(0.5, holder.execute, ["COMMIT"]).start()
    cache = AnalysisCache(db)
    assert cache.db is not None and cache.warnings == []
    cache.close()

    # held past the wait: this scan goes on without the cache, and the other scan's file stays where it is
    monkeypatch.setattr("app.core.cache._BUSY_MS", 200)
    holder.execute("BEGIN EXCLUSIVE")
    cache = AnalysisCache(db)
    result = scan_folder(docs, cache=cache)
    cache.close()
    holder.execute("COMMIT")
    holder.close()
    assert _summary(result) == _summary(first)
    assert len(cache.warnings) == 1 and "not used" in cache.warnings[0] and "locked" in cache.warnings[0]
    assert not any(p.name.startswith("analysis.sqlite3.unusable-") for p in tmp_path.iterdir())
    assert db.exists()
