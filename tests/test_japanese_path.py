"""The whole path in Japanese (issue 12, item 2 and its acceptance): ``map suggest`` →
``convert`` → ``validate`` on real legacy files writes no English sentence in any line of
output, mapping comment, rejects reason or change-log description."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from stdschema.cli import app
from stdschema.io import open_table
from stdschema.io.notes import Note
from stdschema.messages import CATALOGUE

EXAMPLES = Path(__file__).parent.parent / "examples"

# (folder, source, target): #LINK metadata rows, 和暦 and time ranges; ○/△ flags and a
# blanked ◎ column; CP932 with English-free headers
CASES = [
    (
        "takamatsu_childcare",
        "takamatsu_0079_unapproved_childcare_facilities.csv",
        "childcare_facilities@v2",
    ),
    (
        "takamatsu_evacuation",
        "takamatsu_0060_evacuation_space.csv",
        "designated_emergency_evacuation_sites@v2",
    ),
    ("yaizu_yohairyosya", "yaizu_yohairyosya.csv", "public_facilities@v2"),
]

# What may hold ASCII words without being prose: quoted text (headers, values, file
# contents), paths and file names, options, commands, dataset keys, and identifiers
# (transform names, problem codes, change-log kinds, escapes such as \u3000).
_QUOTED = re.compile(r"「[^」]*」|'[^']*'|\"[^\"]*\"|`[^`]*`")
_COMMAND = re.compile(r"stdschema(?: [^\s（）、。]+)+")
_TOKEN = re.compile(
    r"\S*[/\\]\S*"  # paths
    r"|\S+\.(?:csv|yaml|yml|xlsx|xml|json)\b"  # file names
    r"|--?[A-Za-z][\w-]*"  # options
    r"|[\w.-]+@v[0-9]+"  # dataset keys
    r"|\b\w*(?:_|-)\w*\b"  # snake_case and kebab-case identifiers
    r"|\\u[0-9a-fA-F]{4}"
)
_SENTENCE = re.compile(r"\b[A-Za-z]+(?:\s+[A-Za-z]+){2,}\b")


def english_sentence(text: str) -> str | None:
    """The first run of three or more plain ASCII words left once quoted text, paths,
    options, commands and identifiers are taken out; None when there is none."""
    for pattern in (_QUOTED, _COMMAND, _TOKEN):
        text = pattern.sub(" ", text)
    found = _SENTENCE.search(text)
    return found.group(0) if found else None


def test_the_detector() -> None:
    assert english_sentence("header found on line 7 after 6 row(s)") == "header found on line"
    assert english_sentence("見出し「telephone number here」は電話番号") is None
    assert english_sentence("使い方: stdschema convert 入力 --mapping this file") is None
    assert english_sentence("値 'is not a date' は日付ではありません") is None
    assert english_sentence("ほかの値: time_range_end blank-required aed_locations@v2") is None
    assert english_sentence("date: '1985-4-13' is not a date") == "is not a date"


def _english_lines(texts: list[tuple[str, str]]) -> list[str]:
    return [
        f"{where}: {sentence!r} in {text!r}"
        for where, text in texts
        if (sentence := english_sentence(text)) is not None
    ]


def _invoke(args: list[str], lang: str = "") -> tuple[int, str]:
    # Japanese is the default: no --lang, and no STDSCHEMA_LANG from the environment.
    result = CliRunner().invoke(app, args, env={"STDSCHEMA_LANG": lang})
    return result.exit_code, result.stdout + result.stderr


def _csv_column(path: Path, column: str) -> list[str]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return [row[column] for row in csv.DictReader(f)]


def _run_path(tmp_path: Path, src: Path, target: str, lang: str = "") -> list[tuple[str, str]]:
    """Every text the path shows a person: console lines, mapping comments, rejects reasons
    and change-log descriptions, each with where it came from."""
    texts: list[tuple[str, str]] = []

    mapping = tmp_path / "mapping.yaml"
    code, out = _invoke(["map", "suggest", str(src), "--dataset", target, "-o", str(mapping)], lang)
    assert code == 0, out
    texts += [("map suggest", line) for line in out.splitlines()]
    for line in mapping.read_text(encoding="utf-8").splitlines():
        if "#" in line:
            # Only the comment: the YAML itself names input columns, which may be English.
            comment = line.split("# ", 1)[1] if "# " in line else ""
            texts.append(("mapping comment", comment))

    # Once as it comes (rows with gaps are rejected, with their reasons), once keeping them.
    for options, name in (([], "rejected.csv"), (["--keep-incomplete"], "kept.csv")):
        output = tmp_path / name
        args = ["convert", str(src), "-m", str(mapping), "-o", str(output), *options]
        code, out = _invoke(args, lang)
        assert code in (0, 1), out
        texts += [("convert", line) for line in out.splitlines()]
        rejects = output.with_name(name + ".rejects.csv")
        texts += [("rejects reason", r) for r in _csv_column(rejects, "reasons")]
        changes = output.with_name(name + ".changes.csv")
        texts += [("change-log description", d) for d in _csv_column(changes, "description")]

    code, out = _invoke(["validate", str(tmp_path / "kept.csv")], lang)
    assert code in (0, 1), out
    texts += [("validate", line) for line in out.splitlines()]
    code, out = _invoke(["validate", str(src)], lang)
    assert code == 1, out  # a local layout: not recognised, the next commands follow
    texts += [("validate (source)", line) for line in out.splitlines()]

    return texts


@pytest.mark.parametrize(("folder", "source", "target"), CASES, ids=[c[0] for c in CASES])
def test_map_suggest_convert_validate_in_japanese(
    tmp_path: Path, folder: str, source: str, target: str
) -> None:
    texts = _run_path(tmp_path, EXAMPLES / folder / source, target)
    assert len(texts) > 50
    assert _english_lines(texts) == []


def test_the_same_path_in_english_is_caught(tmp_path: Path) -> None:
    """The check is not vacuous: with --lang en, every kind of text has English sentences."""
    folder, source, target = CASES[0]
    texts = _run_path(tmp_path, EXAMPLES / folder / source, target, lang="en")
    kinds = {line.split(":", 1)[0] for line in _english_lines(texts)}
    expected = {
        "mapping comment",
        "convert",
        "rejects reason",
        "change-log description",
        "validate",
    }
    assert expected <= kinds


def test_every_reader_note_has_japanese_words() -> None:
    keys = [key for key in CATALOGUE if key.startswith("note.")]
    assert keys
    english = [(key, CATALOGUE[key]["ja"]) for key in keys]
    assert _english_lines(english) == []


def test_the_reader_notes_of_a_legacy_file_in_both_languages() -> None:
    src = EXAMPLES / "takamatsu_aed" / "takamatsu_0002_aed_location.csv"
    with open_table(src) as table:
        notes = list(table.notes)
    assert [n.key for n in notes if isinstance(n, Note)] == [
        "header_after_metadata",
        "property_marker",
    ]
    # The string is the stable English form; text() words it for a person.
    first = notes[0]
    assert isinstance(first, Note)
    assert first == "header found on line 7 after 6 metadata row(s)"
    assert first.text("ja") == (
        "見出し行は 7 行目です（その前のメタデータの行 6 行を読み飛ばしました）"
    )
    assert first.text("en") == first
