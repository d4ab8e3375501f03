"""A rescan of an unchanged folder aligns no pair: alignments come from the cache, even where recurring lines are flagged."""

import pytest

import app.core.scan as engine
from app.core.cache import AnalysisCache
from app.core.settings import Settings
from tests.conftest import FIXTURES, SEEDS

FURNITURE = "Council approves new budget for harbour bridge repairs"  # a sidebar headline of another story


@pytest.fixture
def desk(tmp_path):
    """Real articles of several stories, each with the headline of one other story in a sidebar half-way down:
    a line recurring across unrelated stories, which the scan flags only once it has seen them all."""
    folder = tmp_path / "desk"
    folder.mkdir()
    for f in [*sorted(SEEDS.iterdir()), *sorted((FIXTURES / "relations" / "articles").iterdir())]:
        lines = f.read_text(encoding="utf-8").split("\n")
        (folder / f.name).write_text("\n".join([*lines[: len(lines) // 2], FURNITURE, *lines[len(lines) // 2 :]]),
                                     encoding="utf-8")
    return folder


def test_an_unchanged_folder_is_rescanned_without_aligning_a_pair(tmp_path, desk, monkeypatch):
    cache = AnalysisCache(tmp_path / "cache.db")
    first = engine.run(engine.scan([str(desk)], Settings(workers=1), cache))
    recurring = [a for a in first.articles if any("recurs in" in f.reason for f in a.flags)]
    assert len(recurring) >= 3 and first.pairs  # the flags an unchanged folder gets on every scan

    def forbidden(*_args, **_kwargs):
        raise AssertionError("a pair of an unchanged folder was aligned again")

    for name in ("align_batch", "align_inherited", "_fidelities"):
        monkeypatch.setattr(engine, name, forbidden)
    messages = []
    again = engine.run(engine.scan([str(desk)], Settings(workers=1), cache), lambda p: messages.append(p.message))
    cache.close()
    assert [(p.a, p.b, p.fidelity, p.rows) for p in again.pairs] == [(p.a, p.b, p.fidelity, p.rows) for p in first.pairs]
    assert any(m.startswith("aligning 0 of ") for m in messages)


def test_a_folder_whose_flags_changed_aligns_those_pairs_again(tmp_path, desk):
    cache = AnalysisCache(tmp_path / "cache.db")
    engine.run(engine.scan([str(desk)], Settings(workers=1), cache))
    for f in desk.iterdir():  # the sidebar gone everywhere: no article carries a recurring-line flag now
        f.write_text(f.read_text(encoding="utf-8").replace(FURNITURE, ""), encoding="utf-8")
    messages = []
    result = engine.run(engine.scan([str(desk)], Settings(workers=1), cache), lambda p: messages.append(p.message))
    cache.close()
    assert not any("recurs in" in f.reason for a in result.articles for f in a.flags)
    assert not any(m.startswith("aligning 0 of ") for m in messages)
