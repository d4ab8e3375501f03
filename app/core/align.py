"""How two articles align, sentence by sentence, and what changed word by word inside each pair.

Every sentence of each side lands in exactly one row, in reading order:
`same` (equal after normalising typography), `changed` (a near match, with word-level edits),
`moved` (the same or a near sentence at another place), `only_a`, `only_b`.
A sentence split or merged in one copy aligns as one row with all its parts.
"""

from __future__ import annotations

import zlib
from collections import defaultdict
from itertools import accumulate, pairwise

from diff_match_patch import diff_match_patch
from rapidfuzz.distance import Indel

from app.core.edits import classify_edits
from app.core.records import Edit, EditReason, Row, RowKind
from app.core.sentences import dateline_length
from app.core.text import DIFF_TOKEN, FUNCTION_WORDS, WORD, normalize_typography

#: Two sentences at least this similar (Indel similarity of their words) can be the same sentence.
MATCH_SIMILARITY = 0.5
#: A sentence found elsewhere in the other copy must be at least this similar to count as moved.
MOVED_SIMILARITY = 0.6
#: Caps that keep alignment near-linear on pathological inputs (far above what articles reach):
#: a sentence is compared word by word with at most MAX_CANDIDATES others (those sharing most words);
#: a word in more than MAX_POSTING sentences of B does not propose candidates; an exact sentence repeated
#: on both sides pairs each occurrence with the 2 * EXACT_WINDOW + 1 occurrences around its relative rank.
MAX_CANDIDATES = 24
MAX_POSTING = 200
EXACT_WINDOW = 4
#: A content word in more sentences of B than max(POSTING_FLOOR, len(B) // POSTING_SHARE) (and MAX_POSTING)
#: proposes no candidates: it says nothing about which sentence is which.
POSTING_FLOOR = 25
POSTING_SHARE = 20
#: A candidate shares at least 1/SMALLER_PART of the smaller and 1/LARGER_PART of the larger sentence's
#: content words (integer comparisons, so that no rounding moves a candidate in or out).
SMALLER_PART = 3
LARGER_PART = 4
#: Chain weights: the body's similarity in thousandths decides, the whole sentence's (< 1000) breaks ties;
#: a sentence flagged as not belonging matched with a body sentence weighs 1/FLAGGED_PARTNER_DIVISOR.
SIMILARITY_SCALE = 1000
FLAGGED_PARTNER_DIVISOR = 2
#: A split or merged neighbour joins a matched row only if it raises the row's similarity by more than this.
SPLIT_GAIN = 0.05
#: Word diffs above this many tokens a side are shown as a whole replacement (Meld's inline limit).
INLINE_LIMIT = 4000



class PreparedSide:
    """One article's sentences prepared for matching."""

    def __init__(self, text: str, sentences: list[tuple[int, int]], flagged: set[int] | frozenset = frozenset()):
        self.text = text
        self.spans = sentences
        self.flagged = flagged
        self.norm: list[str] = []
        self.words: list[list[str]] = []
        self.exact = []
        self.full_words = []
        for s, e in sentences:
            exact = normalize_typography(text[s:e])
            cut = dateline_length(exact)
            norm = exact[cut:] if cut else exact
            self.exact.append(exact)
            self.norm.append(norm)
            full = WORD.findall(exact.lower())
            self.full_words.append(full)
            self.words.append(full if norm is exact else WORD.findall(norm.lower()))
        self.content_size = [len({w for w in ws if w not in FUNCTION_WORDS}) for ws in self.words]

    def joined(self, idx: list[int]) -> list[str]:
        if len(idx) == 1:
            return self.words[idx[0]]  # only read: no copy
        return [w for i in idx for w in self.words[i]]


def _similarity(x: list[str], y: list[str]) -> float:
    if not x and not y:
        return 1.0
    return Indel.normalized_similarity(x, y)


def _exact_partners(rank: int, n_a: int, group: list[int], window: int) -> list[int]:
    """The occurrences in B an occurrence in A of a repeated sentence may pair with.

    A sentence in a few copies on each side pairs with every one (the chain picks); a sentence repeated
    many times (a line of a log, a chorus) pairs its k-th occurrence only with the B occurrences around
    the same relative rank, so two files of one repeated line cost linear time, not all pairs.
    """
    if len(group) <= window * 2 + 1 and n_a <= window * 2 + 1:
        return group
    centre = rank * len(group) // max(1, n_a)
    return group[max(0, centre - window) : centre + window + 1]


def _candidates(a: PreparedSide, b: PreparedSide) -> dict[tuple[int, int], float]:
    """Sentence pairs that can be the same sentence, with their similarity.

    Sentences equal after normalisation pair directly; only the others are compared word by word, and only
    through words rare enough in B to tell sentences apart, and only with the best few candidates by shared
    words: every sentence costs a bounded amount, so huge inputs stay near-linear.
    """
    by_norm: dict[str, list[int]] = defaultdict(list)
    for j, norm in enumerate(b.norm):
        by_norm[norm].append(j)
    in_a: dict[str, int] = defaultdict(int)
    for norm in a.norm:
        in_a[norm] += 1
    seen_in_a: dict[str, int] = defaultdict(int)
    out: dict[tuple[int, int], float] = {}
    exact_a, exact_b = set(), set()
    for i, norm in enumerate(a.norm):
        group = by_norm.get(norm)
        if not group:
            continue
        rank = seen_in_a[norm]
        seen_in_a[norm] += 1
        if rank == 0:
            exact_b.update(group)
        for j in _exact_partners(rank, in_a[norm], group, EXACT_WINDOW):
            out[(i, j)] = 1.0
        exact_a.add(i)
    postings: dict[str, list[int]] = defaultdict(list)
    for j, ws in enumerate(b.words):
        if j not in exact_b:
            for w in set(ws):
                if w not in FUNCTION_WORDS:
                    postings[w].append(j)
    cap = min(max(POSTING_FLOOR, len(b.words) // POSTING_SHARE), MAX_POSTING)
    for i, ws in enumerate(a.words):
        if i in exact_a:
            continue
        counts: dict[int, int] = defaultdict(int)
        content = {w for w in ws if w not in FUNCTION_WORDS}
        for w in content:
            posting = postings.get(w, ())
            if len(posting) <= cap:
                for j in posting:
                    counts[j] += 1
        plausible = []
        for j, shared in counts.items():
            other = b.content_size[j]
            if (shared * SMALLER_PART >= min(len(content), other)
                    and shared * LARGER_PART >= max(len(content), other)):
                plausible.append((-shared, j))
        if len(plausible) > MAX_CANDIDATES:
            plausible.sort()
            del plausible[MAX_CANDIDATES:]
        for _, j in plausible:
            sim = _similarity(ws, b.words[j])
            if sim >= MATCH_SIMILARITY:
                out[(i, j)] = sim
    return out


def _chain(pairs: dict[tuple[int, int], float], a: PreparedSide, b: PreparedSide) -> list[tuple[int, int]]:
    """The heaviest chain of pairs increasing on both sides (weighted LIS with a Fenwick tree).

    Ties are broken by quantities that do not depend on which side is A, so swapping sides mirrors it.
    """
    if not pairs:
        return []
    items = sorted(pairs.items(), key=lambda kv: (kv[0][0], -kv[0][1]))
    m = max(j for (_, j) in pairs) + 2
    tree: list[tuple] = [(0, 0, 0, 0, -1)] * (m + 1)

    def query(j: int) -> tuple:  # best chain ending with a B index < j
        best = (0, 0, 0, 0, -1)
        while j > 0:
            best = max(best, tree[j])
            j -= j & -j
        return best

    def update(j: int, value: tuple) -> None:
        j += 1
        while j <= m:
            if value > tree[j]:
                tree[j] = value
            j += j & -j

    score: list[tuple] = []
    parent: list[int] = []
    for n, ((i, j), sim) in enumerate(items):
        # the body's similarity decides; the whole sentence's (dateline included) breaks ties, and a
        # sentence flagged as not belonging counts half, so body text pairs with body text
        whole = 1.0 if a.exact[i] == b.exact[j] else _similarity(a.full_words[i], b.full_words[j])
        weight = ((round(sim * SIMILARITY_SCALE) * SIMILARITY_SCALE + round(whole * (SIMILARITY_SCALE - 1)))
                  * (len(a.words[i]) + len(b.words[j]) + 1))
        if (i in a.flagged) != (j in b.flagged):
            weight //= FLAGGED_PARTNER_DIVISOR
        prev = query(j)
        # last tie-break: a stable digest of the two sentences' texts, taken in an order that does not
        # depend on which side is A (two candidates mirrored across the diagonal tie on all else)
        pair_text = sorted((a.exact[i], b.exact[j]))
        content = zlib.crc32("\0".join(pair_text).encode("utf-8", "surrogatepass"))
        score.append((prev[0] + weight, prev[1] - abs(i - j), prev[2] - (i + j), prev[3] + content, n))
        parent.append(prev[4])
        update(j, score[-1])
    n = max(range(len(items)), key=lambda k: score[k][:4])
    chain = []
    while n >= 0:
        chain.append(items[n][0])
        n = parent[n]
    return chain[::-1]


def prepare(text: str, sentences: list[tuple[int, int]], flagged: set[int] | frozenset = frozenset()) -> PreparedSide:
    """One article's sentences made ready for matching; reuse it for every pair the article is in."""
    return PreparedSide(text, sentences, flagged)


def align_sentences(text_a: str, sents_a: list[tuple[int, int]], text_b: str,
                    sents_b: list[tuple[int, int]], flagged_a: set[int] | frozenset = frozenset(),
                    flagged_b: set[int] | frozenset = frozenset()) -> list[Row]:
    """Rows of the alignment of two articles; see the module's docstring.

    Flagged sentences (not part of the article) still align, but a body sentence prefers a body partner.
    """
    return align_prepared(prepare(text_a, sents_a, flagged_a), prepare(text_b, sents_b, flagged_b))


def align_prepared(a: PreparedSide, b: PreparedSide) -> list[Row]:
    """`align_sentences` on sides made by `prepare`."""
    sents_a, sents_b = a.spans, b.spans
    pairs = _candidates(a, b)
    groups = [([i], [j]) for i, j in _chain(pairs, a, b)]
    used_a = {i for g in groups for i in g[0]}
    used_b = {j for g in groups for j in g[1]}
    _absorb_split_parts(groups, a, b, used_a, used_b, pairs)

    # moved: good matches between what is left over, best first
    moved: dict[int, tuple[int, float]] = {}
    for (i, j), sim in sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0][0] + kv[0][1], abs(kv[0][0] - kv[0][1]))):
        if sim >= MOVED_SIMILARITY and i not in used_a and j not in used_b:
            moved[i] = (j, sim)
            used_a.add(i)
            used_b.add(j)

    rows: list[Row] = []
    next_a = next_b = 0

    def flush(upto_a: int, upto_b: int) -> None:
        nonlocal next_a, next_b
        for i in range(next_a, upto_a):
            if i in moved:
                j, sim = moved[i]
                rows.append(_matched_row(RowKind.MOVED, [i], [j], a, b, sim))
            elif i not in used_a:
                rows.append(Row(RowKind.ONLY_A, [i], []))
        for j in range(next_b, upto_b):
            if j not in used_b:
                rows.append(Row(RowKind.ONLY_B, [], [j]))
        next_a, next_b = max(next_a, upto_a), max(next_b, upto_b)

    for ga, gb in groups:
        flush(ga[0], gb[0])
        sim = _group_similarity(ga, gb, a, b, pairs)
        rows.append(_matched_row(RowKind.SAME, ga, gb, a, b, sim))
        next_a, next_b = ga[-1] + 1, gb[-1] + 1
    flush(len(sents_a), len(sents_b))
    return rows


def _group_similarity(ga: list[int], gb: list[int], a: PreparedSide, b: PreparedSide,
                      pairs: dict[tuple[int, int], float]) -> float:
    """The similarity of two groups of sentences; a single pair's was computed with the candidates."""
    if len(ga) == len(gb) == 1:
        return pairs[(ga[0], gb[0])]
    return _similarity(a.joined(ga), b.joined(gb))


def _absorb_split_parts(groups, a: PreparedSide, b: PreparedSide, used_a: set, used_b: set,
                        pairs: dict[tuple[int, int], float]) -> None:
    """Grow matched pairs with unmatched neighbours when that makes them more alike (split/merged)."""
    for ga, gb in groups:
        improved = True
        while improved:
            improved = False
            current = _group_similarity(ga, gb, a, b, pairs)
            for side, idx, used, limit in ((0, ga, used_a, len(a.words)), (1, gb, used_b, len(b.words))):
                for cand, where in ((idx[0] - 1, 0), (idx[-1] + 1, len(idx))):
                    if cand < 0 or cand >= limit or cand in used:
                        continue
                    trial = [*idx[:where], cand, *idx[where:]]
                    sim = (_similarity(a.joined(trial), b.joined(gb)) if side == 0
                           else _similarity(a.joined(ga), b.joined(trial)))
                    if sim > current + SPLIT_GAIN:
                        idx.insert(where, cand)
                        used.add(cand)
                        current = sim
                        improved = True


def _matched_row(kind: RowKind, ga: list[int], gb: list[int], a: PreparedSide, b: PreparedSide, sim: float) -> Row:
    """A row for matched sentences: `same`/`moved` when equal after typography, else `changed`."""
    a_span = (a.spans[ga[0]][0], a.spans[ga[-1]][1])
    b_span = (b.spans[gb[0]][0], b.spans[gb[-1]][1])
    if len(ga) == len(gb) == 1 and (a.exact[ga[0]] == b.exact[gb[0]]
                                    or a.exact[ga[0]].lower() == b.exact[gb[0]].lower()):
        exact = a.text[a_span[0]:a_span[1]] == b.text[b_span[0]:b_span[1]]
        edits = [] if exact else typography_edits(a.text, a_span, b.text, b_span)
        return Row(kind, ga, gb, 1.0, "low", not exact, edits)
    edits = word_edits(a.text, a_span, b.text, b_span)
    junk = all(i in a.flagged for i in ga) and all(j in b.flagged for j in gb)
    severity = "high" if not junk and any(e.risk for e in edits) else "low"
    return Row(RowKind.CHANGED if kind is RowKind.SAME else kind, ga, gb, sim, severity, False, edits)


_DMP = diff_match_patch()


def _token_diff(ca: str, cb: str) -> list[tuple[int, str]]:
    """diff-match-patch's diff of two token strings, computed by rapidfuzz's Indel opcodes (an exact
    longest common subsequence in C, no time limit) and put in diff-match-patch's form: each stretch between
    two equal ones as one deletion then one insertion, merged as `diff_main` merges before returning."""
    diffs: list[tuple[int, str]] = []
    deleted, inserted = [], []
    for tag, i1, i2, j1, j2 in Indel.opcodes(ca, cb):
        if tag == "equal":
            _close_edit(diffs, deleted, inserted)
            diffs.append((0, ca[i1:i2]))
        else:
            deleted.append(ca[i1:i2])
            inserted.append(cb[j1:j2])
    _close_edit(diffs, deleted, inserted)
    _DMP.diff_cleanupMerge(diffs)
    return diffs


def _close_edit(diffs: list[tuple[int, str]], deleted: list[str], inserted: list[str]) -> None:
    if any(deleted):
        diffs.append((-1, "".join(deleted)))
    if any(inserted):
        diffs.append((1, "".join(inserted)))
    deleted.clear()
    inserted.clear()


_token_keys: dict[str, str] = {}


def _token_key(token: str) -> str:
    key = _token_keys.get(token)
    if key is None:
        key = " " if token.isspace() else (normalize_typography(token).strip().lower() or " ")
        if len(_token_keys) < 500_000:
            _token_keys[token] = key
    return key


def _tokens_of(text: str, start: int, end: int) -> tuple[list[tuple[int, int]], list[str]]:
    """Diff tokens of text[start:end] as spans in `text`, and their keys (typography and case ignored)."""
    # the tokens tile the text, so their spans follow from their lengths: no match objects, no slices
    tokens = DIFF_TOKEN.findall(text, start, end)
    edges = list(accumulate(map(len, tokens), initial=start))
    known = _token_keys.get
    return list(pairwise(edges)), [known(t) or _token_key(t) for t in tokens]


def typography_edits(text_a: str, span_a: tuple[int, int], text_b: str, span_b: tuple[int, int]) -> list[Edit]:
    """Edits of two spans that differ only in typography: token by token when the tokens line up."""
    tokens_a, tokens_b = _tokens_of(text_a, *span_a), _tokens_of(text_b, *span_b)
    (ta, ka), (tb, kb) = tokens_a, tokens_b
    if ka != kb:
        return _word_edits(text_a, span_a, text_b, span_b, tokens_a, tokens_b)
    edits = []
    for (x, y), (u, v) in zip(ta, tb, strict=True):
        if text_a[x:y] != text_b[u:v] and not (text_a[x:y].isspace() and text_b[u:v].isspace()):
            edits.append(Edit("typography", (x, y), (u, v), EditReason.TYPOGRAPHY))
    edits.append(Edit("equal", span_a, span_b))
    return edits


def word_edits(text_a: str, span_a: tuple[int, int], text_b: str, span_b: tuple[int, int]) -> list[Edit]:
    """Word-level edits between two spans (a diff of word tokens with diff-match-patch's semantic clean-up)."""
    return _word_edits(text_a, span_a, text_b, span_b, _tokens_of(text_a, *span_a), _tokens_of(text_b, *span_b))


def _word_edits(text_a: str, span_a: tuple[int, int], text_b: str, span_b: tuple[int, int],
                tokens_a: tuple[list, list], tokens_b: tuple[list, list]) -> list[Edit]:
    sa, sb = text_a[span_a[0]:span_a[1]], text_b[span_b[0]:span_b[1]]
    (ta, ka), (tb, kb) = tokens_a, tokens_b
    if len(ta) > INLINE_LIMIT or len(tb) > INLINE_LIMIT:
        return _with_reasons(sa, sb, span_a, span_b, [Edit("delete", span_a, None), Edit("insert", None, span_b)])
    # each distinct key one character, in order of first appearance (diff-match-patch diffs strings)
    alphabet: dict[str, str] = {}
    for key in ka + kb:
        if key not in alphabet:
            alphabet[key] = chr(0xE000 + len(alphabet)) if len(alphabet) < 6400 else chr(0x10000 + len(alphabet))
    ca, cb = "".join([alphabet[k] for k in ka]), "".join([alphabet[k] for k in kb])
    diffs = _token_diff(ca, cb)
    _DMP.diff_cleanupSemantic(diffs)
    edits: list[Edit] = []
    pa = pb = 0
    for op, chunk in diffs:
        n = len(chunk)
        if op == 0:
            # a stretch written alike on both sides has no typography edit in it (the common case)
            if n and text_a[ta[pa][0]:ta[pa + n - 1][1]] != text_b[tb[pb][0]:tb[pb + n - 1][1]]:
                for k in range(n):
                    (s1, e1), (s2, e2) = ta[pa + k], tb[pb + k]
                    if text_a[s1:e1] != text_b[s2:e2] and not (text_a[s1:e1].isspace() and text_b[s2:e2].isspace()):
                        edits.append(Edit("typography", (s1, e1), (s2, e2), EditReason.TYPOGRAPHY))
            if n:
                edits.append(Edit("equal", (ta[pa][0], ta[pa + n - 1][1]), (tb[pb][0], tb[pb + n - 1][1])))
            pa += n
            pb += n
        elif op == -1:
            edits.append(Edit("delete", (ta[pa][0], ta[pa + n - 1][1]), None))
            pa += n
        else:
            edits.append(Edit("insert", None, (tb[pb][0], tb[pb + n - 1][1])))
            pb += n
    return _with_reasons(sa, sb, span_a, span_b, edits)


def _with_reasons(sa: str, sb: str, span_a: tuple[int, int], span_b: tuple[int, int], edits: list[Edit]) -> list[Edit]:
    """The edits with the reason of each run of deletions and insertions between two unchanged stretches
    (edits.py decides it from what each side has there, both rows given for context)."""
    runs: list[list[int]] = []  # indices of each run's delete / insert edits
    places: list[tuple[int, int]] = []  # where each run stands in A and in B (for a side with nothing)
    at_a, at_b, open_run = span_a[0], span_b[0], False
    for k, e in enumerate(edits):
        if e.op == "equal":
            at_a, at_b, open_run = e.a[1], e.b[1], False
        elif e.op in ("delete", "insert"):
            if not open_run:
                runs.append([])
                places.append((at_a, at_b))
                open_run = True
            runs[-1].append(k)
    if not runs:
        return edits
    spans = []
    for run, (at_a, at_b) in zip(runs, places, strict=True):
        a = next((edits[k].a for k in run if edits[k].op == "delete"), (at_a, at_a))
        b = next((edits[k].b for k in run if edits[k].op == "insert"), (at_b, at_b))
        spans.append(((a[0] - span_a[0], a[1] - span_a[0]), (b[0] - span_b[0], b[1] - span_b[0])))
    for run, reason in zip(runs, classify_edits(sa, sb, spans), strict=True):
        for k in run:
            e = edits[k]
            edits[k] = Edit(e.op, e.a, e.b, reason)
    return edits
