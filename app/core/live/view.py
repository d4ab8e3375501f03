"""What the window needs to show a watched folder's new state in place, worked out on the engine's thread."""

from __future__ import annotations

from app.core import triage
from app.core.records import LiveView, RowChanges, ScanResult


class Views:
    """Follows the states a watch hands out, each against the one before: which rows of each list stay as they
    were (the same objects, the same figures), which go and which come, and the pairs in triage order."""

    def __init__(self, base: ScanResult):
        self.base = base
        self._needs: dict[tuple[str, str], tuple] = {}  # pair -> (what it shows, its triage key)
        self._pairs, self._docs, self._families = self._shown(base)

    def view(self, result: ScanResult) -> LiveView:
        pairs, docs, families = self._shown(result)
        ids = [a.id for a in result.articles]
        numbers = {shown: n for n, shown in enumerate(self._families, 1)}
        view = LiveView(
            result, self.base,
            _changes(self._pairs, pairs), _changes(self._docs, docs),
            tuple(numbers.get(shown, 0) for shown in families),
            {(ids[p.a], ids[p.b]): n for n, p in enumerate(result.pairs)}, {a: n for n, a in enumerate(ids)},
            sum(1 for p in result.pairs if p.outlet_high_risk))
        self.base, self._pairs, self._docs, self._families = result, pairs, docs, families
        return view

    def _shown(self, result: ScanResult):
        """Each list as shown: (record, key, what its row shows) in the list's order, and each family's content.
        Objects are named by id(): `result` and the state before it hold them while they are compared."""
        arts = result.articles
        needs, order = {}, []
        for n, p in enumerate(result.pairs):
            key = (arts[p.a].id, arts[p.b].id)
            shown = (id(p.rows), p.relation, p.role, p.overlap.shared, p.overlap.a_in_b, p.overlap.b_in_a,
                     id(arts[p.a]), id(arts[p.b]))
            known = self._needs.get(key)
            needs[key] = known if known is not None and known[0] == shown else (shown, triage.need(p))
            order.append((needs[key][1], n, key))
        self._needs = needs
        order.sort(key=lambda x: (x[0], x[1]))  # triage.order: ties keep the list's order
        pairs = [(n, key, needs[key][0]) for _, n, key in order]
        copies = [0] * len(arts)
        for p in result.pairs:
            copies[p.a] += 1
            copies[p.b] += 1
        docs = [(n, a.id, (id(a), len(a.flags), copies[n])) for n, a in enumerate(arts)]
        # a family kept by the engine keeps its fidelity objects: their ids stand for them (hashing is slow)
        families = [(tuple(arts[m].id for m in f.members), tuple(id(arts[m]) for m in f.members), f.title,
                     f.reference_reason, tuple(id(fid) for _, fid in f.member_fidelity)) for f in result.families]
        return pairs, docs, families


def _changes(before: list[tuple], after: list[tuple]) -> RowChanges:
    """Rows kept: the same key showing the same thing (in the same order in both lists, which sort by what they
    show); the others go and come."""
    was = {key: shown for _, key, shown in before}
    kept = {key for _, key, shown in after if was.get(key) == shown}
    return RowChanges([record for record, _, _ in after],
                      tuple(r for r in reversed(range(len(before))) if before[r][1] not in kept),
                      tuple(r for r, (_, key, _) in enumerate(after) if key not in kept))
