"""One meaning for every figure of a pair (kept, changed, dropped, added, identical, needs an editor) and the triage
order: an outlet's copy against its own source first, ranked by what the outlet changed."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import IntEnum

from app.core.records import Fidelity, PairResult, PairRole, Relation, ScanResult
from app.core.styling import MARKS, Role

#: Relations whose differences are an outlet's edits, so get a fidelity verdict. Two versions differ by the
#: wire's own update; looser ones (a borrowed block, shared quotes) are different reports: their figures say
#: how much they share, not how faithfully.
VERDICT = frozenset({Relation.COPY})
#: A copy against its source shows what one outlet changed; two copies of one version show two outlets' edits
#: at once; two versions show the wire's own update; partial and quotes pairs are different reports.
ROLE_ORDER = {PairRole.SOURCE: 0, PairRole.COPIES: 1, PairRole.UPDATE: 2, PairRole.OTHER: 3}
#: What the high-risk column says of two versions: the wire's update, in its own mark and word, not a count.
UPDATE_CELL = f"{MARKS[Role.UPDATE]} update"
RELATION_ORDER = {Relation.COPY: 0, Relation.VERSION: 1, Relation.PARTIAL: 2, Relation.QUOTES: 3}


class Tier(IntEnum):
    """Where a pair stands in triage, most urgent first."""

    NEEDS_EDITOR = 0  # a copy with at least one change of fact or meaning an outlet made
    EDITED = 1  # a copy that differs, with no high-risk change (wording, style, order, trims, additions)
    UPDATE = 2  # two versions of the report: the wire's own update, no outlet's edit
    PARTIAL = 3  # borrows a block: a different report
    QUOTES = 4  # shares only quotes, posts, captions: a different report
    IDENTICAL = 5  # nothing to check

    @property
    def label(self) -> str:
        return _TIER_LABELS[self]


_TIER_LABELS = {Tier.NEEDS_EDITOR: "need an editor", Tier.EDITED: "edited (nothing high-risk)", Tier.UPDATE: "versions (the wire's update)",
                Tier.PARTIAL: "share a block (different reports)", Tier.QUOTES: "share only quotes (different reports)",
                Tier.IDENTICAL: "identical (nothing to check)"}


@dataclass(frozen=True, slots=True)
class Column:
    """A figure as lists and reports head it: a short name, its unit, and what it means."""

    name: str
    unit: str
    tip: str

    def header(self, a: str = "A", b: str = "B", sep: str = " ") -> str:
        """Name and unit; `sep="\n"` stacks them, for a narrow list column."""
        return f"{self.name}{sep}({self.unit.format(a=a, b=b)})" if self.unit else self.name

    def tooltip(self, a: str = "A", b: str = "B") -> str:
        return self.tip.format(a=a, b=b)


KEPT = Column("Kept", "% of {a}", "Kept: share of {a}'s text that {b} keeps word for word, in place or moved "
              "(flagged text left out)")
CHANGED = Column("Changed", "% of {a}", "Changed: share of {a}'s text that {b} keeps reworded")
DROPPED = Column("Dropped", "% of {a}", "Dropped: share of {a}'s text that {b} leaves out")
ADDED = Column("Added", "% of {b}", "Added: share of {b}'s text that is not in {a}")
HIGH_RISK = Column("High-risk", "edits", "High-risk: changed sentences with a change of fact or meaning (a number, "
                   "name, quotation, negation, hedging or attribution), in text both tell as one report; style "
                   "edits (spelling, punctuation, abbreviations, credits) are counted apart")
#: The figure columns, in the order every list and report shows them (kept + changed + dropped = 100% of A).
COLUMNS = (KEPT, CHANGED, DROPPED, ADDED, HIGH_RISK)


@dataclass(frozen=True, slots=True)
class Figures:
    """What an editor reads about a pair, computed once here. Kept, changed and dropped partition A's
    (unflagged) text; added is a share of B. Moved text is kept, and makes a pair not identical."""

    kept: float
    moved: float  # of kept: word for word, but at another place
    changed: float
    dropped: float
    added: float
    high_risk: int
    style: int  # changed sentences that differ only in house style
    verdict: bool  # the relation is a reprint's (copy, version): its differences are edits to check
    tier: Tier

    @classmethod
    def of(cls, fidelity: Fidelity, relation: Relation = Relation.COPY, update: bool = False) -> Figures:
        """The figures of one side against the other; `update`: the two are versions (the lineage says so),
        whose differences are the wire's own, never an outlet's high-risk edits."""
        f = fidelity
        kept = round(f.verbatim + f.moved, 4)
        update = update or relation is Relation.VERSION
        verdict = relation in VERDICT and not update
        identical = not (f.changed or f.moved or f.dropped or f.added or f.high_risk)
        if identical:
            tier = Tier.IDENTICAL
        elif update:
            tier = Tier.UPDATE
        elif not verdict:
            tier = Tier.QUOTES if relation is Relation.QUOTES else Tier.PARTIAL
        else:
            tier = Tier.NEEDS_EDITOR if f.high_risk else Tier.EDITED
        high_risk = 0 if update else f.high_risk
        return cls(kept, f.moved, f.changed, f.dropped, f.added, high_risk, f.style, verdict, tier)

    @property
    def identical(self) -> bool:
        return self.tier is Tier.IDENTICAL

    @property
    def needs_editor(self) -> bool:
        return self.tier is Tier.NEEDS_EDITOR

    @property
    def differs(self) -> float:
        """How much differs at all, for ranking: A's text changed, moved or dropped plus B's added."""
        return self.changed + self.moved + self.dropped + self.added

    def summary(self, a: str = "A", b: str = "B") -> str:
        """The figures in one sentence, each with its unit."""
        kept = f"{b} keeps {pct(self.kept)} of {a}'s text word for word"
        if self.moved:
            kept += f" ({pct(self.moved)} moved)"
        parts = [kept]
        if self.changed:
            parts.append(f"changes {pct(self.changed)}")
        parts.append(f"drops {pct(self.dropped)}")
        text = ", ".join(parts) + f"; {pct(self.added)} of {b}'s text is its own."
        risk = f"{self.high_risk} high-risk edit{'s' if self.high_risk != 1 else ''}"
        style = f", {self.style} style only" if self.style else ""
        if self.verdict:
            return f"{text} {risk}{style}."
        if self.tier is Tier.UPDATE:
            return f"{text} Two versions of the report: the differences are the wire's update, not an outlet's edits."
        if self.tier is Tier.PARTIAL:
            return f"{text} A different report sharing a block: {risk}{style} in that block, no verdict on the rest."
        return f"{text} A different report: no fidelity verdict on text they do not share."

    def cells(self) -> tuple[str, str, str, str, str]:
        """The columns' texts, as every list and report prints them."""
        risk = UPDATE_CELL if self.tier is Tier.UPDATE else str(self.high_risk)
        return pct(self.kept), pct(self.changed), pct(self.dropped), pct(self.added), risk

    def as_dict(self) -> dict:
        d = asdict(self)
        d.update(tier=self.tier.name.lower(), identical=self.identical, needs_editor=self.needs_editor,
                 summary=self.summary())
        return d


def pct(x: float) -> str:
    return f"{round(x * 100)}%"


def figures(pair: PairResult, fidelity: Fidelity | None = None) -> Figures:
    """The pair's figures; `fidelity`: the same pair seen from the other side (mirrored), as a view shows it."""
    return Figures.of(fidelity or pair.fidelity, pair.relation, getattr(pair, "is_update", False))


def need(pair: PairResult) -> tuple:
    """Sort key, the pair that most needs an editor first: copies against their source before other copies,
    versions and looser relations; the most high-risk edits an outlet made, then the most changed; identical
    copies last. Pairs whose roles are not known yet (families not built) rank by relation alone."""
    f = figures(pair)
    return (f.identical, ROLE_ORDER.get(getattr(pair, "role", PairRole.OTHER), 3), RELATION_ORDER.get(pair.relation, 4),
            -f.high_risk, -f.differs, -pair.score)


def order(result: ScanResult) -> list[int]:
    """Pair indices in the order an editor should check them (ties keep the list's order)."""
    return sorted(range(len(result.pairs)), key=lambda n: need(result.pairs[n]))
