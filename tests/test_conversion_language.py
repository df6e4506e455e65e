"""One language at a time along the conversion path: what ``convert`` and ``upgrade`` tell a
person (console lines, notes, rejects reasons, change-log descriptions, errors) is Japanese by
default and English with ``--lang en``, and every sentence of it comes from the catalogue."""

from __future__ import annotations

import ast
import csv
import re
import subprocess
import sys
from pathlib import Path

import pytest

from stdschema.conversion.suggest import render_yaml, suggest_mapping
from stdschema.datasets import get_dataset
from stdschema.messages import CATALOGUE

ROOT = Path(__file__).parent.parent
LEGACY = Path(__file__).parent / "data" / "real" / "legacy"
EVACUATION = LEGACY / "takamatsu_0060_evacuation_space.csv"
TARGET = "designated_emergency_evacuation_sites@v2"
V1_AED = ROOT / "examples" / "yaizu_aed_upgrade" / "222127_aed.csv"

# An English sentence: three ASCII words in a row ("is not a", "header found on").
ENGLISH = re.compile(r"\b[A-Za-z]{2,}'?[a-z]*(?:[ ,]+[A-Za-z]{2,}'?[a-z]*){2,}\b")
# Japanese prose: hiragana (particles and endings: は, の, です) outside quoted data.
HIRAGANA = re.compile(r"[\u3041-\u3096]")


def cli(*args: object, lang: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "stdschema", *map(str, args), "--lang", lang],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={"PYTHONIOENCODING": "utf-8", "PATH": ""},
        check=False,
    )


def read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def source_words() -> list[str]:
    """What the input and the target contribute to messages as data: headers and cell values."""
    with open(EVACUATION, encoding="utf-8", newline="") as f:
        cells = {c for row in csv.reader(f) for c in row if c}
    words = cells | set(get_dataset(TARGET).headers())
    return sorted(words, key=len, reverse=True)


def without_data(text: str, words: list[str]) -> str:
    """``text`` with quoted values, the file's own cells and the standard's headers removed."""
    text = re.sub(r"'[^']*'|「[^」]*」|\"[^\"]*\"", " ", text)
    # Placeholders the transforms' English descriptions name as examples (blank_if).
    text = text.replace("なし", " ")
    for word in words:
        if len(word) > 1:
            text = text.replace(word, " ")
    return text


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, object]]:
    """convert in each language, with and without --keep-incomplete, on a drafted mapping."""
    tmp = tmp_path_factory.mktemp("lang")
    found = suggest_mapping(EVACUATION, TARGET)
    out: dict[str, dict[str, object]] = {}
    for lang in ("ja", "en"):
        mapping = tmp / f"{lang}.yaml"
        mapping.write_text(render_yaml(found, lang), encoding="utf-8")  # type: ignore[arg-type]
        for keep in (False, True):
            name = f"{lang}{'-keep' if keep else ''}"
            flags = ["--keep-incomplete"] if keep else []
            res = cli(
                "convert", EVACUATION, "-m", mapping, "-o", tmp / f"{name}.csv", *flags, lang=lang
            )
            assert res.returncode == (0 if keep else 1), res.stderr
            out[name] = {
                "console": res.stdout + res.stderr,
                "rejects": [r["reasons"] for r in read_csv(tmp / f"{name}.csv.rejects.csv")],
                "changes": [c["description"] for c in read_csv(tmp / f"{name}.csv.changes.csv")],
            }
    return out


def test_japanese_run_has_no_english_sentence(runs: dict[str, dict[str, object]]) -> None:
    for name in ("ja", "ja-keep"):
        run = runs[name]
        console = str(run["console"])
        assert "読み込み 193 行" in console and "見出し行は 7 行目" in console
        texts = [*console.splitlines(), *run["rejects"], *run["changes"]]  # type: ignore[misc]
        assert run["rejects"] or name == "ja-keep"
        english = [t for t in texts if ENGLISH.search(t)]
        assert english == [], english[:5]


def test_english_run_has_no_japanese_prose(runs: dict[str, dict[str, object]]) -> None:
    words = source_words()
    for name in ("en", "en-keep"):
        run = runs[name]
        console = str(run["console"])
        assert "read 193 = written" in console and "header found on line 7" in console
        texts = [*console.splitlines(), *run["rejects"], *run["changes"]]  # type: ignore[misc]
        japanese = [t for t in texts if HIRAGANA.search(without_data(t, words))]
        assert japanese == [], japanese[:5]


def test_rejects_and_change_log_follow_the_language(runs: dict[str, dict[str, object]]) -> None:
    ja, en = runs["ja"], runs["en"]
    assert len(ja["rejects"]) == len(en["rejects"]) == 91  # type: ignore[arg-type]
    assert any("は「条件付き・一部」の意味です" in r for r in ja["rejects"])  # type: ignore[attr-defined]
    assert any("means 'conditional / partly'" in r for r in en["rejects"])  # type: ignore[attr-defined]
    assert "「緯度,経度」の形で一つのセルに書かれた座標から" in "".join(ja["changes"])  # type: ignore[arg-type]
    assert "Takes the latitude or the longitude" in "".join(en["changes"])  # type: ignore[arg-type]
    kept = "".join(runs["ja-keep"]["changes"])  # type: ignore[arg-type]
    assert "必須項目（◎）「電話番号」が空欄です。" in kept


def test_upgrade_and_errors_in_both_languages(tmp_path: Path) -> None:
    ja = cli("upgrade", V1_AED, "-o", tmp_path / "ja.csv", lang="ja")
    en = cli("upgrade", V1_AED, "-o", tmp_path / "en.csv", lang="en")
    assert ja.returncode == en.returncode == 0
    assert "（aed_locations@v2、版の移行）: 読み込み 82 行" in ja.stdout
    assert not [line for line in ja.stdout.splitlines() if ENGLISH.search(line)]
    assert "(aed_locations@v2, upgrade): read 82 = written 82" in en.stdout
    bad = cli("convert", V1_AED, "-d", "aed_locations@v2", "-o", tmp_path / "x.txt", lang="ja")
    assert bad.returncode == 2 and "出力形式 'txt' は使えません" in bad.stderr
    both = cli(
        "convert", V1_AED, "-m", "m.yaml", "-d", "aed_locations@v2", "-o", "o.csv", lang="ja"
    )
    assert both.returncode == 2 and "どちらか一方だけを指定してください" in both.stderr
    assert not ENGLISH.search(both.stderr.split(":", 1)[1])


# --- every user-facing string of the conversion path comes from the catalogue -------------

MODULES = [
    ROOT / "stdschema" / "conversion" / name
    for name in ("engine.py", "plan.py", "outcomes.py", "upgrade.py", "source.py", "transforms.py")
] + [ROOT / "stdschema" / "cli" / "convert.py"]

# Calls whose text arguments reach a person: errors, problems, console output, notes.
SPEAKING = {
    "Problem",
    "print",
    "echo",
    "fail",
    "reject",
    "write",
    "writerow",
    "append",
    "MappingError",
    "TransformError",
    "BadArgumentError",
    "UnknownDatasetError",
    "InputError",
}
# Prose: two English words in a row, or any Japanese character.
PROSE = re.compile(r"[A-Za-z]{2,}[ ,;:]+[A-Za-z]{2,}|[\u3040-\u30ff\u3400-\u9fff]")


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Attribute):
        return func.attr
    return func.id if isinstance(func, ast.Name) else ""


def _texts(node: ast.AST) -> list[tuple[int, str]]:
    """String literals (and the literal parts of f-strings) in ``node``, skipping the
    arguments of ``t()`` after its key (values, not prose)."""
    found: list[tuple[int, str]] = []
    for sub in ast.walk(node):
        if isinstance(sub, ast.Constant) and isinstance(sub.value, str):
            found.append((sub.lineno, sub.value))
    return found


def speaking_literals(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Raise) and node.exc is not None:
            found += _texts(node.exc)
        elif isinstance(node, ast.Call) and _name(node.func) in SPEAKING:
            for arg in [*node.args, *(k.value for k in node.keywords)]:
                found += _texts(arg)
    return found


def catalogue_keys(path: Path) -> list[tuple[int, str]]:
    """The keys given to ``t()`` as literals."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        (node.lineno, node.args[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and _name(node.func) == "t"
        and node.args
        and isinstance(node.args[0], ast.Constant)
        and isinstance(node.args[0].value, str)
    ]


@pytest.mark.parametrize("path", MODULES, ids=[p.name for p in MODULES])
def test_no_prose_outside_the_catalogue(path: Path) -> None:
    prose = [
        f"{path.name}:{line}: {text!r}"
        for line, text in speaking_literals(path)
        if PROSE.search(text) and text not in CATALOGUE
    ]
    assert prose == []


@pytest.mark.parametrize("path", MODULES, ids=[p.name for p in MODULES])
def test_catalogue_keys_exist(path: Path) -> None:
    missing = [
        f"{path.name}:{line}: {key}"
        for line, key in catalogue_keys(path)
        if key not in CATALOGUE and "{" not in key
    ]
    assert missing == []


def test_scan_sees_what_it_should() -> None:
    """The scan is not vacuous: it finds the catalogue keys given to the errors."""
    literals = {text for _line, text in speaking_literals(MODULES[5])}
    assert {"tx.not_date", "txarg.shape"} <= literals
    assert PROSE.search("row counts do not reconcile")
    assert not PROSE.search("left_blank") and not PROSE.search("convert.gap_line")
