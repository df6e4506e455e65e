"""Usage errors in one line and one language.

The parser's own errors (an unknown option, a missing argument, a value not among the
choices, a word where a number goes) are English and typer draws them in a box under the
usage. :class:`LocalizedGroup`, the root command's class, catches them and prints one line
from the catalogue in the run's language (``--lang`` among the arguments, else
``STDSCHEMA_LANG``), exit 2. It sits in the command's ``main`` so that the console script
and an in-process ``CliRunner`` answer alike. An error of a kind not worded here is shown
as the parser's English text in an English run, and as a Japanese sentence without it in a
Japanese run: never the two mixed on one line.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

from typer.core import TyperGroup

from stdschema.cli.common import fail, h, one_line
from stdschema.messages import Lang, default_lang, t

_NO_COMMAND = re.compile(r"No such command '(.+?)'")
_NEAR = re.compile(r"Did you mean '(.+?)'")
_EXTRA = re.compile(r"Got unexpected extra argument(?:s|\(s\))? \((.*)\)")


def given_lang(args: Sequence[str]) -> Lang:
    """The language ``args`` ask for with ``--lang``, else the environment's."""
    for i, arg in enumerate(args):
        if arg == "--lang" and i + 1 < len(args):
            value = args[i + 1]
        elif arg.startswith("--lang="):
            value = arg[len("--lang=") :]
        else:
            continue
        if value in ("ja", "en"):
            return value  # type: ignore[return-value]
    return default_lang()


def _option(param: Any) -> str:
    """How the user names ``param``: its long option, else its first name."""
    opts = list(getattr(param, "opts", None) or [])
    if not opts:
        return str(getattr(param, "name", "") or "?")
    return str(next((o for o in opts if o.startswith("--")), opts[0]))


def _rejected(exc: Exception) -> tuple[Any, dict[str, Any]]:
    """The value typer's coercion refused and the first error of its validation."""
    cause = exc.__cause__
    errors = getattr(cause, "errors", None)
    if callable(errors):
        try:
            first = errors()[0]
        except (IndexError, TypeError):
            first = {}
        if isinstance(first, dict):
            return first.get("input"), first
    return None, {}


def _bad_parameter(exc: Exception, lang: Lang) -> str:
    param = getattr(exc, "param", None)
    option = _option(param)
    value, error = _rejected(exc)
    descriptor = getattr(param, "type_descriptor", None)
    choices = getattr(descriptor, "choices", None)
    if choices:
        listed = ", ".join(str(c) for c in choices)
        return t("usage.choice", lang, option=option, choices=listed, value=repr(value))
    kind = str(error.get("type", ""))
    if kind == "int_parsing":
        return t("usage.not_int", lang, option=option, value=repr(value))
    if kind in ("greater_than_equal", "greater_than"):
        limits = error.get("ctx") or {}
        minimum = limits.get("ge", limits.get("gt"))
        return t("usage.too_small", lang, option=option, minimum=minimum, value=repr(value))
    if value is not None:
        return t("usage.bad_value", lang, option=option, value=repr(value))
    return _other(exc, lang)


def _missing(exc: Exception, lang: Lang) -> str:
    param = getattr(exc, "param", None)
    if getattr(param, "param_type_name", "") == "argument":
        name = str(getattr(param, "name", "") or "?").upper()
        return t("usage.missing_argument", lang, name=name)
    return t("usage.missing_option", lang, option=_option(param))


def _other(exc: Exception, lang: Lang) -> str:
    message = str(getattr(exc, "message", "") or exc)
    found = _NO_COMMAND.search(message)
    if found:
        near = _NEAR.search(message)
        if near:
            return t("usage.command_near", lang, command=found.group(1), possible=near.group(1))
        return t("usage.no_such_command", lang, command=found.group(1))
    found = _EXTRA.search(message)
    if found:
        return t("usage.extra_argument", lang, value=found.group(1))
    if lang == "en" and message:
        return message.rstrip(".")
    return t("usage.other", lang)


def usage_line(exc: Exception, lang: Lang) -> str:
    """The one-line message of a parser error, in ``lang``."""
    kind = type(exc).__name__  # typer vendors its click: matched by name, not by class
    if kind == "NoSuchOption":
        option = str(getattr(exc, "option_name", ""))
        possible = list(getattr(exc, "possibilities", None) or [])
        if possible:
            line = t("usage.did_you_mean", lang, option=option, possible=", ".join(possible))
        else:
            line = t("usage.no_such_option", lang, option=option)
    elif kind == "MissingParameter":
        line = _missing(exc, lang)
    elif kind == "BadOptionUsage" and "requires an argument" in str(exc):
        line = t("usage.needs_value", lang, option=str(getattr(exc, "option_name", "")))
    elif kind == "BadParameter":
        line = _bad_parameter(exc, lang)
    else:
        line = _other(exc, lang)
    ctx = getattr(exc, "ctx", None)
    command = getattr(ctx, "command_path", None)
    return t("usage.see_help", lang, line=line, command=command) if command else line


def _refuse(exc: Exception, args: Sequence[str]) -> NoReturn:
    if type(exc).__name__ == "NoArgsIsHelpError":
        raise SystemExit(getattr(exc, "exit_code", 2))  # the help is already printed
    lang = given_lang(args)
    fail(one_line(usage_line(exc, lang)), code=getattr(exc, "exit_code", 2), lang=lang)


class LocalizedGroup(TyperGroup):
    """typer's group, with its help worded in the help's language and, as the root command,
    the parser's errors worded by :func:`usage_line`."""

    def format_help(self, ctx: Any, formatter: Any) -> None:
        # A group run without its subcommand prints its help without --help on the
        # command line: word typer's labels here too (main() does it for --help).
        if "typer.rich_utils" not in sys.modules:
            from stdschema.cli import load_help_renderer

            load_help_renderer()
        localize_help_labels()
        super().format_help(ctx, formatter)

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        given = list(sys.argv[1:] if args is None else args)
        try:
            result = super().main(
                args,  # None: typer reads sys.argv (and expands globs on Windows)
                prog_name,
                complete_var,
                standalone_mode=False,
                windows_expand_args=windows_expand_args,
                **extra,
            )
        except Exception as exc:
            kinds = {kind.__name__ for kind in type(exc).__mro__}
            if "ClickException" in kinds:
                _refuse(exc, given)
            if "Abort" in kinds:  # end of input at a prompt
                lang = given_lang(given)
                fail(t("usage.interrupted", lang), code=1, lang=lang)
            raise
        if not standalone_mode:
            return result
        # typer.Exit(n) inside a command comes back as n; a command's own return is 0.
        raise SystemExit(result if isinstance(result, int) else 0)


# typer's help panels' own words, in the help's language (tests/test_cli_language.py).
_LABELS = {
    "ARGUMENTS_PANEL_TITLE": "arguments",
    "OPTIONS_PANEL_TITLE": "options",
    "COMMANDS_PANEL_TITLE": "commands",
    "DEFAULT_STRING": "default",
    "REQUIRED_LONG_STRING": "required",
}


def localize_help_labels() -> None:
    """Word the titles and marks of typer's help in :data:`stdschema.cli.common.HELP_LANG`."""
    rich_utils = sys.modules.get("typer.rich_utils")
    if rich_utils is None:
        return
    for name, key in _LABELS.items():
        if hasattr(rich_utils, name):
            setattr(rich_utils, name, h(f"label.{key}"))
    # rich breaks lines at spaces and cuts a longer run with "…" in the options table;
    # Japanese has no spaces, so its help text would be cut off. Folded, a run longer than
    # the column continues on the next line (English breaks at its spaces as before).
    _localize_help_option()
    make_text = getattr(rich_utils, "_make_rich_text", None)
    if make_text is None or getattr(make_text, "folds", False):
        return

    def folded(**kwargs: Any) -> Any:
        text = make_text(**kwargs)
        if getattr(text, "overflow", "") is None:
            text.overflow = "fold"
        return text

    folded.folds = True  # type: ignore[attr-defined]
    setattr(rich_utils, "_make_rich_text", folded)  # noqa: B010  (typer's private helper)


def _localize_help_option() -> None:
    """The ``--help`` option's own help text in :data:`HELP_LANG` (click words it in
    English when it adds the option to a command)."""
    # typer vendors click: its Command is the base of every command and group here.
    base = getattr(sys.modules.get("typer._click.core"), "Command", None)
    original = getattr(base, "get_help_option", None)
    if original is None or getattr(original, "localized", False):
        return

    def get_help_option(self: Any, ctx: Any) -> Any:
        option = original(self, ctx)
        if option is not None:
            option.help = h("help")
        return option

    get_help_option.localized = True  # type: ignore[attr-defined]
    setattr(base, "get_help_option", get_help_option)  # noqa: B010
