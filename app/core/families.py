"""Story families: copies of one report (connected over `copy` pairs only), each with a title and a reference.

`partial` and `quotes` pairs never merge families: they link them (a roundup borrowing a block of a story,
two reports quoting one statement), so one chain of shared quotes cannot pull half a folder into one family.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable

from app.core.index import story_families
from app.core.records import Article, Family, Fidelity, PairResult, Relation
from app.core.relations import is_caption, sentence_roles

#: Reference candidates whose share of the others' narrative is this close count as equally complete;
#: among them a wire credit or dateline decides (the agency's own copy is the likeliest source).
REFERENCE_TIE = 0.05

_WIRE = re.compile(
    r"\((?:AP|Reuters|AFP|Bloomberg|UPI)\)\s*[—–-]"
    r"|^\s*(?:By\s+)?(?:The\s+)?(?:Associated\s+Press|Reuters|Agence\s+France-Presse)\b"
    r"|\bCopyright \d{4} (?:The )?Associated Press\b|^\s*[A-Z][A-Z .,'-]{2,40}\s*\((?:AP|Reuters|AFP)\)",
    re.MULTILINE,
)
_TITLE_WORDS = re.compile(r"\w+")


def wire_credit(article: Article) -> str | None:
    """The wire credit or dateline the article carries (outside junk flags: a byline is a credit), if any."""
    for m in _WIRE.finditer(article.text[:4000]):
        at = m.start() + len(m.group()) - len(m.group().lstrip())
        if not any(f.start <= at < f.end and f.kind != "byline" for f in article.flags):
            return " ".join(m.group().split())
    return None


def headline(article: Article) -> str:
    """The article's own headline: the detected one if the document has it, else its title or a line above the
    body that reads as a headline (unflagged, not a caption, a few words, no closing full stop), else ""."""
    if article.headline:
        start, end = article.headline
        return " ".join(article.text[start:end].split())
    text = article.text
    # a flag of kind `headline` near the top is the page's headline flagged as not body text: it is still the
    # article's own headline, unlike junk flags ("share", "Fullscreen")
    roles = sentence_roles(article)
    body = next((article.sentences[i][0] for i, r in enumerate(roles) if r == "narrative"), len(text))
    own = [f for f in article.flags if f.kind == "headline" and f.end <= body]
    flagged = [(f.start, f.end) for f in article.flags if f.kind != "headline"]
    pos = 0
    candidates = [text[f.start:f.end].strip() for f in own[:1]]
    candidates += [article.title.strip()] if article.title.strip() else []
    for line in text[:body].split("\n"):  # a headline stands above the body
        start, pos = pos, pos + len(line) + 1
        if line.strip() and not any(s < pos - 1 and start < e for s, e in flagged):
            candidates.append(line.strip())
    for line in candidates:
        n = len(_TITLE_WORDS.findall(line))
        at = text.find(line)
        unflagged = at < 0 or not any(s < at + len(line) and at < e for s, e in flagged)
        if 4 <= n <= 24 and unflagged and not line.endswith(".") and not is_caption(line):
            return " ".join(line.split())
    return ""


def components(n: int, pairs: list[PairResult]) -> list[list[int]]:
    """Connected components of size two or more over `copy` pairs only, largest first."""
    return story_families(n, [p for p in pairs if p.relation == Relation.COPY])


def build_families(articles: list[Article], pairs: list[PairResult],
                   fidelity_of: Callable[[list[tuple[int, int]]], list[Fidelity]]) -> list[Family]:
    """Families with title, reference and each member's fidelity against it.

    `fidelity_of` aligns (reference, member) pairs that the scan did not align (members joined through a third
    copy): one call for every family, so the caller can spread it over its workers.
    """
    groups = components(len(articles), pairs)
    family_of = {i: n for n, g in enumerate(groups) for i in g}
    by_pair = {(p.a, p.b): p for p in pairs}
    chosen: list[tuple[int, str]] = [_reference(articles, g, by_pair) for g in groups]

    known: dict[tuple[int, int], Fidelity] = {}
    missing: list[tuple[int, int]] = []
    for g, (ref, _) in zip(groups, chosen, strict=True):
        for m in g:
            if m == ref:
                continue
            if (ref, m) in by_pair:
                known[(ref, m)] = by_pair[(ref, m)].fidelity
            elif (m, ref) in by_pair:
                known[(ref, m)] = by_pair[(m, ref)].fidelity.mirrored()
            else:
                missing.append((ref, m))
    if missing:
        known.update(zip(missing, fidelity_of(missing), strict=True))

    links = family_links(family_of, pairs)

    families = []
    for n, (g, (ref, reason)) in enumerate(zip(groups, chosen, strict=True)):
        ranked = sorted(((m, known[(ref, m)]) for m in g if m != ref), key=lambda mf: (-mf[1].kept, mf[0]))
        families.append(Family(
            id=n + 1, members=(ref, *(m for m, _ in ranked)), title=_title(articles, g, ref), reference=ref,
            reference_reason=reason, member_fidelity=tuple(ranked), links=links[n],
        ))
    return families


def family_links(family_of: dict[int, int], pairs: list[PairResult]) -> dict[int, tuple[tuple[int, Relation], ...]]:
    """Each family's links to others through pairs across them: family number -> ((other's id, relation), ...),
    ids counted from 1."""
    links: dict[int, dict[int, Relation]] = defaultdict(dict)
    for p in pairs:
        fa, fb = family_of.get(p.a), family_of.get(p.b)
        if fa is None or fb is None or fa == fb:
            continue
        for x, y in ((fa, fb), (fb, fa)):
            if links[x].get(y) != Relation.PARTIAL:  # the stronger link wins
                links[x][y] = p.relation if p.relation != Relation.COPY else Relation.PARTIAL
    return defaultdict(tuple, {n: tuple(sorted((fid + 1, rel) for fid, rel in to.items()))
                               for n, to in links.items()})


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
    heads = {m: h for m in group if (h := headline(articles[m]))}
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
