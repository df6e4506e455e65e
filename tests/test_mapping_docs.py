"""docs/mapping.md and ``stdschema map transforms``: generated from the registry, fresh, and
every example in them run for real."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from stdschema.cli import app
from stdschema.conversion import transform_docs
from stdschema.conversion.mapping import parse_mapping
from stdschema.conversion.plan import Change, ColumnPlan, canonical_rules
from stdschema.conversion.transform_docs import (
    DOCS_PATH,
    SYNTAX,
    SYNTAX_TARGET,
    SyntaxItem,
    render_listing,
    render_markdown,
)
from stdschema.conversion.transforms import (
    TRANSFORMS,
    Example,
    TransformContext,
    TransformError,
    apply_chain,
    resolve,
)
from stdschema.datasets import get_dataset

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = [
    pytest.param(name, example, id=f"{name}-{index}")
    for name, transform in TRANSFORMS.items()
    for index, example in enumerate(transform.examples)
]
# Four or more words of Latin letters separated by single spaces: an English sentence (or
# most of one). Specs such as {take: latitude, other: 経度} are not: colons and commas.
ENGLISH_RUN = re.compile("[A-Za-z]+(?: [A-Za-z]+){3,}")


def test_docs_are_fresh() -> None:
    current = DOCS_PATH.read_text(encoding="utf-8")
    assert current == render_markdown(), f"docs/mapping.md is stale: {transform_docs.REGENERATE}"
    assert transform_docs.REGENERATE in current.split("\n## ")[0]  # said at the top


def test_check_command_tells_stale(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert transform_docs.main(["--check"]) == 0
    stale = tmp_path / "mapping.md"
    stale.write_text(render_markdown().replace("`split`", "`splits`"), encoding="utf-8")
    monkeypatch.setattr(transform_docs, "DOCS_PATH", stale)
    assert transform_docs.main(["--check"]) == 1
    assert transform_docs.main(["--write"]) == 0
    assert transform_docs.main(["--check"]) == 0
    assert stale.read_text(encoding="utf-8") == render_markdown()


def _run_example(example: Example) -> str | None:
    transform_spec = yaml.safe_load(example.spec)
    ctx = TransformContext(
        publisher_code=example.context.get("publisher_code"),
        prefecture=example.context.get("prefecture"),
        row=example.row,
    )
    try:
        return apply_chain(example.input, [resolve(transform_spec)], ctx)[0]
    except TransformError:
        return None


@pytest.mark.parametrize(("name", "example"), EXAMPLES)
def test_every_transform_example_runs(name: str, example: Example) -> None:
    # The spec is written as a mapping file writes it, and names its own transform.
    assert resolve(yaml.safe_load(example.spec))[0].name == name
    assert _run_example(example) == example.output
    # Every example is in the docs as stated.
    docs = DOCS_PATH.read_text(encoding="utf-8")
    assert json.dumps(example.input, ensure_ascii=False).replace("|", "\\|") in docs


def _run_syntax(item: SyntaxItem) -> dict[str, str]:
    text = item.yaml if item.whole else f"version: 1\ntarget: {SYNTAX_TARGET}\ncolumns:\n"
    if not item.whole:
        text += "".join(f"  {line}\n" for line in item.yaml.splitlines())
    mapping = parse_mapping(text)
    if not item.result:
        return {}
    model = get_dataset(mapping.target)
    context = {k: v for k, v in mapping.context.model_dump().items() if v}
    plan = ColumnPlan(model, canonical_rules(model, mapping, "en"), context, frozenset())
    log: list[Change] = []
    cells, errors = plan.fill(2, dict(item.row), log)
    assert errors == []
    return {header: cells[header] for header in item.result}


@pytest.mark.parametrize("item", SYNTAX, ids=[item.key for item in SYNTAX])
def test_every_syntax_example_runs(item: SyntaxItem) -> None:
    """Each snippet is a valid mapping; with a row, converting it gives the stated cells."""
    assert _run_syntax(item) == dict(item.result)


def test_syntax_covers_what_newcomers_asked_for() -> None:
    snippets = "\n".join(item.yaml for item in SYNTAX)
    for needed in ('source: "#property"', "split:", "constant:", "blank_if:", "concat:", "map:"):
        assert needed in snippets, needed
    # Everything a column rule can say is shown.
    from stdschema.conversion.mapping import ColumnRule

    for key in ColumnRule.model_fields:
        assert f"{key}:" in snippets, key


def test_every_transform_is_documented() -> None:
    docs = DOCS_PATH.read_text(encoding="utf-8")
    for name, transform in TRANSFORMS.items():
        assert f"### `{name}`" in docs
        assert transform.examples, name
        for argument in transform.arguments:
            assert argument.ja and argument.en and argument.type_ja and argument.type_en
        if transform.takes_argument:
            # At least one example shows the argument written out.
            assert any(e.spec != name for e in transform.examples), name
            assert transform.argument_example != name


@pytest.mark.parametrize("name", sorted(TRANSFORMS))
def test_descriptions_are_sentences(name: str) -> None:
    transform = TRANSFORMS[name]
    texts_ja = [transform.description_ja, *(a.ja for a in transform.arguments)]
    texts_en = [transform.description_en, *(a.en for a in transform.arguments)]
    for text in texts_ja:
        assert text.endswith("。"), text
        assert not ENGLISH_RUN.search(text), text
    for text in texts_en:
        assert text[0].isupper() and text.endswith("."), text
    assert ENGLISH_RUN.search(transform.description_en)  # the detector sees English prose


def test_syntax_prose_is_in_both_languages() -> None:
    for item in SYNTAX:
        assert item.ja.endswith("。") and not ENGLISH_RUN.search(item.ja + item.title_ja)
        assert item.en[0].isupper() and item.en.endswith(".")


def _cli(*args: str) -> Any:
    result = CliRunner().invoke(app, ["map", "transforms", *args])
    assert result.exit_code == 0, result.output
    return result


def test_json_lists_every_transform() -> None:
    entries = json.loads(_cli("--json").stdout)
    assert [e["name"] for e in entries] == list(TRANSFORMS)
    for entry in entries:
        transform = TRANSFORMS[entry["name"]]
        assert entry["description_ja"] == transform.description_ja
        assert entry["description_en"] == transform.description_en
        assert [a["name"] for a in entry["arguments"]] == [a.name for a in transform.arguments]
        assert len(entry["examples"]) == len(transform.examples) >= 1
        for shown, example in zip(entry["examples"], transform.examples, strict=True):
            assert (shown["spec"], shown["input"], shown["output"]) == (
                example.spec,
                example.input,
                example.output,
            )
    extract = next(e for e in entries if e["name"] == "regex_extract")
    on_no_match = next(a for a in extract["arguments"] if a["name"] == "on_no_match")
    assert (on_no_match["required"], on_no_match["default"]) == (False, "keep")


def test_japanese_listing_has_no_english_sentence() -> None:
    out = _cli("--lang", "ja").stdout
    assert out == render_listing("ja")
    assert [line for line in out.splitlines() if ENGLISH_RUN.search(line)] == []
    for name, transform in TRANSFORMS.items():
        assert f"\n{name}\n" in out
        assert transform.description_ja in out and transform.description_en not in out
    assert "変換できない値として報告" in out  # refused examples say so in Japanese


def test_english_listing() -> None:
    out = _cli("--lang", "en").stdout
    assert "Transforms a mapping can use: " in out
    assert TRANSFORMS["split"].description_en in out
    assert 'split: {sep: "、", index: 0}}: "5724、5713、5712" → "5724"' in out
    assert "on_no_match (keep, blank or reject, optional, default keep):" in out


@pytest.mark.parametrize("encoding", ["cp932", "ascii"])
def test_listing_on_a_narrow_console(encoding: str) -> None:
    env = dict(os.environ, PYTHONIOENCODING=encoding, PYTHONPATH=str(ROOT), STDSCHEMA_LANG="ja")
    proc = subprocess.run(
        [sys.executable, "-m", "stdschema", "map", "transforms"],
        capture_output=True,
        env=env,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0 and proc.stderr == b""
    text = proc.stdout.decode(encoding)  # every byte is of that encoding
    assert "wareki_to_iso" in text and "regex_extract" in text
    if encoding == "cp932":
        assert TRANSFORMS["split"].description_ja in text
