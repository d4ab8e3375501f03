"""Every setting declared once, with its key, type and default; stored as INI under the platformdirs config folder."""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, QSize

from app.core import settings as core_settings


@dataclass(frozen=True)
class Option:
    key: str
    type: type
    default: object
    low: float | None = None  # the range a number must lie in
    high: float | None = None


MIN_OVERLAP = Option("scan/min_overlap", float, core_settings.MIN_OVERLAP, 0.0, 1.0)
USE_CACHE = Option("scan/use_cache", bool, True)
HIDE_FLAGGED = Option("view/hide_flagged", bool, False)
NAV_MINOR = Option("view/stop_at_flagged_and_typography", bool, False)  # Next Change also stops there
HIDE_IDENTICAL = Option("view/hide_identical", bool, False)
RELATIONS = Option("view/relations", list, ["copy", "version", "partial", "quotes"])  # which relations the lists show
LANGUAGES = Option("view/languages", list, [])  # ISO 639-1 codes the lists show; empty: every language
CACHE_DIR = Option("scan/cache_dir", str, "")  # empty: the platform's cache folder
RECENT = Option("files/recent", list, [])
LAST_PATHS = Option("files/last_opened", list, [])
EXPORT_DIR = Option("files/export_folder", str, "")  # where the last export went; empty: Documents or home
REOPEN = Option("files/reopen_last", bool, False)  # scan the last opened folders again at start
GEOMETRY = Option("window/geometry", QByteArray, QByteArray())
SPLITTER = Option("window/splitter", QByteArray, QByteArray())
SIZE = Option("window/size", QSize, QSize(1400, 860))
# widths the user dragged, one entry per column ("" where the column keeps its fitted width)
PAIRS_COLUMNS = Option("columns/pairs", list, [])
DOCUMENTS_COLUMNS = Option("columns/documents", list, [])
FAMILIES_COLUMNS = Option("columns/families", list, [])
COPIES_COLUMNS = Option("columns/family_copies", list, [])
LINEAGE_COLUMNS = Option("columns/lineage", list, [])
MAX_RECENT = 8


def settings_path() -> Path:
    from platformdirs import user_config_dir

    return Path(user_config_dir("wiretrace", appauthor=False)) / "wiretrace.ini"


def store() -> QSettings:
    return QSettings(str(settings_path()), QSettings.Format.IniFormat)


#: One line for each setting read from the file that could not be used (each said once per session).
PROBLEMS: list[str] = []


def get(option: Option):
    """The option's value from the settings file; a value that is not valid gives the default, and one
    line in PROBLEMS (the file is hand-editable, and a bad threshold must not silently find nothing)."""
    value = store().value(option.key, option.default)
    if value is None:
        return option.default
    try:
        return _checked(option, value)
    except (TypeError, ValueError) as err:
        message = (f"Setting {option.key} = {value!r} in {settings_path()} is not valid ({err}); "
                   f"using the default, {option.default!r}.")
        if message not in PROBLEMS:
            PROBLEMS.append(message)
        return option.default


def _checked(option: Option, value):
    if option.type is bool:
        if value in (True, "true", "1", 1):
            return True
        if value in (False, "false", "0", 0):
            return False
        raise ValueError("expected true or false")
    if option.type is float:
        number = float(value)
        if not math.isfinite(number):
            raise ValueError("not a finite number")
        if (option.low is not None and number < option.low) or (option.high is not None and number > option.high):
            raise ValueError(f"outside {option.low}–{option.high}")
        return number
    if option.type is list:
        items = ([value] if value else []) if isinstance(value, str) else list(value)
        if not all(isinstance(v, str) for v in items):
            raise ValueError("expected a list of text values")
        return items
    if option.type is str and not isinstance(value, str):
        raise ValueError("expected text")
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
