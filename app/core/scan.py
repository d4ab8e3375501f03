"""A scan: read a corpus, analyse each article, find the overlapping pairs, align them, group families.

`scan` is a generator: each `yield` reports progress and is where a caller may stop (close it to cancel).
Its stages are pure functions over batches (`analyse_batch`, `overlapping_pairs`, `align_batch`), so they
run in worker processes here and could run on a cluster engine unchanged.
"""

from __future__ import annotations

import gc
import os
import unicodedata
from collections.abc import Generator, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from typing import ClassVar

from app.core.align import PreparedSide, align_prepared, prepare
from app.core.cache_policy import ScanCache
from app.core.documents import MAX_BYTES, Unreadable, collect_files, display_path, read_article
from app.core.families import build_families
from app.core.fidelity import pair_fidelity
from app.core.flags import flag_recurring_lines, read_parts
from app.core.flags.lines import Line, page_lines
from app.core.index import overlapping_pairs, shingle_hashes, story_families
from app.core.language import detect_language
from app.core.pools import batches as _batches
from app.core.pools import drain as _drain
from app.core.pools import executor as _executor
from app.core.pools import start_method as _start_method
from app.core.pools import stop as _stop
from app.core.records import (
    Article,
    Fidelity,
    Overlap,
    PairResult,
    Progress,
    Relation,
    RelationFigures,
    Row,
    ScanResult,
    Skipped,
    SourceFile,
)
from app.core.relations import relate, verdict_rows
from app.core.sentences import split_sentences
from app.core.settings import Settings
from app.core.text import line_spans, words

#: Below this many files a scan stays in one process: starting workers costs more than it saves.
PARALLEL_FROM = 400
ALIGN_PARALLEL_FROM = 150  # pairs
BATCH = 64  # small enough that unpickling a batch never holds the GIL (and the window) for long


# ---------------------------------------------------------------- stage 1: one article on its own

def analyse_article(article: Article) -> Article:
    """Language, sentences and the article's own flags."""
    _analyse(article)
    return article


def _analyse(article: Article) -> list[Line]:
    """`analyse_article`, returning the page's lines as the flags read them (their words serve the index)."""
    # the page split into lines once, for the sentences and the flags (each split it before)
    spans = line_spans(article.text)
    article.language = detect_language(article.text)
    article.sentences = split_sentences(article.text, article.language, lines=spans)
    lines = page_lines(article.text, spans)
    parts = read_parts(article.text, lines)
    article.flags, article.headline, article.deck = parts.flags, parts.headline, parts.deck
    article.title = parts.title  # the headline; never a first line that may be furniture ("Print")
    return lines


def body_words(article: Article, lines: list[Line] | None = None) -> list[str]:
    """The words of the article's text outside its flags: what the corpus index sees.

    Captions stay in: they are not the article's narrative, but two articles sharing one are related (quotes).
    `lines`: the article's `page_lines`, whose words are these where every flag is whole lines.
    """
    text = article.text
    junk = sorted((f for f in article.flags if f.kind != "caption"), key=lambda f: f.start)
    if lines is not None:
        found = _line_words(text, lines, junk)
        if found is not None:
            return found
    if not junk:
        return words(text)
    pieces, pos = [], 0
    for f in junk:
        pieces.append(text[pos : f.start])
        pos = max(pos, f.end)
    pieces.append(text[pos:])
    return words("\n".join(pieces))


def _line_words(text: str, lines: list[Line], junk: list) -> list[str] | None:
    """`body_words` from the flags' words of each line (the same regex over the same text, found again
    before), or None where they may differ: a flag covering part of a line, or text that `words` would
    change by Unicode normalisation. A word never spans lines and only white space lies between them."""
    low = text.lower()
    if len(low) != len(text) or not unicodedata.is_normalized("NFC", low):
        return None
    whole = {(line.start, line.end) for line in lines}
    cut = {(f.start, f.end) for f in junk}
    if not cut <= whole:
        return None
    out: list[str] = []
    for line in lines:
        if (line.start, line.end) not in cut:
            out.extend(line.words)
    if "’" in low:  # `words` unifies the apostrophes
        return [w.replace("’", "'") for w in out]
    return out


def analyse_batch(sources: list[SourceFile], max_bytes: int = MAX_BYTES, for_cache: bool = False,
                  contents: list[bytes | Unreadable] | None = None) -> list[tuple[Article, object, bytes | None] | Skipped]:
    """Read and analyse a batch of files: (article, shingles, cache payload or None) or Skipped, in order.

    The payload is made here, in the worker, so that caching costs the main process nothing. A file that
    makes any stage fail is skipped with the reason: one bad entry never loses the scan. `contents`: the
    files' bytes (or why they could not be read), read by a client whose files this worker cannot see.
    """
    from app.core.cache import pack_article

    out: list = []
    for n, source in enumerate(sources):
        try:
            data = None if contents is None else contents[n]
            if isinstance(data, Unreadable):
                raise data
            article = read_article(source, max_bytes, data)
            shingles = shingle_hashes(body_words(article, _analyse(article)))
        except Unreadable as err:
            out.append(Skipped(source.path, str(err)))
            continue
        except Exception as err:  # any engine failure skips this file only
            out.append(Skipped(source.path, f"could not be analysed ({type(err).__name__}: {err})"))
            continue
        payload = pack_article(article, shingles) if for_cache else None
        out.append((article, shingles, payload))
    return out


# ---------------------------------------------------------------- one pair

def _prepared(article: Article) -> PreparedSide:
    if article.derived.prepared is None:
        article.derived.prepared = prepare(article.text, article.sentences, article.flagged_sentences())
    return article.derived.prepared


def align_pair(a: Article, b: Article) -> tuple[list[Row], Fidelity, Relation | None, RelationFigures]:
    """The alignment, its fidelity, and the relation it shows (None: nothing worth reporting)."""
    rows = align_prepared(_prepared(a), _prepared(b))
    relation, figures = relate(a, b, rows)
    counted = verdict_rows(a, b, rows, relation)
    if counted is not None:
        for n, row in enumerate(rows):
            if row.severity == "high" and n not in counted:
                row.severity = "low"  # outside the text the pair shares: no high-risk mark, as no count
    return rows, pair_fidelity(a, b, rows, counted), relation, figures


def align_batch(pairs: list[tuple[Article, Article]], for_cache: bool = False) -> list[tuple]:
    """(rows, fidelity, relation, figures, cache payload or None) for each pair."""
    from app.core.cache import pack_pair

    out = []
    for a, b in pairs:
        value = align_pair(a, b)
        out.append((*value, pack_pair(*value) if for_cache else None))
    return out


@dataclass(frozen=True)
class Inherited:
    """What workers forked by a scan inherit from it, copy-on-write: the articles, never pickled to them."""

    articles: list[Article]
    current: ClassVar[Inherited | None] = None  # in a forked worker: what its scan handed it

    def adopt(self) -> None:
        """Worker initializer: keep the scan's articles for `align_inherited`."""
        Inherited.current = self


def align_inherited(pairs: list[tuple[int, int]], for_cache: bool = False) -> list[tuple]:
    """align_batch for a worker forked with the articles in memory: only indices cross the process line."""
    articles = Inherited.current.articles
    return align_batch([(articles[a], articles[b]) for a, b in pairs], for_cache)


# ---------------------------------------------------------------- the scan, stage by stage

def scan(inputs: list[str], settings: Settings | None = None, cache=None,
         found: tuple[list[SourceFile], list[Skipped]] | None = None,
         cluster=None) -> Generator[Progress, None, ScanResult]:
    """Scan folders and files; yields Progress, returns the ScanResult. `found`: what `collect_files(inputs)`
    gave a caller that walked them already (the folders are then not walked again). `cluster`: workers on a
    Dask cluster (`cluster.connect`) that run the stages instead of this machine's processes.

    The cyclic garbage collector stays off while it runs: a scan builds millions of long-lived objects
    that form no cycles, and each full collection would walk them all again (hundreds of ms each).
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        return (yield from _scan(inputs, settings, cache, found, cluster))
    finally:
        if collecting:
            gc.enable()


def _scan(inputs: list[str], settings: Settings | None, cache, found,
          cluster) -> Generator[Progress, None, ScanResult]:
    settings = settings or Settings()
    result = ScanResult(settings)
    store = ScanCache(cache, settings)
    sources, skipped = found or collect_files(inputs)  # walk
    result.skipped = list(skipped)
    with (cluster or _Workers(settings)) as workers:
        slots = yield from _read(sources, store, settings, workers)
        shingles = _gather(slots, result)
        yield Progress("index", 0, 1, "finding overlapping articles", partial=result)
        overlaps = _join(shingles, settings, workers)
        changed = _flag_recurring_lines(result.articles, shingles, overlaps)
        if changed:
            overlaps = _join(shingles, settings, workers)
        yield Progress("index", 1, 1, f"{len(overlaps)} overlapping pairs")
        workers.done_reading()
        aligned = yield from _align(result.articles, overlaps, store, workers, changed)
        result.pairs = _reported_pairs(result.articles, overlaps, aligned)
        yield Progress("align", 1, 1, "grouping copies into story families")
        result.families = build_families(result.articles, result.pairs,
                                         lambda todo: _fidelities(result.articles, todo, workers))
    result.warnings = _warnings(result.articles, store)
    yield Progress("done", 1, 1, f"{len(result.articles)} articles, {len(result.pairs)} pairs")
    return result


class _Workers:
    """The scan's worker processes: readers started when there is enough to read, then either kept for
    alignment (spawn: articles are pickled to them) or let go for workers forked with the articles.
    `cluster.ClusterWorkers` offers the same to the scan from a Dask cluster."""

    shards = 1  # the shingle join runs here in one piece: on one machine splitting it only costs
    map_shards = None

    def __init__(self, settings: Settings):
        self.count = settings.workers or os.cpu_count() or 1
        self.method = _start_method()  # decided before any pool: a pool's own threads would rule out fork
        self.pool = None

    @property
    def fork_count(self) -> int:
        """How many workers to fork with the articles (0: forking is not possible here)."""
        return self.count if self.method == "fork" else 0

    def readers(self, files: int):
        if self.pool is None and files >= PARALLEL_FROM and self.count > 1:
            self.pool = _executor(self.count, self.method)
        return self.pool

    def done_reading(self) -> None:
        if self.pool is not None and self.method == "fork":
            # alignment forks fresh workers that inherit the articles; the readers are done
            self.pool.shutdown()
            self.pool = None

    @contextmanager
    def aligner(self, articles: list[Article], pairs: int, forked_only: bool = False) -> Iterator:
        """A function that sends a batch of pairs (indices into `articles`) to the workers and returns its
        future; None where `pairs` are too few to be worth it, or there are no workers (align them here).
        `forked_only`: not to workers that would need the articles pickled to them."""
        if pairs <= ALIGN_PARALLEL_FROM:
            yield None
        elif self.fork_count > 1:
            with _forked_with(articles, self.fork_count) as forked:
                yield lambda batch, for_cache=False: forked.submit(align_inherited, batch, for_cache)
        elif self.pool is not None and not forked_only:
            yield lambda batch, for_cache=False: self.pool.submit(
                align_batch, [(articles[a], articles[b]) for a, b in batch], for_cache)
        else:
            yield None

    def __enter__(self) -> _Workers:
        return self

    def __exit__(self, *_exc) -> None:
        _stop(self.pool)  # on cancel (the generator closed) too: running workers are killed, not waited for


def _read(sources: list[SourceFile], store: ScanCache, settings: Settings, workers: _Workers):
    """Stage: every file as (article, shingles) or Skipped, in the order found; unchanged files from the cache."""
    total = len(sources)
    yield Progress("read", 0, total, f"{total} files to read")
    cached = store.known_articles(sources)
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
    pool = workers.readers(len(todo))
    batches = list(_batches(todo, BATCH if pool else 50))
    work = [([sources[n] for n in batch], settings.max_bytes, store.storing) for batch in batches]
    results = _drain([pool.submit(analyse_batch, *w) for w in work]) if pool else (analyse_batch(*w) for w in work)
    fresh: dict[str, tuple] = {}
    fresh_articles = []
    for batch, outcome in zip(batches, results, strict=True):
        for n, item in zip(batch, outcome, strict=True):
            if isinstance(item, Skipped):
                slots[n] = item
                continue
            art, sh, payload = item
            slots[n] = (art, sh)
            if payload is not None:
                fresh[art.sha256] = payload
                fresh_articles.append(art)
        done += len(batch)
        yield Progress("read", done, total, f"read {done} of {total} files")
    store.store_articles(fresh, fresh_articles)
    return slots


def _gather(slots: list, result: ScanResult) -> list:
    """Stage: the articles into the result (the skipped files after those the walk refused); their shingles."""
    articles, shingles = [], []
    for item in slots:
        if isinstance(item, Skipped):
            result.skipped.append(item)
        else:
            articles.append(item[0])
            shingles.append(item[1])
    result.articles = articles
    return shingles


def _join(shingles: list, settings: Settings, workers) -> list[Overlap]:
    """Stage: the pairs of articles that share enough text (on a cluster, over shards of the postings)."""
    return overlapping_pairs(shingles, settings.min_overlap, settings.min_shared,
                             shards=workers.shards, map_shards=workers.map_shards)


def _flag_recurring_lines(articles: list[Article], shingles: list, overlaps: list[Overlap]) -> set[int]:
    """Stage: lines recurring across unrelated stories flagged; the articles it changed, shingled again."""
    changed = flag_recurring_lines(articles, story_families(len(articles), overlaps))
    for i in changed:
        shingles[i] = shingle_hashes(body_words(articles[i]))
    return changed


def _align(articles: list[Article], overlaps: list[Overlap], store: ScanCache, workers: _Workers,
           changed: set[int]):
    """Stage: every overlapping pair aligned (or taken from the cache); returns the alignments by pair number."""
    total = len(overlaps)
    keys, aligned, todo = store.known_pairs(articles, overlaps, changed)
    yield Progress("align", len(aligned), total, f"aligning {len(todo)} of {total} pairs (the rest from the cache)")
    fresh: dict[tuple[str, str], tuple] = {}
    with workers.aligner(articles, len(todo)) as send:
        batches = list(_batches(todo, max(25, len(todo) // 32) if send else 50))
        indices = [[(overlaps[n].a, overlaps[n].b) for n in b] for b in batches]
        outcomes = (_drain([send(pairs, store.storing) for pairs in indices]) if send
                    else (align_batch([(articles[a], articles[b]) for a, b in pairs], store.storing)
                          for pairs in indices))
        yield from _collect(batches, outcomes, aligned, fresh, keys, total)
    store.store_pairs(fresh)
    return aligned


def _collect(batches, outcomes, aligned: dict, fresh: dict, keys: list, total: int):
    for batch, outcome in zip(batches, outcomes, strict=True):
        for n, (*value, payload) in zip(batch, outcome, strict=True):
            aligned[n] = tuple(value)
            if payload is not None:
                fresh[keys[n]] = payload
        yield Progress("align", len(aligned), total, f"aligned {len(aligned)} of {total} pairs")


def _reported_pairs(articles: list[Article], overlaps: list[Overlap], aligned: dict[int, tuple]) -> list[PairResult]:
    """Stage: the pairs whose relation is worth reporting, best first.

    Pairs whose only common text is stock lines or scattered shingles are not reported (relations.py).
    """
    pairs = [PairResult(o.a, o.b, o, *aligned[n]) for n, o in enumerate(overlaps) if aligned[n][2] is not None]
    pairs.sort(key=lambda p: (-p.score, articles[p.a].id, articles[p.b].id))
    return pairs


def _warnings(articles: list[Article], store: ScanCache) -> list[str]:
    """Stage: what a person should know about how files were read, and about the cache."""
    warnings = [f"{display_path(art.id)}: {note}" for art in articles for note in art.notes]
    return warnings + [w for w in store.warnings() if w not in warnings]


def run(gen: Generator[Progress, None, ScanResult], on_progress=None) -> ScanResult:
    """Drive a scan generator to its end, passing each Progress to `on_progress`."""
    while True:
        try:
            progress = next(gen)
        except StopIteration as stop:
            return stop.value
        if on_progress:
            on_progress(progress)


def compare_articles(articles: list[Article], i: int, j: int) -> PairResult:
    """Articles `i` and `j` aligned on request, as the scan would have: two files compared directly, or two
    copies of a family that the scan joined only through a third copy."""
    a, b = articles[i], articles[j]
    found = overlapping_pairs([shingle_hashes(body_words(a)), shingle_hashes(body_words(b))], 0.0, 1)
    overlap = Overlap(i, j, found[0].shared, found[0].a_in_b, found[0].b_in_a) if found else Overlap(i, j, 0, 0.0, 0.0)
    rows, fidelity, relation, figures = align_pair(a, b)
    # compared on request, the pair is listed even when it shares nothing real: as quotes at most
    return PairResult(i, j, overlap, rows, fidelity, relation or Relation.QUOTES, figures)


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
    result.articles = articles
    result.pairs = [compare_articles(articles, 0, 1)]
    result.families = build_families(articles, result.pairs, lambda todo: _fidelities(articles, todo))
    result.warnings = [f"{display_path(art.id)}: {note}" for art in articles for note in art.notes]
    return result


def _fidelities(articles: list[Article], todo: list[tuple[int, int]], workers=None) -> list[Fidelity]:
    """Fidelity of (reference, member) pairs the scan did not align: members joined through a third copy.
    Many of them (a large family built as a chain) go to the workers, like the scan's own alignment."""
    with nullcontext() if workers is None else workers.aligner(articles, len(todo), forked_only=True) as send:
        if send is None:
            return [align_pair(articles[r], articles[m])[1] for r, m in todo]
        batches = list(_batches(todo, max(25, len(todo) // (4 * workers.count))))
        return [value[1] for outcome in _drain([send(batch) for batch in batches]) for value in outcome]


@contextmanager
def _forked_with(articles: list[Article], workers: int) -> Iterator:
    """A pool of workers forked now, sharing `articles` copy-on-write: no article is pickled to them."""
    gc.freeze()  # and their collectors leave the inherited objects (and their pages) alone
    pool = _executor(workers, "fork", Inherited(articles).adopt)
    try:
        yield pool
    finally:
        _stop(pool)  # on a cancel mid-batch too: the workers are killed rather than waited for
        gc.unfreeze()
