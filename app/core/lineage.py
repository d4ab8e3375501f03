"""Where each copy came from: a family's versions in order and, inside each, the tree of copies and copies of copies.

A copy can only come from something that holds its text: the likeliest source of a copy is the earlier member
that leaves the fewest of the copy's sentences to explain as the copy's own edits (the copy's own trims cost
nothing; an edit the copy carries on from its source costs nothing against that source and something against
every other; a changed dateline or agency tag only breaks ties, as outlets change those on their own). "Earlier" is
the input's time where every member gives one (a "Published/Updated" line, a dated line at the top, else the
files' modification times when they differ); without times, a copy of a copy holds no more of the version than
its source did, so members go in order of how much of the version's reference they keep.
"""

from __future__ import annotations

import os
from datetime import datetime

from app.core.dates import not_later, published
from app.core.records import (
    Article,
    EditReason,
    Fidelity,
    LineageNode,
    Link,
    PairResult,
    Relation,
    Row,
    RowKind,
    Source,
    Version,
)
from app.core.relations import BLOCK_SENTENCES, SHARED_SIMILARITY, own_sentences

_KEPT = (RowKind.SAME, RowKind.CHANGED, RowKind.MOVED)

#: What an unaligned pair costs as a source: more than any text (a pair the scan never aligned shares nothing).
UNKNOWN = 1 << 40
#: Files' modification times order a family only when they spread over at least this many seconds.
FILE_TIME_SPREAD = 60
#: Quote at most this much of a sentence as evidence.
EVIDENCE_CHARS = 70
#: Edits every outlet makes on its own when it reprints: the agency tag or the dateline dropped or added. Two copies
#: differing only there tell little about which came from which (weak evidence, weighed after every other edit).
OUTLET_HOUSE_EDITS = frozenset((EditReason.DATELINE, EditReason.CREDIT))
#: ... with the dash or space that goes with it ("WASHINGTON (Reuters) -" to "WASHINGTON —").
_WITH_HOUSE_EDITS = frozenset((EditReason.TYPOGRAPHY, EditReason.SPACING))


def _any_form(f) -> float:
    """Share of A that B holds in any form (word for word, changed or moved): evidence of descent, not a figure
    an editor reads (those are triage.Figures)."""
    return round(f.verbatim + f.changed + f.moved, 4)


def member_times(articles: list[Article], group: list[int]) -> tuple[dict[int, datetime], str]:
    """Each member's time and where the times come from; empty when the input does not date every member."""
    dated = {m: published(articles[m])[0] for m in group}
    if all(dated.values()):
        return dated, "text"  # type: ignore[return-value]
    mtimes = {}
    for m in group:
        try:
            mtimes[m] = os.stat(articles[m].path).st_mtime
        except (OSError, ValueError):
            return {}, ""
    if max(mtimes.values()) - min(mtimes.values()) < FILE_TIME_SPREAD:
        return {}, ""  # files copied in one go share a time that says nothing about the stories
    return {m: datetime.fromtimestamp(t).replace(second=0, microsecond=0) for m, t in mtimes.items()}, "file"


class Evidence:
    """What the pairs of a family say about sources: fidelity both ways and which sentences match word for word."""

    def __init__(self, articles: list[Article], by_pair: dict[tuple[int, int], PairResult],
                 extra: dict[tuple[int, int], Fidelity]):
        self.articles = articles
        self.by_pair = by_pair
        self.extra = extra
        self._memo: dict[tuple[str, int, int], set[int] | None] = {}
        self._bodies: dict[int, dict[int, int]] = {}
        self._differences: dict[tuple[int, int], tuple[int, int]] = {}
        self._stories: dict[int, set[int]] = {}
        self._partners: dict[int, list[PairResult]] | None = None

    def fidelity(self, src: int, copy: int) -> Fidelity | None:
        """`copy` against `src` (src as A)."""
        p = self.by_pair.get((src, copy))
        if p is not None:
            return p.fidelity
        p = self.by_pair.get((copy, src))
        if p is not None:
            return p.fidelity.mirrored()
        return self.extra.get((src, copy))

    def relation(self, x: int, y: int) -> PairResult | None:
        return self.by_pair.get((x, y)) or self.by_pair.get((y, x))

    def _rows(self, what: str, src: int, copy: int) -> set[int] | None:
        """Sentence indices from the pair's rows, `src` as A whichever way the scan stored it (None: not aligned).

        `verbatim`: copy's sentences src holds word for word; `shared`: copy's sentences src holds near-verbatim
        (SHARED_SIMILARITY, in place or moved); `dropped`: src's sentences the copy lacks in any form; `kept`:
        src's sentences the copy keeps in any form; `house`: copy's sentences changed from src only in their dateline
        or agency tag. Memoised: the lineage asks for each pair many times."""
        key = (what, src, copy)
        if key in self._memo:
            return self._memo[key]
        pair = self.by_pair.get((src, copy))
        flipped = pair is None
        pair = pair or self.by_pair.get((copy, src))
        out = None
        if pair is not None:
            rows = pair.rows if not flipped else [r.mirrored() for r in pair.rows]
            if what == "verbatim":
                out = {i for r in rows if r.kind == RowKind.SAME for i in r.b}
            elif what == "shared":
                out = {i for r in rows if r.kind in _KEPT and r.similarity >= SHARED_SIMILARITY for i in r.b}
            elif what == "house":
                out = {i for r in rows if _house_edit(r) for i in r.b}
            elif what == "dropped":
                out = {i for r in rows if r.kind == RowKind.ONLY_A for i in r.a}
            else:
                out = {i for r in rows if r.kind in _KEPT for i in r.a}
        self._memo[key] = out
        return out

    def verbatim(self, src: int, copy: int) -> set[int] | None:
        return self._rows("verbatim", src, copy)

    def shared(self, src: int, copy: int) -> set[int] | None:
        return self._rows("shared", src, copy)

    def house(self, src: int, copy: int) -> set[int] | None:
        return self._rows("house", src, copy)

    def dropped(self, src: int, copy: int) -> set[int]:
        return self._rows("dropped", src, copy) or set()

    def kept(self, src: int, copy: int) -> set[int]:
        return self._rows("kept", src, copy) or set()

    def missing(self, src: int, copy: int) -> int:
        """Characters of `copy`'s body that `src` does not hold word for word: what a source would have to explain.

        The headline and deck are left out: outlets write their own or pick one the story already had, so two
        outlets sharing a headline is no sign that one copied the other."""
        held = self.verbatim(src, copy)
        if held is None:
            f = self.fidelity(src, copy)
            return UNKNOWN if f is None else round((1.0 - f.verbatim_b) * f.chars_b)
        return sum(size for i, size in self.body(copy).items() if i not in held)

    def differences(self, src: int, copy: int) -> tuple[int, int]:
        """The edits `copy` would have made to `src`: body sentences of the copy that `src` does not hold word for
        word, counted (an edit is one piece of evidence however long its sentence), as (edits, house edits): a
        sentence changed only in its dateline or agency tag is a house edit (OUTLET_HOUSE_EDITS). A sentence
        the copy keeps as the wire wrote it where `src` changed it counts too: an outlet does not undo another's
        typo. Sentences are the copy's `story` (its body, and what its page flagged that the story holds).
        Memoised."""
        key = (src, copy)
        if key in self._differences:
            return self._differences[key]
        body = self.body(copy)
        story = self.story(copy)
        pair = self.by_pair.get((src, copy))
        rows = pair.rows if pair is not None else None
        if rows is None and (pair := self.by_pair.get((copy, src))) is not None:
            rows = [r.mirrored() for r in pair.rows]
        if rows is None:
            f = self.fidelity(src, copy)
            out = (UNKNOWN, 0) if f is None else (round((1.0 - f.verbatim_b) * len(body)), 0)
        else:
            edits = house = 0
            for row in rows:
                own = sum(1 for i in row.b if i in story)
                if not own or row.kind == RowKind.SAME:
                    continue
                if _house_edit(row):
                    house += own
                else:
                    edits += own
            out = (edits, house)
        self._differences[key] = out
        return out

    def story(self, n: int) -> set[int]:
        """`n`'s body sentences, and the sentences its page flagged that a copy or version of it holds as body: an
        outlet's "Related" box or furniture line above a paragraph can make the page read it as a teaser, but the
        flag says what the page shows, not what the outlet received, and an edit that sentence carries on is
        evidence still. Memoised."""
        if n in self._stories:
            return self._stories[n]
        if self._partners is None:
            self._partners = {}
            for p in self.by_pair.values():
                if p.relation in (Relation.COPY, Relation.VERSION):
                    self._partners.setdefault(p.a, []).append(p)
                    self._partners.setdefault(p.b, []).append(p)
        out = set(self.body(n))
        for p in self._partners.get(n, ()):
            mine, theirs, other = ("a", "b", p.b) if p.a == n else ("b", "a", p.a)
            held = self.body(other)
            out.update(i for r in p.rows if r.kind in _KEPT and any(j in held for j in getattr(r, theirs))
                       for i in getattr(r, mine))
        self._stories[n] = out
        return out

    def body(self, n: int) -> dict[int, int]:
        """Each body sentence's size in characters: not flagged, not the headline or deck. Memoised."""
        if n not in self._bodies:
            art = self.articles[n]
            flagged = art.flagged_sentences()
            heads = [span for span in (art.headline, art.deck) if span]
            title = art.title.strip()  # a text file's first line: its headline
            self._bodies[n] = {i: e - s for i, (s, e) in enumerate(art.sentences) if i not in flagged
                               and not any(hs <= s < he for hs, he in heads) and art.text[s:e].strip() != title}
        return self._bodies[n]


def _house_edit(row: Row) -> bool:
    """A changed row whose only edits are an outlet's house edits (its dateline, the agency tag)."""
    reasons = {e.reason for e in row.edits if e.op != "equal"}
    return (row.kind == RowKind.CHANGED and bool(reasons & OUTLET_HOUSE_EDITS)
            and reasons <= OUTLET_HOUSE_EDITS | _WITH_HOUSE_EDITS)


def split_updates(articles: list[Article], members: list[int], evidence: Evidence) -> list[list[int]]:
    """Copies of one version by the pairs, split where the input's times show an update: in time order, a member
    joins the version whose members hold all its narrative but for runs shorter than BLOCK_SENTENCES (an outlet
    trims, drops and retypes, and may slip in a teaser line, but adds no block of the story's narrative); a member
    that adds such a block is a new version (the wire's update: a new top, an added section). Undated members stay
    as the pairs joined them."""
    times, _ = member_times(articles, members)
    if not times or len(members) < 2:
        return [members]
    versions: list[list[int]] = []
    for m in sorted(members, key=lambda x: (times[x], articles[x].id)):
        own = own_sentences(articles[m])
        narrative = sorted(own)
        best: tuple[int, int, int] | None = None
        for k, v in enumerate(versions):
            held = [h for p in v if (h := evidence.shared(p, m)) is not None]
            if not held:
                continue  # aligned with none of them (a large family the index joins as a star): no evidence
            left = _longest_run(narrative, own.difference(*held))
            closest = min(evidence.missing(p, m) for p in v)
            if left < BLOCK_SENTENCES and (best is None or (left, closest) < best[:2]):
                best = (left, closest, k)  # ties go to the version holding the most of its text word for word
        if best is None:
            versions.append([m])
        else:
            versions[best[2]].append(m)
    return versions


def _longest_run(order: list[int], own: set[int]) -> int:
    """The longest run of consecutive sentences of `order` (the article's narrative, in reading order) in `own`."""
    run = longest = 0
    for i in order:
        run = run + 1 if i in own else 0
        longest = max(longest, run)
    return longest


def build_lineage(articles: list[Article], versions: list[list[int]], references: list[int],
                  evidence: Evidence) -> tuple[list[Version], list[Source]]:
    """The versions in order (earliest first) and one Source per member: a tree rooted at the first version."""
    group = [m for v in versions for m in v]
    times, origin = member_times(articles, group)
    order = sorted(range(len(versions)), key=lambda k: _version_key(articles, references[k], times))
    records: list[Version] = []
    sources: dict[int, Source] = {}
    roots: list[int] = []
    for k in order:
        members = _ordered(articles, versions[k], references[k], times, evidence)
        root = members[0]
        records.append(Version(tuple(members), root))
        sources[root] = _version_source(root, roots, times, origin, evidence)
        roots.append(root)
        for n, copy in enumerate(members[1:], 1):
            sources[copy] = _copy_source(copy, members[:n], members, root, times, origin, articles, evidence)
    return records, _tree(sources, roots[0])


def _version_key(articles: list[Article], ref: int, times: dict) -> tuple:
    # without times, an update adds to the story more often than it cuts: the shorter version first
    return (times[ref],) if times else (len(articles[ref].text), articles[ref].id)


def _ordered(articles, members: list[int], ref: int, times: dict, evidence: Evidence) -> list[int]:
    """The version's members, each after every member it could have come from. First the earliest where dated,
    else the member whose text explains the others' best (the most of their text word for word)."""
    # among the earliest (all, undated), the member the others need the fewest changes from: the full, unedited copy
    first = min(members, key=lambda r: (times[r] if times else 0, sum(evidence.missing(r, m) for m in members if m != r),
                                        r != ref, articles[r].id))

    def key(m: int) -> tuple:
        f = evidence.fidelity(first, m)
        kept, verbatim = (_any_form(f), f.verbatim) if f else (0.0, 0.0)
        return (times[m] if times else 0, -kept, -verbatim, articles[m].id)

    return [first, *sorted((m for m in members if m != first), key=key)]


def _copy_source(copy: int, earlier: list[int], members: list[int], root: int, times: dict, origin: str,
                 articles: list[Article], evidence: Evidence) -> Source:
    candidates = [p for p in earlier if not times or not_later(times[p], times[copy])] or earlier
    rank = {p: n for n, p in enumerate(earlier)}
    # fewest edits to explain, then a paragraph dropped from the middle and carried on, then the house edits
    src = min(candidates, key=lambda p: (evidence.differences(p, copy)[0], -_lacks_both(root, p, copy, evidence),
                                         evidence.differences(p, copy)[1], rank[p]))
    f = evidence.fidelity(src, copy)
    why = []
    if f is not None:
        why.append(f"holds {f.verbatim_b:.0%} of its text word for word and {_any_form(f.mirrored()):.0%} in any form")
    own = evidence.verbatim(src, copy)
    if own is not None and len(members) > 2:
        others = [evidence.verbatim(p, copy) for p in members if p not in (src, copy)]
        only = own.difference(*(o for o in others if o is not None)).intersection(evidence.story(copy))
        in_root = (evidence.verbatim(root, copy) or set()) if src != root else only
        edits = only - in_root  # worded as only src words them, and not as the version's reference does
        house = edits & (evidence.house(root, copy) or set())  # every outlet drops or adds a dateline: weak
        edits = sorted(edits - house)
        if edits:
            why.append(f"shares {len(edits)} edited sentence{'s' * (len(edits) != 1)} with it and no other copy "
                       f"(an edit carried on): “{_excerpt(articles, copy, edits[0], root, evidence)}”")
        if house:
            why.append("shares its dateline with it and no other copy (weak evidence: outlets change datelines "
                       "on their own)")
        held = len(only & in_root)
        if held:
            why.append(f"the only copy holding {held} of its sentence{'s' * (held != 1)}")
    if src != root:
        lacking = _lacks_both(root, src, copy, evidence)
        if lacking:
            why.append(f"lacks, like it, {lacking} sentence{'s' * (lacking != 1)} of the version's reference "
                       "(a trim carried on)")
    else:
        why.append("taken from the version's reference: no other copy explains its text better")
    if times:
        why.append(_time_note(times, origin, src, copy))
    return Source(copy, src, tuple(why), f)


def _excerpt(articles: list[Article], copy: int, sentence: int, root: int, evidence: Evidence) -> str:
    """The copy's sentence around its first difference from the version's reference (the edit itself)."""
    art = articles[copy]
    s, e = art.sentences[sentence]
    at = s
    p = evidence.relation(root, copy)
    if p is not None:
        side = "b" if p.b == copy else "a"
        for row in p.rows:
            if sentence in getattr(row, side):
                spans = [getattr(ed, side) for ed in row.edits if ed.op in ("insert", "delete") and getattr(ed, side)]
                at = spans[0][0] if spans else s
                break
    start = max(s, at - EVIDENCE_CHARS // 2)
    start = art.text.rfind(" ", s, start) + 1 if start > s else s
    text = " ".join(art.text[start:e].split())
    cut = text if len(text) <= EVIDENCE_CHARS else text[:EVIDENCE_CHARS].rsplit(" ", 1)[0] + "…"
    return ("…" if start > s else "") + cut


def _lacks_both(root: int, src: int, copy: int, evidence: Evidence) -> int:
    """Body sentences of the version's first member that both lack before the copy's last kept one: a paragraph
    dropped from the middle and carried on (a trimmed ending is left out: outlets trim endings independently)."""
    body = evidence.body(root)
    dropped = evidence.dropped(root, src) & evidence.dropped(root, copy) & body.keys()
    if not dropped:
        return 0
    last = max((i for i in evidence.kept(root, copy) if i in body), default=-1)
    return sum(1 for i in dropped if i < last)


def _version_source(root: int, earlier: list[int], times: dict, origin: str, evidence: Evidence) -> Source:
    if not earlier:
        why = ["the earliest version" if times else "the first version: the shorter where versions are not dated"]
        if times:
            why.append(_time_note(times, origin, None, root))
        return Source(root, None, tuple(why))
    src = min(earlier, key=lambda p: (evidence.missing(p, root), -earlier.index(p)))
    why = []
    pair = evidence.relation(src, root)
    if pair is not None and pair.relation == Relation.VERSION:
        f = pair.figures
        why.append(f"another version of it: {f.rewritten:.0%} of the shared narrative rewritten, "
                   f"{max(f.new_top_a, f.new_top_b)} sentences of a new top")
    else:
        why.append("another version of it, reached through copies of both")
    if times:
        why.append(_time_note(times, origin, src, root))
    return Source(root, src, tuple(why), evidence.fidelity(src, root), update=True)


def _time_note(times: dict, origin: str, src: int | None, copy: int) -> str:
    where = "dated in the text" if origin == "text" else "file modification time"
    if src is None:
        return f"{times[copy]:%Y-%m-%d %H:%M} ({where})"
    return f"{times[copy]:%Y-%m-%d %H:%M}, not before its source's {times[src]:%Y-%m-%d %H:%M} ({where})"


def _tree(sources: dict[int, Source], root: int) -> list[Source]:
    """The sources depth first from the root: each member after the one it came from."""
    children: dict[int | None, list[int]] = {}
    for s in sources.values():
        children.setdefault(s.source, []).append(s.copy)
    out, stack = [], [root]
    while stack:
        m = stack.pop()
        out.append(sources[m])
        stack.extend(reversed(children.get(m, [])))
    return out



def lineage_tree(family) -> list[LineageNode]:
    """The family's lineage as the tree every view shows: each member after and one deeper than its source,
    with the version it carries and what it is to its source (the wire's update, a copy, a copy of a copy)."""
    version_of = {m: k for k, v in enumerate(family.versions, 1) for m in v.members}
    references = {v.reference for v in family.versions}
    depth: dict[int, int] = {}
    out = []
    for s in family.lineage:
        depth[s.copy] = 0 if s.source is None else depth.get(s.source, 0) + 1
        if s.source is None:
            link = Link.FIRST
        elif s.update:
            link = Link.UPDATE
        else:
            link = Link.COPY if s.source in references else Link.COPY_OF_COPY
        out.append(LineageNode(s, depth[s.copy], version_of.get(s.copy, 1), link))
    return out


def lineage_lines(family, articles: list[Article]) -> list[str]:
    """The family's tree as indented lines of text: each member under the one it came from."""
    out = []
    for node in lineage_tree(family):
        s, f = node.source, node.source.fidelity
        how = " (update)" if node.link is Link.UPDATE else ""
        kept = "" if f is None else (f": {f.verbatim:.0%} of its source word for word, changed {f.changed:.0%}"
                                     f" ({'a wire update' if s.update else f'{f.high_risk} high-risk'}), "
                                     f"dropped {f.dropped:.0%}, added {f.added:.0%}")
        out.append(f"{'  ' * node.depth}{'└ ' if node.depth else ''}{articles[s.copy].id}{how}{kept}")
    return out
