"""``stdschema map transforms``: every transform with its arguments and worked examples."""

from __future__ import annotations

import sys

import typer

from stdschema.cli.common import LangName, LangOption, h, print_json, resolve_lang
from stdschema.cli.convert import map_app


@map_app.command("transforms", help=h("map.transforms"))
def transforms_command(
    as_json: bool = typer.Option(False, "--json", help=h("transforms.json")),
    lang: LangName | None = LangOption,
) -> None:
    """List the transforms a mapping can use, with their arguments and examples."""
    from stdschema.conversion.transform_docs import render_listing, transform_entries

    language = resolve_lang(lang)
    if as_json:
        print_json(transform_entries())
        return
    # main() made stdout replace what a narrow console (CP932, ASCII) cannot encode.
    sys.stdout.write(render_listing(language))
