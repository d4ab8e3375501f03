"""Story families: copies and versions of one report (over `copy` and `version` pairs), with versions and lineage.

`partial` and `quotes` pairs never merge families: they link them (a roundup borrowing a block of a story,
two reports quoting one statement), so one chain of shared quotes cannot pull half a folder into one family.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable

from app.core.index import story_families
from app.core.lineage import Evidence, build_lineage, split_updates
from app.core.records import Article, Family, Fidelity, PairResult, PairRole, Relation
from app.core.relations import sentence_roles
from app.core.triage import Figures

#: Reference candidates whose share of the others' narrative is this close count as equally complete;
#: among them a wire credit or dateline decides (the agency's own copy is the likeliest source).
REFERENCE_TIE = 0.05

_WIRE = re.compile(
    r"\((?:AP|Reuters|AFP|Bloomberg|UPI)\)\s*[—–-]"
    r"|^\s*(?:By\s+)?(?:The\s+)?(?:Associated\s+Press|Reuters|Agence\s+France-Presse)\b"
    r"|\bCopyright \d{4} (?:The )?Associated Press\b|^\s*[A-Z][A-Z .,'-]{2,40}\s*\((?:AP|Reuters|AFP)\)",
    re.MULTILINE,
)


def wire_credit(article: Article) -> str | None:
    """The wire credit or dateline the article carries (outside junk flags: a byline is a credit), if any."""
    for m in _WIRE.finditer(article.text[:4000]):
        at = m.start() + len(m.group()) - len(m.group().lstrip())
        if not any(f.start <= at < f.end and f.kind != "byline" for f in article.flags):
            return " ".join(m.group().split())
    return None


_SAME_REPORT = (Relation.COPY, Relation.VERSION)


def components(n: int, pairs: list[PairResult]) -> list[list[int]]:
    """Connected components of size two or more over `copy` and `version` pairs, largest first."""
    return story_families(n, [p for p in pairs if p.relation in _SAME_REPORT])


def version_groups(articles: list[Article], group: list[int], pairs: list[PairResult],
                   evidence: Evidence) -> list[list[int]]:
    """A family's versions: its members joined by `copy` pairs (a member no copy joins is a version alone).

    Undated, two members whose own pair is a `version` are never put in one version by a chain of copies through
    a third: a copy cut short matches both versions of a story. Such a member (a copy of members of two versions)
    joins the version whose members leave it the fewest edits to explain (as a source would), then the one it
    has the most copy pairs with. Dated, the times split the versions (`split_updates`)."""
    where = {m: n for n, m in enumerate(group)}
    inside = [p for p in pairs if p.a in where and p.b in where]
    apart = [(where[p.a], where[p.b]) for p in inside if p.relation == Relation.VERSION]
    copies = [(where[p.a], where[p.b]) for p in inside if p.relation == Relation.COPY]
    parent = list(range(len(group)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def join(x: int, y: int) -> None:
        rx, ry = find(x), find(y)
        if rx != ry and not any({find(u), find(v)} == {rx, ry} for u, v in apart):
            parent[max(rx, ry)] = min(rx, ry)

    copied = defaultdict(set)
    for x, y in copies:
        copied[x].add(y)
        copied[y].add(x)
    bridges = {m for u, v in apart for m in copied[u] & copied[v]} - {m for pair in apart for m in pair}
    for x, y in copies:
        if x not in bridges and y not in bridges:
            join(x, y)
    for b in sorted(bridges):
        votes: dict[int, list[int]] = defaultdict(list)
        for x, y in copies:
            if b in (x, y) and (other := y if x == b else x) not in bridges:
                votes[find(other)].append(evidence.differences(group[other], group[b])[0])
        if votes:
            join(b, min(votes, key=lambda r: (min(votes[r]), -len(votes[r]), r)))
    for x, y in copies:  # copies of copies among the bridges
        join(x, y)
    joined: dict[int, list[int]] = {}
    for n, m in enumerate(group):
        joined.setdefault(find(n), []).append(m)
    return sorted(joined.values(), key=lambda v: (-len(v), where[v[0]]))


def build_families(articles: list[Article], pairs: list[PairResult],
                   fidelity_of: Callable[[list[tuple[int, int]]], list[Fidelity]]) -> list[Family]:
    """Families with title, reference, versions, lineage and each member's fidelity against the reference.

    `fidelity_of` aligns (A, B) pairs that the scan did not align (members joined through a third copy): one
    call for every family, so the caller can spread it over its workers. Sets each pair's `role`.
    """
    groups = components(len(articles), pairs)
    family_of = {i: n for n, g in enumerate(groups) for i in g}
    by_pair = {(p.a, p.b): p for p in pairs}
    chosen: list[tuple[int, str]] = [_reference(articles, g, by_pair) for g in groups]
    evidence = Evidence(articles, by_pair, {})
    versions = [[split for v in version_groups(articles, g, pairs, evidence) for split in split_updates(articles, v, evidence)]
                for g in groups]
    version_refs = [[v[0] if len(v) == 1 else _reference(articles, v, by_pair)[0] for v in vs] for vs in versions]

    missing: list[tuple[int, int]] = []
    for g, (ref, _) in zip(groups, chosen, strict=True):
        missing += [(ref, m) for m in g if m != ref and (ref, m) not in by_pair and (m, ref) not in by_pair]
    for refs in version_refs:  # the versions' references against each other (a version may reach the others only
        # through copies); inside a version the scan aligned every pair that shares text, up to its index's limit
        missing += [(x, y) for x in refs for y in refs if x < y and (x, y) not in by_pair and (y, x) not in by_pair]
    missing = list(dict.fromkeys(missing))
    extra = dict(zip(missing, fidelity_of(missing), strict=True)) if missing else {}
    extra.update({(b, a): f.mirrored() for (a, b), f in list(extra.items())})
    evidence.extra = extra

    links = family_links(family_of, pairs)
    families = []
    for n, (g, (ref, reason)) in enumerate(zip(groups, chosen, strict=True)):
        ranked = sorted(((m, evidence.fidelity(ref, m)) for m in g if m != ref), key=lambda mf: (-Figures.of(mf[1]).kept, mf[0]))
        version_records, lineage = build_lineage(articles, versions[n], version_refs[n], evidence)
        families.append(Family(
            id=n + 1, members=(ref, *(m for m, _ in ranked)), title=_title(articles, g, ref), reference=ref,
            reference_reason=reason, member_fidelity=tuple(ranked),
            links=links.get(n, ()),
            versions=tuple(version_records), lineage=tuple(lineage),
        ))
    set_roles(pairs, families)
    return families


def family_links(family_of: dict[int, int], pairs: list[PairResult]) -> dict[int, tuple[tuple[int, Relation], ...]]:
    """Each family's links to the others (by family number, counted from 0; the links name them from 1): the
    `partial` and `quotes` pairs between their members, the stronger relation when there are both."""
    links: dict[int, dict[int, Relation]] = defaultdict(dict)
    for p in pairs:
        fa, fb = family_of.get(p.a), family_of.get(p.b)
        if fa is None or fb is None or fa == fb:
            continue
        for x, y in ((fa, fb), (fb, fa)):
            if links[x].get(y) != Relation.PARTIAL:  # the stronger link wins
                links[x][y] = p.relation if p.relation not in _SAME_REPORT else Relation.PARTIAL
    return {n: tuple(sorted((fid + 1, rel) for fid, rel in linked.items())) for n, linked in links.items()}


def set_roles(pairs: list[PairResult], families: list[Family]) -> None:
    """Each pair's place in the lineage: a copy against its source, two copies of one version, the wire's update.
    A `copy` pair whose sides the family puts in two versions (the times show an update between them) becomes
    `version`: the pair alone could not tell a trimmed copy from an earlier version."""
    edges = {frozenset((s.copy, s.source)) for f in families for s in f.lineage if s.source is not None}
    updates = {frozenset((s.copy, s.source)) for f in families for s in f.lineage if s.update}
    version_of = {m: (f.id, k) for f in families for k, v in enumerate(f.versions) for m in v.members}
    for p in pairs:
        va, vb = version_of.get(p.a), version_of.get(p.b)
        if p.relation == Relation.COPY and va is not None and vb is not None and va != vb:
            p.relation = Relation.VERSION
        if p.relation == Relation.VERSION or frozenset((p.a, p.b)) in updates:
            # a lineage link between two versions is the wire's update, whatever the pair alone looked like
            p.role = PairRole.UPDATE
        elif p.relation != Relation.COPY:
            p.role = PairRole.OTHER
        else:
            p.role = PairRole.SOURCE if frozenset((p.a, p.b)) in edges else PairRole.COPIES


def _reference(articles: list[Article], group: list[int], by_pair: dict) -> tuple[int, str]:
    """The member holding the most of the others' narrative; a wire credit breaks near-ties."""
    holds: dict[int, list[float]] = {m: [] for m in group}
    for x in group:
        for y in group:
            p = by_pair.get((x, y))
            if p is not None:
                holds[x].append(p.figures.narrative_b_in_a)  # how much of y's narrative x holds
                holds[y].append(p.figures.narrative_a_in_b)
    share = {m: (sum(v) / len(v) if v else 0.0) for m, v in holds.items()}
    best = max(share.values())
    credit = {m: wire_credit(articles[m]) for m in group if share[m] >= best - REFERENCE_TIE}
    ref = max(credit, key=lambda m: (credit[m] is not None, share[m], -m))
    reason = f"holds {share[ref]:.0%} of the other copies' narrative on average"
    if credit[ref]:
        reason += f" and carries a wire credit or dateline ({credit[ref]})"
    elif len(credit) > 1:
        reason += "; the most complete copy, no member carries a wire credit"
    return ref, reason


def _title(articles: list[Article], group: list[int], ref: int) -> str:
    """The headline most members share (two at least), else the reference's own."""
    heads = {m: articles[m].title for m in group if articles[m].title}
    counts = Counter(h.casefold() for h in heads.values())
    common, n = counts.most_common(1)[0] if counts else ("", 0)
    if n >= 2:
        return next(h for h in heads.values() if h.casefold() == common)
    if ref in heads:
        return heads[ref]
    return next(iter(heads.values()), None) or _lede(articles[ref])


def _lede(article: Article, limit: int = 90) -> str:
    """No member has a headline: the reference's first narrative sentence stands in, cut at a word."""
    roles = sentence_roles(article)
    first = next((article.sentences[i] for i, r in enumerate(roles) if r == "narrative"), None)
    if first is None:
        return article.id
    text = " ".join(article.text[first[0]:first[1]].split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "…"
