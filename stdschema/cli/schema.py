"""``stdschema schema``: export JSON Schemas, check that ``schemas/`` is current."""

from __future__ import annotations

from pathlib import Path

import typer

from stdschema.cli.common import LangOption, fail, resolve_lang

app = typer.Typer(
    help="JSON Schema・Table Schema の書き出し / Export JSON Schemas and Table Schemas.",
    no_args_is_help=True,
)

FORMAT_HELP = (
    "all (default), json-schema (JSON Schema 2020-12 and index.json) or table-schema "
    "(Frictionless Table Schema, under table-schema/)."
)


@app.command("export")
def export_command(
    out: Path = typer.Option(Path("schemas"), "--out", "-o", help="Folder to write into."),
    check: bool = typer.Option(
        False, "--check", help="Write nothing; exit 1 when the folder is stale."
    ),
    fmt: str = typer.Option("all", "--format", "-f", help=FORMAT_HELP),
    lang: str | None = LangOption,
) -> None:
    """Write one JSON Schema (2020-12) and one Table Schema per dataset edition, and an index."""
    from stdschema.messages import t
    from stdschema.outputs import OutputError
    from stdschema.schema import FORMATS, export, stale

    language = resolve_lang(lang)
    if fmt not in FORMATS:
        fail(
            t("schema.unknown_format", language, value=repr(fmt), expected=", ".join(FORMATS)),
            lang=language,
        )
    if check:
        problems = stale(out, fmt)
        if problems:
            for p in problems:
                typer.echo(p, err=True)
            typer.echo(t("schema.stale", language, out=out), err=True)
            raise typer.Exit(1)
        typer.echo(t("schema.fresh", language, out=out))
        return
    try:
        written = export(out, language, fmt)
    except OutputError as exc:
        fail(exc, lang=language)
    except OSError as exc:
        where = exc.filename or out
        reason = exc.strerror or str(exc)
        fail(t("output.nothing_written", language, path=where, reason=reason), lang=language)
    typer.echo(t("schema.written", language, count=len(written), out=out))
