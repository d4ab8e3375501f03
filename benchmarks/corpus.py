"""Realistic synthetic news corpora with known truth, for measuring Wiretrace at scale.

Every article is novel text (a Zipf-distributed vocabulary of invented words around real English function
words, names, figures and quotations), published by one of many "sites" that append their own furniture
(sidebar headlines of other stories, promotions, a scroll prompt). A share of the articles are reprints of
another article with the edits real reprints show: a new dateline, a trimmed ending, split paragraphs, typos,
retyped quotes, a changed figure, and the reprinting site's own junk. Stock phrases recur across everything.

truth.json records the planted families (a source and its reprints: every pair inside one overlaps) and the
planted junk lines.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

FUNCTION = ("the of and to a in that is was he for it with as his on be at by i this had not are but from or "
            "have an they which one you were her all she there would their we him been has when who will more "
            "no if out so said what up its about into than them can only other new some could time these two "
            "may then do first any my now such like our over man me even most made after also did many before "
            "must through back years where much your way well down should because each just those people how "
            "too little state good very make world still own see men work long get here between both life being "
            "under never day same another know while last might us great old year off come since against go "
            "came right used take three").split()
STOCK = ["said in a statement on", "according to a statement released by the", "did not immediately respond to a "
         "request for comment", "the Associated Press contributed to this report", "told reporters on"]
MONTHS = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]
CITIES = ["WASHINGTON", "LONDON", "PARIS", "KYIV", "NEW DELHI", "TOKYO", "NAIROBI", "BRUSSELS", "LIMA", "OTTAWA"]


class Writer:
    def __init__(self, seed: int = 7, vocab: int = 40000):
        self.rng = random.Random(seed)
        syll = ["ka", "lo", "mi", "ra", "te", "su", "no", "vi", "der", "tan", "por", "qui", "sel", "mon", "bra",
                "fen", "gal", "hor", "jun", "lek", "mar", "nis", "ost", "pel", "rin", "sto", "tur", "ul", "ven"]
        words = set()
        while len(words) < vocab:
            words.add("".join(self.rng.choice(syll) for _ in range(self.rng.randint(2, 4))))
        self.words = sorted(words)
        self.rng.shuffle(self.words)
        weights = [1 / (r + 10) for r in range(vocab)]
        total = sum(weights)
        acc, self.cum = 0.0, []
        for w in weights:
            acc += w / total
            self.cum.append(acc)
        self.names = [w.capitalize() for w in self.words[:3000]]
        self.topic: list[str] = []
        # function words as often as in real English text: Zipf by rank ("the" most of all)
        fw = [1 / (r + 1) for r in range(len(FUNCTION))]
        self.function_cum = [sum(fw[: k + 1]) / sum(fw) for k in range(len(fw))]

    def word(self) -> str:
        import bisect

        r = self.rng.random()
        if self.topic and r < 0.06:  # an article keeps coming back to its subject, as real ones do
            return self.rng.choice(self.topic)
        if r < 0.45:
            return FUNCTION[min(bisect.bisect(self.function_cum, self.rng.random()), len(FUNCTION) - 1)]
        return self.words[min(bisect.bisect(self.cum, self.rng.random()), len(self.words) - 1)]

    def sentence(self) -> str:
        rng = self.rng
        n = rng.randint(10, 28)
        ws = [self.word() for _ in range(n)]
        if rng.random() < 0.3:
            ws.insert(rng.randint(1, n - 1), str(rng.choice([rng.randint(2, 99), rng.randint(100, 9999)])))
        if rng.random() < 0.4:
            ws.insert(rng.randint(0, n - 1), rng.choice(self.names))
        if rng.random() < 0.15:
            ws.insert(rng.randint(0, n - 1), rng.choice(STOCK))
        text = " ".join(ws)
        text = text[0].upper() + text[1:]
        if rng.random() < 0.2:
            return f"“{text},” {rng.choice(self.names)} said."
        return text + "."

    def article(self) -> dict:
        rng = self.rng
        self.topic = [*rng.sample(self.words[200:5000], 6), *rng.sample(self.names, 2)]
        headline = " ".join(self.word().capitalize() for _ in range(rng.randint(5, 10)))
        dateline = f"{rng.choice(CITIES)}, {rng.choice(MONTHS)} {rng.randint(1, 28)}:"
        paragraphs = [" ".join(self.sentence() for _ in range(rng.randint(1, 3))) for _ in range(rng.randint(8, 16))]
        return {"headline": headline, "dateline": dateline, "paragraphs": paragraphs}


def typo(rng: random.Random, text: str) -> str:
    words = text.split(" ")
    k = rng.randrange(len(words))
    w = words[k]
    if len(w) > 4 and w.isalpha():
        i = rng.randrange(1, len(w) - 2)
        words[k] = w[:i] + w[i + 1] + w[i] + w[i + 2 :]
    return " ".join(words)


def reprint(rng: random.Random, art: dict) -> dict:
    paras = list(art["paragraphs"])
    keep = max(4, int(len(paras) * rng.uniform(0.6, 1.0)))  # trimmed ending
    paras = paras[:keep]
    out = []
    for p in paras:
        if rng.random() < 0.15 and ". " in p:  # split paragraph
            a, b = p.split(". ", 1)
            out += [a + ".", b]
        else:
            out.append(p)
    for _ in range(rng.randint(1, 3)):
        k = rng.randrange(len(out))
        out[k] = typo(rng, out[k])
    if rng.random() < 0.7:  # retyped quotes
        out = [p.replace("“", '"').replace("”", '"') for p in out]
    if rng.random() < 0.5:  # a changed figure
        for k, p in enumerate(out):
            digits = [w for w in p.split() if w.isdigit()]
            if digits:
                out[k] = p.replace(digits[0], str(int(digits[0]) + rng.randint(1, 9)), 1)
                break
    dateline = rng.choice(CITIES) + ":" if rng.random() < 0.5 else art["dateline"]
    headline = art["headline"] if rng.random() < 0.5 else art["headline"].upper()
    return {"headline": headline, "dateline": dateline, "paragraphs": out}


def render(art: dict, site: dict, rng: random.Random) -> tuple[str, list[str]]:
    junk = [*rng.sample(site["sidebar"], 4), rng.choice(site["promos"]), site["scroll"]]
    body = [art["headline"], "", f"{art['dateline']} {art['paragraphs'][0]}", ""]
    for p in art["paragraphs"][1:]:
        body += [p, ""]
    body += [line + "\n" for line in junk]
    return "\n".join(body), junk


def make_sites(w: Writer, n: int) -> list[dict]:
    sites = []
    for s in range(n):
        sidebar = [" ".join(w.word().capitalize() for _ in range(w.rng.randint(6, 11))) for _ in range(12)]
        promos = [f"Join site{s} on Telegram for breaking news", f"Subscribe to the site{s} newsletter today"]
        sites.append({"name": f"site{s:03}", "sidebar": sidebar, "promos": promos,
                      "scroll": w.rng.choice(["SCROLL FOR NEXT", "Leave a Reply", "Read more stories"])})
    return sites


def generate(out: Path, n: int, reprint_share: float = 0.25, seed: int = 7) -> dict:
    """Write n articles to out/ and out/../truth-<n>.json; returns the truth."""
    w = Writer(seed)
    rng = random.Random(seed + 1)
    sites = make_sites(w, max(20, n // 200))
    out.mkdir(parents=True, exist_ok=True)
    families: dict[str, list[str]] = {}
    originals: list[tuple[str, dict]] = []
    junk_lines = 0
    for k in range(n):
        site = rng.choice(sites)
        name = f"{k:06}_{site['name']}.txt"
        if originals and rng.random() < reprint_share:
            src_name, src = rng.choice(originals)
            art = reprint(rng, src)
            families.setdefault(src_name, [src_name]).append(name)
        else:
            art = w.article()
            originals.append((name, art))
        text, junk = render(art, site, rng)
        junk_lines += len(junk)
        (out / name).write_text(text, encoding="utf-8")
    fams = [sorted(f) for f in families.values()]
    pairs = sorted({(a, b) for f in fams for i, a in enumerate(f) for b in f[i + 1 :]})
    truth = {"articles": n, "families": fams, "pairs": pairs, "junk_lines": junk_lines}
    (out.parent / f"truth-{n}.json").write_text(json.dumps(truth))
    return truth
