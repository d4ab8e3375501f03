"""The live state of a watched folder: each file that lands, changes or goes is analysed alone and woven in.

`LiveScan` holds what a scan computes (articles, shingle postings, overlapping pairs, alignments, families)
and keeps it equal to a cold scan of the folder as it is now, at the cost of the files that changed and of
the pairs they touch. Two things in a scan reach past one article, and both are followed here exactly:

- a shingle held by more than `MAX_POSTING` articles counts only for pairs with its first holder, so an
  article can change the count of a pair it is not in (`postings.ShingleIndex` names those pairs);
- a short line recurring in three different stories is flagged as site furniture in every article holding
  it, and "different stories" are the groups of the overlaps before that flag: an article can flag or unflag
  a line in others, which changes their shingles, their pairs and their alignments.

Families, their versions and lineage depend on the family's own members and pairs only: after a batch the
families holding a changed article or pair (as they were and as they are, merged or split) are built again
with the scan's own `build_families`, the others kept as they are. The lineage can turn a copy pair anywhere
in a family into a version, so every pair inside a family built again is reported again if it changed.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Generator, Iterable, Iterator
from dataclasses import dataclass, field, replace

import numpy as np

from app.core.cache_policy import ScanCache
from app.core.documents import source_in, walk_order
from app.core.families import build_families, family_links
from app.core.flags.repeats import (
    MIN_FAMILIES,
    RECURRING_REASON,
    recurring_candidates,
    recurring_flag,
    with_recurring,
)
from app.core.index import overlapping_pairs, shingle_hashes, story_families
from app.core.live.postings import ShingleIndex
from app.core.live.watcher import file_stat as _stat
from app.core.records import (
    Article,
    ArticleAdded,
    ArticleRemoved,
    Derived,
    Family,
    FamilyChanged,
    Fidelity,
    Flag,
    Overlap,
    PairFound,
    PairLost,
    PairResult,
    PairRole,
    Progress,
    Relation,
    ScanResult,
    Skipped,
    SourceFile,
    Version,
)
from app.core.scan import align_pair, analyse_batch, body_words, scan
from app.core.settings import Settings

_RECURRING_PREFIX = RECURRING_REASON.split("{")[0]
_NO_RELATION = (None, None, None, None)  # an overlapping pair whose alignment showed nothing worth reporting
_SAME_REPORT = (Relation.COPY, Relation.VERSION)


@dataclass(slots=True)
class _Story:
    """A family by slots, which stay put as files come and go (a scan's article numbers shift)."""

    order: list[int]  # its members' slots in folder order; `family` numbers its articles by place in this list
    family: Family  # its number and links are the folder's business, given when the result is put together
    roles: dict[tuple[int, int], tuple[Relation, PairRole]]  # each pair inside it as its lineage sees it
    placed: tuple = (None, None)  # (article numbers, number, links) last given in a result, and the family so numbered

    @property
    def members(self) -> tuple[int, ...]:
        return tuple(self.order[m] for m in self.family.members)


@dataclass(slots=True)
class _Entry:
    source: SourceFile
    article: Article  # with every flag, recurring lines included
    own_flags: list[Flag]  # the flags it has on its own
    candidates: list[tuple[str, int, int]]  # its lines that could recur elsewhere
    shingles: list[np.ndarray] = field(default_factory=list)  # before / after recurring-line flags
    stat: tuple[int, int] | None = None
    version: int = 1


class LiveScan:
    """A folder's scan kept up to date file by file. `apply` takes what changed and returns the events."""

    def __init__(self, root: str, settings: Settings | None = None, cache=None):
        self.root = os.path.realpath(root)
        self.settings = settings or Settings()
        self.cache = cache
        self.store = ScanCache(cache, self.settings)
        self.ids: list[str] = []  # by slot; a slot is an id's for good, across versions and removals
        self.slots: dict[str, int] = {}
        self.ranks: list[tuple] = []  # by slot: where the id falls in the folder's walk
        self.entries: dict[int, _Entry] = {}
        self._numbers = np.zeros(0, dtype=np.int64)  # by slot: its place in folder order, as a number
        self.index = [ShingleIndex(self._rank_numbers), ShingleIndex(self._rank_numbers)]  # before / after
        # recurring-line flags
        self.overlaps: list[dict[tuple[int, int], tuple[int, float, float]]] = [{}, {}]  # (first, second)
        self.adjacent: list[dict[int, set[int]]] = [defaultdict(set), defaultdict(set)]
        self.component: dict[int, int] = {}  # slot -> its group over level-0 overlaps (absent: on its own)
        self.members: dict[int, set[int]] = {}  # group -> its slots
        self.lines: dict[str, set[int]] = defaultdict(set)  # candidate line -> the articles holding it
        self.recurring: dict[str, int] = {}  # lines flagged as recurring -> in how many stories
        self.aligned: dict[tuple[int, int], tuple] = {}  # every level-1 overlap -> align_pair's value
        self.reported: dict[tuple[int, int], PairFound] = {}
        self.same_report: dict[int, set[int]] = defaultdict(set)  # copy and version pairs (their own verdict)
        self.story_of: dict[int, _Story] = {}  # slot -> its family
        self.skipped: dict[str, tuple[tuple[int, int] | None, Skipped]] = {}
        self.fidelities: dict[tuple[int, int], Fidelity] = {}  # reference, member joined through a third copy
        self._result: ScanResult | None = ScanResult(self.settings)

    # ---------------------------------------------------------------- start

    def start(self) -> Generator[Progress, None, ScanResult]:
        """A cold scan of the folder (cache, worker processes and all), then the state taken from it."""
        result = yield from scan([self.root], self.settings, self.cache)
        yield Progress("index", 0, 1, "keeping the folder's index for watching")
        self.adopt(result)
        return self.result

    def adopt(self, result: ScanResult) -> None:
        """Take a finished scan of `self.root` as the state to go on from."""
        from app.core.sentences import split_sentences

        split_sentences("Loaded now. Not with the first file that lands.")  # the tokenizer: 0.5 s of CPU once
        order = []
        for art in result.articles:
            slot = self._slot(art.id)
            own = [f for f in art.flags if not (f.kind == "boilerplate" and f.reason.startswith(_RECURRING_PREFIX))]
            alone = replace(art, flags=own, derived=Derived())
            s0 = shingle_hashes(body_words(alone))
            s1 = s0 if len(own) == len(art.flags) else shingle_hashes(body_words(art))
            self.entries[slot] = _Entry(SourceFile(art.id, art.path), art, own, recurring_candidates(alone),
                                        [s0, s1], _stat(os.path.join(self.root, art.id)))
            order.append(slot)
        for level in (0, 1):
            shingles = [self.entries[s].shingles[level] for s in order]
            self.index[level].load(dict(zip(order, shingles, strict=True)))
            for o in overlapping_pairs(shingles, self.settings.min_overlap, self.settings.min_shared):
                self._link(level, (order[o.a], order[o.b]), (o.shared, o.a_in_b, o.b_in_a))
        for group in story_families(len(order), [Overlap(a, b, 0, 0, 0) for a, b in self._keys(0, order)]):
            self._group({order[i] for i in group})
        for slot in order:
            for key, _, _ in self.entries[slot].candidates:
                self.lines[key].add(slot)
        for key, holders in self.lines.items():
            stories = self._stories(holders)
            if stories >= MIN_FAMILIES:
                self.recurring[key] = stories
        for p in result.pairs:
            value = (p.rows, p.fidelity, p.relation, p.figures)
            if p.relation == Relation.VERSION:  # perhaps a copy the family's lineage called a version: the
                # pair's own verdict is what is kept, since the lineage may change as files come and go
                value = align_pair(result.articles[p.a], result.articles[p.b])
            self.aligned[(order[p.a], order[p.b])] = value
        for key in self.overlaps[1]:
            self.aligned.setdefault(key, _NO_RELATION)
            self._mark_same_report(key)
        family_of = {m: n for n, f in enumerate(result.families) for m in f.members}
        roles: dict[int, dict] = defaultdict(dict)
        for p in result.pairs:
            if p.a in family_of and family_of[p.a] == family_of.get(p.b):
                roles[family_of[p.a]][(order[p.a], order[p.b])] = (p.relation, p.role)
        for n, f in enumerate(result.families):
            local = sorted(f.members)
            self._keep_story(_Story([order[m] for m in local], _renumber(f, {m: k for k, m in enumerate(local)}),
                                    roles[n]))
        for key in self.overlaps[1]:
            if (found := self._found(key)) is not None:
                self.reported[key] = found
        for s in result.skipped:
            self.skipped[s.path] = (_stat(s.path), s)
        self._result = result

    # ---------------------------------------------------------------- changes

    def apply(self, changed: Iterable[str] = (), removed: Iterable[str] = ()) -> list:
        """Files that appeared or changed, and files that went: the events, in the order a reader wants them
        (articles, then pairs, then families)."""
        events: list = []
        drop: set[int] = set()
        fresh: dict[int, _Entry] = {}
        packed_articles: dict[str, tuple] = {}
        read: list[Article] = []
        for path in dict.fromkeys(removed):
            self.skipped.pop(path, None)
            drop |= self._under(path)
        for path in dict.fromkeys(_files(changed)):
            outcome = self._read(path)
            slot = self.slots.get(self._ident(path))
            if outcome is None or isinstance(outcome, Skipped):
                if slot in self.entries:
                    drop.add(slot)
                if isinstance(outcome, Skipped):
                    events.append(outcome)
                continue
            entry, payload = outcome
            slot = self._slot(entry.source.id)
            old = self.entries.get(slot)
            if old is not None and old.article.sha256 == entry.article.sha256:
                old.stat = entry.stat  # touched, not changed
                continue
            drop.discard(slot)
            entry.version = old.version + 1 if old is not None else 1
            fresh[slot] = entry
            if payload is not None:
                packed_articles[entry.article.sha256] = payload
                read.append(entry.article)
                if entry.stat is not None:
                    self.store.stats[entry.article.path] = entry.stat
        for slot in drop:
            events.append(ArticleRemoved(self.ids[slot], self.entries[slot].source.path))
        events += [ArticleAdded(self.ids[s], e.source.path, e.article.title, e.version) for s, e in fresh.items()]
        # each in its own transaction, the texts before the files that name them: the window closed in
        # between leaves a cache miss, never a wrong hit
        self.store.store_articles(packed_articles, read)
        if not drop and not fresh:
            return events

        old_lines = {s: self.entries[s].candidates for s in drop | set(fresh) if s in self.entries}
        for slot in drop:
            del self.entries[slot]
        self.entries.update(fresh)
        focus = drop | set(fresh)
        spilled = self.index[0].update({s for s in focus if s in self.index[0].held},
                                       {s: e.shingles[0] for s, e in fresh.items()})
        regrouped = self._regroup(focus, self._refresh(0, focus, spilled))
        restamp = self._recount_lines(old_lines, fresh, regrouped)
        content = set(fresh) | self._restamp(restamp, fresh)

        put = {}
        for slot in content:
            entry = self.entries[slot]
            s1 = entry.shingles[0]
            if len(entry.article.flags) != len(entry.own_flags):
                s1 = shingle_hashes(body_words(entry.article))
            if slot in fresh or not np.array_equal(s1, entry.shingles[1]):
                put[slot] = s1
            entry.shingles[1:] = [s1]
        spilled = self.index[1].update({s for s in drop | set(put) if s in self.index[1].held}, put)
        touched = self._refresh(1, drop | set(put), spilled)
        touched |= self._realign(content | drop, touched)
        for key in [k for k in self.fidelities if k[0] in content | drop or k[1] in content | drop]:
            del self.fidelities[key]
        gone, made = self._restory(content | drop | {s for key in touched for s in key})
        self._result = None
        # a family's lineage may call a copy pair anywhere in it a version: its pairs are all looked at again
        lost, found = [], []
        for key in touched.union(*(st.roles for st in gone + made)):
            now = self._found(key)
            if now != self.reported.get(key):
                if now is None:
                    del self.reported[key]
                    lost.append(PairLost(*(self.ids[s] for s in key)))
                else:
                    self.reported[key] = now
                    found.append(now)
        events += sorted(lost, key=lambda e: (e.a, e.b)) + sorted(found, key=lambda e: (e.a, e.b))
        return events + self._family_events(gone, made)

    def catch_up(self) -> tuple[list[str], list[str]]:
        """What changed on disk since the state was taken (files changed while the folder was scanned,
        before a watcher was in place): (files to read, files gone), compared by size and modification time."""
        from app.core.documents import collect_files

        sources, _ = collect_files([self.root])
        on_disk = {os.path.join(self.root, *s.id.split("/")): s for s in sources}
        known = {os.path.join(self.root, *self.ids[s].split("/")): e for s, e in self.entries.items()}
        changed = [p for p in on_disk if p not in known or known[p].stat != _stat(p)]
        changed += [p for p, (st, _) in self.skipped.items() if p not in on_disk and os.path.lexists(p)
                    and st != _stat(p)]
        return changed, [p for p in known if p not in on_disk]

    def add(self, path: str) -> list:
        return self.apply(changed=[path])

    def change(self, path: str) -> list:
        return self.apply(changed=[path])

    def remove(self, path: str) -> list:
        return self.apply(removed=[path])

    @property
    def result(self) -> ScanResult:
        """The state as a scan's result: articles in folder order, pairs ranked, families numbered by size.
        Put together when asked for from the families as built, none built again."""
        if self._result is None:
            order = self._ordered(self.entries)
            at = {s: n for n, s in enumerate(order)}
            articles = [self.entries[s].article for s in order]
            pairs = self._pair_results(self.reported, at, articles)
            for p in pairs:
                story = self.story_of.get(order[p.a])
                if story is not None and (role := story.roles.get((order[p.a], order[p.b]))) is not None:
                    p.relation, p.role = role
            stories = self._stories_in_order()
            links = family_links({at[m]: n for n, st in enumerate(stories) for m in st.order}, pairs)
            result = ScanResult(self.settings, articles, [s for _, s in self.skipped.values()], pairs)
            result.families = [self._placed(st, at, n, links.get(n, ())) for n, st in enumerate(stories)]
            self._result = result
        return self._result

    def _ordered(self, slots: Iterable[int]) -> list[int]:
        slots = np.fromiter(slots, dtype=np.int64)
        return slots[np.argsort(self._rank_numbers()[slots], kind="stable")].tolist()

    def _pair_results(self, keys: Iterable[tuple[int, int]], at: dict[int, int],
                      articles: list[Article]) -> list[PairResult]:
        """The reported pairs among `keys` as a scan lists them (ranked), numbered by `at` in `articles`,
        each with its own verdict."""
        out = []
        for a, b in keys:
            value = self.aligned[(a, b)]
            if value[2] is not None:
                shared, a_in_b, b_in_a = self.overlaps[1][(a, b)]
                out.append(PairResult(at[a], at[b], Overlap(at[a], at[b], shared, a_in_b, b_in_a), *value))
        out.sort(key=lambda p: (-p.score, articles[p.a].id, articles[p.b].id))
        return out

    def _found(self, key: tuple[int, int]) -> PairFound | None:
        """The pair as reported (its relation as its family's lineage sees it), None if it is not."""
        value = self.aligned.get(key)
        if value is None or value[2] is None:
            return None
        story = self.story_of.get(key[0])
        relation = story.roles[key][0] if story is not None and key in story.roles else value[2]
        return PairFound(self.ids[key[0]], self.ids[key[1]], relation, round(max(self.overlaps[1][key][1:]), 4),
                         value[1].kept, value[1].high_risk)

    # ---------------------------------------------------------------- reading

    def _read(self, path: str):
        """(entry, cache payload), a Skipped to report (once per version of the file), or None (not ours)."""
        source = source_in(self.root, path)
        if source is None:
            return None
        stat = _stat(path)
        told = self.skipped.get(path)
        if told is not None and told[0] == stat:
            return None  # listed once already; tried again only when the file changes
        if isinstance(source, Skipped):
            self.skipped[path] = (stat, source)
            return source
        item = analyse_batch([source], self.settings.max_bytes, self.store.storing)[0]
        if isinstance(item, Skipped):
            self.skipped[path] = (stat, item)
            return item
        self.skipped.pop(path, None)
        article, shingles, payload = item
        entry = _Entry(source, article, list(article.flags), recurring_candidates(article), [shingles, shingles], stat)
        return entry, payload

    def _under(self, path: str) -> set[int]:
        """The live articles at `path` or, for a folder that went, under it."""
        ident = self._ident(path)
        slot = self.slots.get(ident)
        if slot in self.entries:
            return {slot}
        return {s for s in self.entries if self.ids[s].startswith(ident + "/")}

    def _ident(self, path: str) -> str:
        return "/".join(os.path.relpath(os.path.abspath(path), self.root).split(os.sep))

    def _slot(self, ident: str) -> int:
        slot = self.slots.get(ident)
        if slot is None:
            slot = self.slots[ident] = len(self.ids)
            self.ids.append(ident)
            self.ranks.append(walk_order(ident))
        return slot

    def _rank_numbers(self) -> np.ndarray:
        """Each slot's place in folder order, as one array (sorted again only when a new id has come)."""
        if len(self._numbers) != len(self.ranks):
            order = sorted(range(len(self.ranks)), key=self.ranks.__getitem__)
            self._numbers = np.empty(len(order), dtype=np.int64)
            self._numbers[order] = np.arange(len(order))
        return self._numbers

    def _pair_rank(self, key: tuple[int, int]) -> tuple:
        return self.ranks[key[0]], self.ranks[key[1]]

    def _key(self, x: int, y: int) -> tuple[int, int]:
        return (x, y) if self.ranks[x] < self.ranks[y] else (y, x)

    # ---------------------------------------------------------------- pairs

    def _link(self, level: int, key: tuple[int, int], value) -> None:
        self.overlaps[level][key] = value
        self.adjacent[level][key[0]].add(key[1])
        self.adjacent[level][key[1]].add(key[0])

    def _unlink(self, level: int, key: tuple[int, int]) -> None:
        del self.overlaps[level][key]
        self.adjacent[level][key[0]].discard(key[1])
        self.adjacent[level][key[1]].discard(key[0])

    def _keys(self, level: int, order: list[int]) -> list[tuple[int, int]]:
        at = {s: n for n, s in enumerate(order)}
        return sorted((at[a], at[b]) for a, b in self.overlaps[level])

    def _overlap(self, level: int, key: tuple[int, int], shared: int):
        """The pair's overlap as a scan keeps it (shared, a_in_b, b_in_a), or None below the thresholds."""
        if shared < self.settings.min_shared:
            return None
        a_in_b = shared / max(self.index[level].size(key[0]), 1)
        b_in_a = shared / max(self.index[level].size(key[1]), 1)
        return (shared, a_in_b, b_in_a) if max(a_in_b, b_in_a) >= self.settings.min_overlap else None

    def _refresh(self, level: int, focus: set[int], spilled: set[tuple[int, int]]) -> set[tuple[int, int]]:
        """Recount the pairs of `focus` (changed articles) and the spilled pairs; returns the keys that changed."""
        index, overlaps = self.index[level], self.overlaps[level]
        before = {}
        for s in focus:
            for t in list(self.adjacent[level].get(s, ())):
                key = self._key(s, t)
                before[key] = overlaps[key]
                self._unlink(level, key)
        for s in focus:
            if s not in index.held:
                continue
            for t, shared in index.partners(s).items():
                key = self._key(s, t)
                if key not in overlaps and (value := self._overlap(level, key, shared)) is not None:
                    self._link(level, key, value)
        for x, y in spilled:
            if x in focus or y in focus or x not in index.held or y not in index.held:
                continue
            key = self._key(x, y)
            before.setdefault(key, overlaps.get(key))
            if key in overlaps:
                self._unlink(level, key)
            value = self._overlap(level, key, index.shared(x, y))
            if value is not None:
                self._link(level, key, value)
        touched = {k for k, v in before.items() if overlaps.get(k) != v}
        touched |= {k for k in overlaps if (k[0] in focus or k[1] in focus) and k not in before}
        return touched

    def _realign(self, content: set[int], touched: set[tuple[int, int]]) -> set[tuple[int, int]]:
        """Align what must be: every level-1 pair of an article whose text or flags changed, and new pairs."""
        todo = {k for s in content for t in self.adjacent[1].get(s, ()) if (k := self._key(s, t))}
        todo |= {k for k in touched if k in self.overlaps[1] and k not in self.aligned}
        gone = {k for k in self.aligned if k not in self.overlaps[1] and (k in touched or k[0] in content
                                                                          or k[1] in content)}
        for key in gone:
            del self.aligned[key]
        packed = {}
        for a, b in sorted(todo, key=self._pair_rank):
            value = align_pair(self.entries[a].article, self.entries[b].article)
            self.aligned[(a, b)] = value if value[2] is not None else _NO_RELATION
            if self.store.storing:
                from app.core.cache import pack_pair

                packed[(self.entries[a].article.sha256, self.entries[b].article.sha256)] = pack_pair(*value)
        self.store.store_pairs(packed)
        for key in todo | gone:
            self._mark_same_report(key)
        return todo | gone

    # ---------------------------------------------------------------- stories and recurring lines

    def _group(self, slots: set[int]) -> None:
        label = min(slots)
        self.members[label] = slots
        for s in slots:
            self.component[s] = label

    def _regroup(self, focus: set[int], touched: set[tuple[int, int]]) -> set[int]:
        """Regroup the level-0 components around what changed; returns the articles whose group changed."""
        seeds = focus | {s for key in touched for s in key}
        region: set[int] = set()
        for s in seeds:
            label = self.component.get(s)
            region |= (self.members.pop(label, set()) if label is not None else set()) | {s}
        before = {s: self.component.pop(s, s) for s in region}
        for group in _connected(region & self.entries.keys(), self.adjacent[0]):
            self._group(group)
        return {s for s in region if self.component.get(s, s) != before[s]} | focus

    def _stories(self, holders: set[int]) -> int:
        return len({self.component.get(s, s) for s in holders})

    def _recount_lines(self, old_lines: dict, fresh: dict[int, _Entry], regrouped: set[int]) -> set[int]:
        """Update the line postings and the recurring verdicts; returns the articles to flag again."""
        keys: set[str] = set()
        for slot, lines in old_lines.items():
            for key, _, _ in lines:
                self.lines[key].discard(slot)
                keys.add(key)
        for slot, entry in fresh.items():
            for key, _, _ in entry.candidates:
                self.lines[key].add(slot)
                keys.add(key)
        for slot in regrouped:
            if slot in self.entries:
                keys.update(key for key, _, _ in self.entries[slot].candidates)
        restamp = set(fresh)
        for key in keys:
            holders = self.lines.get(key, set())
            stories = self._stories(holders) if holders else 0
            verdict = stories if stories >= MIN_FAMILIES else 0
            if verdict != self.recurring.get(key, 0):
                if verdict:
                    self.recurring[key] = verdict
                else:
                    del self.recurring[key]
                restamp |= holders
            if not holders:
                del self.lines[key]
        return restamp

    def _restamp(self, slots: set[int], fresh: dict[int, _Entry]) -> set[int]:
        """Give articles their recurring-line flags again; returns those whose flagged text moved (not only
        the count in a reason), which must be shingled and aligned again."""
        moved = set()
        for slot in slots:
            entry = self.entries.get(slot)
            if entry is None:
                continue
            art = entry.article
            was = [(f.start, f.end, f.kind) for f in art.flags]
            art.flags = list(entry.own_flags)
            with_recurring(art, [recurring_flag(start, end, self.recurring[key])
                                 for key, start, end in entry.candidates if key in self.recurring])
            art.forget()
            if slot not in fresh and [(f.start, f.end, f.kind) for f in art.flags] != was:
                moved.add(slot)
        return moved

    # ---------------------------------------------------------------- families

    def _mark_same_report(self, key: tuple[int, int]) -> None:
        value = self.aligned.get(key)
        a, b = key
        if value is not None and value[2] in _SAME_REPORT:
            self.same_report[a].add(b)
            self.same_report[b].add(a)
        else:
            self.same_report[a].discard(b)
            self.same_report[b].discard(a)

    def _keep_story(self, story: _Story) -> None:
        for s in story.order:
            self.story_of[s] = story

    def _restory(self, seeds: set[int]) -> tuple[list[_Story], list[_Story]]:
        """Build again each family a seed was or is in (merged, split or changed), from its own members and
        pairs as a scan would; the others are kept. Returns the families taken apart and those made."""
        gone = {id(st): st for s in seeds if (st := self.story_of.get(s)) is not None}
        region = set(seeds).union(*(st.order for st in gone.values()))
        for s in region:
            self.story_of.pop(s, None)
        made = [self._story(group) for group in _connected(region & self.entries.keys(), self.same_report)]
        for story in made:
            self._keep_story(story)
        return list(gone.values()), made

    def _story(self, group: set[int]) -> _Story:
        order = self._ordered(group)
        at = {s: n for n, s in enumerate(order)}
        articles = [self.entries[s].article for s in order]
        keys = {self._key(s, t) for s in group for t in self.adjacent[1].get(s, ()) if t in group}
        pairs = self._pair_results(keys, at, articles)
        (family,) = build_families(articles, pairs, lambda todo: self._fidelities(order, articles, todo))
        return _Story(order, family, {(order[p.a], order[p.b]): (p.relation, p.role) for p in pairs})

    @staticmethod
    def _placed(story: _Story, at: dict[int, int], n: int, links: tuple) -> Family:
        """The family numbered as the folder's list numbers it now (kept from the last list if unchanged)."""
        key = (tuple(at[s] for s in story.order), n, links)
        if story.placed[0] != key:
            story.placed = (key, replace(_renumber(story.family, key[0]), id=n + 1, links=links))
        return story.placed[1]

    def _stories_in_order(self) -> list[_Story]:
        """The families as a scan numbers them: largest first, then by their first member in folder order."""
        numbers = self._rank_numbers()
        stories = {id(st): st for st in self.story_of.values()}.values()
        return sorted(stories, key=lambda st: (-len(st.order), numbers[st.order[0]]))

    def _family_events(self, gone: list[_Story], made: list[_Story]) -> list[FamilyChanged]:
        """Each family made or changed, as it is now, with the copies that joined and left it; each family
        gone, with no members. A family built again into the same copies, reference and title is not news."""
        same = {(st.members, st.family.title) for st in gone} & {(st.members, st.family.title) for st in made}
        gone = [st for st in gone if (st.members, st.family.title) not in same]
        made = [st for st in made if (st.members, st.family.title) not in same]
        if not gone and not made:
            return []
        number = {id(st): n + 1 for n, st in enumerate(self._stories_in_order())}
        ids = self.ids
        events, claimed = [], set()
        for st in sorted(made, key=lambda st: number[id(st)]):
            members = set(st.order)
            claimed |= members
            was = max(gone, key=lambda g: len(members.intersection(g.order)), default=None)
            old = set(was.order) if was is not None and members.intersection(was.order) else set()
            events.append(FamilyChanged(number[id(st)], st.family.title, ids[st.members[0]],
                                        tuple(ids[m] for m in st.members), tuple(ids[m] for m in st.members if m not in old),
                                        tuple(sorted(ids[m] for m in old - members))))
        for st in gone:
            if not claimed.intersection(st.order):
                events.append(FamilyChanged(0, st.family.title, ids[st.members[0]], (),
                                            left=tuple(ids[m] for m in st.members)))
        return events

    def _fidelities(self, order: list[int], articles: list[Article], todo: list[tuple[int, int]]) -> list[Fidelity]:
        """Fidelity of family members the scan did not align (joined through a third copy), remembered by
        slot until either side changes."""
        out = []
        for r, m in todo:
            key = (order[r], order[m])
            if key not in self.fidelities:
                self.fidelities[key] = align_pair(articles[r], articles[m])[1]
            out.append(self.fidelities[key])
        return out


def _renumber(family: Family, new) -> Family:
    """The family with each article number m read as new[m]."""
    return replace(family, members=tuple(new[m] for m in family.members), reference=new[family.reference],
                   member_fidelity=tuple((new[m], f) for m, f in family.member_fidelity),
                   versions=tuple(Version(tuple(new[m] for m in v.members), new[v.reference]) for v in family.versions),
                   lineage=tuple(replace(s, copy=new[s.copy], source=None if s.source is None else new[s.source])
                                 for s in family.lineage))


def _files(paths: Iterable[str]) -> Iterable[str]:
    """The paths given, a folder standing for the files under it (one moved in arrives as one event)."""
    for path in paths:
        if os.path.isdir(path) and not os.path.islink(path):
            for folder, subfolders, names in os.walk(path):
                subfolders[:] = [d for d in subfolders if not d.startswith(".")]
                yield from (os.path.join(folder, n) for n in sorted(names))
        else:
            yield path


def _connected(region: set[int], neighbours: dict[int, set[int]]) -> Iterator[set[int]]:
    """The groups of two or more that `region`'s members form over `neighbours` (closed over the region)."""
    seen: set[int] = set()
    for s in region:
        if s in seen:
            continue
        group, stack = {s}, [s]
        while stack:
            for t in neighbours.get(stack.pop(), ()):
                if t not in group:
                    group.add(t)
                    stack.append(t)
        seen |= group
        if len(group) > 1:
            yield group

