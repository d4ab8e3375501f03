"""Wrong values inside a sound cache, column by column (issue 22): detected, never trusted.

The columns come from the schema of a cache as this version makes it (`PRAGMA table_info` over
`sqlite_master`), so a column added later is damaged here without a new test. Each kind of damage the issue
lists is written into every row of one column of a filled cache; the next `wiretrace scan` of the unchanged
folder must give the reports of a `--no-cache` scan, at most one warning line (naming the cache), and leave
the folder as it was. Two ways a value goes wrong: "damaged" changes it after its row was written (a disk
error, a sync tool, a half-written row: the row's checksum no longer matches), "resealed" writes it with a
checksum that matches (a writer that got it wrong), which only the checks of shape and meaning can catch.
"""

from __future__ import annotations

import contextlib
import io
import json
import math
import pickle
import random
import re
import shutil
import sqlite3
import tempfile
from pathlib import Path

import pytest
from zoo import STORY, Planted, write_story

from app.cli import main
from app.core.cache import AnalysisCache, checksum

ROOT = Path(__file__).resolve().parents[2]
KINDS = ["not JSON", "truncated JSON", "swapped list/object", "wrong lengths", "numbers as strings", "NaN",
         "nested 100,000 deep", "a pickle", "random bytes of a valid length", "offsets past the text"]
REPORTS = ("json", "csv", "html")


def _schema() -> list[tuple[str, str, bool]]:
    """(table, column, part of the key) of every column of a new cache."""
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "analysis.sqlite3"
        AnalysisCache(db).close()
        con = sqlite3.connect(db)
        tables = [t for (t,) in con.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        out = [(t, row[1], row[5] > 0) for t in tables for row in con.execute(f"PRAGMA table_info({t})")]
        con.close()
    return out


COLUMNS = _schema()



def _tree(value):
    """The JSON array or object a value holds, or None."""
    if not isinstance(value, str) or value[:1] not in "[{" or not value:
        return None
    try:
        return json.loads(value)
    except ValueError:
        return None


def _each_number(tree, change):
    if isinstance(tree, list):
        return [_each_number(x, change) for x in tree]
    if isinstance(tree, dict):
        return {k: _each_number(v, change) for k, v in tree.items()}
    if isinstance(tree, int | float) and not isinstance(tree, bool):
        return change(tree)
    return tree


def _longer(tree):
    """Every list one item longer (its last item again), every object one field more."""
    if isinstance(tree, list):
        return [_longer(x) for x in tree] + [_longer(tree[-1])] if tree else tree
    if isinstance(tree, dict):
        return {**{k: _longer(v) for k, v in tree.items()}, "extra": 0}
    return tree


def damage(value, kind: str, rng: random.Random, marker: Path):
    """`value` as it would be after `kind` of damage."""
    tree = _tree(value)
    number = isinstance(value, int | float)
    if kind == "not JSON":
        return "this is not JSON {["
    if kind == "truncated JSON":  # cut in the middle, as a half-written row would be
        if isinstance(value, str | bytes):
            return value[: max(0, len(value) // 2 - 3)]
        return value // 1000 if number else ""
    if kind == "swapped list/object":
        if isinstance(tree, list):
            return json.dumps({str(n): x for n, x in enumerate(tree)})
        if isinstance(tree, dict):
            return json.dumps(list(tree.values()))
        return json.dumps([value if not isinstance(value, bytes) else list(value[:16])])
    if kind == "wrong lengths":
        if tree is not None:
            return json.dumps(_longer(tree))
        if isinstance(value, bytes):
            return value + value[-8:]  # one more hash, the same as the last
        return value + value[-1:] if isinstance(value, str) else (value + 1 if number else "")
    if kind == "numbers as strings":
        if tree is not None:
            return json.dumps(_each_number(tree, str))
        return str(value) if number else str(len(value or ""))
    if kind == "NaN":
        if tree is not None:
            return json.dumps(_each_number(tree, lambda v: math.nan))
        return math.nan if number else "NaN"
    if kind == "nested 100,000 deep":
        return "[" * 100_000 + "]" * 100_000
    if kind == "a pickle":
        return pickle.dumps(Planted(marker))
    if kind == "random bytes of a valid length":
        size = len(value.encode() if isinstance(value, str) else value) if isinstance(value, str | bytes) else 8
        return rng.randbytes(size)
    assert kind == "offsets past the text"
    if tree is not None:
        return json.dumps(_each_number(tree, lambda v: v + 10_000_000 if isinstance(v, int) else v))
    if isinstance(value, str):
        return value[: len(value) // 3]  # a text cut short: the offsets stored with it now point past it
    if isinstance(value, bytes):
        return value + value[:8]  # a hash out of order
    return value + 10_000_000 if number else ""


def _folder(root: Path) -> Path:
    """The five seed articles (a pair, sidebar junk) and three copies of one story with edits: four pairs."""
    docs = root / "docs"
    shutil.copytree(ROOT / "seeds", docs)
    write_story(docs, "bridge.txt")
    write_story(docs, "bridge-wed.txt", STORY.replace("Tuesday", "Wednesday") + "\nReporting by Ann Lee.\n")
    write_story(docs, "bridge-cut.txt", STORY.replace("42 million", "40 million").rsplit("\n\n", 2)[0] + "\n")
    return docs


def _scan(docs: Path, out: Path, *extra: str) -> dict[str, str]:
    """`wiretrace scan` in this process: each report's text, the printed summary, with dates taken out."""
    out.mkdir(parents=True, exist_ok=True)
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        assert main(["scan", str(docs), *(a for k in REPORTS for a in (f"--{k}", str(out / f"r.{k}"))), *extra]) == 0
    texts = {k: (out / f"r.{k}").read_text(encoding="utf-8") for k in REPORTS}
    # the date, and the one setting that differs from a --no-cache scan (and the digest of the settings)
    texts["html"] = re.sub(r" on \d{4}-\d\d-\d\d \d\d:\d\d UTC", " on (date)", texts["html"])
    texts["html"] = re.sub(r"<th>use_cache</th><td>\w+</td>", "", texts["html"])
    texts["html"] = re.sub(r"(<th>settings SHA-256</th><td><code>)\w+", r"\1", texts["html"])
    texts["json"] = re.sub(r',"use_cache":\w+', "", texts["json"])
    texts["summary"] = printed.getvalue()
    return texts


def _without_cache_warnings(texts: dict[str, str], cache: Path) -> tuple[dict, list[str]]:
    """The reports less any warning about the cache (listed in the JSON report), and those warnings."""
    warned = [w for w in json.loads(texts["json"])["warnings"] if str(cache) in w]
    out = dict(texts)
    for w in warned:
        out["json"] = out["json"].replace("," + json.dumps(w), "").replace(json.dumps(w) + ",", "").replace(
            json.dumps(w), "")
        out["summary"] = out["summary"].replace(f"  warning: {w}\n", "")
        out["html"] = out["html"].replace(f"<li>{w}</li>", "")
    out["html"] = out["html"].replace("<h2>Warnings</h2><ul></ul>", "")
    return out, warned


@pytest.fixture(scope="module")
def filled(tmp_path_factory):
    """A folder, its reports from a `--no-cache` scan, and a cache filled by a scan of it (kept as bytes)."""
    root = tmp_path_factory.mktemp("values")
    docs = _folder(root)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("XDG_CACHE_HOME", str(root / "cache"))
        reference = _scan(docs, root / "reference", "--no-cache")
        _scan(docs, root / "first")
    db = root / "cache" / "wiretrace" / "analysis.sqlite3"
    assert not Path(f"{db}-wal").exists() or Path(f"{db}-wal").stat().st_size == 0
    return docs, reference, db.read_bytes()


def _cases():
    for table, column, key in COLUMNS:
        for kind in KINDS:
            yield pytest.param(table, column, kind, False, id=f"{table}.{column}-{kind}-damaged")
            if not key and column != "checksum" and table != "meta":
                yield pytest.param(table, column, kind, True, id=f"{table}.{column}-{kind}-resealed")


def _structured(values: list) -> bool:
    """A column whose values have a shape to check: JSON arrays or objects, bytes or numbers. Free text
    (an article's text, title, encoding, language, a rendered report) has none: only its checksum guards it."""
    return all(_tree(v) is not None or isinstance(v, bytes | int | float) for v in values)


@pytest.mark.parametrize(("table", "column", "kind", "reseal"), list(_cases()))
def test_a_wrong_value_in_any_column_gives_the_reports_of_a_scan_without_cache(
        filled, tmp_path, monkeypatch, unchanged, table, column, kind, reseal):
    docs, reference, pristine = filled
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    db = tmp_path / "cache" / "wiretrace" / "analysis.sqlite3"
    db.parent.mkdir(parents=True)
    db.write_bytes(pristine)
    marker, rng = tmp_path / "pwned", random.Random(f"{table}.{column}.{kind}")

    con = sqlite3.connect(db)
    names = [r[1] for r in con.execute(f"PRAGMA table_info({table})")]
    rows = con.execute(f"SELECT rowid, * FROM {table}").fetchall()
    assert rows, f"the scan left no row in {table}"
    if reseal and not _structured([r[1 + names.index(column)] for r in rows]):
        con.close()
        pytest.skip(f"{table}.{column} is free text: a value written with its checksum is taken as it is")
    changed = 0
    for rowid, *values in rows:
        before = values[names.index(column)]
        after = damage(before, kind, rng, marker)
        changed += after != before
        values[names.index(column)] = after
        if reseal:
            values[names.index("checksum")] = checksum(tuple(v for n, v in zip(names, values, strict=True)
                                                             if n != "checksum"))
        # a key set to one value for every row leaves one row: damage too
        con.execute(f"UPDATE OR REPLACE {table} SET {', '.join(f'{n}=?' for n in names)} WHERE rowid=?", (*values, rowid))
    if table != "outputs":  # else the unchanged folder is answered from its stored reports, never reading rows
        con.execute("DELETE FROM outputs")
    con.commit()
    con.close()
    assert changed, "this damage changed nothing"

    with unchanged(docs):
        got = _scan(docs, tmp_path / "out")
    assert not marker.exists()
    clean, warned = _without_cache_warnings(got, db)
    assert clean == reference
    assert len(warned) <= 1, warned
    # and the next scan is answered from the mended cache, silently
    assert _scan(docs, tmp_path / "again") == reference


def test_each_column_is_covered(filled):
    """Every column of a filled cache is one this test damages: a new table or column is picked up."""
    assert {(t, c) for t, c, _ in COLUMNS} >= {("articles", "shingles"), ("outputs", "payload"), ("pairs", "rows")}


@pytest.mark.parametrize("where", ["articles.shingles", "outputs.payload"])
def test_the_damage_the_issue_found_is_named_in_one_warning(filled, tmp_path, monkeypatch, where):
    """96 bytes of anything as an article's shingles, a report cut short: one warning naming the cache."""
    docs, reference, pristine = filled
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    db = tmp_path / "cache" / "wiretrace" / "analysis.sqlite3"
    db.parent.mkdir(parents=True)
    db.write_bytes(pristine)
    con = sqlite3.connect(db)
    if where == "articles.shingles":
        con.execute("UPDATE articles SET shingles=?", (random.Random(22).randbytes(96),))
        con.execute("DELETE FROM outputs")
    else:
        con.execute("UPDATE outputs SET payload=substr(payload, 1, length(payload) / 2)")
    con.commit()
    con.close()
    clean, warned = _without_cache_warnings(_scan(docs, tmp_path / "out"), db)
    assert clean == reference
    assert len(warned) == 1 and "damaged" in warned[0]
