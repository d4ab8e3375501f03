"""Every setting declared once, with its key, type and default; stored as INI under the platformdirs config folder."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, QSize


@dataclass(frozen=True)
class Option:
    key: str
    type: type
    default: object


MIN_OVERLAP = Option("scan/min_overlap", float, 0.2)
USE_CACHE = Option("scan/use_cache", bool, True)
HIDE_FLAGGED = Option("view/hide_flagged", bool, False)
HIDE_IDENTICAL = Option("view/hide_identical", bool, False)
RELATIONS = Option("view/relations", list, ["copy", "partial", "quotes"])  # which relations the lists show
LANGUAGES = Option("view/languages", list, [])  # ISO 639-1 codes the lists show; empty: every language
CACHE_DIR = Option("scan/cache_dir", str, "")  # empty: the platform's cache folder
RECENT = Option("files/recent", list, [])
LAST_PATHS = Option("files/last_opened", list, [])
REOPEN = Option("files/reopen_last", bool, False)  # scan the last opened folders again at start
GEOMETRY = Option("window/geometry", QByteArray, QByteArray())
SPLITTER = Option("window/splitter", QByteArray, QByteArray())
SIZE = Option("window/size", QSize, QSize(1400, 860))
MAX_RECENT = 8


def settings_path() -> Path:
    from platformdirs import user_config_dir

    return Path(user_config_dir("wiretrace", appauthor=False)) / "wiretrace.ini"


def store() -> QSettings:
    return QSettings(str(settings_path()), QSettings.Format.IniFormat)


def get(option: Option):
    value = store().value(option.key, option.default)
    if value is None:
        return option.default
    if option.type is bool:
        return value in (True, "true", "1", 1)
    if option.type is float:
        return float(value)
    if option.type is list:
        return ([value] if value else []) if isinstance(value, str) else list(value)
    if option.type is QSize:
        return value if isinstance(value, QSize) and value.isValid() else option.default
    if option.type is QByteArray:
        return value if isinstance(value, QByteArray) else QByteArray()
    return value


def put(option: Option, value) -> None:
    s = store()
    s.setValue(option.key, value)
    s.sync()


def add_recent(path: str) -> list[str]:
    recent = [p for p in get(RECENT) if p != path]
    recent.insert(0, path)
    recent = recent[:MAX_RECENT]
    put(RECENT, recent)
    return recent
