"""A project's settings: ``[tool.stdschema]`` in ``pyproject.toml``, or the top level of a
``stdschema.toml``, found upward from the working directory the way ruff finds its own.

The nearest directory holding a ``stdschema.toml``, or a ``pyproject.toml`` with a
``[tool.stdschema]`` table, decides (both in one directory: ``stdschema.toml``); the search
stops at the filesystem root. Paths and globs in the file are relative to its directory.
Flags on the command line override the file (``--ignore`` alone adds to its ``ignore``;
``--select`` starts the selection afresh); ``STDSCHEMA_LANG`` overrides its ``lang``.

Which problems a run keeps (``select``/``ignore``, :func:`selected`): a problem code decides
before a severity, and at the same level ``ignore`` wins; with no ``select`` everything
that is not ignored is kept. A problem that is not kept is neither reported nor counted, and
cannot fail the run.

This module stays light (no TOML parser, no dataset model until a file is read): the CLI
imports it at start-up.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from stdschema.messages import CatalogueError, Lang, default_lang

CONFIG_FILE = "stdschema.toml"
PYPROJECT = "pyproject.toml"
TABLE = "tool.stdschema"
SEVERITIES = ("error", "warning", "info")
LANGS = ("ja", "en")
LANG_ENV = "STDSCHEMA_LANG"

DEFAULT_MAX_PROBLEMS = 10_000
"""Details kept a file by default: every detail is held in memory until the report is
rendered, so a file with a problem on each of a million rows needs a cap (counts stay
complete; ``max-problems`` raises it)."""

DEFAULTS: dict[str, Any] = {
    "lang": "ja",
    "format": "text",
    "fail-on": "error",
    "max-problems": DEFAULT_MAX_PROBLEMS,
    "select": (),
    "ignore": (),
    "baseline": None,
    "datasets": (),
}
"""Every key a configuration may hold, with the value a run takes when nothing sets it."""

KEYS = tuple(DEFAULTS)


class ConfigError(CatalogueError):
    """A configuration file, or a setting on the command line, that no run could use."""


# --- finding and reading the file ----------------------------------------------------------


def find_config(start: Path | None = None) -> Path | None:
    """The configuration file that applies in ``start`` (the working directory), or None."""
    folder = (start or Path.cwd()).absolute()
    for place in (folder, *folder.parents):
        own = place / CONFIG_FILE
        if own.is_file():
            return own
        pyproject = place / PYPROJECT
        if pyproject.is_file() and _has_table(pyproject):
            return pyproject
    return None


def _has_table(pyproject: Path) -> bool:
    """Whether ``pyproject`` has a ``[tool.stdschema]`` table. A project's pyproject.toml
    that never names stdschema is passed over unparsed (a broken one that is not ours must
    not stop a run)."""
    try:
        text = pyproject.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    if "stdschema" not in text:
        return False
    return _table(_parse(pyproject, text)) is not None


def _parse(path: Path, text: str) -> dict[str, Any]:
    import tomllib

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError("config.bad_toml", path=shown(path), detail=str(exc)) from None


def _table(data: dict[str, Any]) -> Any:
    tool = data.get("tool")
    return tool.get("stdschema") if isinstance(tool, dict) else None


def shown(path: Path) -> str:
    """``path`` as the user names it: relative to the working directory when it can be."""
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive (Windows)
        return str(path)


@dataclass(frozen=True)
class Config:
    """A configuration file's settings, checked (``path`` None: no file)."""

    path: Path | None = None
    values: Mapping[str, Any] = field(default_factory=dict)

    @property
    def root(self) -> Path:
        """The folder that paths and globs in the file are relative to."""
        return self.path.parent if self.path is not None else Path.cwd()

    def source(self, key: str) -> str:
        """``file:key`` of a setting, as ``config show`` prints it."""
        assert self.path is not None
        prefix = f"{TABLE}." if self.path.name == PYPROJECT else ""
        return f"{shown(self.path)}:{prefix}{key}"

    def dataset_for(self, file: Path) -> str | None:
        """The dataset the first matching glob of ``datasets`` names for ``file``."""
        rules: tuple[tuple[str, str], ...] = self.values.get("datasets", ())
        if not rules:
            return None
        try:
            relative = os.path.relpath(file.absolute(), self.root.absolute())
        except ValueError:
            return None
        relative = relative.replace(os.sep, "/")
        if relative.startswith("../") or relative == "..":
            return None
        for pattern, dataset in rules:
            if glob_matches(pattern, relative):
                return dataset
        return None


def load_config(path: Path, lang: Lang | None = None) -> Config:
    """Read and check ``path`` (``pyproject.toml``: its ``[tool.stdschema]`` table; any other
    name: its top level). Raises :class:`ConfigError` with one line for the user."""
    path = path.absolute()
    try:
        text = path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        raise ConfigError("config.not_found", path=shown(path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise ConfigError("config.unreadable", path=shown(path), reason=reason) from None
    data = _parse(path, text)
    table = _table(data) if path.name == PYPROJECT else data
    if table is None:
        table = {}
    if not isinstance(table, dict):
        raise ConfigError("config.not_table", where=shown(path), table=TABLE)
    config = Config(path)
    values: dict[str, Any] = {}
    for key, value in table.items():
        if key not in DEFAULTS:
            raise _unknown_key(shown(path), key)
        values[key] = _check(key, value, config.source(key), lang)
    return Config(path, values)


def _unknown_key(where: str, key: str) -> ConfigError:
    hint = nearest(key.replace("_", "-"), KEYS)
    if hint is not None:
        return ConfigError("config.unknown_key_near", where=where, name=repr(key), hint=repr(hint))
    return ConfigError("config.unknown_key", where=where, name=repr(key), keys=", ".join(KEYS))


def discover(
    explicit: Path | None = None, *, disabled: bool = False, lang: Lang | None = None
) -> Config:
    """The configuration a run uses: ``explicit`` (``--config``), none (``--no-config``), or
    the file found upward from the working directory."""
    if explicit is not None and disabled:
        raise ConfigError("config.both")
    if disabled:
        return Config()
    path = explicit if explicit is not None else find_config()
    return Config() if path is None else load_config(path, lang)


# --- checking values ----------------------------------------------------------------------


def _check(key: str, value: Any, where: str, lang: Lang | None) -> Any:
    """``value`` of ``key`` as a run uses it; :class:`ConfigError` when no run could."""
    if key in ("select", "ignore"):
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise _bad(where, value, "selectors")
        return parse_selectors(value, where)
    if key == "fail-on":
        return _choice(value, SEVERITIES, where)
    if key == "lang":
        return _choice(value, LANGS, where)
    if key == "format":
        from stdschema.report.formats import FORMATS

        return _choice(value, tuple(FORMATS), where)
    if key == "max-problems":
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise _bad(where, value, "count")
        return value
    if key == "baseline":
        if not isinstance(value, str) or not value.strip():
            raise _bad(where, value, "path")
        return value
    return _datasets(value, where, lang)


def _bad(where: str, value: Any, kind: str) -> ConfigError:
    """A value of the wrong kind: ``config.bad_<kind>`` says what the key takes."""
    return ConfigError(f"config.bad_{kind}", where=where, value=_toml(value))


def _toml(value: Any) -> str:
    """A value as it would be written in TOML (for messages)."""
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _choice(value: Any, choices: tuple[str, ...], where: str) -> str:
    if isinstance(value, str) and value in choices:
        return value
    hint = nearest(value, choices) if isinstance(value, str) else None
    if hint is not None:
        raise ConfigError(
            "config.bad_choice_near", where=where, value=_toml(value), hint=repr(hint)
        )
    raise ConfigError(
        "config.bad_choice", where=where, value=_toml(value), choices=", ".join(choices)
    )


def _datasets(value: Any, where: str, lang: Lang | None) -> tuple[tuple[str, str], ...]:
    """``"glob" = "dataset@edition"`` pairs in file order, each dataset known to the registry."""
    from stdschema.datasets import UnknownDatasetError, get_dataset

    if not isinstance(value, dict):
        raise _bad(where, value, "datasets")
    rules = []
    for pattern, dataset in value.items():
        if not isinstance(dataset, str) or not pattern.strip():
            raise _bad(f"{where}.{_key(pattern)}", dataset, "datasets")
        try:
            get_dataset(dataset)
        except UnknownDatasetError as exc:
            raise ConfigError(
                "config.bad_dataset", where=f"{where}.{_key(pattern)}", error=exc.localized(lang)
            ) from None
        rules.append((pattern, dataset))
    return tuple(rules)


def _key(text: str) -> str:
    """A TOML key as written: bare when it can be, else quoted."""
    return text if re.fullmatch(r"[A-Za-z0-9_-]+", text) else '"' + text.replace('"', '\\"') + '"'


def parse_selectors(values: Iterable[str], where: str) -> tuple[str, ...]:
    """Problem codes and severities (``--select a,b`` gives ``["a,b"]``: commas split), each
    known: :class:`ConfigError` naming the nearest code otherwise."""
    from stdschema.problems import CATALOGUE

    known = (*SEVERITIES, *CATALOGUE)
    found: list[str] = []
    for value in values:
        for part in value.split(","):
            word = part.strip()
            if not word:
                continue
            if word not in known:
                hint = nearest(word, known)
                if hint is not None:
                    raise ConfigError(
                        "config.unknown_code_near", where=where, value=repr(word), hint=repr(hint)
                    )
                raise ConfigError("config.unknown_code", where=where, value=repr(word))
            if word not in found:
                found.append(word)
    return tuple(found)


def selected(code: str, severity: str, select: tuple[str, ...], ignore: tuple[str, ...]) -> bool:
    """Whether a run keeps a problem: its code decides before its severity; at the same
    level ``ignore`` wins over ``select``; with no ``select`` all that is not ignored stays."""
    if code in ignore:
        return False
    if code in select:
        return True
    if severity in ignore:
        return False
    return not select or severity in select


def nearest(word: str, options: Iterable[str]) -> str | None:
    """The option closest to ``word`` (a slip of the keyboard), or None."""
    import difflib

    found = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return found[0] if found else None


# --- globs --------------------------------------------------------------------------------


def glob_matches(pattern: str, relative: str) -> bool:
    """Whether ``relative`` (a '/'-separated path below the configuration's folder) matches
    ``pattern``: ``*`` and ``?`` within one folder name, ``**`` across folders, ``[…]`` a
    character class; a pattern without '/' is matched against the file name alone."""
    if pattern.startswith("./"):
        pattern = pattern[2:]
    if "/" not in pattern:
        relative = relative.rsplit("/", 1)[-1]
    return _glob_regex(pattern).fullmatch(relative) is not None


def _glob_regex(pattern: str) -> re.Pattern[str]:
    out: list[str] = []
    i, n = 0, len(pattern)
    while i < n:
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
            continue
        if pattern.startswith("**", i):
            out.append(".*")
            i += 2
            continue
        ch = pattern[i]
        i += 1
        if ch == "*":
            out.append("[^/]*")
        elif ch == "?":
            out.append("[^/]")
        elif ch == "[":
            end = pattern.find("]", i + 1 if pattern[i : i + 1] in ("!", "]") else i)
            if end < 0:
                out.append(re.escape(ch))
                continue
            body = pattern[i:end]
            i = end + 1
            negate = body.startswith("!")
            body = body[1:] if negate else body
            out.append("[" + ("^/" if negate else "") + body.replace("\\", "\\\\") + "]")
        else:
            out.append(re.escape(ch))
    return re.compile("".join(out), re.DOTALL)


# --- the effective settings ---------------------------------------------------------------


@dataclass(frozen=True)
class Setting:
    """A setting's value and where it came from: ``default``, ``cli``, ``env`` (the
    language from ``STDSCHEMA_LANG``) or ``file:key``."""

    value: Any
    source: str


def effective(config: Config, cli: Mapping[str, Any]) -> dict[str, Setting]:
    """Every setting a run uses: the command line's (``cli``, the keys given there), else
    ``STDSCHEMA_LANG`` for the language, else the file's, else the default.
    ``baseline`` is a path: the command line's as given, the file's from its folder."""
    settings: dict[str, Setting] = {}
    for key in KEYS:
        if key in cli:
            settings[key] = Setting(cli[key], "cli")
        elif key == "lang" and os.environ.get(LANG_ENV):
            settings[key] = Setting(default_lang(), "env")
        elif key in config.values:
            value = config.values[key]
            if key == "baseline":
                value = str(config.root / value)
            settings[key] = Setting(value, config.source(key))
        else:
            settings[key] = Setting(DEFAULTS[key], "default")
    _layer_selection(settings, config, cli)
    return settings


def _layer_selection(settings: dict[str, Setting], config: Config, cli: Mapping[str, Any]) -> None:
    """``select``/``ignore`` layered as ruff does: ``--select`` starts afresh (the file's
    ``ignore`` is dropped too, so ``--select info`` shows infos the file ignores);
    ``--ignore`` alone adds to the file's ``ignore``."""
    if "select" in cli:
        if "ignore" not in cli:
            settings["ignore"] = Setting(DEFAULTS["ignore"], "default")
        return
    if "ignore" in cli and "ignore" in config.values:
        both = dict.fromkeys((*config.values["ignore"], *cli["ignore"]))
        settings["ignore"] = Setting(tuple(both), f"{config.source('ignore')} + cli")
