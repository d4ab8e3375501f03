"""Reading articles from disk: which files, which encoding, what text. Never writes anything."""

from __future__ import annotations

import codecs
import errno
import hashlib
import os
import re
import stat
from pathlib import Path

from app.core.language import identify
from app.core.records import Article, Decoded, Skipped, SourceFile
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


def _shown_as_replacement(err: UnicodeEncodeError) -> tuple[bytes, int]:
    """Writing text out: a byte of a file name that was not UTF-8 (a surrogate escape) shows as �."""
    return "\ufffd".encode() * (err.end - err.start), err.end  # bytes: a UTF-8 encoder takes only ASCII text


#: Error handler for writing reports: `open(..., encoding="utf-8", errors=REPLACE_NAMES)`.
REPLACE_NAMES = "wiretrace-replace"
codecs.register_error(REPLACE_NAMES, _shown_as_replacement)


def display_path(path: str) -> str:
    """A path as a person reads it: bytes that are not UTF-8 (kept in `path` losslessly) shown as �."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def collect_files(inputs: list[str | os.PathLike]) -> tuple[list[SourceFile], list[Skipped]]:
    """The article files under the given folders and files, with stable ids, and what was passed over.

    Folders are walked in name order, depth first, without recursion (a folder may nest thousands deep);
    hidden files and folders are ignored. A link is followed only while it stays inside the opened folder,
    and never into a folder; named pipes, sockets and devices are passed over. With one folder opened, ids
    are paths relative to it; with several, each id starts with its folder's name. Names that are not valid
    UTF-8 are kept as Python keeps them (surrogate escapes), so the file can still be opened.
    """
    found: list[SourceFile] = []
    skipped: list[Skipped] = []
    several = len(inputs) > 1
    for given in map(os.fspath, inputs):
        root = os.path.abspath(given)
        if os.path.isfile(root):
            real = os.path.realpath(root)  # a file named by the user is read where its link points
            _add(found, skipped, real if _is_regular(real) else root, os.path.basename(root))
            continue
        if not os.path.exists(root):
            skipped.append(Skipped(given, "does not exist"))
            continue
        prefix = f"{os.path.basename(root)}/" if several else ""
        _walk(os.path.realpath(root), prefix, found, skipped)
    seen: dict[str, int] = {}
    unique = []
    for f in found:
        n = seen.get(f.id, 0) + 1
        seen[f.id] = n
        unique.append(f if n == 1 else SourceFile(f"{f.id}#{n}", f.path))
    return unique, skipped


def source_in(root: str, path: str) -> SourceFile | Skipped | None:
    """One path under an opened folder (`root`, a real path) as the folder's walk would take it: the file to
    read, why it is passed over, or None where the walk never looks (hidden names, folders, a path gone)."""
    rel = os.path.relpath(path, root)
    parts = rel.split(os.sep)
    if rel.startswith(os.pardir) or any(part.startswith(".") for part in parts):
        return None
    ident = "/".join(parts)
    found: list[SourceFile] = []
    skipped: list[Skipped] = []
    try:
        mode = os.lstat(path).st_mode
        if stat.S_ISLNK(mode):
            _add_link(root, path, ident, found, skipped)
        elif stat.S_ISDIR(mode):
            return None
        elif stat.S_ISREG(mode):
            _add(found, skipped, path, ident)
        else:
            skipped.append(Skipped(path, _not_regular(mode)))
    except FileNotFoundError:
        return None
    except OSError as err:
        skipped.append(Skipped(path, _why(err)))
    return (found or skipped)[0]


def walk_order(ident: str) -> tuple:
    """Where a file's id falls in a folder's walk: a folder's own files in name order, then its subfolders."""
    parts = ident.split("/")
    return (*((1, p) for p in parts[:-1]), (0, parts[-1]))


def _is_regular(path: str) -> bool:
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def _walk(root: str, prefix: str, found: list, skipped: list) -> None:
    stack = [(root, prefix)]
    while stack:
        folder, rel = stack.pop()
        try:
            with os.scandir(folder) as it:
                entries = sorted((e for e in it if not e.name.startswith(".")), key=lambda e: e.name)
        except OSError as err:
            skipped.append(Skipped(folder, f"folder cannot be opened: {_why(err)}"))
            continue
        subfolders = []
        for entry in entries:
            ident = rel + entry.name
            try:
                if entry.is_symlink():
                    _add_link(root, entry.path, ident, found, skipped)
                elif entry.is_dir(follow_symlinks=False):
                    subfolders.append((entry.path, ident + "/"))
                elif entry.is_file(follow_symlinks=False):
                    _add(found, skipped, entry.path, ident)
                else:
                    skipped.append(Skipped(entry.path, _not_regular(entry.stat(follow_symlinks=False).st_mode)))
            except OSError as err:
                skipped.append(Skipped(entry.path, _why(err)))
        stack.extend(reversed(subfolders))  # popped in name order: the same order as a recursive walk


def _add_link(root: str, path: str, ident: str, found: list, skipped: list) -> None:
    """A link inside the opened folder: read where it points only if that is a file inside the folder too."""
    target = os.path.realpath(path)
    if os.path.commonpath([root, target]) != root:
        skipped.append(Skipped(path, "a link to a place outside the opened folder (not followed)"))
        return
    try:
        mode = os.stat(path).st_mode
    except OSError as err:
        if err.errno == errno.ELOOP:
            skipped.append(Skipped(path, "a link loop (not followed)"))
        else:
            skipped.append(Skipped(path, f"a broken link ({_why(err)})"))
        return
    if stat.S_ISDIR(mode):
        skipped.append(Skipped(path, "a link to a folder (its files are read where they are)"))
    elif not stat.S_ISREG(mode):
        skipped.append(Skipped(path, _not_regular(mode)))
    elif os.path.splitext(ident)[1].lower() in ARTICLE_SUFFIXES:
        found.append(SourceFile(ident, target))  # opened without following links: a swapped link is refused
    else:
        _add(found, skipped, path, ident)


def _not_regular(mode: int) -> str:
    kind = ("a named pipe" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode)
            else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "not a regular file")
    return f"{kind}, not a file (not read)"


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
    if err.errno == errno.ELOOP:
        return "a link (links are not followed when a file is read)"
    return err.strerror or str(err)


_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)


def read_bytes(path: str, max_bytes: int = MAX_BYTES) -> bytes:
    """The file's bytes, or Unreadable with a reason a person understands.

    Opened without blocking and without following a link, then checked on the open descriptor: a file
    swapped for a named pipe, a device or a link after the folder was listed is refused, never waited on.
    """
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as err:
        raise Unreadable(_why(err)) from err
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise Unreadable(_not_regular(st.st_mode))
        if st.st_size == 0:
            raise Unreadable("empty file")
        if st.st_size > max_bytes:
            raise Unreadable(f"too large ({st.st_size / 1e6:.1f} MB; the limit is {max_bytes / 1e6:.0f} MB)")
        chunks, have = [], 0
        while have <= max_bytes:
            chunk = os.read(fd, min(1 << 20, max_bytes + 1 - have))
            if not chunk:
                break
            chunks.append(chunk)
            have += len(chunk)
        data = b"".join(chunks)
    except BlockingIOError as err:
        raise Unreadable("not a regular file (reading it would wait)") from err
    except OSError as err:
        raise Unreadable(_why(err)) from err
    finally:
        os.close(fd)
    if not data:
        raise Unreadable("empty file")
    if len(data) > max_bytes:
        raise Unreadable(f"too large (over {max_bytes / 1e6:.0f} MB)")
    return data


#: Below this confidence a guessed encoding is listed as a warning.
LOW_CONFIDENCE = 0.6
#: Legacy encodings always weighed besides the detector's candidates: the commonest for news copy.
_LEGACY = ("cp1252", "cp1250", "cp1251", "koi8_r", "iso8859_15", "cp1253", "cp1254", "cp1257", "mac_roman")


def sniff(data: bytes) -> Decoded:
    """The text, its encoding, how sure that is, and a note; Unreadable for binary data."""
    found = _sniff(data)
    text = found.text
    if "\x00" in text or _control_share(text) > 0.01:
        raise Unreadable("not text (binary data)")
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    if not text.strip():
        raise Unreadable("empty (only white space)")
    return Decoded(text, found.encoding, found.confidence, found.note)


def _sniff(data: bytes) -> Decoded:
    for bom, name in _BOMS:
        if data.startswith(bom):
            body = data[len(bom):]
            try:
                return Decoded(body.decode("utf-8" if name == "utf-8-sig" else name), name, 1.0)
            except UnicodeDecodeError as err:
                raise Unreadable(f"damaged {name} text ({err.reason})") from err
    wide = _utf16_by_nuls(data)
    if wide:
        text = data[: len(data) // 2 * 2].decode(wide, "replace")
        return Decoded(text, wide, 0.9, "UTF-16 without a byte-order mark, told by its zero bytes")
    try:
        return Decoded(data.decode("utf-8"), "utf-8", 1.0)
    except UnicodeDecodeError:
        pass
    mixed = _mostly_utf8(data)
    if mixed is not None:
        return mixed
    return _legacy(data)


def _utf16_by_nuls(data: bytes) -> str | None:
    """UTF-16 without a BOM: Latin text then has a zero byte in every other position, on one side only."""
    sample = data[:8192]
    half = len(sample) // 2
    if half < 8:
        return None
    even, odd = sample[0::2].count(0) / half, sample[1::2].count(0) / half
    if odd > 0.3 and even < 0.02:
        return "utf-16-le"
    if even > 0.3 and odd < 0.02:
        return "utf-16-be"
    return None


def _cp1252_fallback(err: UnicodeDecodeError) -> tuple[str, int]:
    """A byte that is not UTF-8 on its own read as Windows-1252; a cut-off UTF-8 sequence as �."""
    chunk = err.object[err.start : err.end]
    if len(chunk) == 1:
        try:
            char = chunk.decode("cp1252")
        except UnicodeDecodeError:
            char = "\ufffd"
        return char, err.end
    return "\ufffd", err.end


codecs.register_error("wiretrace-cp1252", _cp1252_fallback)


def _mostly_utf8(data: bytes) -> Decoded | None:
    """Text that is overwhelmingly UTF-8 (more valid multi-byte characters than bad bytes) with a few
    bytes from elsewhere (a pasted Windows-1252 quote, damage): read as UTF-8, the rest byte by byte."""
    loose = data.decode("utf-8", "replace")
    bad = loose.count("\ufffd") - data.count("\ufffd".encode())  # one replacement per bad sequence
    good = sum(1 for ch in loose if ord(ch) > 127 and ch != "\ufffd")
    if not good or bad > good:
        return None
    text = data.decode("utf-8", "wiretrace-cp1252")
    confidence = round(good / (good + bad), 3)
    return Decoded(text, "utf-8", confidence,
                   f"mostly UTF-8: {bad} byte sequence{'s' * (bad != 1)} that are not UTF-8 read as Windows-1252 "
                   "or shown as �")


def _legacy(data: bytes) -> Decoded:
    """A legacy 8-bit or multi-byte encoding: among the detector's candidates and the common legacy
    encodings, the one whose text reads most like a language (language identification) and least
    like mojibake (the detector's mess measure). Windows-1252, the commonest for news copy, wins ties."""
    from charset_normalizer import from_bytes
    from charset_normalizer.md import mess_ratio

    candidates: dict[str, tuple[str, float]] = {}
    for match in from_bytes(data):
        candidates.setdefault(match.encoding, (str(match), match.chaos))
    sample = data[:20000]
    for enc in _LEGACY:
        if enc not in candidates:
            try:
                text = sample.decode(enc)
            except UnicodeDecodeError:
                continue
            if not _control_share(text) > 0.01:
                candidates[enc] = (text, mess_ratio(text[:5000], 1.0))
    if not candidates:
        raise Unreadable("not text (binary data, or an encoding that cannot be recognised)")
    scored = []
    for enc, (text, chaos) in candidates.items():
        _lang, prob = identify(text)
        score = prob - chaos + (0.005 if enc == "cp1252" else 0.0) - _implausible(enc, text)
        scored.append((score, enc, text))
    scored.sort(key=lambda s: -s[0])
    score, enc, text = scored[0]
    if len(text) < len(data) // 4:  # a sample stood in for the whole: decode it all
        text = data.decode(enc, "replace")
    margin = score - scored[1][0] if len(scored) > 1 and scored[1][2] != text else 1.0
    confidence = round(max(0.0, min(1.0, score, 0.5 + margin)), 3)
    return Decoded(text, enc, confidence)


_JAPANESE = ("shift_jis", "cp932", "euc_jp", "iso2022_jp", "shift_jis_2004", "shift_jisx0213", "euc_jis_2004")


def _implausible(encoding: str, text: str) -> float:
    """A penalty for decodes no real text looks like: Japanese with no hiragana at all (legacy 8-bit
    Cyrillic or Greek read as Shift JIS comes out as half-width katakana and kanji, never hiragana)."""
    if encoding.replace("-", "_") in _JAPANESE or encoding.startswith("shift_jis"):
        letters = [c for c in text[:5000] if c.isalpha() and ord(c) > 0x2000]
        hiragana = sum(0x3040 <= ord(c) <= 0x309F for c in letters)
        if letters and hiragana < 0.05 * len(letters):
            return 0.5
    return 0.0


_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")


def _control_share(text: str) -> float:
    sample = text[:20000]
    return len(_CONTROL.findall(sample)) / max(1, len(sample))


def looks_like_html(path: str, text: str) -> bool:
    if Path(path).suffix.lower() in HTML_SUFFIXES:
        return True
    head = text[:512].lstrip().lower()
    return head.startswith("<!doctype html") or head.startswith("<html")


#: Elements nested deeper than this are beyond the HTML parser (libxml2's limit, with its huge-tree option).
_PARSER_DEPTH = 2048
_BLOCK = re.compile(r"<\s*/?\s*(?:p|div|br|h[1-6]|li|tr|section|article|blockquote|header|footer|table)\b[^>]*>", re.I)
_INVISIBLE = re.compile(r"<(script|style|noscript|template)\b.*?</\1\s*>", re.I | re.S)
_TAG = re.compile(r"<[^>]*>")
_COMMENT = re.compile(r"<!--.*?-->", re.S)


def read_html(html: str) -> tuple[str, str, str]:
    """The visible text of a page, its title, and a note if part of it had to be read another way."""
    import html_text
    import lxml.html

    parser = lxml.html.HTMLParser(huge_tree=True)
    try:
        tree = lxml.html.fromstring(html, parser=parser)
    except (ValueError, lxml.etree.ParserError) as err:
        raise Unreadable(f"HTML that cannot be parsed ({err})") from err
    title = " ".join((tree.findtext(".//title") or "").split())
    body = html_text.extract_text(tree, guess_layout=True)
    note = ""
    if any("depth" in str(e.message).lower() for e in parser.error_log):
        # the parser gave up below its depth limit and dropped the rest: read the page as tagged text
        body = _tags_stripped(html)
        note = (f"HTML nested more than {_PARSER_DEPTH} elements deep: read as plain text without its layout, "
                "so nothing is dropped")
    if title and not body.lstrip().startswith(title):
        body = f"{title}\n\n{body}"
    return body, title, note


def _tags_stripped(html: str) -> str:
    import html as htmllib

    text = _INVISIBLE.sub(" ", _COMMENT.sub(" ", html))
    text = _BLOCK.sub("\n", text)
    text = htmllib.unescape(_TAG.sub(" ", text))
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n\n".join(line for line in lines if line)


def read_article(source: SourceFile, max_bytes: int = MAX_BYTES, data: bytes | None = None) -> Article:
    """The article in `source` (or in `data`, its bytes read elsewhere), decoded, not yet analysed.
    Raises Unreadable with the reason."""
    if data is None:
        data = read_bytes(source.path, max_bytes)
    digest = hashlib.sha256(data).hexdigest()
    found = sniff(data)
    text, notes = found.text, [found.note] if found.note else []
    if found.confidence < LOW_CONFIDENCE:
        notes.append(f"encoding guessed as {found.encoding} with low confidence ({found.confidence:.0%}): "
                     "check the text")
    title = ""
    if looks_like_html(source.path, text):
        text, title, note = read_html(text)
        if note:
            notes.append(note)
        if not text.strip():
            raise Unreadable("HTML page with no visible text")
    else:
        first = text.lstrip().split("\n", 1)[0].strip()
        title = first[:200]
    return Article(id=source.id, path=source.path, sha256=digest, encoding=found.encoding, text=text, title=title,
                   confidence=found.confidence, notes=notes)
