"""The synthetic wire-story chains: rebuilt the same from a clone, and their truth accounts for every file."""

import csv
import os
from datetime import datetime

from tests.conftest import FIXTURES
from tests.fixtures.relations import build_chains

CHAINS = FIXTURES / "relations" / "chains"


def test_the_generator_rebuilds_the_kept_chains_byte_for_byte(tmp_path):
    first, second = build_chains.small(), build_chains.small()
    assert [build_chains.render(d) for d in first] == [build_chains.render(d) for d in second]
    build_chains.write(first, tmp_path / "chains")
    kept = {p.name: p.read_bytes() for p in CHAINS.iterdir()}
    assert {p.name: p.read_bytes() for p in (tmp_path / "chains").iterdir()} == kept
    assert build_chains.read_truth(tmp_path / "chains") == build_chains.read_truth(CHAINS)
    assert build_chains.read_truth(CHAINS) == build_chains.truth_rows(first)
    assert build_chains.small(seed=18) != first  # the seed matters: the outlets' edits are drawn from it


def test_the_truth_covers_every_file_and_each_source_came_earlier_in_its_story():
    rows = {r["file"]: r for r in build_chains.read_truth(CHAINS)}
    assert set(rows) == {p.name for p in CHAINS.iterdir()}
    for row in rows.values():
        source = rows.get(row["source"])
        if row["source"]:
            assert source and source["story"] == row["story"] and source["published"] < row["published"]
            assert int(source["version"]) in (int(row["version"]), int(row["version"]) - 1)
        else:
            assert row["version"] in ("0", "1")  # only a first wire version or an outlet's own report
    stories = {r["story"] for r in rows.values() if r["version"] != "0"}
    assert len(stories) >= 4 and {r["part"] for r in rows.values()} == {"tune", "report"}
    assert max(int(r["version"]) for r in rows.values()) == 3
    # some outlets copy another outlet's copy, carrying its edits on
    copies_of_copies = [r for r in rows.values() if r["source"] and not rows[r["source"]]["edits"].startswith("wire")]
    assert copies_of_copies and all(rows[r["source"]]["edits"] in r["edits"] for r in copies_of_copies)


def test_times_come_back_from_the_truth_as_modification_times(tmp_path):
    folder = tmp_path / "chains"
    build_chains.write(build_chains.small(), folder)
    for p in folder.iterdir():
        os.utime(p, (0, 0))  # what a fresh clone may give
    build_chains.restore_times(folder)
    for row in build_chains.read_truth(folder):
        assert os.stat(folder / row["file"]).st_mtime == datetime.fromisoformat(row["published"]).timestamp()


def test_every_version_label_in_the_real_corpora_is_between_two_versions_of_one_story():
    with open(FIXTURES / "relations" / "versions.csv", encoding="utf-8") as fh:
        versions = {r["article"]: r for r in csv.DictReader(fh)}
    with open(FIXTURES / "relations" / "labels.csv", encoding="utf-8") as fh:
        labels = list(csv.DictReader(fh))
    same_story = [r for r in labels if r["label"] in ("copy", "version")]
    for r in same_story:
        a, b = versions.get(r["a"]), versions.get(r["b"])
        assert a and b and a["story"] == b["story"], r
        assert (r["label"] == "version") == (a["version"] != b["version"]), r
    assert sum(r["label"] == "version" for r in labels) == 16
    assert all(versions[s]["story"] == v["story"] for v in versions.values() if (s := v["source"]))
