"""Reading articles from disk: which files, which encoding, what text. Never writes anything."""

from __future__ import annotations

import codecs
import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from app.core.settings import MAX_BYTES

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
ARTICLE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


class Unreadable(Exception):
    """A file that is not an article we can read; the message is the reason shown to the user."""


@dataclass(frozen=True, slots=True)
class SourceFile:
    """A file found in what the user opened, with the id reports use for it."""

    id: str
    path: str


@dataclass(frozen=True, slots=True)
class Skipped:
    path: str
    reason: str


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
class Article:
    """One article as read and analysed. Every offset indexes `text`, in code points."""

    id: str
    path: str
    sha256: str
    encoding: str
    text: str
    title: str = ""
    language: str = "en"
    sentences: list[tuple[int, int]] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    headline: tuple[int, int] | None = None  # the article's own headline and deck (standfirst): spans of text,
    deck: tuple[int, int] | None = None  # never flags; they stay sentences and align like any other
    _memo: dict = field(default_factory=dict, repr=False, compare=False)  # derived data; forget() after edits

    def flagged_sentences(self) -> set[int]:
        """Sentences that lie mostly inside flagged text."""
        if "flagged" not in self._memo:
            out = set()
            flags = sorted((f.start, f.end) for f in self.flags)
            for i, (s, e) in enumerate(self.sentences):
                covered = sum(max(0, min(e, fe) - max(s, fs)) for fs, fe in flags if fs < e and fe > s)
                if covered * 2 > e - s:
                    out.add(i)
            self._memo["flagged"] = out
        return self._memo["flagged"]

    def forget(self) -> None:
        """Drop derived data (after flags or sentences change)."""
        self._memo.clear()

    def word_count(self) -> int:
        from app.core.text import WORD

        return len(WORD.findall(self.text))


def collect_files(inputs: list[str | os.PathLike]) -> tuple[list[SourceFile], list[Skipped]]:
    """The article files under the given folders and files, with stable ids, and what was passed over.

    Folders are walked recursively in name order; hidden files and folders are ignored. With one folder
    opened, ids are paths relative to it; with several, each id starts with its folder's name.
    (Plain string paths: this runs on every file of a folder each time it is opened.)
    """
    found: list[SourceFile] = []
    skipped: list[Skipped] = []
    several = len(inputs) > 1
    for given in map(os.fspath, inputs):
        root = os.path.abspath(given)
        if os.path.isfile(root):
            _add(found, skipped, root, os.path.basename(root))
            continue
        if not os.path.exists(root):
            skipped.append(Skipped(given, "does not exist"))
            continue
        prefix = f"{os.path.basename(root)}/" if several else ""

        def walk_error(err: OSError, root: str = root) -> None:
            skipped.append(Skipped(err.filename or root, f"folder cannot be opened: {_why(err)}"))

        for folder, dirs, files in os.walk(root, onerror=walk_error):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            rel = os.path.relpath(folder, root).replace(os.sep, "/")
            rel = "" if rel == "." else rel + "/"
            for name in sorted(files):
                if not name.startswith("."):
                    _add(found, skipped, os.path.join(folder, name), prefix + rel + name)
    seen: dict[str, int] = {}
    unique = []
    for f in found:
        n = seen.get(f.id, 0) + 1
        seen[f.id] = n
        unique.append(f if n == 1 else SourceFile(f"{f.id}#{n}", f.path))
    return unique, skipped


def _add(found: list, skipped: list, path: str, ident: str) -> None:
    suffix = os.path.splitext(path)[1].lower()
    if suffix in ARTICLE_SUFFIXES:
        found.append(SourceFile(ident, path))
    else:
        skipped.append(Skipped(path, f"not a text or HTML file ({suffix or 'no extension'})"))


def _why(err: OSError) -> str:
    if isinstance(err, PermissionError):
        return "permission denied"
    if isinstance(err, FileNotFoundError):
        return "it vanished before it could be read"
    return err.strerror or str(err)


def read_bytes(path: str, max_bytes: int = MAX_BYTES) -> bytes:
    """The file's bytes, or Unreadable with a reason a person understands."""
    try:
        size = os.stat(path).st_size
        if size == 0:
            raise Unreadable("empty file")
        if size > max_bytes:
            raise Unreadable(f"too large ({size / 1e6:.1f} MB; the limit is {max_bytes / 1e6:.0f} MB)")
        with open(path, "rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as err:
        raise Unreadable(_why(err)) from err
    if not data:
        raise Unreadable("empty file")
    if len(data) > max_bytes:
        raise Unreadable(f"too large (over {max_bytes / 1e6:.0f} MB)")
    return data


def decode(data: bytes) -> tuple[str, str]:
    """Decoded text with newlines normalised, and the encoding's name. Unreadable for binary data."""
    encoding = None
    for bom, name in _BOMS:
        if data.startswith(bom):
            encoding = name
            data = data[len(bom):]
            break
    if encoding is None:
        try:
            text = data.decode("utf-8")
            encoding = "utf-8"
        except UnicodeDecodeError:
            text = None
        if text is None:
            from charset_normalizer import from_bytes

            matches = list(from_bytes(data))
            best = matches[0] if matches else None
            # Windows-1252 is by far the commonest legacy encoding of news copy: on a tie, it wins
            for match in matches:
                if best is not None and match.encoding == "cp1252" and match.chaos <= best.chaos + 0.01:
                    best = match
                    break
            if best is None:
                raise Unreadable("not text (binary data, or an encoding that cannot be recognised)")
            encoding = best.encoding
            text = str(best)
    else:
        try:
            text = data.decode("utf-8" if encoding == "utf-8-sig" else encoding)  # the BOM is already cut off
        except UnicodeDecodeError as err:
            raise Unreadable(f"damaged {encoding} text ({err.reason})") from err
    if "\x00" in text or _control_share(text) > 0.01:
        raise Unreadable("not text (binary data)")
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    if not text.strip():
        raise Unreadable("empty (only white space)")
    return text, encoding


_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")


def _control_share(text: str) -> float:
    sample = text[:20000]
    return len(_CONTROL.findall(sample)) / max(1, len(sample))


def looks_like_html(path: str, text: str) -> bool:
    if Path(path).suffix.lower() in HTML_SUFFIXES:
        return True
    head = text[:512].lstrip().lower()
    return head.startswith("<!doctype html") or head.startswith("<html")


def html_to_text(html: str) -> tuple[str, str]:
    """The visible text of a page, laid out in paragraphs, and its title."""
    import html_text
    import lxml.html

    try:
        tree = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError) as err:
        raise Unreadable(f"HTML that cannot be parsed ({err})") from err
    title = " ".join((tree.findtext(".//title") or "").split())
    body = html_text.extract_text(tree, guess_layout=True)
    if title and not body.lstrip().startswith(title):
        body = f"{title}\n\n{body}"
    return body, title


def read_article(source: SourceFile, max_bytes: int = MAX_BYTES) -> Article:
    """The article in `source`, decoded, not yet analysed. Raises Unreadable with the reason."""
    data = read_bytes(source.path, max_bytes)
    digest = hashlib.sha256(data).hexdigest()
    text, encoding = decode(data)
    title = ""
    if looks_like_html(source.path, text):
        text, title = html_to_text(text)
        if not text.strip():
            raise Unreadable("HTML page with no visible text")
    else:
        first = text.lstrip().split("\n", 1)[0].strip()
        title = first[:200]
    return Article(id=source.id, path=source.path, sha256=digest, encoding=encoding, text=text, title=title)
