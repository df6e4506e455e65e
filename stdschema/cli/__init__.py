"""Command-line interface: ``stdschema`` (Typer + rich).

Commands are thin layers over the Python API; heavy imports happen inside
each command so that ``stdschema --help`` stays fast (see :func:`load_help_renderer` for
the help itself).
"""

from __future__ import annotations

import atexit
import importlib
import os
import sys
from typing import Any, NoReturn

# The program's own models need no pydantic plugin, and finding plugins reads the metadata
# of every installed distribution at each start (8 ms of a 0.3 s run). Set before any model
# is built; a value the user gave is kept (an empty one turns discovery back on).
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

import typer

from stdschema import __version__
from stdschema.cli import catalog as _catalog
from stdschema.cli import config as _config
from stdschema.cli import datasets as _datasets
from stdschema.cli import schema as _schema
from stdschema.cli import transforms as _transforms  # noqa: F401  (registers `map transforms`)
from stdschema.cli.common import LangName, fail, h, install_console_errors
from stdschema.cli.convert import convert_command, map_app, upgrade_command
from stdschema.cli.serve import serve_command
from stdschema.cli.usage import LocalizedGroup, localize_help_labels
from stdschema.cli.validate import validate_command
from stdschema.config import LANG_ENV
from stdschema.messages import t

app = typer.Typer(
    name="stdschema",
    cls=LocalizedGroup,
    help=h("app"),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.command("validate", help=h("validate"))(validate_command)
app.command("convert", help=h("convert"))(convert_command)
app.command("upgrade", help=h("upgrade"))(upgrade_command)
app.add_typer(map_app, name="map", help=h("map"))
app.add_typer(_datasets.app, name="datasets", help=h("datasets"))
app.add_typer(_schema.app, name="schema", help=h("schema"))
app.add_typer(_config.app, name="config", help=h("config"))
app.add_typer(_catalog.app, name="catalog", help=h("catalog"))
app.command("serve", help=h("serve"))(serve_command)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"stdschema {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help=h("version")
    ),
    lang: LangName | None = typer.Option(None, "--lang", help=h("root_lang")),
) -> None:
    """stdschema."""
    # `stdschema --lang en COMMAND` is STDSCHEMA_LANG=en for this run: every command and
    # the processes of --jobs read it, and a command's own --lang still wins.
    if lang is not None:
        os.environ[LANG_ENV] = lang


# typer.rich_utils, which renders the rich help, imports these two at module level for
# Markdown help text and pretty tracebacks; this app uses neither (rich markup, pretty
# exceptions off), and together they pull in markdown-it, pygments and attrs: 60-80 ms of a
# --help that otherwise takes about 0.15 s.
_UNUSED_BY_HELP = {"rich.markdown": "Markdown", "rich.traceback": "Traceback"}


class _Later(type):
    """The metaclass of a stand-in: calling it or reading an attribute imports the real
    class and hands over to it."""

    _module: str
    _name: str

    def real(cls) -> Any:
        return getattr(importlib.import_module(cls._module), cls._name)

    def __call__(cls, *args: Any, **kwargs: Any) -> Any:
        return cls.real()(*args, **kwargs)

    def __getattr__(cls, attr: str) -> Any:
        return getattr(cls.real(), attr)


def load_help_renderer() -> None:
    """Import typer's rich help renderer without the two rich modules it never uses here.

    While ``typer.rich_utils`` is imported, ``rich.markdown`` and ``rich.traceback`` are
    placeholder modules whose class is a stand-in that imports the real class on first use;
    they are withdrawn right after, so any later ``import rich.markdown`` gets the real
    module. The help is still typer's own rendering of the real commands, unchanged
    (tests/test_startup.py compares it with a run that imports them). Should typer ever
    import something else from them, the stand-ins are dropped and it is imported plainly.
    """
    if "typer.rich_utils" in sys.modules:
        return
    import types

    placed: list[str] = []
    for module, name in _UNUSED_BY_HELP.items():
        if module in sys.modules:
            continue
        holder = types.ModuleType(module)
        setattr(holder, name, _Later(name, (), {"_module": module, "_name": name}))
        sys.modules[module] = holder
        placed.append(module)
    try:
        importlib.import_module("typer.rich_utils")
    except ImportError:
        sys.modules.pop("typer.rich_utils", None)
        for module in placed:
            sys.modules.pop(module, None)
        placed = []
        importlib.import_module("typer.rich_utils")
    finally:
        for module in placed:
            sys.modules.pop(module, None)


def _asks_for_help(args: list[str]) -> bool:
    """Whether this run prints help: ``--help`` anywhere, or no command at all."""
    return not args or "--help" in args


def main() -> None:
    """Console-script entry point: never lets a traceback reach the user.

    SIGTERM (``timeout``, CI cancellation) and SIGHUP end a command like SIGINT: the
    exception unwinds it, its outputs' temporary files are removed, and the exit status
    is 128 + the signal number with one line on stderr.
    """
    from stdschema.outputs import (
        Interrupted,
        argv_lang,
        cleanup_temporaries,
        install_signal_handlers,
        stop_raising,
    )

    install_signal_handlers()
    # Never a UnicodeEncodeError on a narrow console: see stdschema.cli.common.
    install_console_errors()
    if _asks_for_help(sys.argv[1:]):
        load_help_renderer()
        localize_help_labels()
    try:
        try:
            app()
        finally:
            # The net under every ``with OutputSet()``: nothing half-written survives.
            cleanup_temporaries()
    except Interrupted as exc:
        stop_raising()
        cleanup_temporaries()
        language = argv_lang()
        fail(t("output.interrupted", language, signal=exc.name), code=exc.exit_code, lang=language)
    except KeyboardInterrupt:
        language = argv_lang()
        fail(t("usage.interrupted", language), code=130, lang=language)
    except SystemExit:
        raise
    except Exception as exc:  # last resort: report in one line, exit 2
        language = argv_lang()
        detail = f"{type(exc).__name__}: {exc}"
        fail(t("usage.internal_error", language, detail=detail), lang=language)
    finally:
        stop_raising()  # a signal during interpreter exit changes nothing any more


def run() -> None:
    """The console script and ``python -m stdschema``: :func:`main`, then
    :func:`quick_exit` (``main`` itself returns or raises, for callers in process)."""
    try:
        main()
    except SystemExit as done:
        quick_exit(done.code)
    quick_exit(0)


def quick_exit(code: object) -> NoReturn:
    """End a finished command without tearing the interpreter down.

    Finalising the ~300 modules a command imports (pydantic, typer, rich, polars) took
    45 ms of a 10-row validate's 0.34 s, and 0.1-0.2 s after a large file, for nothing:
    the outputs are closed by then. What an exit must still do is done here: the atexit
    handlers (process pools, temporary folders, logging), then the standard streams
    flushed. The ordinary exit is taken instead when that cannot be done safely: a
    non-daemon thread still running (the interpreter waits for it), an exit status that
    is not a number (a message), or a stream that cannot be flushed (a closed pipe keeps
    the interpreter's own handling).
    """
    import threading

    status = 0 if code is None else code
    if not isinstance(status, int) or any(
        thread.is_alive() and not thread.daemon and thread is not threading.main_thread()
        for thread in threading.enumerate()
    ):
        raise SystemExit(code)
    atexit._run_exitfuncs()
    try:
        for stream in (sys.stdout, sys.stderr, sys.__stdout__, sys.__stderr__):
            if stream is not None:
                stream.flush()
    except (OSError, ValueError):
        raise SystemExit(code) from None
    os._exit(status)


if __name__ == "__main__":
    main()
