"""A shingle index that takes articles in and out one at a time and counts shared shingles as a scan does.

A cold scan joins every posting at once (`index.pair_counts`): a shingle held by up to `MAX_POSTING` articles
counts for every pair of them, one held by more counts only for pairs with its first article in folder order.
Here the postings live in one sorted array (rebuilt now and then) plus a small dictionary of recent ones, and
a changed article's counts are found from its own shingles only, so one new article costs its shingles and
its partners, not the folder. When a shingle's holders cross the star line, or its first holder changes,
the pairs of its other holders are named as `spilled` so that the caller recounts them too.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable

import numpy as np

from app.core.index import MAX_POSTING

#: Recent postings kept apart before they are merged into the sorted array: merging costs a sort of the whole
#: index, so it waits until the recent part is large enough to slow queries down.
MERGE_AT = 250_000


class ShingleIndex:
    """Postings (shingle hash -> articles), by article slot; `ranks()[slot]` is its place in folder order."""

    def __init__(self, ranks: Callable[[], np.ndarray], max_posting: int = MAX_POSTING):
        self.ranks = ranks
        self.max_posting = max_posting
        self.hashes = np.empty(0, dtype=np.uint64)
        # postings name versions, not slots: a new version of an article must not inherit the old one's
        # postings still in the sorted array, so each put gets a fresh version number
        self.versions = np.empty(0, dtype=np.int64)
        self._next = 0
        self.recent: dict[int, list[int]] = defaultdict(list)
        self.recent_size = 0
        self.alive = np.zeros(0, dtype=bool)  # by version
        self.slot_of = np.zeros(0, dtype=np.int64)  # by version
        self.version_of: dict[int, int] = {}  # slot -> its live version
        self.held: dict[int, np.ndarray] = {}  # slot -> its shingles (sorted, distinct)

    # ---------------------------------------------------------------- bulk load and changes

    def load(self, shingles: dict[int, np.ndarray]) -> None:
        """Start from many articles at once (after a cold scan): one sort."""
        for slot, hs in shingles.items():
            self._new_version(slot, hs)
        self._merge()

    def update(self, drop: set[int], put: dict[int, np.ndarray]) -> set[tuple[int, int]]:
        """Take `drop` out and put `put` in (a slot in both is a new version); returns the spilled pairs:
        pairs of other articles whose count changed because a shingle crossed the star line or changed hands."""
        touched = [self.held[s] for s in drop | set(put) if s in self.held] + list(put.values())
        hot = np.unique(np.concatenate(touched)) if touched else np.empty(0, dtype=np.uint64)
        before = self._holders(hot)
        for slot in drop | set(put):
            if slot in self.held:
                self.alive[self.version_of.pop(slot)] = False
                del self.held[slot]
        for slot, hs in put.items():
            version = self._new_version(slot, hs)
            for h in hs.tolist():
                self.recent[h].append(version)
            self.recent_size += len(hs)
        after = self._holders(hot)
        spilled: set[tuple[int, int]] = set()
        limit = self.max_posting
        for h in before.keys() | after.keys():
            old, new = before.get(h, _NONE), after.get(h, _NONE)
            if len(old) <= limit and len(new) <= limit:
                continue
            if len(old) > limit and len(new) > limit and self._first(old) == self._first(new):
                continue
            for members in (old, new):
                stay = [s for s in members.tolist() if s in self.held]
                if len(members) > limit:
                    first = self._first(members)
                    if first in self.held:
                        spilled.update(_pair(first, s) for s in stay if s != first)
                else:
                    spilled.update(_pair(x, y) for i, x in enumerate(stay) for y in stay[i + 1 :])
        if self.recent_size > MERGE_AT:
            self._merge()
        return spilled

    # ---------------------------------------------------------------- counts

    def partners(self, slot: int) -> Counter:
        """Shared-shingle count of `slot` with every article it shares one with, under the star rule."""
        out: Counter = Counter()
        for members in self._holders(self.held[slot]).values():
            if len(members) <= self.max_posting:
                out.update(members.tolist())
            else:
                first = self._first(members)
                if first == slot:
                    out.update(members.tolist())
                else:
                    out[first] += 1
        del out[slot]
        return out

    def shared(self, a: int, b: int) -> int:
        """Shared-shingle count of one pair, under the star rule."""
        common = np.intersect1d(self.held[a], self.held[b], assume_unique=True)
        n = 0
        for members in self._holders(common).values():
            n += len(members) <= self.max_posting or self._first(members) in (a, b)
        return n

    def size(self, slot: int) -> int:
        return len(self.held[slot])

    # ---------------------------------------------------------------- inside

    def _holders(self, query: np.ndarray) -> dict[int, np.ndarray]:
        """The live articles (slots) holding each of `query`'s hashes, for those held by any."""
        out: dict[int, np.ndarray] = {}
        if len(query) == 0:
            return out
        lo = np.searchsorted(self.hashes, query, "left")
        hi = np.searchsorted(self.hashes, query, "right")
        found = np.flatnonzero(hi > lo)
        if len(found):
            runs = hi[found] - lo[found]
            idx = np.repeat(lo[found] - np.cumsum(np.r_[0, runs[:-1]]), runs) + np.arange(runs.sum())
            versions = self.versions[idx]
            keep = self.alive[versions]
            which = np.repeat(found, runs)[keep]
            slots = self.slot_of[versions[keep]]
            if len(which):
                cuts = np.flatnonzero(np.diff(which)) + 1
                for q, members in zip(query[which[np.r_[0, cuts]]].tolist(), np.split(slots, cuts), strict=True):
                    out[q] = members
        if self.recent:
            for q in query.tolist():
                extra = self.recent.get(q)
                if extra:
                    live = [v for v in extra if self.alive[v]]
                    if live:
                        more = self.slot_of[live]
                        out[q] = np.concatenate([out[q], more]) if q in out else more
        return out

    def _first(self, members: np.ndarray) -> int:
        return int(members[np.argmin(self.ranks()[members])])

    def _new_version(self, slot: int, hashes: np.ndarray) -> int:
        version = self._next
        self._next += 1
        if version >= len(self.alive):
            size = max(2 * len(self.alive), 1024)
            self.alive = np.r_[self.alive, np.zeros(size - len(self.alive), dtype=bool)]
            self.slot_of = np.r_[self.slot_of, np.zeros(size - len(self.slot_of), dtype=np.int64)]
        self.alive[version] = True
        self.slot_of[version] = slot
        self.version_of[slot] = version
        self.held[slot] = hashes
        return version

    def _merge(self) -> None:
        """One sorted array of every live posting; the recent part emptied."""
        live = sorted(self.held)
        sizes = np.array([len(self.held[s]) for s in live], dtype=np.int64)
        hashes = np.concatenate([self.held[s] for s in live]) if live else np.empty(0, dtype=np.uint64)
        versions = np.repeat(np.array([self.version_of[s] for s in live], dtype=np.int64), sizes)
        order = np.argsort(hashes, kind="stable")
        self.hashes, self.versions = hashes[order], versions[order]
        self.recent = defaultdict(list)
        self.recent_size = 0


_NONE = np.empty(0, dtype=np.int64)


def _pair(x: int, y: int) -> tuple[int, int]:
    return (x, y) if x < y else (y, x)
