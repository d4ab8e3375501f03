"""Whether two scans of one folder agree on what a reader sees: articles, flags, pairs, relations, families."""

from __future__ import annotations

from app.core.records import ScanResult


def differences(got: ScanResult, want: ScanResult, limit: int = 10) -> list[str]:
    """What differs between two results, named by article id (empty: the same); at most `limit` lines."""
    out: list[str] = []
    ga, wa = [a.id for a in got.articles], [a.id for a in want.articles]
    if ga != wa:
        out.append(f"articles: {sorted(set(ga) ^ set(wa))[:5]} differ, or their order")
        return out
    for x, y in zip(got.articles, want.articles, strict=True):
        if x.sha256 != y.sha256 or _flags(x) != _flags(y):
            out.append(f"{x.id}: text or flags differ")
    gp, wp = _pairs(got), _pairs(want)
    for key in sorted(gp.keys() | wp.keys()):
        if gp.get(key) != wp.get(key):
            out.append(f"pair {key}: {_short(gp.get(key))} instead of {_short(wp.get(key))}")
    if [_pair_order(got, p) for p in got.pairs] != [_pair_order(want, p) for p in want.pairs] and not out:
        out.append("pairs listed in another order")
    gf, wf = _families(got), _families(want)
    if gf != wf:
        out += [f"family {f}" for f in (set(gf) ^ set(wf))]
    return out[:limit]


def _flags(article) -> list:
    return [(f.start, f.end, f.kind, f.reason) for f in article.flags]


def _pair_order(result: ScanResult, p) -> tuple[str, str]:
    return result.articles[p.a].id, result.articles[p.b].id


def _pairs(result: ScanResult) -> dict:
    return {_pair_order(result, p): (p.relation, getattr(p, "role", None), p.overlap.shared, p.overlap.a_in_b,
                                     p.overlap.b_in_a, p.fidelity, p.figures,
                                     [(r.kind, r.a, r.b, r.similarity) for r in p.rows])
            for p in result.pairs}


def _short(value) -> str:
    return "nothing" if value is None else f"{value[0]} sharing {value[1]}"


def _families(result: ScanResult) -> list:
    ids = [a.id for a in result.articles]
    def name(i):
        return None if i is None else ids[i]

    return [(f.id, f.title, ids[f.reference], tuple(ids[m] for m in f.members),
             tuple((ids[m], fid) for m, fid in f.member_fidelity), tuple(f.links),
             tuple((tuple(map(name, v.members)), name(v.reference)) for v in getattr(f, "versions", ())),
             tuple((name(s.copy), name(s.source), s.evidence, s.fidelity, s.update) for s in getattr(f, "lineage", ())))
            for f in result.families]
