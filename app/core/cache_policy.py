"""What a scan takes from the analysis cache, what it computes again, and what it stores back."""

from __future__ import annotations

import hashlib
import os

import numpy as np

from app.core.records import Article, Overlap, SourceFile
from app.core.revision import ENGINE_REVISION
from app.core.settings import Settings


def _flagged_name(article) -> str:
    """An article's text and its flags as one name (an alignment depends on both)."""
    flags = ";".join(f"{f.start},{f.end},{f.kind}" for f in sorted(article.flags, key=lambda f: (f.start, f.end)))
    return article.sha256 + ":" + hashlib.blake2b(flags.encode(), digest_size=12).hexdigest()


def cache_key(settings: Settings) -> str:
    """What changes an analysis (not where results go), with the engine's revision."""
    return f"mb={settings.max_bytes}|engine={ENGINE_REVISION}"


class ScanCache:
    """The analysis cache as one scan uses it. Without a cache every lookup misses and nothing is stored.

    Reused: an article whose file (path, size, modification time) maps to a text analysed under the same
    key, and a pair of such texts aligned before with the same flags. An article the recurring-line flags
    changed in this scan is known by its text and those flags together: an unchanged folder flags it the same
    way every time, so a rescan aligns nothing, while a folder whose other stories changed its flags aligns
    its pairs again. Computed again: everything else.
    """

    def __init__(self, cache, settings: Settings):
        self.cache = cache
        self.key = cache_key(settings)
        self.stats: dict[str, tuple[int, int]] = {}  # path -> (size, mtime_ns), for the files it could stat

    @property
    def storing(self) -> bool:
        """Whether workers should make cache payloads for what they compute."""
        return self.cache is not None

    def known_articles(self, sources: list[SourceFile]) -> dict[str, tuple[dict, np.ndarray]]:
        """Path -> (Article keyword arguments less id and path, shingles) for unchanged files."""
        if self.cache is None:
            return {}
        for s in sources:
            try:
                st = os.stat(s.path)
                self.stats[s.path] = (st.st_size, st.st_mtime_ns)
            except OSError:
                pass
        known = self.cache.known_hashes(self.stats)
        by_sha = self.cache.get_articles(sorted(set(known.values())), self.key)
        return {p: by_sha[sha] for p, sha in known.items() if sha in by_sha}

    def store_articles(self, fresh: dict[str, tuple], articles: list[Article]) -> None:
        """Store the payloads made while reading (by sha256), and which file held which text."""
        if self.cache is None or not fresh:
            return
        self.cache.put_packed_articles(fresh, self.key)
        self.cache.remember_files([(a.path, *self.stats[a.path], a.sha256) for a in articles if a.path in self.stats])

    def known_pairs(self, articles: list[Article], overlaps: list[Overlap],
                    changed: set[int]) -> tuple[list[tuple[str, str]], dict[int, tuple], list[int]]:
        """(each pair's key, the reusable alignments by pair number, the pair numbers to align)."""
        names = {i: _flagged_name(articles[i]) for i in changed}
        name = lambda i: names.get(i) or articles[i].sha256  # noqa: E731
        keys = [(name(o.a), name(o.b)) for o in overlaps]
        known = self.cache.get_pairs(keys, self.key) if self.cache is not None and keys else {}
        todo = [n for n, k in enumerate(keys) if k not in known]
        return keys, {n: known[k] for n, k in enumerate(keys) if k in known}, todo

    def store_pairs(self, fresh: dict[tuple[str, str], tuple]) -> None:
        if self.cache is not None and fresh:
            self.cache.put_packed_pairs(fresh, self.key)

    def warnings(self) -> list[str]:
        return list(self.cache.warnings) if self.cache is not None else []
