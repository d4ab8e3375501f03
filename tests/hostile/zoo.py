"""Helpers of the bad-input zoo: a fingerprint of an opened folder (to prove it is left byte-for-byte
unchanged), a scan driven to its end, and a few real wire-copy paragraphs to build articles from."""

from __future__ import annotations

import hashlib
import os
import stat

PARAGRAPHS = [
    "The city council voted on Tuesday to close the old bridge over the river for repairs that are expected "
    "to last at least eighteen months, officials said.",
    "Engineers found cracks in two of the bridge's steel supports during an inspection in March, according to "
    "a report presented to the council by the transport department.",
    "Mayor Ana Ruiz said the closure would cause delays for thousands of commuters but that safety had to come "
    "first. \"We cannot take any risks with a structure this old,\" she said.",
    "A temporary ferry service will run every twenty minutes during rush hours, and buses will be rerouted over "
    "the northern bridge, the department said in a statement.",
    "The repairs are expected to cost about 42 million dollars, most of it paid by a state infrastructure grant "
    "approved last year.",
]
STORY = "\n\n".join(PARAGRAPHS) + "\n"


def fingerprint(root) -> dict:
    """Every entry under `root` without following links or opening anything but regular files: its
    type, mode, size, modification time, link target, and the hash of its bytes."""
    out = {}
    stack = [os.fsencode(root)]
    while stack:
        folder = stack.pop()
        for entry in os.scandir(folder):
            st = entry.stat(follow_symlinks=False)
            key = os.path.relpath(entry.path, os.fsencode(root))
            info = [stat.S_IFMT(st.st_mode), stat.S_IMODE(st.st_mode), st.st_mtime_ns]
            if entry.is_symlink():
                info.append(os.readlink(entry.path))
            elif entry.is_dir(follow_symlinks=False):
                stack.append(entry.path)
            elif entry.is_file(follow_symlinks=False):
                with open(entry.path, "rb") as fh:
                    info += [st.st_size, hashlib.sha256(fh.read()).hexdigest()]
            out[key] = info
    return out


class Planted:
    """A pickle that, if ever loaded, creates a file: the proof that a cache executed what it read."""

    def __init__(self, marker):
        self.marker = str(marker)

    def __reduce__(self):
        return open, (self.marker, "w")


def write_story(folder, name: str, text: str = STORY) -> None:
    (folder / name).write_text(text, encoding="utf-8")


def skip_reasons(result) -> dict[str, str]:
    return {os.path.basename(s.path): s.reason for s in result.skipped}
