"""Wiretrace's speed and quality at scale, against the MinHash LSH pipeline users would reach for.

    python benchmarks/run.py [--sizes 1000,10000] [--full] [--runs N] [--skip-peer] [--skip-gui]
                             [--skip-blowups] [--out FILE]

For each size it generates a corpus with known truth (benchmarks/corpus.py; kept in benchmarks/out/), runs
`wiretrace scan` on it cold (empty cache) and warm (unchanged files again) with wall time, peak memory of the
process tree, and recall and precision of the planted reprint pairs, and the agreement of its alignments and
relations with the recorded baseline engine (benchmarks/agreement.py); runs a datasketch MinHash LSH pipeline
(word 5-grams, 128 permutations) on the same files in this process, right after, so the two share the
machine's load (it is shared: compare ratios, not seconds); times aligning every pair of the 1k corpus, its
CPU per article and per pair stage by stage in one process (benchmarks/stages.py), and opening a pair
(alignment and word diffs) for 1,000- and 20,000-word articles; runs the pathological alignment cases
(benchmarks/blowups.py); and measures the longest GUI stall while the window scans. `--full` adds the
100,000-article corpus (about 420 MB of text; several minutes). `--runs` repeats the cold scan and the peer
and reports medians. Results go to benchmarks/out/results.json and a summary to stdout.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

import agreement  # noqa: E402
import corpus  # noqa: E402


def tree_memory(pid: int) -> int:
    """Memory of a process and all its descendants, in bytes: the proportional set size (PSS), so pages a
    forked worker shares with its parent count once, not once per process as RSS would."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/smaps_rollup") as fh:
                for line in fh:
                    if line.startswith("Pss:"):
                        total += int(line.split()[1]) * 1024
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as fh:
                    todo += [int(c) for c in fh.read().split()]
        except (OSError, ValueError):
            pass
    return total


def timed_run(cmd: list[str], env: dict) -> tuple[float, int, subprocess.CompletedProcess]:
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    peak = [0]

    def sample() -> None:
        while proc.poll() is None:
            peak[0] = max(peak[0], tree_memory(proc.pid))
            time.sleep(0.5)  # reading smaps is not free: sample twice a second

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    seconds = time.perf_counter() - t0
    sampler.join()
    if proc.returncode:
        raise SystemExit(f"{' '.join(cmd)} failed: {err}")
    return seconds, peak[0], subprocess.CompletedProcess(cmd, proc.returncode, out, err)


def score_pairs(found: set[tuple[str, str]], truth: set[tuple[str, str]]) -> dict:
    hit = len(found & truth)
    return {"recall": round(hit / max(1, len(truth)), 4), "precision": round(hit / max(1, len(found)), 4),
            "found": len(found), "planted": len(truth)}


def corpus_for(n: int) -> tuple[Path, dict]:
    folder = OUT / f"corpus-{n}"
    truth_file = OUT / f"truth-{n}.json"
    if not truth_file.exists() or not folder.is_dir():
        corpus.generate(folder, n)
    return folder, json.loads(truth_file.read_text())


def bench_scan(folder: Path, truth: dict, size: int) -> dict:
    cache = tempfile.mkdtemp(prefix="wiretrace-bench-cache-")
    env = {**os.environ, "XDG_CACHE_HOME": cache}
    report = Path(cache) / "report.json"
    cmd = [sys.executable, "-m", "app", "scan", str(folder), "--json", str(report)]
    planted = {tuple(p) for p in truth["pairs"]}
    out = {}
    for label in ("cold", "warm"):
        seconds, peak, _ = timed_run(cmd, env)
        doc = json.loads(report.read_text())
        found = {tuple(sorted((p["a"], p["b"]))) for p in doc["pairs"]}
        out[label] = {"seconds": round(seconds, 2), "peak_mb": round(peak / 1e6), **score_pairs(found, planted)}
        if label == "cold":
            out["agreement"] = agreement.compare(doc, size)
        del doc
    out["mb_of_text"] = round(sum(f.stat().st_size for f in folder.iterdir()) / 1e6, 1)
    return out


def bench_align_corpus(folder: Path, runs: int = 3) -> dict:
    """Aligning every overlapping pair of a corpus in one process, from prepared articles: ms per pair."""
    from app.core.documents import collect_files
    from app.core.index import overlapping_pairs
    from app.core.scan import align_pair, analyse_batch

    sources, _ = collect_files([str(folder)])
    items = [item for item in analyse_batch(sources) if isinstance(item, tuple)]
    articles = [item[0] for item in items]
    pairs = overlapping_pairs([item[1] for item in items])
    times = []
    for _ in range(runs):
        for art in articles:
            art.forget()
        t0 = time.perf_counter()
        for p in pairs:
            align_pair(articles[p.a], articles[p.b])
        times.append(time.perf_counter() - t0)
    return {"pairs": len(pairs), "ms_per_pair": round(statistics.median(times) * 1000 / max(1, len(pairs)), 2)}


def bench_blowups() -> list[dict]:
    proc = subprocess.run([sys.executable, str(HERE / "blowups.py")], capture_output=True, text=True)
    return [json.loads(line) for line in proc.stdout.splitlines() if line.startswith("{")]


def bench_peer(folder: Path, truth: dict, threshold: float = 0.5) -> dict:
    """datasketch MinHash LSH over word 5-grams, 128 permutations: candidate pairs only."""
    from datasketch import MinHash, MinHashLSH

    t0 = time.perf_counter()
    lsh = MinHashLSH(threshold=threshold, num_perm=128)
    sketches = {}
    for path in sorted(folder.iterdir()):
        words = path.read_text(encoding="utf-8").lower().split()
        shingles = {" ".join(words[i : i + 5]).encode() for i in range(max(1, len(words) - 4))}
        m = MinHash(num_perm=128)
        m.update_batch(list(shingles))
        sketches[path.name] = m
        lsh.insert(path.name, m)
    found = set()
    for name, m in sketches.items():
        for other in lsh.query(m):
            if other != name:
                found.add(tuple(sorted((name, other))))
    seconds = time.perf_counter() - t0
    return {"seconds": round(seconds, 2), "threshold": threshold,
            **score_pairs(found, {tuple(p) for p in truth["pairs"]})}


def bench_pair_open() -> dict:
    from app.core.records import Article
    from app.core.scan import align_pair, analyse_article

    w = corpus.Writer(11)
    rng = w.rng

    def article_of(words: int) -> dict:
        paras = []
        while sum(len(p.split()) for p in paras) < words:
            paras.append(" ".join(w.sentence() for _ in range(rng.randint(1, 3))))
        return {"headline": "A headline for the benchmark", "dateline": "LIMA, May 3:", "paragraphs": paras}

    out = {}
    for words in (1000, 20000):
        src = article_of(words)
        copy = corpus.reprint(rng, src)
        copy["paragraphs"] = copy["paragraphs"] + src["paragraphs"][len(copy["paragraphs"]) :]  # keep length
        arts = []
        for n, art in enumerate((src, copy)):
            text = "\n\n".join([art["headline"], f"{art['dateline']} " + "\n\n".join(art["paragraphs"])])
            arts.append(analyse_article(Article(id=str(n), path=str(n), sha256=str(n), encoding="utf-8",
                                                text=text)))
        times = []
        for _ in range(7 if words == 1000 else 3):
            for art in arts:
                art.forget()  # from scratch: sentences prepared, matched and diffed every time
            t0 = time.perf_counter()
            align_pair(*arts)
            times.append(time.perf_counter() - t0)
        out[f"{words}_words_ms"] = round(statistics.median(times) * 1000, 1)
    return out


def bench_gui(folder: Path) -> dict:
    cache = tempfile.mkdtemp(prefix="wiretrace-bench-gui-")
    env = {**os.environ, "XDG_CACHE_HOME": cache, "XDG_CONFIG_HOME": cache, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.run([sys.executable, str(HERE / "gui_stall.py"), str(folder)], capture_output=True,
                          text=True, env=env, cwd=ROOT)
    if proc.returncode:
        return {"error": proc.stderr[-500:]}
    out = proc.stdout.strip()
    return json.loads(out[out.rfind("\n{") + 1 :])  # the last JSON object printed (it may span lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--full", action="store_true", help="add the 100,000-article corpus")
    parser.add_argument("--runs", type=int, default=1, help="cold scans and peer runs per size (medians)")
    parser.add_argument("--skip-peer", action="store_true")
    parser.add_argument("--skip-gui", action="store_true")
    parser.add_argument("--skip-blowups", action="store_true")
    parser.add_argument("--out", default=str(OUT / "results.json"))
    args = parser.parse_args()
    OUT.mkdir(exist_ok=True)
    sizes = [int(s) for s in args.sizes.split(",")] + ([100000] if args.full else [])
    results: dict = {"machine": {"cores": os.cpu_count()}, "scan": {}, "peer": {}, "ratio": {}}
    for n in sizes:
        folder, truth = corpus_for(n)
        ratios = []
        for _ in range(args.runs):
            # the scan and the peer back to back, so that both see the same load on a shared machine
            scan = bench_scan(folder, truth, n)
            results["scan"].setdefault(n, []).append(scan)
            print(f"scan {n}: {json.dumps(scan)}", flush=True)
            if not args.skip_peer:
                peer = bench_peer(folder, truth)
                results["peer"].setdefault(n, []).append(peer)
                ratios.append(scan["cold"]["seconds"] / max(0.01, peer["seconds"]))
                print(f"peer {n}: {json.dumps(peer)}", flush=True)
        if ratios:
            cold = statistics.median(s["cold"]["seconds"] for s in results["scan"][n])
            peer_s = statistics.median(p["seconds"] for p in results["peer"][n])
            results["ratio"][n] = {"cold_s": cold, "peer_s": peer_s,
                                   "wiretrace_over_peer": round(statistics.median(ratios), 2),
                                   "peak_mb": max(s["cold"]["peak_mb"] for s in results["scan"][n])}
            print(f"ratio {n}: {json.dumps(results['ratio'][n])}  (target at 10k: <= 0.8)", flush=True)
    folder, _ = corpus_for(1000)
    results["align_corpus_1000"] = bench_align_corpus(folder)
    print(f"alignment, 1k corpus: {json.dumps(results['align_corpus_1000'])}", flush=True)
    proc = subprocess.run([sys.executable, str(HERE / "stages.py"), str(folder)], capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    results["stages_1000"] = json.loads(proc.stdout) if proc.returncode == 0 else {"error": proc.stderr[-300:]}
    print(f"CPU by stage, one process, 1k corpus: {json.dumps(results['stages_1000'])}", flush=True)
    proc = subprocess.run([sys.executable, str(HERE / "punkt.py"), "--size", "1000"], capture_output=True, text=True)
    results["punkt_1000"] = json.loads(proc.stdout) if proc.returncode == 0 else {"error": proc.stderr[-300:]}
    print(f"sentences, fast Punkt vs NLTK, 1k corpus: {json.dumps(results['punkt_1000'])}", flush=True)
    results["pair_open"] = bench_pair_open()
    print(f"pair open: {json.dumps(results['pair_open'])}", flush=True)
    if not args.skip_blowups:
        results["blowups"] = bench_blowups()
        for case in results["blowups"]:
            print(f"blow-up: {json.dumps(case)}", flush=True)
    if not args.skip_gui:
        folder, _ = corpus_for(10000 if 10000 in sizes else sizes[0])
        results["gui"] = bench_gui(folder)
        print(f"gui: {json.dumps(results['gui'])}", flush=True)
    Path(args.out).write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
