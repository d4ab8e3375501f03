"""How an aligned pair looks: one side's rows, word edits and flags as styled runs, and the shared palette.

The window's pair view, the HTML report and the PDF all draw from here, so they agree on colours, marks,
wording and on the one rule for overlaps:

    Layers never replace each other. A run carries its word edit (deleted / inserted / typography, with
    its risk) *and* the flag that covers it, if any; the view draws the flag as grey italic text and the
    edit as a background with strike-through or underline, so a changed word inside flagged text is
    still seen as changed.

A *block* is one row on one side: its background role is the row's kind, except that a side whose
sentences are all flagged is drawn as `flagged` (neutral grey, hatched, ⚑), never as rose or green, and a
side with no sentence is a hatched `filler`. In a pair of two versions of one report every difference is the wire's
own `update` (orchid, ↻ before the row's mark), never an outlet's edit: no word of it is drawn as high-risk.

    runs = side_runs(article.text, article.sentences, article.flags, row, "a")
    for run in runs: draw article.text[run.start:run.end] with run.roles and run.tip

Qt-free: the GUI turns roles into QTextCharFormats, the HTML report into CSS classes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from itertools import pairwise

from app.core.records import RowKind


class Role(StrEnum):
    """What a block (row side) or a run of text is. The value is the CSS class and the palette key."""

    # block roles: the background of one row on one side
    SHARED = "shared"
    CHANGED = "changed"
    MOVED = "moved"
    ONLY_A = "only_a"
    ONLY_B = "only_b"
    FLAGGED = "flagged"
    FILLER = "filler"
    UPDATE = "update"  # a row that differs between two versions: the wire's own update, not an outlet's edit
    # run roles: layered on the words
    DELETED = "deleted"
    INSERTED = "inserted"
    TYPOGRAPHY = "typography"
    HIGH_RISK = "high_risk"
    STYLE = "style"  # a deleted or inserted word that is house style only: drawn quieter, never high-risk
    FLAGGED_TEXT = "flagged_text"


_BLOCK_OF_KIND = {RowKind.SAME: Role.SHARED, RowKind.CHANGED: Role.CHANGED, RowKind.MOVED: Role.MOVED,
                  RowKind.ONLY_A: Role.ONLY_A, RowKind.ONLY_B: Role.ONLY_B}

#: The row marks and labels (from the engine's RowKind), as in the gutter, the legend and the reports.
MARKS = {**{_BLOCK_OF_KIND[k]: k.mark for k in RowKind}, Role.FLAGGED: "⚑", Role.HIGH_RISK: "!", Role.STYLE: "~",
         Role.UPDATE: "↻"}
LABELS = {**{_BLOCK_OF_KIND[k]: k.label for k in RowKind},
          Role.FLAGGED: "flagged: not part of the article", Role.FILLER: "nothing opposite",
          Role.DELETED: "removed in B", Role.INSERTED: "added in B",
          Role.TYPOGRAPHY: "typography only: quotes, dashes, spaces or case", Role.HIGH_RISK: "high risk",
          Role.STYLE: "style only (dotted): spelling, punctuation, abbreviations, credits",
          Role.UPDATE: "wire update: changed between versions, not by an outlet"}

#: Legend entries, in the order every view shows them.
LEGEND = (Role.SHARED, Role.CHANGED, Role.MOVED, Role.ONLY_A, Role.ONLY_B, Role.FLAGGED,
          Role.DELETED, Role.INSERTED, Role.HIGH_RISK, Role.STYLE, Role.UPDATE)


def legend(update: bool | None = None) -> tuple[Role, ...]:
    """The legend of one pair: a pair of two versions shows the wire's update where a copy shows high risk (it
    has no high-risk edit to show, and a copy has no update); None: every role, for a page of many pairs."""
    if update is None:
        return LEGEND
    drop = Role.HIGH_RISK if update else Role.UPDATE
    return tuple(r for r in LEGEND if r is not drop)

#: Colours by role (and `text`, `current`). "Only in A" rose, "only in B" green, changed amber, moved blue,
#: flagged neutral grey (drawn hatched), style edits a quiet stone grey with a dotted line, the wire's update
#: orchid (a hue no outlet's edit has): never the only signal, every role also has a mark or a text style.
PALETTES: dict[str, dict[str, str]] = {
    "light": {"shared": "#f1f1f1", "changed": "#ffeeb8", "moved": "#dbe3ff", "only_a": "#ffd6d6",
              "only_b": "#d2f4d9", "flagged": "#e4e4e4", "filler": "#e2e2e2", "deleted": "#ff9f9f",
              "inserted": "#8fe3a0", "typography": "#7a7a7a", "high_risk": "#d00000", "flagged_text": "#5a5a5a",
              "style": "#e6e1d6", "update": "#ecd5f5", "text": "#1d1d1f", "current": "#3d7eff"},
    "dark": {"shared": "#2b2b2b", "changed": "#574a1c", "moved": "#2b3766", "only_a": "#5c2a2a",
             "only_b": "#24502d", "flagged": "#3f3f3f", "filler": "#3a3a3a", "deleted": "#a03c3c",
             "inserted": "#2f8a45", "typography": "#a0a0a0", "high_risk": "#ff5a5a", "flagged_text": "#b8b8b8",
             "style": "#4a4740", "update": "#4b3159", "text": "#e8e8e8", "current": "#6f9dff"},
}


def colour(role: str, dark: bool = False) -> str:
    """The `#rrggbb` colour of a role (or `text`, `current`) in the light or dark palette."""
    return PALETTES["dark" if dark else "light"][str(role)]


def row_role(kind: RowKind) -> Role:
    """The block role of a row kind."""
    return _BLOCK_OF_KIND[kind]


def block_role(kind: RowKind, sentences: Sequence[int], flagged: set[int] | frozenset[int],
               update: bool = False) -> Role:
    """The background of one row on one side: filler, flagged (every sentence flagged), the wire's update (a
    difference between two versions) or the row's kind."""
    if not sentences:
        return Role.FILLER
    if all(i in flagged for i in sentences):
        return Role.FLAGGED
    return Role.UPDATE if update and kind != RowKind.SAME else row_role(kind)


def row_mark(kind: RowKind, high_risk: bool = False, update: bool = False) -> str:
    """The gutter mark of a row: = ≈ ↕ − +, with ! when it holds a high-risk edit; ↻ before it when the row is
    a difference between two versions (the wire's update, which is never high-risk)."""
    if update and kind != RowKind.SAME:
        return MARKS[Role.UPDATE] + MARKS[row_role(kind)]
    return MARKS[row_role(kind)] + (MARKS[Role.HIGH_RISK] if high_risk else "")


@dataclass(frozen=True, slots=True)
class Run:
    """A stretch of one side's text, `text[start:end]`, with every layer that covers it."""

    start: int
    end: int
    edit: Role | None = None  # DELETED, INSERTED or TYPOGRAPHY
    risk: str | None = None  # the reason of a high-risk edit (number, name, quote, negation, hedging, attribution)
    style: str | None = None  # the reason of a style-only edit (spelling, punctuation, abbreviation, credit…)
    flag_kind: str | None = None  # the flag covering this text, if any
    flag_reason: str | None = None
    update: bool = False  # the edit is the wire's update between two versions (never high-risk)

    @property
    def roles(self) -> tuple[Role, ...]:
        out: list[Role] = []
        if self.edit:
            out.append(self.edit)
        if self.risk:
            out.append(Role.HIGH_RISK)
        if self.style:
            out.append(Role.STYLE)
        if self.flag_kind:
            out.append(Role.FLAGGED_TEXT)
        return tuple(out)

    @property
    def tip(self) -> str:
        """What hovering the text says: the flag's reason and the edit, one line each."""
        lines = []
        if self.flag_kind:
            lines.append(f"{MARKS[Role.FLAGGED]} Flagged as {self.flag_kind}: {self.flag_reason}")
        if self.edit:
            label = LABELS[self.edit]
            if self.update and self.edit is not Role.TYPOGRAPHY:
                label = f"the wire's update between versions: {label}"
            elif self.risk:
                label = f"high risk ({self.risk} changed): {label}"
            elif self.style:
                label = f"style only ({self.style}): {label}"
            lines.append(label)
        return "\n".join(lines)


def side_runs(text: str, sentences: Sequence[tuple[int, int]], flags: Iterable, row, side: str,
              update: bool = False) -> list[Run]:
    """The runs of one row on one side (`"a"` or `"b"`), covering its sentences' span without gaps.

    `row` has `a`, `b` (sentence indices) and `edits` (`op`, `a`, `b`, `risk`, `style`); `flags` have `start`, `end`,
    `kind`, `reason`. Where two flags overlap, the one that starts first names the run. With `update` (a pair of
    two versions) no edit is high-risk: the wire rewrote its own story.
    """
    idx = row.a if side == "a" else row.b
    if not idx:
        return []
    start, end = sentences[idx[0]][0], sentences[idx[-1]][1]
    edits = []
    for e in row.edits:
        span = e.a if side == "a" else e.b
        if span is None or e.op == "equal" or span[1] <= start or span[0] >= end:
            continue
        role = Role.TYPOGRAPHY if e.op == "typography" else (Role.DELETED if e.op == "delete" else Role.INSERTED)
        typography = role is Role.TYPOGRAPHY  # already its own quiet look
        edits.append((max(span[0], start), min(span[1], end), role, None if typography or update else e.risk,
                       str(e.reason) if e.style and not typography else None))
    covering = sorted(((max(f.start, start), min(f.end, end), f.kind, f.reason) for f in flags
                       if f.start < end and f.end > start), key=lambda f: (f[0], -f[1]))
    cuts = {start, end}
    for s, e, *_ in edits:
        cuts.update((s, e))
    for s, e, *_ in covering:
        cuts.update((s, e))
    points = sorted(cuts)
    edits.sort()
    runs: list[Run] = []
    k = 0  # edits of one side never overlap: one pointer walks them with the cuts
    for s, e in pairwise(points):
        while k < len(edits) and edits[k][1] <= s:
            k += 1
        edit = edits[k] if k < len(edits) and edits[k][0] <= s else None
        flag = next((f for f in covering if f[0] <= s and e <= f[1]), None)
        run = Run(s, e, edit[2] if edit else None, edit[3] if edit else None, edit[4] if edit else None,
                  flag[2] if flag else None, flag[3] if flag else None, update)
        if runs and _same_layers(runs[-1], run):
            runs[-1] = Run(runs[-1].start, e, run.edit, run.risk, run.style, run.flag_kind, run.flag_reason, update)
        else:
            runs.append(run)
    return runs


def _same_layers(x: Run, y: Run) -> bool:
    return (x.edit, x.risk, x.style, x.flag_kind, x.flag_reason) == (y.edit, y.risk, y.style, y.flag_kind, y.flag_reason)
