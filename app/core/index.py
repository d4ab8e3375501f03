"""The corpus index: hashed word shingles, containment in both directions, story families.

Pure functions over arrays, so a larger engine can run the same stages on shards:
`shingle_hashes` per article, `overlapping_pairs` over the postings (shard by hash, reduce by pair),
`story_families` over the pairs.
"""

from __future__ import annotations

from functools import partial

import numpy as np

from app.core.records import Overlap
from app.core.settings import MIN_OVERLAP, MIN_SHARED

SHINGLE_WORDS = 5
#: A shingle in more articles than this links them all to its first article only (a star, not all pairs):
#: stock phrases then cost nothing, and a wire story in hundreds of copies still forms one family.
MAX_POSTING = 64
_MULT = np.uint64(0x9E3779B97F4A7C15)
#: Words are hashed as polynomials of their UTF-8 bytes in this odd base (mod 2**64), all of an article's
#: words in one numpy pass: an odd base has an inverse mod 2**64, so prefix sums give every word's hash.
_BASE = 0x100000001B3
_BASE_INV = pow(_BASE, -1, 1 << 64)
_powers: dict[int, np.ndarray] = {}


def _power_table(base: int, n: int) -> np.ndarray:
    """base**0 .. base**(n-1) mod 2**64, grown by doubling and kept."""
    table = _powers.get(base)
    if table is None or len(table) < n:
        size = max(4096, 1 << (n - 1).bit_length())
        table = np.full(size, base, dtype=np.uint64)
        table[0] = 1
        with np.errstate(over="ignore"):
            table = np.cumprod(table, dtype=np.uint64)  # wraps mod 2**64, as intended
        _powers[base] = table
    return table[:n]


def word_hashes(words: list[str]) -> np.ndarray:
    """A 64-bit hash of each word (of its UTF-8 bytes), vectorised over the whole list."""
    if not words:
        return np.empty(0, dtype=np.uint64)
    data = np.frombuffer(("\0".join(words) + "\0").encode("utf-8"), dtype=np.uint8).astype(np.uint64)
    ends = np.flatnonzero(data == 0)  # one past each word's last byte (words never contain NUL)
    starts = np.r_[0, ends[:-1] + 1]
    with np.errstate(over="ignore"):
        prefix = np.cumsum(data * _power_table(_BASE_INV, len(data)), dtype=np.uint64)
        prefix = np.r_[np.uint64(0), prefix]
        # sum over the word of byte_g * BASE**(end-1-g) = BASE**(end-1) * (prefix[end] - prefix[start])
        h = (prefix[ends] - prefix[starts]) * _power_table(_BASE, len(data))[ends - 1]
        # splitmix64's finaliser spreads the polynomial's bits over the whole word
        h ^= h >> np.uint64(30)
        h *= np.uint64(0xBF58476D1CE4E5B9)
        h ^= h >> np.uint64(27)
        h *= np.uint64(0x94D049BB133111EB)
        h ^= h >> np.uint64(31)
    return h


def shingle_hashes(words: list[str], k: int = SHINGLE_WORDS) -> np.ndarray:
    """The distinct hashes of the k-word shingles of `words` (all words as one shingle if fewer), sorted."""
    if not words:
        return np.empty(0, dtype=np.uint64)
    h = word_hashes(words)
    if len(words) < k:
        k = len(words)
    n = len(words) - k + 1
    acc = h[:n].copy()
    with np.errstate(over="ignore"):
        for j in range(1, k):
            acc = acc * _MULT + h[j : j + n]
    return distinct(acc)


def distinct(values: np.ndarray) -> np.ndarray:
    """np.unique without its overhead: a sort and a mask of the first of each run (many times faster)."""
    values = np.sort(values)
    if len(values) > 1:
        values = values[np.r_[True, values[1:] != values[:-1]]]
    return values


def overlapping_pairs(shingles: list[np.ndarray], min_overlap: float = MIN_OVERLAP, min_shared: int = MIN_SHARED,
                      max_posting: int = MAX_POSTING, shards: int = 1, map_shards=None) -> list[Overlap]:
    """Pairs of articles whose shingles overlap: shared / own size, for each side, above `min_overlap`.

    A sort-based join: all (hash, article) postings sorted by hash; each run of equal hashes gives its pairs
    (all pairs up to `max_posting` articles, a star from the first article above that). The two steps are
    separate functions so that a cluster can run the first on shards of the postings and the second once
    the counts are summed by pair (see SCALING.md): with `shards` > 1 the postings are split by hash and
    `map_shards(pair_counts_of_shard, shards)` (a cluster's map; the built-in one by default) counts each.
    """
    sizes = np.array([len(s) for s in shingles], dtype=np.int64)
    if len(shingles) < 2 or sizes.sum() == 0:
        return []
    hashes = np.concatenate(shingles)
    docs = np.repeat(np.arange(len(shingles), dtype=np.int32), sizes)  # 12 bytes a posting, not 16
    if shards <= 1:
        keys, counts = pair_counts(hashes, docs, len(shingles), max_posting)
    else:
        count = partial(shard_pair_counts, n_docs=len(shingles), max_posting=max_posting)
        keys, counts = summed_counts(list((map_shards or map)(count, hash_shards(hashes, docs, shards))))
    return overlaps_from_counts(keys, counts, sizes, min_overlap, min_shared)


def hash_shards(hashes: np.ndarray, docs: np.ndarray, shards: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """The postings split by hash: every posting of one hash lands in the same shard, so counts add up."""
    shard_of = hashes % np.uint64(shards)
    order = np.argsort(shard_of, kind="stable")
    bounds = np.searchsorted(shard_of[order], np.arange(1, shards, dtype=np.uint64))
    return [(hashes[part], docs[part]) for part in np.split(order, bounds)]


def shard_pair_counts(shard: tuple[np.ndarray, np.ndarray], n_docs: int, max_posting: int):
    return pair_counts(*shard, n_docs, max_posting)


def summed_counts(parts: list[tuple[np.ndarray, np.ndarray]]) -> tuple[np.ndarray, np.ndarray]:
    """Pair counts from several shards added up by pair key, keys sorted (as `pair_counts` gives them)."""
    keys = np.concatenate([k for k, _ in parts])
    counts = np.concatenate([c for _, c in parts])
    order = np.argsort(keys, kind="stable")
    keys, counts = keys[order], counts[order]
    if len(keys) == 0:
        return keys, counts
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    return keys[starts], np.add.reduceat(counts, starts)


def pair_counts(hashes: np.ndarray, docs: np.ndarray, n_docs: int,
                max_posting: int = MAX_POSTING) -> tuple[np.ndarray, np.ndarray]:
    """Shared-shingle counts per pair (key a * n_docs + b, a < b) from any set of postings.

    Postings may be a shard (all postings of some hashes): counts from shards add up. The postings are
    sorted by hash only (an unstable sort: documents are ordered inside each run afterwards, and only in
    runs of two or more, which are few); runs are then handled a size at a time, in one numpy pass each.
    """
    if len(hashes) == 0:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
    order = np.argsort(hashes)
    hashes = hashes[order]
    starts = np.flatnonzero(np.r_[True, hashes[1:] != hashes[:-1]])
    sizes = np.diff(np.r_[starts, len(hashes)])
    del hashes
    shared = sizes >= 2
    starts, sizes = starts[shared], sizes[shared]
    by_size = np.argsort(sizes, kind="stable")
    starts, sizes = starts[by_size], sizes[by_size]
    distinct_sizes, first_of_size = np.unique(sizes, return_index=True)
    bounds = np.r_[first_of_size, len(sizes)]
    keys = []
    for n, size in enumerate(distinct_sizes):
        first = starts[bounds[n] : bounds[n + 1]]
        block = docs[order[first[:, None] + np.arange(size)]].astype(np.int64)
        block.sort(axis=1)
        if size <= max_posting:
            iu, ju = np.triu_indices(size, 1)
            keys.append(block[:, iu].ravel() * n_docs + block[:, ju].ravel())
        else:  # a star from the run's first document
            keys.append((block[:, :1] * n_docs + block[:, 1:]).ravel())
    if not keys:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
    keys = np.sort(np.concatenate(keys))
    run_starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    return keys[run_starts], np.diff(np.r_[run_starts, len(keys)])


def overlaps_from_counts(keys: np.ndarray, counts: np.ndarray, sizes: np.ndarray, min_overlap: float = MIN_OVERLAP,
                         min_shared: int = MIN_SHARED) -> list[Overlap]:
    """The pairs worth reporting, from summed counts and each article's number of shingles."""
    n = len(sizes)
    a, b = keys // n, keys % n
    a_in_b = counts / np.maximum(sizes[a], 1)
    b_in_a = counts / np.maximum(sizes[b], 1)
    keep = (counts >= min_shared) & (np.maximum(a_in_b, b_in_a) >= min_overlap)
    return [Overlap(int(x), int(y), int(s), float(p), float(q))
            for x, y, s, p, q in zip(a[keep], b[keep], counts[keep], a_in_b[keep], b_in_a[keep], strict=True)]


def story_families(n: int, pairs: list[Overlap]) -> list[list[int]]:
    """Groups of articles connected by overlapping pairs (union-find), largest first; singletons left out."""
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for p in pairs:
        ra, rb = find(p.a), find(p.b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(find(i), []).append(i)
    return sorted((g for g in groups.values() if len(g) > 1), key=lambda g: (-len(g), g[0]))
