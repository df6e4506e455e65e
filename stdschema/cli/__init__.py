"""Command-line interface: ``stdschema`` (Typer + rich).

Commands are thin layers over the Python API; heavy imports happen inside
each command so that ``stdschema --help`` stays fast.
"""

from __future__ import annotations

import typer

from stdschema import __version__
from stdschema.cli import datasets as _datasets
from stdschema.cli import schema as _schema
from stdschema.cli import transforms as _transforms  # noqa: F401  (registers `map transforms`)
from stdschema.cli.common import fail, install_console_errors
from stdschema.cli.convert import convert_command, map_app, upgrade_command
from stdschema.cli.validate import validate_command
from stdschema.messages import t

app = typer.Typer(
    name="stdschema",
    help="自治体標準オープンデータセットの検証・変換ツール / "
    "Validate and convert Japan's municipal standard open data.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.command("validate")(validate_command)
app.command("convert")(convert_command)
app.command("upgrade")(upgrade_command)
app.add_typer(map_app, name="map")
app.add_typer(_datasets.app, name="datasets")
app.add_typer(_schema.app, name="schema")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"stdschema {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """stdschema."""


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


if __name__ == "__main__":
    main()
