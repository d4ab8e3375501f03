"""Every record and enumeration the engine hands around: files, articles, rows, overlaps, pairs, families."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.core.align import PreparedSide
    from app.core.settings import Settings


class RowKind(StrEnum):
    """How a row of an alignment pairs its sentences. A StrEnum, so `row.kind == "same"` keeps working."""

    SAME = "same", "=", "shared"
    CHANGED = "changed", "≈", "changed"
    MOVED = "moved", "↕", "moved"
    ONLY_A = "only_a", "−", "only in A"
    ONLY_B = "only_b", "+", "only in B"

    def __new__(cls, value: str, mark: str, label: str):
        member = str.__new__(cls, value)
        member._value_ = value
        member.mark = mark
        member.label = label
        return member


class _Described(StrEnum):
    """A StrEnum whose members carry a label to show and a sentence that explains them."""

    def __new__(cls, value: str, label: str, description: str):
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        member.description = description
        return member


class Relation(_Described):
    """What two overlapping articles are to each other, decided from their narrative sentences."""

    COPY = "copy", "copy", "the same report in one version: most of the smaller article's narrative is shared"
    VERSION = "version", "version", "the same report in another version of the source: a rewrite, a new top, an update"
    PARTIAL = "partial", "partial", "shares a block of narrative, but most of each article is its own"
    QUOTES = "quotes", "quotes only", "shares only quoted speech, embedded posts, captions or stock lines"


class PairRole(_Described):
    """Where a pair sits in its family's lineage: what its differences are evidence of."""

    SOURCE = "source", "copy of its source", "one side was taken from the other: the differences are an outlet's edits"
    COPIES = "copies", "copies of one version", "both were taken from one version, neither from the other"
    UPDATE = "update", "wire update", "two versions of the report: the differences are the wire's own update"
    OTHER = "other", "related", "a partial or quotes pair, or outside any family"


class EditClass(StrEnum):
    """What a word edit is to an editor: a change of fact or meaning, a matter of house style, or other wording."""

    RISK = "risk"
    STYLE = "style"
    WORDING = "wording"


class EditReason(StrEnum):
    """Why a word edit is high-risk, style or plain wording (edits.py decides); each reason has one class."""

    NUMBER = "number", EditClass.RISK, "a number or date changed"
    NAME = "name", EditClass.RISK, "a person or place named differently"
    QUOTE = "quote", EditClass.RISK, "the words of a quotation changed"
    NEGATION = "negation", EditClass.RISK, "a negation added or removed"
    HEDGING = "hedging", EditClass.RISK, "hedging changed (accused of, allegedly)"
    ATTRIBUTION = "attribution", EditClass.RISK, "who says it, or how (said, claimed)"
    SPELLING = "spelling", EditClass.STYLE, "a spelling variant or contraction"
    PUNCTUATION = "punctuation", EditClass.STYLE, "punctuation"
    SPACING = "spacing", EditClass.STYLE, "spacing"
    TYPOGRAPHY = "typography", EditClass.STYLE, "quotation marks, apostrophes or dashes"
    ABBREVIATION = "abbreviation", EditClass.STYLE, "an abbreviation's style (US / U.S.)"
    NAME_FORM = "name_form", EditClass.STYLE, "a first name, initial or state added to a name kept"
    CREDIT = "credit", EditClass.STYLE, "a credit line, agency tag or masthead"
    DATELINE = "dateline", EditClass.STYLE, "the dateline"
    WORDING = "wording", EditClass.WORDING, "other wording"

    def __new__(cls, value: str, kind: EditClass, label: str):
        member = str.__new__(cls, value)
        member._value_ = value
        member.kind = kind
        member.label = label
        return member

    @property
    def high_risk(self) -> bool:
        return self.kind is EditClass.RISK

    @property
    def style(self) -> bool:
        return self.kind is EditClass.STYLE

# ---------------------------------------------------------------- what was read

@dataclass(frozen=True, slots=True)
class SourceFile:
    """A file found in what the user opened, with the id reports use for it."""

    id: str
    path: str


@dataclass(frozen=True, slots=True)
class Skipped:
    path: str
    reason: str


@dataclass(frozen=True, slots=True)
class Decoded:
    """A file's bytes as text, with the encoding and how sure that is."""

    text: str
    encoding: str
    confidence: float  # 1.0 for a BOM or valid UTF-8; a guess's measured certainty otherwise
    note: str = ""  # what a person should know about how it was read


@dataclass(slots=True)
class Flag:
    """A span of an article's text that does not belong to the article, and why."""

    start: int
    end: int
    kind: str
    reason: str

    def as_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "kind": self.kind, "reason": self.reason}


@dataclass(slots=True)
class Derived:
    """What the engine derives from an article once and reuses for every pair it is in (None: not yet)."""

    flagged: set[int] | None = None  # sentences mostly inside flagged text
    prepared: PreparedSide | None = None  # its sentences made ready for alignment (align.prepare)
    roles: list[str] | None = None  # each sentence's role for relations (relations.sentence_roles)
    published: tuple | None = None  # (time or None, the line giving it): dates.published
    sentence_words: list[int] | None = None  # words in each sentence


@dataclass(slots=True)
class Article:
    """One article as read and analysed. Every offset indexes `text`, in code points."""

    id: str
    path: str
    sha256: str
    encoding: str
    text: str
    title: str = ""  # the article's headline once analysed ("" where none is found: the file name stands in)
    language: str = "en"
    sentences: list[tuple[int, int]] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    headline: tuple[int, int] | None = None  # the article's own headline and deck (standfirst): spans of text,
    deck: tuple[int, int] | None = None  # never flags; they stay sentences and align like any other
    confidence: float = 1.0  # how sure the encoding is (1.0: a BOM or valid UTF-8)
    notes: list[str] = field(default_factory=list)  # what a person should know about how it was read
    derived: Derived = field(default_factory=Derived, repr=False, compare=False)  # forget() after edits

    def flagged_sentences(self) -> set[int]:
        """Sentences that lie mostly inside flagged text."""
        if self.derived.flagged is None:
            out = set()
            # flagged text as disjoint runs, then one sweep: sentences and runs both go left to right
            runs: list[list[int]] = []
            for fs, fe in sorted((f.start, f.end) for f in self.flags):
                if runs and fs <= runs[-1][1]:
                    runs[-1][1] = max(runs[-1][1], fe)
                else:
                    runs.append([fs, fe])
            k = 0
            for i, (s, e) in sorted(enumerate(self.sentences), key=lambda x: x[1]):
                while k < len(runs) and runs[k][1] <= s:
                    k += 1
                covered, j = 0, k
                while j < len(runs) and runs[j][0] < e:
                    covered += min(e, runs[j][1]) - max(s, runs[j][0])
                    j += 1
                if covered * 2 > e - s:
                    out.add(i)
            self.derived.flagged = out
        return self.derived.flagged

    def forget(self) -> None:
        """Drop derived data (after flags or sentences change)."""
        self.derived = Derived()

    def word_count(self) -> int:
        from app.core.text import WORD

        return len(WORD.findall(self.text))


# ---------------------------------------------------------------- how two articles compare

@dataclass(frozen=True, slots=True)
class Overlap:
    """How much two articles share: shingles in common and containment each way."""

    a: int
    b: int
    shared: int
    a_in_b: float
    b_in_a: float

    @property
    def score(self) -> float:
        return max(self.a_in_b, self.b_in_a)


@dataclass(frozen=True, slots=True)
class Edit:
    """One piece of a word-level diff. Spans index each article's text; None where a side has nothing."""

    op: str  # equal | delete | insert | typography
    a: tuple[int, int] | None
    b: tuple[int, int] | None
    reason: EditReason | None = None  # why the edit matters (or does not), on every edit but `equal`

    def __reduce__(self):  # pickles as a plain tuple: rows cross process boundaries by the hundred thousand
        return Edit, (self.op, self.a, self.b, self.reason)

    @property
    def risk(self) -> EditReason | None:
        """The reason, for an edit an editor must check (a change of fact or meaning); None otherwise."""
        return self.reason if self.reason is not None and self.reason.high_risk else None

    @property
    def style(self) -> bool:
        """A matter of house style only (spelling, punctuation, abbreviations, credits…): never high-risk."""
        return self.reason is not None and self.reason.style

    def as_dict(self) -> dict:
        d = {"op": self.op, "a": list(self.a) if self.a else None, "b": list(self.b) if self.b else None}
        if self.reason is not None:
            d["reason"] = str(self.reason)
            d["class"] = str(self.reason.kind)
            if self.reason.high_risk:
                d["risk"] = str(self.reason)
        return d


@dataclass(slots=True)
class Row:
    """One row of an alignment: the sentences of each side it pairs, and how."""

    kind: RowKind
    a: list[int]
    b: list[int]
    similarity: float = 1.0
    severity: str = "low"
    typography: bool = False  # same, but for quotes, dashes or spaces
    edits: list[Edit] = field(default_factory=list)

    def __reduce__(self):
        return Row, (self.kind, self.a, self.b, self.similarity, self.severity, self.typography, self.edits)

    def as_dict(self) -> dict:
        d = {"kind": self.kind, "a": self.a, "b": self.b, "severity": self.severity,
             "similarity": round(self.similarity, 4), "edits": [e.as_dict() for e in self.edits]}
        if self.typography:
            d["typography"] = True
        return d

    @property
    def style_only(self) -> bool:
        """A changed or moved row whose words differ only in house style (none high-risk, no other wording);
        a `same` row that differs in typography is `typography` instead."""
        if self.kind not in (RowKind.CHANGED, RowKind.MOVED) or self.typography:
            return False
        changes = [e for e in self.edits if e.op in ("delete", "insert")]
        return bool(changes) and all(e.style for e in changes)

    def mirrored(self) -> Row:
        kind = {RowKind.ONLY_A: RowKind.ONLY_B, RowKind.ONLY_B: RowKind.ONLY_A}.get(self.kind, self.kind)
        edits = [Edit({"delete": "insert", "insert": "delete"}.get(e.op, e.op), e.b, e.a, e.reason)
                 for e in self.edits]
        return Row(kind, self.b, self.a, self.similarity, self.severity, self.typography, edits)


@dataclass(frozen=True, slots=True)
class Fidelity:
    """How much of A survives in B: shares of each side's body characters (flagged sentences left out).

    `verbatim`, `changed`, `moved`, `dropped` are shares of A, `added` a share of B; the `_b` figures are
    the same rows seen from B, kept so that `mirrored()` is exact rather than recomputed.
    """

    verbatim: float
    changed: float
    moved: float
    dropped: float
    added: float
    high_risk: int  # rows with a change of fact or meaning (edits.py), in the text the pair shares
    typography_only: int
    flagged_a: int
    flagged_b: int
    verbatim_b: float = 0.0
    changed_b: float = 0.0
    moved_b: float = 0.0
    chars_a: int = 0
    chars_b: int = 0
    style: int = 0  # changed rows whose words differ only in house style (never high-risk), counted apart

    @property
    def likely_source(self) -> str | None:
        margin = 0.05 * max(self.chars_a, self.chars_b, 1)
        dropped, added = self.dropped * self.chars_a, self.added * self.chars_b
        if dropped - added > margin:
            return "a"
        if added - dropped > margin:
            return "b"
        return None

    @property
    def source_reason(self) -> str:
        return {
            "a": "A holds text that B lacks, and B adds little: B looks trimmed from A",
            "b": "B holds text that A lacks, and A adds little: A looks trimmed from B",
        }.get(self.likely_source, "Neither copy holds clearly more of the story")

    @property
    def summary(self) -> str:
        return self.describe()

    def describe(self, update: bool = False) -> str:
        """The figures in a sentence; with `update` (two versions of one report) the changes are the wire's update,
        and none of them is counted as high-risk."""
        pct = lambda x: f"{round(x * 100)}%"  # noqa: E731
        parts = [f"B keeps {pct(self.verbatim)} of A word for word"]
        if self.changed:
            risk = " (the wire's update)" if update else f", {self.high_risk} high-risk" if self.high_risk else ""
            parts.append(f"changes {pct(self.changed)}{risk}")
        if self.moved:
            parts.append(f"moves {pct(self.moved)}")
        parts.append(f"drops {pct(self.dropped)}")
        text = ", ".join(parts) + f", and adds {pct(self.added)} of its own."
        if self.typography_only:
            text += f" {self.typography_only} sentences differ only in typography."
        if self.style:
            text += f" {self.style} changed sentences differ only in style."
        return text

    @property
    def kept(self) -> float:
        """Share of A that B keeps in any form (word for word, changed or moved)."""
        return round(self.verbatim + self.changed + self.moved, 4)

    def mirrored(self) -> Fidelity:
        """The same figures with A and B swapped."""
        return Fidelity(self.verbatim_b, self.changed_b, self.moved_b, self.added, self.dropped, self.high_risk,
                        self.typography_only, self.flagged_b, self.flagged_a, self.verbatim, self.changed,
                        self.moved, self.chars_b, self.chars_a, self.style)

    def as_dict(self) -> dict:
        d = asdict(self)
        d.update(likely_source=self.likely_source, source_reason=self.source_reason)
        return d


@dataclass(frozen=True, slots=True)
class RelationFigures:
    """What a pair's relation rests on, both ways, over narrative sentences (see relations.py)."""

    shared_sentences: int  # narrative sentences shared at high similarity (the smaller count of the two sides)
    narrative_a_in_b: float  # share of A's narrative words in shared sentences
    narrative_b_in_a: float
    longest_run: int  # longest run of consecutive shared narrative sentences, in reading order
    narrative_a: int = 0  # narrative words of each side
    narrative_b: int = 0
    shared_other: int = 0  # shared sentences that are not narrative (quotes, posts, captions)
    aligned_sentences: int = 0  # narrative sentences aligned in order at any similarity the aligner accepts
    aligned_a_in_b: float = 0.0  # share of A's narrative words in those aligned sentences
    aligned_b_in_a: float = 0.0
    rewritten: float = 0.0  # share of the aligned narrative words (both sides) in rewritten, not near-verbatim, rows
    new_top_a: int = 0  # sentences of A's own telling or speech before the first aligned one (a new top)
    new_top_b: int = 0

    def mirrored(self) -> RelationFigures:
        return RelationFigures(self.shared_sentences, self.narrative_b_in_a, self.narrative_a_in_b,
                               self.longest_run, self.narrative_b, self.narrative_a, self.shared_other,
                               self.aligned_sentences, self.aligned_b_in_a, self.aligned_a_in_b, self.rewritten,
                               self.new_top_b, self.new_top_a)

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Version:
    """Copies of one version of a report (joined by `copy` pairs), the version's own reference first."""

    members: tuple[int, ...]
    reference: int


@dataclass(frozen=True, slots=True)
class Source:
    """Where one member of a family most likely came from (None: the first version, the family's root)."""

    copy: int
    source: int | None
    evidence: tuple[str, ...]
    fidelity: Fidelity | None = None  # the copy against its source: what the outlet (or the wire's update) changed
    update: bool = False  # the link is between versions (the wire's update), not an outlet's copy


class Link(_Described):
    """What a member of a family is to the member it came from: one node of the lineage tree."""

    FIRST = "first", "first version", "the earliest version of the report in the folder: the tree's root"
    UPDATE = "update", "wire update", "a later version of the report: the wire's own update of its parent"
    COPY = "copy", "copy", "an outlet's copy of its parent, a version of the report"
    COPY_OF_COPY = "copy_of_copy", "copy of a copy", "an outlet's copy of another outlet's copy"


@dataclass(frozen=True, slots=True)
class LineageNode:
    """One member of a family as the lineage tree shows it: under its source, with what it is to it."""

    source: Source
    depth: int  # 0 for the first version; each copy one deeper than the member it came from
    version: int  # which version of the report it carries, 1 for the earliest
    link: Link

    @property
    def copy(self) -> int:
        return self.source.copy


@dataclass
class PairResult:
    a: int
    b: int
    overlap: Overlap
    rows: list[Row]
    fidelity: Fidelity
    relation: Relation = Relation.COPY
    figures: RelationFigures = field(default_factory=lambda: RelationFigures(0, 0.0, 0.0, 0))
    role: PairRole = PairRole.OTHER  # set once families and their lineage are known

    @property
    def score(self) -> float:
        return self.overlap.score

    @property
    def is_update(self) -> bool:
        """Two versions of one report: every difference is the wire's own update, none an outlet's edit."""
        return self.role == PairRole.UPDATE or self.relation == Relation.VERSION

    @property
    def outlet_high_risk(self) -> int:
        """High-risk edits an outlet made: a version pair's differences are the wire's update, never counted."""
        return 0 if self.is_update else self.fidelity.high_risk


@dataclass(frozen=True)
class Family:
    """A story family: copies and versions of one report, with the likeliest source as reference."""

    id: int
    members: tuple[int, ...]  # article indices, the reference first
    title: str
    reference: int
    reference_reason: str
    member_fidelity: tuple[tuple[int, Fidelity], ...] = ()  # each other member against the reference, ranked
    links: tuple[tuple[int, Relation], ...] = ()  # other families it borrows from or quotes with
    versions: tuple[Version, ...] = ()  # earliest first where the input dates them
    lineage: tuple[Source, ...] = ()  # one per member, a tree: roots (source None) first, then depth first

    def source_of(self, index: int) -> Source | None:
        return next((s for s in self.lineage if s.copy == index), None)

    def __contains__(self, index: int) -> bool:
        return index in self.members

    def __len__(self) -> int:
        return len(self.members)

    def __iter__(self):
        return iter(self.members)


@dataclass
class ScanResult:
    settings: Settings
    articles: list[Article] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    pairs: list[PairResult] = field(default_factory=list)
    families: list[Family] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    pair_only: bool = False  # a pair's own report (with_pair): reports show that pair, not the scan around it

    def settings_dict(self) -> dict:
        d = asdict(self.settings)
        d.pop("workers")
        return d

    def family_of(self, index: int) -> Family | None:
        return next((f for f in self.families if index in f.members), None)

    def with_pair(self, pair: PairResult) -> ScanResult:
        """This scan around one pair: a pair's own report, or a pair the scan did not list shown in the window.
        Only the families holding both its sides come along."""
        families = [f for f in self.families if pair.a in f.members and pair.b in f.members]
        return ScanResult(self.settings, self.articles, [], [pair], families, pair_only=True)


@dataclass
class Progress:
    stage: str  # read | index | align | done
    done: int
    total: int
    message: str = ""
    partial: ScanResult | None = None  # set once a stage has results to show: documents, then pairs



# ---------------------------------------------------------------- what a watched folder reports as files land

@dataclass(frozen=True, slots=True)
class ArticleAdded:
    """A file read and analysed: a new article (version 1) or a new version of one already shown."""

    id: str
    path: str
    title: str
    version: int = 1


@dataclass(frozen=True, slots=True)
class ArticleRemoved:
    id: str
    path: str


@dataclass(frozen=True, slots=True)
class PairFound:
    """A pair now reported (new, or its relation or figures changed with a new version of either side)."""

    a: str
    b: str
    relation: Relation
    score: float
    kept: float
    high_risk: int


@dataclass(frozen=True, slots=True)
class PairLost:
    """A pair no longer reported: a side was removed or changed so that they no longer overlap."""

    a: str
    b: str


@dataclass(frozen=True, slots=True)
class FamilyChanged:
    """A story family that gained or lost copies (or its reference), as it is now; `members` empty: gone."""

    family: int  # the family's number in the list now (0 when gone)
    title: str
    reference: str
    members: tuple[str, ...]
    joined: tuple[str, ...] = ()
    left: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Watching:
    """The watch is in place: the folder as scanned when it started."""

    folder: str
    articles: int
    pairs: int
    families: int
    polling: bool = False


@dataclass(frozen=True, slots=True)
class RowChanges:
    """A list of records gone from one result to the next row by row, so a window updates it in place."""

    records: list[int]  # the new list, in its order
    gone: tuple[int, ...]  # rows of the old list that go, last first
    come: tuple[int, ...]  # rows of the new list that come, first first; the others are the rows kept, renumbered


@dataclass(frozen=True, slots=True)
class LiveView:
    """A watched folder's new state with what the window needs to show it in place, worked out off its thread."""

    result: ScanResult
    base: ScanResult  # the state the changes start from
    pairs: RowChanges  # the pairs list, in triage order
    documents: RowChanges
    families: tuple[int, ...]  # each family's number in `base` when it is shown as it was there, else 0
    pair_at: dict[tuple[str, str], int]  # pair (ids) -> its index
    doc_at: dict[str, int]  # article id -> its index
    outlet_risky: int  # pairs with an outlet's high-risk edits, for the status line
