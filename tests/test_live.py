"""The live engine: a folder changed file by file ends where a cold scan of it ends, and says what changed."""

import os
import random
import shutil
from pathlib import Path

import pytest

from app.core.live.engine import LiveScan
from app.core.live.sameness import differences
from app.core.records import (
    ArticleAdded,
    ArticleRemoved,
    FamilyChanged,
    PairFound,
    PairLost,
    Relation,
    Skipped,
)
from app.core.scan import run, scan
from app.core.settings import Settings
from tests.conftest import AP_A, AP_B, FIXTURES, SEEDS

REAL = sorted([*SEEDS.glob("*.txt"), *(FIXTURES / "relations" / "articles").glob("*.txt"),
               *(FIXTURES / "relations" / "chains").glob("*.txt")])
SETTINGS = Settings(use_cache=False, workers=1)
#: A line no article flags on its own, put into unrelated stories: from the third story on it is site furniture.
LINE = "Follow our live coverage of the day's events"


def cold(folder: Path):
    return run(scan([str(folder)], SETTINGS))


def started(folder: Path, cache=None) -> LiveScan:
    live = LiveScan(str(folder), SETTINGS, cache)
    run(live.start())
    return live


def copy(src: Path, folder: Path, name: str | None = None) -> str:
    dst = folder / (name or src.name)
    dst.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, dst)
    return str(dst)


def test_files_added_changed_and_removed_one_by_one_end_as_a_cold_scan(tmp_path):
    rng = random.Random(5)
    files = list(REAL)
    rng.shuffle(files)
    # a third already there, the rest arriving in random order, some into a subfolder (walk order matters)
    names = [f"{'late/' if n % 7 == 0 else ''}{f.name}" for n, f in enumerate(files)]
    start = len(files) // 3
    for f, name in zip(files[:start], names[:start], strict=True):
        copy(f, tmp_path, name)
    live = started(tmp_path)
    for f, name in zip(files[start:], names[start:], strict=True):
        live.add(copy(f, tmp_path, name))
    want = cold(tmp_path)
    assert len(want.pairs) > 100 and len(want.families) >= 5
    assert differences(live.result, want) == []

    for name in names[:8]:
        os.remove(tmp_path / name)
        live.remove(str(tmp_path / name))
    for name, other in zip(names[10:16], files[20:26], strict=True):  # new versions: another story in the file
        live.change(copy(other, tmp_path, name))
    assert differences(live.result, cold(tmp_path)) == []


def test_a_burst_lands_as_one_batch_and_ends_as_a_cold_scan(tmp_path):
    live = started(tmp_path)
    paths = [copy(f, tmp_path) for f in REAL[:30]]
    events = live.apply(changed=paths)
    assert sum(isinstance(e, ArticleAdded) for e in events) == 30
    assert differences(live.result, cold(tmp_path)) == []


def test_a_line_in_a_third_story_is_flagged_in_the_other_two(tmp_path):
    stories = [*sorted((FIXTURES / "relations" / "articles").glob("*.txt"))[:3], AP_A]

    def with_line(src: Path) -> str:
        paragraphs = src.read_text(encoding="utf-8").split("\n\n")
        paragraphs.insert(min(4, len(paragraphs) - 1), LINE)
        (tmp_path / src.name).write_text("\n\n".join(paragraphs), encoding="utf-8")
        return str(tmp_path / src.name)

    live = started(tmp_path)
    for src in stories[:2]:
        live.add(with_line(src))
    assert not any(f.reason.startswith("recurs") for a in live.result.articles for f in a.flags)
    live.add(with_line(stories[2]))
    flagged = {a.id for a in live.result.articles for f in a.flags if f.reason.startswith("recurs in 3")}
    assert flagged == {s.name for s in stories[:3]}
    live.add(with_line(stories[3]))
    assert differences(live.result, cold(tmp_path)) == []
    live.remove(os.path.join(tmp_path, stories[0].name))
    os.remove(tmp_path / stories[0].name)
    live.remove(os.path.join(tmp_path, stories[1].name))
    os.remove(tmp_path / stories[1].name)
    assert not any(f.reason.startswith("recurs") for a in live.result.articles for f in a.flags)
    assert differences(live.result, cold(tmp_path)) == []


def test_a_shingle_in_more_than_64_articles_counts_as_a_scan_counts_it(tmp_path):
    """Generated articles share stock phrases (hundreds of holders): only pairs with the first holder in
    folder order count them, and which article is first changes as files arrive out of order."""
    from benchmarks.corpus import generate

    source = tmp_path / "generated"
    generate(source, 160, seed=11)
    folder = tmp_path / "watched"
    folder.mkdir()
    files = sorted(source.iterdir())
    random.Random(3).shuffle(files)
    for f in files[:80]:
        copy(f, folder)
    live = started(folder)
    for f in files[80:]:
        live.add(copy(f, folder))
    index = live.index[1]
    assert max(len(m) for m in index._holders(index.hashes).values()) > 64
    assert differences(live.result, cold(folder)) == []


def test_a_reprint_landing_reports_the_pair_and_the_family_and_removing_it_takes_them_back(tmp_path):
    live = started(tmp_path)
    first = live.add(copy(AP_A, tmp_path))
    assert [type(e) for e in first] == [ArticleAdded]
    events = live.add(copy(AP_B, tmp_path))
    added, pair, family = events
    assert isinstance(added, ArticleAdded) and added.id == AP_B.name and added.version == 1
    assert isinstance(pair, PairFound) and {pair.a, pair.b} == {AP_A.name, AP_B.name}
    assert pair.relation == Relation.COPY and 0 < pair.kept <= 1
    assert isinstance(family, FamilyChanged) and set(family.members) == {AP_A.name, AP_B.name}
    assert set(family.joined) == {AP_A.name, AP_B.name} and family.title == live.result.families[0].title

    os.remove(tmp_path / AP_B.name)
    removed, lost, gone = live.remove(str(tmp_path / AP_B.name))
    assert removed == ArticleRemoved(AP_B.name, str(tmp_path / AP_B.name))
    assert lost == PairLost(pair.a, pair.b)
    assert gone.members == () and set(gone.left) == {AP_A.name, AP_B.name}


def test_a_new_version_of_a_file_is_read_again_and_an_untouched_one_is_not(tmp_path):
    live = started(tmp_path)
    path = copy(AP_A, tmp_path)
    live.add(path)
    assert live.change(path) == []  # same bytes: nothing to say
    with open(path, "a", encoding="utf-8") as fh:
        fh.write("\nA last paragraph added by the desk after the story first ran online.\n")
    (event,) = live.change(path)
    assert event.version == 2 and event.id == AP_A.name


def test_an_unreadable_file_is_listed_once_and_read_again_only_when_it_changes(tmp_path):
    live = started(tmp_path)
    path = tmp_path / "broken.txt"
    path.write_bytes(b"\x00\x01\x02" * 4000)
    (skipped,) = live.add(str(path))
    assert isinstance(skipped, Skipped) and skipped.path == str(path)
    assert live.add(str(path)) == []  # the watcher saw it again: not a second report
    path.write_bytes(AP_A.read_bytes())
    (added,) = live.add(str(path))
    assert isinstance(added, ArticleAdded)


def test_a_folder_moved_in_and_out_arrives_and_leaves_whole(tmp_path):
    live = started(tmp_path)
    staging = tmp_path.parent / f"{tmp_path.name}-staging"
    for f in (AP_A, AP_B):
        copy(f, staging)
    os.rename(staging, tmp_path / "desk")
    events = live.add(str(tmp_path / "desk"))
    assert {e.id for e in events if isinstance(e, ArticleAdded)} == {f"desk/{AP_A.name}", f"desk/{AP_B.name}"}
    shutil.rmtree(tmp_path / "desk")
    events = live.remove(str(tmp_path / "desk"))
    assert sum(isinstance(e, ArticleRemoved) for e in events) == 2 and live.result.articles == []


@pytest.mark.parametrize("name", [".hidden.txt", "draft.txt.part", "draft.txt~", "draft.tmp"])
def test_names_a_scan_never_reads_are_never_read_live(tmp_path, name):
    live = started(tmp_path)
    path = copy(AP_A, tmp_path, name)
    events = live.add(path)
    assert not any(isinstance(e, ArticleAdded) for e in events)
    assert live.result.articles == []


def test_the_cache_left_by_watching_serves_the_next_cold_scan(tmp_path):
    """Everything the live engine stores is complete in its own transaction: a scan opened afterwards
    reads no file again that watching analysed, and agrees with the live state."""
    from app.core.cache import AnalysisCache

    cache = AnalysisCache(tmp_path / "cache.sqlite3")
    folder = tmp_path / "watched"
    folder.mkdir()
    live = LiveScan(str(folder), Settings(workers=1), cache)
    run(live.start())
    live.apply(changed=[copy(f, folder) for f in REAL[:12]])
    progress = []
    again = run(scan([str(folder)], Settings(workers=1), cache), progress.append)
    assert any("12 unchanged files from the cache" in p.message for p in progress)
    assert differences(live.result, again) == []
    cache.close()


def test_a_copy_of_two_stories_merges_their_families_and_its_removal_splits_them_again(tmp_path):
    """Only the families a change touches are built again: the one a bridging copy merges, the two it leaves
    when it goes, each equal to a cold scan's (reference, versions, lineage and all)."""
    named = {f.name: f for f in REAL}
    blaze = named["05674_theblaze.com.txt"]  # with 81351 a family of two (The Blaze's story and its copy)
    others = [AP_A, AP_B, blaze, named["81351_theblaze.com.txt"], *REAL[:6]]
    live = started(tmp_path)
    live.apply(changed=[copy(f, tmp_path) for f in others])
    assert len(live.result.families) >= 2
    bridge = tmp_path / "zz_roundup.txt"  # both stories whole in one page: a copy of each
    bridge.write_text(AP_A.read_text(encoding="utf-8") + "\n\n" + blaze.read_text(encoding="utf-8"), encoding="utf-8")

    events = live.add(str(bridge))
    (merged,) = [e for e in events if isinstance(e, FamilyChanged)]
    assert len(merged.members) == 5 and len(merged.joined) == 3 and bridge.name in merged.joined  # and a pair
    assert differences(live.result, cold(tmp_path)) == []

    bridge.unlink()
    events = live.remove(str(bridge))
    split = [e for e in events if isinstance(e, FamilyChanged)]
    assert sorted(len(e.members) for e in split) == [2, 2]
    assert bridge.name in {m for e in split for m in e.left}
    assert differences(live.result, cold(tmp_path)) == []
