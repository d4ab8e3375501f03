"""The scan on a Dask cluster (two local worker processes) gives the one-machine report; without it, no Dask."""

import json
import shutil
import subprocess
import sys

import pytest
from dask.utils import key_split
from distributed import Client, get_task_stream

from app.core import cluster
from app.core.report import to_json_dict
from app.core.scan import Settings, run, scan
from app.core.settings import FileDelivery
from tests.conftest import FIXTURES, ROOT, SEEDS

RELATIONS = FIXTURES / "relations"


@pytest.fixture(scope="module")
def client():
    with cluster.local_cluster() as local, Client(local) as c:
        yield c


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """The seeds, the relations fixtures (real articles, wire chains, synthetic cases), two files no one can
    read, and a story told in stages: overlapping windows of one real article, whose family joins members
    with no pair of their own, so their fidelity is aligned apart (the families' stage)."""
    folder = tmp_path_factory.mktemp("corpus")
    for source in (SEEDS, RELATIONS / "articles", RELATIONS / "chains", RELATIONS / "synthetic"):
        shutil.copytree(source, folder / source.name)
    paragraphs = [p for p in (RELATIONS / "articles" / "07271_dailymail.co.uk.txt").read_text(encoding="utf-8")
                  .split("\n") if len(p.split()) > 12]
    (folder / "stages").mkdir()
    for k in range(0, len(paragraphs) - 8, 2):
        (folder / "stages" / f"stage{k:02}.txt").write_text("\n\n".join(paragraphs[k : k + 8]), encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 8)
    return folder


@pytest.fixture(scope="module")
def one_machine(corpus):
    return to_json_dict(run(scan([str(corpus)], Settings(use_cache=False))))


@pytest.mark.parametrize("files", list(FileDelivery))
def test_a_scan_on_the_cluster_gives_the_one_machine_report(client, corpus, one_machine, files, monkeypatch):
    import app.core.scan as engine

    apart = []  # the families' stage: pairs it aligned apart, and on whose workers

    def fidelities(articles, todo, workers=None, aligned_apart=engine._fidelities):
        apart.append((len(todo), workers))
        return aligned_apart(articles, todo, workers)

    monkeypatch.setattr(engine, "_fidelities", fidelities)
    assert len(one_machine["pairs"]) > 300 and len(one_machine["families"]) > 8
    assert {p["relation"] for p in one_machine["pairs"]} == {"copy", "version", "partial", "quotes"}
    assert {s["path"].rsplit("/", 1)[1] for s in one_machine["skipped"]} >= {"empty.txt", "binary.txt"}

    workers = cluster.ClusterWorkers(client, files)
    with get_task_stream(client) as tasks:
        on_cluster = to_json_dict(run(scan([str(corpus)], Settings(use_cache=False), cluster=workers)))
    assert on_cluster == one_machine  # documents, skipped, pairs with their rows and relations, families
    assert apart and apart[-1][0] > 0 and apart[-1][1] is workers
    ran = {key_split(task["key"]) for task in tasks.data}
    assert {"analyse_batch", "shard_pair_counts", "align_batch"} <= ran  # each stage ran on the workers


def test_what_the_workers_analysed_is_cached_for_the_next_scan(client, corpus, one_machine):
    from app.core.cache import AnalysisCache

    cache = AnalysisCache()
    workers = cluster.ClusterWorkers(client)
    try:
        cold = to_json_dict(run(scan([str(corpus)], Settings(), cache, cluster=workers)))
        with get_task_stream(client) as tasks:
            warm = to_json_dict(run(scan([str(corpus)], Settings(), cache, cluster=workers)))
    finally:
        cache.close()
    assert cold == warm == {**one_machine, "settings": cold["settings"]}
    # only the two files that could not be read are tried again (one batch): every other comes from the cache
    assert [key_split(task["key"]) for task in tasks.data].count("analyse_batch") == 1


def test_the_command_line_scans_through_a_running_scheduler(client):
    plain = _wiretrace("scan", str(SEEDS), "--no-cache", "--json", "-")
    through = _wiretrace("scan", str(SEEDS), "--no-cache", "--json", "-", "--scheduler", client.scheduler.address)
    assert through.returncode == 0, through.stderr
    assert json.loads(through.stdout) == json.loads(plain.stdout)
    assert len(json.loads(through.stdout)["pairs"]) == 1


def test_a_plain_scan_never_imports_dask(tmp_path):
    code = ("import sys; from app.cli import main; main(['scan', sys.argv[1], '--no-cache', '--csv', sys.argv[2]]);"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed')))")
    proc = subprocess.run([sys.executable, "-c", code, str(SEEDS), str(tmp_path / "pairs.csv")],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().splitlines()[-1] == "[]"
    assert (tmp_path / "pairs.csv").read_text(encoding="utf-8").count("\n") == 2  # header and the AP pair


def test_without_dask_the_flag_is_refused_in_one_line():
    code = ("import sys; sys.modules['distributed'] = None; from app.cli import main;"
            "sys.exit(main(['scan', sys.argv[1], '--scheduler', 'local']))")
    proc = subprocess.run([sys.executable, "-c", code, str(SEEDS)], capture_output=True, text=True, cwd=ROOT,
                          timeout=120)
    assert proc.returncode == 2
    assert proc.stderr.startswith("wiretrace: --scheduler needs Dask") and proc.stderr.count("\n") == 1
    assert "pip install 'wiretrace[cluster]'" in proc.stderr


def test_an_unreachable_scheduler_is_one_clear_error(monkeypatch):
    monkeypatch.setattr(cluster, "CONNECT_TIMEOUT", 1)
    with pytest.raises(cluster.ClusterError, match=r"cannot reach the Dask scheduler at tcp://127\.0\.0\.1:9"), \
            cluster.connect("tcp://127.0.0.1:9"):
        pass


def _wiretrace(*args):
    return subprocess.run([sys.executable, "-m", "app", *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=300)
