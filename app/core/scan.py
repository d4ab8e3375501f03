"""A scan: read a corpus, analyse each article, find the overlapping pairs, align them, group families.

`scan` is a generator: each `yield` reports progress and is where a caller may stop (close it to cancel).
Its stages are pure functions over batches (`analyse_batch`, `overlapping_pairs`, `align_batch`), so they
run in worker processes here and could run on a cluster engine unchanged.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Generator, Iterator
from contextlib import contextmanager

from app.core.align import Row, align_prepared, prepare
from app.core.documents import (
    MAX_BYTES,
    Article,
    Skipped,
    SourceFile,
    Unreadable,
    collect_files,
    display_path,
    read_article,
)
from app.core.families import build_families
from app.core.fidelity import pair_fidelity
from app.core.flags import flag_recurring_lines, read_parts
from app.core.index import Overlap, overlapping_pairs, shingle_hashes, story_families
from app.core.language import detect_language
from app.core.pools import batches as _batches
from app.core.pools import drain as _drain
from app.core.pools import executor as _executor
from app.core.pools import start_method as _start_method
from app.core.pools import stop as _stop
from app.core.records import Fidelity, PairResult, Progress, Relation, RelationFigures, ScanResult
from app.core.relations import relate
from app.core.revision import ENGINE_REVISION
from app.core.sentences import split_sentences
from app.core.settings import Settings
from app.core.text import words

#: Below this many files a scan stays in one process: starting workers costs more than it saves.
PARALLEL_FROM = 400
ALIGN_PARALLEL_FROM = 150  # pairs
BATCH = 64  # small enough that unpickling a batch never holds the GIL (and the window) for long


# ---------------------------------------------------------------- stage 1: one article on its own

def analyse_article(article: Article) -> Article:
    """Language, sentences and the article's own flags."""
    article.language = detect_language(article.text)
    article.sentences = split_sentences(article.text, article.language)
    parts = read_parts(article.text)
    article.flags, article.headline, article.deck = parts.flags, parts.headline, parts.deck
    article.title = parts.title  # the headline; never a first line that may be furniture ("Print")
    return article


def body_words(article: Article) -> list[str]:
    """The words of the article's text outside its flags: what the corpus index sees.

    Captions stay in: they are not the article's narrative, but two articles sharing one are related (quotes).
    """
    text = article.text
    junk = sorted((f for f in article.flags if f.kind != "caption"), key=lambda f: f.start)
    if not junk:
        return words(text)
    pieces, pos = [], 0
    for f in junk:
        pieces.append(text[pos : f.start])
        pos = max(pos, f.end)
    pieces.append(text[pos:])
    return words("\n".join(pieces))


def analyse_batch(sources: list[SourceFile], max_bytes: int = MAX_BYTES,
                  for_cache: bool = False) -> list[tuple[Article, object, bytes | None] | Skipped]:
    """Read and analyse a batch of files: (article, shingles, cache payload or None) or Skipped, in order.

    The payload is made here, in the worker, so that caching costs the main process nothing. A file that
    makes any stage fail is skipped with the reason: one bad entry never loses the scan.
    """
    from app.core.cache import pack_article

    out: list = []
    for source in sources:
        try:
            article = analyse_article(read_article(source, max_bytes))
            shingles = shingle_hashes(body_words(article))
        except Unreadable as err:
            out.append(Skipped(source.path, str(err)))
            continue
        except Exception as err:  # any engine failure skips this file only
            out.append(Skipped(source.path, f"could not be analysed ({type(err).__name__}: {err})"))
            continue
        payload = pack_article(article, shingles) if for_cache else None
        out.append((article, shingles, payload))
    return out


# ---------------------------------------------------------------- stage 3: pairs

def _prepared(article: Article):
    if "side" not in article._memo:
        article._memo["side"] = prepare(article.text, article.sentences, article.flagged_sentences())
    return article._memo["side"]


def align_pair(a: Article, b: Article) -> tuple[list[Row], Fidelity, Relation | None, RelationFigures]:
    """The alignment, its fidelity, and the relation it shows (None: nothing worth reporting)."""
    rows = align_prepared(_prepared(a), _prepared(b))
    return rows, pair_fidelity(a, b, rows), *relate(a, b, rows)


def align_batch(pairs: list[tuple[Article, Article]], for_cache: bool = False) -> list[tuple]:
    """(rows, fidelity, relation, figures, cache payload or None) for each pair."""
    from app.core.cache import pack_pair

    out = []
    for a, b in pairs:
        value = align_pair(a, b)
        out.append((*value, pack_pair(*value) if for_cache else None))
    return out


_INHERITED: list[Article] = []  # the articles, for alignment workers forked after reading


def align_inherited(pairs: list[tuple[int, int]], for_cache: bool = False) -> list[tuple]:
    """align_batch for a worker forked with the articles in memory: only indices cross the process line."""
    return align_batch([(_INHERITED[a], _INHERITED[b]) for a, b in pairs], for_cache)


# ---------------------------------------------------------------- the scan

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
            slots[n] = (Article(id=s.id, path=s.path, **hit[0]), hit[1])
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
        yield Progress("align", 1, 1, "grouping copies into story families")
        fork_workers = workers if method == "fork" else 0
        result.families = build_families(articles, result.pairs,
                                         lambda todo: _fidelities(articles, todo, fork_workers))
    finally:
        _stop(pool)  # on cancel (the generator closed) too: running workers are killed, not waited for
    for art in result.articles:
        result.warnings += [f"{display_path(art.id)}: {note}" for note in art.notes]
    if cache is not None:
        result.warnings += [w for w in cache.warnings if w not in result.warnings]
    yield Progress("done", 1, 1, f"{len(result.articles)} articles, {len(result.pairs)} pairs")
    return result


def _align_all(result: ScanResult, overlaps: list[Overlap], cache, pool, changed: set[int], fork_workers: int):
    arts = result.articles
    total = len(overlaps)
    yield Progress("align", 0, total, f"aligning {total} pairs")
    keys = [(arts[o.a].sha256, arts[o.b].sha256) for o in overlaps]
    key = _cache_key(result.settings)
    known = cache.get_pairs(keys, key) if cache is not None and keys else {}
    todo = [n for n, k in enumerate(keys) if k not in known or overlaps[n].a in changed or overlaps[n].b in changed]
    redo = set(todo)
    aligned: dict[int, tuple] = {n: known[k] for n, k in enumerate(keys) if n not in redo}
    fresh: dict[tuple[str, str], tuple] = {}
    parallel = (pool is not None or fork_workers > 1) and len(todo) > ALIGN_PARALLEL_FROM
    batches = list(_batches(todo, max(25, len(todo) // 32) if parallel else 50))
    if parallel and fork_workers > 1:
        with _forked_with(arts, fork_workers) as forked:
            futures = [forked.submit(align_inherited, [(overlaps[n].a, overlaps[n].b) for n in b], cache is not None)
                       for b in batches]
            yield from _collect(batches, _drain(futures), aligned, fresh, keys, total)
    else:
        if parallel:
            futures = [pool.submit(align_batch, [(arts[overlaps[n].a], arts[overlaps[n].b]) for n in b],
                                   cache is not None) for b in batches]
            outcomes = _drain(futures)
        else:
            outcomes = (align_batch([(arts[overlaps[n].a], arts[overlaps[n].b]) for n in b], cache is not None)
                        for b in batches)
        yield from _collect(batches, outcomes, aligned, fresh, keys, total)
    if cache is not None and fresh:
        cache.put_packed_pairs(fresh, key)
    # pairs whose only common text is stock lines or scattered shingles are not reported (relations.py)
    pairs = [PairResult(o.a, o.b, o, *aligned[n]) for n, o in enumerate(overlaps) if aligned[n][2] is not None]
    pairs.sort(key=lambda p: (-p.score, arts[p.a].id, arts[p.b].id))
    result.pairs = pairs


def _collect(batches, outcomes, aligned: dict, fresh: dict, keys: list, total: int):
    for batch, outcome in zip(batches, outcomes, strict=True):
        for n, (*value, payload) in zip(batch, outcome, strict=True):
            aligned[n] = tuple(value)
            if payload is not None:
                fresh[keys[n]] = payload
        yield Progress("align", len(aligned), total, f"aligned {len(aligned)} of {total} pairs")

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
        try:
            articles.append(analyse_article(read_article(source, settings.max_bytes)))
        except Unreadable as err:  # say which of the two it was
            raise Unreadable(f"{path}: {err}") from err
    a, b = articles
    sa, sb = shingle_hashes(body_words(a)), shingle_hashes(body_words(b))
    found = overlapping_pairs([sa, sb], 0.0, 1)
    overlap = found[0] if found else Overlap(0, 1, 0, 0.0, 0.0)
    rows, fidelity, relation, figures = align_pair(a, b)
    result.articles = articles
    # compared on request, the pair is listed even when it shares nothing real: as quotes at most
    result.pairs = [PairResult(0, 1, overlap, rows, fidelity, relation or Relation.QUOTES, figures)]
    result.families = build_families(articles, result.pairs, lambda todo: _fidelities(articles, todo))
    result.warnings = [f"{display_path(art.id)}: {note}" for art in articles for note in art.notes]
    return result


def _fidelities(articles: list[Article], todo: list[tuple[int, int]], fork_workers: int = 0) -> list[Fidelity]:
    """Fidelity of (reference, member) pairs the scan did not align: members joined through a third copy.
    Many of them (a large family built as a chain) go to forked workers, like the scan's own alignment."""
    if fork_workers <= 1 or len(todo) <= ALIGN_PARALLEL_FROM:
        return [align_pair(articles[r], articles[m])[1] for r, m in todo]
    with _forked_with(articles, fork_workers) as forked:
        batches = list(_batches(todo, max(25, len(todo) // (4 * fork_workers))))
        futures = [forked.submit(align_inherited, batch) for batch in batches]
        return [value[1] for outcome in _drain(futures) for value in outcome]


@contextmanager
def _forked_with(articles: list[Article], workers: int) -> Iterator:
    """A pool of workers forked now, sharing `articles` copy-on-write: no article is pickled to them."""
    global _INHERITED
    _INHERITED = articles
    gc.freeze()  # and their collectors leave the inherited objects (and their pages) alone
    pool = _executor(workers, "fork")
    try:
        yield pool
    finally:
        _stop(pool)  # on a cancel mid-batch too: the workers are killed rather than waited for
        _INHERITED = []
        gc.unfreeze()
