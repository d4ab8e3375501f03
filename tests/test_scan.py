"""Scanning a corpus and the reports: pairs, families, the JSON schema, CSV, HTML, the cache, the CLI."""

import csv
import json
import subprocess
import sys

from app.core.records import Relation, RowKind
from app.core.report import to_json_dict
from app.core.scan import Settings, compare_files, run, scan
from tests.conftest import AP_A, AP_B, ROOT


def test_the_seeds_pair_up_as_the_ap_story_only(seeds):
    result = run(scan([str(seeds)], Settings(use_cache=False)))
    ids = [(result.articles[p.a].id, result.articles[p.b].id) for p in result.pairs]
    assert ids == [(AP_A.name, AP_B.name)]
    assert [sorted(f.members) for f in result.families] == [[0, 1]]
    pair = result.pairs[0]
    assert pair.relation == "copy"
    assert pair.overlap.a_in_b > 0.9 and pair.overlap.b_in_a > 0.9


def test_the_json_report_follows_its_schema(seeds):
    doc = to_json_dict(run(scan([str(seeds)], Settings(use_cache=False))))
    assert doc["schema"] == "wiretrace.scan/3"
    assert doc["generator"]["name"] == "wiretrace"
    by_id = {d["id"]: d for d in doc["documents"]}
    for d in doc["documents"]:
        raw = (seeds / d["id"]).read_bytes()
        import hashlib

        assert d["sha256"] == hashlib.sha256(raw).hexdigest()
        assert d["text"] == raw.decode("utf-8")
        ends = [0]
        for s in d["sentences"]:
            assert ends[-1] <= s["start"] < s["end"] <= len(d["text"])
            ends.append(s["end"])
        for f in d["flags"]:
            assert 0 <= f["start"] < f["end"] <= len(d["text"]) and f["kind"] and f["reason"]
    pair = doc["pairs"][0]
    n_a, n_b = len(by_id[pair["a"]]["sentences"]), len(by_id[pair["b"]]["sentences"])
    assert sorted(i for r in pair["rows"] for i in r["a"]) == list(range(n_a))
    assert sorted(i for r in pair["rows"] for i in r["b"]) == list(range(n_b))
    assert {r["kind"] for r in pair["rows"]} <= {"same", "changed", "moved", "only_a", "only_b"}
    assert doc["clusters"] == [[AP_A.name, AP_B.name]]
    assert pair["relation"] == "copy" and pair["figures"]["shared_sentences"] >= 5
    assert pair["figures"]["narrative_a_in_b"] > 0.8 and pair["figures"]["narrative_b_in_a"] > 0.8
    (family,) = doc["families"]
    assert sorted(family["members"]) == [AP_A.name, AP_B.name] and family["reference"] in family["members"]
    assert family["title"] and family["reference_reason"] and family["links"] == []
    json.dumps(doc)


def test_pairs_sharing_only_junk_are_not_reported(tmp_path):
    junk = ("Sign up for our newsletter\n\nPolice arrest man after chase through city centre\n\n"
            "Markets close higher as oil prices slide on supply news\n\nSCROLL FOR NEXT\n")
    bodies = [
        "The city council voted on Tuesday to close two libraries to save money in next year's budget.",
        "Heavy rain flooded the valley overnight and forced hundreds of families to leave their homes.",
        "The football club confirmed that its coach will leave at the end of the season after six years.",
    ]
    for n, body in enumerate(bodies):
        (tmp_path / f"{n}.txt").write_text(f"Headline {n}\n\n{body} {body}\n\n{junk}", encoding="utf-8")
    result = run(scan([str(tmp_path)], Settings(use_cache=False)))
    assert result.pairs == []


def test_the_cache_gives_the_same_result_without_reading_or_aligning_again(seeds, monkeypatch):
    import app.core.scan as engine
    from app.core.cache import AnalysisCache

    def forbidden(*_args, **_kw):
        raise AssertionError("an unchanged file or pair was computed again")

    cache = AnalysisCache()
    cold = to_json_dict(run(scan([str(seeds)], Settings(), cache)))
    monkeypatch.setattr(engine, "analyse_batch", forbidden)
    monkeypatch.setattr(engine, "align_batch", forbidden)
    warm = to_json_dict(run(scan([str(seeds)], Settings(), cache)))
    assert cold == warm and cold["pairs"]
    cache.close()


def test_compare_shows_unrelated_stories_as_sharing_nothing_and_a_reprint_as_a_copy():
    unrelated = compare_files(str(AP_A), str(ROOT / "seeds" / "002_e7a54f8e632b3018.txt")).pairs[0]
    assert unrelated.relation is Relation.QUOTES and unrelated.fidelity.kept == 0
    assert {row.kind for row in unrelated.rows} == {RowKind.ONLY_A, RowKind.ONLY_B}
    reprint = compare_files(str(AP_A), str(AP_B)).pairs[0]
    assert reprint.relation is Relation.COPY and reprint.fidelity.kept > 0.5


def wiretrace(*args, **kw):
    return subprocess.run([sys.executable, "-m", "app", *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=120, **kw)


def test_cli_scan_writes_json_to_stdout_and_csv(tmp_path, seeds):
    csv_path = tmp_path / "pairs.csv"
    proc = wiretrace("scan", str(seeds), "--json", "-", "--csv", str(csv_path), "--no-cache")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert len(doc["documents"]) == 5 and len(doc["pairs"]) == 1
    rows = list(csv.DictReader(csv_path.open(encoding="utf-8")))
    assert rows[0]["a"] == AP_A.name and float(rows[0]["score"]) > 0.9


def test_cli_errors_are_one_clear_line():
    proc = wiretrace("scan", "no/such/folder")
    assert proc.returncode == 2
    assert proc.stderr.strip() == "wiretrace: no such file or folder: no/such/folder"
    proc = wiretrace("compare", str(AP_A), "missing.txt")
    assert proc.returncode == 2 and "no such file: missing.txt" in proc.stderr


def test_version():
    proc = wiretrace("--version")
    assert proc.returncode == 0 and proc.stdout.startswith("wiretrace ")


def _copies(folder, n=12):
    """A dozen reprints of the AP story with the edits reprints show, plus the other seeds."""
    import shutil

    text = AP_B.read_text(encoding="utf-8")
    for k in range(n):
        edited = text.replace("Saturday", ["Sunday", "Saturday", "on Saturday"][k % 3]).replace(
            "a million", f"{k + 1} million")
        (folder / f"copy{k:02}.txt").write_text(edited if k % 2 else edited.replace('"', "“"), encoding="utf-8")
    for f in (ROOT / "seeds").iterdir():
        shutil.copy(f, folder / f.name)


def test_parallel_scans_give_the_serial_report(tmp_path, monkeypatch):
    import app.core.scan as engine

    _copies(tmp_path)
    serial = to_json_dict(run(scan([str(tmp_path)], Settings(use_cache=False))))
    assert len(serial["pairs"]) > 50
    monkeypatch.setattr(engine, "PARALLEL_FROM", 1)
    monkeypatch.setattr(engine, "ALIGN_PARALLEL_FROM", 0)
    monkeypatch.setattr(engine, "BATCH", 4)
    for method in ("fork", "spawn"):  # the command line forks; the window (threads) spawns
        monkeypatch.setattr(engine, "_start_method", lambda m=method: m)
        parallel = to_json_dict(run(scan([str(tmp_path)], Settings(use_cache=False, workers=2))))
        assert parallel == serial, method
