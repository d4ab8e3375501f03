"""A scan: read a corpus, analyse each article, find the overlapping pairs, align them, group families.

`scan` is a generator: each `yield` reports progress and is where a caller may stop (close it to cancel).
Its stages are pure functions over batches (`analyse_batch`, `overlapping_pairs`, `align_batch`), so they
run in worker processes here and could run on a cluster engine unchanged.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import sys
import threading
from collections.abc import Generator, Iterable
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import asdict, dataclass, field

from app.core.align import Row, align_prepared, prepare
from app.core.documents import (
    MAX_BYTES,
    Article,
    Skipped,
    SourceFile,
    Unreadable,
    collect_files,
    read_article,
)
from app.core.fidelity import pair_fidelity
from app.core.flags import flag_recurring_lines, read_parts
from app.core.index import Overlap, overlapping_pairs, shingle_hashes, story_families
from app.core.language import detect_language
from app.core.revision import ENGINE_REVISION
from app.core.sentences import split_sentences
from app.core.settings import Settings
from app.core.text import words

#: Below this many files a scan stays in one process: starting workers costs more than it saves.
PARALLEL_FROM = 400
ALIGN_PARALLEL_FROM = 150  # pairs
BATCH = 64  # small enough that unpickling a batch never holds the GIL (and the window) for long


@dataclass
class Progress:
    stage: str  # read | index | align | done
    done: int
    total: int
    message: str = ""
    partial: ScanResult | None = None  # set once a stage has results to show: documents, then pairs


@dataclass
class PairResult:
    a: int
    b: int
    overlap: Overlap
    rows: list[Row]
    fidelity: dict

    @property
    def score(self) -> float:
        return self.overlap.score


@dataclass
class ScanResult:
    settings: Settings
    articles: list[Article] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    pairs: list[PairResult] = field(default_factory=list)
    families: list[list[int]] = field(default_factory=list)

    def settings_dict(self) -> dict:
        d = asdict(self.settings)
        d.pop("workers")
        return d


# ---------------------------------------------------------------- stage 1: one article on its own

def analyse_article(article: Article) -> Article:
    """Language, sentences and the article's own flags."""
    article.language = detect_language(article.text)
    article.sentences = split_sentences(article.text, article.language)
    parts = read_parts(article.text)
    article.flags, article.headline, article.deck = parts.flags, parts.headline, parts.deck
    return article


def body_words(article: Article) -> list[str]:
    """The words of the article's text outside its flags: what the corpus index sees."""
    text = article.text
    if not article.flags:
        return words(text)
    pieces, pos = [], 0
    for f in sorted(article.flags, key=lambda f: f.start):
        pieces.append(text[pos : f.start])
        pos = max(pos, f.end)
    pieces.append(text[pos:])
    return words("\n".join(pieces))


def analyse_batch(sources: list[SourceFile], max_bytes: int = MAX_BYTES,
                  for_cache: bool = False) -> list[tuple[Article, object, bytes | None] | Skipped]:
    """Read and analyse a batch of files: (article, shingles, cache payload or None) or Skipped, in order.

    The payload is made here, in the worker, so that caching costs the main process nothing.
    """
    from app.core.cache import pack

    out: list = []
    for source in sources:
        try:
            article = analyse_article(read_article(source, max_bytes))
        except Unreadable as err:
            out.append(Skipped(source.path, str(err)))
            continue
        shingles = shingle_hashes(body_words(article))
        payload = pack({"article": _cacheable(article), "shingles": shingles}) if for_cache else None
        out.append((article, shingles, payload))
    return out


# ---------------------------------------------------------------- stage 3: pairs

def _prepared(article: Article):
    if "side" not in article._memo:
        article._memo["side"] = prepare(article.text, article.sentences, article.flagged_sentences())
    return article._memo["side"]


def align_pair(a: Article, b: Article) -> tuple[list[Row], dict]:
    rows = align_prepared(_prepared(a), _prepared(b))
    return rows, pair_fidelity(a, b, rows)


def align_batch(pairs: list[tuple[Article, Article]], for_cache: bool = False) -> list[tuple]:
    """(rows, fidelity, cache payload or None) for each pair."""
    from app.core.cache import pack

    out = []
    for a, b in pairs:
        value = align_pair(a, b)
        out.append((*value, pack(value) if for_cache else None))
    return out


_INHERITED: list[Article] = []  # the articles, for alignment workers forked after reading


def align_inherited(pairs: list[tuple[int, int]], for_cache: bool = False) -> list[tuple]:
    """align_batch for a worker forked with the articles in memory: only indices cross the process line."""
    return align_batch([(_INHERITED[a], _INHERITED[b]) for a, b in pairs], for_cache)


# ---------------------------------------------------------------- the scan

def _start_method() -> str:
    # fork is fast and safe from a single-threaded command line; a GUI (threads) must spawn
    return "fork" if sys.platform == "linux" and threading.active_count() == 1 else "spawn"


def _executor(workers: int, method: str) -> Executor:
    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context(method))


def _drain(futures: list) -> Iterable:
    """Results in submission order, each future let go once read: a finished future holds its result,
    and a list of them would keep every batch in memory twice until the scan ends."""
    for n in range(len(futures)):
        result = futures[n].result()
        futures[n] = None
        yield result


def _batches(items: list, size: int) -> Iterable[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _cache_key(settings: Settings) -> str:
    """What changes an analysis (not where results go), with the engine's revision."""
    return f"mb={settings.max_bytes}|engine={ENGINE_REVISION}"


def scan(inputs: list[str], settings: Settings | None = None, cache=None) -> Generator[Progress, None, ScanResult]:
    """Scan folders and files; yields Progress, returns the ScanResult.

    The cyclic garbage collector stays off while it runs: a scan builds millions of long-lived objects
    that form no cycles, and each full collection would walk them all again (hundreds of ms each).
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        return (yield from _scan(inputs, settings, cache))
    finally:
        if collecting:
            gc.enable()


def _scan(inputs: list[str], settings: Settings | None, cache) -> Generator[Progress, None, ScanResult]:
    settings = settings or Settings()
    result = ScanResult(settings)
    sources, result.skipped = collect_files(inputs)
    total = len(sources)
    yield Progress("read", 0, total, f"{total} files to read")

    key = _cache_key(settings)
    cached: dict[str, dict] = {}
    stats: dict[str, tuple[int, int]] = {}
    if cache is not None:
        for s in sources:
            try:
                st = os.stat(s.path)
                stats[s.path] = (st.st_size, st.st_mtime_ns)
            except OSError:
                pass
        known = cache.known_hashes(stats)
        cached_by_sha = cache.get_articles(sorted(set(known.values())), key)
        cached = {p: cached_by_sha[sha] for p, sha in known.items() if sha in cached_by_sha}

    slots: list = [None] * total
    todo = []
    for n, s in enumerate(sources):
        hit = cached.get(s.path)
        if hit is not None:
            art = Article(id=s.id, path=s.path, **hit["article"])
            slots[n] = (art, hit["shingles"])
        else:
            todo.append(n)
    done = total - len(todo)
    if done:
        yield Progress("read", done, total, f"{done} unchanged files from the cache")

    workers = settings.workers or os.cpu_count() or 1
    method = _start_method()  # decided before any pool: a pool's own threads would rule out fork
    pool = _executor(workers, method) if len(todo) >= PARALLEL_FROM and workers > 1 else None
    try:
        batches = list(_batches(todo, BATCH if pool else 50))
        if pool:
            futures = [pool.submit(analyse_batch, [sources[n] for n in batch], settings.max_bytes, cache is not None)
                       for batch in batches]
            results = _drain(futures)
        else:
            results = (analyse_batch([sources[n] for n in batch], settings.max_bytes, cache is not None)
                       for batch in batches)
        fresh: dict[str, bytes] = {}
        fresh_files = []
        for batch, outcome in zip(batches, results, strict=True):
            for n, item in zip(batch, outcome, strict=True):
                if isinstance(item, Skipped):
                    slots[n] = item
                    continue
                art, sh, payload = item
                slots[n] = (art, sh)
                if payload is not None:
                    fresh[art.sha256] = payload
                    if art.path in stats:
                        fresh_files.append((art.path, *stats[art.path], art.sha256))
            done += len(batch)
            yield Progress("read", done, total, f"read {done} of {total} files")
        if cache is not None and fresh:
            cache.put_packed_articles(fresh, key)
            cache.remember_files(fresh_files)

        articles, shingles = [], []
        for item in slots:
            if isinstance(item, Skipped):
                result.skipped.append(item)
            else:
                articles.append(item[0])
                shingles.append(item[1])
        result.articles = articles

        yield Progress("index", 0, 1, "finding overlapping articles", partial=result)
        overlaps = overlapping_pairs(shingles, settings.min_overlap, settings.min_shared)
        families = story_families(len(articles), overlaps)
        changed = flag_recurring_lines(articles, families)
        if changed:
            for i in changed:
                shingles[i] = shingle_hashes(body_words(articles[i]))
            overlaps = overlapping_pairs(shingles, settings.min_overlap, settings.min_shared)
        yield Progress("index", 1, 1, f"{len(overlaps)} overlapping pairs")

        if pool is not None and method == "fork":
            # alignment forks fresh workers that inherit the articles; the readers are done
            pool.shutdown()
            pool = None
        yield from _align_all(result, overlaps, cache, pool, changed, workers if method == "fork" else 0)
        result.families = story_families(len(articles), [p.overlap for p in result.pairs])
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    yield Progress("done", 1, 1, f"{len(result.articles)} articles, {len(result.pairs)} pairs")
    return result


def _cacheable(art: Article) -> dict:
    return {"sha256": art.sha256, "encoding": art.encoding, "text": art.text, "title": art.title,
            "language": art.language, "sentences": art.sentences, "flags": art.flags,
            "headline": art.headline, "deck": art.deck}


def _align_all(result: ScanResult, overlaps: list[Overlap], cache, pool, changed: set[int], fork_workers: int):
    global _INHERITED
    arts = result.articles
    total = len(overlaps)
    yield Progress("align", 0, total, f"aligning {total} pairs")
    keys = [(arts[o.a].sha256, arts[o.b].sha256) for o in overlaps]
    key = _cache_key(result.settings)
    known = cache.get_pairs(keys, key) if cache is not None and keys else {}
    todo = [n for n, k in enumerate(keys) if k not in known or overlaps[n].a in changed or overlaps[n].b in changed]
    redo = set(todo)
    aligned: dict[int, tuple] = {n: known[k] for n, k in enumerate(keys) if n not in redo}
    parallel = (pool is not None or fork_workers > 1) and len(todo) > ALIGN_PARALLEL_FROM
    batches = list(_batches(todo, max(25, len(todo) // 32) if parallel else 50))
    forked = None
    if parallel and fork_workers > 1:
        # workers forked now share the articles copy-on-write: no article is pickled to them
        _INHERITED = arts
        gc.freeze()  # and their collectors leave the inherited objects (and their pages) alone
        forked = _executor(fork_workers, "fork")
        futures = [forked.submit(align_inherited, [(overlaps[n].a, overlaps[n].b) for n in b], cache is not None)
                   for b in batches]
        outcomes = _drain(futures)
    elif parallel:
        futures = [pool.submit(align_batch, [(arts[overlaps[n].a], arts[overlaps[n].b]) for n in b], cache is not None)
                   for b in batches]
        outcomes = _drain(futures)
    else:
        outcomes = (align_batch([(arts[overlaps[n].a], arts[overlaps[n].b]) for n in b], cache is not None)
                    for b in batches)
    fresh: dict[tuple[str, str], bytes] = {}
    for batch, outcome in zip(batches, outcomes, strict=True):
        for n, (rows, fidelity, payload) in zip(batch, outcome, strict=True):
            aligned[n] = (rows, fidelity)
            if payload is not None:
                fresh[keys[n]] = payload
        yield Progress("align", len(aligned), total, f"aligned {len(aligned)} of {total} pairs")
    if forked is not None:
        forked.shutdown()
        _INHERITED = []
        gc.unfreeze()
    if cache is not None and fresh:
        cache.put_packed_pairs(fresh, key)
    pairs = [PairResult(o.a, o.b, o, *aligned[n]) for n, o in enumerate(overlaps)]
    pairs.sort(key=lambda p: (-p.score, arts[p.a].id, arts[p.b].id))
    result.pairs = pairs


def run(gen: Generator[Progress, None, ScanResult], on_progress=None) -> ScanResult:
    """Drive a scan generator to its end, passing each Progress to `on_progress`."""
    while True:
        try:
            progress = next(gen)
        except StopIteration as stop:
            return stop.value
        if on_progress:
            on_progress(progress)


def compare_files(path_a: str, path_b: str, settings: Settings | None = None) -> ScanResult:
    """Two files compared directly: their one pair is always listed."""
    settings = settings or Settings()
    result = ScanResult(settings)
    articles = []
    for n, path in enumerate((path_a, path_b)):
        source = SourceFile(os.path.basename(path) if n == 0 or os.path.basename(path_a) != os.path.basename(path_b)
                            else f"{os.path.basename(path)}#2", os.path.abspath(path))
        articles.append(analyse_article(read_article(source, settings.max_bytes)))
    a, b = articles
    sa, sb = shingle_hashes(body_words(a)), shingle_hashes(body_words(b))
    found = overlapping_pairs([sa, sb], 0.0, 1)
    overlap = found[0] if found else Overlap(0, 1, 0, 0.0, 0.0)
    rows, fidelity = align_pair(a, b)
    result.articles = articles
    result.pairs = [PairResult(0, 1, overlap, rows, fidelity)]
    result.families = [[0, 1]] if found else []
    return result
